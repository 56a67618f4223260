"""Query budgets: a page's number of SQL queries must not grow with its data."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), [query["sql"] for query in queries]


def assert_queries_constant(client, url, *, grow):
    """Load `url`, call `grow()` (which adds tenfold data), load it again.

    Both loads must run the same number of queries, their caches empty (the
    first visit after a change: what the data's growth can change). A first,
    uncounted load sets the session's idle timeout (a write that later loads
    do not repeat).
    """
    client.get(url)
    cache.clear()
    before, _ = count_queries(client, url)
    grow()
    cache.clear()
    after, statements = count_queries(client, url)
    assert after == before, (
        f"{url}: {before} queries, then {after} with ten times the data:\n"
        + "\n".join(statements)
    )
    return after
