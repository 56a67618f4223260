from django import template
from django.contrib.staticfiles.storage import staticfiles_storage

from countries.maps import DEFAULT_LAYER, registered_layer, render_map

register = template.Library()

FLAGS = "vendor/flag-icons/flags/4x3/{code}.svg"


@register.simple_tag
def country_flag_url(country) -> str:
    """The address of `country`'s vendored flag (static/vendor/flag-icons),
    or "" when there is none for its code."""
    name = FLAGS.format(code=country.iso_code.lower())
    if not staticfiles_storage.exists(name):
        return ""
    return staticfiles_storage.url(name)


@register.simple_tag
def imap_partners() -> str:
    """The i-Map's component on its partner status layer, for the pages of
    other apps (the partners page): from the cache, under the public pages'
    version."""
    return render_map(registered_layer(DEFAULT_LAYER))
