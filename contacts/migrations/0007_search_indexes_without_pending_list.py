"""The directory's GIN indexes (migration 0005) without a pending list.

By default GIN defers new entries to a pending list that every search reads
through until a vacuum merges it: after a bulk load of contacts a search of
a word that no contact has read hundreds of pages, and the planner, counting
them, preferred reading the whole table. Contacts are written seldom, read
at each search: they go straight into the index. Nothing happens on other
databases.
"""

from django.db import migrations

INDEXES = ["contact_search_idx", "contacts_word_trgm_idx"]


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
        # Turning it off does not merge the entries already pending.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_contact_role_period_index"),
    ]

    operations = [
        migrations.RunPython(without_pending_list, with_pending_list),
    ]
