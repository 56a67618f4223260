"""Migration operations for what only PostgreSQL has (text search
configurations, triggers, expression indexes): nothing happens on SQLite,
the embedded database of `make run`."""

import functools

from django.db import migrations


def _execute_on_postgresql(sql: str, apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql)


def postgresql_sql(sql: str, reverse_sql: str) -> migrations.RunPython:
    """Run `sql` (and `reverse_sql` backwards) on PostgreSQL only."""
    return migrations.RunPython(
        functools.partial(_execute_on_postgresql, sql),
        functools.partial(_execute_on_postgresql, reverse_sql),
    )
