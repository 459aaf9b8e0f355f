"""Shape test and pinned facts for the project-maintained bloc tables.

Files: blocs.csv, bloc_memberships.csv, bloc_chairs.csv (nonaligned/records/data), described in
blocs.SOURCE.md. The CSVs are read directly with pandas (all columns as strings, empty cells as ""),
with no dependency on the rest of the package.

Spell semantics (see the SOURCE note): a spell covers ``start <= date < end``; ``end`` is the first
day on which the status no longer held (empty = still holds). An empty ``start`` means the beginning
is unknown; such rows are never counted as active on a date.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from nonaligned.records.catalog import read_front_matter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nonaligned" / "records" / "data"
NOTE = DATA / "blocs.SOURCE.md"

BLOC_COLS = ["bloc", "name", "kind", "founded", "dissolved", "cow_igo", "pole", "note", "source"]
MEMBER_COLS = [
    "bloc",
    "iso3",
    "entity",
    "status",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "source",
    "note",
]
CHAIR_COLS = [
    "bloc",
    "iso3",
    "entity",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "event",
    "source",
    "note",
]
KINDS = {"igo", "informal", "treaty", "forum"}
POLES = {"WEST", "RUSSIA", "CHINA", "TURKEY", "NAM", ""}
STATUSES = {"member", "associate", "observer", "partner", "candidate", "suspended"}
PRECISIONS = {"day", "month", "year"}


@cache
def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def blocs() -> pd.DataFrame:
    return _csv("blocs.csv")


def members() -> pd.DataFrame:
    return _csv("bloc_memberships.csv")


def chairs() -> pd.DataFrame:
    return _csv("bloc_chairs.csv")


@cache
def front_matter() -> dict[str, object]:
    return read_front_matter(NOTE)


def active(bloc: str, day: str, status: str = "member") -> pd.DataFrame:
    """Rows of `bloc` with `status` in force on ISO date `day` (start <= day < end)."""
    d = members()
    x = d[(d.bloc == bloc) & (d.status == status) & (d.start != "")]
    return x[(x.start <= day) & ((x.end == "") | (x.end > day))]


def key(df: pd.DataFrame) -> pd.Series:
    """iso3 where present, else the entity name (non-state members)."""
    return df.iso3.where(df.iso3 != "", "entity:" + df.entity)


# ---------------------------------------------------------------- shape


def test_source_note_front_matter():
    fm = front_matter()
    assert fm["name"] == "blocs"
    assert set(fm["files"]) == {"blocs.csv", "bloc_memberships.csv", "bloc_chairs.csv"}
    for k in ("title", "version", "licence", "origin", "citation"):
        assert fm[k], k
    assert "@misc" in fm["citation"] and "pevehouse" in fm["citation"].lower()


def test_row_counts_match_source_note():
    rows = front_matter()["rows"]
    assert rows["blocs.csv"] == len(blocs())
    assert rows["bloc_memberships.csv"] == len(members())
    assert rows["bloc_chairs.csv"] == len(chairs())


def test_columns():
    assert list(blocs().columns) == BLOC_COLS
    assert list(members().columns) == MEMBER_COLS
    assert list(chairs().columns) == CHAIR_COLS


def test_blocs_table():
    b = blocs()
    assert b.bloc.is_unique
    assert set(b.kind) <= KINDS
    assert set(b.pole) <= POLES
    assert (b.founded != "").all()
    for col in ("founded", "dissolved"):
        for v in b[col][b[col] != ""]:
            date.fromisoformat(v)
    assert (b.source != "").all()
    assert set(b.bloc) == {
        "UN",
        "NAM",
        "NATO",
        "PFP",
        "CST",
        "CSTO",
        "CIS",
        "EAEU",
        "EU",
        "COE",
        "OSCE",
        "OIC",
        "OTS",
        "SCO",
        "BRICS",
        "GUAM",
        "G77",
    }


def test_codes_statuses_and_precisions():
    d = members()
    assert set(d.bloc) <= set(blocs().bloc)
    assert set(d.status) <= STATUSES
    assert d.iso3.str.fullmatch(r"([A-Z]{3})?").all()
    assert (d.entity != "").all()
    assert (d.source != "").all()
    # precision is given exactly when the date is
    for col in ("start", "end"):
        has = d[col] != ""
        allowed = PRECISIONS | {"by"} if col == "start" else PRECISIONS
        assert set(d.loc[has, col + "_precision"]) <= allowed
        assert (d.loc[~has, col + "_precision"] == "").all()
    c = chairs()
    assert set(c.bloc) <= set(blocs().bloc)
    assert set(c.start_precision) <= PRECISIONS
    assert set(c.end_precision[c.end != ""]) <= PRECISIONS


def _check_dates(df: pd.DataFrame) -> None:
    for col in ("start", "end"):
        for v, p in zip(df[col], df[col + "_precision"], strict=True):
            if v == "":
                continue
            date.fromisoformat(v)
            if p == "month":
                assert v.endswith("-01"), v
            if p == "year":
                assert v.endswith("-01-01"), v
    both = df[(df.start != "") & (df.end != "")]
    assert (both.start <= both.end).all(), both[both.start > both.end]


def test_dates_parse_and_start_before_end():
    _check_dates(members())
    _check_dates(chairs())


def test_member_rows_have_a_start_except_documented_unknowns():
    d = members()
    # 'by' = in force by this date, began earlier: only where the SOURCE note says so
    by = d[d.start_precision == "by"]
    assert set(by.bloc) <= {"G77", "NAM"}
    assert set(by[by.bloc == "NAM"].status) == {"observer"}
    assert by.note.str.contains("unknown|not known|not recorded").all()
    # a fully unknown start only for a spell that has ended (never counted as in force)
    unknown = d[d.start == ""]
    assert (unknown.end != "").all()
    assert unknown.note.str.contains("unknown|not known|not recorded").all()


def test_no_overlapping_spells():
    d = members().copy()
    d["k"] = key(d)
    for (_, _, _), grp in d.groupby(["bloc", "k", "status"]):
        g = grp.sort_values("start")
        ends = g.end.replace("", "9999-12-31").tolist()
        starts = g.start.tolist()
        for i in range(1, len(g)):
            assert starts[i] >= ends[i - 1], g[["bloc", "iso3", "entity", "status", "start", "end"]]


def test_sorted():
    d = members()
    order = d.sort_values(["bloc", "start", "iso3"], kind="stable")
    assert list(order.index) == list(d.index)


def test_non_state_rows_name_an_entity():
    d = members()
    ns = d[d.iso3 == ""]
    assert (ns.entity != "").all()
    assert "Turkish Republic of Northern Cyprus" in set(ns.entity)


# ---------------------------------------------------------------- pinned facts


def test_nam_120_members_at_baku_summit():
    a = active("NAM", "2019-10-25")
    assert len(a) == 120
    assert key(a).is_unique
    assert "PSE" in set(a.iso3)
    assert "AZE" in set(a.iso3)
    assert "SSD" not in set(a.iso3)


def test_nam_121_after_south_sudan():
    assert len(active("NAM", "2024-06-01")) == 121


def test_azerbaijan_nam_member_since_2011():
    d = members()
    aze = d[(d.bloc == "NAM") & (d.iso3 == "AZE")]
    assert len(aze) == 1
    assert aze.iloc[0].start.startswith("2011") and aze.iloc[0].end == ""


def test_nam_left_or_suspended():
    for iso, day in (
        ("CYP", "2005-01-01"),
        ("MLT", "2005-01-01"),
        ("ARG", "1995-01-01"),
        ("YUG", "1995-01-01"),
    ):
        assert iso not in set(active("NAM", day).iso3)
    assert "YUG" in set(active("NAM", "1995-01-01", "suspended").iso3)


def test_nam_chairs():
    c = chairs()
    n = c[c.bloc == "NAM"].sort_values("start").reset_index(drop=True)
    assert n.iloc[0].iso3 == "YUG" and n.iloc[0].start == "1961-09-01"
    aze = n[n.iso3 == "AZE"].iloc[0]
    assert aze.start == "2019-10-25" and aze.end.startswith("2024-01")
    last = n.iloc[-1]
    assert last.iso3 == "UGA" and last.start == aze.end and last.end == ""
    # chairs follow each other without gaps or overlaps
    assert (n.start.iloc[1:].values == n.end.iloc[:-1].values).all()


def test_nato_counts():
    assert len(active("NATO", "2024-06-01")) == 32
    assert len(active("NATO", "2020-06-01")) == 30
    assert len(active("NATO", "1949-12-31")) == 12
    assert "FIN" in set(active("NATO", "2023-04-04").iso3)
    assert "SWE" not in set(active("NATO", "2024-03-06").iso3)


def test_csto_azerbaijan_never_after_1999():
    d = members()
    aze = d[(d.bloc == "CSTO") & (d.iso3 == "AZE")]
    assert aze.empty  # never a member of the organisation (2002-)
    treaty = d[(d.bloc == "CST") & (d.iso3 == "AZE")]
    assert len(treaty) == 1 and treaty.iloc[0].end <= "1999-12-31"
    for day in ("2000-01-01", "2010-06-01", "2024-01-01"):
        for bloc in ("CST", "CSTO"):
            assert "AZE" not in set(active(bloc, day).iso3)


def test_armenia_csto_suspended():
    assert "ARM" in set(active("CSTO", "2024-06-01", "suspended").iso3)
    assert "ARM" not in set(active("CSTO", "2024-06-01").iso3)
    assert "ARM" in set(active("CSTO", "2020-01-01").iso3)


def test_azerbaijan_in_pfp_2024():
    assert "AZE" in set(active("PFP", "2024-01-01", "partner").iso3)
    assert "FIN" not in set(active("PFP", "2024-01-01", "partner").iso3)  # ended on NATO accession


def test_un_counts():
    assert len(active("UN", "2024-01-01")) == 193
    assert len(active("UN", "1945-12-31")) == 51
    now = active("UN", "2024-01-01")
    assert {"RUS", "CHN", "DEU", "YEM", "TZA"} <= set(now.iso3)
    assert not {"SUN", "TWN", "DDR", "YMD", "CSK", "XZA", "YUG"} & set(now.iso3)
    assert {"VAT", "PSE"} <= set(active("UN", "2024-01-01", "observer").iso3)
    assert "TWN" in set(active("UN", "1971-10-24").iso3) and "CHN" in set(
        active("UN", "1971-10-25").iso3
    )


def test_eu_counts():
    assert len(active("EU", "2021-01-01")) == 27
    assert len(active("EU", "2019-06-01")) == 28
    assert len(active("EU", "1958-01-01")) == 6


def test_ots_azerbaijan_founder():
    a = active("OTS", "2009-10-03")
    assert set(a.iso3) == {"AZE", "KAZ", "KGZ", "TUR"}


def test_coe():
    assert "RUS" not in set(active("COE", "2023-01-01").iso3)
    assert "RUS" in set(active("COE", "2021-01-01").iso3)
    assert len(active("COE", "2023-01-01")) == 46
    d = members()
    aze = d[(d.bloc == "COE") & (d.iso3 == "AZE")].iloc[0]
    assert aze.start == "2001-01-25"


def test_cis_georgia():
    assert "GEO" not in set(active("CIS", "2010-01-01").iso3)
    assert "GEO" in set(active("CIS", "2000-01-01").iso3)


def test_other_current_counts():
    assert len(active("OSCE", "2024-01-01")) == 57
    assert len(active("OIC", "2024-01-01")) + len(active("OIC", "2024-01-01", "suspended")) == 57
    g77_now = members()[
        (members().bloc == "G77") & (members().status == "member") & (members().end == "")
    ]
    assert len(g77_now) == 134
    assert set(active("SCO", "2024-08-01").iso3) == {
        "CHN",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "UZB",
        "IND",
        "PAK",
        "IRN",
        "BLR",
    }
    assert set(active("EAEU", "2016-01-01").iso3) == {"RUS", "BLR", "KAZ", "ARM", "KGZ"}
    assert set(active("BRICS", "2025-02-01").iso3) == {
        "BRA",
        "RUS",
        "IND",
        "CHN",
        "ZAF",
        "EGY",
        "ETH",
        "IRN",
        "ARE",
        "IDN",
    }
    assert set(active("GUAM", "2024-01-01").iso3) == {"GEO", "UKR", "AZE", "MDA"}


# ---------------------------------------------------------------- edition 2026-12 (issue 11)
# Facts checked on 2026-12-07; each test pins a date on both sides so that a shifted day fails.

TODAY = "2026-12-07"


def test_brics_enlargements_and_partners():
    founders = {"BRA", "RUS", "IND", "CHN", "ZAF"}
    assert set(active("BRICS", "2023-12-31").iso3) == founders
    assert set(active("BRICS", "2024-01-01").iso3) == founders | {"EGY", "ETH", "IRN", "ARE"}
    assert "IDN" not in set(active("BRICS", "2025-01-05").iso3)
    assert "IDN" in set(active("BRICS", "2025-01-05", "partner").iso3)
    assert "IDN" in set(active("BRICS", "2025-01-06").iso3)
    assert "IDN" not in set(active("BRICS", "2025-01-06", "partner").iso3)
    # Saudi Arabia: invited, never confirmed - ambiguous, so a candidate and never a member
    d = members()
    sau = d[(d.bloc == "BRICS") & (d.iso3 == "SAU")]
    assert set(sau.status) == {"candidate"} and sau.iloc[0].end == ""
    assert "ambiguous" in sau.iloc[0].note
    first = {"BLR", "BOL", "CUB", "KAZ", "MYS", "THA", "UGA", "UZB"}
    assert set(active("BRICS", "2025-01-06", "partner").iso3) == first
    assert set(active("BRICS", "2025-01-17", "partner").iso3) == first | {"NGA"}
    assert "VNM" not in set(active("BRICS", "2025-06-12", "partner").iso3)
    assert set(active("BRICS", TODAY, "partner").iso3) == first | {"NGA", "VNM"}
    assert len(active("BRICS", TODAY)) == 10


def test_sco_members_and_tianjin_partners():
    assert "IRN" not in set(active("SCO", "2023-07-03").iso3)
    assert "IRN" in set(active("SCO", "2023-07-04").iso3)
    assert "BLR" in set(active("SCO", "2024-07-03", "observer").iso3)
    assert "BLR" in set(active("SCO", "2024-07-04").iso3)
    assert len(active("SCO", TODAY)) == 10
    # Tianjin, 1 Sep 2025: observers and dialogue partners merged into 'SCO partners', Laos added
    assert set(active("SCO", "2025-08-31", "observer").iso3) == {"MNG", "AFG"}
    assert active("SCO", "2025-09-01", "observer").empty
    partners = set(active("SCO", "2025-09-01", "partner").iso3)
    assert len(partners) == 17 and {"MNG", "AFG", "LAO", "AZE", "TUR"} <= partners
    assert "LAO" not in set(active("SCO", "2025-08-31", "partner").iso3)


def test_nato_nordic_accessions():
    assert "FIN" not in set(active("NATO", "2023-04-03").iso3)
    assert "FIN" in set(active("NATO", "2023-04-04").iso3)
    assert "SWE" in set(active("NATO", "2024-03-07").iso3)
    assert len(active("NATO", "2024-03-06")) == 31
    assert len(active("NATO", TODAY)) == 32


def test_armenia_csto_frozen_not_withdrawn():
    assert "ARM" in set(active("CSTO", "2024-02-21").iso3)
    assert "ARM" in set(active("CSTO", "2024-02-22", "suspended").iso3)
    assert "ARM" not in set(active("CSTO", "2024-02-22").iso3)
    # still in the organisation today (frozen participation is a status, not an exit)
    assert "ARM" in set(active("CSTO", TODAY, "suspended").iso3)
    d = members()
    frozen = d[(d.bloc == "CSTO") & (d.iso3 == "ARM") & (d.status == "suspended")].iloc[0]
    assert frozen.end == "" and "member de jure" in frozen.note


def test_ots_observers():
    assert set(active("OTS", TODAY).iso3) == {"AZE", "KAZ", "KGZ", "TUR", "UZB"}
    obs = active("OTS", TODAY, "observer")
    assert set(key(obs)) == {"HUN", "TKM", "entity:Turkish Republic of Northern Cyprus"}
    assert "TKM" not in set(active("OTS", "2021-11-11", "observer").iso3)
    assert len(active("OTS", "2022-11-10", "observer")) == 2


def test_eaeu_members_and_observers():
    assert set(active("EAEU", TODAY).iso3) == {"RUS", "BLR", "KAZ", "ARM", "KGZ"}
    assert "IRN" not in set(active("EAEU", "2024-12-25", "observer").iso3)
    assert set(active("EAEU", TODAY, "observer").iso3) == {"MDA", "CUB", "UZB", "IRN"}


def test_nam_today_and_uganda_chair():
    assert len(active("NAM", TODAY)) == 121
    assert "SSD" in set(active("NAM", TODAY).iso3)
    c = chairs()
    now = c[(c.bloc == "NAM") & (c.start <= TODAY) & ((c.end == "") | (c.end > TODAY))]
    assert list(now.iso3) == ["UGA"] and now.iloc[0].start == "2024-01-19"


def test_moldova_still_in_cis_while_withdrawal_pending():
    assert "MDA" in set(active("CIS", TODAY).iso3)
    d = members()
    mda = d[(d.bloc == "CIS") & (d.iso3 == "MDA")].iloc[0]
    assert "12 months" in mda.note and "2026" in mda.note
