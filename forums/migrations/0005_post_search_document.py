"""The posts' site-search document stored in a column, kept by a trigger
(PostgreSQL only), as the meetings' and the news items' are.

Ranking thousands of matches parsed every text again (`to_tsvector` of the
GIN index's expression, twice, row by row): the column holds that same
document, computed once per write, and its GIN index replaces the
expression's (`rabat.search_documents`); the column stays empty on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

from rabat.search_documents import stored_document_operation


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
        stored_document_operation(
            table="forums_post",
            name="post",
            fields=("body",),
            translated=False,
            index="forum_post_document_idx",
            old_index="forum_post_search_idx",
            storage_main=False,
        ),
    ]
