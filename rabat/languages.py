"""The two languages of the site's content, and the one a request reads."""

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def current_language() -> str:
    """The active language, if the content has it; French otherwise."""
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    return language if language in CONTENT_LANGUAGES else DEFAULT_LANGUAGE


def other_language(language: str) -> str:
    return "en" if language == "fr" else "fr"
