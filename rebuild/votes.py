"""Rebuild the UN General Assembly roll-call bundle (rollcalls.parquet, votes.parquet).

Sources (default ``../shared/data/external`` relative to the repository root):

* ``unvotes/voeten_2016_completevotes.parquet`` - Voeten's raw table (sessions 1-70) with
  absences (8) and non-membership (9), keyed by COW code.
* ``unvotes/un_roll_calls.parquet``, ``un_roll_call_issues.parquet``, ``un_votes.parquet`` -
  Robinson's unvotes package (2021 data, sessions 1-74, yes/abstain/no only, ISO2 + name).
* ``fpsim-unvotes/unga_votes_1946_2022.parquet`` - Miller's fpsim stack (to June 2024,
  keyed by UNGA-DM ``resid`` = session*1000+n, yes/abstain/no only).

Which source wins (see votes.SOURCE.md for the reasoning):

* a roll call in Voeten's 2016 table -> its votes come from that table (keeps 8 and 9);
* a roll call only in unvotes (paragraph / amendment votes of sessions 52-67 that the 2016
  table lacks, and sessions 71-74) -> unvotes votes, ISO2/name mapped to COW here;
* a roll call only in fpsim (sessions 75-78) -> fpsim votes, ``rcid = 1_000_000 + resid``.

fpsim resids of sessions 1-74 are matched to unvotes/Voeten rcids on (calendar month, vote
vector over all states except those touched by the Germany/Yemen/China/Ukraine/Belarus
cleanings); identical vectors in the same month are paired in id order, Voeten's rcids first.
Every fpsim resid of sessions 1-74 must match (checked), so nothing is counted twice. 18
unvotes rcids that repeat a whole-resolution vote already present are dropped
(``UNVOTES_DUPLICATES``).

Run:  .venv/bin/python rebuild/votes.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / ".." / "shared" / "data" / "external"
DEFAULT_OUT = REPO / "nonaligned" / "records" / "data"

FPSIM_RCID_OFFSET = 1_000_000  # rcid of an fpsim-only roll call = 1_000_000 + resid
LAST_MONTH_PRECISION_SESSION = 57  # Voeten's day field is a weekday number up to session 57

GERMAN_UNIFICATION = pd.Timestamp("1990-10-03")  # 260 West Germany before, 255 Germany from
YEMEN_UNIFICATION = pd.Timestamp("1990-05-22")  # 678 / 680 before, 679 Yemen from
# COW codes whose coding differs between Voeten, unvotes and fpsim (Miller's cleaning):
# left out of the vote vector used to match fpsim resids to rcids.
CLEANED_CODES = {255, 260, 678, 679, 680, 710, 713, 369, 370}

# Emergency special session roll calls in fpsim (no resolution symbol upstream), identified by
# date and tally against the UN record: A/RES/ES-10/21 (2023-10-27, 120-14-45),
# ES-10/22 (2023-12-12, 153-10-23), ES-10/23 (2024-05-10, 143-9-25).
FPSIM_EMERGENCY = {78015: "ES-10", 78034: "ES-10", 78001: "ES-10"}

# unvotes rows that repeat a whole-resolution vote already in Voeten's table / fpsim. unvotes
# (2021) added separate paragraph / amendment / motion votes for sessions 52-72, but these 18
# additions are, by their transcript excerpt (`descr`), the vote on the draft resolution as a
# whole ("... take a decision on draft resolution U, as orally amended. A recorded vote ...")
# and another rcid with the same resolution symbol, the same month and (almost) the same vote
# vector is already there. The duplicate (key) is dropped; the kept rcid (value) has a resid.
# Checked below: same session, symbol and month, at most 5 of ~180 country positions differ.
UNVOTES_DUPLICATES = {
    5695: 4379, 5696: 4380, 5700: 4391, 5702: 4393, 5740: 4587, 5763: 4652,
    5798: 4735, 5804: 4749, 5813: 4786, 5817: 4814, 5841: 4889, 5884: 5100,
    5919: 5179, 5938: 5248, 6006: 5569, 6026: 4064, 6048: 4160, 6049: 4162,
}  # fmt: skip
MAX_DUPLICATE_DIFFERENCES = 5

# unvotes ISO2 (from countrycode(cown -> iso2c)) -> COW. Checked against Voeten's table below.
# fmt: off
ISO2_COW = {
    "AD": 232, "AE": 696, "AF": 700, "AG": 58, "AL": 339, "AM": 371, "AO": 540, "AR": 160, "AT": 305,
    "AU": 900, "AZ": 373, "BA": 346, "BB": 53, "BD": 771, "BE": 211, "BF": 439, "BG": 355, "BH": 692,
    "BI": 516, "BJ": 434, "BN": 835, "BO": 145, "BR": 140, "BS": 31, "BT": 760, "BW": 571, "BY": 370,
    "BZ": 80, "CA": 20, "CD": 490, "CF": 482, "CG": 484, "CH": 225, "CI": 437, "CL": 155, "CM": 471,
    "CN": 710, "CO": 100, "CR": 94, "CS": 315, "CU": 40, "CV": 402, "CY": 352, "CZ": 316, "DD": 265,
    "DE": 255, "DJ": 522, "DK": 390, "DM": 54, "DO": 42, "DZ": 615, "EC": 130, "EE": 366, "EG": 651,
    "ER": 531, "ES": 230, "ET": 530, "FI": 375, "FJ": 950, "FM": 987, "FR": 220, "GA": 481, "GB": 200,
    "GD": 55, "GE": 372, "GH": 452, "GM": 420, "GN": 438, "GQ": 411, "GR": 350, "GT": 90, "GW": 404,
    "GY": 110, "HN": 91, "HR": 344, "HT": 41, "HU": 310, "ID": 850, "IE": 205, "IL": 666, "IN": 750,
    "IQ": 645, "IR": 630, "IS": 395, "IT": 325, "JM": 51, "JO": 663, "JP": 740, "KE": 501, "KG": 703,
    "KH": 811, "KI": 946, "KM": 581, "KN": 60, "KP": 731, "KR": 732, "KW": 690, "KZ": 705, "LA": 812,
    "LB": 660, "LC": 56, "LI": 223, "LK": 780, "LR": 450, "LS": 570, "LT": 368, "LU": 212, "LV": 367,
    "LY": 620, "MA": 600, "MC": 221, "MD": 359, "ME": 341, "MG": 580, "MH": 983, "MK": 343, "ML": 432,
    "MM": 775, "MN": 712, "MR": 435, "MT": 338, "MU": 590, "MV": 781, "MW": 553, "MX": 70, "MY": 820,
    "MZ": 541, "NA": 565, "NE": 436, "NG": 475, "NI": 93, "NL": 210, "NO": 385, "NP": 790, "NR": 970,
    "NZ": 920, "OM": 698, "PA": 95, "PE": 135, "PG": 910, "PH": 840, "PK": 770, "PL": 290, "PT": 235,
    "PW": 986, "PY": 150, "QA": 694, "RO": 360, "RU": 365, "RW": 517, "SA": 670, "SB": 940, "SC": 591,
    "SD": 625, "SE": 380, "SG": 830, "SI": 349, "SK": 317, "SL": 451, "SM": 331, "SN": 433, "SO": 520,
    "SR": 115, "SS": 626, "ST": 403, "SV": 92, "SY": 652, "SZ": 572, "TD": 483, "TG": 461, "TH": 800,
    "TJ": 702, "TL": 860, "TM": 701, "TN": 616, "TO": 955, "TR": 640, "TT": 52, "TV": 947, "TW": 713,
    "TZ": 510, "UA": 369, "UG": 500, "US": 2, "UY": 165, "UZ": 704, "VC": 57, "VE": 101, "VN": 816,
    "VU": 935, "WS": 990, "YD": 680, "YE": 679, "YU": 345, "ZA": 560, "ZM": 551, "ZW": 552,
}
# fmt: on
# Names whose ISO2 is NA in unvotes (and Namibia, whose ISO2 "NA" some readers turn into null).
NAME_COW = {
    "Zanzibar": 511,
    "Namibia": 565,
    "Yemen Arab Republic": 678,
    "Federal Republic of Germany": 260,
}

ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
VOTE_CODE = {"yes": 1, "abstain": 2, "no": 3}

ROLLCALL_SCHEMA = pa.schema(
    [
        ("rcid", pa.int32()),
        ("resid", pa.int32()),
        ("session", pa.int16()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("year", pa.int16()),
        ("unres", pa.string()),
        ("short", pa.string()),
        ("descr", pa.string()),
        ("amend", pa.int8()),
        ("para", pa.int8()),
        ("importantvote", pa.int8()),
        *[(c, pa.int8()) for c in ISSUES],
        ("emergency_session", pa.string()),
        ("source", pa.string()),
        ("undl_id", pa.int32()),
        ("title", pa.string()),
        ("issue_source", pa.string()),
        ("overlap_source", pa.string()),
        ("overlap_differences", pa.int16()),
    ]
)
VOTE_SCHEMA = pa.schema([("rcid", pa.int32()), ("cow", pa.int16()), ("vote", pa.int8())])


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def check(cond: object, msg: str) -> None:
    if not cond:
        raise SystemExit(f"votes.py: check failed: {msg}")


# --------------------------------------------------------------------------- loading


def load(source: Path) -> dict[str, pd.DataFrame]:
    un = source / "unvotes"
    fp = source / "fpsim-unvotes"
    return {
        "rc": pd.read_parquet(un / "un_roll_calls.parquet"),
        "issues": pd.read_parquet(un / "un_roll_call_issues.parquet"),
        "uv": pd.read_parquet(un / "un_votes.parquet"),
        "v": pd.read_parquet(un / "voeten_2016_completevotes.parquet"),
        "f": pd.read_parquet(fp / "unga_votes_1946_2022.parquet"),
    }


# --------------------------------------------------------------------------- COW cleaning


def clean_voeten(v: pd.DataFrame) -> pd.DataFrame:
    """Voeten 2016 rows -> (rcid, cow, vote) with the COW successions applied."""
    d = v[["rcid", "ccode", "vote", "date"]].rename(columns={"ccode": "cow"}).copy()
    # Yemen: the 45th session (Nov-Dec 1990) is after unification; Voeten still codes 678.
    yem = (d.cow == 678) & (d.date >= YEMEN_UNIFICATION)
    check(
        not ((d.cow == 679) & d.rcid.isin(d.loc[yem, "rcid"])).any(), "678 and 679 on one roll call"
    )
    log(f"  Yemen 678 -> 679 after {YEMEN_UNIFICATION.date()}: {int(yem.sum())} rows")
    d.loc[yem, "cow"] = 679
    # Germany: Voeten already uses 255 from the 45th session; enforce the rule anyway.
    ger = (d.cow == 260) & (d.date >= GERMAN_UNIFICATION)
    log(f"  Germany 260 -> 255 after {GERMAN_UNIFICATION.date()}: {int(ger.sum())} rows")
    d.loc[ger, "cow"] = 255
    # China: where the ROC (713) still held the seat (26th session up to the votes on
    # resolution 2758), Voeten codes the PRC (710) as absent (8). It was not seated: 9.
    roc_seated = set(d.loc[(d.cow == 713) & (d.vote != 9), "rcid"])
    prc = (d.cow == 710) & d.rcid.isin(roc_seated) & (d.vote != 9)
    check(set(d.loc[prc, "vote"]) <= {8}, "PRC cast a vote while the ROC held the seat")
    log(f"  China: 710 absent -> not a member while 713 seated: {int(prc.sum())} rows")
    d.loc[prc, "vote"] = 9
    check(not d.duplicated(["rcid", "cow"]).any(), "duplicate (rcid, cow) in Voeten after cleaning")
    return d[["rcid", "cow", "vote"]]


def map_unvotes(uv: pd.DataFrame, rc: pd.DataFrame) -> pd.DataFrame:
    """unvotes rows -> (rcid, cow, vote); ISO2 first, names where ISO2 is missing."""
    d = uv.merge(rc[["rcid", "date"]], on="rcid", how="left")
    cow = d.country_code.map(ISO2_COW)
    cow = cow.where(cow.notna(), d.country.map(NAME_COW))
    check(cow.notna().all(), f"unmapped unvotes countries: {sorted(set(d.country[cow.isna()]))}")
    c = cow.astype("int64").to_numpy()
    c = np.where((c == 260) & (d.date >= GERMAN_UNIFICATION), 255, c)
    c = np.where((c == 678) & (d.date >= YEMEN_UNIFICATION), 679, c)
    out = pd.DataFrame({"rcid": d.rcid.astype("int64"), "cow": c, "vote": d.vote.map(VOTE_CODE)})
    check(out.vote.notna().all(), "unexpected unvotes vote value")
    check(not out.duplicated(["rcid", "cow"]).any(), "duplicate (rcid, cow) in unvotes")
    return out


# --------------------------------------------------------------------------- matching


def vector_keys(df: pd.DataFrame, idcol: str) -> pd.Series[str]:
    d = df[~df.cow.isin(CLEANED_CODES)].sort_values([idcol, "cow"])
    txt = d.cow.astype(str) + ":" + d.vote.astype(str)
    joined = txt.groupby(d[idcol], sort=True).agg(",".join)
    return joined.map(lambda s: hashlib.sha1(s.encode()).hexdigest())


def match_fpsim(
    u_votes: pd.DataFrame,
    u_rc: pd.DataFrame,
    in_voeten: set[int],
    f_votes: pd.DataFrame,
    f_rc: pd.DataFrame,
) -> pd.DataFrame:
    """Pair fpsim resids with rcids: same calendar month and same vote vector."""
    ku = vector_keys(u_votes, "rcid").rename("key").reset_index()
    ku = ku.merge(u_rc[["rcid", "date"]], on="rcid")
    kf = (
        vector_keys(f_votes, "resid")
        .rename("key")
        .reset_index()
        .merge(f_rc[["resid", "date"]], on="resid")
    )
    for k in (ku, kf):
        k["ym"] = k.date.dt.year * 100 + k.date.dt.month
    ku["pri"] = (~ku.rcid.isin(in_voeten)).astype(int)  # Voeten rcids first
    ku = ku.sort_values(["key", "ym", "pri", "rcid"])
    kf = kf.sort_values(["key", "ym", "resid"])
    ku["r"] = ku.groupby(["key", "ym"]).cumcount()
    kf["r"] = kf.groupby(["key", "ym"]).cumcount()
    m = ku.merge(kf, on=["key", "ym", "r"], suffixes=("_u", "_f"))[["rcid", "resid"]]
    return m.sort_values("rcid").reset_index(drop=True)


# --------------------------------------------------------------------------- build


def emergency_from_unres(unres: pd.Series) -> pd.Series:
    s = unres.fillna("")
    n = s.str.extract(r"^ESS/(\d+)/", expand=False)
    n = n.fillna(s.str.extract(r"ES-(\d+)/", expand=False))
    return ("ES-" + n).where(n.notna(), None)


def check_duplicates(rc: pd.DataFrame, u_votes: pd.DataFrame, with_resid: set[int]) -> None:
    meta = rc.set_index("rcid")
    sym = meta.unres.fillna("").str.replace("A/RES/", "R/", regex=False).str.strip()
    month = meta.date.dt.to_period("M")
    for dup, keep in sorted(UNVOTES_DUPLICATES.items()):
        check(dup not in with_resid and keep in with_resid, f"duplicate pair {dup}->{keep}: resid")
        check(meta.session[dup] == meta.session[keep], f"duplicate pair {dup}->{keep}: session")
        check(sym[dup] == sym[keep] != "", f"duplicate pair {dup}->{keep}: symbol")
        check(month[dup] == month[keep], f"duplicate pair {dup}->{keep}: month")
        a = u_votes[u_votes.rcid == dup].set_index("cow").vote
        b = u_votes[u_votes.rcid == keep].set_index("cow").vote
        both = a.index.intersection(b.index)
        diff = int((a[both] != b[both]).sum()) + len(a.index.symmetric_difference(b.index))
        check(
            diff <= MAX_DUPLICATE_DIFFERENCES, f"duplicate pair {dup}->{keep}: {diff} differences"
        )


def build(source: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    src = load(source)
    rc, issues, uv, v, f = src["rc"], src["issues"], src["uv"], src["v"], src["f"]
    stats: dict[str, Any] = {}

    check(rc.rcid.is_unique, "un_roll_calls rcid not unique")
    in_voeten = set(v.rcid)
    check(in_voeten <= set(rc.rcid), "Voeten rcid missing from un_roll_calls")

    log("Voeten 2016 raw table:")
    v_votes = clean_voeten(v)
    u_votes = map_unvotes(uv, rc)

    # unvotes must agree with Voeten on every yes/abstain/no row of Voeten's roll calls.
    vy = v_votes[v_votes.vote.isin([1, 2, 3])]
    uy = u_votes[u_votes.rcid.isin(in_voeten)]
    j = vy.merge(uy, on=["rcid", "cow"], how="outer", suffixes=("_v", "_u"), indicator=True)
    stats["voeten_unvotes_disagree"] = int(
        (j._merge != "both").sum() + (j.vote_v != j.vote_u).sum()
    )
    log(
        f"  unvotes vs Voeten on Voeten roll calls: {len(j)} rows, {stats['voeten_unvotes_disagree']} disagree"
    )
    check(stats["voeten_unvotes_disagree"] == 0, "unvotes and Voeten disagree")

    # fpsim: drop exact duplicate rows, modal date per resid.
    f = f.rename(columns={"ccode": "cow"})
    dups = f[f.duplicated(["resid", "cow"], keep=False)]
    check(
        dups.groupby(["resid", "cow"]).vote.nunique().max() == 1 if len(dups) else True,
        "conflicting fpsim dups",
    )
    stats["fpsim_duplicate_rows"] = int(f.duplicated(["resid", "cow"]).sum())
    f = f.sort_values(["resid", "cow", "date"]).drop_duplicates(["resid", "cow"])
    dc = f.groupby(["resid", "date"]).size().rename("k").reset_index()
    dc = dc.sort_values(["resid", "k", "date"], ascending=[True, False, True]).drop_duplicates(
        "resid"
    )
    f_rc = dc[["resid", "date"]].reset_index(drop=True)
    f_rc["session"] = f_rc.resid // 1000
    stats["fpsim_multi_date_resids"] = int((f.groupby("resid").date.nunique() > 1).sum())
    f_votes = f[["resid", "cow", "vote"]]

    m = match_fpsim(u_votes, rc, in_voeten, f_votes, f_rc)
    check(m.rcid.is_unique and m.resid.is_unique, "non 1-1 match")
    f_early = f_rc[f_rc.session <= int(rc.session.max())]
    unmatched_early = sorted(set(f_early.resid) - set(m.resid))
    stats.update(
        fpsim_resids=len(f_rc),
        fpsim_resids_to_s74=len(f_early),
        fpsim_matched=len(m),
        fpsim_unmatched_to_s74=unmatched_early,
        voeten_rcids=len(in_voeten),
        voeten_rcids_matched=int(m.rcid.isin(in_voeten).sum()),
        unvotes_rcids=len(rc),
    )
    log(
        f"fpsim match: {len(m)} of {len(f_early)} resids in sessions 1-{int(rc.session.max())} matched; "
        f"{stats['voeten_rcids_matched']} of {len(in_voeten)} Voeten rcids, {len(m)} of {len(rc)} unvotes rcids"
    )
    check(not unmatched_early, f"fpsim resids without rcid: {unmatched_early[:20]}")
    # sessions of matched pairs agree
    chk = m.merge(rc[["rcid", "session"]], on="rcid")
    stats["match_session_differs"] = int((chk.session != chk.resid // 1000).sum())

    # unvotes' repeated whole-resolution votes
    check_duplicates(rc, u_votes, set(m.rcid))
    stats["unvotes_duplicates_dropped"] = len(UNVOTES_DUPLICATES)
    rc = rc[~rc.rcid.isin(UNVOTES_DUPLICATES)]
    u_votes = u_votes[~u_votes.rcid.isin(UNVOTES_DUPLICATES)]

    # ------------------------------------------------------------ roll calls
    iss = issues.assign(x=1).pivot_table(
        index="rcid", columns="short_name", values="x", fill_value=0
    )
    iss = iss.reindex(columns=ISSUES, fill_value=0)
    r = rc.merge(m, on="rcid", how="left").merge(iss, left_on="rcid", right_index=True, how="left")
    for c in ISSUES:
        r[c] = r[c].fillna(0)
    r["source"] = np.where(r.rcid.isin(in_voeten), "voeten2016", "unvotes")
    month = r.rcid.isin(in_voeten) & (r.session <= LAST_MONTH_PRECISION_SESSION)
    r["date_precision"] = np.where(month, "month", "day")
    r.loc[month, "date"] = r.loc[month, "date"].dt.to_period("M").dt.to_timestamp()
    r["emergency_session"] = emergency_from_unres(r.unres)
    r["unres"] = r.unres.where(r.unres.fillna("").str.strip() != "", None)

    fo = f_rc[~f_rc.resid.isin(m.resid)].copy()
    fo["rcid"] = FPSIM_RCID_OFFSET + fo.resid
    fo["source"] = "fpsim"
    fo["date_precision"] = "day"
    fo["emergency_session"] = fo.resid.map(FPSIM_EMERGENCY)
    check(set(FPSIM_EMERGENCY) <= set(fo.resid), "FPSIM_EMERGENCY resid not fpsim-only")
    rollcalls = pd.concat([r, fo], ignore_index=True, sort=False)
    rollcalls["year"] = rollcalls.date.dt.year
    rollcalls = rollcalls.sort_values("rcid").reset_index(drop=True)
    check(rollcalls.rcid.is_unique, "rcid not unique")

    # ------------------------------------------------------------ votes
    fo_votes = f_votes[f_votes.resid.isin(fo.resid)].assign(
        rcid=lambda d: FPSIM_RCID_OFFSET + d.resid
    )
    votes = pd.concat(
        [
            v_votes,
            u_votes[~u_votes.rcid.isin(in_voeten)],
            fo_votes[["rcid", "cow", "vote"]],
        ],
        ignore_index=True,
    )
    votes = votes.sort_values(["rcid", "cow"]).reset_index(drop=True)
    check(not votes.duplicated(["rcid", "cow"]).any(), "(rcid, cow) not unique")
    check(
        set(votes.rcid) == set(rollcalls.rcid),
        "roll calls without votes or votes without roll call",
    )
    return rollcalls, votes, stats


def source_counts(rollcalls: pd.DataFrame, votes: pd.DataFrame, stats: dict[str, Any]) -> None:
    stats["by_source"] = (
        votes.merge(rollcalls[["rcid", "source"]], on="rcid")
        .groupby("source")
        .agg(rollcalls=("rcid", "nunique"), rows=("rcid", "size"))
        .to_dict("index")
    )


# --------------------------------------------------------------------------- UN Digital Library

UNDL_DIR = "undl-ga-votes"
UNDL_FILES = (
    "ga_votes_2020_2024_undl_v5.csv",  # sessions 75-77 and ES-10 before 2024-06-05
    "ga_votes_2024_2025_undl_v5.csv",  # session 78 (all), 79, 80 and ES-10 from 2024-06-05
    "es11_ga_votes_undl_v5.csv",  # ES-11 (Ukraine), nine votes 2022-2025
)


def read_undl(source: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The three verified UNDL extracts, read and checked by the package's own reader."""
    from nonaligned.records.undl import iso3_cow_table, read_undl_csv

    states = pd.read_csv(DEFAULT_OUT / "states.csv", dtype=str, keep_default_na=False)
    periods = pd.read_csv(DEFAULT_OUT / "states_iso_periods.csv", dtype=str, keep_default_na=False)
    table = iso3_cow_table(states.replace("", None), periods.replace("", None))
    files = [read_undl_csv(source / UNDL_DIR / f, table) for f in UNDL_FILES]
    rc = pd.concat([f.rollcalls for f in files], ignore_index=True)
    v = pd.concat([f.votes for f in files], ignore_index=True)
    check(rc.undl_id.is_unique, "a UNDL record in two extract files")
    return rc, v


