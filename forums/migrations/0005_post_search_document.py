"""The posts' site-search document stored in a column, kept by a trigger
(PostgreSQL only), as the meetings' and the news items' are.

Ranking thousands of matches parsed every text again (`to_tsvector` of the
GIN index's expression, twice, row by row): the column holds that same
document, computed once per write, and its GIN index replaces the
expression's. The expression is a copy of `rabat.search.text_vector` for
untranslated fields as it was when this migration was written; the column
stays empty on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

TABLE = "forums_post"
OLD_INDEX = "forum_post_search_idx"
INDEX = "forum_post_document_idx"
FUNCTION = "forums_post_search_document"


def _document(row):
    return " || ".join(
        f"to_tsvector('{config}'::regconfig, COALESCE({row}.body, ''))"
        for config in ("rabat_french", "rabat_english")
    )


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
        CREATE TRIGGER post_search_document
            BEFORE INSERT OR UPDATE OF body ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
        UPDATE {TABLE} SET search_document = {_document(TABLE)};
        DROP INDEX IF EXISTS {OLD_INDEX};
        CREATE INDEX {INDEX} ON {TABLE} USING gin (search_document);
        """  # noqa: S608
    )


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        DROP INDEX IF EXISTS {INDEX};
        DROP TRIGGER IF EXISTS post_search_document ON {TABLE};
        DROP FUNCTION IF EXISTS {FUNCTION}();
        CREATE INDEX {OLD_INDEX} ON {TABLE} USING gin (({_document(TABLE)}));
        """
    )


class Migration(migrations.Migration):
    dependencies = [("forums", "0004_post_body_html")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(create_document, drop_document),
    ]
