"""PostgreSQL: an unaccented, unstemmed text search configuration for names."""

from django.db import migrations

CREATE_SQL = """
CREATE TEXT SEARCH CONFIGURATION rabat_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION rabat_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
"""
DROP_SQL = "DROP TEXT SEARCH CONFIGURATION IF EXISTS rabat_simple;"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_SQL)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        # unaccent and pg_trgm are created there.
        ("rabat", "0002_full_text_search"),
    ]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