def predict_issues(titles: pd.Series) -> pd.DataFrame:
    """Voeten's six issue flags predicted from titles by the project's shipped classifier."""
    from nonaligned.records.issue_codes import predict

    return predict([t if isinstance(t, str) else "" for t in titles]).set_index(titles.index)


def merge_undl(
    rollcalls: pd.DataFrame, votes: pd.DataFrame, source: Path, stats: dict[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Merge the UN's own records (sessions 75-80, ES-10, ES-11) without double counting.

    Which source wins: the UN's, for every roll call it has. It is the publisher's record, checked
    against the official tallies, and it keeps non-voting (X -> 8) for every Member State where
    fpsim kept only yes/abstain/no. A stored roll call the UN record matches (same day, vote
    vectors within ``MAX_DIFFERENCES`` states) keeps its rcid (users' ids stay valid) but takes
    the UN's votes, date and title; ``overlap_source`` says which copy it replaced and
    ``overlap_differences`` how many states' yes/abstain/no differed. A stored roll call that
    matches a UN record already paired is the same vote filed twice upstream and is dropped.
    A UN record with no stored counterpart is new: ``rcid = 10_000_000 + undl_id``.
    """
    from nonaligned.records.undl import MAX_DIFFERENCES, match_rollcalls
    from nonaligned.records.update import UNDL_RCID_OFFSET

    urc, uv = read_undl(source)
    log(f"UNDL extracts: {len(urc)} roll calls, {len(uv)} votes")
    m = match_rollcalls(rollcalls, votes, urc, uv)
    pairs = m[~m.duplicate]
    dups = m[m.duplicate]
    check(pairs.rcid.is_unique and pairs.undl_id.is_unique, "UNDL match not one to one")
    src = rollcalls.set_index("rcid").source
    fpsim = set(rollcalls.loc[rollcalls.source == "fpsim", "rcid"])
    left = sorted(fpsim - set(m.rcid))
    check(not left, f"fpsim roll calls with no UN record: {left[:10]}")
    stats.update(
        undl_rollcalls=len(urc),
        undl_matched=len(pairs),
        undl_matched_by_source=pairs.rcid.map(src).value_counts().to_dict(),
        undl_match_differences=pairs.differences.value_counts().sort_index().to_dict(),
        undl_max_differences=MAX_DIFFERENCES,
        upstream_duplicates_dropped=dups.rcid.tolist(),
        undl_new=len(urc) - len(pairs),
    )
    log(
        f"  matched {len(pairs)} stored roll calls ({stats['undl_matched_by_source']}); "
        f"{len(dups)} stored duplicates dropped {dups.rcid.tolist()}; {stats['undl_new']} new"
    )

    rollcalls = rollcalls[~rollcalls.rcid.isin(dups.rcid)].copy()
    votes = votes[~votes.rcid.isin(dups.rcid) & ~votes.rcid.isin(pairs.rcid)]
    rcid_of = dict(zip(pairs.undl_id, pairs.rcid, strict=True))
    urc = urc.assign(
        rcid=urc.undl_id.map(lambda u: rcid_of.get(u, UNDL_RCID_OFFSET + u)).astype("int64")
    )
    uvotes = uv.assign(rcid=uv.undl_id.map(urc.set_index("undl_id").rcid))[["rcid", "cow", "vote"]]

    old = rollcalls.set_index("rcid")
    new = urc.set_index("rcid")
    diff_of = pairs.set_index("rcid").differences
    rows = []
    for rcid, u in new.iterrows():
        o = old.loc[rcid] if rcid in old.index else None
        date = pd.Timestamp(u.date)
        if o is not None:
            check(
                abs((pd.Timestamp(o.date) - date).days) <= 31,
                f"rcid {rcid} and UN record {u.undl_id} dates far apart",
            )
        coded = o is not None and pd.notna(o.hr)
        row = {
            "rcid": rcid,
            "resid": o.resid if o is not None else None,
            "session": int(u.session),
            "date": date,
            "date_precision": "day",
            "unres": (o.unres if o is not None and pd.notna(o.unres) else None) or u.unres,
            "short": o.short if o is not None else None,
            "descr": (o.descr if o is not None and pd.notna(o.descr) else None) or u.descr,
            "amend": 0,  # the UN's voting records are votes on whole resolutions and decisions
            "para": 0,
            "importantvote": o.importantvote if o is not None else None,
            **{c: (o[c] if coded else None) for c in ISSUES},
            "emergency_session": u.emergency_session
            if isinstance(u.emergency_session, str)
            else (o.emergency_session if o is not None else None),
            "source": "undl",
            "undl_id": int(u.undl_id),
            "title": u.title,
            "issue_source": "coded" if coded else None,
            "overlap_source": o.source if o is not None else None,
            "overlap_differences": int(diff_of[rcid]) if rcid in diff_of.index else None,
        }
        rows.append(row)
    undl_rc = pd.DataFrame(rows)
    moved = undl_rc[undl_rc.overlap_source.notna()]
    sess_old = old.loc[moved.rcid, "session"].to_numpy()
    stats["undl_session_differs"] = int((sess_old != moved.session.to_numpy()).sum())

    rollcalls = rollcalls[~rollcalls.rcid.isin(undl_rc.rcid)]
    rollcalls = rollcalls.assign(
        undl_id=None,
        title=None,
        issue_source=np.where(rollcalls.hr.notna(), "coded", None),
        overlap_source=None,
        overlap_differences=None,
    )
    out = pd.concat([rollcalls, undl_rc], ignore_index=True, sort=False)
    # roll calls never issue-coded upstream get the classifier's flags, marked as predicted
    todo = out.hr.isna()
    text = out.loc[todo, "descr"].where(out.loc[todo, "descr"].notna(), out.loc[todo, "title"])
    pred = predict_issues(text)
    for c in ISSUES:
        out.loc[todo, c] = pred[c].astype("int64")
    out.loc[todo, "issue_source"] = "predicted"
    stats["issues_predicted"] = int(todo.sum())
    out["year"] = pd.to_datetime(out.date).dt.year
    out["date"] = pd.to_datetime(out.date)
    out = out.sort_values("rcid").reset_index(drop=True)
    votes = pd.concat([votes, uvotes], ignore_index=True).sort_values(["rcid", "cow"])
    votes = votes.reset_index(drop=True)
    check(out.rcid.is_unique, "rcid not unique after the UNDL merge")
    check(not votes.duplicated(["rcid", "cow"]).any(), "(rcid, cow) not unique after the merge")
    check(set(votes.rcid) == set(out.rcid), "roll calls without votes after the merge")
    return out, votes


def to_table(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    cols = {}
    for field in schema:
        s = df[field.name]
        if pa.types.is_date32(field.type):
            cols[field.name] = pa.array(s.dt.date, type=field.type)
        elif pa.types.is_integer(field.type):
            cols[field.name] = pa.array(
                [None if pd.isna(x) else int(x) for x in s]
                if s.isna().any()
                else s.astype("int64").to_numpy(),
                type=field.type,
            )
        else:
            cols[field.name] = pa.array(
                [None if pd.isna(x) else str(x) for x in s], type=field.type
            )
    return pa.table(cols, schema=schema)


def write(table: pa.Table, path: Path) -> None:
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="folder holding unvotes/ and fpsim-unvotes/",
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    a = ap.parse_args(argv)
    rollcalls, votes, stats = build(a.source.resolve())
    rollcalls, votes = merge_undl(rollcalls, votes, a.source.resolve(), stats)
    source_counts(rollcalls, votes, stats)
    a.out.mkdir(parents=True, exist_ok=True)
    write(to_table(rollcalls, ROLLCALL_SCHEMA), a.out / "rollcalls.parquet")
    write(to_table(votes, VOTE_SCHEMA), a.out / "votes.parquet")
    for k, val in stats.items():
        log(f"  {k}: {val}")
    print(f"rollcalls.parquet: {len(rollcalls)} rows")
    print(f"votes.parquet: {len(votes)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
