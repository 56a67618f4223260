"""Load the demo data: the seeds' public content and one account per role.

Idempotent: run it as often as you like. Demo accounts are refused under
production settings (use --no-accounts there to load only the public content).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contacts.demo import load_demo_contacts
from forums.demo import load_demo_discussions, load_demo_forums
from meetings.demo import load_demo_meetings, load_demo_registrations
from newsletter.demo import load_demo_review, load_demo_subscribers
from rabat.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    load_demo_accounts,
    load_public_content,
)


class DryRun(Exception):
    """Raised to roll back a dry run."""


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Load the public content only, without the demo accounts.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be loaded, then roll everything back.",
        )

    def handle(self, *args, no_accounts, dry_run, **options):
        if not no_accounts and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError(
                "Demo accounts are refused under production settings; "
                "use --no-accounts to load the public content only."
            )
        try:
            with transaction.atomic():
                counts = load_public_content()
                counts["forums"] = load_demo_forums()
                counts["meetings"] = load_demo_meetings()
                counts["review issues"] = load_demo_review()
                for kind, count in counts.items():
                    self.stdout.write(f"{kind}: {count}")
                if not no_accounts:
                    for user in load_demo_accounts():
                        self.stdout.write(f"account: {user.email}")
                    self.stdout.write(f"demo password: {DEMO_PASSWORD}")
                    # Fictitious people: only where demo accounts are allowed.
                    self.stdout.write(f"contacts: {load_demo_contacts()}")
                    self.stdout.write(f"forum topics: {load_demo_discussions()}")
                    self.stdout.write(
                        f"meeting registrations: {load_demo_registrations()}"
                    )
                    self.stdout.write(f"review subscribers: {load_demo_subscribers()}")
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded ({len(DEMO_ACCOUNTS) if not no_accounts else 0} "
                "accounts)."
            )
        )
