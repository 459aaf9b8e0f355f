"""Rebuild the states table (``states.csv``) and the system-membership spells (``state_spells.csv``).

Why a merge and not a plain conversion: ``states.csv`` is the project's one human-edited source of
truth for countries. Some of its columns come from public sources and are regenerated here every
time (so a new COW or GW release flows in without hand work); the others (display names, aliases,
capitals, notes, successor links, the ISO3 crosswalk itself) are edited by people and must never be
lost. This script therefore reads the existing ``states.csv`` first and only overwrites the
generated columns.

Columns, by who owns them (also documented in ``states.SOURCE.md``):

* generated (always recomputed): ``cow_abb``, ``gw``, ``kind``, and ``start``/``end`` for every row
  that has COW or GW spells.
* seeded (filled from the sources only when empty, then hand-maintained): ``name`` (from COW/GW),
  ``official_name``, ``iso2``, ``isonum`` (from ISO 3166 via pycountry, keyed by ``iso3``).
* hand-maintained: ``iso3``, ``aliases``, ``capital``, ``successor_cows``, ``predecessor_cows``,
  ``note``, and ``start``/``end`` of rows without spells. The small files
  ``states_iso_periods.csv``, ``states_name_periods.csv`` and ``states_ambiguous.csv`` are entirely
  hand-maintained and are only validated here.

``state_spells.csv`` is fully generated from COW v2016 and the Gleditsch-Ward list.

Run: ``.venv/bin/python rebuild/states.py [--source DIR]``. Deterministic: rows sorted by code,
no timestamps; same inputs give byte-identical files. pycountry is used here only, never at run time.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pycountry

from nonaligned.records.countries import SPELL_COLUMNS as _SPELL_COLUMNS
from nonaligned.records.countries import STATE_COLUMNS as _STATE_COLUMNS

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "nonaligned" / "records" / "data"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "external"

# the schema is the resolver's: one definition, validated on load
STATE_COLUMNS = list(_STATE_COLUMNS)
SPELL_COLUMNS = list(_SPELL_COLUMNS)

# The last day each source covers: an end on that day means "still a member", written empty.
COW_COVERAGE_END = date(2016, 12, 31)
GW_COVERAGE_END = date(2017, 12, 31)

# GW-only states get nonaligned's own code 2000 + GW code (COW codes stop at 990; 1000-1999 is
# 1000 + ISO numeric for entities such as Palestine that neither list has).
GW_ONLY_OFFSET = 2000


@dataclass(frozen=True)
class Spell:
    """One spell of system membership, already mapped to our ``cow`` key."""

    cow: int
    system: str
    code: int
    start: date
    end: date | None


def _gw_to_cow(gw: int, start: date, cow_codes: set[int]) -> int:
    """Map one GW spell to the COW-keyed row it belongs to.

    GW and COW mostly share codes; the exceptions are where the two lists disagree on state
    continuity: GW continues West Germany (260) and North Yemen (678) as the unified states, which
    COW codes 255 and 679, and GW splits Serbia (340) from Yugoslavia (345), which COW keeps as one
    state 345. GW-only states become rows of their own.
    """
    if gw == 260 and start >= date(1990, 10, 3):
        return 255
    if gw == 678 and start >= date(1990, 5, 22):
        return 679
    if gw == 340:
        return 345
    if gw in cow_codes:
        return gw
    return GW_ONLY_OFFSET + gw


def _split(spell_start: date, spell_end: date | None, at: date) -> list[tuple[date, date | None]]:
    """Cut a spell in two at ``at`` (the first day of the second part) if it straddles it."""
    if spell_start < at and (spell_end is None or spell_end >= at):
        return [(spell_start, date.fromordinal(at.toordinal() - 1)), (at, spell_end)]
    return [(spell_start, spell_end)]


def read_cow(source: Path) -> tuple[list[Spell], dict[int, tuple[str, str]]]:
    """COW state system v2016 spells, plus code -> (abbreviation, name)."""
    df = pd.read_parquet(source / "peacesciencer" / "cow_states.parquet")
    other = pd.read_parquet(source / "cow-igo-v3" / "states2016.parquet")
    cols = ["ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"]
    a = df[cols].astype("int64").reset_index(drop=True)
    b = other[cols].astype("int64").reset_index(drop=True)
    if not a.equals(b):
        sys.exit("error: peacesciencer cow_states and cow-igo-v3 states2016 disagree")
    spells: list[Spell] = []
    meta: dict[int, tuple[str, str]] = {}
    for row in df.itertuples(index=False):
        cow = int(row.ccode)
        start = date(int(row.styear), int(row.stmonth), int(row.stday))
        end: date | None = date(int(row.endyear), int(row.endmonth), int(row.endday))
        if end == COW_COVERAGE_END:
            end = None
        spells.append(Spell(cow, "cow", cow, start, end))
        meta[cow] = (str(row.stateabb), str(row.statenme))
    return spells, meta


def read_gw(source: Path, cow_codes: set[int]) -> tuple[list[Spell], dict[int, str]]:
    """Gleditsch-Ward spells mapped to COW-keyed rows, plus row code -> GW name (GW-only rows)."""
    df = pd.read_parquet(source / "peacesciencer" / "gw_states.parquet")
    spells: list[Spell] = []
    names: dict[int, str] = {}
    for row in df.itertuples(index=False):
        gw = int(row.gwcode)
        start = date.fromisoformat(str(row.startdate))
        end: date | None = date.fromisoformat(str(row.enddate))
        if end == GW_COVERAGE_END:
            end = None
        cuts = {260: date(1990, 10, 3), 678: date(1990, 5, 22)}
        parts = _split(start, end, cuts[gw]) if gw in cuts else [(start, end)]
        for s, e in parts:
            cow = _gw_to_cow(gw, s, cow_codes)
            spells.append(Spell(cow, "gw", gw, s, e))
            if cow >= GW_ONLY_OFFSET:
                names[cow] = str(row.statename)
    return spells, names


def iso_lookup(iso3: str) -> tuple[str, str, str] | None:
    """(alpha-2, numeric, official or short name) for an ISO 3166-1 or 3166-3 alpha-3 code."""
    c = pycountry.countries.get(alpha_3=iso3)
    if c is not None:
        official = getattr(c, "official_name", None) or getattr(c, "common_name", None) or c.name
        return c.alpha_2, c.numeric, _strip_the(official)
    for h in pycountry.historic_countries:
        if h.alpha_3 == iso3:
            return h.alpha_2, getattr(h, "numeric", "") or "", h.name
    return None


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


def read_existing(path: Path) -> dict[int, dict[str, str]]:
    """The current states.csv, keyed by cow, so hand-edited columns survive the rebuild."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[int, dict[str, str]] = {}
    for row in rows:
        out[int(row["cow"])] = {k: (row.get(k) or "") for k in STATE_COLUMNS}
    return out


