"""Root URLs: everything a person reads lives under /fr/ or /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from rabat import account_views
from rabat.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that do not name one (the admin).
    path("favicon.ico", favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    # allauth's two-factor set-up, keeping `next` to the recovery codes and on.
    path(
        "accounts/2fa/totp/activate/",
        account_views.activate_totp,
        name="mfa_activate_totp",
    ),
    path(
        "accounts/2fa/recovery-codes/",
        account_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("focal-points/forums/", include("forums.urls")),
    path("focal-points/", include("contacts.urls")),
    path("meetings/", include("meetings.urls")),
    path("review/", include("newsletter.urls")),
    path("library/", include("library.urls")),
    path("", include("countries.urls")),
    path("", include("rabat.site_urls")),
    prefix_default_language=True,
)

# No media route, even in development: every uploaded file so far is private
# and served by a view that checks who asks (contact photos, forum
# attachments, meeting documents).
