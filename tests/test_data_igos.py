"""Shape test of the COW IGO v3 bundle (igo_memberships.parquet, igos.parquet)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from nonaligned.records.catalog import read_front_matter as front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "records" / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCE_DIR = SHARED / "data" / "external" / "cow-igo-v3"


@pytest.fixture(scope="module")
def meta() -> dict:
    return front_matter(DATA / "igos.SOURCE.md")


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    return pd.read_parquet(DATA / "igo_memberships.parquet")


@pytest.fixture(scope="module")
def igos() -> pd.DataFrame:
    return pd.read_parquet(DATA / "igos.parquet")


def types(name: str) -> dict[str, str]:
    schema = pq.read_schema(DATA / name)
    return {f.name: str(f.type) for f in schema}


def test_source_note(meta: dict) -> None:
    assert meta["name"] == "igos"
    assert meta["files"] == ["igo_memberships.parquet", "igos.parquet"]
    for key in ("title", "version", "licence", "origin", "citation"):
        assert meta[key]
    assert "Pevehouse" in meta["citation"] and "Wallace" in meta["citation"]


def test_memberships_shape(members: pd.DataFrame, meta: dict) -> None:
    assert types("igo_memberships.parquet") == {
        "igo": "string",
        "cow": "int16",
        "status": "int8",
        "first_year": "int16",
        "last_year": "int16",
        "censored": "bool",
    }
    meta_pq = pq.ParquetFile(DATA / "igo_memberships.parquet").metadata
    assert meta_pq.row_group(0).column(0).compression == "ZSTD"
    assert len(members) == meta["rows"]["igo_memberships.parquet"]
    assert not members.isna().any().any()
    assert not members.duplicated(["igo", "cow", "first_year"]).any()
    key = ["igo", "cow", "first_year"]
    assert members.equals(members.sort_values(key).reset_index(drop=True))
    assert set(members["status"].unique()) <= {1, 2, 3}
    assert (members["first_year"] <= members["last_year"]).all()
    assert members["first_year"].min() >= 1816 and members["last_year"].max() == 2014
    # spells of one state in one IGO never overlap or touch with the same status
    s = members.sort_values(key)
    prev = s.groupby(["igo", "cow"])[["last_year", "status"]].shift()
    gap = s["first_year"] - prev["last_year"]
    assert (gap.dropna() >= 1).all()
    assert not ((gap == 1) & (s["status"] == prev["status"])).any()
    # censoring: everything reaching 2014 is censored
    assert members.loc[members["last_year"] == 2014, "censored"].all()


def test_igos_shape(igos: pd.DataFrame, members: pd.DataFrame, meta: dict) -> None:
    assert types("igos.parquet") == {
        "igo": "string",
        "ioname": "string",
        "orgname": "string",
        "founded": "int16",
        "dissolved": "int16",
        "political": "int8",
        "social": "int8",
        "economic": "int8",
        "pre1965_dates": "string",
    }
    assert len(igos) == meta["rows"]["igos.parquet"] == 534
    assert igos["igo"].is_unique
    assert (igos["igo"] == igos["ioname"].str.lower()).all()
    assert set(members["igo"]) <= set(igos["igo"])
    for col in ("political", "social", "economic"):
        assert set(igos[col].unique()) <= {0, 1}
    assert igos["founded"].between(1815, 2014).all()
    dead = igos["dissolved"].dropna()
    assert (dead >= igos.loc[dead.index, "founded"]).all()
    allowed = {"exact", "exact_minor_doubts", "within_5_years", "not_applicable"}
    assert set(igos["pre1965_dates"].dropna()) <= allowed
    # repaired names: no Latin-1 control bytes or stray no-break spaces left
    assert not igos["orgname"].str.contains("[\x80-\x9f\u00a0\u00ca]", regex=True).any()
    names = igos.set_index("igo")["orgname"]
    assert names["irena"] == "International Renewable Energy Agency"
    assert "Välfärdscenter" in names["nvc"]


def test_pinned_facts(members: pd.DataFrame, igos: pd.DataFrame) -> None:
    aze = members[members["cow"] == 373]
    nam = aze[aze["igo"] == "nam"]
    assert nam[["first_year", "last_year", "status"]].values.tolist() == [[2011, 2014, 1]]
    assert bool(nam["censored"].iloc[0])
    assert (aze["igo"] == "coe").any()
    assert not (aze["igo"] == "csto").any()
    # a -9 year ends a spell but is not an exit
    turksoy = aze[aze["igo"] == "turksoy"].iloc[0]
    assert turksoy["last_year"] == 2013 and bool(turksoy["censored"])
    # an observed exit: the USSR left the ILO in 1940 and came back in 1954
    ilo = members.query("igo == 'ilo' and cow == 365")
    assert ilo[["first_year", "last_year", "censored"]].values.tolist() == [
        [1934, 1940, False],
        [1954, 2014, True],
    ]
    assert {"nato", "cis", "csto", "osce", "coe", "nam", "oic", "sco"} <= set(igos["igo"])


@pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason="../shared/data/external/cow-igo-v3 is not present"
)
def test_spells_reproduce_igo_year_cells(members: pd.DataFrame) -> None:
    """Expanding the spells gives back exactly the member cells of igo_year_format3."""
    iy = pd.read_parquet(SOURCE_DIR / "igo_year_format3.parquet")
    sy = pd.read_parquet(SOURCE_DIR / "state_year_format3.parquet", columns=["ccode", "state"])
    codes = dict(zip(sy["state"], sy["ccode"], strict=True))
    states = [c for c in iy.columns if c in codes]
    long = iy.melt(id_vars=["ioname", "year"], value_vars=states, var_name="state", value_name="s")
    long = long[long["s"].isin([1, 2, 3])]
    cells = set(
        zip(
            long["ioname"].str.lower(),
            long["state"].map(codes).astype(int),
            long["year"].astype(int),
            long["s"].astype(int),
            strict=True,
        )
    )
    expanded = {
        (r.igo, int(r.cow), y, int(r.status))
        for r in members.itertuples(index=False)
        for y in range(int(r.first_year), int(r.last_year) + 1)
    }
    assert expanded == cells
    assert iy["ioname"].nunique() == 534