def build(source: Path, data: Path) -> tuple[list[dict[str, str]], list[Spell], list[str]]:
    """Merge generated columns into the existing table; return rows, spells and warnings."""
    cow_spells, cow_meta = read_cow(source)
    cow_codes = set(cow_meta)
    gw_spells, gw_names = read_gw(source, cow_codes)
    existing = read_existing(data / "states.csv")
    warnings: list[str] = []

    by_cow: dict[int, list[Spell]] = {}
    for sp in cow_spells + gw_spells:
        by_cow.setdefault(sp.cow, []).append(sp)

    codes = sorted(set(existing) | cow_codes | set(gw_names))
    rows: list[dict[str, str]] = []
    for cow in codes:
        row = dict(existing.get(cow) or dict.fromkeys(STATE_COLUMNS, ""))
        row["cow"] = str(cow)
        mine = sorted(by_cow.get(cow, []), key=lambda s: (s.system, s.start))
        cows = [s for s in mine if s.system == "cow"]
        gws = [s for s in mine if s.system == "gw"]
        # generated
        row["cow_abb"] = cow_meta[cow][0] if cow in cow_meta else ""
        row["kind"] = "cow" if cow in cow_meta else ("gw" if gws else "other")
        row["gw"] = str(gws[-1].code) if gws else ""
        basis = cows or gws
        if basis:
            row["start"] = basis[0].start.isoformat()
            last_end = basis[-1].end
            row["end"] = last_end.isoformat() if last_end else ""
        # seeded
        if not row["name"]:
            row["name"] = cow_meta[cow][1] if cow in cow_meta else gw_names.get(cow, "")
            warnings.append(
                f"cow {cow}: new row, name seeded as {row['name']!r}; fill in iso3, aliases, capital"
            )
        iso3 = row["iso3"]
        found = iso_lookup(iso3) if iso3 else None
        if not iso3:
            warnings.append(f"cow {cow}: iso3 is empty (hand-maintained column)")
        elif found is not None:
            a2, num, official = found
            if not row["iso2"]:
                row["iso2"] = a2
            if not row["isonum"]:
                row["isonum"] = num
            if not row["official_name"]:
                row["official_name"] = official
            if row["iso2"] != a2 or row["isonum"] != num:
                warnings.append(
                    f"cow {cow}: iso2/isonum {row['iso2']}/{row['isonum']} kept by hand; "
                    f"ISO 3166 has {a2}/{num} for {iso3}"
                )
        rows.append(row)
    spells = sorted(cow_spells + gw_spells, key=lambda s: (s.cow, s.system, s.start))
    return rows, spells, warnings


