import csv
import datetime
import io

import openpyxl
import pytest
import vobject
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from contacts.exports import contact_vcard
from contacts.models import Civility, RoleKind
from contacts.services import contact_photo_save
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.factories import (
    ContactFactory,
    ContactRoleFactory,
    CountryFactory,
    ThemeFactory,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

ACCENTED_NAMES = [("Aïssatou", "N'Diaye-Kéïta"), ("José", "Ñúñez")]


def private_contact(**fields):
    """A contact with a mobile phone and a personal email, both not shown."""
    return current_contact(
        mobile_phone="+32470123456",
        personal_email="private@example.net",
        show_mobile_phone=False,
        show_personal_email=False,
        **fields,
    )


def jpeg_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "#0b4f6c").save(buffer, format="JPEG")
    return SimpleUploadedFile("portrait.jpg", buffer.getvalue(), "image/jpeg")


def download_vcard(client, contact):
    response = client.get(reverse("contacts:vcard", args=[contact.pk]))
    assert response.status_code == 200
    return response


def parse_cards(response):
    return list(vobject.readComponents(response.content.decode("utf-8")))


def parse_card(response):
    (card,) = parse_cards(response)
    return card


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


# --- vCard -----------------------------------------------------------------------


@pytest.mark.parametrize(("first_name", "last_name"), ACCENTED_NAMES)
def test_vcard_round_trips_accented_names(member_client, first_name, last_name):
    contact = current_contact(
        first_name=first_name, last_name=last_name, civility=Civility.DR
    )
    card = parse_card(download_vcard(member_client, contact))
    assert card.version.value == "3.0"
    assert card.n.value.family == last_name
    assert card.n.value.given == first_name
    assert card.n.value.prefix == "Dr"
    assert card.fn.value == f"{first_name} {last_name}"


def test_vcard_escapes_commas_semicolons_and_newlines(member_client):
    contact = current_contact(
        organisation="Ministère de l'Intérieur; Direction des migrations, Dakar",
        position="Head of unit\nborders, visas; returns",
    )
    card = parse_card(download_vcard(member_client, contact))
    assert card.org.value == [
        "Ministère de l'Intérieur; Direction des migrations, Dakar"
    ]
    assert card.title.value == "Head of unit\nborders, visas; returns"


def test_vcard_holds_the_work_details(member_client):
    senegal = CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal")
    contact = current_contact(
        email="ndiaye@interieur.example.sn",
        office_phone="+221338891234",
        country=senegal,
    )
    card = parse_card(download_vcard(member_client, contact))
    assert card.email.value == "ndiaye@interieur.example.sn"
    assert card.email.params["TYPE"] == ["INTERNET", "WORK"]
    assert card.tel.value == "+221338891234"
    assert card.adr.value.country == "Senegal"
    assert card.categories.value == ["Rabat Process"]
    assert card.uid.value == f"rabat-process-contact-{contact.pk}@processusderabat.net"
    assert "rev" in card.contents


def test_vcard_download_headers(member_client):
    contact = current_contact(first_name="Aïssatou", last_name="N'Diaye-Kéïta")
    response = download_vcard(member_client, contact)
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="aissatou-ndiaye-keita.vcf"'
    )


def test_vcard_of_an_unknown_contact_is_not_found(member_client):
    response = member_client.get(reverse("contacts:vcard", args=[999999]))
    assert response.status_code == 404


def test_vcard_lines_are_crlf_and_folded_at_75_octets(member_client):
    # Two-octet characters across every possible fold position.
    position = "Chargée de la coordination régionale " + "éàü" * 50
    contact = current_contact(position=position)
    content = download_vcard(member_client, contact).content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) == 75
    assert all(len(line) <= 75 for line in lines)
    # Each physical line is whole UTF-8: no character is cut in two.
    for line in lines:
        line.decode("utf-8")
    assert parse_card(download_vcard(member_client, contact)).title.value == position


def test_vcard_embeds_the_thumbnail(member_client):
    contact = current_contact()
    contact_photo_save(contact=contact, uploaded_file=jpeg_upload())
    card = parse_card(download_vcard(member_client, contact))
    photo = card.photo
    assert photo.params["TYPE"] == ["JPEG"]
    image = Image.open(io.BytesIO(photo.value))
    assert image.format == "JPEG"
    assert image.size == (200, 200)


def test_vcard_without_the_photo_file_has_no_photo(member_client):
    contact = current_contact()
    contact_photo_save(contact=contact, uploaded_file=jpeg_upload())
    default_storage.delete(contact.photo_thumbnail.name)
    response = download_vcard(member_client, contact)
    assert b"PHOTO" not in response.content
    assert parse_card(response).fn.value == contact.full_name


