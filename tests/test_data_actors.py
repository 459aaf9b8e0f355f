"""Shape test and pinned facts for the actor dictionary (nonaligned/text/data).

Files: igo_actors.csv, office_holders_phoenix.csv and the regional office_holders_<part>.csv,
described in actors.SOURCE.md. The CSVs are read directly with pandas (all columns as strings,
empty cells as ""), with no dependency on the text layer. Row counts are checked for the files
whose count in the SOURCE note is not 0 (the lead fills in the regional counts). The rebuild test
needs the Phoenix source under ../shared and is skipped without it.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from nonaligned.records.catalog import read_front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "text" / "data"
RECORDS = ROOT / "nonaligned" / "records" / "data"
NOTE = DATA / "actors.SOURCE.md"
PHOENIX_SOURCE = ROOT.parent / "shared" / "data" / "external" / "phoenix-actors"

FILES = [
    "government_seats.csv",
    "igo_actors.csv",
    "office_holders_phoenix.csv",
    "office_holders_europe.csv",
    "office_holders_americas.csv",
    "office_holders_africa.csv",
    "office_holders_asia.csv",
    "office_holders_igo.csv",
]
IGO_COLS = ["code", "name", "aliases", "parent", "founded", "dissolved", "source", "note"]
HOLDER_COLS = [
    "person",
    "name",
    "aliases",
    "iso3",
    "role",
    "title",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "source",
    "note",
]
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
IGO_HOLDER_COLS = [("code" if c == "iso3" else c) for c in HOLDER_COLS]
PRECISIONS = {"day", "month", "year"}


@cache
def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


@cache
def front_matter() -> dict[str, object]:
    return read_front_matter(NOTE)


def igos() -> pd.DataFrame:
    return _csv("igo_actors.csv")


def phoenix() -> pd.DataFrame:
    return _csv("office_holders_phoenix.csv")


def holder_files() -> list[str]:
    """The states' office-holder files of the SOURCE note that exist (not the IGO heads)."""
    return [
        f
        for f in FILES
        if f.startswith("office_holders_") and f != "office_holders_igo.csv" and (DATA / f).exists()
    ]


def igo_holders() -> pd.DataFrame:
    return _csv("office_holders_igo.csv")


def holders() -> pd.DataFrame:
    return pd.concat([_csv(f).assign(file=f) for f in holder_files()], ignore_index=True)


@cache
def iso3_codes() -> set[str]:
    states = pd.read_csv(RECORDS / "states.csv", dtype=str, keep_default_na=False)
    periods = pd.read_csv(RECORDS / "states_iso_periods.csv", dtype=str, keep_default_na=False)
    return (set(states.iso3) | set(periods.iso3)) - {""}


def aliases(df: pd.DataFrame, code: str) -> list[str]:
    return df.loc[df.code == code, "aliases"].iloc[0].split("|")


# ---------------------------------------------------------------- SOURCE note


def test_source_note_front_matter():
    fm = front_matter()
    assert fm["name"] == "actors"
    assert fm["files"] == FILES
    for k in ("title", "version", "licence", "origin", "citation"):
        assert fm[k], k
    assert "MIT" in fm["licence"] and "CC BY 4.0" in fm["licence"]
    cit = str(fm["citation"])
    assert "Open Event Data Alliance" in cit and "Gerner" in cit and "PETRARCH2" in cit
    assert set(fm["rows"]) == set(FILES)


def test_row_counts_match_source_note():
    rows = front_matter()["rows"]
    checked = 0
    for name, n in rows.items():
        if n:
            assert (DATA / name).exists(), name
            assert len(_csv(name)) == n, name
            checked += 1
    assert rows["igo_actors.csv"] and rows["office_holders_phoenix.csv"]
    assert checked >= 2


# ---------------------------------------------------------------- office holders


def test_holder_columns():
    for f in holder_files():
        assert list(_csv(f).columns) == HOLDER_COLS, f


def test_holder_values():
    d = holders()
    assert (d.person != "").all() and (d.name != "").all() and (d.source != "").all()
    assert d.person.str.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*").all()
    assert set(d.role) <= ROLES
    assert set(d.start_precision) <= PRECISIONS
    assert set(d.end_precision) <= PRECISIONS | {""}
    assert ((d.end == "") == (d.end_precision == "")).all()
    unknown = set(d.iso3) - iso3_codes()
    assert not unknown, unknown


def test_holder_dates_parse_and_order():
    d = holders()
    start = pd.to_datetime(d.start, format="%Y-%m-%d", errors="coerce")
    assert start.notna().all(), d[start.isna()]
    closed = d[d.end != ""]
    end = pd.to_datetime(closed.end, format="%Y-%m-%d", errors="coerce")
    assert end.notna().all(), closed[end.isna()]
    assert (start[closed.index] < end).all(), closed[start[closed.index] >= end]
    # month/year precision: the first day of the month/year
    for col, prec in (("start", "start_precision"), ("end", "end_precision")):
        assert d.loc[d[prec] == "month", col].str.endswith("-01").all()
        assert d.loc[d[prec] == "year", col].str.endswith("-01-01").all()


