"""The directory as files: vCards for address books, CSV and Excel tables.

Every export shows a viewer only what the directory page shows them: the
optional fields (mobile phone, personal email) through the selectors' rules.
The table exports expect contacts from `contact_directory()` with their current
roles prefetched into `current_roles` (none: a former contact).
"""

import base64
import csv
import datetime
import io

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from contacts.models import Contact, ContactRole
from contacts.selectors import visible_mobile_phone, visible_personal_email
from rabat.csv import csv_safe

# RFC 6350 section 3.2 (and RFC 2425 for vCard 3.0): lines of at most 75
# octets, continued on lines starting with a space.
VCARD_LINE_OCTETS = 75
VCARD_UID = "rabat-process-contact-{pk}@processusderabat.net"
JPEG_SIGNATURE = b"\xff\xd8\xff"


# --- vCard ------------------------------------------------------------------------


def contact_vcard(contact: Contact, viewer) -> str:
    """The contact's vCard 3.0 (CRLF line ends), as `viewer` may see it."""
    organisation = contact.organisation or (
        contact.partner_organisation.name if contact.partner_organisation else ""
    )
    personal_email = visible_personal_email(contact, viewer)
    mobile_phone = visible_mobile_phone(contact, viewer)
    photo = _thumbnail_jpeg(contact)
    properties = [
        ("BEGIN", "VCARD"),
        ("VERSION", "3.0"),
        (
            "N",
            _vcard_components(
                contact.last_name,
                contact.first_name,
                "",
                contact.get_civility_display(),
                "",
            ),
        ),
        ("FN", _vcard_text(contact.full_name)),
        ("ORG", _vcard_text(organisation) if organisation else ""),
        ("TITLE", _vcard_text(contact.position)),
        ("EMAIL;TYPE=INTERNET,WORK", _vcard_text(contact.email)),
        ("EMAIL;TYPE=INTERNET,HOME", _vcard_text(personal_email)),
        ("TEL;TYPE=WORK,VOICE", _e164(contact.office_phone)),
        ("TEL;TYPE=CELL", _e164(mobile_phone)),
        (
            "ADR;TYPE=WORK",
            _vcard_components("", "", "", "", "", "", contact.country.name)
            if contact.country
            else "",
        ),
        ("CATEGORIES", _vcard_text(_("Rabat Process"))),
        ("REV", contact.updated_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")),
        ("UID", VCARD_UID.format(pk=contact.pk)),
        (
            "PHOTO;ENCODING=b;TYPE=JPEG",
            base64.b64encode(photo).decode("ascii") if photo else "",
        ),
        ("END", "VCARD"),
    ]
    return "".join(
        _folded(f"{name}:{value}") + "\r\n" for name, value in properties if value
    )


def directory_vcards(contacts, viewer) -> str:
    """One vCard per contact, in one file."""
    return "".join(contact_vcard(contact, viewer) for contact in contacts)


def _vcard_text(value) -> str:
    """A TEXT value escaped as RFC 2426 section 4 (and RFC 6350 3.4) say."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def _vcard_components(*parts) -> str:
    """A structured value (N, ADR): escaped parts separated by semicolons."""
    value = ";".join(_vcard_text(part) for part in parts)
    return value if value.strip(";") else ""


def _e164(phone) -> str:
    if not phone:
        return ""
    return phone.as_e164 if phone.is_valid() else _vcard_text(phone)


def _folded(line: str) -> str:
    """`line` cut into lines of at most 75 octets, never inside a character."""
    lines, current, octets, limit = [], [], 0, VCARD_LINE_OCTETS
    for char in line:
        size = len(char.encode())
        if octets + size > limit:
            lines.append("".join(current))
            # The continuation's leading space counts in its 75 octets.
            current, octets, limit = [], 0, VCARD_LINE_OCTETS - 1
        current.append(char)
        octets += size
    lines.append("".join(current))
    return "\r\n ".join(lines)


def _thumbnail_jpeg(contact: Contact) -> bytes:
    """The thumbnail's bytes, or nothing if it is missing or not a JPEG."""
    thumbnail = contact.photo_thumbnail
    if not thumbnail:
        return b""
    try:
        with thumbnail.storage.open(thumbnail.name, "rb") as file:
            content = file.read()
    except OSError:
        return b""
    return content if content.startswith(JPEG_SIGNATURE) else b""


# --- Tables (CSV, Excel) ----------------------------------------------------------


def directory_header() -> list[str]:
    """The column titles of the table exports, in the active language."""
    field = Contact._meta.get_field
    titles = [
        field("civility").verbose_name,
        field("first_name").verbose_name,
        field("last_name").verbose_name,
        field("position").verbose_name,
        field("organisation").verbose_name,
        field("country").verbose_name,
        field("partner_organisation").verbose_name,
        ContactRole._meta.verbose_name_plural,
        field("email").verbose_name,
        field("personal_email").verbose_name,
        field("office_phone").verbose_name,
        field("mobile_phone").verbose_name,
        field("languages").verbose_name,
        field("last_verified_at").verbose_name,
        _("status"),
    ]
    return [capfirst(str(title)) for title in titles]


def directory_rows(contacts, viewer):
    """One list of values per contact, in the order of `directory_header()`.

    Text is plain `str` (translated now), the last verification a `date`.
    """
    for contact in contacts:
        verified = contact.last_verified_at
        yield [
            contact.get_civility_display(),
            contact.first_name,
            contact.last_name,
            contact.position,
            contact.organisation,
            contact.country.name if contact.country else "",
            contact.partner_organisation.name if contact.partner_organisation else "",
            "; ".join(str(role) for role in contact.current_roles),
            contact.email,
            visible_personal_email(contact, viewer),
            str(contact.office_phone or ""),
            str(visible_mobile_phone(contact, viewer) or ""),
            ", ".join(str(name) for name in contact.get_languages_display()),
            timezone.localdate(verified) if verified else None,
            _("Current contact") if contact.current_roles else _("Former contact"),
        ]


def directory_csv(contacts, viewer) -> str:
    """The table as CSV, starting with a byte order mark for Excel."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(directory_header())
    for row in directory_rows(contacts, viewer):
        writer.writerow([csv_safe(value) for value in row])
    return buffer.getvalue()


def directory_xlsx(contacts, viewer) -> bytes:
    """The table as an Excel workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(capfirst(str(Contact._meta.verbose_name_plural)))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_xlsx_cell(sheet, title, font=bold) for title in directory_header()])
    for row in directory_rows(contacts, viewer):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value, **style):
    if isinstance(value, str):
        # Control characters are not allowed in the XML of a workbook.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text stays text: openpyxl would store "=..." as a formula.
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell
