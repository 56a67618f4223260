"""The server-side cache of the anonymous public pages.

A public page (home, news, meetings, the Rabat Review's archive, the
library...) is the same for every anonymous visitor. Its view says so
(`PublicPageCacheMixin`, or `cache_public_page` around a function view), and
`PublicPageCacheMiddleware` keeps the finished response in Django's cache
(Redis in production, see CACHE_URL), to serve it again before the rest of
the middleware and the view run, to visitors that carry neither a session
nor messages: members, who always have a session, never get it.

Only what the portal already lets any cache keep is kept: a 200 response to
a GET, marked `Cache-Control: public` by rabat.middleware.CacheControlMiddleware
(anonymous, no cookie set: no CSRF token, no message, no session in it).

Entries are keyed by the page's language, its full URL (query string
included) and whether the client takes gzip (the middleware sits above
GZipMiddleware: a compressed page is compressed once). Each carries the
version of the public content it was rendered from: `public_pages_changed()`,
called by the services and the admins (PublicPagesAdminMixin) that write what
these pages show, raises that version once the write is committed, and every
page rendered before is rendered again at its next view. One version for
every page keeps this honest: a save shows everywhere (a meeting's edit on
the home page, the partners page, a theme's page), and saves are rare next
to page views.

The content of the same pages (their `content` block, below the header and
the messages) is also kept as a template fragment
(`public_content_key`, templates/public_base.html), for members, who never
get the cached page, and for the anonymous visitors the page cache does not
serve (a page first viewed in a language, a visitor with a session): under
the same version, keyed by the page's URL, its language and the viewer's
roles (what a role may see differs: unpublished meetings, members'
documents), never by the viewer themselves: a view whose content shows
anything personal says so (`content_fragment = False`).

PAGE_CACHE_SECONDS bounds what changes with time alone (a news item or an
issue published at a later hour, a registration deadline passing); 0 turns
the cache off (the test settings: tests change data with factories, not
through the services).
"""

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language_from_path

from rabat import roles
from rabat.cache import content_changed, content_version, state_key

VERSION_KEY = "rabat:public-pages:version"
PAGE_KEY_PREFIX = "rabat:public-page"
# Set on the request by the views whose page may be kept.
PUBLIC_PAGE = "rabat_public_page"


def public_pages_changed() -> None:
    """Invalidate every cached public page once the current transaction
    commits (at once outside one)."""
    content_changed(VERSION_KEY)


def _page_key(request) -> str:
    url = hashlib.md5(
        request.build_absolute_uri().encode(), usedforsecurity=False
    ).hexdigest()
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    encoding = (
        "gzip"
        if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        else "identity"
    )
    return f"{PAGE_KEY_PREFIX}:{language}:{encoding}:{url}"


def _may_use_cache(request) -> bool:
    """Only for what every anonymous visitor sees alike: no session (so no
    member, no messages kept in it), no messages cookie."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _may_store(request, response) -> bool:
    """A public page that the portal lets any cache keep, nothing personal in
    it (no cookie set: a CSRF token, a session, messages)."""
    return (
        getattr(request, PUBLIC_PAGE, False)
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    """Serves the anonymous public pages from the cache (see above). Below
    SecurityMiddleware (HTTPS redirects) and WhiteNoise (static files), above
    GZipMiddleware and every middleware that adds to a page's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = content_version(VERSION_KEY, found=found.get(VERSION_KEY))
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            _, status, headers, content = entry
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if _may_store(request, response):
            entry = (version, response.status_code, dict(response.headers))
            cache.set(
                key, (*entry, response.content), timeout=settings.PAGE_CACHE_SECONDS
            )
        return response


def cache_public_page(view):
    """Let PublicPageCacheMiddleware keep `view`'s page for anonymous
    visitors (see above)."""

    @functools.wraps(view)
    def public_view(request, *args, **kwargs):
        setattr(request, PUBLIC_PAGE, True)
        return view(request, *args, **kwargs)

    return public_view


class PublicListPaginator(Paginator):
    """The paginator of a public list whose selection is the same for every
    visitor (`count_name` names it): its count is kept in the cache under the
    public pages' version, for PUBLIC_CONTENT_CACHE_SECONDS at most (what is
    published at a later hour), instead of a COUNT at every view that the
    page cache does not serve."""

    def __init__(self, object_list, per_page, *, count_name: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        state = (self.count_name, content_version(VERSION_KEY))
        key = f"{PAGE_KEY_PREFIX}:count:{state_key(state)}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, settings.PUBLIC_CONTENT_CACHE_SECONDS)
        return count


def lazy_values(compute: Callable[[], dict], *names: str) -> dict:
    """The values `names` of the dict `compute()` returns, for a public
    page's context, computed on first use, once for them all: when the
    content's fragment is in the cache, never."""
    values = functools.cache(compute)
    return {name: SimpleLazyObject(lambda name=name: values()[name]) for name in names}


def public_content_key(request, *, versions: tuple = ()) -> str:
    """The cache key of a public page's content as `request` shows it (see
    above): the public content's version (and `versions`, of what else it
    shows), the page's URL (query string included: filters, pages) and
    language, the viewer's roles."""
    user = request.user
    state = (
        content_version(VERSION_KEY),
        versions,
        request.get_full_path(),
        get_language_from_path(request.path_info) or settings.LANGUAGE_CODE,
        user.is_authenticated,
        sorted(roles.group_names(user)) if user.is_authenticated else (),
    )
    return state_key(state)


class PublicPageCacheMixin:
    """For a class-based view of a public page: `cache_public_page` around
    the view that `as_view()` makes, and the key of its content's fragment
    (templates/public_base.html), unless `content_fragment` is False: a
    page whose content shows something personal."""

    content_fragment = True

    def content_versions(self) -> tuple:
        """The versions of what the content shows beyond the public pages'."""
        return ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.content_fragment:
            context["public_content_key"] = public_content_key(
                self.request, versions=self.content_versions()
            )
            context["public_content_seconds"] = settings.PUBLIC_CONTENT_CACHE_SECONDS
        return context

    @classmethod
    def as_view(cls, **initkwargs):
        return cache_public_page(super().as_view(**initkwargs))
