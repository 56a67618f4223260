"""The Secretariat's back office for meetings: the meetings in both languages
with their agenda and documents, the registrations, their export, and emails
to the registrants."""

import csv
import datetime
import io
import unicodedata

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTimeWidget
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationTabularInline,
)

from meetings.admin_forms import (
    AgendaItemFormSet,
    MeetingAdminForm,
    MeetingDocumentForm,
    ParticipantsMessageForm,
)
from meetings.models import (
    AgendaItem,
    Delegate,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Registration,
    RegistrationStatus,
)
from meetings.notifications import (
    NOTIFIED_FIELDS,
    meeting_registrants,
    participants_message_send,
)
from meetings.services import meeting_edit_save
from rabat import backoffice
from rabat.admin_mixins import (
    ObjectPagesMixin,
    PublicPagesAdminMixin,
    StoredFilesAdminMixin,
    ViewOnlyAdminMixin,
)
from rabat.csv import csv_safe

CSV_TYPE = "text/csv; charset=utf-8"
# The back office's home lists the registrations closing within these days.
REGISTRATION_CLOSING_DAYS = 14
# Within a country: who comes first, who withdrew last.
STATUS_ORDER = {
    RegistrationStatus.ATTENDING: 0,
    RegistrationStatus.NOT_ATTENDING: 1,
    RegistrationStatus.CANCELLED: 2,
}


# --- Registrations: the list and its export -------------------------------------


def _sort_key(text: str) -> str:
    """`text` for sorting: case and accents ignored ("Égypte" near "Espagne")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def registrant_name(registration: Registration) -> str:
    return registration.user.get_full_name() or registration.user.email


def meeting_registrations(meeting: Meeting) -> list[Registration]:
    """Every answer to `meeting`, cancelled ones too, by country (in the
    active language) then answer and registrant; users, countries and
    delegates loaded."""
    registrations = meeting.registrations.select_related(
        "user", "country"
    ).prefetch_related("delegates")
    return sorted(
        registrations,
        key=lambda registration: (
            registration.country is None,
            _sort_key(
                registration.country.name if registration.country else ""
            ).casefold(),
            STATUS_ORDER.get(registration.status, len(STATUS_ORDER)),
            _sort_key(registrant_name(registration)).casefold(),
            registration.pk,
        ),
    )


def registration_counts(registrations: list[Registration]) -> dict[str, int]:
    """How many answered what, from `meeting_registrations()`."""
    attending = [
        registration
        for registration in registrations
        if registration.status == RegistrationStatus.ATTENDING
    ]
    return {
        "attending": len(attending),
        "delegates": sum(
            len(registration.delegates.all()) for registration in attending
        ),
        "countries": len(
            {registration.country_id for registration in attending} - {None}
        ),
        "not_attending": sum(
            registration.status == RegistrationStatus.NOT_ATTENDING
            for registration in registrations
        ),
        "cancelled": sum(
            registration.status == RegistrationStatus.CANCELLED
            for registration in registrations
        ),
    }


def registrations_csv(registrations: list[Registration]) -> str:
    """One row per delegate (one for an answer without delegates), headed in
    the active language, with a byte order mark for spreadsheet programs."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            gettext("Country"),
            gettext("Registrant"),
            gettext("Registrant's email"),
            gettext("Answer"),
            gettext("Delegate"),
            gettext("Delegate's function"),
            gettext("Remarks"),
            gettext("Registered at"),
            gettext("Updated at"),
        ]
    )
    for registration in registrations:
        answer = [
            registration.country.name if registration.country else "",
            registrant_name(registration),
            registration.user.email,
            registration.get_status_display(),
        ]
        times = [
            registration.notes,
            _local_time(registration.created_at),
            _local_time(registration.updated_at),
        ]
        delegates = registration.delegates.all() or [None]
        for delegate in delegates:
            people = [delegate.name, delegate.function] if delegate else ["", ""]
            writer.writerow([csv_safe(value) for value in answer + people + times])
    return buffer.getvalue()


def _local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- Meetings -------------------------------------------------------------------


class AgendaItemInline(TranslationTabularInline):
    """The agenda as a table: a session a row."""

    model = AgendaItem
    formset = AgendaItemFormSet
    fields = [
        "date",
        "start_time",
        "end_time",
        "title",
        "speakers",
        "description",
        "position",
    ]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})},
        models.TimeField: {"widget": AdminTimeWidget(format="%H:%M")},
    }
    extra = 0


