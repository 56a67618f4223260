"""Demo contacts: about 150 fictitious people over the partner countries and roles.

Names are combinations of common first and last names drawn in a fixed order:
nobody real is described. Contacts are keyed on their email and created only
when missing, with their roles; reset restores them (see rabat.demo).
"""

import datetime
import itertools

from django.db import transaction
from django.utils import timezone

from contacts.models import Civility, Contact, ContactRole, RoleKind
from rabat.demo import DEMO_ACCOUNTS, demo_row, register
from rabat.models import Country, Organisation, Theme, User

FIRST_NAMES = [
    ("Aminata", Civility.MS),
    ("Moussa", Civility.MR),
    ("Fatou", Civility.MS),
    ("Ibrahima", Civility.MR),
    ("Awa", Civility.MS),
    ("Kofi", Civility.MR),
    ("Adjoa", Civility.MS),
    ("Mamadou", Civility.MR),
    ("Nadia", Civility.DR),
    ("Youssef", Civility.MR),
    ("Hélène", Civility.MS),
    ("Lukas", Civility.MR),
    ("Sofia", Civility.MS),
    ("João", Civility.MR),
    ("Ingrid", Civility.DR),
    ("Pieter", Civility.MR),
    ("Élodie", Civility.MS),
    ("Marco", Civility.MR),
    ("Aïcha", Civility.MS),
    ("Oumar", Civility.MR),
    ("Léa", Civility.MS),
    ("Tomasz", Civility.MR),
    ("Mariam", Civility.DR),
    ("Andrés", Civility.MR),
]
LAST_NAMES = [
    "Diallo",
    "Traoré",
    "Koné",
    "Ouédraogo",
    "Mensah",
    "Boateng",
    "Ndiaye",
    "Camara",
    "Benali",
    "El Idrissi",
    "Dupont",
    "Schneider",
    "Rossi",
    "Silva",
    "Jansen",
    "Novak",
    "Lindqvist",
    "Kowalski",
    "García",
    "Müller",
    "Sy",
    "Keïta",
    "Tembo",
    "Okafor",
    "Petit",
    "Moreau",
    "Costa",
    "Horvat",
]
POSITIONS = [
    ("Director of Migration Affairs", "Ministry of the Interior"),
    ("Head of Unit, Diaspora Relations", "Ministry of Foreign Affairs"),
    ("Senior Adviser, Border Management", "National Police"),
    ("Policy Officer, Migration and Development", "Ministry of Planning"),
    ("Head of Statistics", "National Institute of Statistics"),
    ("Deputy Director, Consular Affairs", "Ministry of Foreign Affairs"),
]
PHONE_PREFIX = {"SN": "+221 33 8", "FR": "+33 1 4", "BE": "+32 2 5", "MA": "+212 5 37"}


def _people():
    """An endless, fixed sequence of fictitious (first name, civility, last name)."""
    for index in itertools.count():
        first, civility = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
        yield first, civility, last


def _phone(country, index):
    prefix = PHONE_PREFIX.get(country.iso_code if country else "", "+32 2 5")
    return f"{prefix}{index % 90 + 10:02d} {index % 70 + 10:02d} {index % 50 + 10:02d}"


def _email(first, last, index):
    ascii_name = f"{first}.{last}".lower()
    for accented, plain in (
        ("é", "e"),
        ("è", "e"),
        ("ï", "i"),
        ("ã", "a"),
        ("ü", "u"),
        ("í", "i"),
    ):
        ascii_name = ascii_name.replace(accented, plain)
    ascii_name = ascii_name.replace(" ", "-").replace("ç", "c")
    return f"{ascii_name}.{index}@example.org"