def cross_check_voeten(source: Path, rows: list[dict[str, str]]) -> list[str]:
    """Compare Voeten's iso3c for each ccode with our codes, dated ones included (informational)."""
    path = source / "voeten-idealpoints" / "idealpoints_july2025.parquet"
    if not path.exists():
        return [f"voeten cross-check skipped: {path} not found"]
    v = pd.read_parquet(path, columns=["ccode", "iso3c"]).drop_duplicates()
    v = v[v["iso3c"].astype(str).str.len() == 3]
    ours: dict[int, set[str]] = {int(r["cow"]): {r["iso3"]} for r in rows}
    periods = DATA / "states_iso_periods.csv"
    with periods.open(encoding="utf-8", newline="") as fh:
        for p in csv.DictReader(fh):
            ours.setdefault(int(p["cow"]), set()).add(p["iso3"])
    out = []
    for ccode, iso3c in sorted({(int(a), str(b)) for a, b in v.itertuples(index=False)}):
        if iso3c not in ours.get(ccode, set()):
            codes = "/".join(sorted(ours.get(ccode, set())))
            out.append(f"voeten: ccode {ccode} iso3c {iso3c}, ours {codes} (table and dated codes)")
    return out


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="external data folder")
    ap.add_argument(
        "--out", type=Path, default=DATA, help="output folder (default: the package data)"
    )
    args = ap.parse_args(argv)

    rows, spells, warnings = build(args.source, args.out)
    write_csv(args.out / "states.csv", STATE_COLUMNS, [[r[c] for c in STATE_COLUMNS] for r in rows])
    write_csv(
        args.out / "state_spells.csv",
        SPELL_COLUMNS,
        [
            [
                str(s.cow),
                s.system,
                str(s.code),
                s.start.isoformat(),
                s.end.isoformat() if s.end else "",
            ]
            for s in spells
        ],
    )
    for w in warnings + cross_check_voeten(args.source, rows):
        print("note:", w)

    # Validate everything (all five files) exactly as the package will at run time.
    sys.path.insert(0, str(REPO))
    from nonaligned.records.countries import load_states

    table = load_states(args.out / "states.csv")
    kinds: dict[str, int] = {}
    for st in table.all():
        kinds[st.kind] = kinds.get(st.kind, 0) + 1
    print(
        f"states.csv: {len(rows)} rows ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})"
    )
    n_cow = sum(1 for s in spells if s.system == "cow")
    print(f"state_spells.csv: {len(spells)} rows (cow {n_cow}, gw {len(spells) - n_cow})")
    for name in ("states_iso_periods.csv", "states_name_periods.csv", "states_ambiguous.csv"):
        with (args.out / name).open(encoding="utf-8", newline="") as fh:
            print(f"{name}: {sum(1 for _ in csv.DictReader(fh))} rows (hand-maintained, validated)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
