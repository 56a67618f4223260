"""Demo meetings: the seeds' 2013-2014 cycle (the Dakar, Madrid and France
thematic meetings, the Senior Officials' Meeting, the Steering Committee
meetings between them) and a few fictitious future meetings, so that the
calendar's "upcoming" part is never empty.

The seeds give the month of most meetings, not the day: those days, the
Steering Committee meetings' places and the agendas' times are illustrative.

A meeting is created when its slug is missing, with its agenda, documents,
co-chairs and themes; one that exists is left as the Secretariat keeps it
(`reset` restores it, see rabat.demo).
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Delegate,
    DocumentKind,
    DocumentVisibility,
    Meeting,
    MeetingDocument,
    MeetingFormat,
    MeetingStatus,
    MeetingType,
    Registration,
    RegistrationStatus,
)
from rabat.demo import demo_row, register
from rabat.models import Country, Objective, Theme, User

EVIDENCE = "evidence-based-policy-making"
BORDERS = "border-management"
CRISIS = "migration-in-crisis-situations"
FICTITIOUS_FR = "Réunion fictive, créée pour la démonstration du portail."
FICTITIOUS_EN = "Fictitious meeting, created to demonstrate the portal."

DAKAR_AGENDA = [
    (
        "09:00",
        "09:30",
        "Ouverture et mots de bienvenue des coprésidents",
        "Opening and welcome by the co-chairs",
        "Sénégal, Belgique",
        "Senegal, Belgium",
    ),
    (
        "09:30",
        "10:30",
        "Présentation du Projet de Soutien et logique de la réunion",
        "Support Project presentation and the logic behind the meeting",
        "ICMPD, Projet de Soutien",
        "ICMPD, Support Project",
    ),
    (
        "11:00",
        "12:30",
        "Session 1 : l'utilité des données migratoires pour fonder les "
        "décisions politiques",
        "Session 1: the usefulness of migration data as a basis for policy decisions",
        "Pays partenaires",
        "Partner countries",
    ),
    (
        "14:00",
        "15:00",
        "Session 2 : les outils de la troisième phase (profils migratoires, i-Map)",
        "Session 2: the tools of phase three (migration profiles, i-Map)",
        "ICMPD, Projet de Soutien",
        "ICMPD, Support Project",
    ),
    (
        "15:00",
        "16:00",
        "Session 3 : expériences nationales de politiques fondées sur les données",
        "Session 3: national experiences of evidence-based policy making",
        "Pays partenaires",
        "Partner countries",
    ),
    (
        "16:15",
        "17:30",
        "Session 4 : le point sur la mise en œuvre de la Stratégie de Dakar",
        "Session 4: review of the implementation of the Dakar Strategy",
        "Comité de pilotage",
        "Steering Committee",
    ),
]


def _seed_meetings(today: datetime.date) -> list[dict]:
    """The meetings, keyed on slug; relative dates for the fictitious ones."""

    def days(count):
        return today + datetime.timedelta(days=count)

    return [
        {
            "slug": "dakar-2013-evidence-based-policy-making",
            "meeting_type": MeetingType.THEMATIC,
            "status": MeetingStatus.HELD,
            "start_date": datetime.date(2013, 9, 11),
            "end_date": datetime.date(2013, 9, 11),
            "start_time": datetime.time(9, 0),
            "end_time": datetime.time(17, 30),
            "time_zone": "Africa/Dakar",
            "host": "SN",
            "co_chairs": ["SN", "BE"],
            "themes": [EVIDENCE],
            "objectives": [10],
            "title_fr": (
                "Réunion thématique : renforcer la prise de décisions politiques "
                "sur la base de données migratoires probantes"
            ),
            "title_en": (
                "Thematic meeting: strengthening evidence-based policy making in "
                "the field of migration"
            ),
            "city_fr": "Dakar",
            "city_en": "Dakar",
            "aims_fr": (
                "Dans le cadre de l'objectif 10 de la Stratégie de Dakar, thème "
                "transversal de la troisième phase du Processus :\n\n"
                "- démontrer l'utilité du recours aux **données** migratoires pour "
                "fonder les décisions politiques (sessions 1 et 3) ;\n"
                "- présenter les **outils** à la disposition de la troisième phase "
                "pour soutenir la prise de décisions politiques informées "
                "(session 2) ;\n"
                "- faire le point sur la **mise en œuvre de la Stratégie de "
                "Dakar** (session 4)."
            ),
            "aims_en": (
                "Within the framework of objective 10 of the Dakar Strategy, the "
                "cross-cutting theme of phase three of the Process:\n\n"
                "- to demonstrate the usefulness of drawing on migration **data** "
                "as a basis for policy decisions (sessions 1 and 3);\n"
                "- to present the **tools** available during phase three for "
                "evidence-based policy making (session 2);\n"
                "- to review the **implementation of the Dakar Strategy** "
                "(session 4)."
            ),
            "summary_fr": (
                "Première réunion thématique de la troisième phase (2013-2015), "
                "coprésidée par le Sénégal et la Belgique. « Fonder la cohérence "
                "et la coordination des politiques sur l'acquisition et l'échange "
                "d'informations » : la réunion a porté sur l'utilisation des "
                "données pour la prise de décisions politiques."
            ),
            "summary_en": (
                "First thematic meeting of phase three (2013-2015), co-chaired by "
                "Senegal and Belgium. “To base policy consistency and coordination "
                "on acquiring and sharing information”: the meeting was devoted to "
                "using data for evidence-based policy making."
            ),
            "outcome_fr": (
                "- Principaux défis, bonnes pratiques et solutions communes "
                "identifiés pour la prise de décisions politiques informées.\n"
                "- Lancement des activités relatives aux **profils migratoires** "
                "et à l'**i-Map**, et identification des pays cibles.\n"
                "- Évaluation des progrès de la mise en œuvre de la Stratégie de "
                "Dakar.\n"
                "- Renforcement du réseau des Points Focaux Nationaux."
            ),
            "outcome_en": (
                "- Main challenges, best practices and common solutions identified "
                "for evidence-based policy making.\n"
                "- Activities on **migration profiles** and the **i-Map** "
                "launched, and their target countries identified.\n"
                "- Progress in implementing the Dakar Strategy assessed.\n"
                "- The National Focal Points network strengthened."
            ),
            "agenda": DAKAR_AGENDA,
            "documents": [
                (
                    "presentation",
                    "fr",
                    "public",
                    "Présentation du Projet de Soutien et logique de la réunion",
                    "Support Project presentation and logic of the meeting (French)",
                ),
                (
                    "presentation",
                    "en",
                    "public",
                    "Présentation du Projet de Soutien (version anglaise)",
                    "Support Project presentation and logic of the meeting",
                ),
                (
                    "concept_note",
                    "fr-en",
                    "members",
                    "Note conceptuelle",
                    "Concept note",
                ),
                (
                    "participants",
                    "fr-en",
                    "members",
                    "Liste des participants",
                    "List of participants",
                ),
            ],
        },
        {
            "slug": "steering-committee-october-2013",
            "meeting_type": MeetingType.STEERING_COMMITTEE,
            "status": MeetingStatus.HELD,
            "start_date": datetime.date(2013, 10, 15),
            "end_date": datetime.date(2013, 10, 15),
            "host": "BE",
            "title_fr": "Réunion du Comité de pilotage (octobre 2013)",
            "title_en": "Steering Committee meeting (October 2013)",
            "city_fr": "Bruxelles",
            "city_en": "Brussels",
            "summary_fr": (
                "Bilan de la réunion de Dakar et préparation de la réunion "
                "thématique de Madrid sur la gestion des frontières."
            ),
            "summary_en": (
                "Review of the Dakar meeting and preparation of the Madrid "
                "thematic meeting on border management."
            ),
            "documents": [
                (
                    "outcome_report",
                    "fr-en",
                    "steering_committee",
                    "Relevé de conclusions du Comité de pilotage",
                    "Steering Committee conclusions",
                ),
            ],
        },
        {
            "slug": "madrid-2013-border-management",
            "meeting_type": MeetingType.THEMATIC,
            "status": MeetingStatus.HELD,
            "start_date": datetime.date(2013, 11, 13),
            "end_date": datetime.date(2013, 11, 14),
            "host": "ES",
            "co_chairs": ["ES", "BF"],
            "themes": [BORDERS],
            "objectives": [4],
            "title_fr": (
                "Réunion thématique : la gestion des frontières au niveau opérationnel"
            ),
            "title_en": "Thematic meeting: border management at the operational level",
            "city_fr": "Madrid",
            "city_en": "Madrid",
            "aims_fr": (
                "Thème prioritaire choisi par le Comité de pilotage et lié à "
                "l'objectif 4 de la Stratégie de Dakar : améliorer la gestion des "
                "frontières, l'efficacité des procédures de réadmission et les "
                "conditions de retour des migrants en situation irrégulière."
            ),
            "aims_en": (
                "A priority theme chosen by the Steering Committee and linked to "
                "objective 4 of the Dakar Strategy: to improve border management, "
                "the effectiveness of readmission procedures and the conditions of "
                "return of migrants in an irregular situation."
            ),
            "summary_fr": (
                "Deuxième réunion thématique de la troisième phase, coprésidée par "
                "l'Espagne et le Burkina Faso."
            ),
            "summary_en": (
                "Second thematic meeting of phase three, co-chaired by Spain and "
                "Burkina Faso."
            ),
            "documents": [
                ("agenda", "fr-en", "public", "Ordre du jour", "Agenda"),
            ],
        },
        {
            "slug": "steering-committee-january-2014",
            "meeting_type": MeetingType.STEERING_COMMITTEE,
            "status": MeetingStatus.HELD,
            "start_date": datetime.date(2014, 1, 21),
            "end_date": datetime.date(2014, 1, 21),
            "host": "BE",
            "title_fr": "Réunion du Comité de pilotage (janvier 2014)",
            "title_en": "Steering Committee meeting (January 2014)",
            "city_fr": "Bruxelles",
            "city_en": "Brussels",
            "summary_fr": (
                "Bilan de la réunion de Madrid et préparation de la réunion sur les "
                "migrations en situations de crise."
            ),
            "summary_en": (
                "Review of the Madrid meeting and preparation of the meeting on "
                "migration in crisis situations."
            ),
        },
        {
            "slug": "france-2014-migration-in-crisis-situations",
            "meeting_type": MeetingType.THEMATIC,
            "status": MeetingStatus.TO_BE_CONFIRMED,
            "start_date": datetime.date(2014, 3, 18),
            "end_date": datetime.date(2014, 3, 19),
            "host": "FR",
            "themes": [CRISIS],
            "objectives": [5],
            "title_fr": "Réunion thématique : les migrations en situations de crise",
            "title_en": "Thematic meeting: migration in crisis situations",
            "summary_fr": (
                "Troisième réunion thématique de la troisième phase, prévue en "
                "France en mars 2014 (à confirmer) ; coprésidence à déterminer."
            ),
            "summary_en": (
                "Third thematic meeting of phase three, planned in France in March "
                "2014 (to be confirmed); co-chairs to be determined."
            ),
        },
        {
            "slug": "steering-committee-april-2014",
            "meeting_type": MeetingType.STEERING_COMMITTEE,
            "status": MeetingStatus.HELD,
            "start_date": datetime.date(2014, 4, 10),
            "end_date": datetime.date(2014, 4, 10),
            "host": "BE",
            "title_fr": "Réunion du Comité de pilotage (avril 2014)",
            "title_en": "Steering Committee meeting (April 2014)",
            "city_fr": "Bruxelles",
            "city_en": "Brussels",
            "summary_fr": "Préparation de la réunion des hauts fonctionnaires.",
            "summary_en": "Preparation of the Senior Officials' Meeting.",
        },
        {
            "slug": "senior-officials-meeting-2014",
            "meeting_type": MeetingType.SENIOR_OFFICIALS,
            "status": MeetingStatus.TO_BE_CONFIRMED,
            "start_date": datetime.date(2014, 6, 24),
            "end_date": datetime.date(2014, 6, 25),
            "objectives": [10],
            "title_fr": "Réunion des hauts fonctionnaires (mi-2014)",
            "title_en": "Senior Officials' Meeting (mid-2014)",
            "summary_fr": (
                "Réunion des hauts fonctionnaires prévue à la mi-2014, coprésidence "
                "à déterminer : bilan des trois réunions thématiques de la "
                "troisième phase."
            ),
            "summary_en": (
                "Senior Officials' Meeting planned for mid-2014, co-chairs to be "
                "determined: review of the three thematic meetings of phase three."
            ),
        },
        {
            "slug": "steering-committee-september-2014",
            "meeting_type": MeetingType.STEERING_COMMITTEE,
            "status": MeetingStatus.HELD,
            "start_date": datetime.date(2014, 9, 16),
            "end_date": datetime.date(2014, 9, 16),
            "host": "BE",
            "title_fr": "Réunion du Comité de pilotage (septembre 2014)",
            "title_en": "Steering Committee meeting (September 2014)",
            "city_fr": "Bruxelles",
            "city_en": "Brussels",
            "summary_fr": "Suites de la réunion des hauts fonctionnaires.",
            "summary_en": "Follow-up of the Senior Officials' Meeting.",
        },
        {
            "slug": "demo-expert-workshop-migration-profiles",
            "meeting_type": MeetingType.EXPERT_WORKSHOP,
            "status": MeetingStatus.CONFIRMED,
            "format": MeetingFormat.HYBRID,
            "start_date": days(24),
            "end_date": days(25),
            "start_time": datetime.time(9, 30),
            "end_time": datetime.time(16, 0),
            "time_zone": "Africa/Casablanca",
            "host": "MA",
            "co_chairs": ["MA", "FR"],
            "themes": [EVIDENCE],
            "objectives": [10],
            "registration_deadline_days": 17,
            "title_fr": "Atelier d'experts : les profils migratoires (démonstration)",
            "title_en": "Expert workshop: migration profiles (demonstration)",
            "city_fr": "Rabat",
            "city_en": "Rabat",
            "venue_fr": "Salle de conférence (fictive)",
            "venue_en": "Conference room (fictitious)",
            "summary_fr": (
                f"{FICTITIOUS_FR} Échange entre experts nationaux sur les sources "
                "de données des profils migratoires."
            ),
            "summary_en": (
                f"{FICTITIOUS_EN} National experts exchange on the data sources of "
                "migration profiles."
            ),
            "agenda": [
                (
                    "09:30",
                    "10:00",
                    "Ouverture",
                    "Opening",
                    "Coprésidents",
                    "Co-chairs",
                ),
                (
                    "10:00",
                    "12:30",
                    "Les sources de données nationales",
                    "National data sources",
                    "Experts nationaux",
                    "National experts",
                ),
                (
                    "14:00",
                    "16:00",
                    "Vers des guides d'utilisation par pays",
                    "Towards country user guides",
                    "Secrétariat",
                    "Secretariat",
                ),
            ],
            "documents": [
                ("agenda", "fr-en", "public", "Ordre du jour", "Agenda"),
                (
                    "concept_note",
                    "fr-en",
                    "members",
                    "Note conceptuelle",
                    "Concept note",
                ),
            ],
        },
        {
            "slug": "demo-steering-committee-meeting",
            "meeting_type": MeetingType.STEERING_COMMITTEE,
            "status": MeetingStatus.PLANNED,
            "start_date": days(52),
            "end_date": days(52),
            "host": "BE",
            "registration_deadline_days": 40,
            "title_fr": "Réunion du Comité de pilotage (démonstration)",
            "title_en": "Steering Committee meeting (demonstration)",
            "city_fr": "Bruxelles",
            "city_en": "Brussels",
            "summary_fr": f"{FICTITIOUS_FR} Programme de travail de l'année à venir.",
            "summary_en": f"{FICTITIOUS_EN} Work programme for the year ahead.",
            "documents": [
                (
                    "agenda",
                    "fr-en",
                    "steering_committee",
                    "Projet d'ordre du jour",
                    "Draft agenda",
                ),
            ],
        },
        {
            "slug": "demo-training-border-management",
            "meeting_type": MeetingType.TRAINING,
            "status": MeetingStatus.TO_BE_CONFIRMED,
            "format": MeetingFormat.ONLINE,
            "start_date": days(110),
            "end_date": days(112),
            "themes": [BORDERS],
            "objectives": [4],
            "title_fr": "Formation en ligne : gestion des frontières (démonstration)",
            "title_en": "Online training: border management (demonstration)",
            "summary_fr": f"{FICTITIOUS_FR} Trois demi-journées en ligne.",
            "summary_en": f"{FICTITIOUS_EN} Three half-days online.",
        },
    ]


TRANSLATED = ("title", "city", "venue", "aims", "summary", "outcome")


@register("meetings", order=50)
@transaction.atomic
def load_demo_meetings(*, reset: bool = False) -> int:
    """Create the missing demo meetings; returns how many there are."""
    today = timezone.localdate()
    countries = {country.iso_code: country for country in Country.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    objectives = {objective.number: objective for objective in Objective.objects.all()}
    meetings = _seed_meetings(today)

    def days(count):
        return today + datetime.timedelta(days=count)

    for data in meetings:
        deadline_days = data.get("registration_deadline_days")
        meeting, created = demo_row(
            Meeting,
            reset=reset,
            slug=data["slug"],
            defaults={
                "meeting_type": data["meeting_type"],
                "status": data["status"],
                "format": data.get("format", MeetingFormat.IN_PERSON),
                "start_date": data["start_date"],
                "end_date": data["end_date"],
                "start_time": data.get("start_time"),
                "end_time": data.get("end_time"),
                "time_zone": data.get("time_zone", ""),
                "host_country": countries.get(data.get("host")),
                "registration_deadline": (
                    _evening(days(deadline_days)) if deadline_days else None
                ),
                **{
                    f"{name}_{language}": data.get(f"{name}_{language}", "")
                    for name in TRANSLATED
                    for language in ("fr", "en")
                },
            },
        )
        if not (created or reset):
            continue
        meeting.co_chairs.set(countries[iso] for iso in data.get("co_chairs", []))
        meeting.themes.set(themes[slug] for slug in data.get("themes", []))
        meeting.strategy_objectives.set(
            objectives[number] for number in data.get("objectives", [])
        )
        _load_agenda(meeting, data.get("agenda", []))
        _load_documents(meeting, data.get("documents", []))
    return len(meetings)


def _evening(day: datetime.date) -> datetime.datetime:
    """18:00 on `day`, in the site's time zone: a deadline as people set one."""
    return datetime.datetime.combine(
        day, datetime.time(18, 0), timezone.get_current_timezone()
    )


