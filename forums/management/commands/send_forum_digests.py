"""Email the daily digest of the forums to the members who chose it.

Run once a day from cron, e.g. `15 6 * * * manage.py send_forum_digests`: each
digest covers the posts of the 24 hours before the run, so running it more
often sends posts twice, and less often misses some. The emails leave through
the task queue (worked by `manage.py db_worker`), in each member's language.
"""

from django.core.management.base import BaseCommand

from forums.notifications import send_daily_digests


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the digests that would be sent; send nothing.",
        )

    def handle(self, *args, dry_run, **options):
        count = send_daily_digests(dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                self.style.WARNING(
                    f"Dry run: {count} digest(s) would be sent; nothing was sent."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(f"{count} digest(s) sent."))
