"""Remind current contacts to check their card when it was not confirmed for a year.

Safe to run daily from cron: a contact is reminded at most once a month,
whatever the number of runs. The emails leave through the task queue (worked
by `manage.py db_worker`), in each contact's language.
"""

from django.core.management.base import BaseCommand

from contacts.services import send_verification_reminders


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be reminded; send and record nothing.",
        )

    def handle(self, *args, dry_run, **options):
        contacts = send_verification_reminders(dry_run=dry_run)
        for contact in contacts:
            self.stdout.write(f"{contact.full_name} <{contact.email}>")
        if dry_run:
            self.stdout.write(
                self.style.WARNING(
                    f"Dry run: {len(contacts)} contact(s) would be reminded; "
                    "nothing was sent."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(f"{len(contacts)} contact(s) reminded."))
