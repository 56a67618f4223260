"""The site search's GIN indexes on forum posts and topics (PostgreSQL only).

The expressions are those of `forums.selectors.POST_SEARCH` / `TOPIC_SEARCH`
(`rabat.search.SearchSource.vector()` for untranslated fields), copied here so
that the migration does not change when the code does; the text search
configurations come from rabat's migration 0002.
"""

from django.db import migrations

INDEXED_FIELDS = {"post": ("body",), "topic": ("title",)}


def _search_index(model_name, fields):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vector = SearchVector(*fields, config="rabat_french") + SearchVector(
        *fields, config="rabat_english"
    )
    return GinIndex(vector, name=f"forum_{model_name}_search_idx")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, fields in INDEXED_FIELDS.items():
        model = apps.get_model("forums", model_name)
        schema_editor.add_index(model, _search_index(model_name, fields))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, fields in INDEXED_FIELDS.items():
        model = apps.get_model("forums", model_name)
        schema_editor.remove_index(model, _search_index(model_name, fields))


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_forum_slug_validator"),
        ("rabat", "0002_full_text_search"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
