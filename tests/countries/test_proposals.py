"""The Focal Points' proposed updates to their country's profile, and the
Secretariat's decisions on them."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from countries.models import (
    KeyFigure,
    PolicyDocument,
    ProfileProposal,
    ProfileStatus,
    ProposalKind,
    ProposalStatus,
)
from countries.services.proposals import (
    ProposalError,
    proposal_accept,
    proposal_decline,
)
from rabat.models import Institution
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.countries.factories import (
    CountryProfileFactory,
    InstitutionFactory,
    PolicyDocumentFactory,
)
from tests.factories import CountryFactory
from tests.files import close_file_response
from tests.newsletter.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

INSTITUTION = {
    "name_en": "Directorate of Senegalese abroad",
    "name_fr": "Direction des Sénégalais de l'extérieur",
    "acronym_en": "DSE",
    "kind": "directorate",
    "website": "https://example.org/dse",
    "reason": "Created by decree in 2024.",
}


@pytest.fixture
def senegal():
    return CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal")


@pytest.fixture
def profile(senegal):
    return CountryProfileFactory(country=senegal, status=ProfileStatus.PUBLISHED)


@pytest.fixture
def member(senegal):
    """A Focal Point of Senegal, who reads English."""
    user = make_user("focal_point")
    user.preferred_language = "en"
    user.save()
    current_contact(user=user, country=senegal)
    return user


def reads_french(user):
    user.preferred_language = "fr"
    user.save()


def propose_institution(client, **data):
    return client.post(
        reverse("countries:propose_institution"), {**INSTITUTION, **data}
    )


def test_a_focal_point_proposes_an_institution_and_sees_it_pending(
    member_client, member, profile
):
    response = propose_institution(member_client)
    assert response.status_code == 302
    proposal = ProfileProposal.objects.get()
    assert proposal.kind == ProposalKind.INSTITUTION_ADD
    assert proposal.country == profile.country
    assert proposal.proposed_by == member
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.changes["name_en"] == "Directorate of Senegalese abroad"
    assert proposal.reason == "Created by decree in 2024."
    content = member_client.get(reverse("countries:country_proposals")).content.decode()
    assert "Directorate of Senegalese abroad" in content
    assert "Pending" in content
    # Nothing changes on the profile before the Secretariat decides.
    assert not Institution.objects.exists()


def test_bad_input_is_explained_and_kept(member_client, profile):
    response = propose_institution(
        member_client, name_en="", name_fr="", website="not a url"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Give the institution&#x27;s name in French, in English or both." in content
    assert "Enter a valid URL." in content
    assert "Created by decree in 2024." in content  # what was typed stays
    assert not ProfileProposal.objects.exists()


def test_a_key_figure_is_refused_without_source_year_and_link(member_client, profile):
    response = member_client.post(
        reverse("countries:propose_figure"),
        {"label_en": "Emigrants", "value": "500,000"},
    )
    content = response.content.decode()
    assert "Give the year the figure refers to." in content
    assert "Name the source of the figure." in content
    assert "Give a link to the source of the figure." in content
    assert not ProfileProposal.objects.exists()


def test_an_accepted_key_figure_is_on_the_profile(
    member_client, secretariat, profile, django_capture_on_commit_callbacks
):
    member_client.post(
        reverse("countries:propose_figure"),
        {
            "label_en": "Emigrants",
            "label_fr": "Émigrés",
            "value": "500,000",
            "reference_year": "2020",
            "source": "ANSD",
            "source_url": "https://example.org/ansd",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposal_accept(proposal=ProfileProposal.objects.get(), decided_by=secretariat)
    figure = KeyFigure.objects.get()
    assert (figure.label_en, figure.reference_year) == ("Emigrants", 2020)
    assert figure.source_url == "https://example.org/ansd"


def test_the_secretariat_accepts_with_history_and_the_public_sees_it(
    client, member, secretariat, profile, django_capture_on_commit_callbacks
):
    reads_french(member)
    client.force_login(member)
    propose_institution(client)
    proposal = ProfileProposal.objects.get()
    client.force_login(secretariat)
    review = client.get(reverse("countries:pending_proposals")).content.decode()
    assert "Senegal" in review and "Directorate of Senegalese abroad" in review
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("countries:proposal_accept", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by == secretariat and proposal.decided_at
    institution = Institution.objects.get()
    assert institution.name_en == "Directorate of Senegalese abroad"
    assert institution.country == profile.country
    record = institution.history.get()
    assert record.history_user == secretariat
    client.logout()
    public = client.get(profile.country.get_absolute_url()).content.decode()
    assert "Directorate of Senegalese abroad" in public
    # The author hears of it, in French, with French links.
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "/fr/focal-points/country/" in message.body
    assert "/fr/countries/sn/" in message.body
    assert "Sénégal" in message.body
    assert "Le Secrétariat du Processus de Rabat" in message.body


def test_accepting_raises_the_public_pages_version(
    member_client, secretariat, profile, django_capture_on_commit_callbacks
):
    from rabat.cache import content_version
    from rabat.page_cache import VERSION_KEY

    propose_institution(member_client)
    before = content_version(VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_accept(proposal=ProfileProposal.objects.get(), decided_by=secretariat)
    assert content_version(VERSION_KEY) != before


def test_a_proposal_is_decided_once(member_client, secretariat, profile):
    propose_institution(member_client)
    proposal = ProfileProposal.objects.get()
    proposal_accept(proposal=proposal, decided_by=secretariat)
    with pytest.raises(ProposalError):
        proposal_decline(proposal=proposal, decided_by=secretariat, reason="No.")
    assert Institution.objects.count() == 1


def test_declining_needs_a_reason_and_tells_the_focal_point(
    member_client, member, secretariat, profile, django_capture_on_commit_callbacks
):
    propose_institution(member_client)
    reads_french(member)
    proposal = ProfileProposal.objects.get()
    client = Client()
    client.force_login(secretariat)
    url = reverse("countries:proposal_decline", args=[proposal.pk])
    response = client.post(url, {"decline_reason": "  "})
    assert response.status_code == 200
    assert "Say why the proposal is declined." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    with pytest.raises(ProposalError):
        proposal_decline(proposal=proposal, decided_by=secretariat, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decline_reason": "Already listed under another name."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert proposal.decline_reason == "Already listed under another name."
    assert not Institution.objects.exists()
    (message,) = mail.outbox
    assert "Already listed under another name." in message.body
    assert "/fr/focal-points/country/" in message.body
    member.preferred_language = "en"
    member.save()
    page = member_client.get(reverse("countries:country_proposals")).content.decode()
    assert "Declined" in page and "Already listed under another name." in page


def test_the_email_follows_the_recipients_language(
    member_client, member, secretariat, profile, django_capture_on_commit_callbacks
):
    propose_institution(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decline(
            proposal=ProfileProposal.objects.get(),
            decided_by=secretariat,
            reason="Duplicate.",
        )
    (message,) = mail.outbox
    assert message.subject == (
        "Your proposed update to the profile of Senegal is declined"
    )
    assert "/en/focal-points/country/" in message.body


def test_a_focal_point_cannot_propose_for_another_country(member_client, profile):
    elsewhere = InstitutionFactory(country=CountryFactory())
    document = PolicyDocumentFactory(country=elsewhere.country)
    for name, pk in [
        ("countries:propose_institution_change", elsewhere.pk),
        ("countries:propose_institution_removal", elsewhere.pk),
        ("countries:propose_document_change", document.pk),
        ("countries:propose_document_removal", document.pk),
    ]:
        url = reverse(name, args=[pk])
        assert member_client.get(url).status_code == 404
        assert member_client.post(url, {"reason": "x"}).status_code == 404
    assert not ProfileProposal.objects.exists()


def test_other_members_get_a_clear_message(client, profile):
    for role in ("thematic_contact", "secretariat"):
        user = make_user(role)
        current_contact(user=user, country=profile.country)
        client.force_login(user)
        content = client.get(reverse("countries:country_proposals")).content.decode()
        assert "Only the National Focal Points propose updates" in content
        response = propose_institution(client)
        assert response.status_code == 403
    # A Focal Point without a country on their card.
    user = make_user("focal_point")
    current_contact(user=user, country=None)
    client.force_login(user)
    assert (
        "Only the National Focal Points"
        in client.get(reverse("countries:country_proposals")).content.decode()
    )


def test_a_change_starts_from_the_current_values_and_applies(
    member_client, secretariat, profile
):
    institution = InstitutionFactory(country=profile.country, name_en="Old name")
    url = reverse("countries:propose_institution_change", args=[institution.pk])
    assert 'value="Old name"' in member_client.get(url).content.decode()
    member_client.post(url, {**INSTITUTION, "name_en": "New name"})
    proposal = ProfileProposal.objects.get()
    assert proposal.institution == institution
    proposal_accept(proposal=proposal, decided_by=secretariat)
    institution.refresh_from_db()
    assert institution.name_en == "New name"
    assert institution.history.count() == 2


def test_a_removal_needs_a_reason_and_keeps_the_history(
    member_client, secretariat, profile
):
    institution = InstitutionFactory(country=profile.country)
    url = reverse("countries:propose_institution_removal", args=[institution.pk])
    assert member_client.post(url, {"reason": ""}).status_code == 200
    member_client.post(url, {"reason": "Merged into the ministry."})
    proposal_accept(proposal=ProfileProposal.objects.get(), decided_by=secretariat)
    assert not Institution.objects.filter(pk=institution.pk).exists()
    assert institution.history.filter(history_type="-").exists()


def test_a_document_with_a_file_goes_through_the_upload_checks(
    member_client, secretariat, profile
):
    url = reverse("countries:propose_document")
    data = {
        "title_en": "National migration policy",
        "kind": "strategy",
        "date": "2018-07-01",
    }
    fake = SimpleUploadedFile("policy.pdf", b"<html>not a pdf</html>")
    response = member_client.post(url, {**data, "file": fake})
    assert response.status_code == 200
    assert "is not an accepted file" in response.content.decode()
    response = member_client.post(url, data)
    assert "Give a link to the document or send its file." in (
        response.content.decode()
    )
    pdf = SimpleUploadedFile("policy.pdf", PDF_BYTES)
    assert member_client.post(url, {**data, "file": pdf}).status_code == 302
    proposal = ProfileProposal.objects.get()
    assert proposal.content_type == "application/pdf"
    file_url = reverse("countries:proposal_file", args=[proposal.pk])
    response = member_client.get(file_url)
    assert response.status_code == 200
    close_file_response(response)
    proposal_accept(proposal=proposal, decided_by=secretariat)
    document = PolicyDocument.objects.get()
    assert document.title_en == "National migration policy"
    assert document.date == datetime.date(2018, 7, 1)
    assert document.file and document.content_type == "application/pdf"
    assert document.file.name != proposal.file.name


def test_a_new_overview_in_one_language_keeps_the_other(
    member_client, secretariat, profile
):
    member_client.post(
        reverse("countries:propose_overview"), {"overview_en": "A new overview."}
    )
    proposal_accept(proposal=ProfileProposal.objects.get(), decided_by=secretariat)
    profile.refresh_from_db()
    assert profile.overview_en == "A new overview."
    assert profile.overview_fr.startswith("Un aperçu")


def test_an_empty_overview_is_refused(member_client, profile):
    response = member_client.post(reverse("countries:propose_overview"), {})
    assert "Write the new overview in French, in English or in both." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (ProfileStatus.DRAFT, ProfileStatus.VALIDATED),
        (ProfileStatus.VALIDATED, ProfileStatus.VALIDATED),
        (ProfileStatus.PUBLISHED, ProfileStatus.PUBLISHED),
    ],
)
def test_the_focal_point_confirms_the_profile(member_client, profile, status, expected):
    profile.status = status
    profile.last_reviewed_on = datetime.date(2020, 1, 1)
    profile.save()
    response = member_client.post(reverse("countries:profile_confirm"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == expected
    assert profile.last_reviewed_on == timezone.localdate()


def test_only_a_focal_point_of_the_country_confirms(client, profile):
    user = make_user("thematic_contact")
    current_contact(user=user, country=profile.country)
    client.force_login(user)
    assert client.post(reverse("countries:profile_confirm")).status_code == 403


def test_the_review_page_lists_every_country_side_by_side(secretariat_client, profile):
    other = CountryFactory(name_en="Mali")
    old = InstitutionFactory(country=other, name_en="Old directorate")
    ProfileProposal.objects.create(
        country=other,
        proposed_by=make_user("focal_point"),
        kind=ProposalKind.INSTITUTION_CHANGE,
        institution=old,
        changes={"name_en": "New directorate"},
    )
    ProfileProposal.objects.create(
        country=profile.country,
        proposed_by=make_user("focal_point"),
        kind=ProposalKind.OVERVIEW,
        changes={"overview_en": "Proposed overview."},
    )
    content = secretariat_client.get(
        reverse("countries:pending_proposals")
    ).content.decode()
    assert "Mali" in content and "Senegal" in content
    assert "Old directorate" in content and "New directorate" in content
    assert "An overview of the country" in content  # the current text
    assert "Proposed overview." in content


def queries_of(client, url) -> int:
    client.get(url)  # the member's card and the like, cached from then on
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_of_proposals_read_a_fixed_number_of_queries(
    client, member, secretariat, profile
):
    def propose(count):
        for _ in range(count):
            institution = InstitutionFactory(country=profile.country)
            document = PolicyDocumentFactory(country=profile.country)
            for kind, target in [
                (ProposalKind.INSTITUTION_CHANGE, {"institution": institution}),
                (ProposalKind.DOCUMENT_REMOVE, {"policy_document": document}),
                (ProposalKind.OVERVIEW, {}),
            ]:
                ProfileProposal.objects.create(
                    country=profile.country,
                    proposed_by=member,
                    kind=kind,
                    changes={"name_en": "New"} if "institution" in target else {},
                    **target,
                )

    own, review = Client(), Client()
    own.force_login(member)
    review.force_login(secretariat)
    own_url = reverse("countries:country_proposals")
    review_url = reverse("countries:pending_proposals")
    propose(1)
    before = queries_of(own, own_url), queries_of(review, review_url)
    propose(4)
    assert (queries_of(own, own_url), queries_of(review, review_url)) == before


def test_a_change_to_an_institution_removed_since_is_not_applied(
    member_client, secretariat, profile
):
    institution = InstitutionFactory(country=profile.country)
    member_client.post(
        reverse("countries:propose_institution_change", args=[institution.pk]),
        INSTITUTION,
    )
    institution.delete()
    with pytest.raises(ProposalError):
        proposal_accept(proposal=ProfileProposal.objects.get(), decided_by=secretariat)
    assert not Institution.objects.exists()
    assert ProfileProposal.objects.get().status == ProposalStatus.PENDING


def test_an_institutions_themes_and_objectives_can_be_proposed(
    client, member, secretariat, profile
):
    from tests.factories import ThemeFactory

    borders = ThemeFactory(title_en="Border management")
    data_theme = ThemeFactory(title_en="Migration data")
    institution = InstitutionFactory(country=profile.country, name_en="Police")
    institution.themes.add(borders)
    url = reverse("countries:propose_institution_change", args=[institution.pk])
    client.force_login(member)
    form = client.get(url).content.decode()
    assert "Migration data" in form
    # The form starts from what the institution holds now.
    checked = re.findall(r'<input[^>]*name="themes"[^>]*>', form)
    assert len(checked) == 2
    assert [tag for tag in checked if "checked" in tag] == [
        tag for tag in checked if f'value="{borders.pk}"' in tag
    ]
    client.post(
        url,
        {**INSTITUTION, "name_en": "Police", "themes": [data_theme.pk]},
    )
    proposal = ProfileProposal.objects.get()
    assert proposal.changes["themes"] == [data_theme.pk]
    client.force_login(secretariat)
    review = client.get(reverse("countries:pending_proposals")).content.decode()
    assert "Border management" in review and "Migration data" in review
    proposal_accept(proposal=proposal, decided_by=secretariat)
    assert list(institution.themes.all()) == [data_theme]
    proposal.refresh_from_db()
    assert proposal.changes["themes"] == [data_theme.pk]
