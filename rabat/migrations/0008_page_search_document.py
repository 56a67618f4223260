"""The pages' site-search document stored in a column, kept by a trigger
(PostgreSQL only), as the news items' is.

Every search parsed the pages' texts again (`to_tsvector` of the GIN index's
expression, row by row: a few long texts, milliseconds each search): the
column holds that same document, computed once per write, and its GIN index
replaces the expression's (`rabat.search_documents`); the column stays empty
on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

from rabat.search_documents import stored_document_operation


class Migration(migrations.Migration):
    dependencies = [("rabat", "0007_sessions_account_backend")]

    operations = [
        migrations.AddField(
            model_name="page",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        stored_document_operation(
            table="rabat_page",
            name="page",
            fields=("title", "intro", "body"),
            index="page_document_idx",
            old_index="page_search_idx",
        ),
    ]
