"""The founding texts of the Rabat Process, as records of the library.

Created when missing (by slug), never overwritten: the Secretariat edits
them in the admin, adds the official links it has checked and uploads the
files. No link is set here: none is given unless it is known to be right.
"""

import datetime

from django.db import migrations

FOUNDING_TEXTS = [
    {
        "slug": "rabat-declaration-and-action-plan",
        "kind": "declaration",
        "year": 2006,
        "date": datetime.date(2006, 7, 11),
        "place": "Rabat",
        "title_fr": "Déclaration de Rabat et Plan d’action",
        "title_en": "Rabat Declaration and Action Plan",
        "summary_fr": (
            "Adoptés par la première Conférence ministérielle euro-africaine "
            "sur la migration et le développement (Rabat, 10 et 11 juillet 2006), "
            "qui a lancé le Processus de Rabat. La Déclaration fonde le "
            "partenariat entre pays d’origine, de transit et de destination de "
            "la route migratoire ouest-africaine ; le Plan d’action en fait des "
            "mesures concrètes : migration et développement, migration légale, "
            "lutte contre la migration irrégulière, coopération policière et "
            "judiciaire."
        ),
        "summary_en": (
            "Adopted by the first Euro-African Ministerial Conference on "
            "Migration and Development (Rabat, 10–11 July 2006), which launched "
            "the Rabat Process. The Declaration founds the partnership between "
            "countries of origin, transit and destination along the West African "
            "migration route; the Action Plan turns it into concrete measures: "
            "migration and development, legal migration, the fight against "
            "irregular migration, police and judicial cooperation."
        ),
    },
    {
        "slug": "paris-cooperation-programme",
        "kind": "programme",
        "year": 2008,
        "date": datetime.date(2008, 11, 25),
        "place": "Paris",
        "title_fr": "Programme de coopération de Paris (2009-2011)",
        "title_en": "Paris Cooperation Programme (2009–2011)",
        "summary_fr": (
            "Adopté par la deuxième Conférence ministérielle euro-africaine sur "
            "la migration et le développement (Paris, 25 novembre 2008) : un "
            "programme de trois ans qui prolonge le Plan d’action de Rabat "
            "autour de la migration légale, de la lutte contre la migration "
            "irrégulière et des synergies entre migration et développement."
        ),
        "summary_en": (
            "Adopted by the second Euro-African Ministerial Conference on "
            "Migration and Development (Paris, 25 November 2008): a three-year "
            "programme that takes the Rabat Action Plan forward on legal "
            "migration, the fight against irregular migration, and the synergies "
            "between migration and development."
        ),
    },
    {
        "slug": "dakar-strategy",
        "kind": "strategy",
        "year": 2011,
        "date": datetime.date(2011, 11, 23),
        "place": "Dakar",
        "title_fr": "Stratégie de Dakar",
        "title_en": "Dakar Strategy",
        "summary_fr": (
            "Adoptée par la troisième Conférence ministérielle euro-africaine "
            "sur la migration et le développement (Dakar, 23 novembre 2011). "
            "Elle organise le dialogue autour de ses piliers et de ses dix "
            "objectifs, dont le suivi est au cœur du Processus de Rabat."
        ),
        "summary_en": (
            "Adopted by the third Euro-African Ministerial Conference on "
            "Migration and Development (Dakar, 23 November 2011). It organises "
            "the dialogue around its pillars and ten objectives, whose follow-up "
            "is at the heart of the Rabat Process."
        ),
    },
    {
        "slug": "dakar-strategy-roadmap",
        "kind": "roadmap",
        "year": 2012,
        "date": None,
        "place": "Madrid",
        "title_fr": "Feuille de route de la Stratégie de Dakar",
        "title_en": "Dakar Strategy Roadmap",
        "summary_fr": (
            "Adoptée à Madrid en 2012, la Feuille de route fixe les actions "
            "prioritaires de la mise en œuvre de la Stratégie de Dakar : treize "
            "actions, chacune rattachée à l’un de ses objectifs."
        ),
        "summary_en": (
            "Adopted in Madrid in 2012, the Roadmap sets the priority actions "
            "for implementing the Dakar Strategy: thirteen actions, each under "
            "one of its objectives."
        ),
    },
]


def create_founding_texts(apps, schema_editor):
    document_model = apps.get_model("library", "document")
    for text in FOUNDING_TEXTS:
        values = dict(text)
        slug = values.pop("slug")
        values["title"] = values["title_fr"]
        values["summary"] = values["summary_fr"]
        document_model.objects.get_or_create(slug=slug, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search_index")]

    operations = [
        migrations.RunPython(create_founding_texts, migrations.RunPython.noop)
    ]
