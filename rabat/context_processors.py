from django.conf import settings
from django.urls import translate_url


def site(request):
    """The same page in every language, for the language switcher."""
    path = request.get_full_path()
    return {
        "language_links": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
    }
