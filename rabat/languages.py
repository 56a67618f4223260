"""The two languages of the site and its content, and the one a request reads.

`LANGUAGES` is the one list of them: settings.LANGUAGES, and the choices of
every field or form that picks one of them.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("fr", _("French")), ("en", _("English"))]
CONTENT_LANGUAGES = tuple(code for code, _name in LANGUAGES)
DEFAULT_LANGUAGE = "fr"


def current_language() -> str:
    """The active language, if the content has it; French otherwise."""
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    return language if language in CONTENT_LANGUAGES else DEFAULT_LANGUAGE


def other_language(language: str) -> str:
    return "en" if language == "fr" else "fr"
