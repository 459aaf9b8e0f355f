"""Shape test of the ATOP alliance bundle and of the hand-curated treaty attributions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from nonaligned.records.catalog import read_front_matter as front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "records" / "data"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCE_DIR = SHARED / "data" / "external" / "peacesciencer"

OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"]
FOCUS = {373, 371, 372, 705, 640, 345, 750}
TREATY_COLUMNS = [
    "cow1",
    "cow2",
    "first_year",
    "last_year",
    "obligations",
    "treaty",
    "atop_id",
    "attribution",
    "source",
    "note",
]


@pytest.fixture(scope="module")
def meta() -> dict:
    return front_matter(DATA / "alliances.SOURCE.md")


@pytest.fixture(scope="module")
def alliances() -> pd.DataFrame:
    return pd.read_parquet(DATA / "alliances.parquet")


@pytest.fixture(scope="module")
def treaties() -> pd.DataFrame:
    return pd.read_csv(DATA / "alliance_treaties.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def spells(alliances: pd.DataFrame) -> pd.DataFrame:
    """Maximal runs of consecutive years of a directed dyad with the same obligation set."""
    d = alliances[alliances["cow1"].isin(FOCUS)].sort_values(["cow1", "cow2", "year"]).copy()
    d["obligations"] = [
        "+".join(o for o, v in zip(OBLIGATIONS, flags, strict=True) if v) or "none"
        for flags in d[OBLIGATIONS].itertuples(index=False)
    ]
    new = (
        (d["cow1"] != d["cow1"].shift())
        | (d["cow2"] != d["cow2"].shift())
        | (d["year"] != d["year"].shift() + 1)
        | (d["obligations"] != d["obligations"].shift())
    )
    d["spell"] = new.cumsum()
    return (
        d.groupby("spell")
        .agg(
            cow1=("cow1", "first"),
            cow2=("cow2", "first"),
            first_year=("year", "min"),
            last_year=("year", "max"),
            obligations=("obligations", "first"),
        )
        .reset_index(drop=True)
    )


def test_source_note(meta: dict) -> None:
    assert meta["name"] == "alliances"
    assert meta["files"] == ["alliances.parquet", "alliance_treaties.csv"]
    for key in ("title", "version", "licence", "origin", "citation"):
        assert meta[key]
    assert "Leeds" in meta["citation"] and "peacesciencer" in meta["citation"]
    text = (DATA / "alliances.SOURCE.md").read_text(encoding="utf-8")
    assert "after 2018" in text and "unknown" in text


def test_alliances_shape(alliances: pd.DataFrame, meta: dict) -> None:
    assert list(alliances.columns) == ["cow1", "cow2", "year", *OBLIGATIONS]
    assert len(alliances) == meta["rows"]["alliances.parquet"]
    schema = pq.read_schema(DATA / "alliances.parquet")
    assert [str(schema.field(c).type) for c in ("cow1", "cow2", "year")] == ["int16"] * 3
    assert all(str(schema.field(o).type) == "int8" for o in OBLIGATIONS)
    assert (
        pq.ParquetFile(DATA / "alliances.parquet").metadata.row_group(0).column(0).compression
        == "ZSTD"
    )
    assert not alliances.isna().any().any()
    assert not alliances.duplicated(["cow1", "cow2", "year"]).any()
    assert alliances.equals(alliances.sort_values(["cow1", "cow2", "year"]).reset_index(drop=True))
    assert alliances["year"].between(1815, 2018).all()
    assert (alliances["cow1"] != alliances["cow2"]).all()
    for o in OBLIGATIONS:
        assert set(alliances[o].unique()) <= {0, 1}


def test_alliances_pinned_facts(alliances: pd.DataFrame) -> None:
    idx = alliances.set_index(["cow1", "cow2", "year"])
    # both directions kept: Azerbaijan <-> Turkey 1993-2018
    assert len(alliances.query("cow1 == 373 and cow2 == 640")) == 26
    assert len(alliances.query("cow1 == 640 and cow2 == 373")) == 26
    # CIS-framework defence obligations of Azerbaijan
    for partner, years in (
        (371, range(1993, 2019)),
        (365, range(1993, 2019)),
        (372, range(1993, 2010)),
    ):
        assert all(idx.loc[(373, partner, y), "defense"] == 1 for y in years)
    assert (373, 372, 2010) in idx.index and idx.loc[(373, 372, 2010), "defense"] == 0
    # Turkey -> Azerbaijan: defence from 1994, consultation from 2010
    assert idx.loc[(640, 373, 1993), "defense"] == 0
    assert idx.loc[(640, 373, 1994), "defense"] == 1 and idx.loc[(640, 373, 2009), "consul"] == 0
    assert idx.loc[(640, 373, 2010), "consul"] == 1
    # a directed asymmetry: France guarantees Djibouti, not the other way round
    assert idx.loc[(220, 522, 1980), "defense"] == 1 and idx.loc[(522, 220, 1980), "defense"] == 0
    # NATO: USA -> Turkey
    assert idx.loc[(2, 640, 2018), ["defense", "nonagg", "consul"]].tolist() == [1, 1, 1]


def test_treaties_shape(treaties: pd.DataFrame, meta: dict) -> None:
    assert list(treaties.columns) == TREATY_COLUMNS
    assert len(treaties) == meta["rows"]["alliance_treaties.csv"]
    for col in ("cow1", "cow2", "first_year", "last_year"):
        assert treaties[col].str.fullmatch(r"\d+").all(), col
    assert (treaties["atop_id"].str.fullmatch(r"\d*")).all()
    assert set(treaties["attribution"]) <= {"documented", "inferred"}
    assert treaties["cow1"].astype(int).isin(FOCUS).all()
    assert (treaties["treaty"] != "").all() and (treaties["source"] != "").all()
    assert not treaties.duplicated(["cow1", "cow2", "first_year"]).any()
    assert (treaties["first_year"].astype(int) <= treaties["last_year"].astype(int)).all()
    valid = treaties["obligations"].map(
        lambda s: (
            s == "none"
            or (
                set(s.split("+")) <= set(OBLIGATIONS)
                and s.split("+") == [o for o in OBLIGATIONS if o in s.split("+")]
            )
        )
    )
    assert valid.all()
    # an unidentified agreement is never claimed as documented on its own
    assert not (
        (treaties["treaty"] == "unidentified") & (treaties["attribution"] == "documented")
    ).any()


def _keys(df: pd.DataFrame) -> set[tuple[int, int, int, int, str]]:
    return {
        (int(r.cow1), int(r.cow2), int(r.first_year), int(r.last_year), str(r.obligations))
        for r in df.itertuples(index=False)
    }


def test_every_spell_is_attributed(spells: pd.DataFrame, treaties: pd.DataFrame) -> None:
    rows = treaties.astype({"cow1": int, "cow2": int, "first_year": int, "last_year": int})
    missing = []
    for s in spells.itertuples(index=False):
        cover = rows[
            (rows.cow1 == s.cow1)
            & (rows.cow2 == s.cow2)
            & (rows.first_year <= s.first_year)
            & (rows.last_year >= s.last_year)
        ]
        if cover.empty:
            missing.append((s.cow1, s.cow2, s.first_year, s.last_year, s.obligations))
    assert not missing, f"ATOP spells without a row in alliance_treaties.csv: {missing[:10]}"


def test_every_row_is_a_spell(spells: pd.DataFrame, treaties: pd.DataFrame) -> None:
    extra = _keys(treaties) - _keys(spells)
    assert not extra, f"rows of alliance_treaties.csv that are no ATOP spell: {sorted(extra)[:10]}"
    assert len(treaties) == len(spells)


def test_treaty_pinned_facts(treaties: pd.DataFrame) -> None:
    t = treaties.set_index(["cow1", "cow2", "first_year"])
    az_am = t.loc[("373", "371", "1993")]
    assert "Collective Security Treaty" in az_am.treaty and "CIS Charter" in az_am.treaty
    assert az_am.attribution == "inferred" and az_am.last_year == "2018"
    assert t.loc[("373", "372", "1993")].last_year == "2009"
    az_tr_1994 = t.loc[("373", "640", "1994")]
    assert az_tr_1994.treaty.startswith("defence: unidentified")
    az_tr_2010 = t.loc[("373", "640", "2010")]
    assert "Strategic Partnership and Mutual Assistance" in az_tr_2010.treaty
    assert "2010-08-16" in az_tr_2010.treaty
    assert "North Atlantic Treaty" in t.loc[("640", "2", "1951")].treaty
    assert "Neutrality of Laos" in t.loc[("750", "2", "1962")].treaty
    assert "Indo-Soviet" in t.loc[("750", "365", "1971")].treaty


@pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason="../shared/data/external/peacesciencer is not present"
)
def test_matches_source(alliances: pd.DataFrame) -> None:
    src = pd.read_parquet(SOURCE_DIR / "atop_alliance.parquet")
    assert len(src) == len(alliances)
    src = src.sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    assert (src["ccode1"].to_numpy() == alliances["cow1"].to_numpy()).all()
    assert (src["year"].to_numpy() == alliances["year"].to_numpy()).all()
    for o in OBLIGATIONS:
        assert (src[f"atop_{o}"].to_numpy() == alliances[o].to_numpy()).all()


def test_cis_framework_rows_explain_the_coding(treaties: pd.DataFrame) -> None:
    """Azerbaijan's, Georgia's and Uzbekistan's post-1999 'defence' rows say why ATOP codes them.

    Why pinned: read bare, they claim Azerbaijan owes Armenia and Russia military help to 2018,
    from a treaty it left in 1999; the note must say what the coding is and what it is not.
    """
    t = treaties.set_index(["cow1", "cow2", "first_year"])
    az_am = t.loc[("373", "371", "1993")]
    assert "to 1999" in az_am.treaty and "CIS Charter" in az_am.treaty
    assert "1999 protocol" in az_am.note and "merges the obligations" in az_am.note
    assert "not a military alliance" in az_am.note and "atop5_1m" in az_am.note
    assert "2008 Russian-Georgian war" in t.loc[("372", "365", "1993")].note
    assert "2012" in t.loc[("371", "704", "1992")].note
    # every CST-era defence spell of a state that left the CST in 1999 and runs past it
    cis = treaties[
        treaties["treaty"].str.startswith("Collective Security Treaty")
        & treaties["obligations"].str.contains("defense")
        & (treaties["last_year"].astype(int) > 1999)
        & (treaties[["cow1", "cow2"]].isin(["373", "372", "704"]).any(axis=1))
    ]
    assert len(cis) == 24  # 26 rows carry the note; Kazakhstan-Azerbaijan 1993-1995 ends earlier
    assert cis["treaty"].str.contains("to 1999; after 1999 a CIS-framework agreement").all()
    assert (cis["attribution"] == "inferred").all()
    assert (
        cis["note"].str.contains("checked against ATOP's member file (atop5_1m)", regex=False).all()
    )
