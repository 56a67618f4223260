"""The query plan of a registered search source, to check it uses its index."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from rabat.search import ranked_matches, search_sources


def search_source_of(model):
    return next(
        source
        for source in search_sources()
        if source.queryset(AnonymousUser()).model is model
    )


def search_plan(model) -> str:
    """EXPLAIN of a search of `model` by its source's document, without
    sequential or plain index scans: on a table of a few rows the planner
    would rather read it all, or walk the index of its ordering."""
    vector = search_source_of(model).vector()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            return (
                model.objects.annotate(document=vector)
                .filter(document=SearchQuery("dakar", config="rabat_french"))
                .explain()
            )
        finally:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_indexscan = on")


def site_search_plan(model, query_text: str, user=None) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the query the site search runs on
    `model`'s source for `user` (anonymous by default), ranking included,
    its table analysed (without sequential or plain index scans, as
    `search_plan`)."""
    source = search_source_of(model)
    rows = ranked_matches(source, source.queryset(user or AnonymousUser()), query_text)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {model._meta.db_table}")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            return rows.explain(analyze=True, buffers=True)
        finally:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_indexscan = on")
