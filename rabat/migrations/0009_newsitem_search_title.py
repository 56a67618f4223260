"""The news items' titles' site-search document stored in a column, kept by a
trigger (PostgreSQL only), under a GIN index of its own.

The site search ranks the latest matches of a dated source, and its matches
in the title however old they are (`SearchSource.title_document_field`):
this column finds them through its index, or, for a common word, along the
index of the dates, without parsing a title (`rabat.search_documents`); it
stays empty on SQLite.
"""

import django.contrib.postgres.search
from django.db import migrations

from rabat.search_documents import stored_document_operation


class Migration(migrations.Migration):
    dependencies = [("rabat", "0008_page_search_document")]

    operations = [
        migrations.AddField(
            model_name="newsitem",
            name="search_title",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        stored_document_operation(
            table="rabat_newsitem",
            name="newsitem",
            fields=("title",),
            column="search_title",
            index="newsitem_title_idx",
            storage_main=False,
        ),
    ]
