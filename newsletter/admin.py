"""The Secretariat's back office for the Rabat Review: issues in both
languages with their articles; previews, a test to oneself, publishing to the
archive, sending (now or scheduled) and the campaign's progress; the
subscribers and the campaigns.

Nothing is sent in a request: a test goes through the task queue, a campaign
through the worker (newsletter.sending).
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from newsletter import rendering, selectors
from newsletter.admin_forms import (
    ArticleAdminForm,
    IssueAdminForm,
    SendForm,
    TestSendForm,
)
from newsletter.models import (
    Article,
    Campaign,
    CampaignStatus,
    DeliveryStatus,
    Issue,
    Subscriber,
)
from newsletter.services import issues, sending
from rabat import backoffice
from rabat.admin_mixins import (
    ObjectPagesMixin,
    PublicPagesAdminMixin,
    StoredFilesAdminMixin,
    ViewOnlyAdminMixin,
)

FAILED_PER_PAGE = 50
# Seconds between reloads of the campaign page while it is sending.
CAMPAIGN_REFRESH_SECONDS = 10
TEMPLATES = "admin/newsletter/issue"
# What the date and time picker of the send page needs from the admin's
# scripts (the page adds the translation catalogue).
SEND_FORM_MEDIA = forms.Media(
    js=[
        "admin/js/vendor/jquery/jquery.min.js",
        "admin/js/jquery.init.js",
        "admin/js/core.js",
    ]
)


# --- Helpers of these pages ------------------------------------------------------


# Language names inside a sentence ("Email in French"), which French writes
# in lower case.
LANGUAGE_IN_SENTENCE = {
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
}


def edition_languages():
    """[(code, name)] of the editions: every language of the site."""
    return list(settings.LANGUAGES)


# --- Issues -------------------------------------------------------------------------


class ArticleInline(TranslationStackedInline):
    model = Article
    form = ArticleAdminForm
    fields = ArticleAdminForm.Meta.fields
    # Tags: what links the article to the meetings, themes and news it relates to.
    filter_horizontal = ["themes"]
    autocomplete_fields = ["countries", "meetings"]
    extra = 0


@admin.register(Issue)
class IssueAdmin(
    PublicPagesAdminMixin,
    StoredFilesAdminMixin,
    ObjectPagesMixin,
    TabbedTranslationAdmin,
):
    form = IssueAdminForm
    inlines = [ArticleInline]
    save_on_top = True
    list_display = ["number", "title", "period", "published_at", "campaign_status"]
    list_display_links = ["number", "title"]
    list_select_related = ["campaign"]
    search_fields = ["title_fr", "title_en", "period_fr", "period_en"]
    readonly_fields = ["published_at"]
    fieldsets = [
        (None, {"fields": ["number", "period", "title", "introduction"]}),
        (_("Files"), {"fields": ["cover_image", "pdf_fr", "pdf_en"]}),
        (_("Publication"), {"fields": ["published_at"]}),
    ]

    @admin.display(description=_("campaign"), ordering="campaign__status")
    def campaign_status(self, issue):
        campaign = getattr(issue, "campaign", None)
        if campaign is None:
            return _("Not sent")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:newsletter_issue_campaign", args=[issue.pk]),
            campaign.get_status_display(),
        )

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"

        def view(route, function, name):
            return path(
                route,
                self.admin_site.admin_view(function),
                name=f"{prefix}_{name}",
            )

        return [
            view("<path:object_id>/preview/", self.preview_view, "preview"),
            view(
                "<path:object_id>/preview/<str:language>/email/",
                self.preview_email_view,
                "preview_email",
            ),
            view(
                "<path:object_id>/preview/<str:language>/text/",
                self.preview_text_view,
                "preview_text",
            ),
            view("<path:object_id>/test/", self.test_send_view, "test_send"),
            view("<path:object_id>/publish/", self.publish_view, "publish"),
            view("<path:object_id>/send/", self.send_view, "send"),
            view("<path:object_id>/campaign/", self.campaign_view, "campaign"),
            view(
                "<path:object_id>/campaign/retry/",
                self.campaign_retry_view,
                "campaign_retry",
            ),
            view(
                "<path:object_id>/campaign/cancel/",
                self.campaign_cancel_view,
                "campaign_cancel",
            ),
            view(
                "<path:object_id>/campaign/resend/",
                self.campaign_resend_view,
                "campaign_resend",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "has_campaign": issue is not None and selectors.issue_has_campaign(issue),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # The custom pages ------------------------------------------------------------

    def _redirect_to(self, name, issue):
        return redirect(f"admin:newsletter_issue_{name}", issue.pk)

    def preview_view(self, request, object_id, test_form=None):
        """Links to each edition (email, text, web) and the test form."""
        issue, response = self.object_or_redirect(request, object_id, "view")
        if response:
            return response
        editions = []
        for code, name in edition_languages():
            with translation.override(code):
                web_url = issue.get_absolute_url()
            editions.append(
                {
                    "code": code,
                    "name": name,
                    "in_sentence": LANGUAGE_IN_SENTENCE[code],
                    "web_url": web_url,
                }
            )
        context = self.object_page_context(
            request,
            issue,
            _("Preview and test: %(issue)s") % {"issue": issue},
            editions=editions,
            test_form=test_form or TestSendForm(),
        )
        return TemplateResponse(request, f"{TEMPLATES}/preview.html", context)

    def _edition_or_404(self, request, object_id, language):
        if language not in dict(edition_languages()):
            raise Http404
        return self.object_or_redirect(request, object_id, "view")

    def preview_email_view(self, request, object_id, language):
        """The HTML email as subscribers see it, as a page of its own."""
        issue, response = self._edition_or_404(request, object_id, language)
        if response:
            return response
        html = rendering.issue_email_html(
            issue=issue,
            language=language,
            unsubscribe_url=issues.PREVIEW_UNSUBSCRIBE_URL,
        )
        return HttpResponse(html, content_type="text/html; charset=utf-8")

    def preview_text_view(self, request, object_id, language):
        issue, response = self._edition_or_404(request, object_id, language)
        if response:
            return response
        text = rendering.issue_email_text(
            issue=issue,
            language=language,
            unsubscribe_url=issues.PREVIEW_UNSUBSCRIBE_URL,
        )
        return HttpResponse(text, content_type="text/plain; charset=utf-8")

    def test_send_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        issue, response = self.object_or_redirect(request, object_id, "change")
        if response:
            return response
        form = TestSendForm(request.POST)
        if not request.user.email:
            form.add_error(None, _("Your account has no email address."))
        if not form.is_valid():
            return self.preview_view(request, object_id, test_form=form)
        issues.issue_test_send(
            issue=issue, languages=form.languages(), to=request.user.email
        )
        self.message_user(
            request,
            ngettext(
                "Test sent to %(email)s (%(count)d email).",
                "Test sent to %(email)s (%(count)d emails).",
                len(form.languages()),
            )
            % {"email": request.user.email, "count": len(form.languages())},
            messages.SUCCESS,
        )
        return self._redirect_to("preview", issue)

    def publish_view(self, request, object_id):
        issue, response = self.object_or_redirect(request, object_id, "change")
        if response:
            return response
        if request.method == "POST":
            if issues.issue_publish(issue=issue):
                self.log_change(request, issue, gettext("Published to the archive."))
                self.message_user(
                    request,
                    _("“%(issue)s” is published in the archive.") % {"issue": issue},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _("“%(issue)s” was already published.") % {"issue": issue},
                    messages.WARNING,
                )
            return redirect("admin:newsletter_issue_change", issue.pk)
        context = self.object_page_context(
            request, issue, _("Publish: %(issue)s") % {"issue": issue}
        )
        return TemplateResponse(request, f"{TEMPLATES}/publish.html", context)

    def send_view(self, request, object_id):
        """The number of recipients per language, now or later, then the
        campaign (its sending is the worker's)."""
        issue, response = self.object_or_redirect(request, object_id, "change")
        if response:
            return response
        if selectors.issue_has_campaign(issue):
            return self._already_sent(request, issue)
        form = SendForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                campaign = issues.issue_send(
                    issue=issue,
                    when=form.moment(),
                    send_now=form.send_now,
                    user=request.user,
                )
            except issues.CampaignExists:
                return self._already_sent(request, issue)
            self._sent_message(request, issue, campaign, form.send_now)
            return self._redirect_to("campaign", issue)
        counts = selectors.confirmed_subscriber_counts()
        context = self.object_page_context(
            request,
            issue,
            _("Send: %(issue)s") % {"issue": issue},
            form=form,
            # Not self.media: its translation tabs have nothing to do here.
            media=SEND_FORM_MEDIA + form.media,
            counts=[
                (LANGUAGE_IN_SENTENCE[code], counts.get(code, 0))
                for code, _name in edition_languages()
            ],
            total=sum(counts.values()),
        )
        return TemplateResponse(request, f"{TEMPLATES}/send.html", context)

    def _already_sent(self, request, issue):
        self.message_user(
            request,
            _(
                "This issue already has its campaign: an issue is sent only once. "
                "Follow it here, and retry its failed deliveries if needed."
            ),
            messages.ERROR,
        )
        return self._redirect_to("campaign", issue)

    def _sent_message(self, request, issue, campaign, send_now):
        if send_now:
            text = gettext("Sending started.")
            message = _("The sending has started: the worker sends the emails.")
        else:
            moment = timezone.localtime(campaign.scheduled_for)
            text = gettext("Sending scheduled for %(moment)s.") % {
                "moment": moment.isoformat(timespec="minutes")
            }
            message = _(
                "The sending is scheduled; the issue goes to the archive at the "
                "same moment."
            )
        self.log_change(request, issue, text)
        self.message_user(request, message, messages.SUCCESS)

    def _campaign_or_redirect(self, request, object_id, permission):
        issue, response = self.object_or_redirect(request, object_id, permission)
        if response:
            return None, None, response
        campaign = Campaign.objects.filter(issue=issue).first()
        if campaign is None:
            self.message_user(
                request, _("This issue has not been sent yet."), messages.WARNING
            )
            return issue, None, redirect("admin:newsletter_issue_change", issue.pk)
        return issue, campaign, None

    def campaign_view(self, request, object_id):
        """Progress of the sending, per language, with the failures."""
        issue, campaign, response = self._campaign_or_redirect(
            request, object_id, "view"
        )
        if response:
            return response
        counts = selectors.campaign_counts(campaign)
        failed_page = Paginator(
            selectors.failed_deliveries(campaign), FAILED_PER_PAGE
        ).get_page(request.GET.get("page"))
        context = self.object_page_context(
            request,
            issue,
            _("Campaign: %(issue)s") % {"issue": issue},
            campaign=campaign,
            count_rows=count_rows(counts),
            statuses=DeliveryStatus.choices,
            failed_count=counts_total(counts, DeliveryStatus.FAILED),
            review_count=counts_total(counts, DeliveryStatus.REVIEW),
            failed_page=failed_page,
            refresh_seconds=(
                CAMPAIGN_REFRESH_SECONDS
                if campaign.status == CampaignStatus.SENDING
                else None
            ),
        )
        return TemplateResponse(request, f"{TEMPLATES}/campaign.html", context)

    def campaign_retry_view(self, request, object_id):
        """Queue the failed deliveries again (POST from the campaign page)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        issue, campaign, response = self._campaign_or_redirect(
            request, object_id, "change"
        )
        if response:
            return response
        try:
            count = sending.deliveries_retry_failed(campaign=campaign)
        except sending.CampaignError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self._queued_again_message(request, issue, count, "failed")
        return self._redirect_to("campaign", issue)

    def campaign_cancel_view(self, request, object_id):
        """Cancel a scheduled sending (POST from the campaign page)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        issue, campaign, response = self._campaign_or_redirect(
            request, object_id, "change"
        )
        if response:
            return response
        try:
            sending.campaign_cancel(campaign=campaign)
        except sending.CampaignError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.log_change(request, issue, gettext("Scheduled sending cancelled."))
            self.message_user(
                request,
                _(
                    "The scheduled sending is cancelled: nothing was sent. You can "
                    "send or schedule the issue again."
                ),
                messages.SUCCESS,
            )
        return self._redirect_to("campaign", issue)

    def campaign_resend_view(self, request, object_id):
        """Send again the deliveries left to review, after confirmation: their
        recipients may have received the issue already."""
        issue, campaign, response = self._campaign_or_redirect(
            request, object_id, "change"
        )
        if response:
            return response
        if request.method == "POST":
            try:
                count = sending.deliveries_resend_review(campaign=campaign)
            except sending.CampaignError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self._queued_again_message(request, issue, count, "review")
            return self._redirect_to("campaign", issue)
        counts = selectors.campaign_counts(campaign)
        context = self.object_page_context(
            request,
            issue,
            _("Resend: %(issue)s") % {"issue": issue},
            campaign=campaign,
            review_count=counts_total(counts, DeliveryStatus.REVIEW),
        )
        return TemplateResponse(request, f"{TEMPLATES}/campaign_resend.html", context)

    def _queued_again_message(self, request, issue, count, kind):
        if kind == "failed":
            log = gettext("Failed deliveries queued again: %(count)d.")
        else:
            log = gettext("Deliveries to review sent again: %(count)d.")
        self.log_change(request, issue, log % {"count": count})
        self.message_user(
            request,
            ngettext(
                "%(count)d email is queued again.",
                "%(count)d emails are queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


# --- Campaign counts, as the campaign page shows them -------------------------------


def count_rows(counts) -> list[tuple[str, list[int], int]]:
    """[(language name, [count per DeliveryStatus], total)] for each edition,
    then for all, from `selectors.campaign_counts()`."""
    rows = [
        (name, counts["by_language"].get(code, {}))
        for code, name in edition_languages()
    ]
    rows.append((_("Total"), counts["by_status"]))
    return [
        (name, values, sum(values))
        for name, values in (
            (name, [by_status.get(status, 0) for status in DeliveryStatus.values])
            for name, by_status in rows
        )
    ]


def counts_total(counts, status) -> int:
    return counts["by_status"].get(status, 0)


# --- Subscribers and campaigns ------------------------------------------------------


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Subscribers come through the double opt-in (or a member's profile) and
    leave by unsubscribing: the rows stay, as the history of who was sent
    what; only the language can be corrected here."""

    list_display = ["email", "language", "status", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "language",
        "status",
        "user",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    readonly_fields = [
        "email",
        "status",
        "user",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        # Consent is given by the subscriber, not recorded for them.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Campaign)
class CampaignAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """A list of the campaigns; each one is followed on its issue's page."""

    list_display = [
        "issue",
        "status",
        "scheduled_for",
        "started_at",
        "finished_at",
        "progress_link",
    ]
    list_filter = ["status"]
    list_select_related = ["issue"]
    list_display_links = None

    @admin.display(description=_("progress"))
    def progress_link(self, campaign):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:newsletter_issue_campaign", args=[campaign.issue_id]),
            _("Follow the sending"),
        )


@backoffice.register
def backoffice_tasks(user) -> list[backoffice.PendingTask]:
    """The campaigns sending, and the messages to review after a worker
    stopped while sending them: followed on the issue's campaign page."""
    if not user.has_perm("newsletter.view_campaign"):
        return []
    campaigns = (
        Campaign.objects.annotate(
            review_count=Count(
                "deliveries", filter=Q(deliveries__status=DeliveryStatus.REVIEW)
            )
        )
        .filter(Q(status=CampaignStatus.SENDING) | Q(review_count__gt=0))
        .select_related("issue")
        .order_by("scheduled_for")
    )
    tasks = []
    for campaign in campaigns:
        url = reverse("admin:newsletter_issue_campaign", args=[campaign.issue_id])
        if campaign.review_count:
            tasks.append(
                backoffice.PendingTask(
                    label=ngettext(
                        "message to review (the sending stopped)",
                        "messages to review (the sending stopped)",
                        campaign.review_count,
                    ),
                    url=url,
                    count=campaign.review_count,
                    detail=str(campaign.issue),
                    order=20,
                )
            )
        if campaign.status == CampaignStatus.SENDING:
            tasks.append(
                backoffice.PendingTask(
                    label=pgettext_lazy("back office task", "campaign sending"),
                    url=url,
                    detail=str(campaign.issue),
                    order=40,
                )
            )
    return tasks
