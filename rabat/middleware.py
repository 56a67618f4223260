from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode

from rabat.roles import effective_roles

PRIVATE_PATH_PARTS = ("/focal-points/", "/accounts/")


def _is_private_path(path):
    return path.startswith("/admin/") or any(
        part in path for part in PRIVATE_PATH_PARTS
    )


class RequireStaffTwoFactorMiddleware:
    """Send staff and Secretariat users without 2FA from the admin to set it up.

    The admin refuses them anyway (rabat.rules.admin_has_permission), and
    everywhere else they have a member's rights (rabat.roles); this only
    shows them the way to the back office.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.namespaces[:1] != ["admin"]:
            return None
        roles = effective_roles(request.user)
        if not roles.requires_two_factor or roles.has_two_factor:
            return None
        setup_url = reverse("mfa_activate_totp")
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{setup_url}?{query}")


class CacheControlMiddleware:
    """Private pages are never stored; anonymous public pages may be cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or _is_private_path(
            request.path
        ):
            patch_cache_control(response, private=True, no_store=True)
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
        ):
            patch_cache_control(
                response, public=True, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS
            )
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response


# When the session's expiry was last pushed back; see SessionIdleTimeoutMiddleware.
SESSION_REFRESHED_KEY = "rabat_idle_refreshed_at"


def session_idle_timeout(user) -> int:
    """Seconds of inactivity after which `user`'s session ends: shorter for
    staff and Secretariat accounts, with or without their second factor."""
    if effective_roles(user).requires_two_factor:
        return settings.STAFF_SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT


class SessionIdleTimeoutMiddleware:
    """End a logged-in session after its user's idle timeout (shorter for staff).

    The session's expiry is set to the timeout and pushed back by activity,
    but only once a tenth of the timeout has passed since the last push, so
    that a page view does not write the session each time: a session ends
    between nine tenths of the timeout and the timeout after the last request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            timeout = session_idle_timeout(request.user)
            now = int(timezone.now().timestamp())
            refreshed_at = session.get(SESSION_REFRESHED_KEY, 0)
            if (
                session.get_expiry_age() != timeout
                or now - refreshed_at >= timeout // 10
            ):
                session.set_expiry(timeout)
                session[SESSION_REFRESHED_KEY] = now
        return self.get_response(request)
