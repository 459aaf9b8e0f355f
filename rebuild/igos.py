"""Rebuild the COW IGO v3 bundle (igo_memberships.parquet, igos.parquet).

Source (default ``../shared/data/external/cow-igo-v3`` relative to the repository root), the
Correlates of War Intergovernmental Organizations data v3.0 as bundled in the igoR R package:

* ``igo_year_format3.parquet`` - one row per IGO-year 1816-2014 (534 IGOs), a column per state
  (status 0 none, 1 full, 2 associate, 3 observer, -9 missing, -1 not a system member) and the
  IGO's metadata (ioname, orgname, sdate, deaddate, political/social/economic, ...).
* ``state_year_format3.parquet`` - one row per state-year, a column per IGO. Used here for the
  state-name -> COW-code key of the IGO-year columns and as a cross-check.

Membership comes from the IGO-year file (COW's IGO-level master file). The state-year file
disagrees with it in a few thousand state-IGO-year cells of 24 IGOs; where the two can be checked
against the record (South Vietnam in the IMF 1965-75, Syria in the FAO 1961-64, Tuvalu in the WHO
2006-08, the USSR outside the ILO in 1953) the IGO-year file is right. The disagreement is
counted and printed, not resolved.

A membership spell is a maximal run of consecutive calendar years in which the state has the same
status (1, 2 or 3) in the IGO. Any other year - not a member (0), missing (-9), not a system member
(-1) or no row because the IGO is not coded that year - ends the spell. Both files have a row for
every year (also before 1965); for IGOs whose pre-1965 dates COW flags as accurate only "within 5
years" the start and end years before 1965 are approximate (``igos.pre1965_dates``).
``censored`` is true when the end of the spell is not an observed exit: the spell reaches 2014, the
last year of the data (still a member then), or the following year is missing - the cell is -9 or
the IGO has no row that year but has later ones. E.g. every ICAO and TURKSOY spell "ending" in 2013
is censored: their 2014 cells are all -9.

Run:  .venv/bin/python rebuild/igos.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / ".." / "shared" / "data" / "external" / "cow-igo-v3"
DEFAULT_OUT = REPO / "nonaligned" / "records" / "data"

LAST_YEAR = 2014
N_IGOS = 534
META = [
    "ioname", "orgname", "year", "sdate", "deaddate", "dead", "integrated", "replaced",
    "longorgname", "ionum", "igocode", "version", "accuracyofpre1965membershipdates",
    "sourcesandnotes", "imputed", "political", "social", "economic",
]  # fmt: skip
PRE1965 = {
    "Completely accurate": "exact",
    "Completely accurate, except a few minor uncertainties": "exact_minor_doubts",
    "Within 5 years": "within_5_years",
    "Not applicable - created 1965 or later": "not_applicable",
}

MEMBERSHIP_SCHEMA = pa.schema(
    [
        ("igo", pa.string()),
        ("cow", pa.int16()),
        ("status", pa.int8()),
        ("first_year", pa.int16()),
        ("last_year", pa.int16()),
        ("censored", pa.bool_()),
    ]
)
IGO_SCHEMA = pa.schema(
    [
        ("igo", pa.string()),
        ("ioname", pa.string()),
        ("orgname", pa.string()),
        ("founded", pa.int16()),
        ("dissolved", pa.int16()),
        ("political", pa.int8()),
        ("social", pa.int8()),
        ("economic", pa.int8()),
        ("pre1965_dates", pa.string()),
    ]
)

_HIGH = re.compile(r"[\x80-\xff]")


def fix_text(s: str) -> str:
    """Undo Mac Roman bytes read as Latin-1 ('V\\x8alf\\x8ard' -> 'Välfärd', 'Agency\\xca' -> 'Agency').

    0xCA is a no-break space in Mac Roman; spaces are then collapsed and trimmed.
    """
    if _HIGH.search(s):
        s = s.encode("latin-1").decode("mac_roman")
    s = " ".join(s.replace("\u00a0", " ").split())
    return s.replace("( ", "(").replace(" )", ")")


def state_codes(state_year: pd.DataFrame) -> dict[str, int]:
    pairs = state_year[["state", "ccode"]].drop_duplicates()
    if pairs["state"].duplicated().any() or pairs["ccode"].duplicated().any():
        sys.exit("state_year_format3: state name <-> ccode is not one-to-one")
    return {str(s): int(c) for s, c in zip(pairs["state"], pairs["ccode"], strict=True)}


def memberships_long(igo_year: pd.DataFrame, codes: dict[str, int]) -> pd.DataFrame:
    """State-IGO-years with status 1, 2, 3 and (as status -9) the missing ones."""
    states = [c for c in igo_year.columns if c not in META]
    unknown = sorted(set(states) - set(codes))
    if unknown:
        sys.exit(f"igo_year_format3: state columns without a COW code: {unknown}")
    wide = igo_year[["ioname", "year", *states]]
    long = wide.melt(id_vars=["ioname", "year"], var_name="state", value_name="status")
    bad = set(long["status"].dropna().unique()) - {-9, -1, 0, 1, 2, 3}
    if bad:
        sys.exit(f"igo_year_format3: unexpected status codes {sorted(bad)}")
    long = long[long["status"].isin([1, 2, 3, -9])]
    return pd.DataFrame(
        {
            "igo": long["ioname"].str.lower().to_numpy(),
            "cow": long["state"].map(codes).astype("int16").to_numpy(),
            "year": long["year"].astype("int16").to_numpy(),
            "status": long["status"].astype("int8").to_numpy(),
        }
    )


def spells(long: pd.DataFrame, igo_years: pd.DataFrame) -> pd.DataFrame:
    """Membership spells of ``long`` (status 1-3); -9 rows and ``igo_years`` decide censoring."""
    missing = long[long["status"] == -9][["igo", "cow", "year"]]
    long = long[long["status"] > 0]
    d = long.sort_values(["igo", "cow", "year"], kind="mergesort").reset_index(drop=True)
    new = (
        (d["igo"] != d["igo"].shift())
        | (d["cow"] != d["cow"].shift())
        | (d["status"] != d["status"].shift())
        | (d["year"] != d["year"].shift() + 1)
    )
    d["spell"] = np.cumsum(new.to_numpy())
    out = (
        d.groupby("spell", sort=True)
        .agg(
            igo=("igo", "first"),
            cow=("cow", "first"),
            status=("status", "first"),
            first_year=("year", "min"),
            last_year=("year", "max"),
        )
        .reset_index(drop=True)
    )
    nxt = pd.DataFrame({"igo": out["igo"], "cow": out["cow"], "year": out["last_year"] + 1})
    nxt = nxt.astype({"year": "int16"})
    next_missing = nxt.merge(missing.assign(m=True), on=["igo", "cow", "year"], how="left")["m"]
    coded = nxt.merge(igo_years.assign(c=True), on=["igo", "year"], how="left")["c"]
    later = out["last_year"] < out["igo"].map(igo_years.groupby("igo")["year"].max())
    out["censored"] = (
        (out["last_year"] == LAST_YEAR)
        | next_missing.fillna(False).astype(bool).to_numpy()
        | (coded.isna().to_numpy() & later.to_numpy())
    )
    out = out.astype(
        {"cow": "int16", "status": "int8", "first_year": "int16", "last_year": "int16"}
    )
    return out.sort_values(["igo", "cow", "first_year"], kind="mergesort").reset_index(drop=True)


def _least_accurate(flags: pd.Series) -> str | None:
    """COW flags pre-1965 date accuracy per IGO-year; an IGO gets its least accurate flag."""
    found = {PRE1965[f] for f in flags.dropna() if f}
    unknown = {f for f in flags.dropna() if f and f not in PRE1965}
    if unknown:
        sys.exit(f"igo_year_format3: unknown pre-1965 accuracy flags {sorted(unknown)}")
    for level in ("within_5_years", "exact_minor_doubts", "exact", "not_applicable"):
        if level in found:
            return level
    return None


def igo_table(igo_year: pd.DataFrame) -> pd.DataFrame:
    g = igo_year.groupby("ioname", sort=True)
    meta = g.agg(
        orgname=("orgname", "first"),
        sdate=("sdate", "first"),
        deaddate=("deaddate", "first"),
        political=("political", "max"),
        social=("social", "max"),
        economic=("economic", "max"),
        accuracy=("accuracyofpre1965membershipdates", _least_accurate),
    ).reset_index()
    for col in ("orgname", "sdate", "deaddate", "political", "social", "economic"):
        if (g[col].nunique() > 1).any():
            sys.exit(f"igo_year_format3: {col} varies within an IGO")
    out = pd.DataFrame(
        {
            "igo": meta["ioname"].str.lower(),
            "ioname": meta["ioname"],
            "orgname": meta["orgname"].map(fix_text),
            "founded": meta["sdate"].astype("int16"),
            "dissolved": meta["deaddate"].astype("Int16"),
            "political": meta["political"].astype("int8"),
            "social": meta["social"].astype("int8"),
            "economic": meta["economic"].astype("int8"),
            "pre1965_dates": meta["accuracy"],
        }
    )
    if out["igo"].duplicated().any():
        sys.exit("igo_year_format3: lower-case ionames collide")
    return out.sort_values("igo").reset_index(drop=True)


def cross_check(state_year: pd.DataFrame, long: pd.DataFrame) -> None:
    igos = [c for c in state_year.columns if c not in ("ccode", "year", "state")]
    sl = state_year.melt(id_vars=["ccode", "year"], value_vars=igos, var_name="igo", value_name="s")
    sl = sl[sl["s"].isin([1, 2, 3])]
    a = pd.DataFrame(
        {
            "igo": sl["igo"].to_numpy(),
            "cow": sl["ccode"].astype("int16").to_numpy(),
            "year": sl["year"].astype("int16").to_numpy(),
            "s": sl["s"].astype("int8").to_numpy(),
        }
    )
    m = long.merge(a, on=["igo", "cow", "year"], how="outer")
    diff = m[m["status"].fillna(0) != m["s"].fillna(0)]
    print(
        f"cross-check: state_year_format3 disagrees on {len(diff)} member cells "
        f"in {diff['igo'].nunique()} IGOs (IGO-year file kept)"
    )


def write(df: pd.DataFrame, schema: pa.Schema, path: Path) -> None:
    table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    pq.write_table(table, path, compression="zstd", compression_level=9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    src = args.source.resolve()
    for f in ("igo_year_format3.parquet", "state_year_format3.parquet"):
        if not (src / f).exists():
            sys.exit(f"missing source file {src / f}")
    igo_year = pd.read_parquet(src / "igo_year_format3.parquet")
    state_year = pd.read_parquet(src / "state_year_format3.parquet")
    if igo_year["ioname"].nunique() != N_IGOS or int(igo_year["year"].max()) != LAST_YEAR:
        sys.exit("igo_year_format3: not the 534-IGO, 1816-2014 release; update the SOURCE note")

    long = memberships_long(igo_year, state_codes(state_year))
    cross_check(state_year, long[long["status"] > 0])
    igo_years = pd.DataFrame(
        {"igo": igo_year["ioname"].str.lower(), "year": igo_year["year"].astype("int16")}
    )
    members = spells(long, igo_years)
    igos = igo_table(igo_year)
    if not set(members["igo"]) <= set(igos["igo"]):
        sys.exit("memberships in IGOs without metadata")

    args.out.mkdir(parents=True, exist_ok=True)
    write(members, MEMBERSHIP_SCHEMA, args.out / "igo_memberships.parquet")
    write(igos, IGO_SCHEMA, args.out / "igos.parquet")
    print(f"igo_memberships.parquet: {len(members)} rows")
    print(f"igos.parquet: {len(igos)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
