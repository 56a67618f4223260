"""The demo country profiles, indicators and proposal (countries.demo)."""

import pytest
from django.core.management import call_command

from countries.demo import DEMO_EN, DEMO_FR, INDICATOR_YEARS
from countries.models import (
    CountryProfile,
    Indicator,
    IndicatorValue,
    KeyFigure,
    PolicyDocument,
    ProfileProposal,
    ProfileStatus,
    ProposalKind,
    ProposalStatus,
)
from rabat.models import Country, Institution

pytestmark = pytest.mark.django_db

MODELS = (
    CountryProfile,
    Institution,
    KeyFigure,
    PolicyDocument,
    Indicator,
    IndicatorValue,
    ProfileProposal,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_the_profiles_from_the_seeds():
    call_command("load_demo", verbosity=0)
    statuses = dict(CountryProfile.objects.values_list("country__iso_code", "status"))
    assert statuses == {
        "SN": ProfileStatus.PUBLISHED,
        "MA": ProfileStatus.PUBLISHED,
        "ES": ProfileStatus.PUBLISHED,
        "BE": ProfileStatus.PUBLISHED,
        "BF": ProfileStatus.VALIDATED,
        "FR": ProfileStatus.DRAFT,
    }
    senegal = CountryProfile.objects.get(country__iso_code="SN")
    assert "co-chaired with Belgium" in senegal.overview_en
    assert "coprésidée avec la Belgique" in senegal.overview_fr
    spain = CountryProfile.objects.get(country__iso_code="ES")
    assert "co-chaired with Burkina Faso" in spain.overview_en
    assert Country.objects.get(iso_code="SN").partner_since == 2006
    assert Country.objects.get(iso_code="DZ").status == "observer"
    # What the seeds do not say is marked as demonstration content.
    for institution in Institution.objects.all():
        assert DEMO_EN in institution.name_en and DEMO_FR in institution.name_fr
    for document in PolicyDocument.objects.all():
        assert DEMO_EN in document.title_en and DEMO_FR in document.title_fr
    for figure in KeyFigure.objects.all():
        assert "Demonstration source" in figure.source_en
        assert figure.source_url


def test_the_demo_indicators_are_marked_as_demonstration_data():
    call_command("load_demo", verbosity=0)
    assert Indicator.objects.count() >= 2
    partners = Country.objects.partners().count()
    for indicator in Indicator.objects.all():
        assert indicator.is_demonstration
        assert "demonstration data" in indicator.name_en
        assert indicator.values.count() == partners * len(INDICATOR_YEARS)
    assert not IndicatorValue.objects.exclude(source__icontains="demonstration")


def test_the_demo_focal_point_has_a_pending_proposal():
    call_command("load_demo", verbosity=0)
    proposal = ProfileProposal.objects.get()
    assert proposal.proposed_by.email == "focal-point@example.org"
    assert proposal.country.iso_code == "SN"
    assert proposal.kind == ProposalKind.INSTITUTION_ADD
    assert proposal.status == ProposalStatus.PENDING
    assert {"name_fr", "name_en", "kind", "competences_fr"} <= set(proposal.changes)


def test_without_accounts_there_is_no_proposal():
    call_command("load_demo", "--no-accounts", verbosity=0)
    assert CountryProfile.objects.count() == 6
    assert not ProfileProposal.objects.exists()


def test_reloading_creates_no_duplicates():
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first


def test_reloading_keeps_what_the_secretariat_edited():
    call_command("load_demo", verbosity=0)
    profile = CountryProfile.objects.get(country__iso_code="FR")
    profile.overview_en = "Edited by the Secretariat."
    profile.status = ProfileStatus.PUBLISHED
    profile.save()
    institution = Institution.objects.filter(country__iso_code="SN").first()
    institution.name_en = "Renamed institution"
    institution.save()
    deleted = PolicyDocument.objects.filter(country__iso_code="SN").first()
    deleted.delete()
    country = Country.objects.get(iso_code="BE")
    country.partner_since = 2007
    country.save()
    value = IndicatorValue.objects.first()
    value.value = 42
    value.save()
    proposal = ProfileProposal.objects.get()
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = "Already listed."
    proposal.save()
    before = counts()

    call_command("load_demo", verbosity=0)

    profile.refresh_from_db()
    assert profile.overview_en == "Edited by the Secretariat."
    assert profile.status == ProfileStatus.PUBLISHED
    institution.refresh_from_db()
    assert institution.name_en == "Renamed institution"
    # A profile's rows come with the profile: what was deleted stays so.
    assert counts() == before
    assert Country.objects.get(iso_code="BE").partner_since == 2007
    value.refresh_from_db()
    assert value.value == 42
    assert ProfileProposal.objects.get().status == ProposalStatus.DECLINED


def test_reset_restores_the_demo_profiles():
    call_command("load_demo", verbosity=0)
    profile = CountryProfile.objects.get(country__iso_code="FR")
    profile.overview_en = "Edited."
    profile.save()
    call_command("load_demo", "--reset", verbosity=0)
    profile.refresh_from_db()
    assert profile.overview_en.startswith("France has been a partner")
    assert profile.status == ProfileStatus.DRAFT
