"""The query plan of a registered search source, to check it uses its index."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from rabat.search import search_sources


def search_source_of(model):
    return next(
        source
        for source in search_sources()
        if source.queryset(AnonymousUser()).model is model
    )


def search_plan(model) -> str:
    """EXPLAIN of a search of `model` by its source's document, without
    sequential scans (a table of a few rows would be scanned otherwise)."""
    vector = search_source_of(model).vector()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            return (
                model.objects.annotate(document=vector)
                .filter(document=SearchQuery("dakar", config="rabat_french"))
                .explain()
            )
        finally:
            cursor.execute("SET enable_seqscan = on")
