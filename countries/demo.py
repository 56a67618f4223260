"""Demo country profiles: Senegal, Morocco, Spain, Burkina Faso, Belgium and
France, their texts written from the seeds' facts (who hosted and co-chaired
what in 2013-2014) and the founding texts of the library; their institutions,
policy documents and key figures are generic, and say they are
demonstration content. Two indicators of invented values (marked as
demonstration data, with a demonstration source) give the i-Map's indicator
layers something to draw. The demo Focal Point (Senegal) has one pending
proposal.

As every demo loader: a row that exists is left as it is (someone may have
edited it); a profile's institutions, documents and figures are created with
the profile only; `reset` restores the demo's values.
"""

import datetime
import hashlib
from decimal import Decimal

from django.db import transaction

from countries.models import (
    CountryProfile,
    Indicator,
    IndicatorValue,
    KeyFigure,
    PolicyDocument,
    PolicyDocumentKind,
    ProfileProposal,
    ProfileStatus,
    ProposalKind,
)
from rabat.demo import demo_row, register
from rabat.models import Country, Institution, InstitutionKind, PartnerStatus, User

DEMO_FR = "(contenu de démonstration)"
DEMO_EN = "(demonstration content)"
DEMO_SOURCE_FR = "Source de démonstration (chiffre fictif, pas une statistique)"
DEMO_SOURCE_EN = "Demonstration source (a fictitious figure, not a statistic)"
DEMO_SOURCE_URL = "https://example.org/demonstration-source"
# The dialogue started with the first Euro-African Ministerial Conference
# (Rabat, July 2006), to which these countries belonged.
FOUNDING_YEAR = 2006


def _institutions(country_fr: str, country_en: str) -> list[dict]:
    return [
        {
            "kind": InstitutionKind.MINISTRY,
            "name_fr": f"Ministère chargé des migrations {DEMO_FR}",
            "name_en": f"Ministry in charge of migration {DEMO_EN}",
            "acronym_fr": "",
            "acronym_en": "",
            "competences_fr": (
                f"Coordonne la politique migratoire {country_fr} et représente "
                f"le pays dans le dialogue. {DEMO_FR}"
            ),
            "competences_en": (
                f"Coordinates {country_en}'s migration policy and represents the "
                f"country in the dialogue. {DEMO_EN}"
            ),
        },
        {
            "kind": InstitutionKind.AGENCY,
            "name_fr": f"Office national de la statistique {DEMO_FR}",
            "name_en": f"National statistics office {DEMO_EN}",
            "acronym_fr": "ONS",
            "acronym_en": "NSO",
            "competences_fr": (
                "Produit les données sur la population et les migrations "
                f"(recensements, enquêtes). {DEMO_FR}"
            ),
            "competences_en": (
                "Produces the data on population and migration (censuses, "
                f"surveys). {DEMO_EN}"
            ),
        },
    ]


def _documents(country_fr: str, country_en: str) -> list[dict]:
    return [
        {
            "kind": PolicyDocumentKind.STRATEGY,
            "date": datetime.date(2015, 6, 1),
            "title_fr": f"Stratégie nationale sur les migrations {DEMO_FR}",
            "title_en": f"National migration strategy {DEMO_EN}",
            "summary_fr": (
                f"Un document générique, qui montre la frise des documents "
                f"{country_fr} ; ce n'est pas un texte réel. {DEMO_FR}"
            ),
            "summary_en": (
                f"A generic document, showing {country_en}'s timeline of "
                f"documents; not a real text. {DEMO_EN}"
            ),
            "url": "https://example.org/demonstration-strategy",
        },
        {
            "kind": PolicyDocumentKind.LAW,
            "date": datetime.date(2010, 3, 1),
            "title_fr": f"Loi relative à l'entrée et au séjour des étrangers {DEMO_FR}",
            "title_en": f"Law on the entry and stay of foreigners {DEMO_EN}",
            "summary_fr": (
                f"Un document générique ; ce n'est pas un texte réel. {DEMO_FR}"
            ),
            "summary_en": f"A generic document; not a real text. {DEMO_EN}",
            "url": "https://example.org/demonstration-law",
        },
    ]


