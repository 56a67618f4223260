"""The directory's indexes: a country's contacts by name; and, on PostgreSQL
only, the contacts whose surname or first name is a searched word (unaccented
and lowercased, as the words of the search documents are), by name. The
contacts a word names, or a country's, are then read in the directory's order
from an index range, at any page. `rabat_normalised` is the immutable function
that such an index needs (`unaccent` alone is not immutable: it looks its
dictionary up by name at each call).
"""

from django.db import migrations, models

from rabat.postgresql import postgresql_sql

NORMALISED_SQL = """
CREATE FUNCTION rabat_normalised(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));
CREATE INDEX contact_surname_idx
    ON contacts_contact (rabat_normalised(last_name), last_name, first_name);
CREATE INDEX contact_first_name_idx
    ON contacts_contact (rabat_normalised(first_name), last_name, first_name);
"""
DROP_NORMALISED_SQL = """
DROP INDEX IF EXISTS contact_first_name_idx;
DROP INDEX IF EXISTS contact_surname_idx;
DROP FUNCTION IF EXISTS rabat_normalised(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_search_indexes_without_pending_list"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["country", "last_name", "first_name"],
                name="contact_country_name_idx",
            ),
        ),
        postgresql_sql(NORMALISED_SQL, DROP_NORMALISED_SQL),
    ]
