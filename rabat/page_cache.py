"""The server-side cache of the anonymous public pages.

A public page (home, news, meetings, the Rabat Review's archive, ...) is the
same for every anonymous visitor: `cache_public_page` keeps its rendered
response in Django's cache (Redis in production, see CACHE_URL) and serves it
again without running the view, for visitors that carry neither a session nor
pending messages (a member always has a session: members never get it).

Entries are keyed by the page's language and full URL (query string
included), and carry the version of the public content they were rendered
from. `public_pages_changed()`, called by the services and admins that write
what these pages show, raises that version once the write is committed: every
entry rendered before is then stale and the page is rendered again at once.
The one version for every page keeps this honest: a save anywhere shows
everywhere (a meeting's edit on the home page, the partners page, a theme's
page), and such saves are rare next to the page views.

PAGE_CACHE_SECONDS bounds what changes with time alone (a news item or an
issue published at a later hour, a registration deadline passing); 0 turns
the cache off (the test settings: tests change data without the services).
"""

import functools
import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "rabat:public-pages:version"
PAGE_KEY_PREFIX = "rabat:public-page"


def public_pages_changed() -> None:
    """Invalidate every cached public page once the current transaction
    commits (at once outside one)."""
    transaction.on_commit(_bump_version)


def _bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet, or evicted
        cache.set(VERSION_KEY, _new_version(), timeout=None)


def _new_version() -> int:
    # Never a number an older entry may hold, even after the key was lost.
    return time.time_ns()


def _page_key(request) -> str:
    url = hashlib.md5(
        request.build_absolute_uri().encode(), usedforsecurity=False
    ).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{get_language()}:{url}"


def _may_use_cache(request) -> bool:
    """Only for what every anonymous visitor sees alike: no session (so no
    member, no messages kept in it), no messages cookie."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def _may_store(request, response) -> bool:
    """Nothing personal went into the page: no cookie set (a CSRF token, a
    session), no session written, no message waiting."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not len(getattr(request, "_messages", ()))
        and not response.has_header("Cache-Control")
    )


def cache_public_page(view):
    """Serve `view`'s page to anonymous visitors from the cache (see above).

    For class-based views: `@method_decorator(cache_public_page, name="dispatch")`.
    """

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = _new_version()
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY, version)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            _, status, headers, content = entry
            return HttpResponse(content, status=status, headers=headers)

        response = view(request, *args, **kwargs)

        def store(response):
            if _may_store(request, response):
                entry = (
                    version,
                    response.status_code,
                    dict(response.headers),
                    response.content,
                )
                cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)

        if request.method == "GET":
            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(store)
            else:
                store(response)
        return response

    return cached_view
