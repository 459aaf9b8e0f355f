"""The country resolver (nonaligned.records.countries), driven by golden files of hard cases.

``golden/countries_hard_cases.csv`` lists queries that must resolve (with an optional date) to a COW
code and the ISO3 displayed on that date; ``golden/countries_unknown.csv`` lists queries that must
fail, with the reason ("unknown" or "ambiguous") and the suggestions that must be offered. Adding a
case is adding a line: the tests are parametrised over the files.
"""

from __future__ import annotations

import csv
import importlib
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from nonaligned.errors import BadDate, NonalignedError, UnknownCountry
from nonaligned.records.countries import State, StateTable, load_states, normalize_name, resolve

GOLDEN = Path(__file__).resolve().parent / "golden"


def _rows(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


HARD = _rows("countries_hard_cases.csv")
UNKNOWN = _rows("countries_unknown.csv")


@pytest.fixture(scope="module")
def table() -> StateTable:
    return load_states()


def test_golden_files_are_big_enough() -> None:
    assert len(HARD) >= 60
    assert len(UNKNOWN) >= 4


@pytest.mark.parametrize("case", HARD, ids=[f"{r['query']!r}@{r['on'] or 'now'}" for r in HARD])
def test_hard_case(table: StateTable, case: dict[str, str]) -> None:
    on = date.fromisoformat(case["on"]) if case["on"] else None
    query: str | int = case["query"]
    state = table.resolve(query, on=on)
    assert state.cow == int(case["expected_cow"]), case["why"]
    assert table.iso3_on(state.cow, on) == case["expected_iso3"], case["why"]


@pytest.mark.parametrize(
    "case", UNKNOWN, ids=[f"{r['query']!r}@{r['on'] or 'now'}" for r in UNKNOWN]
)
def test_unknown_case(table: StateTable, case: dict[str, str]) -> None:
    on = date.fromisoformat(case["on"]) if case["on"] else None
    with pytest.raises(UnknownCountry) as info:
        table.resolve(case["query"], on=on)
    err = info.value
    assert isinstance(err, NonalignedError) and isinstance(err, LookupError)
    assert err.query == case["query"]
    if case["reason"] == "ambiguous":
        assert "ambiguous" in str(err)
    else:
        assert "ambiguous" not in str(err)
    for wanted in filter(None, case["must_suggest"].split("|")):
        assert any(wanted in s for s in err.suggestions), (wanted, err.suggestions)
    assert len(err.suggestions) <= 3 or case["reason"] == "ambiguous"


def test_integer_query_is_a_cow_code(table: StateTable) -> None:
    assert table.resolve(373).name == "Azerbaijan"
    assert table.resolve(31).name == "Bahamas"  # not ISO 031
    with pytest.raises(UnknownCountry, match="no state has COW code 4"):
        table.resolve(4)
    with pytest.raises(UnknownCountry):
        table.resolve(True)  # type: ignore[arg-type]


def test_zero_padded_iso_numeric_needs_no_collision(table: StateTable) -> None:
    assert table.resolve("004").cow == 700  # no COW 4
    assert table.resolve("iso:031").cow == 373
    assert table.resolve("cow:31").cow == 31
    with pytest.raises(UnknownCountry) as info:
        table.resolve("031")
    assert info.value.suggestions == ["Bahamas (cow:31)", "Azerbaijan (iso:031)"]


def test_dates_are_accepted_in_several_forms(table: StateTable) -> None:
    assert table.resolve("Germany", on="1980-01-01").cow == 260
    assert table.resolve("Germany", on=datetime(1980, 1, 1, 12)).cow == 260
    with pytest.raises(BadDate):
        table.resolve("Germany", on="1980")


def test_dates_disambiguate_but_never_reject(table: StateTable) -> None:
    assert table.resolve("Czechoslovakia", on=date(2000, 1, 1)).cow == 315
    assert table.resolve("Czech Republic", on=date(1980, 1, 1)).cow == 316
    assert table.resolve("South Sudan", on=date(1990, 1, 1)).cow == 626


def test_iso3_and_name_on_date(table: StateTable) -> None:
    assert table.iso3_on(365, date(1991, 12, 25)) == "SUN"
    assert table.iso3_on(365, date(1991, 12, 26)) == "RUS"
    assert table.iso3_on(365, None) == "RUS"
    assert table.iso3_on(373, date(1995, 1, 1)) == "AZE"
    assert table.name_on(365, date(1980, 1, 1)) == "Soviet Union"
    assert table.name_on(345, date(2004, 1, 1)) == "Serbia and Montenegro"
    assert table.name_on(345, date(1990, 1, 1)) == "Yugoslavia"
    assert table.name_on(510, date(1962, 1, 1)) == "Tanganyika"
    assert table.name_on(373, date(2000, 1, 1)) == "Azerbaijan"
    assert [p.iso3 for p in table.iso_periods(345)] == ["SRB", "YUG", "SCG", "SRB"]


def test_gw_codes_by_date(table: StateTable) -> None:
    assert table.gw_on(255, date(1930, 1, 1)) == 255
    assert table.gw_on(255, date(2000, 1, 1)) == 260
    assert table.gw_on(345, date(1990, 1, 1)) == 345
    assert table.gw_on(345, date(2010, 1, 1)) == 340
    assert table.by_cow(679).gw == 678
    assert table.by_cow(54).gw is None  # GW microstates are not in the source


def test_spells_and_members(table: StateTable) -> None:
    cow_spells = table.spells(211, "cow")
    assert [(s.start, s.end) for s in cow_spells] == [
        (date(1830, 12, 20), date(1940, 5, 28)),
        (date(1945, 6, 26), None),
    ]
    assert len(table.members_on("2016-06-01")) == 195
    assert len(table.members_on(date(2010, 1, 1))) == 194
    assert 373 in {s.cow for s in table.members_on("1992-01-01")}
    assert 373 not in {s.cow for s in table.members_on("1991-12-25")}
    assert 711 not in {s.cow for s in table.members_on("1930-01-01", system="gw")}
    assert 2711 in {s.cow for s in table.members_on("1930-01-01", system="gw")}


def test_state_fields_are_typed(table: StateTable) -> None:
    aze = table.by_cow(373)
    assert aze == State(
        cow=373,
        cow_abb="AZE",
        iso3="AZE",
        iso2="AZ",
        isonum=31,
        gw=373,
        name="Azerbaijan",
        official_name="Republic of Azerbaijan",
        aliases=aze.aliases,
        capital="Baku",
        start=date(1991, 12, 26),
        end=None,
        successor_cow=(),
        predecessor_cow=(365,),
        note="",
        kind="cow",
    )
    assert "Azeri" in aze.aliases and aze.current
    ussr = table.by_cow(365)
    assert 373 in ussr.successor_cow
    assert table.by_cow(315).end == date(1992, 12, 31)
    assert table.by_cow(315).successor_cow == (316, 317)


def test_all_and_frame(table: StateTable) -> None:
    states = table.all()
    assert [s.cow for s in states] == sorted(s.cow for s in states)
    df = table.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == len(states)
    assert list(df.columns)[:6] == ["cow", "cow_abb", "iso3", "iso2", "isonum", "gw"]
    assert str(df["isonum"].dtype) == "Int64"
    assert df.loc[df["cow"] == 373, "start"].iloc[0] == pd.Timestamp("1991-12-26")
    assert df.loc[df["cow"] == 365, "successor_cow"].iloc[0].startswith("359|366")


def test_module_level_resolve_uses_cached_default() -> None:
    assert load_states() is load_states()
    assert resolve("Azerbaijani").cow == 373
    # nonaligned.records re-exports a function named ``countries``: reach the module itself.
    module = importlib.import_module("nonaligned.records.countries")
    assert module.resolve("Soviet Union", on=date(1980, 1, 1)).cow == 365


def test_normalize_name() -> None:
    assert normalize_name("  Côte d’Ivoire ") == "cote divoire"
    assert normalize_name("The Gambia") == normalize_name("Gambia")
    assert normalize_name("St. Kitts & Nevis") == "saint kitts and nevis"
    assert normalize_name("Guinea-Bissau") == "guinea bissau"
    assert normalize_name("U.S.A.") == "usa"
    assert normalize_name("Đại Nam") == "dai nam"


def test_suggestions_name_what_they_match(table: StateTable) -> None:
    assert table.suggest("Azerbajan") == ["Azerbaijan"]
    assert table.suggest("Yugoslavi") == ["Yugoslavia (Serbia)"]
    assert table.suggest("Atlantis") == []


@pytest.mark.parametrize("query", ["²", "３７３", "COW:²", "٣٧٣x"])
def test_non_ascii_digits_are_unknown_not_a_crash(table: StateTable, query: str) -> None:
    """str.isdigit() accepts superscripts and full-width digits that int() may reject: found by
    the dashboard's API fuzz."""
    with pytest.raises(UnknownCountry):
        table.resolve(query)
