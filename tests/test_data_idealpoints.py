"""Shape test of the published UN ideal points (idealpoints_published.parquet)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from nonaligned.records.catalog import read_front_matter as front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "records" / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCE_DIR = SHARED / "data" / "external" / "voeten-idealpoints"
FILE = DATA / "idealpoints_published.parquet"

ESTIMATES = ["idealpoint_fp", "idealpoint_all", "idealpoint_legacy"]
QUANTILES = ["q5_fp", "q50_fp", "q95_fp", "q5_all", "q50_all", "q95_all"]
COUNTS = ["nvotes_fp", "nvotes_all", "nvotes_legacy"]


@pytest.fixture(scope="module")
def meta() -> dict:
    return front_matter(DATA / "idealpoints_published.SOURCE.md")


@pytest.fixture(scope="module")
def ip() -> pd.DataFrame:
    return pd.read_parquet(FILE)


def test_source_note(meta: dict) -> None:
    assert meta["name"] == "idealpoints_published"
    assert meta["files"] == ["idealpoints_published.parquet"]
    for key in ("title", "version", "licence", "origin", "citation"):
        assert meta[key]
    assert "Bailey" in meta["citation"] and "430--456" in meta["citation"]
    text = (DATA / "idealpoints_published.SOURCE.md").read_text(encoding="utf-8")
    assert "never an input" in text and "session + 1945" in text


def test_shape(ip: pd.DataFrame, meta: dict) -> None:
    schema = pq.read_schema(FILE)
    got = {f.name: str(f.type) for f in schema}
    assert got == {
        "cow": "int16",
        "iso3": "string",
        "year": "int16",
        **dict.fromkeys(ESTIMATES + QUANTILES, "float"),
        **dict.fromkeys(COUNTS, "int16"),
    }
    assert list(ip.columns) == list(got)
    assert pq.ParquetFile(FILE).metadata.row_group(0).column(0).compression == "ZSTD"
    assert len(ip) == meta["rows"]["idealpoints_published.parquet"]
    assert not ip.duplicated(["cow", "year"]).any()
    assert ip.equals(ip.sort_values(["cow", "year"]).reset_index(drop=True))
    assert ip["year"].between(1946, 2024).all()
    assert ip["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert ip.groupby("cow")["iso3"].nunique().max() == 1
    assert ip["cow"].nunique() == 199


def test_missing_stays_missing(ip: pd.DataFrame) -> None:
    # estimates and counts are missing together; counts are never 0
    for est, n in (("idealpoint_fp", "nvotes_fp"), ("idealpoint_all", "nvotes_all")):
        assert (ip[est].isna() == ip[n].isna()).all()
    for n in COUNTS:
        assert (ip[n].dropna() > 0).all()
    assert ip["idealpoint_fp"].isna().sum() == 19
    assert ip["idealpoint_all"].isna().sum() == 208
    assert ip["idealpoint_legacy"].isna().sum() == 202
    y2024 = ip[ip["year"] == 2024]
    assert y2024["idealpoint_all"].isna().all() and y2024["idealpoint_legacy"].isna().all()
    assert y2024["idealpoint_fp"].notna().all() and len(y2024) == 191
    for e in ESTIMATES:
        assert (ip[e] != 0).all()
    # quantiles bracket the median where present
    for m in ("fp", "all"):
        q = ip[[f"q5_{m}", f"q50_{m}", f"q95_{m}"]].dropna()
        assert (q[f"q5_{m}"] <= q[f"q50_{m}"]).all() and (q[f"q50_{m}"] <= q[f"q95_{m}"]).all()


def test_pinned_facts(ip: pd.DataFrame) -> None:
    x = ip.set_index(["iso3", "year"])
    assert round(float(x.loc[("USA", 2024), "idealpoint_fp"]), 2) == 2.21
    assert round(float(x.loc[("RUS", 2024), "idealpoint_fp"]), 2) == -0.60
    assert round(float(x.loc[("CHN", 2024), "idealpoint_fp"]), 2) == -0.85
    assert round(float(x.loc[("TUR", 2024), "idealpoint_fp"]), 2) == 0.53
    assert round(float(x.loc[("AZE", 2017), "idealpoint_all"]), 2) == -0.93
    assert round(float(x.loc[("AZE", 2021), "idealpoint_all"]), 2) == -0.50
    assert round(float(x.loc[("AZE", 2023), "idealpoint_all"]), 2) == -0.60
    # a legacy-only row (session 46, Azerbaijan admitted in 1992)
    aze91 = x.loc[("AZE", 1991)]
    assert pd.isna(aze91["idealpoint_fp"]) and pd.notna(aze91["idealpoint_legacy"])
    # the repaired Yemen codes
    yem = ip[ip["cow"].isin([678, 680])].groupby("cow")["iso3"].first().to_dict()
    assert yem == {678: "YEM", 680: "YMD"}
    corr = ip[ESTIMATES].corr()
    assert round(corr.loc["idealpoint_fp", "idealpoint_all"], 4) == 0.9846


@pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason="../shared/data/external/voeten-idealpoints is not present"
)
def test_matches_source(ip: pd.DataFrame) -> None:
    src = pd.read_parquet(SOURCE_DIR / "idealpoints_july2025.parquet")
    src = src.sort_values(["ccode", "year"]).reset_index(drop=True)
    assert len(src) == len(ip)
    assert (src["ccode"].to_numpy() == ip["cow"].to_numpy()).all()
    pairs = {"idealpointfp": "idealpoint_fp", "idealpointall": "idealpoint_all"}
    pairs |= {"idealpointlegacy": "idealpoint_legacy", "q5fp": "q5_fp", "q95all": "q95_all"}
    for s, d in pairs.items():
        a = src[s].to_numpy(dtype="float64")
        b = ip[d].to_numpy(dtype="float64")
        assert np.array_equal(np.isnan(a), np.isnan(b))
        assert np.allclose(a[~np.isnan(a)], b[~np.isnan(b)], atol=1e-6)
    assert (src["nvotesfp"].isna() == ip["nvotes_fp"].isna()).all()
