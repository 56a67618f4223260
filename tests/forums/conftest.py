import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from rabat import roles
from tests.conftest import make_user
from tests.forums.factories import ForumFactory


@pytest.fixture(autouse=True)
def _english():
    # reverse() then gives /en/ URLs; the language is reset after each test.
    translation.activate("en")


@pytest.fixture
def member():
    return make_user("focal_point")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def forum():
    return ForumFactory()


@pytest.fixture
def steering_forum():
    """Read by the Steering Committee and the Secretariat only."""
    forum = ForumFactory(slug="steering-committee", title_en="Steering Committee")
    forum.readers.set(
        Group.objects.filter(name__in=[roles.STEERING_COMMITTEE, roles.SECRETARIAT])
    )
    return forum
