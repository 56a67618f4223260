from django import template
from django.contrib.staticfiles.storage import staticfiles_storage

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