def test_person_ids_consistent():
    d = holders()
    names = d.groupby("person")["name"].nunique()
    assert (names == 1).all(), names[names > 1]


def test_phoenix_spells_end_before_2015():
    d = phoenix()
    assert (d.end != "").all() and (d.end < "2015-01-01").all()
    assert d.source.str.startswith("Phoenix actors dictionary (PETRARCH2, 2014)").all()


def test_phoenix_sorted_and_unique():
    d = phoenix()
    key = ["iso3", "role", "start", "person", "end"]
    assert d[key].equals(d.sort_values(key).reset_index(drop=True)[key])
    assert not d.duplicated(["person", "iso3", "role", "start"]).any()


def test_phoenix_pinned_facts():
    d = phoenix()
    kohl = d[(d.person == "helmut-kohl")]
    assert kohl[["iso3", "role", "title", "start", "end"]].values.tolist() == [
        ["DEU", "head_of_government", "Chancellor", "1982-10-01", "1998-10-27"]
    ]
    # a US president is head of state and of government: one row each
    clinton = d[d.person == "bill-clinton"]
    assert set(clinton.role) == {"head_of_state", "head_of_government"}
    assert set(clinton.start) == {"1993-01-20"} and set(clinton.end) == {"2001-01-20"}
    # Iran's President heads the government (the Supreme Leader is head of state)
    assert set(d[d.person == "mahmoud-ahmadinejad"].role) == {"head_of_government"}
    # corrected Phoenix value, with the Phoenix value in the note
    morsi = d[d.person == "mohamed-morsi"].iloc[0]
    assert morsi.start == "2012-06-30" and "2012-10-30" in morsi.note
    # known errors are not there
    assert not {"friedrich-ebert", "nikita-khrushchev", "andrey-gromyko"} & set(d.person)
    # ambiguous aliases are left out
    assert "George Bush" not in d[d.person == "george-w-bush"].aliases.iloc[0].split("|")


# ---------------------------------------------------------------- heads of IGOs


def test_igo_holders_shape_and_codes():
    h = igo_holders()
    assert list(h.columns) == IGO_HOLDER_COLS
    assert set(h.role) == {"head_of_igo"}
    assert set(h.code) <= set(igos().code), set(h.code) - set(igos().code)
    assert (h.source != "").all() and h.person.str.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*").all()
    start = pd.to_datetime(h.start, format="%Y-%m-%d")
    closed = h[h.end != ""]
    assert (start[closed.index] < pd.to_datetime(closed.end, format="%Y-%m-%d")).all()
    assert ((h.end == "") == (h.end_precision == "")).all()
    key = ["code", "role", "start", "person"]
    assert h[key].equals(h.sort_values(key).reset_index(drop=True)[key])


def test_igo_heads_follow_without_overlap():
    h = igo_holders()
    for code, group in h.groupby("code"):
        g = group.sort_values("start")
        ends = g.end.iloc[:-1].values
        assert (g.start.iloc[1:].values >= ends).all(), code
        assert (g.end.iloc[:-1] != "").all(), code  # only the last spell may be open


def test_igo_heads_pinned_facts():
    h = igo_holders().set_index(["person", "code"])
    assert h.loc[("antonio-guterres", "UN"), "start"] == "2017-01-01"
    assert h.loc[("ban-ki-moon", "UN"), "end"] == "2017-01-01"
    assert h.loc[("jens-stoltenberg", "NATO"), "end"] == "2024-10-01"
    assert h.loc[("mark-rutte", "NATO"), "start"] == "2024-10-01"
    assert h.loc[("antonio-costa", "EUCO"), "start"] == "2024-12-01"
    assert h.loc[("kaja-kallas", "EEAS"), "start"] == "2024-12-01"
    heads = [
        "UN",
        "NATO",
        "CE",
        "EUCO",
        "EEAS",
        "OSCE",
        "CSTO",
        "CIS",
        "OTS",
        "SCO",
        "AU",
        "ARL",
        "OIC",
        "IAEA",
        "WHO",
    ]
    assert set(heads) <= set(igo_holders().code), set(heads) - set(igo_holders().code)


def test_person_ids_shared_across_states_and_igos():
    """A person who led a state and then an IGO keeps one id and one name."""
    both = pd.concat([holders()[["person", "name"]], igo_holders()[["person", "name"]]])
    names = both.groupby("person")["name"].nunique()
    assert (names == 1).all(), names[names > 1]
    assert {"mark-rutte", "antonio-costa", "kaja-kallas", "moussa-faki"} <= set(holders().person)


def test_defence_ministers_of_the_seed_states_from_2015():
    """Every seed state has a defence minister on every day from 2015 (spells chain)."""
    h = holders()
    for iso3 in ("AZE", "RUS", "ARM", "TUR", "GEO", "UKR", "IRN", "USA", "UGA", "VEN"):
        d = h[(h.iso3 == iso3) & (h.role == "defence_minister")].sort_values("start")
        assert not d.empty, iso3
        assert d.start.iloc[0] <= "2015-01-01", iso3
        assert (d.start.iloc[1:].values <= d.end.iloc[:-1].values).all(), iso3
        assert d.end.iloc[-1] == "", iso3
    hasanov = h[(h.person == "zakir-hasanov")].iloc[0]
    assert (hasanov.iso3, hasanov.role, hasanov.start) == ("AZE", "defence_minister", "2013-10-22")


