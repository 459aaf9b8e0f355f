"""Shape and content tests of treaties.csv, the project's table of treaties after 2018.

Why a separate table needs its own tests: it is edited by hand, joined to ATOP spells by COW code
and loaded with typed columns, so a mistyped code, a malformed date or a one-directional row would
silently drop a treaty from `nonaligned alliances`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from nonaligned.records.catalog import read_front_matter
from nonaligned.records.load import read_bundled

DATA = Path(__file__).resolve().parents[1] / "nonaligned" / "records" / "data"
NOTE = DATA / "treaties.SOURCE.md"
COLUMNS = [
    "treaty_id",
    "treaty",
    "kind",
    "cow1",
    "iso3_1",
    "cow2",
    "iso3_2",
    "obligations",
    "signed_date",
    "in_force_date",
    "end_date",
    "first_year",
    "last_year",
    "ratified",
    "status",
    "certainty",
    "source",
    "note",
]
OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"]
KINDS = {"alliance", "mutual assistance", "strategic partnership", "non-aggression"}
STATUSES = {"in force", "signed not ratified", "initialled", "suspended", "terminated"}
RATIFIED = {"yes", "no", "partial", "not required", "unknown"}


@pytest.fixture(scope="module")
def treaties() -> pd.DataFrame:
    return pd.read_csv(DATA / "treaties.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return pd.read_csv(DATA / "states.csv", dtype=str, keep_default_na=False)


def _row(t: pd.DataFrame, treaty_id: str, cow1: int, cow2: int) -> pd.Series:
    hit = t[(t.treaty_id == treaty_id) & (t.cow1 == str(cow1)) & (t.cow2 == str(cow2))]
    assert len(hit) == 1, (treaty_id, cow1, cow2)
    return hit.iloc[0]


def test_source_note(treaties: pd.DataFrame) -> None:
    fm = read_front_matter(NOTE)
    assert fm["name"] == "treaties" and fm["files"] == ["treaties.csv"]
    assert fm["rows"] == {"treaties.csv": len(treaties)}
    assert fm["verified"] == "2026-12-07"
    for key in ("title", "version", "licence", "origin", "citation"):
        assert fm[key]
    text = NOTE.read_text(encoding="utf-8")
    for col in COLUMNS:  # every column is documented
        assert f"| {col} |" in text, col
    assert f"{len(treaties)} rows, {treaties.treaty_id.nunique()} treaties" in text
    assert f"{(treaties.certainty == 'unsure').sum()} rows (the `unsure` ones)" in text


def test_shape_and_vocabularies(treaties: pd.DataFrame) -> None:
    assert list(treaties.columns) == COLUMNS
    for col in ("treaty_id", "treaty", "kind", "obligations", "status", "source", "note"):
        assert (treaties[col] != "").all(), col
    assert treaties["treaty_id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()
    assert set(treaties["kind"]) <= KINDS
    assert set(treaties["status"]) <= STATUSES
    assert set(treaties["ratified"]) <= RATIFIED
    assert set(treaties["certainty"]) <= {"sure", "unsure"}
    assert not treaties.duplicated(["treaty_id", "cow1", "cow2"]).any()
    assert (treaties["cow1"] != treaties["cow2"]).all()
    for obl in treaties["obligations"]:
        parts = obl.split("+")
        assert obl == "none" or parts == [o for o in OBLIGATIONS if o in parts], obl
    # one source reference per row: no list of sources
    assert not treaties["source"].str.contains(r"\|").any()


def test_codes_exist_and_match_states(treaties: pd.DataFrame, states: pd.DataFrame) -> None:
    iso = dict(zip(states["cow"], states["iso3"], strict=True))
    for side in ("1", "2"):
        cows = treaties[f"cow{side}"]
        assert cows.isin(iso).all(), set(cows) - set(iso)
        assert (cows.map(iso) == treaties[f"iso3_{side}"]).all()


def test_dates_parse_and_are_ordered(treaties: pd.DataFrame) -> None:
    typed = read_bundled(DATA / "treaties.csv").to_pandas()  # the loader's own typing
    for col in ("signed_date", "in_force_date", "end_date"):
        assert all(v is None or isinstance(v, date) for v in typed[col]), col
    for col in ("cow1", "cow2", "first_year"):
        assert str(typed[col].dtype) == "Int64" and typed[col].notna().all(), col
    signed, in_force = typed["signed_date"], typed["in_force_date"]
    both = signed.notna() & in_force.notna()
    assert (signed[both] <= in_force[both]).all()
    start = [d.year if d is not None else None for d in in_force]
    for s, f, y in zip(start, typed["first_year"], typed["signed_date"], strict=True):
        assert s is None or f >= s or f == 2019, (s, f)
        assert y is None or y.year <= f
    assert typed["first_year"].between(2019, 2026).all()
    # only a treaty that entered into force can have an in-force date
    assert (
        typed.loc[typed["status"].isin(["signed not ratified", "initialled"]), "in_force_date"]
        .isna()
        .all()
    )
    assert typed.loc[typed["status"] == "initialled", "signed_date"].isna().all()
    assert typed.loc[typed["status"] != "terminated", "end_date"].isna().all()


def test_every_treaty_is_listed_in_both_directions(treaties: pd.DataFrame) -> None:
    keys = set(
        zip(treaties.treaty_id, treaties.cow1, treaties.cow2, treaties.obligations, strict=True)
    )
    missing = [k for k in keys if (k[0], k[2], k[1], k[3]) not in keys]
    assert not missing, f"rows without their mirror row: {sorted(missing)[:5]}"
    # the per-treaty facts are the same on every row of a treaty
    same = ["treaty", "kind", "signed_date", "in_force_date", "first_year", "ratified", "status"]
    assert (treaties.groupby("treaty_id")[same].nunique() == 1).all().all()


def test_azerbaijan_treaties(treaties: pd.DataFrame) -> None:
    shusha = _row(treaties, "tur-aze-shusha-2021", 373, 640)
    assert shusha.signed_date == "2021-06-15" and shusha.first_year == "2022"
    assert "Shusha Declaration on Allied Relations" in shusha.treaty
    assert shusha.obligations.split("+")[0] == "defense" and shusha.status == "in force"
    assert _row(treaties, "tur-aze-shusha-2021", 640, 373).obligations == shusha.obligations
    allied = _row(treaties, "rus-aze-allied-2022", 373, 365)
    assert allied.signed_date == "2022-02-22" and "Allied Interaction" in allied.treaty
    assert "defense" not in allied.obligations  # 'may consider' assistance is no obligation
    assert set(treaties.loc[treaties.cow1 == "373", "treaty_id"]) == {
        "tur-aze-shusha-2021",
        "rus-aze-allied-2022",
        "arm-aze-peace-2025",
    }


def test_pinned_facts(treaties: pd.DataFrame) -> None:
    prk = _row(treaties, "rus-prk-csp-2024", 365, 731)
    assert (prk.signed_date, prk.in_force_date, prk.obligations) == (
        "2024-06-19",
        "2024-12-04",
        "defense+consul",
    )
    iran = _row(treaties, "rus-irn-csp-2025", 365, 630)
    assert iran.signed_date == "2025-01-17" and "defense" not in iran.obligations
    assert "neutral" in iran.obligations
    sau = _row(treaties, "sau-pak-smda-2025", 670, 770)
    assert sau.signed_date == "2025-09-17" and sau.obligations == "defense"
    blr = _row(treaties, "rus-blr-guarantees-2024", 370, 365)
    assert blr.signed_date == "2024-12-06" and "defense" in blr.obligations
    assert _row(treaties, "cst-armenia-freeze-2024", 371, 365).status == "suspended"
    assert (treaties.loc[treaties.treaty_id.str.startswith("aukus"), "obligations"] == "none").all()
    assert "Not an alliance treaty" in _row(treaties, "aukus-2021", 2, 200).note
    fin = treaties[treaties.treaty_id == "nato-fin-2023"]
    swe = treaties[treaties.treaty_id == "nato-swe-2024"]
    assert len(fin) == 2 * 30 and len(swe) == 2 * 31  # every ally at the time, both directions
    assert set(fin.in_force_date) == {"2023-04-04"} and set(swe.in_force_date) == {"2024-03-07"}
    assert "640" in set(fin.cow1) and "375" in set(swe.cow2)  # Turkey -> Finland, Sweden -> Finland
    assert (fin.obligations == "defense+nonagg+consul").all()


def test_a_bad_row_is_caught(treaties: pd.DataFrame, tmp_path: Path) -> None:
    """The loader refuses a malformed date by name, so a typo cannot load as a missing date."""
    from nonaligned.errors import DataError

    bad = treaties.copy()
    bad.loc[0, "signed_date"] = "2021-06-31"
    bad.to_csv(tmp_path / "treaties.csv", index=False)
    with pytest.raises(DataError, match="signed_date"):
        read_bundled(tmp_path / "treaties.csv")
