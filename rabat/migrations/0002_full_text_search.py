"""PostgreSQL full-text search: unaccent, bilingual configurations, GIN indexes.

Nothing happens on other databases (the site search falls back to icontains).
The indexes are built from a copy of `rabat.search.search_vector`, the very
expression the search queries use, so that PostgreSQL can use them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# (model, translated fields) as registered by rabat.apps
INDEXED_FIELDS = {
    "newsitem": ("title", "summary", "body"),
    "page": ("title", "intro", "body"),
    "theme": ("title", "summary", "description"),
    "objective": ("title", "description"),
    "pillar": ("title", "description"),
    "country": ("name",),
    "organisation": ("acronym", "name", "description"),
}

CONFIGURATIONS_SQL = """
CREATE TEXT SEARCH CONFIGURATION rabat_french (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION rabat_french
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION rabat_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION rabat_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP_CONFIGURATIONS_SQL = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS rabat_french;
DROP TEXT SEARCH CONFIGURATION IF EXISTS rabat_english;
"""


def _search_vector(fields):
    """`rabat.search.search_vector` as it was when this migration was written."""
    from django.contrib.postgres.search import SearchVector

    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def _search_index(model_name, fields):
    return GinIndex(_search_vector(fields), name=f"{model_name}_search_idx")


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIGURATIONS_SQL)
    for model_name, fields in INDEXED_FIELDS.items():
        model = apps.get_model("rabat", model_name)
        schema_editor.add_index(model, _search_index(model_name, fields))


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, fields in INDEXED_FIELDS.items():
        model = apps.get_model("rabat", model_name)
        schema_editor.remove_index(model, _search_index(model_name, fields))
    schema_editor.execute(DROP_CONFIGURATIONS_SQL)


class Migration(migrations.Migration):
    dependencies = [("rabat", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_search, drop_search),
    ]
