"""The site search's GIN index on the library's texts (PostgreSQL only).

Built from a copy of `rabat.search.search_vector`, the expression the search
queries use; the text search configurations come from rabat's migration 0002.
"""

from django.db import migrations

FIELDS = ("title", "summary")
INDEX_NAME = "library_document_search_idx"


def _search_vector(fields):
    """`rabat.search.search_vector` as it was when this migration was written."""
    from django.contrib.postgres.search import SearchVector

    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def _search_index():
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(_search_vector(FIELDS), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("library", "document"), _search_index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(
            apps.get_model("library", "document"), _search_index()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_documents"),
        ("rabat", "0002_full_text_search"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
