import importlib

import pytest
from django.apps import apps

founding_texts_migration = importlib.import_module(
    "library.migrations.0003_founding_texts"
)


@pytest.fixture(autouse=True)
def founding_texts(db):
    """The founding texts the data migration creates. A browser test run
    earlier in the same worker empties every table (transactional database),
    data-migration rows included: the migration's own function puts them back
    (it creates only what is missing)."""
    founding_texts_migration.create_founding_texts(apps, None)
