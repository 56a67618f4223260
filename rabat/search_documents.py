"""The SQL of a site-search document stored in a column and kept by a trigger
(PostgreSQL), for the migrations that add one.

A table whose texts the site search ranks often keeps their document in a
`tsvector` column (`SearchSource.document_field`): a trigger computes it on
every write, whatever writes (services, the admin, bulk loads), and a GIN
index on the column finds the matches. The document is
`rabat.search.text_vector` in SQL: translated fields in each language with
its configuration, untranslated ones with both.

Migrations run this SQL: a change here changes what they did, so it may only
add what produces the same SQL for the documents made so far.
"""

from django.db import migrations

from rabat.postgresql import postgresql_sql

CONFIGURATIONS = {"fr": "rabat_french", "en": "rabat_english"}


def document_sql(row: str, fields, *, translated: bool = True) -> str:
    """`rabat.search.text_vector(fields)` in SQL, over the columns of `row`
    (a table, or NEW in a trigger)."""
    if translated:
        parts = [
            (config, [f"{name}_{code}" for name in fields])
            for code, config in CONFIGURATIONS.items()
        ]
    else:
        parts = [(config, list(fields)) for config in CONFIGURATIONS.values()]
    return " || ".join(
        f"to_tsvector('{config}'::regconfig, "
        + " || ' ' || ".join(f"COALESCE({row}.{column}, '')" for column in columns)
        + ")"
        for config, columns in parts
    )


def stored_document_sql(
    *,
    table: str,
    name: str,
    fields,
    translated: bool = True,
    column: str = "search_document",
    index: str,
    old_index: str | None = None,
    storage_main: bool = True,
) -> tuple[str, str]:
    """The SQL that keeps `column` of `table` (already added, empty) the
    document of `fields`, and its reverse: a trigger `<name>_<column>` and
    its function, the existing rows filled, a GIN index `index` on the
    column, replacing `old_index` (a GIN index on the same expression),
    which the reverse makes again. `storage_main`: the document stays in the
    row (the texts go out of line first), where ranking reads it, rather
    than in the TOAST table, several pages away for each row."""
    new_document = document_sql("NEW", fields, translated=translated)
    table_document = document_sql(table, fields, translated=translated)
    function = f"{table}_{column}"
    trigger = f"{name}_{column}"
    if translated:
        columns = ", ".join(
            f"{field}_{code}" for field in fields for code in CONFIGURATIONS
        )
    else:
        columns = ", ".join(fields)
    storage = (
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE MAIN;\n        "
        if storage_main
        else ""
    )
    drop_old_index = f"DROP INDEX IF EXISTS {old_index};\n        " if old_index else ""
    old_index_again = (
        f"CREATE INDEX {old_index} ON {table} USING gin (({table_document}));\n        "
        if old_index
        else ""
    )
    # The names and columns are the migrations' constants.
    sql = f"""
        CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.{column} := {new_document};
            RETURN NEW;
        END $$;
        CREATE TRIGGER {trigger}
            BEFORE INSERT OR UPDATE OF {columns} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
        {storage}UPDATE {table} SET {column} = {table_document};
        {drop_old_index}CREATE INDEX {index} ON {table} USING gin ({column});
        """  # noqa: S608
    reverse_sql = f"""
        DROP INDEX IF EXISTS {index};
        DROP TRIGGER IF EXISTS {trigger} ON {table};
        DROP FUNCTION IF EXISTS {function}();
        {old_index_again}"""
    return sql, reverse_sql


def stored_document_operation(**document) -> migrations.RunPython:
    """The migration operation that runs `stored_document_sql(**document)`
    (and its reverse) on PostgreSQL; nothing on SQLite, whose column stays
    empty."""
    return postgresql_sql(*stored_document_sql(**document))
