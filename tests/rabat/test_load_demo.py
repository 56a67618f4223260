import ast
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from contacts.models import Contact, ContactRole
from forums.models import Forum, Topic
from meetings.models import AgendaItem, Meeting
from newsletter.models import Issue
from rabat import demo as rabat_demo
from rabat import demo_content, roles
from rabat.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from rabat.management.commands import load_demo as load_demo_command
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


def test_dry_run_saves_nothing(settings):
    call_command("load_demo", "--dry-run", verbosity=0)
    assert NewsItem.objects.count() == 0
    assert not User.objects.exists()
    # Nor the generated files (meeting documents, the Review's covers).
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


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


def test_loading_again_or_without_accounts_keeps_what_people_edited():
    call_command("load_demo", verbosity=0)
    Page.objects.filter(slug="home").update(title_en="Our own home page")
    Meeting.objects.filter(slug="madrid-2013-border-management").update(
        title_en="Madrid, as the Secretariat wrote it"
    )
    Forum.objects.filter(slug="general").update(description_en="Our own words")
    madrid = Meeting.objects.get(slug="madrid-2013-border-management")
    madrid.co_chairs.clear()
    Contact.objects.filter(email="focal-point@example.org").update(position="Minister")
    Issue.objects.filter(number=1).update(title_en="Edited issue")

    call_command("load_demo", verbosity=0)
    call_command("load_demo", "--no-accounts", verbosity=0)

    assert Page.objects.get(slug="home").title_en == "Our own home page"
    madrid.refresh_from_db()
    assert madrid.title_en == "Madrid, as the Secretariat wrote it"
    assert not madrid.co_chairs.exists()
    assert Forum.objects.get(slug="general").description_en == "Our own words"
    assert Contact.objects.get(email="focal-point@example.org").position == "Minister"
    assert Issue.objects.get(number=1).title_en == "Edited issue"


def test_loading_recreates_only_what_is_missing():
    call_command("load_demo", verbosity=0)
    Page.objects.filter(slug="home").delete()
    Meeting.objects.filter(slug="madrid-2013-border-management").delete()

    call_command("load_demo", verbosity=0)

    assert Page.objects.get(slug="home").title_en
    madrid = Meeting.objects.get(slug="madrid-2013-border-management")
    assert {country.iso_code for country in madrid.co_chairs.all()} == {"ES", "BF"}


def test_reset_restores_the_demo_content():
    call_command("load_demo", verbosity=0)
    home_title = Page.objects.get(slug="home").title_en
    madrid_title = Meeting.objects.get(slug="madrid-2013-border-management").title_en
    Page.objects.filter(slug="home").update(title_en="Our own home page")
    Meeting.objects.filter(slug="madrid-2013-border-management").update(
        title_en="Edited"
    )
    Forum.objects.filter(slug="general").update(description_en="Our own words")
    user = User.objects.get(email=DEMO_ACCOUNTS[0].email)
    user.set_password("changed-by-the-user")
    user.save()

    call_command("load_demo", "--reset", verbosity=0)

    assert Page.objects.get(slug="home").title_en == home_title
    madrid = Meeting.objects.get(slug="madrid-2013-border-management")
    assert madrid.title_en == madrid_title
    assert Forum.objects.get(slug="general").description_en == (
        "Exchanges between Focal Points on the life of the dialogue."
    )
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)


def test_reset_is_refused_under_production_settings(settings):
    call_command("load_demo", "--no-accounts", verbosity=0)
    Page.objects.filter(slug="home").update(title_en="Our own home page")
    settings.DEMO_ACCOUNTS_ALLOWED = False

    with pytest.raises(CommandError, match="--reset is refused"):
        call_command("load_demo", "--reset", "--no-accounts", verbosity=0)

    assert Page.objects.get(slug="home").title_en == "Our own home page"


def test_a_dry_run_reset_restores_nothing():
    call_command("load_demo", verbosity=0)
    Page.objects.filter(slug="home").update(title_en="Our own home page")
    call_command("load_demo", "--reset", "--dry-run", verbosity=0)
    assert Page.objects.get(slug="home").title_en == "Our own home page"


def test_loading_twice_creates_no_duplicates():
    call_command("load_demo", verbosity=0)
    models = (Contact, ContactRole, Forum, Topic, Meeting, AgendaItem, Issue)
    first = {model: model.objects.count() for model in models}
    call_command("load_demo", verbosity=0)
    call_command("load_demo", "--reset", verbosity=0)
    assert {model: model.objects.count() for model in models} == first


def test_the_command_knows_no_app_above_rabat():
    """Each app registers its loaders (rabat.demo.register): the command and
    the registry import none of them."""
    apps = {"contacts", "forums", "meetings", "newsletter"}
    for module in (load_demo_command, rabat_demo):
        tree = ast.parse(Path(module.__file__).read_text())
        imported = {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        } | {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not imported & apps, module.__name__
