"""Shape test for the bundled UNGA roll calls and votes (rollcalls.parquet, votes.parquet).

Reads the parquet files directly (pyarrow / pandas), not through the store, so that a broken
bundle is reported as such. Tests marked ``shared`` recompute facts from the public sources in
``../shared/data/external`` and skip when that folder is absent.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from nonaligned.records.catalog import read_front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "records" / "data"
NOTE = DATA / "votes.SOURCE.md"
GOLDEN = Path(__file__).resolve().parent / "golden" / "votes_per_session.csv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXTERNAL = SHARED / "data" / "external"

needs_shared = pytest.mark.skipif(
    not (EXTERNAL / "unvotes").is_dir() or not (EXTERNAL / "fpsim-unvotes").is_dir(),
    reason="../shared/data/external (public UNGA vote sources) is not present on this machine",
)

ROLLCALL_TYPES = {
    "rcid": pa.int32(),
    "resid": pa.int32(),
    "session": pa.int16(),
    "date": pa.date32(),
    "date_precision": pa.string(),
    "year": pa.int16(),
    "unres": pa.string(),
    "short": pa.string(),
    "descr": pa.string(),
    "amend": pa.int8(),
    "para": pa.int8(),
    "importantvote": pa.int8(),
    "me": pa.int8(),
    "nu": pa.int8(),
    "di": pa.int8(),
    "hr": pa.int8(),
    "co": pa.int8(),
    "ec": pa.int8(),
    "emergency_session": pa.string(),
    "source": pa.string(),
    "undl_id": pa.int32(),
    "title": pa.string(),
    "issue_source": pa.string(),
    "overlap_source": pa.string(),
    "overlap_differences": pa.int16(),
}
VOTE_TYPES = {"rcid": pa.int32(), "cow": pa.int16(), "vote": pa.int8()}
ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
FPSIM_OFFSET = 1_000_000
UNDL_OFFSET = 10_000_000
UN_COUNTS = Path(__file__).resolve().parent / "golden" / "undl_v5_rows_per_session.csv"
# unvotes rcids dropped as repeats of a whole-resolution vote already present (see the note)
UNVOTES_DUPLICATES = (
    5695, 5696, 5700, 5702, 5740, 5763, 5798, 5804, 5813,
    5817, 5841, 5884, 5919, 5938, 6006, 6026, 6048, 6049,
)  # fmt: skip


@cache
def front_matter() -> dict[str, object]:
    return read_front_matter(NOTE)


@cache
def rollcalls() -> pd.DataFrame:
    df: pd.DataFrame = pq.read_table(DATA / "rollcalls.parquet").to_pandas()
    df["date"] = pd.to_datetime(df["date"])
    return df


@cache
def votes() -> pd.DataFrame:
    df: pd.DataFrame = pq.read_table(DATA / "votes.parquet").to_pandas()
    return df


@cache
def joined() -> pd.DataFrame:
    return votes().merge(rollcalls()[["rcid", "session", "date", "source"]], on="rcid")


def vote_of(rcid: int, cow: int) -> int | None:
    v = votes()
    hit = v[(v.rcid == rcid) & (v.cow == cow)]
    return None if hit.empty else int(hit.vote.iloc[0])


# --------------------------------------------------------------------------- shape


def test_schema_and_compression() -> None:
    for name, types in (("rollcalls.parquet", ROLLCALL_TYPES), ("votes.parquet", VOTE_TYPES)):
        schema = pq.read_schema(DATA / name)
        assert {f.name: f.type for f in schema} == types, name
        meta = pq.ParquetFile(DATA / name).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD", name


def test_note_front_matter() -> None:
    fm = front_matter()
    assert fm["name"] == "votes"
    files = fm["files"]
    assert isinstance(files, list)
    assert sorted(files) == ["rollcalls.parquet", "votes.parquet"]
    citation = str(fm["citation"])
    for key in ("voeten2009unga", "bailey2017estimating", "robinson2021unvotes", "miller2025fpsim"):
        assert key in citation
    assert "1902.1/12379" in citation


def test_row_counts_match_note() -> None:
    rows = front_matter()["rows"]
    assert isinstance(rows, dict)
    assert pq.ParquetFile(DATA / "rollcalls.parquet").metadata.num_rows == rows["rollcalls.parquet"]
    assert pq.ParquetFile(DATA / "votes.parquet").metadata.num_rows == rows["votes.parquet"]


def test_keys_unique_and_sorted() -> None:
    r, v = rollcalls(), votes()
    assert r.rcid.is_unique
    assert r.rcid.is_monotonic_increasing
    assert not v.duplicated(["rcid", "cow"]).any()
    assert v.sort_values(["rcid", "cow"]).index.equals(v.index)
    assert set(v.rcid) == set(r.rcid)  # every vote's roll call exists, every roll call has votes
    assert r.resid.dropna().is_unique


def test_value_domains() -> None:
    r, v = rollcalls(), votes()
    assert set(v.vote.unique()) == {1, 2, 3, 8, 9}
    assert v.cow.between(2, 999).all()
    # every fpsim roll call was matched to a UN record (or was fpsim's own duplicate)
    assert set(r.source) == {"voeten2016", "unvotes", "undl"}
    assert set(r.issue_source) == {"coded", "predicted"}
    assert set(r.overlap_source.dropna()) == {"fpsim", "unvotes"}
    assert set(r.date_precision) == {"day", "month"}
    assert (r.year == r.date.dt.year).all()
    for c in ["amend", "para", "importantvote", *ISSUES]:
        assert set(r[c].dropna().unique()) <= {0, 1}, c
    es = r.emergency_session.dropna()
    assert es.str.fullmatch(r"ES-\d+").all()
    assert set(es) == {"ES-1", "ES-2", "ES-4", "ES-5", "ES-10", "ES-11"}
    # month-precision dates are stored as the first of the month
    assert (r[r.date_precision == "month"].date.dt.day == 1).all()


def test_absent_and_nonmember_only_where_source_has_them() -> None:
    j = joined()
    assert set(j[j.source == "unvotes"].vote.unique()) <= {1, 2, 3}
    # the UN's records: Y/A/N and X (non-voting -> 8) for every Member State, no 9
    assert set(j[j.source == "undl"].vote.unique()) == {1, 2, 3, 8}
    assert j[j.source == "voeten2016"].session.max() == 70


def test_rcid_scheme() -> None:
    r = rollcalls()
    assert not r.rcid.isin(UNVOTES_DUPLICATES).any()
    # a stored roll call the UN record replaced keeps its rcid (users' ids stay valid)
    f = r[r.overlap_source == "fpsim"]
    assert len(f) == 347
    assert (f.rcid == FPSIM_OFFSET + f.resid).all()
    new = r[(r.source == "undl") & r.overlap_source.isna()]
    assert (new.rcid == UNDL_OFFSET + new.undl_id).all()
    assert (r[r.source != "undl"].rcid < FPSIM_OFFSET).all()
    assert r.undl_id.dropna().is_unique
    assert r[r.source == "undl"].undl_id.notna().all()
    assert (r.resid.dropna() // 1000 == r.session[r.resid.notna()]).all()
    # every roll call has issue flags: coded upstream, or predicted from its title
    assert r[ISSUES].notna().all().all()
    assert set(r.loc[r.issue_source == "predicted", "source"]) == {"undl"}
    assert (r.loc[r.overlap_source == "fpsim", "issue_source"] == "predicted").all()


# --------------------------------------------------------------------------- coverage


def test_sessions_and_dates() -> None:
    r = rollcalls()
    assert set(r.session) == set(range(1, 81))
    # the 19th session (1964-65) voted by roll call once: Albania's appeal, February 1965
    s19 = r[r.session == 19]
    assert len(s19) == 1
    assert s19.date.iloc[0].strftime("%Y-%m") == "1965-02"
    assert r.date.min() >= pd.Timestamp("1946-01-01")
    assert r.date.max() == pd.Timestamp("2025-12-18")
    by_source = r.groupby("source").session.agg(["min", "max"])
    assert tuple(by_source.loc["voeten2016"]) == (1, 70)
    assert tuple(by_source.loc["undl"]) == (51, 80)  # ES-10 from 1997, sessions 75-80


def test_per_session_counts_match_golden() -> None:
    golden = pd.read_csv(GOLDEN).set_index("session").sort_index()
    j = joined()
    mine = pd.DataFrame(
        {
            "rollcalls": rollcalls().groupby("session").size(),
            "yes": j[j.vote == 1].groupby("session").size(),
            "abstain": j[j.vote == 2].groupby("session").size(),
            "no": j[j.vote == 3].groupby("session").size(),
        }
    ).sort_index()
    mine.index = mine.index.astype("int64")
    assert list(golden.index) == list(range(1, 81))
    pd.testing.assert_frame_equal(mine.astype("int64"), golden.astype("int64"), check_names=False)


def test_emergency_sessions() -> None:
    r = rollcalls()
    es = r.dropna(subset=["emergency_session"]).groupby("emergency_session").size().to_dict()
    assert es == {"ES-1": 6, "ES-2": 15, "ES-4": 2, "ES-5": 15, "ES-10": 26, "ES-11": 9}
    es10 = r[r.emergency_session == "ES-10"]
    assert es10.date.min() == pd.Timestamp("1997-04-25")
    assert (es10.source == "undl").all()
    es11 = r[r.emergency_session == "ES-11"].sort_values("date")
    assert list(es11.unres) == [f"A/RES/ES-11/{i}" for i in range(1, 10)]
    assert list(es11.date.dt.strftime("%Y-%m-%d")) == [
        "2022-03-02", "2022-03-24", "2022-04-07", "2022-10-12", "2022-11-14",
        "2023-02-23", "2025-02-24", "2025-02-24", "2025-12-03",
    ]  # fmt: skip


def tally(rcid: int) -> tuple[int, int, int]:
    v = votes()
    x = v[v.rcid == rcid].vote.value_counts()
    return int(x.get(1, 0)), int(x.get(3, 0)), int(x.get(2, 0))


def test_un_per_session_counts() -> None:
    """Roll calls per regular session 75-80 and per emergency session equal the UN's counts."""
    un = pd.read_csv(UN_COUNTS, dtype={"session_key": str}).set_index("session_key")
    r = rollcalls()
    regular = r[r.emergency_session.isna()].groupby("session").size()
    for s in range(75, 81):
        assert regular[s] == un.loc[str(s), "recorded_votes"], s
    es = r.groupby("emergency_session").size()
    assert es["ES-10"] == un.loc["10emsp", "recorded_votes"] == 26
    assert es["ES-11"] == un.loc["11emsp", "recorded_votes"] == 9
    # Member-State rows of the UN roll calls equal the UN's rows per session
    j = joined()
    undl = j[(j.source == "undl") & (j.vote != 9)]
    reg = undl[undl.rcid.isin(r[r.emergency_session.isna()].rcid)].groupby("session").size()
    for s in range(75, 81):
        assert reg[s] == un.loc[str(s), "rows"], s


