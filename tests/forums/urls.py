"""Test URLconf: the forums under /<lang>/focal-points/forums/, with the site's.

Until the root URLconf mounts `forums.urls`; listed first, so that these win
should it mount them too.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from rabat.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *i18n_patterns(
        path("focal-points/forums/", include("forums.urls")),
        prefix_default_language=True,
    ),
    *site_urlpatterns,
]
