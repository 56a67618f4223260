"""The topics' site-search document (their title) stored in a column, kept
by a trigger (PostgreSQL only), as the posts' is.

Every search parsed the matching titles again (`to_tsvector` of the GIN
index's expression, twice, row by row: hundreds of topics for a common
word): the column holds that same document, computed once per write, and its
GIN index replaces the expression's (`rabat.search_documents`); the column
stays empty on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

from rabat.search_documents import stored_document_operation


class Migration(migrations.Migration):
    dependencies = [("forums", "0006_topic_listing_order_index")]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        stored_document_operation(
            table="forums_topic",
            name="topic",
            fields=("title",),
            translated=False,
            index="forum_topic_document_idx",
            old_index="forum_topic_search_idx",
            storage_main=False,
        ),
    ]
