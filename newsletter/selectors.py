"""Reads of the Rabat Review: the archive, an issue's web version in the
reader's language, the subscriber an account manages, and the figures of the
back office's send and campaign pages."""

from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from newsletter import rules
from newsletter.models import (
    Article,
    Campaign,
    CampaignStatus,
    Delivery,
    DeliveryStatus,
    Issue,
    Subscriber,
)
from rabat.languages import CONTENT_LANGUAGES, current_language, other_language
from rabat.library import LibraryDocument, LibraryFile
from rabat.markdown import markdown_to_text
from rabat.search import matching
from rabat.selectors import TAG_PREFETCH

SUMMARY_WORDS = 40


@dataclass(frozen=True)
class LocalizedText:
    """A text in the reader's language or, when that is empty, in the other
    one: `is_fallback` says so, and `language` is the one it is written in."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self):
        return self.text


def localized(instance, field: str, language: str) -> LocalizedText:
    """The `field` of `instance` in `language`, else in the other language.

    Reads the `<field>_<language>` columns themselves: modeltranslation's own
    fallback would not tell which language the text is in.
    """
    text = getattr(instance, f"{field}_{language}") or ""
    if text.strip():
        return LocalizedText(text, language, False)
    other = other_language(language)
    other_text = getattr(instance, f"{field}_{other}") or ""
    if other_text.strip():
        return LocalizedText(other_text, other, True)
    return LocalizedText("", language, False)


def markdown_summary(text: str, words: int = SUMMARY_WORDS) -> str:
    """The start of a Markdown text, as plain text."""
    plain = " ".join(markdown_to_text(text, urls=False).split())
    return Truncator(plain).words(words, truncate="…")


def visible_issues(user):
    if rules.can_preview_issue(user):
        return Issue.objects.all()
    return Issue.objects.published()


@dataclass(frozen=True)
class ArchiveEntry:
    issue: Issue
    title: LocalizedText
    period: LocalizedText
    summary: LocalizedText


def archive_entry(issue: Issue, language: str) -> ArchiveEntry:
    introduction = localized(issue, "introduction", language)
    return ArchiveEntry(
        issue=issue,
        title=localized(issue, "title", language),
        period=localized(issue, "period", language),
        summary=LocalizedText(
            markdown_summary(introduction.text),
            introduction.language,
            introduction.is_fallback,
        ),
    )


def published_issues_newest_first():
    return Issue.objects.published().order_by("-published_at", "-number")


def latest_issue_entry(language: str | None = None) -> ArchiveEntry | None:
    """The newest published issue, for the home page; one query."""
    issue = published_issues_newest_first().first()
    if issue is None:
        return None
    return archive_entry(issue, language or current_language())


def archive_by_year(language: str | None = None) -> list[tuple[int, list]]:
    """[(year, [ArchiveEntry, ...]), ...] of the published issues, newest
    first, by the (local) year of their publication; one query."""
    language = language or current_language()
    entries = [
        archive_entry(issue, language) for issue in published_issues_newest_first()
    ]
    return [
        (year, list(group))
        for year, group in groupby(
            entries, key=lambda entry: timezone.localtime(entry.issue.published_at).year
        )
    ]


@dataclass(frozen=True)
class ArticleView:
    article: Article
    title: LocalizedText
    body: LocalizedText
    image_description: LocalizedText

    @property
    def is_fallback(self) -> bool:
        return self.title.is_fallback or self.body.is_fallback

    @property
    def fallback_language(self) -> str:
        return self.body.language if self.body.is_fallback else self.title.language


@dataclass(frozen=True)
class IssuePage:
    issue: Issue
    language: str
    title: LocalizedText
    period: LocalizedText
    introduction: LocalizedText
    articles: list[ArticleView]
    pdf_languages: list[str]


def issue_for_reader(*, number: int, user) -> Issue | None:
    """The issue `number` with its articles and their tags (five queries), if
    `user` may read it."""
    articles = Article.objects.order_by("position", "pk").prefetch_related(
        *TAG_PREFETCH
    )
    return (
        visible_issues(user)
        .prefetch_related(Prefetch("articles", queryset=articles))
        .filter(number=number)
        .first()
    )


def issue_page(issue: Issue, language: str | None = None) -> IssuePage:
    language = language or current_language()
    return IssuePage(
        issue=issue,
        language=language,
        title=localized(issue, "title", language),
        period=localized(issue, "period", language),
        introduction=localized(issue, "introduction", language),
        articles=[
            ArticleView(
                article=article,
                title=localized(article, "title", language),
                body=localized(article, "body", language),
                image_description=localized(article, "image_description", language),
            )
            for article in issue.articles.all()
        ],
        pdf_languages=[
            code for code in CONTENT_LANGUAGES if getattr(issue, f"pdf_{code}")
        ],
    )


def member_subscriber(user, *, for_update: bool = False) -> Subscriber | None:
    """The subscription a member manages from their profile: the row with the
    account's address, else the row linked to the account (whose address
    changed since). `for_update` locks the rows read."""
    if not user.is_authenticated:
        return None
    subscribers = Subscriber.objects.filter(Q(user=user) | Q(email__iexact=user.email))
    if for_update:
        subscribers = subscribers.select_for_update()
    address = user.email.lower()
    return min(
        subscribers, key=lambda s: (s.email.lower() != address, s.pk), default=None
    )


# --- The back office -----------------------------------------------------------


def issue_has_campaign(issue: Issue) -> bool:
    """Whether `issue` is sent, being sent or scheduled (not cancelled)."""
    return (
        Campaign.objects.filter(issue=issue)
        .exclude(status=CampaignStatus.CANCELLED)
        .exists()
    )


def confirmed_subscriber_counts() -> dict[str, int]:
    """How many confirmed subscribers read each language (every language
    present, with 0); one query."""
    counts = dict.fromkeys((code for code, _name in settings.LANGUAGES), 0)
    rows = (
        Subscriber.objects.confirmed()
        .order_by()
        .values_list("language")
        .annotate(count=Count("pk"))
    )
    for language, count in rows:
        counts[language] = count
    return counts


def failed_deliveries(campaign: Campaign):
    """The failed deliveries of `campaign`, oldest first, with their subscriber."""
    return (
        Delivery.objects.filter(campaign=campaign, status=DeliveryStatus.FAILED)
        .select_related("subscriber")
        .order_by("pk")
    )


def campaign_counts(campaign: Campaign) -> dict:
    """Deliveries per status, in total and per language, in one query:
    {"total": 3, "by_status": {"sent": 2, "pending": 1, ...},
    "by_language": {"fr": {"sent": 1, ...}, "en": {...}}}, every status and
    language of the site present (0 when none)."""
    statuses = DeliveryStatus.values
    counts = {
        "total": 0,
        "by_status": dict.fromkeys(statuses, 0),
        "by_language": {
            code: dict.fromkeys(statuses, 0) for code, _name in settings.LANGUAGES
        },
    }
    rows = (
        Delivery.objects.filter(campaign=campaign)
        .order_by()
        .values_list("language", "status")
        .annotate(count=Count("pk"))
    )
    for language, status, count in rows:
        per_language = counts["by_language"].setdefault(
            language, dict.fromkeys(statuses, 0)
        )
        counts["total"] += count
        counts["by_status"][status] += count
        per_language[status] += count
    return counts


def library_documents(query_text: str):
    """The PDFs of the published issues, one library entry per issue (those
    matching `query_text`, if any): one query."""
    issues = Issue.objects.published().exclude(pdf_fr="", pdf_en="")
    if query_text:
        issues = matching(
            issues, query_text, fields=("title", "period", "introduction")
        )
    entries = []
    for issue in issues:
        files = tuple(
            LibraryFile(
                reverse("newsletter:pdf", args=[issue.number, language]),
                language,
                "application/pdf",
                _stored_size(getattr(issue, f"pdf_{language}")),
            )
            for language in CONTENT_LANGUAGES
            if getattr(issue, f"pdf_{language}")
        )
        entries.append(
            LibraryDocument(
                key=f"newsletter:{issue.pk}",
                title=str(issue),
                type="review",
                type_label=_("Rabat Review"),
                kind_label=issue.period,
                date=timezone.localdate(issue.published_at),
                languages=tuple(file.language for file in files),
                files=files,
                page_title=str(issue),
                page_url=issue.get_absolute_url(),
                summary=Truncator(
                    " ".join(markdown_to_text(issue.introduction, urls=False).split())
                ).words(SUMMARY_WORDS),
                rank=getattr(issue, "rank", 0.0),
            )
        )
    return entries


def _stored_size(file_field) -> int | None:
    """The size of a stored file, or None if the storage cannot say."""
    try:
        return file_field.size
    except OSError:
        return None
