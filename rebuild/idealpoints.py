"""Rebuild the published UN ideal points (idealpoints_published.parquet).

Source (default ``../shared/data/external/voeten-idealpoints`` relative to the repository root):
``idealpoints_july2025.parquet`` - Erik Voeten's July 28, 2025 release of the Bailey, Strezhnev &
Voeten ideal points (``IdealpointsJuly2025.dta`` read with pandas), a country-year panel
1946-2024, 11,440 rows.

Kept as a yardstick to validate the project's own estimates against, never as an input.

Conversion: renames (``ccode`` -> ``cow``, ``idealpointfp`` -> ``idealpoint_fp``, ``q5fp`` ->
``q5_fp``, ``nvotesfp`` -> ``nvotes_fp``, ...), narrows types (int16 codes, years and vote
counts, float32 estimates), keeps the 5 %, 50 % and 95 % posterior quantiles and drops the
others and the country name. Missing estimates stay missing (NaN / NULL), never 0. ``iso3`` is the
source's ``iso3c`` with three repairs: the 17 legacy-only rows whose ``iso3c`` is empty get the
code the same COW state has in its other rows, South Yemen (680), coded ``YAR`` like North Yemen
in the source, gets ISO 3166's ``YMD``, and North Yemen (678) gets ISO 3166's ``YEM`` instead of
the non-ISO ``YAR``.

Run:  .venv/bin/python rebuild/idealpoints.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / ".." / "shared" / "data" / "external" / "voeten-idealpoints"
DEFAULT_OUT = REPO / "nonaligned" / "records" / "data"

FLOATS = {
    "idealpointfp": "idealpoint_fp",
    "idealpointall": "idealpoint_all",
    "idealpointlegacy": "idealpoint_legacy",
    "q5fp": "q5_fp",
    "q50fp": "q50_fp",
    "q95fp": "q95_fp",
    "q5all": "q5_all",
    "q50all": "q50_all",
    "q95all": "q95_all",
}
COUNTS = {"nvotesfp": "nvotes_fp", "nvotesall": "nvotes_all", "nvotesLegacy": "nvotes_legacy"}
ISO3_FIXES = {680: "YMD", 678: "YEM"}  # source: both "YAR" (not ISO 3166)

SCHEMA = pa.schema(
    [("cow", pa.int16()), ("iso3", pa.string()), ("year", pa.int16())]
    + [(c, pa.float32()) for c in FLOATS.values()]
    + [(c, pa.int16()) for c in COUNTS.values()]
)


def build(source: Path) -> pd.DataFrame:
    src = source / "idealpoints_july2025.parquet"
    if not src.exists():
        sys.exit(f"missing source file {src}")
    raw = pd.read_parquet(src)
    need = ["ccode", "iso3c", "year", *FLOATS, *COUNTS]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        sys.exit(f"{src}: missing columns {missing}")
    if raw.duplicated(["ccode", "year"]).any():
        sys.exit(f"{src}: duplicate country-years")

    iso = raw["iso3c"].fillna("").str.strip()
    known = raw.loc[iso != "", ["ccode"]].assign(iso3=iso[iso != ""]).drop_duplicates()
    if known["ccode"].duplicated().any():
        sys.exit(f"{src}: a COW code has more than one iso3c")
    by_cow = dict(zip(known["ccode"], known["iso3"], strict=True)) | ISO3_FIXES
    iso3 = raw["ccode"].map(by_cow)
    if iso3.isna().any():
        sys.exit(f"{src}: COW codes without any iso3c: {sorted(raw.loc[iso3.isna(), 'ccode'])}")

    out = pd.DataFrame(
        {
            "cow": raw["ccode"].astype("int16"),
            "iso3": iso3.astype(object),
            "year": raw["year"].astype("int16"),
        }
    )
    for s, d in FLOATS.items():
        out[d] = raw[s].astype("float32")
    for s, d in COUNTS.items():
        col = raw[s]
        if ((col.dropna() % 1) != 0).any() or (col.dropna() <= 0).any():
            sys.exit(f"{src}: {s} is not a positive whole number")
        out[d] = col.astype("Int16")
    # a vote count exists exactly where its estimate does
    for est, n in (("idealpoint_fp", "nvotes_fp"), ("idealpoint_all", "nvotes_all")):
        if (out[est].isna() != out[n].isna()).any():
            sys.exit(f"{src}: {est} and {n} are not missing together")
    return out.sort_values(["cow", "year"], kind="mergesort").reset_index(drop=True)


def write(df: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(df, schema=SCHEMA, preserve_index=False)
    floats = [f.name for f in SCHEMA if f.type == pa.float32()]
    others = [f.name for f in SCHEMA if f.type != pa.float32()]
    # byte-stream-split floats compress a third better under zstd than dictionary pages
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=others,
        use_byte_stream_split=floats,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    df = build(args.source.resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    write(df, args.out / "idealpoints_published.parquet")
    print(f"idealpoints_published.parquet: {len(df)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
