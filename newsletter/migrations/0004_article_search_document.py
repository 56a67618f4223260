"""The Rabat Review articles' site-search document stored in a column, kept
by a trigger (PostgreSQL only), as the news items' is.

Every search parsed the articles' texts again (`to_tsvector` of the GIN
index's expression, row by row): the column holds that same document,
computed once per write, and its GIN index replaces the expression's
(`rabat.search_documents`); the column stays empty on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

from rabat.search_documents import stored_document_operation


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0003_article_tags")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        stored_document_operation(
            table="newsletter_article",
            name="article",
            fields=("title", "body"),
            index="review_article_document_idx",
            old_index="review_article_search_idx",
        ),
    ]