def test_no_roll_call_counted_twice() -> None:
    """Session 78 overlaps: fpsim (to 2024-06-04) and the UN's records. Each vote once."""
    r = rollcalls()
    s78 = r[r.session == 78]
    assert len(s78[s78.emergency_session.isna()]) == 85  # the UN's count, not 85 + fpsim's 87
    assert not r.rcid.isin([FPSIM_OFFSET + 78022]).any()  # fpsim's second copy of 77076
    # no two roll calls of one day share a vote vector (a double count would)
    j = joined()
    j = j[j.vote.isin([1, 2, 3]) & (j.date >= pd.Timestamp("2020-01-01"))]
    vec = (
        j.sort_values(["rcid", "cow"])
        .assign(k=lambda d: d.cow.astype(str) + d.vote.astype(str))
        .groupby("rcid")
        .agg(date=("date", "first"), key=("k", "".join))
    )
    dup = vec[vec.duplicated(["date", "key"], keep=False)]
    # identical recorded votes on one day exist (the UNHCR enlargement pair, 2023-12-19) but each
    # has its own UN record id
    assert r.set_index("rcid").loc[dup.index, "undl_id"].is_unique


def test_pinned_un_tallies() -> None:
    r = rollcalls()
    es11_1 = r[r.unres == "A/RES/ES-11/1"].rcid.iloc[0]
    assert tally(es11_1) == (141, 5, 35)
    cuba = r[r.descr.fillna("").str.startswith("Necessity of ending the economic, commercial")]
    by_date = {d.strftime("%Y-%m-%d"): tally(x) for d, x in zip(cuba.date, cuba.rcid, strict=True)}
    assert by_date["2024-10-30"] == (187, 2, 1)
    assert by_date["2025-10-29"] == (165, 7, 12)
    # Azerbaijan was non-voting on all nine ES-11 roll calls
    es11 = r[r.emergency_session == "ES-11"].rcid
    assert [vote_of(x, 373) for x in es11] == [8] * 9


