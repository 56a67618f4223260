import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    # reverse() then gives /en/ URLs; the language is reset after each test.
    translation.activate("en")
