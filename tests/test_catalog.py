"""The dataset catalogue's ``verified`` date: parsed from each SOURCE note, shown by ``data versions``.

A hand-kept table (blocs, office holders) goes stale silently; the date it was last checked is the
one thing that tells a user how far to trust the absence of a row, so a malformed date must fail
loudly (naming the note) rather than display as something plausible.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nonaligned.cli import main
from nonaligned.config import text_data_dir
from nonaligned.errors import DataError
from nonaligned.records.catalog import datasets
from tests.conftest import write_tiny_dataset


def _set_verified(folder: Path, line: str) -> Path:
    note = folder / "things.SOURCE.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace('licence = "CC0"\n', f'licence = "CC0"\n{line}\n'), encoding="utf-8"
    )
    return note


def test_verified_is_parsed_as_a_date(tmp_path: Path) -> None:
    write_tiny_dataset(tmp_path)
    _set_verified(tmp_path, 'verified = "2026-12-07"')
    (ds,) = datasets(tmp_path)
    assert ds.verified == date(2026, 12, 7)


def test_verified_is_optional(tmp_path: Path) -> None:
    write_tiny_dataset(tmp_path)
    (ds,) = datasets(tmp_path)
    assert ds.verified is None


@pytest.mark.parametrize(
    "line",
    [
        'verified = "2026-13-01"',  # no such month
        'verified = "2026-02-30"',  # no such day
        'verified = "2026-12"',  # a month is not a verification day
        'verified = "07.12.2026"',
        'verified = "2026-12-07T10:00:00"',
        "verified = 2026-12-07",  # a bare TOML date: the notes write a string
        "verified = 20261207",
    ],
)
def test_malformed_verified_is_a_data_error_naming_the_note(tmp_path: Path, line: str) -> None:
    write_tiny_dataset(tmp_path)
    note = _set_verified(tmp_path, line)
    with pytest.raises(DataError, match="verified") as info:
        datasets(tmp_path)
    assert str(note) in str(info.value)


def test_bundled_notes_that_were_checked_carry_their_date() -> None:
    found = {d.name: d.verified for d in datasets() + datasets(text_data_dir())}
    # checked against the record for issue 11 (blocs and office holders to today)
    assert found["blocs"] == date(2026, 12, 7)
    assert found["actors"] == date(2026, 12, 7)
    # no note may claim a check in the future of the edition
    assert all(v is None or v <= date(2026, 12, 7) for v in found.values())


@pytest.fixture(scope="module")
def records_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store loaded from the bundled records only (no ideal points): all `data versions` reads."""
    from nonaligned.records.load import load_records
    from nonaligned.store import Store

    path = tmp_path_factory.mktemp("catalog") / "records.duckdb"
    with Store.open(path) as store:
        load_records(store)
    return str(path)


def test_data_versions_shows_verified_per_dataset(
    records_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", records_db, "data", "versions", "--format", "json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    expected = {
        d.name: (d.verified.isoformat() if d.verified else None)
        for d in datasets() + datasets(text_data_dir())
    }
    assert {n: r["verified"] for n, r in rows.items()} == expected
    assert rows["blocs"]["verified"] == "2026-12-07"  # a store dataset, joined by name
    assert rows["actors"]["verified"] == "2026-12-07"  # a text dataset, read from its note


def test_data_versions_table_has_a_verified_column(
    records_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", records_db, "data", "versions", "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header[header.index("version") + 1] == "verified"
