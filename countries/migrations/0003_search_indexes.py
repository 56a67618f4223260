"""The site search's GIN indexes on the country profiles' texts, their
institutions' and their policy documents' (PostgreSQL only).

Built from a copy of `rabat.search.search_vector`, the expression the search
queries use; the text search configurations come from rabat's migration 0002.
"""

from django.db import migrations

# (app label, model, index name) -> translated fields, as countries.apps
# registers them.
INDEXED_FIELDS = {
    ("countries", "countryprofile", "country_profile_search_idx"): ("overview",),
    ("rabat", "institution", "institution_search_idx"): (
        "name",
        "acronym",
        "competences",
    ),
    ("countries", "policydocument", "policy_document_search_idx"): (
        "title",
        "summary",
    ),
}


def _search_vector(fields):
    """`rabat.search.search_vector` as it was when this migration was written."""
    from django.contrib.postgres.search import SearchVector

    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def _indexes(apps):
    from django.contrib.postgres.indexes import GinIndex

    for (app_label, model_name, index_name), fields in INDEXED_FIELDS.items():
        yield (
            apps.get_model(app_label, model_name),
            GinIndex(_search_vector(fields), name=index_name),
        )


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0002_secretariat_permissions"),
        ("rabat", "0010_country_partner_since_alter_country_status_and_more"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
