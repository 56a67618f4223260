from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from library.admin_forms import DocumentAdminForm
from library.models import Document
from rabat.admin_mixins import PublicPagesAdminMixin, StoredFilesAdminMixin
from rabat.uploads import shortened_name


@admin.register(Document)
class DocumentAdmin(
    PublicPagesAdminMixin, StoredFilesAdminMixin, TabbedTranslationAdmin
):
    form = DocumentAdminForm
    list_display = [
        "title",
        "kind",
        "year",
        "date",
        "place",
        "has_file",
        "is_published",
    ]
    list_filter = ["kind", "is_published", "languages"]
    search_fields = ["title_fr", "title_en", "place"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["themes", "countries"]
    readonly_fields = ["file_details"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        (_("Adoption"), {"fields": ["year", "date", "place"]}),
        (
            _("The text"),
            {"fields": ["languages", "official_url", "file", "file_details"]},
        ),
        (_("Tags"), {"fields": ["themes", "countries"]}),
        (_("Publication"), {"fields": ["is_published"]}),
    ]

    @admin.display(description=_("file"), boolean=True)
    def has_file(self, document):
        return bool(document.file)

    @admin.display(description=_("stored file"))
    def file_details(self, document):
        if not document.file:
            return _("No file yet.")
        return format_html(
            '<a href="{}">{}</a><br>{}',
            document.get_file_url(),
            shortened_name(document.original_name),
            _("%(size)s, %(type)s")
            % {
                "size": filesizeformat(document.size),
                "type": document.content_type,
            },
        )
