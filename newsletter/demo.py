"""Demo Rabat Review: three back issues (July 2013 to March 2014) written from
the seeds' facts (the launch of the Support Project's activities, the Dakar
thematic meeting of 11 September 2013, the migration profiles activity), and
a few fictitious subscribers.

The publication dates, the generated covers, illustration and PDFs are
illustrative; the subscribers are fictitious people (example.org).

An issue is created when its number is missing, with its articles and files;
one that exists is left as the Secretariat keeps it, and so is a subscriber
(`reset` restores them, see rabat.demo).
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from meetings.demo import demo_pdf
from meetings.models import Meeting
from newsletter.models import Article, Issue, Subscriber, SubscriberStatus
from rabat.demo import demo_row, register
from rabat.models import Country, Theme, User

COVER_SIZE = (1200, 600)
ILLUSTRATION_SIZE = (1072, 480)

DEMO_ISSUES = [
    {
        "number": 1,
        "published": datetime.date(2013, 10, 15),
        "colour": "#0b4f6c",
        "period_fr": "Juillet\u2013septembre 2013",
        "period_en": "July\u2013September 2013",
        "title_fr": (
            "La troisième phase est lancée : les activités du Projet de Soutien "
            "(2013-2015)"
        ),
        "title_en": (
            "Phase three under way: the Support Project's activities (2013-2015)"
        ),
        "introduction_fr": (
            "Bienvenue dans le premier numéro de la **Rabat Review**, la lettre "
            "d'information trimestrielle du Processus de Rabat. Actif depuis 2006 "
            "et entré dans sa troisième phase en janvier 2013, ce dialogue "
            "intergouvernemental passe « du dialogue aux mesures concrètes »."
        ),
        "introduction_en": (
            "Welcome to the first issue of the **Rabat Review**, the quarterly "
            "newsletter of the Rabat Process. Active since 2006 and in its third "
            "phase since January 2013, this intergovernmental dialogue moves "
            "“from dialogue to concrete measures”."
        ),
        "articles": [
            {
                "title_fr": "Trois domaines d'activité",
                "title_en": "Three areas of activity",
                "body_fr": (
                    "Les activités du Projet de Soutien s'articulent autour de "
                    "trois domaines, afin de pérenniser le dialogue tout en "
                    "traduisant les discussions en activités opérationnelles :\n\n"
                    "1. **l'appui au processus de dialogue** : réunions "
                    "thématiques et de haut niveau, réunions du Comité de "
                    "pilotage, consolidation du réseau des Points focaux "
                    "nationaux et des contacts thématiques ;\n"
                    "2. **le développement des connaissances et des bonnes "
                    "pratiques** : les profils migratoires comme outils au "
                    "service des politiques et l'extension de la carte "
                    "interactive i-Map aux pays du Processus (nouvelles "
                    "activités) ;\n"
                    "3. **la mise en œuvre de la Stratégie de Dakar** : son suivi "
                    "et une assistance technique disponible sur demande "
                    "(nouvelle activité)."
                ),
                "body_en": (
                    "The Support Project's activities focus on three areas, for "
                    "the dialogue to become permanent while translating "
                    "discussions into operational activities:\n\n"
                    "1. **supporting the dialogue process**: thematic, "
                    "senior-level and Steering Committee meetings, consolidating "
                    "the network of National Focal Points and thematic contacts;\n"
                    "2. **knowledge building and good practices**: migration "
                    "profiles as information tools for policy making, and the "
                    "extension of the i-Map interactive map to the Rabat Process "
                    "countries (new activities);\n"
                    "3. **implementing the Dakar Strategy**: its follow-up and "
                    "technical support available on demand (new activity)."
                ),
            },
            {
                "title_fr": "Trois thèmes prioritaires pour 2013-2015",
                "title_en": "Three priority themes for 2013-2015",
                "themes": [
                    "evidence-based-policy-making",
                    "border-management",
                    "migration-in-crisis-situations",
                ],
                "body_fr": (
                    "Le Comité de pilotage a choisi trois thèmes prioritaires "
                    "pour la phase 2013-2015 :\n\n"
                    "- l'utilisation des données pour la prise de décisions "
                    "politiques informées, thème transversal, en lien avec "
                    "l'objectif 10 de la Stratégie de Dakar ;\n"
                    "- la gestion des frontières au niveau opérationnel ;\n"
                    "- les migrations en situations de crise."
                ),
                "body_en": (
                    "The Steering Committee has chosen three priority themes for "
                    "the 2013-2015 phase:\n\n"
                    "- using data for evidence-based policy making, the "
                    "cross-cutting theme, linked to objective 10 of the Dakar "
                    "Strategy;\n"
                    "- border management at the operational level;\n"
                    "- migration in crisis situations."
                ),
            },
            {
                "title_fr": "Dakar, 11 septembre 2013 : des données pour décider",
                "title_en": "Dakar, 11 September 2013: data for decisions",
                "themes": ["evidence-based-policy-making"],
                "countries": ["SN"],
                "meetings": ["dakar-2013-evidence-based-policy-making"],
                "illustration": "Dakar · 11.09.2013",
                "image_description_fr": (
                    "Illustration : « Dakar · 11.09.2013 » en lettres blanches "
                    "sur fond bleu."
                ),
                "image_description_en": (
                    "Illustration: “Dakar · 11.09.2013” in white letters on a "
                    "blue background."
                ),
                "body_fr": (
                    "Première réunion thématique de la troisième phase, coprésidée "
                    "par le Sénégal et la Belgique : « Renforcer la prise de "
                    "décisions politiques sur la base de données migratoires "
                    "probantes ». Dans le cadre de l'objectif 10 de la Stratégie "
                    "de Dakar, « fonder la cohérence et la coordination des "
                    "politiques sur l'acquisition et l'échange d'informations », "
                    "la réunion devait :\n\n"
                    "- démontrer l'utilité du recours aux **données** migratoires "
                    "pour fonder les décisions politiques (sessions 1 et 3) ;\n"
                    "- présenter les **outils** de la troisième phase : profils "
                    "migratoires et i-Map (session 2) ;\n"
                    "- faire le point sur la **mise en œuvre de la Stratégie de "
                    "Dakar** (session 4).\n\n"
                    "> « Il est indispensable de récolter des données sur les "
                    "mouvements migratoires et de mettre en place des mécanismes "
                    "permettant de les étudier. » (Feuille de route de la "
                    "Stratégie de Dakar)"
                ),
                "body_en": (
                    "The first thematic meeting of phase three, co-chaired by "
                    "Senegal and Belgium: “Strengthening evidence-based policy "
                    "making in the field of migration”. Within objective 10 of "
                    "the Dakar Strategy, “to base policy consistency and "
                    "coordination on acquiring and sharing information”, the "
                    "meeting set out:\n\n"
                    "- to demonstrate the usefulness of drawing on migration "
                    "**data** as a basis for policy decisions (sessions 1 and 3);\n"
                    "- to present the **tools** of phase three: migration "
                    "profiles and the i-Map (session 2);\n"
                    "- to review the **implementation of the Dakar Strategy** "
                    "(session 4).\n\n"
                    "> “It is indispensable to collect data on migration "
                    "movements and to implement mechanisms for their study.” "
                    "(Dakar Strategy Roadmap)"
                ),
            },
        ],
    },
    {
        "number": 2,
        "published": datetime.date(2014, 1, 15),
        "colour": "#b3541e",
        "period_fr": "Octobre\u2013décembre 2013",
        "period_en": "October\u2013December 2013",
        "title_fr": "Des connaissances au service des politiques",
        "title_en": "Knowledge for policy making",
        "introduction_fr": (
            "Lancées à Dakar, les nouvelles activités de développement des "
            "connaissances se mettent en place : les profils migratoires, "
            "l'i-Map et l'assistance technique sur demande."
        ),
        "introduction_en": (
            "Launched in Dakar, the new knowledge-building activities are taking "
            "shape: migration profiles, the i-Map and technical support on "
            "demand."
        ),
        "articles": [
            {
                "title_fr": (
                    "Profils migratoires : vers des guides d'utilisation sur mesure"
                ),
                "title_en": "Migration profiles: towards tailor-made user guides",
                "themes": ["evidence-based-policy-making"],
                "meetings": ["demo-expert-workshop-migration-profiles"],
                "body_fr": (
                    "Un profil migratoire, du court rapport statistique à la "
                    "version plus complète, sert à la fois d'outil de dialogue, "
                    "d'outil de développement et d'évaluation des politiques et "
                    "des programmes, et d'outil de renforcement des capacités. "
                    "L'activité vise à améliorer la gouvernance des migrations "
                    "et à encourager la prise de décisions informées.\n\n"
                    "Résultat proposé : un **guide d'utilisation** concis et "
                    "personnalisé pour chaque pays participant, avec une "
                    "attention particulière à la gestion des frontières et aux "
                    "migrations en situations de crise ; ses résultats seront "
                    "aussi disponibles sur l'i-Map.\n\n"
                    "- septembre\u2013novembre 2013 : manifestations d'intérêt des "
                    "États et identification des parties prenantes ;\n"
                    "- novembre 2013\u2013janvier 2014 : questionnaires auprès des "
                    "autorités nationales et recherche documentaire ;\n"
                    "- février\u2013juin 2014 : ateliers nationaux de réflexion et de "
                    "formation ;\n"
                    "- mi-2014 : résultats préliminaires présentés à la réunion "
                    "des hauts fonctionnaires."
                ),
                "body_en": (
                    "A migration profile, from a short statistical report to a "
                    "more extensive version, is at once a tool for dialogue, a "
                    "tool to develop and evaluate policies and programmes, and a "
                    "capacity-building tool. The activity aims to improve "
                    "migration governance and to encourage evidence-based "
                    "decisions.\n\n"
                    "Proposed result: a concise, personalised **user guide** for "
                    "each participating country, with special attention to border "
                    "management and migration in crisis situations; its results "
                    "will also be available on the i-Map.\n\n"
                    "- September\u2013November 2013: expressions of interest from "
                    "States and identification of stakeholders;\n"
                    "- November 2013\u2013January 2014: questionnaires to the national "
                    "authorities and desk research;\n"
                    "- February\u2013June 2014: national reflection and training "
                    "workshops;\n"
                    "- mid-2014: preliminary results presented to the Senior "
                    "Officials' Meeting."
                ),
            },
            {
                "title_fr": "L'i-Map s'étend aux pays du Processus de Rabat",
                "title_en": "The i-Map extends to the Rabat Process countries",
                "themes": ["evidence-based-policy-making"],
                "body_fr": (
                    "Présentée à Dakar (session 2), l'extension de la carte "
                    "interactive sur la migration « i-Map » aux pays du Processus "
                    "de Rabat est l'une des nouvelles activités de la troisième "
                    "phase. Les pays cibles de cette activité et de celle des "
                    "profils migratoires sont en cours d'identification."
                ),
                "body_en": (
                    "Presented in Dakar (session 2), the extension of the "
                    "Interactive Map on Migration, “i-Map”, to the Rabat Process "
                    "countries is one of the new activities of phase three. The "
                    "target countries of this activity and of the migration "
                    "profiles are being identified."
                ),
            },
            {
                "title_fr": "Une assistance technique sur demande",
                "title_en": "Technical support on demand",
                "themes": ["evidence-based-policy-making"],
                "body_fr": (
                    "Pour appuyer la mise en œuvre d'initiatives concrètes de la "
                    "Stratégie de Dakar, une assistance technique est disponible "
                    "**sur demande** du pays bénéficiaire : déploiement rapide "
                    "d'experts, à court terme et flexible. Exemples : ateliers "
                    "de formation, identification d'initiatives concrètes "
                    "(réformes politiques ou administratives, développement de "
                    "programmes), création d'outils méthodologiques "
                    "(recommandations, lignes directrices)."
                ),
                "body_en": (
                    "To support the implementation of concrete initiatives of the "
                    "Dakar Strategy, technical support is available **at the "
                    "request** of the beneficiary country: rapid deployment of "
                    "experts, short-term and flexible. Examples: training "
                    "workshops, identifying concrete initiatives (policy or "
                    "administrative reforms, programme development), creating "
                    "methodological tools (recommendations, guidelines)."
                ),
            },
        ],
    },
    {
        "number": 3,
        "published": datetime.date(2014, 4, 15),
        "colour": "#073447",
        "period_fr": "Janvier\u2013mars 2014",
        "period_en": "January\u2013March 2014",
        "title_fr": "Un réseau plus fort, des guides pour chaque pays",
        "title_en": "A stronger network, a guide for each country",
        "introduction_fr": (
            "Les profils migratoires prennent forme, et le réseau des Points "
            "focaux nationaux dispose de nouveaux outils en ligne."
        ),
        "introduction_en": (
            "The migration profiles take shape, and the network of National "
            "Focal Points has new online tools."
        ),
        "articles": [
            {
                "title_fr": "Le guide d'utilisation des profils migratoires",
                "title_en": "The migration profile user guide",
                "themes": ["evidence-based-policy-making"],
                "meetings": ["demo-expert-workshop-migration-profiles"],
                "body_fr": (
                    "Structure proposée pour chaque guide national :\n\n"
                    "1. panorama des sources de données et d'informations dans "
                    "le domaine migratoire ;\n"
                    "2. le cycle de la politique migratoire et ses acteurs ;\n"
                    "3. le processus du profil migratoire : aperçu du contenu, "
                    "membres du groupe de travail, bonnes pratiques, matrice "
                    "problème/solution ;\n"
                    "4. recommandations.\n\n"
                    "Chaque guide est conçu sur mesure, avec toutes les autorités "
                    "nationales traitant de questions migratoires réunies en "
                    "groupe de travail, puis endossé par l'autorité nationale "
                    "coordinatrice avant sa publication."
                ),
                "body_en": (
                    "The proposed structure of each national guide:\n\n"
                    "1. overview of the data and information sources in the "
                    "field of migration;\n"
                    "2. the migration policy cycle and its actors;\n"
                    "3. the migration profile process: content overview, working "
                    "group members, good practices, problem/solution matrix;\n"
                    "4. recommendations.\n\n"
                    "Each guide is tailor-made, with every national authority "
                    "dealing with migration brought together in a working group, "
                    "then endorsed by the coordinating national authority before "
                    "publication."
                ),
            },
            {
                "title_fr": "Un espace privé pour les Points focaux",
                "title_en": "A private area for the Focal Points",
                "body_fr": (
                    "Pour consolider le réseau des Points focaux nationaux, le "
                    "site du Processus est refondu, avec un **espace privé** : "
                    "une base de contacts des Points focaux nationaux et des "
                    "points de contact thématiques, et des forums thématiques "
                    "d'échange en ligne. La Rabat Review, lettre d'information "
                    "trimestrielle, complète ces outils."
                ),
                "body_en": (
                    "To consolidate the network of National Focal Points, the "
                    "Process's website is restyled with a **private area**: a "
                    "database of National Focal Point and thematic contacts, and "
                    "thematic forums for online exchanges. The Rabat Review, the "
                    "quarterly newsletter, completes these tools."
                ),
            },
        ],
    },
]

DEMO_SUBSCRIBERS = [
    ("awa.ndiaye@example.org", "fr", SubscriberStatus.CONFIRMED),
    ("pierre.martin@example.org", "fr", SubscriberStatus.CONFIRMED),
    ("sofia.rossi@example.org", "en", SubscriberStatus.CONFIRMED),
    ("daniel.owusu@example.org", "en", SubscriberStatus.CONFIRMED),
    ("fatou.ba@example.org", "fr", SubscriberStatus.PENDING),
    ("lena.fischer@example.org", "en", SubscriberStatus.UNSUBSCRIBED),
]
# A demo account that manages its subscription from its profile page.
DEMO_MEMBER_SUBSCRIBER = ("focal-point@example.org", "fr", SubscriberStatus.CONFIRMED)


@register("review issues", order=60)
@transaction.atomic
def load_demo_review(*, reset: bool = False) -> int:
    """Create the missing demo issues, keyed on number; returns how many."""
    for data in DEMO_ISSUES:
        published_at = datetime.datetime.combine(
            data["published"], datetime.time(10, 0), timezone.get_current_timezone()
        )
        issue, created = demo_row(
            Issue,
            reset=reset,
            number=data["number"],
            defaults={
                "published_at": published_at,
                **_translated(data, "period", "title", "introduction"),
            },
        )
        if not (created or reset):
            continue
        _load_files(issue, data)
        _load_articles(issue, data["articles"])
    return len(DEMO_ISSUES)


@register("review subscribers", order=65, fictitious_people=True)
@transaction.atomic
def load_demo_subscribers(*, reset: bool = False) -> int:
    """Fictitious subscribers (one pending, one unsubscribed); returns how many."""
    now = timezone.now()
    for email, language, status in [*DEMO_SUBSCRIBERS, DEMO_MEMBER_SUBSCRIBER]:
        demo_row(
            Subscriber,
            reset=reset,
            email=email,
            defaults={
                "language": language,
                "status": status,
                "user": User.objects.filter(email=email).first(),
                "consented_at": now,
                "confirmed_at": None if status == SubscriberStatus.PENDING else now,
                "unsubscribed_at": (
                    now if status == SubscriberStatus.UNSUBSCRIBED else None
                ),
            },
        )
    return len(DEMO_SUBSCRIBERS) + 1


def _translated(data: dict, *fields: str) -> dict:
    return {
        f"{field}_{language}": data.get(f"{field}_{language}", "")
        for field in fields
        for language in ("fr", "en")
    }


def _load_files(issue: Issue, data: dict) -> None:
    """A generated cover and PDFs, saved once: a reset keeps the files."""
    if not issue.cover_image:
        issue.cover_image.save(
            "cover.png",
            ContentFile(_cover_png(data["number"], data["colour"], data)),
            save=False,
        )
    notice = {"fr": "Document de démonstration.", "en": "Demonstration document."}
    for language in ("fr", "en"):
        pdf = getattr(issue, f"pdf_{language}")
        if not pdf:
            lines = [
                f"Rabat Review {data['number']}",
                data[f"period_{language}"],
                data[f"title_{language}"],
                notice[language],
            ]
            pdf.save(
                f"rabat-review-{language}.pdf",
                ContentFile(demo_pdf(lines)),
                save=False,
            )
    issue.save()


def _load_articles(issue: Issue, articles: list[dict]) -> None:
    for position, data in enumerate(articles):
        # Only for a new issue, or a reset: the articles are the demo's.
        article, _ = Article.objects.update_or_create(
            issue=issue,
            position=position,
            defaults=_translated(data, "title", "body", "image_description"),
        )
        article.themes.set(Theme.objects.filter(slug__in=data.get("themes", [])))
        article.countries.set(
            Country.objects.filter(iso_code__in=data.get("countries", []))
        )
        article.meetings.set(Meeting.objects.filter(slug__in=data.get("meetings", [])))
        if data.get("illustration") and not article.image:
            article.image.save(
                "illustration.png",
                ContentFile(_illustration_png(data["illustration"])),
            )
    issue.articles.filter(position__gte=len(articles)).delete()


def _cover_png(number: int, colour: str, data: dict) -> bytes:
    """Pillow's built-in font has no accented letters: ASCII text only."""
    image = Image.new("RGB", COVER_SIZE, colour)
    draw = ImageDraw.Draw(image)
    draw.text((64, 56), "RABAT REVIEW", fill="#ffffff", font=_font(56))
    draw.text((64, 150), f"{number}", fill="#ffffff", font=_font(240))
    draw.text((64, 440), data["period_en"][-4:], fill="#ffffff", font=_font(48))
    draw.text(
        (64, 516),
        "PROCESSUS DE RABAT \u00b7 RABAT PROCESS",
        fill="#dbe7ee",
        font=_font(32),
    )
    return _png(image)


def _illustration_png(text: str) -> bytes:
    image = Image.new("RGB", ILLUSTRATION_SIZE, "#0b4f6c")
    ImageDraw.Draw(image).text(
        (ILLUSTRATION_SIZE[0] // 2, ILLUSTRATION_SIZE[1] // 2),
        text,
        fill="#ffffff",
        font=_font(72),
        anchor="mm",
    )
    return _png(image)


def _font(size: int):
    return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
