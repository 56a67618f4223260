"""The import of indicator values from a CSV file: one function, used by
`manage.py import_indicators` and by the admin's import page.

A file has a header row, then one row per value: the indicator's code, the
country's ISO code (alpha-2), the year, the value, its source and the link
to the source (which may be empty). Commas, semicolons or tabs separate the
columns (spreadsheets in French write semicolons); a value may use a decimal
comma and spaces between thousands.

The import is all or nothing: a file with a rejected row writes nothing, and
the report says which rows, by line number, and why. It is idempotent: a row
that matches the stored value (same value, source and link) changes nothing,
a changed one updates its value; rerunning a file changes nothing.
"""

import csv
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from countries.models import Indicator, IndicatorValue
from rabat.models import Country
from rabat.page_cache import public_pages_changed

logger = logging.getLogger(__name__)

COLUMNS = ("indicator", "country", "year", "value", "source", "source_url")
YEAR_RANGE = (1900, 2100)
# IndicatorValue.value: 16 digits, 3 of them decimals.
MAX_DECIMALS = 3
MAX_INTEGER_DIGITS = 13
SOURCE_MAX_LENGTH = IndicatorValue._meta.get_field("source").max_length
URL_MAX_LENGTH = IndicatorValue._meta.get_field("source_url").max_length


class IndicatorFileError(Exception):
    """A file that cannot be read as an indicators' CSV at all (no header,
    not text); the message (translated) says why."""


@dataclass(frozen=True)
class RejectedRow:
    line: int  # in the file, the header being line 1
    reason: str | Promise


@dataclass
class IndicatorImport:
    """What an import did, or would do (`dry_run`)."""

    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.rejected

    @property
    def written(self) -> bool:
        """Whether the database was changed."""
        return self.is_valid and not self.dry_run and bool(self.created + self.updated)


@dataclass(frozen=True)
class _Row:
    line: int
    indicator: Indicator
    country: Country
    year: int
    value: Decimal
    source: str
    source_url: str


def indicator_values_import(
    *, lines: Iterable[str], dry_run: bool = False
) -> IndicatorImport:
    """Import the indicator values of the CSV `lines` (the file's text, line
    by line, header first); with `dry_run`, only say what it would do.
    Raises IndicatorFileError for a file without a usable header."""
    lines = list(lines)
    report = IndicatorImport(dry_run=dry_run)
    reader = csv.reader(lines, dialect=_dialect(lines))
    header = next(reader, None)
    if header is None or len([cell for cell in header if cell.strip()]) < len(COLUMNS):
        raise IndicatorFileError(
            _(
                "The file has no header row of six columns: indicator code, "
                "ISO code of the country, year, value, source, link to the source."
            )
        )
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    countries = {country.iso_code: country for country in Country.objects.all()}
    rows, seen = [], {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        row = _parsed_row(line, cells, indicators, countries, report)
        if row is None:
            continue
        key = (row.indicator.pk, row.country.pk, row.year)
        if key in seen:
            report.rejected.append(
                RejectedRow(
                    line,
                    _("the same indicator, country and year as line %(line)d")
                    % {"line": seen[key]},
                )
            )
            continue
        seen[key] = line
        rows.append(row)
    if not report.is_valid:
        return report
    with transaction.atomic():
        _rows_save(rows, report)
        if report.written:
            public_pages_changed()
            logger.info(
                "Indicator values imported: %d created, %d updated, %d unchanged",
                report.created,
                report.updated,
                report.unchanged,
            )
    return report


def indicator_file_lines(data: bytes) -> list[str]:
    """The lines of an uploaded file's content (UTF-8, with or without its
    byte-order mark); IndicatorFileError if it is not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IndicatorFileError(
            _("The file is not a CSV text file in UTF-8.")
        ) from error
    if "\x00" in text:
        raise IndicatorFileError(_("The file is not a CSV text file in UTF-8."))
    return io.StringIO(text, newline="").readlines()


def _dialect(lines):
    try:
        return csv.Sniffer().sniff(lines[0] if lines else "", delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _parsed_row(line, cells, indicators, countries, report) -> _Row | None:
    def reject(reason):
        report.rejected.append(RejectedRow(line, reason))

    cells = [cell.strip() for cell in cells] + [""] * len(COLUMNS)
    code, iso, year_text, value_text, source, source_url = cells[: len(COLUMNS)]
    indicator = indicators.get(code) or indicators.get(code.lower())
    if indicator is None:
        return reject(_("unknown indicator “%(code)s”") % {"code": code})
    country = countries.get(iso.upper())
    if country is None:
        return reject(_("unknown country “%(iso)s”") % {"iso": iso})
    year = _year(year_text)
    if year is None:
        return reject(
            _("bad year “%(year)s” (a year from %(first)d to %(last)d)")
            % {"year": year_text, "first": YEAR_RANGE[0], "last": YEAR_RANGE[1]}
        )
    value = _number(value_text)
    if value is None:
        return reject(
            _("bad number “%(value)s” (at most %(decimals)d decimals)")
            % {"value": value_text, "decimals": MAX_DECIMALS}
        )
    if not source:
        return reject(_("missing source"))
    if len(source) > SOURCE_MAX_LENGTH:
        return reject(
            _("source longer than %(length)d characters")
            % {"length": SOURCE_MAX_LENGTH}
        )
    if source_url and not _is_url(source_url):
        return reject(
            _("bad link to the source “%(url)s” (an http or https address)")
            % {"url": source_url}
        )
    return _Row(line, indicator, country, year, value, source, source_url)


def _year(text: str) -> int | None:
    if not text.isdigit():
        return None
    year = int(text)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def _number(text: str) -> Decimal | None:
    """`text` as a number: "1234.5", "1 234,5", "-3"; None if it is not one
    that the value's column holds."""
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in text:
        if "." in text or text.count(",") > 1:
            return None
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    _sign, digits, exponent = number.as_tuple()
    if exponent < -MAX_DECIMALS or len(digits) + exponent > MAX_INTEGER_DIGITS:
        return None
    return number


def _is_url(text: str) -> bool:
    if len(text) > URL_MAX_LENGTH:
        return False
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return True


def _rows_save(rows: list[_Row], report: IndicatorImport) -> None:
    stored = {
        (value.indicator_id, value.country_id, value.year): value
        for value in IndicatorValue.objects.filter(
            indicator__in={row.indicator.pk for row in rows},
            country__in={row.country.pk for row in rows},
        )
    }
    for row in rows:
        existing = stored.get((row.indicator.pk, row.country.pk, row.year))
        if existing is None:
            report.created += 1
            if not report.dry_run:
                IndicatorValue.objects.create(
                    indicator=row.indicator,
                    country=row.country,
                    year=row.year,
                    value=row.value,
                    source=row.source,
                    source_url=row.source_url,
                )
        elif (existing.value, existing.source, existing.source_url) == (
            row.value,
            row.source,
            row.source_url,
        ):
            report.unchanged += 1
        else:
            report.updated += 1
            if not report.dry_run:
                existing.value = row.value
                existing.source = row.source
                existing.source_url = row.source_url
                existing.save(
                    update_fields=["value", "source", "source_url", "updated_at"]
                )