def test_vcard_hides_optional_fields_not_shown(member_client):
    contact = private_contact()
    card = parse_card(download_vcard(member_client, contact))
    assert [email.value for email in card.contents["email"]] == [contact.email]
    assert "tel" not in card.contents


def test_vcard_shows_optional_fields_the_contact_chose_to_show(member_client):
    contact = private_contact()
    contact.show_mobile_phone = True
    contact.save()
    card = parse_card(download_vcard(member_client, contact))
    assert card.tel.value == "+32470123456"
    assert card.tel.params["TYPE"] == ["CELL"]
    assert [email.value for email in card.contents["email"]] == [contact.email]


def test_vcard_shows_every_field_to_the_secretariat(secretariat_client):
    contact = private_contact()
    card = parse_card(download_vcard(secretariat_client, contact))
    emails = {email.value: email.params["TYPE"] for email in card.contents["email"]}
    assert emails == {
        contact.email: ["INTERNET", "WORK"],
        "private@example.net": ["INTERNET", "HOME"],
    }
    assert card.tel.value == "+32470123456"


def test_vcard_shows_every_field_to_the_contact_themself(client):
    user = make_user("focal_point")
    contact = private_contact(user=user)
    client.force_login(user)
    card = parse_card(download_vcard(client, contact))
    assert "private@example.net" in {email.value for email in card.contents["email"]}
    assert card.tel.value == "+32470123456"


def test_directory_vcard_holds_one_card_per_listed_contact(member_client):
    senegal = CountryFactory(iso_code="SN")
    for first_name, last_name in ACCENTED_NAMES:
        current_contact(first_name=first_name, last_name=last_name, country=senegal)
    current_contact(last_name="Elsewhere")
    ContactFactory(last_name="Without role", country=senegal)

    response = member_client.get(reverse("contacts:export_vcf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert {card.n.value.family for card in parse_cards(response)} == {
        "N'Diaye-Kéïta",
        "Ñúñez",
        "Elsewhere",
    }

    response = member_client.get(
        reverse("contacts:export_vcf"), {"country": senegal.pk}
    )
    assert {card.n.value.family for card in parse_cards(response)} == {
        "N'Diaye-Kéïta",
        "Ñúñez",
    }


def test_directory_vcard_is_for_members_only(client):
    url = reverse("contacts:export_vcf")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(make_user("no_group"))
    assert client.get(url).status_code == 403


def test_contact_vcard_function_follows_the_viewer(secretariat):
    contact = private_contact()
    text = contact_vcard(contact, secretariat)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert text.endswith("END:VCARD\r\n")
    assert "EMAIL;TYPE=INTERNET,HOME:private@example.net\r\n" in text


# --- CSV ---------------------------------------------------------------------------


EXPECTED_HEADER = [
    "Civility",
    "First name",
    "Last name",
    "Position",
    "Organisation",
    "Country",
    "Partner or observer organisation",
    "Roles",
    "Work email",
    "Personal email",
    "Office phone",
    "Mobile phone",
    "Languages spoken",
    "Last verified",
    "Status",
]


def test_csv_export_reads_back_with_accents(secretariat_client):
    theme = ThemeFactory(title_en="Legal migration")
    contact = private_contact(
        civility=Civility.MS,
        first_name="Aïssatou",
        last_name="N'Diaye-Kéïta",
        position="Directrice",
        organisation="Ministère de l'Intérieur",
        country=CountryFactory(iso_code="SN", name_en="Senegal"),
        office_phone="+221338891234",
        languages=["fr", "en"],
        last_verified_at=datetime.datetime(2025, 3, 14, 10, tzinfo=datetime.UTC),
    )
    ContactRoleFactory(contact=contact, kind=RoleKind.THEMATIC_CONTACT, theme=theme)
    ContactRoleFactory(
        contact=contact,
        kind=RoleKind.STEERING_COMMITTEE,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2016, 1, 1),
    )

    response = secretariat_client.get(reverse("contacts:export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    header, row = read_csv(response)
    assert header == EXPECTED_HEADER
    assert dict(zip(header, row, strict=True)) == {
        "Civility": "Ms",
        "First name": "Aïssatou",
        "Last name": "N'Diaye-Kéïta",
        "Position": "Directrice",
        "Organisation": "Ministère de l'Intérieur",
        "Country": "Senegal",
        "Partner or observer organisation": "",
        # Current roles only.
        "Roles": "National Focal Point; Thematic contact point (Legal migration)",
        "Work email": contact.email,
        "Personal email": "private@example.net",
        "Office phone": "'+221 33 889 12 34",
        "Mobile phone": "'+32 470 12 34 56",
        "Languages spoken": "French, English",
        "Last verified": "2025-03-14",
        "Status": "Current contact",
    }


def test_csv_export_neutralises_formulas(secretariat_client):
    current_contact(
        first_name='=HYPERLINK("http://evil.example","click")',
        last_name="+Smith",
        position="-2+3",
        organisation="@SUM(A1:A2)",
    )
    _, row = read_csv(secretariat_client.get(reverse("contacts:export_csv")))
    assert row[1:5] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'+Smith",
        "'-2+3",
        "'@SUM(A1:A2)",
    ]


def test_csv_export_applies_the_directory_filters(secretariat_client):
    senegal = CountryFactory(iso_code="SN")
    current_contact(last_name="Ndiaye", country=senegal)
    current_contact(last_name="Novak")
    former = ContactFactory(last_name="Former", country=senegal)
    ContactRoleFactory(
        contact=former,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 12, 31),
    )
    url = reverse("contacts:export_csv")

    rows = read_csv(secretariat_client.get(url, {"country": senegal.pk}))[1:]
    assert [row[2] for row in rows] == ["Ndiaye"]

    rows = read_csv(
        secretariat_client.get(url, {"country": senegal.pk, "former": "on"})
    )[1:]
    assert {row[2]: row[-1] for row in rows} == {
        "Former": "Former contact",
        "Ndiaye": "Current contact",
    }


