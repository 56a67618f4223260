"""Keep the Rabat Review's sending going: the periodic sweep.

Run it every minute from cron, e.g. `* * * * * manage.py send_review`, or
keep it running with `--every 60` (what `make run` does); the worker
(`manage.py db_worker`) does the sending itself. Each run

- starts the scheduled campaigns whose time has come;
- queues again the campaigns that have deliveries waiting (after a worker
  crash, or whose retry time has come) and no batch in progress;
- resolves the deliveries a dead worker left "sending" for longer than
  `--stale-minutes`: never handed to the mail server, they go back to the
  queue; possibly sent, they are marked for review (never sent twice by
  themselves: the campaign page shows them and the Secretariat decides).

Running it often, or twice at once, is safe: every step checks the state it
changes. `--dry-run` only counts.
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from newsletter.services.sending import STALE_AFTER, campaigns_sweep


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be done; change nothing.",
        )
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=int(STALE_AFTER.total_seconds() // 60),
            help="Minutes after which a delivery still sending belongs to a "
            "dead worker (default: %(default)s).",
        )
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep running, sweeping every SECONDS, until stopped (instead "
            "of cron). Reports only the sweeps that changed something.",
        )

    def handle(self, *args, dry_run, stale_minutes, every, **options):
        stale_after = datetime.timedelta(minutes=stale_minutes)
        if not every:
            self.sweep(stale_after=stale_after, dry_run=dry_run, quiet=False)
            return
        try:
            while True:
                close_old_connections()
                self.sweep(stale_after=stale_after, dry_run=dry_run, quiet=True)
                time.sleep(every)
        except KeyboardInterrupt:
            return

    def sweep(self, *, stale_after, dry_run, quiet):
        result = campaigns_sweep(stale_after=stale_after, dry_run=dry_run)
        if quiet and not (
            result.started or result.resumed or result.released or result.to_review
        ):
            return
        summary = (
            f"scheduled campaigns started: {result.started}; "
            f"campaigns queued again: {result.resumed}; "
            f"deliveries back in the queue: {result.released}; "
            f"deliveries to review: {result.to_review}."
        )
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run, nothing changed; would be {summary}")
            )
            return
        self.stdout.write(self.style.SUCCESS(summary))
