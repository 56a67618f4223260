"""Load the demo data: the seeds' public content and one account per role.

Creates what is missing and leaves what exists as it is, so that it can run
at every start without undoing anyone's edits; --reset restores the demo
content instead (refused under production settings). Demo accounts and the
other fictitious people are refused under production settings too (use
--no-accounts there to load only the public content). Each app registers its
loaders in its `demo` module (rabat.demo.register).
"""

import contextlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from rabat.demo import DEMO_PASSWORD, demo_loaders
from rabat.page_cache import public_pages_changed


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
            "--reset",
            action="store_true",
            help="Restore the demo content, overwriting what was edited since.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be loaded, then roll everything back.",
        )

    def handle(self, *args, no_accounts, reset, dry_run, **options):
        if reset and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError(
                "--reset is refused under production settings: it would "
                "overwrite what people edited."
            )
        if not no_accounts and not settings.DEMO_ACCOUNTS_ALLOWED:
            raise CommandError(
                "Demo accounts are refused under production settings; "
                "use --no-accounts to load the public content only."
            )
        loaders = demo_loaders(people=not no_accounts)
        try:
            with (
                _files_kept_in_memory() if dry_run else contextlib.nullcontext(),
                transaction.atomic(),
            ):
                for loader in loaders:
                    counts = loader.load(reset=reset)
                    if isinstance(counts, int):
                        counts = {loader.name: counts}
                    for kind, count in counts.items():
                        self.stdout.write(f"{kind}: {count}")
                if dry_run:
                    raise DryRun
                # The public pages show what was loaded (rabat.page_cache).
                public_pages_changed()
        except DryRun:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
            return
        if not no_accounts:
            self.stdout.write(f"demo password: {DEMO_PASSWORD}")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data restored." if reset else "Missing demo data created."
            )
        )


def _files_kept_in_memory():
    """A dry run generates the demo's files (PDFs, covers) in memory, so that
    it leaves nothing behind on the real storage either."""
    return override_settings(
        STORAGES={
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
    )