def _load_agenda(meeting: Meeting, agenda: list[tuple]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
            title_fr=title_fr,
            title_en=title_en,
            speakers_fr=speakers_fr,
            speakers_en=speakers_en,
            position=position,
        )
        for position, (start, end, title_fr, title_en, speakers_fr, speakers_en) in (
            enumerate(agenda)
        )
    )


def _load_documents(meeting: Meeting, documents: list[tuple]) -> None:
    """Small generated PDFs, saved once: a reset keeps the files."""
    for position, (kind, language, visibility, title_fr, title_en) in enumerate(
        documents
    ):
        document = MeetingDocument.objects.filter(
            meeting=meeting, position=position
        ).first() or MeetingDocument(meeting=meeting, position=position)
        document.kind = DocumentKind(kind)
        document.language = language
        document.visibility = DocumentVisibility(visibility)
        document.title_fr = title_fr
        document.title_en = title_en
        if not document.file:
            content = demo_pdf([meeting.title_fr, title_fr, title_en, FICTITIOUS_EN])
            name = f"{kind}.pdf"
            document.file.save(name, ContentFile(content), save=False)
            document.original_name = name
            document.content_type = "application/pdf"
            document.size = len(content)
        document.save()


@register("meeting registrations", order=55, fictitious_people=True)
@transaction.atomic
def load_demo_registrations(*, reset: bool = False) -> int:
    """Registrations by the demo accounts (fictitious people) to future
    meetings; the demo Focal Point is left to register in the browser.
    A registration that exists keeps its answer and delegates."""
    answers = [
        (
            "demo-expert-workshop-migration-profiles",
            "thematic-contact@example.org",
            [("Kwame Mensah", "Statistician, national migration observatory")],
        ),
        (
            "demo-steering-committee-meeting",
            "steering-committee@example.org",
            [
                ("Isabelle Laurent", "Head of delegation"),
                ("Paul Girard", "Adviser, migration policy"),
            ],
        ),
    ]
    for slug, email, delegates in answers:
        meeting = Meeting.objects.get(slug=slug)
        user = User.objects.get(email=email)
        registration, created = demo_row(
            Registration,
            reset=reset,
            meeting=meeting,
            user=user,
            defaults={
                "status": RegistrationStatus.ATTENDING,
                "country": getattr(getattr(user, "contact", None), "country", None),
            },
        )
        if not (created or reset):
            continue
        registration.delegates.all().delete()
        Delegate.objects.bulk_create(
            Delegate(
                registration=registration, name=name, function=function, position=i
            )
            for i, (name, function) in enumerate(delegates)
        )
    return len(answers)


def demo_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines` (Windows-1252 text), for demo documents."""
    text = "\n".join(
        f"BT /F1 {14 if index == 0 else 11} Tf 56 {780 - 24 * index} Td "
        f"({_pdf_string(line)}) Tj ET"
        for index, line in enumerate(lines)
    ).encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def _pdf_string(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