# --------------------------------------------------------------------------- pinned facts


def test_known_votes() -> None:
    r = rollcalls()
    # A/RES/68/262, territorial integrity of Ukraine, 2014-03-27 (100-11-58)
    crimea = r[(r.unres == "R/68/262")].iloc[0]
    assert crimea.date == pd.Timestamp("2014-03-27")
    assert crimea.resid == 68061
    assert vote_of(crimea.rcid, 2) == 1  # USA yes
    assert vote_of(crimea.rcid, 365) == 3  # Russia no
    assert vote_of(crimea.rcid, 369) == 1  # Ukraine yes
    # A/RES/71/5, Cuba embargo, 2016-10-26: the United States and Israel abstained
    cuba = r[r.unres == "A/RES/71/5"].iloc[0]
    assert (vote_of(cuba.rcid, 2), vote_of(cuba.rcid, 666), vote_of(cuba.rcid, 365)) == (2, 2, 1)
    # A/RES/ES-10/21, 2023-10-27 (fpsim resid 78015, UN record 4025240): USA no, Russia yes,
    # Ukraine abstained; the official tally 120-14-45 (fpsim had 119-14-43)
    es21 = r[r.resid == 78015].iloc[0]
    assert es21.rcid == FPSIM_OFFSET + 78015
    assert es21.undl_id == 4025240
    assert tally(es21.rcid) == (120, 14, 45)
    assert es21.date == pd.Timestamp("2023-10-27")
    assert (vote_of(es21.rcid, 2), vote_of(es21.rcid, 365), vote_of(es21.rcid, 369)) == (3, 1, 2)


