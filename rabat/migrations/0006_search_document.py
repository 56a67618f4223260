"""The news' site-search document stored in a column, kept by a trigger
(PostgreSQL only).

Ranking thousands of matches parsed every text again (`to_tsvector` of the
GIN index's expression, row by row): the column holds that same document,
computed once per write, and its GIN index replaces the expression's. It is
kept in the row (storage MAIN: the texts go out of line first), where ranking
reads it, rather than in the TOAST table, several pages away for each row. The
expression is a copy of `rabat.search.search_vector` as it was when this
migration was written; the column stays empty on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

APP, MODEL, TABLE = "rabat", "newsitem", "rabat_newsitem"
FIELDS = ("title", "summary", "body")
CONFIGURATIONS = {"fr": "rabat_french", "en": "rabat_english"}
OLD_INDEX = "newsitem_search_idx"
INDEX = "newsitem_document_idx"
FUNCTION = "rabat_newsitem_search_document"


def _document(row):
    """`search_vector(FIELDS)` in SQL, over the columns of `row`."""
    return " || ".join(
        f"to_tsvector('{config}'::regconfig, "
        + " || ' ' || ".join(f"COALESCE({row}.{name}_{code}, '')" for name in FIELDS)
        + ")"
        for code, config in CONFIGURATIONS.items()
    )


def _columns():
    return ", ".join(f"{name}_{code}" for name in FIELDS for code in CONFIGURATIONS)


def create_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        # The names and columns are this migration's constants.
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_document := {_document("NEW")};
            RETURN NEW;
        END $$;
        CREATE TRIGGER newsitem_search_document
            BEFORE INSERT OR UPDATE OF {_columns()} ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
        ALTER TABLE {TABLE} ALTER COLUMN search_document SET STORAGE MAIN;
        UPDATE {TABLE} SET search_document = {_document(TABLE)};
        DROP INDEX IF EXISTS {OLD_INDEX};
        CREATE INDEX {INDEX} ON {TABLE} USING gin (search_document);
        """  # noqa: S608
    )


def _old_index():
    """The GIN index on the expression, as the earlier migration made it."""
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    french = SearchVector(*[f"{name}_fr" for name in FIELDS], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in FIELDS], config="rabat_english")
    return GinIndex(french + english, name=OLD_INDEX)


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model(APP, MODEL), _old_index())
    schema_editor.execute(
        f"""
        DROP INDEX IF EXISTS {INDEX};
        DROP TRIGGER IF EXISTS newsitem_search_document ON {TABLE};
        DROP FUNCTION IF EXISTS {FUNCTION}();
        """
    )


class Migration(migrations.Migration):
    dependencies = [("rabat", "0005_newsitem_tags")]

    operations = [
        migrations.AddField(
            model_name="newsitem",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(create_document, drop_document),
    ]
