"""The site search's GIN indexes on the Rabat Review (PostgreSQL only).

Built from a copy of `rabat.search.search_vector`, the expression the search
queries use; the text search configurations come from rabat's migration 0002.
"""

from django.db import migrations

INDEXED_FIELDS = {
    "issue": ("title", "period", "introduction"),
    "article": ("title", "body"),
}


def _search_vector(fields):
    """`rabat.search.search_vector` as it was when this migration was written."""
    from django.contrib.postgres.search import SearchVector

    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def _search_index(model_name, fields):
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(_search_vector(fields), name=f"review_{model_name}_search_idx")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, fields in INDEXED_FIELDS.items():
        model = apps.get_model("newsletter", model_name)
        schema_editor.add_index(model, _search_index(model_name, fields))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, fields in INDEXED_FIELDS.items():
        model = apps.get_model("newsletter", model_name)
        schema_editor.remove_index(model, _search_index(model_name, fields))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("rabat", "0002_full_text_search"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
