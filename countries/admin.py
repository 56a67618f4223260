"""The Secretariat's back office for the country profiles: profiles,
institutions, key figures, policy documents, indicators and their values
(edited, and imported from a CSV file), and the Focal Points' proposals
(read-only here: they are accepted or declined on the portal)."""

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from countries.admin_forms import IndicatorImportForm, PolicyDocumentAdminForm
from countries.models import (
    CountryProfile,
    Indicator,
    IndicatorValue,
    KeyFigure,
    PolicyDocument,
    ProfileProposal,
)
from countries.services.indicators import (
    IndicatorFileError,
    indicator_values_import,
)
from countries.services.profiles import profiles_publish
from rabat.admin_mixins import (
    PublicPagesAdminMixin,
    StoredFilesAdminMixin,
    ViewOnlyAdminMixin,
)
from rabat.models import Institution

URL_FIELD = {models.URLField: {"assume_scheme": "https"}}


class CheckedInitialMixin:
    """The add page's values from its query string (`?country=12`, as the
    admin allows) without the keys that are not keys: the country's
    autocomplete would look them up, and a bad link would give a 500."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.many_to_one or field.one_to_one):
                continue
            try:
                key = field.target_field.to_python(value)
                field.target_field.run_validators(key)
            except (ValidationError, TypeError):
                del initial[name]
        return initial


COUNTRY_SEARCH = ["country__name_fr", "country__name_en", "country__iso_code"]


@admin.register(CountryProfile)
class CountryProfileAdmin(
    CheckedInitialMixin,
    PublicPagesAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    save_on_top = True
    list_display = ["country", "status", "last_reviewed_on", "updated_at"]
    list_filter = ["status", "country__region", "country__status"]
    list_select_related = ["country"]
    search_fields = [*COUNTRY_SEARCH, "overview_fr", "overview_en"]
    autocomplete_fields = ["country"]
    date_hierarchy = "last_reviewed_on"
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["country", "overview"]}),
        (_("Publication"), {"fields": ["status", "last_reviewed_on"]}),
        (_("For members only"), {"fields": ["private_notes"]}),
    ]

    @admin.action(
        description=_("Publish the selected profiles"), permissions=["change"]
    )
    def publish(self, request, queryset):
        count = profiles_publish(profiles=queryset, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d profile published.",
                "%(count)d profiles published.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Institution)
class InstitutionAdmin(
    CheckedInitialMixin,
    PublicPagesAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    save_on_top = True
    list_display = ["name", "acronym", "country", "kind", "position"]
    list_editable = ["position"]
    list_filter = ["kind", "country__region", "themes", "country"]
    list_select_related = ["country"]
    search_fields = [
        "name_fr",
        "name_en",
        "acronym_fr",
        "acronym_en",
        *COUNTRY_SEARCH,
    ]
    autocomplete_fields = ["country"]
    filter_horizontal = ["themes", "objectives"]
    formfield_overrides = URL_FIELD
    fieldsets = [
        (None, {"fields": ["country", "name", "acronym", "kind", "website"]}),
        (_("Competences"), {"fields": ["competences", "themes", "objectives"]}),
        (_("Order"), {"fields": ["position"]}),
    ]


@admin.register(KeyFigure)
class KeyFigureAdmin(
    CheckedInitialMixin,
    PublicPagesAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    list_display = ["label", "value", "reference_year", "country", "source"]
    list_filter = ["reference_year", "country__region", "country"]
    list_select_related = ["country"]
    search_fields = ["label_fr", "label_en", "source_fr", "source_en", *COUNTRY_SEARCH]
    autocomplete_fields = ["country"]
    formfield_overrides = URL_FIELD
    fieldsets = [
        (None, {"fields": ["country", "label", "value", "position"]}),
        (_("Source"), {"fields": ["reference_year", "source", "source_url"]}),
    ]


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(
    CheckedInitialMixin,
    PublicPagesAdminMixin,
    StoredFilesAdminMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    form = PolicyDocumentAdminForm
    save_on_top = True
    list_display = ["title", "country", "kind", "date", "has_file"]
    list_filter = ["kind", "country__region", "country"]
    list_select_related = ["country"]
    search_fields = ["title_fr", "title_en", *COUNTRY_SEARCH]
    autocomplete_fields = ["country"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["country", "title", "kind", "date", "summary"]}),
        (
            _("The document"),
            {
                "fields": ["url", "file"],
                "description": _("A link to the document, or its file, or both."),
            },
        ),
    ]

    @admin.display(description=_("file"), boolean=True)
    def has_file(self, document):
        return bool(document.file)


@admin.register(Indicator)
class IndicatorAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    change_list_template = "admin/countries/indicator/change_list.html"
    import_template = "admin/countries/indicator/import.html"
    list_display = ["name", "code", "unit", "is_demonstration", "value_count"]
    list_filter = ["is_demonstration"]
    search_fields = ["code", "name_fr", "name_en"]
    prepopulated_fields = {"code": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(value_count=Count("values"))

    @admin.display(description=_("values"), ordering="value_count")
    def value_count(self, indicator):
        return indicator.value_count

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(
            ["countries.add_indicatorvalue", "countries.change_indicatorvalue"]
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_import_permission": self.has_import_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload a CSV of indicator values: the same import, and the same
        report, as `manage.py import_indicators`."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = IndicatorImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = indicator_values_import(
                    lines=form.lines, dry_run=form.cleaned_data["dry_run"]
                )
            except IndicatorFileError as error:
                form.add_error("file", str(error))
            else:
                if report.is_valid and not report.dry_run:
                    self.message_user(
                        request,
                        _(
                            "Indicator values imported: %(created)d created, "
                            "%(updated)d updated, %(unchanged)d unchanged."
                        )
                        % {
                            "created": report.created,
                            "updated": report.updated,
                            "unchanged": report.unchanged,
                        },
                        messages.SUCCESS,
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import indicator values"),
            "opts": self.opts,
            "form": form,
            "report": report,
            "values_url": reverse("admin:countries_indicatorvalue_changelist"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, self.import_template, context)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CheckedInitialMixin, PublicPagesAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "country", "year", "value", "source"]
    list_filter = ["indicator", "year", "country__region"]
    list_select_related = ["indicator", "country"]
    search_fields = [
        "indicator__code",
        "indicator__name_fr",
        "indicator__name_en",
        "source",
        *COUNTRY_SEARCH,
    ]
    autocomplete_fields = ["indicator", "country"]
    formfield_overrides = URL_FIELD


@admin.register(ProfileProposal)
class ProfileProposalAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the Secretariat accepts or declines proposals on the
    portal, where they are applied."""

    list_display = ["country", "kind", "proposed_by", "status", "created_at"]
    list_filter = ["status", "kind", "country"]
    list_select_related = ["country", "proposed_by"]
    search_fields = [
        *COUNTRY_SEARCH,
        "proposed_by__first_name",
        "proposed_by__last_name",
        "proposed_by__email",
    ]
    date_hierarchy = "created_at"
    fields = [
        "country",
        "kind",
        "proposer",
        "created_at",
        "institution",
        "policy_document",
        "proposed_values",
        "original_name",
        "reason",
        "status",
        "decided_by",
        "decided_at",
        "decline_reason",
    ]
    readonly_fields = fields

    @admin.display(description=_("proposed values"))
    def proposed_values(self, proposal):
        if not proposal.changes:
            return ""
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((name, value) for name, value in proposal.changes.items()),
            ),
        )

    @admin.display(description=_("proposed by"))
    def proposer(self, proposal):
        # Plain text: the Secretariat may not open user accounts in the admin.
        user = proposal.proposed_by
        return f"{user.get_full_name() or user.email} <{user.email}>"
