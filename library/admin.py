from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from library.admin_forms import DocumentAdminForm
from library.models import Document
from rabat.admin_mixins import PublicPagesAdminMixin, StoredFilesAdminMixin


@admin.register(Document)
class DocumentAdmin(
    PublicPagesAdminMixin, StoredFilesAdminMixin, TabbedTranslationAdmin
):
    form = DocumentAdminForm
    save_on_top = True
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
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        (_("Adoption"), {"fields": ["year", "date", "place"]}),
        (
            _("The text"),
            {"fields": ["languages", "official_url", "file"]},
        ),
        (_("Tags"), {"fields": ["themes", "countries"]}),
        (_("Publication"), {"fields": ["is_published"]}),
    ]

    @admin.display(description=_("file"), boolean=True)
    def has_file(self, document):
        return bool(document.file)
