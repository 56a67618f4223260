"""Downloads of the private area: vCards, directory exports, contact photos."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views import View

from contacts import rules
from contacts.exports import (
    contact_vcard,
    directory_csv,
    directory_vcards,
    directory_xlsx,
)
from contacts.forms import DirectoryFilterForm
from contacts.models import Contact
from contacts.selectors import with_current_roles
from rabat.http import stored_file_response
from rabat.rules import MemberRequiredMixin, RuleRequiredMixin

VCARD_TYPE = "text/vcard; charset=utf-8"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# URL size -> Contact field.
PHOTO_FIELDS = {"full": "photo", "thumbnail": "photo_thumbnail"}


def attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def file_stem(contact):
    """An ASCII file name for the contact ("aissatou-ndiaye-keita")."""
    return slugify(contact.full_name) or f"contact-{contact.pk}"


def directory_file_name(extension):
    return f"rabat-process-contacts-{timezone.localdate():%Y-%m-%d}.{extension}"


class ExportRequiredMixin(RuleRequiredMixin):
    """The exports of the whole directory (contacts.rules); others get a 403."""

    def rule(self, user) -> bool:
        return rules.can_export_contacts(user)


class DirectoryMixin:
    def get_directory(self):
        """The contacts the directory page shows for the same GET parameters."""
        contacts = DirectoryFilterForm(self.request.GET or None).directory()
        return with_current_roles(contacts)


class ContactVCardView(MemberRequiredMixin, View):
    def get(self, request, pk):
        contact = get_object_or_404(
            Contact.objects.select_related("country", "partner_organisation"), pk=pk
        )
        return attachment(
            contact_vcard(contact, request.user),
            VCARD_TYPE,
            f"{file_stem(contact)}.vcf",
        )


class DirectoryVCardView(MemberRequiredMixin, DirectoryMixin, View):
    def get(self, request):
        return attachment(
            directory_vcards(self.get_directory(), request.user),
            VCARD_TYPE,
            directory_file_name("vcf"),
        )


class DirectoryCSVView(ExportRequiredMixin, DirectoryMixin, View):
    def get(self, request):
        return attachment(
            directory_csv(self.get_directory(), request.user),
            CSV_TYPE,
            directory_file_name("csv"),
        )


class DirectoryXLSXView(ExportRequiredMixin, DirectoryMixin, View):
    def get(self, request):
        return attachment(
            directory_xlsx(self.get_directory(), request.user),
            XLSX_TYPE,
            directory_file_name("xlsx"),
        )


class ContactPhotoView(MemberRequiredMixin, View):
    """A contact's photo ("full") or thumbnail, read from storage."""

    def get(self, request, pk, size):
        field = PHOTO_FIELDS.get(size)
        if field is None:
            raise Http404
        contact = get_object_or_404(
            Contact.objects.only("first_name", "last_name", field), pk=pk
        )
        return stored_file_response(
            getattr(contact, field),
            is_public=False,
            content_type="image/jpeg",
            filename=f"{file_stem(contact)}.jpg",
        )