def test_azerbaijan_absences() -> None:
    j = joined()
    aze = j[j.cow == 373]
    assert not aze[(aze.date < pd.Timestamp("1992-01-01")) & (aze.vote != 9)].size
    assert aze[aze.vote != 9].date.min().year == 1992
    # 143 absences in Voeten's table (to 2015), 116 non-voting in the UN's records (ES-10 from 1997, 2020-2025)
    assert (aze[aze.source == "voeten2016"].vote == 8).sum() == 143
    assert (aze[aze.source == "undl"].vote == 8).sum() == 116


def test_successions() -> None:
    j = joined()
    cast = j[j.vote != 9]
    for old, new, when in ((260, 255, date(1990, 10, 3)), (678, 679, date(1990, 5, 22))):
        assert cast[cast.cow == old].date.max() < pd.Timestamp(when)
        assert cast[cast.cow == new].date.min() >= pd.Timestamp(when)
    assert cast[cast.cow == 680].date.max() < pd.Timestamp("1990-05-22")
    # China: ROC (713) until the PRC is seated (Oct 1971), PRC (710) after; never both
    assert cast[cast.cow == 713].date.max() < pd.Timestamp("1971-11-01")
    assert cast[cast.cow == 710].date.min() >= pd.Timestamp("1971-11-01")
    # USSR / Russia is one code throughout
    assert cast[cast.cow == 365].date.min().year == 1946
    assert cast[cast.cow == 365].date.max().year == 2025
    for pair in ((260, 255), (678, 679), (680, 679), (710, 713), (265, 255)):
        both = cast[cast.cow.isin(pair)].groupby("rcid").cow.nunique()
        assert (both < 2).all(), pair