@pytest.mark.parametrize("export", ["contacts:export_csv", "contacts:export_xlsx"])
def test_table_exports_are_for_the_secretariat_only(client, export):
    url = reverse(export)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for role in ["no_group", "focal_point", "steering_committee", "moderator"]:
        client.force_login(make_user(role))
        assert client.get(url).status_code == 403, role
    client.force_login(make_user("staff"))
    assert client.get(url).status_code == 200


# --- Excel -------------------------------------------------------------------------


def test_xlsx_export_opens_with_the_same_table(secretariat_client):
    current_contact(
        first_name="Aïssatou",
        last_name="N'Diaye-Kéïta",
        position="=1+1",
        organisation="Direction\x0bgénérale",
        last_verified_at=datetime.datetime(2025, 3, 14, 10, tzinfo=datetime.UTC),
    )
    response = secretariat_client.get(reverse("contacts:export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Contacts"
    header, row = sheet.iter_rows()
    assert [cell.value for cell in header] == EXPECTED_HEADER
    values = dict(zip(EXPECTED_HEADER, row, strict=True))
    assert values["Last name"].value == "N'Diaye-Kéïta"
    # Text stays text, without an apostrophe: no formula in the workbook.
    assert values["Position"].value == "=1+1"
    assert values["Position"].data_type == "s"
    assert values["Organisation"].value == "Directiongénérale"
    assert values["Last verified"].value == datetime.datetime(2025, 3, 14)
    assert values["Status"].value == "Current contact"


# --- Query budgets ----------------------------------------------------------------


def contacts_with_roles(count, theme):
    for _ in range(count):
        contact = current_contact(mobile_phone="+32470123456")
        ContactRoleFactory(contact=contact, kind=RoleKind.THEMATIC_CONTACT, theme=theme)


@pytest.mark.parametrize("export", ["contacts:export_vcf", "contacts:export_csv"])
def test_exports_run_as_many_queries_for_200_contacts_as_for_20(
    secretariat_client, export
):
    theme = ThemeFactory()
    contacts_with_roles(20, theme)
    assert_queries_constant(
        secretariat_client,
        reverse(export),
        grow=lambda: contacts_with_roles(180, theme),
    )


def test_the_last_verification_is_a_local_date(secretariat_client):
    # 23:30 UTC on 31 December is already New Year's Day in Brussels, the
    # TIME_ZONE of the settings.
    current_contact(
        last_verified_at=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC)
    )
    _, row = read_csv(secretariat_client.get(reverse("contacts:export_csv")))
    assert row[EXPECTED_HEADER.index("Last verified")] == "2025-01-01"


def test_french_export_names_countries_in_french(client):
    client.force_login(make_user("secretariat"))
    current_contact(country=CountryFactory(name_fr="Sénégal", name_en="Senegal"))
    with translation.override("fr"):
        url = reverse("contacts:export_csv")
    assert url.startswith("/fr/")
    header, row = read_csv(client.get(url))
    assert header[5] == "Pays"
    assert row[5] == "Sénégal"
