"""A cache that outlives its backend: `FailSafeCache` wraps the cache that
CACHE_URL names and, when that backend fails (Redis unreachable, the cache
table gone), answers from a cache in this process's memory instead.

Rate limits (allauth's, the Rabat Review's subscriptions) then still apply,
per web process rather than across them, and the pages that use them (login,
password reset, subscribe) keep working. An outage is logged once when it
starts and once when it ends, not at every call; while it lasts the backend
is tried again every RETRY_SECONDS.
"""

import contextlib
import contextvars
import hashlib
import logging
import time

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisClient
from django.db import DatabaseError, router, transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30
# Per process, shared by the threads' cache connections: for each backend
# (by name) found unavailable, the time before which it is not tried again.
_retry_after: dict[str, float] = {}

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is in requirements.txt
    RedisError = OSError

# What a backend raises when it is unreachable; anything else (incr() of a
# missing key raises ValueError) is the caller's business and passes through.
BACKEND_ERRORS = (DatabaseError, RedisError, OSError)


class RedisCacheClient(DjangoRedisClient):
    """Django's, keeping one redis client per connection pool: Django's builds
    a new one (with its table of some 170 response callbacks) at every call,
    a third of the cost of a page served from the cache."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """The backend of a redis:// CACHE_URL (rabat.settings.base)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def build_cache(config: dict) -> BaseCache:
    params = dict(config)
    backend = import_string(params.pop("BACKEND"))
    return backend(params.pop("LOCATION", ""), params)


def primary_cache(cache: BaseCache) -> BaseCache:
    """The backend that does the work: the one a FailSafeCache wraps."""
    return cache.primary if isinstance(cache, FailSafeCache) else cache


class FailSafeCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        config = params["OPTIONS"]["PRIMARY"]
        self.primary = build_cache(config)
        # Names the backend in this process (its location may hold a
        # password: never logged).
        self.name = f"{config['BACKEND']}:{config.get('LOCATION', '')}"
        # Every thread's connection shares the one LocMemCache of this name.
        self.fallback = LocMemCache(f"rabat-failsafe:{self.name}", {})

    def _guarded(self):
        # A failed query of the database cache must not abort the
        # transaction of the request that uses it (PostgreSQL).
        if isinstance(self.primary, BaseDatabaseCache):
            using = router.db_for_write(self.primary.cache_model_class)
            return transaction.atomic(using=using)
        return contextlib.nullcontext()

    def _call(self, method: str, *args, **kwargs):
        retry_after = _retry_after.get(self.name)
        if retry_after is None or time.monotonic() >= retry_after:
            try:
                with self._guarded():
                    result = getattr(self.primary, method)(*args, **kwargs)
            except BACKEND_ERRORS as error:
                if retry_after is None:
                    logger.warning(
                        "Cache %s unavailable (%s): using this process's memory "
                        "instead, rate limits count per process; retrying every "
                        "%s s.",
                        type(self.primary).__name__,
                        error,
                        RETRY_SECONDS,
                    )
                _retry_after[self.name] = time.monotonic() + RETRY_SECONDS
            else:
                if _retry_after.pop(self.name, None) is not None:
                    logger.warning(
                        "Cache %s available again.", type(self.primary).__name__
                    )
                return result
        return getattr(self.fallback, method)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta, version)

    def clear(self):
        self.fallback.clear()
        return self._call("clear")

    def close(self, **kwargs):
        self.primary.close(**kwargs)


def within_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one more event for `key` in the shared cache (a fixed window of
    `seconds` from the first); False once there are more than `limit`.

    The one counter behind the portal's own limits: subscription requests
    to the Rabat Review per IP, the emails that confirm a new card address.
    """
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


# --- Versions of cached content ----------------------------------------------------
# A cached rendering carries the version of what it shows in its key; a write
# raises the version once its transaction commits, so that every process
# renders it again. Versions are times in nanoseconds: never a number an older
# entry may hold, even after the key was evicted.


# The versions read at once by `versions_read_together`, in its block.
_read_versions: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "read_versions", default=None
)


@contextlib.contextmanager
def versions_read_together(*keys: str):
    """Within the block, `content_version` answers for `keys` from one read
    of the shared cache (a `get_many`) instead of one read each: for a page
    whose fragments are keyed by several versions."""
    found = cache.get_many(keys)
    versions = {key: content_version(key, found=found.get(key)) for key in keys}
    token = _read_versions.set(versions)
    try:
        yield
    finally:
        _read_versions.reset(token)


def content_version(key: str, *, found: int | None = None) -> int:
    """The current version named `key` (`found`: its value if already read,
    e.g. by a `get_many`)."""
    if found is None:
        found = (_read_versions.get() or {}).get(key)
    version = found if found is not None else cache.get(key)
    if version is None:
        version = time.time_ns()
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return version


def content_changed(key: str) -> None:
    """Raise the version named `key` once the current transaction commits
    (at once outside one)."""
    transaction.on_commit(lambda: cache.set(key, time.time_ns(), timeout=None))


def content_changed_now(key: str) -> None:
    """Raise the version named `key` at once (the writing transaction reads
    its own write) and again once the transaction commits (what another
    process cached meanwhile, from the data before the commit, is dropped
    too). For versions raised by models' signals, whatever writes."""
    cache.set(key, time.time_ns(), timeout=None)
    content_changed(key)


def state_key(state) -> str:
    """A short cache key for `state`, a tuple of what a cached rendering
    shows or depends on (versions, language, ids...): it changes with any
    of them."""
    return hashlib.md5(repr(state).encode(), usedforsecurity=False).hexdigest()


def on_save_and_delete(receiver, *models) -> None:
    """Connect `receiver` (which raises a version) to every save and
    deletion of `models`."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        uid = f"{receiver.__module__}.{receiver.__name__}:{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}:delete")
