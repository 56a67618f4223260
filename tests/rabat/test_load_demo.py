import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from rabat import demo_content, roles
from rabat.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from rabat.models import Country, NewsItem, Objective, Page, Pillar, Theme, User

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Pillar, Objective, Theme, Country, NewsItem, User)
    }


def test_load_demo_loads_the_seed_content_and_one_account_per_role():
    call_command("load_demo", verbosity=0)
    assert Pillar.objects.count() == 3
    assert Objective.objects.count() == 10
    assert Objective.objects.get(number=10).is_cross_cutting
    assert Objective.objects.get(number=4).pillar.number == 2
    themes = {theme.slug: theme.objective.number for theme in Theme.objects.all()}
    assert themes == {
        "evidence-based-policy-making": 10,
        "border-management": 4,
        "migration-in-crisis-situations": 5,
    }
    assert Country.objects.partners().count() == 57
    assert Country.objects.get(iso_code="SN").name_fr == "Sénégal"
    assert NewsItem.objects.published().count() == len(demo_content.NEWS)
    assert set(Page.objects.values_list("slug", flat=True)) == set(Page.Slug.values)
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == [account.group]
        assert EmailAddress.objects.get(user=user).verified
    assert {account.group for account in DEMO_ACCOUNTS} == set(roles.MEMBER_GROUPS)


def test_load_demo_is_idempotent():
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first


def test_load_demo_keeps_a_changed_demo_password():
    call_command("load_demo", verbosity=0)
    user = User.objects.get(email=DEMO_ACCOUNTS[0].email)
    user.set_password("changed-by-the-user")
    user.save()
    call_command("load_demo", verbosity=0)
    user.refresh_from_db()
    assert user.check_password("changed-by-the-user")


def test_dry_run_saves_nothing():
    call_command("load_demo", "--dry-run", verbosity=0)
    assert NewsItem.objects.count() == 0
    assert not User.objects.exists()


def test_demo_accounts_are_refused_under_production_settings(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", verbosity=0)
    assert not User.objects.exists()
    call_command("load_demo", "--no-accounts", verbosity=0)
    assert Pillar.objects.count() == 3
    assert not User.objects.exists()


def test_demo_people_are_fictitious():
    assert all(account.email.endswith("@example.org") for account in DEMO_ACCOUNTS)
