"""The Secretariat's back office of the country profiles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from countries.admin_forms import PolicyDocumentAdminForm
from countries.models import (
    CountryProfile,
    IndicatorValue,
    PolicyDocument,
    ProfileProposal,
    ProfileStatus,
    ProposalKind,
)
from rabat.cache import content_version
from rabat.models import Institution
from rabat.page_cache import VERSION_KEY
from tests.countries.factories import (
    CountryProfileFactory,
    IndicatorFactory,
    InstitutionFactory,
)
from tests.factories import CountryFactory
from tests.files import pdf_bytes

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:countries_indicator_import"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_changelists_filter_and_search(secretariat_client):
    profile = CountryProfileFactory(country__name_en="Senegal")
    InstitutionFactory(country=profile.country, name_en="Migration directorate")
    for name in (
        "countries_countryprofile",
        "rabat_institution",
        "countries_keyfigure",
        "countries_policydocument",
        "countries_indicator",
        "countries_indicatorvalue",
        "countries_profileproposal",
    ):
        response = secretariat_client.get(
            reverse(f"admin:{name}_changelist"), {"q": "senegal"}
        )
        assert response.status_code == 200, name
    response = secretariat_client.get(
        reverse("admin:countries_countryprofile_changelist"), {"status": "published"}
    )
    assert "Senegal" in response.content.decode()


def test_publishing_profiles_raises_the_public_pages_version(
    secretariat_client, on_commit
):
    draft = CountryProfileFactory(status=ProfileStatus.DRAFT)
    validated = CountryProfileFactory(status=ProfileStatus.VALIDATED)
    version = content_version(VERSION_KEY)
    with on_commit():
        response = secretariat_client.post(
            reverse("admin:countries_countryprofile_changelist"),
            {"action": "publish", "_selected_action": [draft.pk, validated.pk]},
            follow=True,
        )
    assert "2 profiles published." in response.content.decode()
    assert set(CountryProfile.objects.values_list("status", flat=True)) == {
        ProfileStatus.PUBLISHED
    }
    assert content_version(VERSION_KEY) != version
    # Who published it, in its history.
    assert draft.history.latest().history_user is not None


def test_an_institution_saved_in_the_admin_shows_at_once(secretariat_client, on_commit):
    country = CountryFactory()
    version = content_version(VERSION_KEY)
    with on_commit():
        response = secretariat_client.post(
            reverse("admin:rabat_institution_add"),
            {
                "country": country.pk,
                "name_fr": "Direction générale des migrations",
                "name_en": "Directorate-General for Migration",
                "acronym_fr": "DGM",
                "acronym_en": "DGM",
                "kind": "directorate",
                "competences_fr": "",
                "competences_en": "",
                "website": "example.org",
                "position": 1,
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    institution = Institution.objects.get()
    assert institution.website == "https://example.org"
    assert content_version(VERSION_KEY) != version


def document_data(country, **extra):
    return {
        "country": country.pk,
        "title": "Migration law",
        "title_fr": "Loi sur les migrations",
        "title_en": "Migration law",
        "kind": "law",
        "date": "2015-06-01",
        "summary_fr": "",
        "summary_en": "",
        "url": "",
        **extra,
    }


def test_a_policy_document_needs_a_link_or_a_checked_file():
    country = CountryFactory()
    form = PolicyDocumentAdminForm(document_data(country))
    assert not form.is_valid()
    assert form.errors["url"] == ["Give a link to the document or upload its file."]
    html = SimpleUploadedFile("law.pdf", b"<html>not a pdf</html>")
    form = PolicyDocumentAdminForm(document_data(country), {"file": html})
    assert not form.is_valid()
    assert "is not an accepted file" in form.errors["file"][0]
    assert "url" not in form.errors
    form = PolicyDocumentAdminForm(document_data(country, url="example.org/law"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://example.org/law"


def test_a_policy_document_is_uploaded_through_the_admin(secretariat_client):
    country = CountryFactory()
    data = document_data(country)
    data["file"] = SimpleUploadedFile("Loi 2015.pdf", pdf_bytes())
    response = secretariat_client.post(
        reverse("admin:countries_policydocument_add"), data
    )
    assert response.status_code == 302
    document = PolicyDocument.objects.get()
    assert document.content_type == "application/pdf"
    assert document.original_name == "Loi_2015.pdf"
    assert document.size == len(pdf_bytes())


def test_proposals_are_read_only(secretariat_client, secretariat):
    country = CountryFactory()
    proposal = ProfileProposal.objects.create(
        country=country,
        proposed_by=secretariat,
        kind=ProposalKind.INSTITUTION_ADD,
        changes={"name_en": "Agency", "website": "<script>x</script>"},
    )
    url = reverse("admin:countries_profileproposal_change", args=[proposal.pk])
    content = secretariat_client.get(url).content.decode()
    assert "<dt>name_en</dt><dd>Agency</dd>" in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content
    assert 'name="_save"' not in content
    assert (
        secretariat_client.get(
            reverse("admin:countries_profileproposal_add")
        ).status_code
        == 403
    )
    assert secretariat_client.post(url, {"status": "accepted"}).status_code == 403


GOOD = (
    "indicator;country;year;value;source;source_url\n"
    "remittances;SN;2012;10,5;Demo source;https://example.org/a\n"
)


def upload(text, name="values.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.fixture
def indicator():
    CountryFactory(iso_code="SN")
    return IndicatorFactory(code="remittances")


def test_the_indicators_changelist_links_to_the_import(secretariat_client):
    content = secretariat_client.get(
        reverse("admin:countries_indicator_changelist")
    ).content.decode()
    assert reverse(IMPORT_URL) in content


def test_the_admin_imports_a_csv_and_shows_the_report(
    secretariat_client, indicator, on_commit
):
    response = secretariat_client.post(
        reverse(IMPORT_URL), {"file": upload(GOOD), "dry_run": "on"}
    )
    content = response.content.decode()
    assert "What the import would do" in content
    assert "1 created, 0 updated, 0 unchanged." in content
    assert not IndicatorValue.objects.exists()

    version = content_version(VERSION_KEY)
    with on_commit():
        response = secretariat_client.post(reverse(IMPORT_URL), {"file": upload(GOOD)})
    content = response.content.decode()
    assert "Import report" in content
    assert IndicatorValue.objects.get().value == 10.5
    assert content_version(VERSION_KEY) != version

    response = secretariat_client.post(reverse(IMPORT_URL), {"file": upload(GOOD)})
    assert "0 created, 0 updated, 1 unchanged." in response.content.decode()


def test_the_admin_lists_the_rejected_rows(secretariat_client, indicator):
    text = GOOD + "remittances;XX;2012;1;Demo source;\n"
    content = secretariat_client.post(
        reverse(IMPORT_URL), {"file": upload(text)}
    ).content.decode()
    assert "1 row was rejected: nothing was imported." in content
    assert "<td>3</td><td>unknown country “XX”</td>" in content
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("values.xlsx", b"a,b", "Send a CSV file"),
        ("values.csv", b"\xff\xfe\x00", "not a CSV text file"),
        ("values.csv", b"a" * (2 * 1024 * 1024 + 1), "too large"),
    ],
)
def test_the_admin_checks_the_file(secretariat_client, name, data, message):
    response = secretariat_client.post(
        reverse(IMPORT_URL), {"file": SimpleUploadedFile(name, data)}
    )
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_import_needs_the_values_permissions(client_for):
    client = client_for("secretariat")
    assert client.get(reverse(IMPORT_URL)).status_code == 200
    client = client_for("focal_point")
    assert client.get(reverse(IMPORT_URL)).status_code in (302, 403)


def test_a_profile_edited_in_the_admin_keeps_its_history(
    secretariat_client, secretariat, on_commit
):
    profile = CountryProfileFactory(status=ProfileStatus.DRAFT)
    url = reverse("admin:countries_countryprofile_change", args=[profile.pk])
    content = secretariat_client.get(url).content.decode()
    # The French and English tabs of modeltranslation.
    assert 'name="overview_fr"' in content and 'name="overview_en"' in content
    version = content_version(VERSION_KEY)
    with on_commit():
        response = secretariat_client.post(
            url,
            {
                "country": profile.country.pk,
                "overview_fr": "Nouveau texte.",
                "overview_en": "New text.",
                "status": ProfileStatus.PUBLISHED,
                "last_reviewed_on": "2026-11-30",
                "private_notes_fr": "",
                "private_notes_en": "",
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert profile.overview_en == "New text."
    assert profile.is_published
    assert content_version(VERSION_KEY) != version
    latest = profile.history.latest()
    assert latest.history_user == secretariat
    history = secretariat_client.get(
        reverse("admin:countries_countryprofile_history", args=[profile.pk])
    )
    assert str(secretariat) in history.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "countries_countryprofile",
        "rabat_institution",
        "countries_keyfigure",
        "countries_policydocument",
        "countries_indicatorvalue",
    ],
)
def test_an_add_page_takes_its_country_from_the_link(secretariat_client, name):
    country = CountryFactory(name_en="Senegal")
    url = reverse(f"admin:{name}_add")
    content = secretariat_client.get(url, {"country": country.pk}).content.decode()
    assert f'<option value="{country.pk}" selected>Senegal</option>' in content
    for bad in ("a\x00b", "abc", "-1"):
        assert secretariat_client.get(url, {"country": bad}).status_code == 200