# --------------------------------------------------------------------------- against sources


@pytest.mark.slow
@needs_shared
def test_golden_recomputed_from_sources() -> None:
    """Per-session counts from the sources themselves: unvotes to session 74 (less its 18
    repeats and the one roll call the UN record replaces, ES-10/19), then the UN's records."""
    import duckdb

    un = EXTERNAL / "unvotes"
    undl = EXTERNAL / "undl-ga-votes"
    con = duckdb.connect()
    u = con.execute(
        f"""SELECT r.session, count(DISTINCT r.rcid) AS rollcalls,
                   count(*) FILTER (WHERE v.vote = 'yes') AS yes,
                   count(*) FILTER (WHERE v.vote = 'abstain') AS abstain,
                   count(*) FILTER (WHERE v.vote = 'no') AS no
            FROM '{un / "un_roll_calls.parquet"}' r JOIN '{un / "un_votes.parquet"}' v USING (rcid)
            WHERE r.rcid NOT IN {UNVOTES_DUPLICATES} AND r.rcid <> 5588
            GROUP BY 1"""
    ).df()
    files = ", ".join(f"'{f}'" for f in sorted(undl.glob("*_undl_v5.csv")))
    d = con.execute(
        f"""SELECT undl_id, CAST(date AS DATE) AS date, ms_vote
            FROM read_csv([{files}], union_by_name = true, all_varchar = true)"""
    ).df()
    d["date"] = pd.to_datetime(d["date"])
    ses = (
        d.date.dt.year
        - 1946
        + ((d.date.dt.month > 9) | ((d.date.dt.month == 9) & (d.date.dt.day >= 10))).astype(int)
    )
    d["session"] = ses
    g = d.groupby("session")
    f = pd.DataFrame(
        {
            "rollcalls": g.undl_id.nunique(),
            "yes": g.ms_vote.apply(lambda x: (x == "Y").sum()),
            "abstain": g.ms_vote.apply(lambda x: (x == "A").sum()),
            "no": g.ms_vote.apply(lambda x: (x == "N").sum()),
        }
    ).reset_index()
    src = pd.concat([u, f]).groupby("session").sum().sort_index().astype("int64")
    golden = pd.read_csv(GOLDEN).set_index("session").sort_index().astype("int64")
    pd.testing.assert_frame_equal(src, golden)


@pytest.mark.slow
@needs_shared
def test_absences_match_voeten_raw() -> None:
    raw = pd.read_parquet(EXTERNAL / "unvotes" / "voeten_2016_completevotes.parquet")
    v = joined()
    mine = v[v.source == "voeten2016"]
    assert len(mine) == len(raw)
    # the build recodes 9 PRC absences (ROC still seated) to not-a-member; nothing else moves
    assert (mine.vote == 8).sum() == (raw.vote == 8).sum() - 9
    assert (mine.vote == 9).sum() == (raw.vote == 9).sum() + 9


@pytest.mark.slow
@needs_shared
def test_rebuild_is_deterministic(tmp_path: Path) -> None:
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable,
            str(ROOT / "rebuild" / "votes.py"),
            "--source",
            str(EXTERNAL),
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    for name in ("rollcalls.parquet", "votes.parquet"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