# ---------------------------------------------------------------- IGOs


def test_igo_columns_and_keys():
    g = igos()
    assert list(g.columns) == IGO_COLS
    assert g.code.is_unique
    assert g.code.str.fullmatch(r"[A-Z][A-Z0-9]*").all()
    assert (g.name != "").all() and (g.aliases != "").all() and (g.source != "").all()
    assert list(g.code) == sorted(g.code)


def test_igo_years_and_parents():
    g = igos()
    founded = g.founded.astype(int)
    assert founded.between(1850, 2026).all()
    ended = g[g.dissolved != ""]
    assert (ended.dissolved.astype(int) >= ended.founded.astype(int)).all()
    parents = set(g.parent) - {""}
    assert parents <= set(g.code), parents - set(g.code)
    assert g.loc[g.code == "UNSC", "parent"].iloc[0] == "UN"
    assert g.loc[g.code == "EP", "parent"].iloc[0] == "EU"


def test_no_alias_shared_by_two_igos():
    owner: dict[str, str] = {}
    for code, als in zip(igos().code, igos().aliases, strict=True):
        for a in als.split("|"):
            assert a and a == a.strip(), (code, a)
            key = a.lstrip("=").casefold()
            assert owner.setdefault(key, code) == code, (a, owner[key], code)


def test_every_bloc_has_its_code():
    blocs = pd.read_csv(RECORDS / "blocs.csv", dtype=str, keep_default_na=False)
    missing = set(blocs.bloc) - set(igos().code)
    assert not missing, missing


def test_igo_pinned_aliases():
    g = igos()
    assert "Turkic Council" in aliases(g, "OTS")
    assert "Non-Aligned Movement" in aliases(g, "NAM")
    assert "=WHO" in aliases(g, "WHO") and "WHO" not in aliases(g, "WHO")
    assert "=ECO" in aliases(g, "ECO")
    assert "CSCE" in aliases(g, "OSCE")
    # Phoenix's only name for the NAM is kept as an alias
    assert "Organization of Non-Aligned Countries" in aliases(g, "NAM")


# ---------------------------------------------------------------- rebuild


@pytest.mark.skipif(
    not (PHOENIX_SOURCE / "Phoenix.Countries.actors.txt").exists(),
    reason="Phoenix source not present (../shared/data/external/phoenix-actors)",
)
def test_rebuild_is_deterministic_and_matches(tmp_path: Path):
    out = tmp_path / "office_holders_phoenix.csv"
    res = subprocess.run(
        [sys.executable, str(ROOT / "rebuild" / "actors_phoenix.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.read_bytes() == (DATA / "office_holders_phoenix.csv").read_bytes()
    assert "entries read: 18352" in res.stdout
    assert f"rows written: {len(phoenix())}" in res.stdout


@pytest.mark.skipif(
    not (PHOENIX_SOURCE / "Phoenix.International.actors.txt").exists(),
    reason="Phoenix source not present (../shared/data/external/phoenix-actors)",
)
def test_igo_phoenix_cross_references_exist():
    """Every 'line N (ENTRY ...' cited in a source names that entry on that line of Phoenix."""
    lines = (
        (PHOENIX_SOURCE / "Phoenix.International.actors.txt")
        .read_text(encoding="utf-8", errors="replace")
        .splitlines()
    )
    refs = igos().source.str.extract(r"actors\.txt line (\d+) \(([^ ]+)")
    refs = refs.dropna()
    assert len(refs) >= 40
    for n, entry in refs.itertuples(index=False):
        assert lines[int(n) - 1].lstrip("+").startswith(entry), (n, entry)


def test_fiji_foreign_ministers_follow_without_gap():
    """Edition 2026-12 filled Fiji's 2016-2022 gap: the prime minister held foreign affairs."""
    h = holders()
    fm = h[(h.iso3 == "FJI") & (h.role == "foreign_minister")].sort_values("start")
    assert list(fm.person) == ["inoke-kubuabola", "frank-bainimarama", "sitiveni-rabuka"]
    assert (fm.start.iloc[1:].values == fm.end.iloc[:-1].values).all()
    assert fm.iloc[1].start == "2016-09-01" and fm.iloc[1].end == "2022-12-24"


def test_known_gaps_stay_listed_until_filled():
    """A gap left empty must be named in the note, so a missing row is never read as 'no one'."""
    text = (DATA / "actors.SOURCE.md").read_text(encoding="utf-8")
    section = text[text.index("## Known gaps and currency") :]
    h = holders()
    for iso3, after, name in (("COL", "2026-08-07", "Colombia"), ("PER", "2026-07-28", "Peru")):
        later = h[(h.iso3 == iso3) & (h.role == "head_of_state") & (h.start >= after)]
        assert not later.empty or name in section, name
