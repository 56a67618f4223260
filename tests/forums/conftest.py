import pytest
from django.contrib.auth.models import Group

from rabat import roles
from tests.forums.factories import ForumFactory


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
