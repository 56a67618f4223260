"""Posts keep their search document in a column the database fills
(PostgreSQL only): searching a common word then reads it instead of
analysing the text of every matching post twice, once to match and once to
rank it. The GIN index of migration 0003 moves onto that column.

The expression is the one migration 0003 indexed, so that the search finds
the same posts; the column is no field of the model (SQLite has no tsvector):
`forums.selectors.POST_SEARCH` names it.
"""

from django.db import migrations

DOCUMENT = (
    "to_tsvector('rabat_french'::regconfig, COALESCE(body, '')) || "
    "to_tsvector('rabat_english'::regconfig, COALESCE(body, ''))"
)


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS forum_post_search_idx")
    schema_editor.execute(
        "ALTER TABLE forums_post ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX forum_post_search_idx ON forums_post USING gin (search_document)"
    )


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE forums_post DROP COLUMN search_document")
    schema_editor.execute(
        f"CREATE INDEX forum_post_search_idx ON forums_post USING gin (({DOCUMENT}))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0004_post_body_html"),
    ]

    operations = [migrations.RunPython(add_document, drop_document)]