PROFILES = [
    {
        "iso": "SN",
        "status": ProfileStatus.PUBLISHED,
        "of_fr": "du Sénégal",
        "of_en": "Senegal",
        "overview_fr": (
            "Le Sénégal est partenaire du Processus de Rabat depuis son lancement "
            "en 2006. La troisième Conférence ministérielle euro-africaine y a "
            "adopté la Stratégie de Dakar en novembre 2011.\n\n"
            "Le 11 septembre 2013, Dakar a accueilli la réunion thématique "
            "« Renforcer la prise de décisions politiques sur la base de données "
            "migratoires probantes », coprésidée avec la Belgique : la première "
            "réunion de la troisième phase du dialogue."
        ),
        "overview_en": (
            "Senegal has been a partner of the Rabat Process since its launch in "
            "2006. The third Euro-African Ministerial Conference adopted the "
            "Dakar Strategy there in November 2011.\n\n"
            "On 11 September 2013, Dakar hosted the thematic meeting "
            "“Strengthening evidence-based policy making in the field of "
            "migration”, co-chaired with Belgium: the first meeting of the "
            "dialogue's third phase."
        ),
    },
    {
        "iso": "MA",
        "status": ProfileStatus.PUBLISHED,
        "of_fr": "du Maroc",
        "of_en": "Morocco",
        "overview_fr": (
            "Le Maroc a accueilli à Rabat, les 10 et 11 juillet 2006, la première "
            "Conférence ministérielle euro-africaine sur la migration et le "
            "développement, qui a lancé le dialogue et lui a donné son nom : la "
            "Déclaration de Rabat et son Plan d'action y ont été adoptés."
        ),
        "overview_en": (
            "Morocco hosted in Rabat, on 10\u201311 July 2006, the first Euro-African "
            "Ministerial Conference on Migration and Development, which launched "
            "the dialogue and gave it its name: the Rabat Declaration and its "
            "Action Plan were adopted there."
        ),
    },
    {
        "iso": "ES",
        "status": ProfileStatus.PUBLISHED,
        "of_fr": "de l'Espagne",
        "of_en": "Spain",
        "overview_fr": (
            "L'Espagne est partenaire du Processus de Rabat depuis 2006. La "
            "Feuille de route de la Stratégie de Dakar a été adoptée à Madrid "
            "en 2012.\n\n"
            "En novembre 2013, Madrid a accueilli la réunion thématique « La "
            "gestion des frontières au niveau opérationnel », coprésidée avec "
            "le Burkina Faso."
        ),
        "overview_en": (
            "Spain has been a partner of the Rabat Process since 2006. The "
            "Dakar Strategy Roadmap was adopted in Madrid in 2012.\n\n"
            "In November 2013, Madrid hosted the thematic meeting “Border "
            "management at the operational level”, co-chaired with Burkina Faso."
        ),
    },
    {
        "iso": "BF",
        "status": ProfileStatus.VALIDATED,
        "of_fr": "du Burkina Faso",
        "of_en": "Burkina Faso",
        "overview_fr": (
            "Le Burkina Faso est partenaire du Processus de Rabat depuis 2006. "
            "En novembre 2013, il a coprésidé avec l'Espagne la réunion "
            "thématique « La gestion des frontières au niveau opérationnel », "
            "tenue à Madrid."
        ),
        "overview_en": (
            "Burkina Faso has been a partner of the Rabat Process since 2006. "
            "In November 2013, it co-chaired with Spain the thematic meeting "
            "“Border management at the operational level”, held in Madrid."
        ),
    },
    {
        "iso": "BE",
        "status": ProfileStatus.PUBLISHED,
        "of_fr": "de la Belgique",
        "of_en": "Belgium",
        "overview_fr": (
            "La Belgique est partenaire du Processus de Rabat depuis 2006. Le "
            "11 septembre 2013, elle a coprésidé avec le Sénégal la réunion "
            "thématique « Renforcer la prise de décisions politiques sur la base "
            "de données migratoires probantes », tenue à Dakar."
        ),
        "overview_en": (
            "Belgium has been a partner of the Rabat Process since 2006. On "
            "11 September 2013, it co-chaired with Senegal the thematic meeting "
            "“Strengthening evidence-based policy making in the field of "
            "migration”, held in Dakar."
        ),
    },
    {
        "iso": "FR",
        "status": ProfileStatus.DRAFT,
        "of_fr": "de la France",
        "of_en": "France",
        "overview_fr": (
            "La France est partenaire du Processus de Rabat depuis 2006. Paris a "
            "accueilli en novembre 2008 la deuxième Conférence ministérielle "
            "euro-africaine, qui a adopté le Programme de coopération de Paris.\n\n"
            "Une réunion thématique « Les migrations en situations de crise » "
            "est prévue en France en mars 2014 (à confirmer), la coprésidence "
            "restant à déterminer."
        ),
        "overview_en": (
            "France has been a partner of the Rabat Process since 2006. Paris "
            "hosted in November 2008 the second Euro-African Ministerial "
            "Conference, which adopted the Paris Cooperation Programme.\n\n"
            "A thematic meeting on “Migration in crisis situations” is planned "
            "in France in March 2014 (to be confirmed), with the co-chairmanship "
            "still to be decided."
        ),
    },
]

