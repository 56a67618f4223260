from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from countries.maps import DEFAULT_LAYER, registered_layer, render_map

register = template.Library()

FLAGS = "vendor/flag-icons/flags/4x3/{code}.svg"


@lru_cache(maxsize=512)
def _flag_url(code: str) -> str:
    name = FLAGS.format(code=code)
    return static(name) if finders.find(name) else ""


@register.simple_tag
def country_flag_url(country) -> str:
    """The address of `country`'s vendored flag (static/vendor/flag-icons),
    or "" when there is none for its code."""
    return _flag_url(country.iso_code.lower())


@register.simple_tag
def imap_partners() -> str:
    """The i-Map's component on its partner status layer, for the pages of
    other apps (the partners page): from the cache, under the public pages'
    version."""
    return render_map(registered_layer(DEFAULT_LAYER))
