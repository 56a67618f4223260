"""The import of indicator values from a CSV file, by the command."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from countries.models import IndicatorValue
from countries.services.indicators import (
    IndicatorFileError,
    indicator_file_lines,
    indicator_values_import,
)
from rabat.cache import content_version
from rabat.models import Country
from rabat.page_cache import VERSION_KEY
from tests.countries.factories import IndicatorFactory, IndicatorValueFactory
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db

HEADER = "indicator,country,year,value,source,source_url\n"


@pytest.fixture
def indicator():
    CountryFactory(iso_code="SN", name_en="Senegal")
    CountryFactory(iso_code="ML", name_en="Mali")
    return IndicatorFactory(code="remittances")


def csv_file(tmp_path, text, name="values.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path, *args):
    call_command("import_indicators", path, *args, verbosity=0)


def stored():
    return {
        (value.country.iso_code, value.year): (value.value, value.source)
        for value in IndicatorValue.objects.select_related("country")
    }


GOOD = HEADER + (
    "remittances,SN,2012,10.5,Demo source,https://example.org/a\n"
    "remittances,sn,2013,11,Demo source,\n"
    'remittances,ML,2013,"1 234,5",Demo source,https://example.org/b\n'
)


def test_a_good_file_is_imported(
    indicator, tmp_path, capsys, django_capture_on_commit_callbacks
):
    version = content_version(VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_indicators", csv_file(tmp_path, GOOD))
    assert stored() == {
        ("SN", 2012): (Decimal("10.5"), "Demo source"),
        ("SN", 2013): (Decimal("11"), "Demo source"),
        ("ML", 2013): (Decimal("1234.5"), "Demo source"),
    }
    assert "3 value(s) created, 0 updated, 0 unchanged" in capsys.readouterr().out
    # The map and the profiles show them at once.
    assert content_version(VERSION_KEY) != version


def test_semicolons_as_french_spreadsheets_write(indicator, tmp_path):
    text = GOOD.replace(",", ";").replace('"1 234;5"', "1 234,5")
    run(csv_file(tmp_path, text))
    assert stored()[("ML", 2013)] == (Decimal("1234.5"), "Demo source")


def test_rerunning_the_same_file_changes_nothing(indicator, tmp_path, capsys):
    path = csv_file(tmp_path, GOOD)
    run(path)
    before = {value.pk: value.updated_at for value in IndicatorValue.objects.all()}
    call_command("import_indicators", path)
    assert "0 value(s) created, 0 updated, 3 unchanged" in capsys.readouterr().out
    after = {value.pk: value.updated_at for value in IndicatorValue.objects.all()}
    assert after == before


def test_a_changed_value_updates_its_row(indicator, tmp_path):
    run(csv_file(tmp_path, GOOD))
    pk = IndicatorValue.objects.get(country__iso_code="SN", year=2012).pk
    run(csv_file(tmp_path, GOOD.replace("2012,10.5", "2012,12"), name="new.csv"))
    value = IndicatorValue.objects.get(pk=pk)
    assert value.value == 12
    assert IndicatorValue.objects.count() == 3


def test_bad_rows_are_listed_with_their_line_and_nothing_is_written(
    indicator, tmp_path, capsys
):
    IndicatorValueFactory(
        indicator=indicator, country=Country.objects.get(iso_code="SN"), year=2000
    )
    text = HEADER + (
        "remittances,SN,2012,10,Demo source,\n"  # line 2: good
        "unknown,SN,2012,10,Demo source,\n"
        "remittances,XX,2012,10,Demo source,\n"
        "remittances,SN,20x2,10,Demo source,\n"
        "remittances,SN,2013,ten,Demo source,\n"
        "remittances,SN,2014,10,,\n"
        "remittances,SN,2015,10,Demo source,javascript:alert(1)\n"
        "remittances,SN,2012,11,Demo source,\n"
    )
    with pytest.raises(CommandError, match="7 row"):
        call_command("import_indicators", csv_file(tmp_path, text))
    errors = capsys.readouterr().err
    for line, reason in [
        (3, "unknown indicator “unknown”"),
        (4, "unknown country “XX”"),
        (5, "bad year “20x2”"),
        (6, "bad number “ten”"),
        (7, "missing source"),
        (8, "bad link to the source"),
        (9, "the same indicator, country and year as line 2"),
    ]:
        assert f"line {line}: {reason}" in errors
    assert "line 2:" not in errors
    # All or nothing: the good row is not written either.
    assert set(stored()) == {("SN", 2000)}


def test_a_dry_run_writes_nothing(indicator, tmp_path, capsys):
    call_command("import_indicators", csv_file(tmp_path, GOOD), "--dry-run")
    assert "Dry run: 3 value(s) created" in capsys.readouterr().out
    assert not IndicatorValue.objects.exists()


def test_a_file_without_header_or_not_text_is_refused(indicator, tmp_path):
    with pytest.raises(CommandError, match="header"):
        run(csv_file(tmp_path, "remittances,SN\n"))
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(CommandError, match="UTF-8"):
        run(str(path))
    with pytest.raises(CommandError, match=r"missing\.csv"):
        run(str(tmp_path / "missing.csv"))


def test_the_service_reports_what_it_did(indicator):
    report = indicator_values_import(lines=indicator_file_lines(GOOD.encode()))
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.is_valid and report.written
    with pytest.raises(IndicatorFileError):
        indicator_values_import(lines=[])