INDICATORS = [
    {
        "code": "demo-remittances-gdp",
        "name_fr": "Transferts de fonds reçus, en % du PIB (données de démonstration)",
        "name_en": "Remittances received, % of GDP (demonstration data)",
        "unit_fr": "% du PIB",
        "unit_en": "% of GDP",
        "description_fr": (
            "Valeurs inventées pour la démonstration de la carte : ce ne sont "
            "pas des statistiques."
        ),
        "description_en": (
            "Values invented to demonstrate the map: they are not statistics."
        ),
        "range": (1, 150),  # tenths
        "scale": Decimal("0.1"),
    },
    {
        "code": "demo-emigrants-per-1000",
        "name_fr": "Émigrés pour 1 000 habitants (données de démonstration)",
        "name_en": "Emigrants per 1,000 inhabitants (demonstration data)",
        "unit_fr": "pour 1 000 habitants",
        "unit_en": "per 1,000 inhabitants",
        "description_fr": (
            "Valeurs inventées pour la démonstration de la carte : ce ne sont "
            "pas des statistiques."
        ),
        "description_en": (
            "Values invented to demonstrate the map: they are not statistics."
        ),
        "range": (5, 120),
        "scale": Decimal(1),
    },
]
INDICATOR_YEARS = (2011, 2012, 2013)
INDICATOR_SOURCE = "Demonstration data (invented values, not statistics)"

FOCAL_POINT_EMAIL = "focal-point@example.org"
PROPOSAL_CHANGES = {
    "name_fr": f"Agence nationale des Sénégalais de l'extérieur {DEMO_FR}",
    "name_en": f"National agency for Senegalese abroad {DEMO_EN}",
    "acronym_fr": "ANSE",
    "kind": InstitutionKind.AGENCY.value,
    "competences_fr": (
        "Accompagne les Sénégalais de l'extérieur et leurs projets "
        f"d'investissement au pays. {DEMO_FR}"
    ),
    "competences_en": (
        f"Supports Senegalese abroad and their investment projects at home. {DEMO_EN}"
    ),
    "website": "",
}


def demo_value(code: str, iso: str, year: int, low: int, high: int) -> int:
    """An invented value, the same at every load."""
    digest = hashlib.sha256(f"{code}:{iso}:{year}".encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low + 1)


