"""Shape test for the bundled states table (states.csv and its four companion files).

Reads the CSV files directly (pandas / csv) so that a broken bundle is reported as such, checks them
against the row counts of ``states.SOURCE.md``, and checks that a corrupted copy is refused with a
DataError naming the file and the line. Tests that need ``../shared/data/external`` skip without it.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from nonaligned.errors import DataError
from nonaligned.records.countries import load_states

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "records" / "data"
NOTE = DATA / "states.SOURCE.md"
EXTERNAL = ROOT.parent / "shared" / "data" / "external"
FILES = [
    "states.csv",
    "state_spells.csv",
    "states_iso_periods.csv",
    "states_name_periods.csv",
    "states_ambiguous.csv",
]

needs_shared = pytest.mark.skipif(
    not (EXTERNAL / "peacesciencer").is_dir(),
    reason="../shared/data/external (COW and GW state lists) is not present on this machine",
)

STATE_COLUMNS = [
    "cow", "cow_abb", "iso3", "iso2", "isonum", "gw", "name", "official_name", "aliases",
    "capital", "start", "end", "successor_cows", "predecessor_cows", "note", "kind",
]  # fmt: skip

# ISO3 codes of the 193 UN member states (2024), typed independently of the table.
UN_MEMBERS_2024 = """
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA
BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK
DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY
HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ
MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY
QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD
TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB ZWE
""".split()  # noqa: SIM905 - a block of codes reads and diffs best


def _note() -> dict[str, object]:
    text = NOTE.read_text(encoding="utf-8")
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n", text, re.S)
    assert m, "SOURCE note must start with a +++ TOML block"
    return tomllib.loads(m.group(1))


def _frame(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return _frame("states.csv")


def test_note_front_matter() -> None:
    note = _note()
    assert note["name"] == "states"
    assert note["files"] == FILES
    citation = str(note["citation"])
    for key in ("cow2017states", "gleditsch1999interstate", "iso3166-1"):
        assert f"{{{key}," in citation


@pytest.mark.parametrize("name", FILES)
def test_row_counts_match_note(name: str) -> None:
    rows = _note()["rows"]
    assert isinstance(rows, dict)
    assert len(_frame(name)) == rows[name]


def test_columns(states: pd.DataFrame) -> None:
    assert list(states.columns) == STATE_COLUMNS
    assert list(_frame("state_spells.csv").columns) == ["cow", "system", "code", "start", "end"]
    assert list(_frame("states_iso_periods.csv").columns) == [
        "cow", "start", "end", "iso3", "iso2", "isonum", "name", "note",
    ]  # fmt: skip
    assert list(_frame("states_name_periods.csv").columns) == [
        "cow",
        "alias",
        "start",
        "end",
        "note",
    ]
    assert list(_frame("states_ambiguous.csv").columns) == ["term", "cows", "start", "end", "note"]


def test_value_domains(states: pd.DataFrame) -> None:
    assert states["cow"].str.fullmatch(r"[0-9]+").all()
    assert states["cow"].is_unique
    assert states["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert states["iso2"].str.fullmatch(r"([A-Z]{2})?").all()
    assert states["isonum"].str.fullmatch(r"([0-9]{3})?").all()
    assert states["kind"].isin(["cow", "gw", "other"]).all()
    for col in ("start", "end"):
        assert states[col].str.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})?").all()
    assert (states["name"] != "").all()
    assert (states["official_name"] != "").all()
    cows = states["cow"].astype(int)
    assert cows[states["kind"] == "cow"].lt(1000).all()
    assert cows[states["kind"] != "cow"].ge(1000).all()
    # user-assigned codes only in ISO's X.. range
    assert states.loc[states["iso3"].str.startswith("X"), "kind"].isin(["cow", "gw", "other"]).all()


def test_codes_unique(states: pd.DataFrame) -> None:
    # iso3 is unique across the whole table (a safe SQL join key); iso2/isonum among current states
    assert states["iso3"].is_unique, states.loc[states["iso3"].duplicated(), "iso3"].tolist()
    current = states[states["end"] == ""]
    for col in ("iso2", "isonum"):
        values = current.loc[current[col] != "", col]
        assert values.is_unique, values[values.duplicated()].tolist()
    periods = _frame("states_iso_periods.csv")
    assert set(periods["cow"]) <= set(states["cow"])
    # the ISO codes of the three dissolved states whose table key is user-assigned
    dated = {(r.cow, r.iso3) for r in periods.itertuples()}
    assert {("260", "DEU"), ("678", "YEM"), ("817", "VNM")} <= dated


def test_successors_mirror_predecessors(states: pd.DataFrame) -> None:
    links = {
        int(r.cow): (
            {int(x) for x in r.successor_cows.split("|") if x},
            {int(x) for x in r.predecessor_cows.split("|") if x},
        )
        for r in states.itertuples()
    }
    for cow, (succ, pred) in links.items():
        for s in succ:
            assert cow in links[s][1], (cow, s)
        for p in pred:
            assert cow in links[p][0], (cow, p)


def test_un_members_have_iso3_and_cow(states: pd.DataFrame) -> None:
    assert len(set(UN_MEMBERS_2024)) == 193
    current = states[(states["end"] == "") & (states["kind"] == "cow")]
    by_iso3 = dict(zip(current["iso3"], current["cow"].astype(int), strict=True))
    missing = [c for c in UN_MEMBERS_2024 if c not in by_iso3]
    assert not missing
    assert all(by_iso3[c] < 1000 for c in UN_MEMBERS_2024)
    # the current COW system = the UN members + Kosovo + Taiwan
    assert set(by_iso3) - set(UN_MEMBERS_2024) == {"XKX", "TWN"}


def test_spells(states: pd.DataFrame) -> None:
    spells = _frame("state_spells.csv")
    assert spells["system"].isin(["cow", "gw"]).all()
    assert set(spells["cow"]) <= set(states["cow"])
    assert (spells["start"] != "").all()
    closed = spells[spells["end"] != ""]
    assert (closed["end"] >= closed["start"]).all()
    assert (spells["system"] == "cow").sum() == 243
    assert (spells["system"] == "gw").sum() == 218  # 216 GW spells, two split at unification
    cow_codes = set(spells.loc[spells["system"] == "cow", "cow"])
    assert cow_codes == set(states.loc[states["kind"] == "cow", "cow"])
    assert len(cow_codes) == 217


def test_pinned_facts(states: pd.DataFrame) -> None:
    row = states.set_index("cow").loc
    assert row["373", "iso3"] == "AZE" and row["373", "start"] == "1991-12-26"
    assert row["365", "iso3"] == "RUS" and row["365", "end"] == ""
    assert row["315", "end"] == "1992-12-31"
    assert row["260", "gw"] == "260" and row["255", "gw"] == "260"
    assert row["260", "iso3"] == "XWG" and row["260", "isonum"] == "280"
    assert row["511", "iso3"] == "XZA" and row["511", "successor_cows"] == "510"
    assert row["347", "iso3"] == "XKX" and row["347", "iso2"] == "XK"
    assert "Azeri" in row["373", "aliases"].split("|")


@needs_shared
def test_every_cow_code_of_the_source_is_present(states: pd.DataFrame) -> None:
    src = pd.read_parquet(EXTERNAL / "peacesciencer" / "cow_states.parquet")
    assert set(src["ccode"].astype(int)) <= set(states["cow"].astype(int))
    abb = dict(zip(src["ccode"].astype(int), src["stateabb"], strict=False))
    ours = dict(zip(states["cow"].astype(int), states["cow_abb"], strict=True))
    assert all(ours[c] == a for c, a in abb.items())


@needs_shared
def test_rebuild_keeps_hand_edits_and_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in FILES:
        shutil.copy(DATA / name, tmp_path / name)
    text = (tmp_path / "states.csv").read_text(encoding="utf-8")
    edited = text.replace("Azerbaijani|Azeri|", "Azerbaijani|Azeri|Land of Fire|", 1)
    assert edited != text
    (tmp_path / "states.csv").write_text(edited, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("rebuild_states", ROOT / "rebuild" / "states.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.main(["--source", str(EXTERNAL), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "states.csv").read_text(encoding="utf-8") == edited
    for name in FILES[1:]:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes()
    assert load_states(tmp_path / "states.csv").resolve("land of fire").cow == 373


# ------------------------------------------------------------------------------------------
# Validation on load: a corrupted copy is refused with the file and the line


def _copy(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _line_of(path: Path, prefix: str) -> int:
    return next(i for i, line in enumerate(_lines(path), start=1) if line.startswith(prefix))


def test_bundled_copy_loads(tmp_path: Path) -> None:
    table = load_states(_copy(tmp_path) / "states.csv")
    assert len(table.all()) == len(load_states().all())
    assert load_states(tmp_path).by_cow(373).name == "Azerbaijan"  # a folder works too


def test_duplicate_cow_names_the_line(tmp_path: Path) -> None:
    path = _copy(tmp_path) / "states.csv"
    lines = _lines(path)
    aze = _line_of(path, "373,")
    lines.append(lines[aze - 1])
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=rf"states\.csv, line {len(lines)}: duplicate cow 373"):
        load_states(path)


def test_bad_date_names_the_line(tmp_path: Path) -> None:
    path = _copy(tmp_path) / "states.csv"
    n = _line_of(path, "373,")
    lines = _lines(path)
    lines[n - 1] = lines[n - 1].replace("1991-12-26", "1991-13-26")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(
        DataError, match=rf"states\.csv, line {n}: start '1991-13-26' is not a date"
    ):
        load_states(path)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (",AZE,AZE,AZ,031,", ",AZE,AZ3,AZ,031,", "iso3 'AZ3' is not a valid code"),
        (
            ",AZE,AZE,AZ,031,",
            ",AZE,ARM,AZ,031,",
            "iso3 ARM is already used by cow 371",
        ),
        (",,365,", ",,9999,", "successor/predecessor cow 9999 is not in states.csv"),
        (",AZE,AZE,AZ,031,", ",AZE,CSK,AZ,031,", "iso3 CSK is already used by cow 315"),
        (
            ",AZE,AZE,AZ,031,",
            ",AZE,AZE,AM,031,",
            "iso2 AM is already used by current state cow 371",
        ),
        ("|Azeri|", "|Armenian|", "'armenian' names cow 373"),
        (
            ",Baku,1991-12-26,",
            ",Baku,2001-12-26,2000-01-01",
            "end 2000-01-01 is before start 2001-12-26",
        ),
        (",cow\n", ",country\n", "kind 'country' is not one of cow, gw, other"),
    ],
)
def test_corrupted_rows_are_refused(tmp_path: Path, old: str, new: str, problem: str) -> None:
    path = _copy(tmp_path) / "states.csv"
    n = _line_of(path, "373,")
    lines = _lines(path)
    assert old in lines[n - 1], old
    lines[n - 1] = lines[n - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(problem)) as info:
        load_states(path)
    assert "states.csv" in str(info.value)


def test_missing_column_and_missing_file(tmp_path: Path) -> None:
    path = _copy(tmp_path) / "states.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",capital,", ",capitol,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"states\.csv, line 1: missing column\(s\) capital"):
        load_states(path)
    path.write_text(text, encoding="utf-8")
    (tmp_path / "states_ambiguous.csv").unlink()
    with pytest.raises(DataError, match=r"states_ambiguous\.csv: file is missing"):
        load_states(path)


def test_companion_files_are_validated(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    periods = folder / "states_iso_periods.csv"
    good = periods.read_text(encoding="utf-8")
    periods.write_text(
        good + "365,1990-01-01,1990-12-31,SUN,SU,810,Soviet Union,overlap\n", encoding="utf-8"
    )
    n = len(good.splitlines()) + 1
    with pytest.raises(DataError, match=rf"states_iso_periods\.csv, line {n}: period overlaps"):
        load_states(folder)
    periods.write_text(good, encoding="utf-8")
    spells = folder / "state_spells.csv"
    spells.write_text(
        spells.read_text(encoding="utf-8") + "373,nato,373,1992-01-01,\n", encoding="utf-8"
    )
    n = len(_lines(spells))
    with pytest.raises(DataError, match=rf"state_spells\.csv, line {n}: system 'nato'"):
        load_states(folder)
    shutil.copy(DATA / "state_spells.csv", spells)
    amb = folder / "states_ambiguous.csv"
    amb.write_text(
        amb.read_text(encoding="utf-8") + "Azerbaijan,373,1991-12-26,,one cow\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="at least two different cows"):
        load_states(folder)
