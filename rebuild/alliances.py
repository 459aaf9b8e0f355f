"""Rebuild the ATOP alliance-obligation bundle (alliances.parquet).

Source (default ``../shared/data/external/peacesciencer`` relative to the repository root):
``atop_alliance.parquet`` - Steven Miller's peacesciencer copy of ATOP 5.1 ``atop5_1ddyr``
(directed dyad-years 1815-2018 in which ccode1 has an alliance with ccode2; 273,296 rows).

The conversion only renames and narrows types: ``ccode1/ccode2/year`` -> ``cow1/cow2/year``
(int16), ``atop_defense`` ... ``atop_consul`` -> ``defense`` ... ``consul`` (int8, 0/1). Directed
rows are kept exactly as in the source (both directions, including the 170 rows whose five
obligation flags are all 0: cow1 owes nothing to cow2 but cow2 owes something to cow1). A
dyad-year absent from the file means no ATOP alliance for years up to 2018; years after 2018
are not covered (unknown, not 0).

The hand-curated ``alliance_treaties.csv`` (treaty attributions of the obligation spells of
seven states) is not made here; its shape test checks it against this file.

Run:  .venv/bin/python rebuild/alliances.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / ".." / "shared" / "data" / "external" / "peacesciencer"
DEFAULT_OUT = REPO / "nonaligned" / "records" / "data"

OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"]
SCHEMA = pa.schema(
    [("cow1", pa.int16()), ("cow2", pa.int16()), ("year", pa.int16())]
    + [(o, pa.int8()) for o in OBLIGATIONS]
)
LAST_YEAR = 2018  # ATOP 5.1 coverage ends here


def build(source: Path) -> pd.DataFrame:
    src = source / "atop_alliance.parquet"
    if not src.exists():
        sys.exit(f"missing source file {src}")
    raw = pd.read_parquet(src)
    expected = ["ccode1", "ccode2", "year"] + [f"atop_{o}" for o in OBLIGATIONS]
    if list(raw.columns) != expected:
        sys.exit(f"{src}: unexpected columns {list(raw.columns)}")
    if raw.isna().any().any():
        sys.exit(f"{src}: unexpected missing values")
    out = pd.DataFrame(
        {
            "cow1": raw["ccode1"].astype("int16"),
            "cow2": raw["ccode2"].astype("int16"),
            "year": raw["year"].astype("int16"),
        }
    )
    for o in OBLIGATIONS:
        col = raw[f"atop_{o}"]
        if not col.isin([0, 1]).all():
            sys.exit(f"{src}: atop_{o} has values other than 0/1")
        out[o] = col.astype("int8")
    if out.duplicated(["cow1", "cow2", "year"]).any():
        sys.exit(f"{src}: duplicate directed dyad-years")
    if (out["cow1"] == out["cow2"]).any():
        sys.exit(f"{src}: a state allied with itself")
    if out["year"].max() > LAST_YEAR:
        sys.exit(f"{src}: years after {LAST_YEAR}; update the SOURCE note")
    return out.sort_values(["cow1", "cow2", "year"], kind="mergesort").reset_index(drop=True)


def write(df: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(df, schema=SCHEMA, preserve_index=False)
    pq.write_table(table, path, compression="zstd", compression_level=9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    df = build(args.source.resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    write(df, args.out / "alliances.parquet")
    print(f"alliances.parquet: {len(df)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