# After the meetings (50) and the library (70), whose facts the texts recall.
@register("country profiles", order=80)
@transaction.atomic
def load_country_profiles(*, reset: bool = False) -> dict[str, int]:
    """Create the missing demo profiles (with their institutions, documents
    and figures) and indicators; returns counts per kind."""
    countries = Country.objects.in_bulk(
        [data["iso"] for data in PROFILES], field_name="iso_code"
    )
    profiles = 0
    for data in PROFILES:
        country = countries.get(data["iso"])
        if country is None:
            continue
        if country.partner_since is None or reset:
            country.partner_since = FOUNDING_YEAR
            country.save(update_fields=["partner_since", "updated_at"])
        _profile, created = demo_row(
            CountryProfile,
            reset=reset,
            country=country,
            defaults={
                "status": data["status"],
                "last_reviewed_on": datetime.date(2014, 1, 15),
                "overview_fr": data["overview_fr"],
                "overview_en": data["overview_en"],
            },
        )
        profiles += 1
        if created or reset:
            _profile_rows(country, data, reset=reset)
    values = _indicators(reset=reset)
    return {
        "profiles": profiles,
        "indicators": len(INDICATORS),
        "indicator values": values,
    }


def _profile_rows(country, data, *, reset):
    for position, institution in enumerate(
        _institutions(data["of_fr"], data["of_en"]), start=1
    ):
        demo_row(
            Institution,
            reset=reset,
            country=country,
            name_en=institution["name_en"],
            defaults={**institution, "position": position},
        )
    for document in _documents(data["of_fr"], data["of_en"]):
        demo_row(
            PolicyDocument,
            reset=reset,
            country=country,
            title_en=document["title_en"],
            defaults=document,
        )
    demo_row(
        KeyFigure,
        reset=reset,
        country=country,
        label_en=f"Emigrants registered abroad {DEMO_EN}",
        defaults={
            "label_fr": f"Émigrés enregistrés à l'étranger {DEMO_FR}",
            "value_fr": "100 000 (fictif)",
            "value_en": "100,000 (fictitious)",
            "reference_year": 2013,
            "source_fr": DEMO_SOURCE_FR,
            "source_en": DEMO_SOURCE_EN,
            "source_url": DEMO_SOURCE_URL,
        },
    )


def _indicators(*, reset) -> int:
    countries = list(Country.objects.filter(status=PartnerStatus.PARTNER))
    count = 0
    for data in INDICATORS:
        indicator, _created = demo_row(
            Indicator,
            reset=reset,
            code=data["code"],
            defaults={
                "is_demonstration": True,
                **{
                    f"{name}_{language}": data[f"{name}_{language}"]
                    for name in ("name", "unit", "description")
                    for language in ("fr", "en")
                },
            },
        )
        stored = {
            (value.country_id, value.year): value
            for value in IndicatorValue.objects.filter(indicator=indicator)
        }
        new_values = []
        for country in countries:
            for year in INDICATOR_YEARS:
                value = data["scale"] * demo_value(
                    data["code"], country.iso_code, year, *data["range"]
                )
                existing = stored.get((country.pk, year))
                if existing is None:
                    new_values.append(
                        IndicatorValue(
                            indicator=indicator,
                            country=country,
                            year=year,
                            value=value,
                            source=INDICATOR_SOURCE,
                        )
                    )
                elif reset:
                    existing.value = value
                    existing.source = INDICATOR_SOURCE
                    existing.source_url = ""
                    existing.save()
                count += 1
        IndicatorValue.objects.bulk_create(new_values)
    return count


# With the demo accounts: the proposal is the demo Focal Point's.
@register("country profile proposals", order=85, fictitious_people=True)
@transaction.atomic
def load_profile_proposals(*, reset: bool = False) -> int:
    """The demo Focal Point's pending proposal for Senegal: an institution to
    add. One decided (or edited) is left as it is."""
    user = User.objects.filter(email=FOCAL_POINT_EMAIL).first()
    country = Country.objects.filter(iso_code="SN").first()
    if user is None or country is None:
        return 0
    demo_row(
        ProfileProposal,
        reset=reset,
        country=country,
        proposed_by=user,
        kind=ProposalKind.INSTITUTION_ADD,
        defaults={
            "changes": PROPOSAL_CHANGES,
            "reason": (
                "Cette agence accompagne la diaspora ; elle manque au profil. "
                f"{DEMO_FR}"
            ),
        },
    )
    return 1