class MeetingDocumentInline(TranslationTabularInline):
    model = MeetingDocument
    form = MeetingDocumentForm
    fields = [
        "title",
        "kind",
        "language",
        "visibility",
        "file",
        "position",
    ]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(
    PublicPagesAdminMixin,
    StoredFilesAdminMixin,
    ObjectPagesMixin,
    TabbedTranslationAdmin,
):
    registrations_template = "admin/meetings/meeting/registrations.html"
    email_template = "admin/meetings/meeting/email_participants.html"
    email_confirm_template = "admin/meetings/meeting/email_participants_confirm.html"
    form = MeetingAdminForm
    inlines = [AgendaItemInline, MeetingDocumentInline]
    save_on_top = True
    formfield_overrides = {
        models.TimeField: {"widget": AdminTimeWidget(format="%H:%M")},
    }
    list_display = [
        "start_date",
        "title",
        "meeting_type",
        "status",
        "host_country",
        "is_published",
        "registrations_link",
    ]
    list_display_links = ["start_date", "title"]
    list_filter = ["meeting_type", "status", "format", "is_published", "themes"]
    list_select_related = ["host_country"]
    search_fields = ["title_fr", "title_en", "city_fr", "city_en", "slug"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["host_country", "co_chairs"]
    filter_horizontal = ["themes", "strategy_objectives"]
    readonly_fields = ["sequence"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "meeting_type", "status", "format"]}),
        (
            _("Dates and place"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    ("start_time", "end_time"),
                    "time_zone",
                    "host_country",
                    "city",
                    "venue",
                    "co_chairs",
                ]
            },
        ),
        (
            _("Description"),
            {
                "fields": [
                    "themes",
                    "strategy_objectives",
                    "aims",
                    "summary",
                    "outcome",
                ]
            },
        ),
        (_("Registration"), {"fields": ["registration_deadline"]}),
        (_("Publication"), {"fields": ["is_published", "sequence"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                attending_count=Count(
                    "registrations",
                    filter=Q(registrations__status=RegistrationStatus.ATTENDING),
                    distinct=True,
                ),
                answer_count=Count(
                    "registrations",
                    filter=~Q(registrations__status=RegistrationStatus.CANCELLED),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("registrations"), ordering="attending_count")
    def registrations_link(self, meeting):
        url = reverse("admin:meetings_meeting_registrations", args=[meeting.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            _("%(attending)d attending, %(answers)d answers")
            % {"attending": meeting.attending_count, "answers": meeting.answer_count},
        )

    def get_urls(self):
        opts = self.opts
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/registrations/",
                self.admin_site.admin_view(self.registrations_view),
                name=f"{prefix}_registrations",
            ),
            path(
                "<path:object_id>/registrations.csv",
                self.admin_site.admin_view(self.registrations_csv_view),
                name=f"{prefix}_registrations_csv",
            ),
            path(
                "<path:object_id>/email/",
                self.admin_site.admin_view(self.email_participants_view),
                name=f"{prefix}_email_participants",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        notified = meeting_edit_save(
            meeting=obj,
            changed_fields={self._model_field_name(name) for name in form.changed_data},
            previous={
                name: form.initial.get(name)
                for name in NOTIFIED_FIELDS
                if name in form.initial
            },
        )
        if notified:
            self.message_user(
                request,
                ngettext(
                    "%(count)d participant will be notified of the change.",
                    "%(count)d participants will be notified of the change.",
                    notified,
                )
                % {"count": notified},
                messages.INFO,
            )

    def _model_field_name(self, form_field_name: str) -> str:
        """The model field a form field edits: "title" for "title_en"."""
        field = self.opts.get_field(form_field_name)
        return getattr(field, "translated_field", field).name

    def registrations_view(self, request, object_id):
        meeting, redirect_response = self.object_or_redirect(request, object_id, "view")
        if redirect_response:
            return redirect_response
        registrations = meeting_registrations(meeting)
        context = self.object_page_context(
            request,
            meeting,
            _("Registrations: %(meeting)s") % {"meeting": meeting},
            registrations=registrations,
            counts=registration_counts(registrations),
        )
        return TemplateResponse(request, self.registrations_template, context)

    def registrations_csv_view(self, request, object_id):
        meeting, redirect_response = self.object_or_redirect(request, object_id, "view")
        if redirect_response:
            return redirect_response
        response = HttpResponse(
            registrations_csv(meeting_registrations(meeting)), content_type=CSV_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"{meeting.slug}-registrations.csv"
        )
        return response

    def email_participants_view(self, request, object_id):
        """Write a message, confirm the number of recipients, send."""
        meeting, redirect_response = self.object_or_redirect(
            request, object_id, "change"
        )
        if redirect_response:
            return redirect_response
        counts = {
            attending_only: meeting_registrants(
                meeting=meeting, attending_only=attending_only
            ).count()
            for attending_only in (True, False)
        }
        form = ParticipantsMessageForm(
            request.POST or None,
            attending_count=counts[True],
            active_count=counts[False],
        )
        template, extra = self.email_template, {}
        if request.method == "POST" and form.is_valid() and "edit" not in request.POST:
            if "send" in request.POST:
                return self._participants_message_send(request, meeting, form)
            template = self.email_confirm_template
            extra = {
                "recipient_count": counts[form.attending_only],
                "languages": form.languages(),
            }
        context = self.object_page_context(
            request,
            meeting,
            _("Email the registrants: %(meeting)s") % {"meeting": meeting},
            form=form,
            media=self.media + form.media,
            **extra,
        )
        return TemplateResponse(request, template, context)

    def _participants_message_send(self, request, meeting, form):
        count = participants_message_send(
            meeting=meeting,
            subjects=form.subjects(),
            messages=form.messages(),
            attending_only=form.attending_only,
        )
        _code, _language, subject, _message = form.languages()[0]
        self.log_change(
            request,
            meeting,
            ngettext(
                "Emailed %(count)d registrant: %(subject)s",
                "Emailed %(count)d registrants: %(subject)s",
                count,
            )
            % {"count": count, "subject": subject},
        )
        self.message_user(
            request,
            ngettext(
                "Your message is on its way to %(count)d registrant.",
                "Your message is on its way to %(count)d registrants.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return redirect("admin:meetings_meeting_registrations", meeting.pk)


# --- Registrations ----------------------------------------------------------------


class DelegateInline(ViewOnlyAdminMixin, admin.TabularInline):
    model = Delegate
    fields = ["name", "function"]
    readonly_fields = fields
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: members answer on the meeting's page; nothing is deleted."""

    inlines = [DelegateInline]
    list_display = ["meeting", "user", "country", "status", "created_at", "updated_at"]
    list_filter = ["status", "meeting", "country"]
    list_select_related = ["meeting", "user", "country"]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "meeting__title_fr",
        "meeting__title_en",
    ]
    fields = ["meeting", "registrant", "country", "status", "notes", "created_at"]
    readonly_fields = fields

    @admin.display(description=_("registered by"))
    def registrant(self, registration):
        # Plain text: the Secretariat may not open user accounts in the admin.
        return f"{registrant_name(registration)} <{registration.user.email}>"


@backoffice.register
def backoffice_tasks(user) -> list[backoffice.PendingTask]:
    """The meetings whose registration closes within two weeks: their
    registrations, to follow up the countries that have not answered."""
    if not user.has_perm("meetings.view_registration"):
        return []
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(
            registration_deadline__gt=now,
            registration_deadline__lte=now
            + datetime.timedelta(days=REGISTRATION_CLOSING_DAYS),
        )
        .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.HELD])
        .annotate(
            attending_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.ATTENDING),
            )
        )
        .order_by("registration_deadline")
    )
    return [
        backoffice.PendingTask(
            label=ngettext(
                "Registration closes on %(date)s (%(count)d attending)",
                "Registration closes on %(date)s (%(count)d attending)",
                meeting.attending_count,
            )
            % {
                "date": date_format(
                    timezone.localtime(meeting.registration_deadline), "DATE_FORMAT"
                ),
                "count": meeting.attending_count,
            },
            url=reverse("admin:meetings_meeting_registrations", args=[meeting.pk]),
            detail=meeting.title,
            order=35,
        )
        for meeting in meetings
    ]