@register("contacts", order=30, fictitious_people=True)
@transaction.atomic
def load_demo_contacts(*, reset: bool = False) -> int:
    """Create the missing demo contacts; returns how many there are."""
    now = timezone.now()
    themes = list(Theme.objects.order_by("position"))
    people = _people()
    count = 0
    fresh = set()

    def contact_for(index, country=None, organisation=None, stale=False):
        nonlocal count
        first, civility, last = next(people)
        position, institution = POSITIONS[index % len(POSITIONS)]
        contact, created = demo_row(
            Contact,
            reset=reset,
            email=_email(first, last, index),
            defaults={
                "civility": civility,
                "first_name": first,
                "last_name": last,
                "position": position,
                "organisation": organisation.name if organisation else institution,
                "country": country,
                "partner_organisation": organisation,
                "preferred_language": "fr" if index % 2 else "en",
                "languages": ["fr", "en"] if index % 3 else ["fr"],
                "office_phone": _phone(country, index),
                "last_verified_at": now
                - datetime.timedelta(days=500 if stale else 30 + index),
            },
        )
        count += 1
        if created or reset:
            fresh.add(contact.pk)
        return contact

    def hold(contact, kind, start, end=None, theme=None, successor=None):
        # An existing card's roles are its own (handovers, ends): only a new
        # card gets the demo's.
        if contact.pk not in fresh:
            return
        demo_row(
            ContactRole,
            reset=reset,
            contact=contact,
            kind=kind,
            theme=theme,
            start_date=start,
            defaults={"end_date": end, "successor": successor},
        )

    index = 0
    for country in Country.objects.partners().order_by("iso_code"):
        index += 1
        focal_point = contact_for(index, country, stale=index % 9 == 0)
        hold(focal_point, RoleKind.FOCAL_POINT, datetime.date(2013, 1, 15))
        if index % 6 == 0:
            hold(focal_point, RoleKind.STEERING_COMMITTEE, datetime.date(2013, 3, 1))
        if index % 2 == 0:
            index += 1
            alternate = contact_for(index, country)
            hold(alternate, RoleKind.ALTERNATE_FOCAL_POINT, datetime.date(2013, 6, 1))
        if themes and index % 3 != 1:
            index += 1
            thematic = contact_for(index, country, stale=index % 7 == 0)
            hold(
                thematic,
                RoleKind.THEMATIC_CONTACT,
                datetime.date(2013, 9, 1),
                theme=themes[index % len(themes)],
            )
        if index % 5 == 0:
            # A former Focal Point, who handed over to the current one.
            index += 1
            former = contact_for(index, country, stale=True)
            hold(
                former,
                RoleKind.FOCAL_POINT,
                datetime.date(2010, 1, 1),
                end=datetime.date(2013, 1, 14),
                successor=focal_point,
            )
    for organisation in Organisation.objects.exclude(kind="partner"):
        index += 1
        representative = contact_for(index, organisation=organisation)
        hold(
            representative, RoleKind.OBSERVER_REPRESENTATIVE, datetime.date(2013, 1, 1)
        )
    _link_demo_accounts(reset=reset)
    return count


def _link_demo_accounts(*, reset: bool) -> None:
    """The demo accounts get cards too: Focal Point of Senegal, and so on."""
    cards = {
        "focal-point@example.org": ("SN", None, [RoleKind.FOCAL_POINT], None),
        "thematic-contact@example.org": (
            "GH",
            None,
            [RoleKind.THEMATIC_CONTACT],
            "border-management",
        ),
        "steering-committee@example.org": (
            "FR",
            None,
            [RoleKind.STEERING_COMMITTEE],
            None,
        ),
        "moderator@example.org": ("NO", None, [RoleKind.ALTERNATE_FOCAL_POINT], None),
        "secretariat@example.org": (None, "icmpd", [RoleKind.SECRETARIAT], None),
    }
    accounts = {account.email: account for account in DEMO_ACCOUNTS}
    for email, (iso_code, organisation_slug, kinds, theme_slug) in cards.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        account = accounts[email]
        contact, created = demo_row(
            Contact,
            reset=reset,
            email=email,
            defaults={
                "user": user,
                "first_name": account.first_name,
                "last_name": account.last_name,
                "civility": Civility.MS
                if account.first_name in ("Mariama", "Isabelle", "Claire")
                else Civility.MR,
                "position": "Secretariat officer"
                if organisation_slug
                else "National Focal Point",
                "organisation": "ICMPD"
                if organisation_slug
                else "Ministry of Foreign Affairs",
                "country": Country.objects.filter(iso_code=iso_code).first()
                if iso_code
                else None,
                "partner_organisation": Organisation.objects.filter(
                    slug=organisation_slug
                ).first()
                if organisation_slug
                else None,
                "preferred_language": account.preferred_language,
                "languages": ["fr", "en"],
                "last_verified_at": timezone.now()
                - datetime.timedelta(days=400 if iso_code == "SN" else 20),
            },
        )
        if not (created or reset):
            continue
        for kind in kinds:
            theme = (
                Theme.objects.filter(slug=theme_slug).first() if theme_slug else None
            )
            demo_row(
                ContactRole,
                reset=reset,
                contact=contact,
                kind=kind,
                theme=theme,
                start_date=datetime.date(2013, 1, 15),
                defaults={"end_date": None},
            )
