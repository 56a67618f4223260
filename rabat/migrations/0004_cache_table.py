"""The database cache's table, so that `migrate` is the only database step.

Created for every cache of the settings that is a database cache (also when
rabat.cache.FailSafeCache wraps it); nothing to do for Redis or memory
caches. Creating a table that exists is a no-op, so this can run on a
database where `createcachetable` was run before.
"""

from django.db import migrations


def create_cache_tables(apps, schema_editor):
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.db import BaseDatabaseCache
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    for alias in settings.CACHES:
        # A wrapper (rabat.cache.FailSafeCache) holds the real backend.
        cache = getattr(caches[alias], "primary", caches[alias])
        if isinstance(cache, BaseDatabaseCache):
            command.create_table(schema_editor.connection.alias, cache._table, False)


class Migration(migrations.Migration):
    dependencies = [("rabat", "0003_groups")]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
    ]
