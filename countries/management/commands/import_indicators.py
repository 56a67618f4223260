"""Import indicator values from a CSV file (the i-Map's indicator layers).

The file has a header row, then one row per value: indicator code, ISO code
of the country (alpha-2), year, value, source, link to the source. All or
nothing: if a row is rejected, nothing is written and every rejected row is
listed with its line number and why. Rerunning the same file changes
nothing; a changed value updates its row. --dry-run says what would change
without writing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from countries.services.indicators import (
    IndicatorFileError,
    indicator_file_lines,
    indicator_values_import,
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would change; write nothing.",
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from error
        try:
            report = indicator_values_import(
                lines=indicator_file_lines(data), dry_run=dry_run
            )
        except IndicatorFileError as error:
            raise CommandError(f"{file}: {error}") from error
        if not report.is_valid:
            for rejected in report.rejected:
                self.stderr.write(f"{file}, line {rejected.line}: {rejected.reason}")
            raise CommandError(
                f"{len(report.rejected)} row(s) rejected: nothing was imported."
            )
        summary = (
            f"{report.created} value(s) created, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run: {summary}; nothing was written.")
            )
            return
        self.stdout.write(self.style.SUCCESS(f"{summary}."))
