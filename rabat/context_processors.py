from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse, translate_url
from django.utils.translation import get_language

# The main menu's sections, in its order: a section is current on its own
# address, and below it when it has pages of its own (a theme, a meeting...).
NAV_SECTIONS = (
    ("about", "rabat:about", False),
    ("strategy", "rabat:strategy", False),
    ("themes", "rabat:themes", True),
    ("partners", "rabat:partners", False),
    ("imap", "countries:imap", False),
    ("meetings", "meetings:list", True),
    ("news", "rabat:news_list", True),
    ("review", "newsletter:archive", True),
    ("library", "library:index", True),
)


@lru_cache(maxsize=16)
def _section_paths(language: str, script_prefix: str) -> tuple:
    return tuple(
        (section, reverse(url_name), below) for section, url_name, below in NAV_SECTIONS
    )


def nav_section(path: str) -> str:
    """The main menu's section that `path` belongs to, or ""."""
    for section, section_path, below in _section_paths(
        get_language(), get_script_prefix()
    ):
        if path == section_path or (below and path.startswith(section_path)):
            return section
    return ""


@lru_cache(maxsize=4096)
def _language_links(path: str, language: str, script_prefix: str) -> tuple:
    # translate_url resolves `path` then reverses it in each language: a
    # twentieth of a member page's CPU, the same for every view of the page.
    return tuple(
        (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
    )


def site(request):
    """The same page in every language, for the language switcher, and the
    main menu's current section (its rendering is cached per section)."""
    return {
        "language_links": _language_links(
            request.get_full_path(), get_language(), get_script_prefix()
        ),
        "nav_section": nav_section(request.path),
    }
