"""The directory's search on PostgreSQL: a stored text search document on the
contact under a GIN index, and the words of all documents (`contacts_word`)
under a trigram index, which turn a misspelled word into the words it may
mean: the contacts are then found through the documents' index alone.

The database keeps the words itself (triggers after each insert and update of
contacts, whatever writes them: services, the admin, bulk loads); a word no
contact uses any more is harmless. Nothing happens on other databases.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

import contacts.models

DOCUMENT_INDEX = GinIndex(fields=["search_document"], name="contact_search_idx")

# Email addresses, numbers and the like are not worth correcting, and would
# make the words as many as the contacts.
NEW_WORDS = """
    INSERT INTO contacts_word (word)
    SELECT DISTINCT word FROM {rows}, unnest(search_document) AS lexemes(word)
    WHERE word !~ '[@0-9]'
    ON CONFLICT DO NOTHING
"""
WORDS_SQL = f"""
CREATE TABLE contacts_word (word text PRIMARY KEY);
CREATE INDEX contacts_word_trgm_idx ON contacts_word USING gin (word gin_trgm_ops);
CREATE FUNCTION contacts_word_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NEW_WORDS.format(rows="new_contacts")};
    RETURN NULL;
END $$;
CREATE TRIGGER contacts_word_insert AFTER INSERT ON contacts_contact
    REFERENCING NEW TABLE AS new_contacts
    FOR EACH STATEMENT EXECUTE FUNCTION contacts_word_add();
CREATE TRIGGER contacts_word_update AFTER UPDATE ON contacts_contact
    REFERENCING NEW TABLE AS new_contacts
    FOR EACH STATEMENT EXECUTE FUNCTION contacts_word_add();
{NEW_WORDS.format(rows="contacts_contact")};
"""
DROP_WORDS_SQL = """
DROP TRIGGER IF EXISTS contacts_word_insert ON contacts_contact;
DROP TRIGGER IF EXISTS contacts_word_update ON contacts_contact;
DROP FUNCTION IF EXISTS contacts_word_add();
DROP TABLE IF EXISTS contacts_word;
"""


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("contacts", "contact"), DOCUMENT_INDEX)
    schema_editor.execute(WORDS_SQL)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_WORDS_SQL)
    schema_editor.remove_index(apps.get_model("contacts", "contact"), DOCUMENT_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_email_change_previous_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=contacts.models.SearchDocument(),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(create_search, drop_search),
    ]
