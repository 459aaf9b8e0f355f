"""The UN Digital Library's General Assembly voting data: reading, checking, matching.

Why a module of its own: the same reader serves two callers. ``rebuild/votes.py`` merges the
bundled UNDL extracts (sessions 75-80, ES-10, ES-11) into the shipped roll calls, and
``nonaligned data update`` merges a newer release a user fetched or downloaded into a store. Both
must read the UN's file the same way, refuse it for the same reasons, and recognise a roll call the
store already holds in the same way: by its date and its vote vector, never by its title (titles are
cut at 120 characters upstream, and the older sources have none after 2019).

The UN's bulk file (record 4060887) has one row per Member State and recorded vote:
``undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft, committee_report, meeting,
title, agenda_title, subjects, vote_note, total_yes, total_no, total_abstentions,
total_non_voting, total_ms, undl_link``. Only ``undl_id, ms_code, ms_vote, date, session, title``
are required (the project's verified extracts carry just those and ``resolution``); the totals,
where present, are checked against the rows. ``ms_vote`` is Y / N / A, and X or empty for
non-voting (absent, not allowed to vote under Article 19, or not seated: the file does not say
which).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError

REQUIRED = ("undl_id", "ms_code", "ms_vote", "date", "session", "title")
# the UN file's declared totals per record, in the order they are checked
TOTALS = ("total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms")
VOTE_CODES = {"Y": 1, "A": 2, "N": 3, "X": 8, "": 8}
NONVOTING = 8
# A roll call is "the same" as a stored one when, on the same day (month, for the older sources'
# month-precise dates), at most this many of the states voting yes/abstain/no in either record
# differ. Measured on the 2020-2024 overlap with fpsim: 0-4 differences (Türkiye's votes missing
# upstream in session 78, a few late changes of vote); unrelated roll calls of one day differ
# on 20 or more.
MAX_DIFFERENCES = 8
MAX_LINE_CHARS = 100_000  # a longer CSV line is not a vote record (damaged file)
TITLE_SUFFIX = re.compile(
    r"\s*:\s*(?:(?:draft\s+)?(?:resolution|decision)s?\b.*|\.\.\.)$", re.IGNORECASE
)


@dataclass
class UndlFile:
    """One UN voting file read and checked: its roll calls and votes."""

    rollcalls: pd.DataFrame  # undl_id, date, session, emergency_session, title, descr, unres
    votes: pd.DataFrame  # undl_id, iso3, cow, vote


def clean_title(title: str | None) -> str | None:
    """The subject of a UN record title: "X : resolution / adopted by the General Assembly" -> X.

    The UN titles end with the document type; the older sources' descriptions (to 2019) are the
    bare subject, so stripping it lets a recurring resolution keep one text across 1946-2025.
    A title cut at 120 characters upstream stays cut (without its dots).
    """
    if title is None or not str(title).strip():
        return None
    t = str(title).strip()
    t = TITLE_SUFFIX.sub("", t)
    t = re.sub(r"\.\.\.$", "", t).strip()
    return t or None


def session_of(value: str, when: date) -> tuple[int, str | None]:
    """UN session key -> (regular session number, emergency session label or None).

    Keys as the UN writes them: "79" (regular), "ES-11" or "11emsp" (emergency special session),
    "S-10" or "10sp" (special session). Emergency and special sessions are filed under the
    regular session in progress on the day of the vote, as the older sources do: the regular
    session k opens in the second week of September of year 1945 + k.
    """
    key = str(value).strip()
    regular = when.year - 1945 if (when.month, when.day) >= (9, 10) else when.year - 1946
    if re.fullmatch(r"\d{1,3}", key):
        return int(key), None
    m = re.fullmatch(r"(?:ES-(\d{1,2})|(\d{1,2})emsp)", key, re.IGNORECASE)
    if m:
        return regular, f"ES-{m.group(1) or m.group(2)}"
    m = re.fullmatch(r"(?:S-(\d{1,2})|(\d{1,2})sp)", key, re.IGNORECASE)
    if m:
        return regular, None
    raise ValueError(f"session {value!r} is not a UN session key (79, ES-11, 11emsp, S-10, 10sp)")


def iso3_cow_table(states: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """(iso3, cow, start, end) spells from the bundled state tables, for a dated lookup."""
    cols = ["iso3", "cow", "start", "end"]
    both = pd.concat([periods[cols], states[cols]], ignore_index=True).dropna(subset=["iso3"])
    both["start"] = pd.to_datetime(both["start"], errors="coerce").fillna(
        pd.Timestamp("1000-01-01")
    )
    both["end"] = pd.to_datetime(both["end"], errors="coerce").fillna(pd.Timestamp("2999-12-31"))
    both["cow"] = both["cow"].astype("int64")
    return both.drop_duplicates().reset_index(drop=True)


def map_iso3(codes: pd.Series, dates: pd.Series, table: pd.DataFrame) -> pd.Series:
    """COW code of each (ISO3, date): the spell that contains the date, else the code's only COW.

    YUG and SCG (the FRY, and Serbia and Montenegro) are COW 345 like Serbia; successor-state
    codes are explicit in the state tables, never guessed here. Unknown codes give <NA>.
    """
    keys = pd.DataFrame({"iso3": codes.to_numpy(), "d": pd.to_datetime(dates).to_numpy()})
    uniq = keys.drop_duplicates().reset_index(drop=True)
    j = uniq.merge(table, on="iso3", how="left")
    inside = j[(j["d"] >= j["start"]) & (j["d"] <= j["end"])]
    inside = inside.sort_values("start").drop_duplicates(["iso3", "d"], keep="last")
    n_cow = table.groupby("iso3")["cow"].nunique()
    single = table.drop_duplicates("iso3").set_index("iso3")["cow"][n_cow == 1]
    uniq = uniq.merge(inside[["iso3", "d", "cow"]], on=["iso3", "d"], how="left")
    uniq["cow"] = uniq["cow"].astype("Int64").fillna(uniq["iso3"].map(single).astype("Int64"))
    out = keys.merge(uniq, on=["iso3", "d"], how="left")["cow"]
    return pd.Series(out.to_numpy(), index=codes.index, dtype="Int64")


def _sniff_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV with their line numbers, streamed (the UN's file is ~360 MB).

    Damage (bytes that are not UTF-8, NUL bytes, a line with the wrong number of fields, a
    quote left open by a cut) is a DataError naming the line.
    """
    try:
        fh = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    with fh:
        reader = csv.reader(fh)
        try:
            try:
                header = next(reader)
            except StopIteration as exc:
                raise DataError(f"{path}: empty file, not a UN voting CSV") from exc
            header = [h.strip().lower() for h in header]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise DataError(
                    f"{path}: not a UN General Assembly voting CSV: no column(s) "
                    f"{', '.join(missing)} (header is {','.join(header)[:200]!r})"
                )
            n = len(header)
            for row in reader:
                line = reader.line_num
                if not row:
                    continue
                if len(row) != n:
                    raise DataError(
                        f"{path} line {line}: {len(row)} fields where the header has {n} "
                        "(a truncated or damaged line)"
                    )
                if sum(len(c) for c in row) > MAX_LINE_CHARS or any("\x00" in c for c in row):
                    raise DataError(
                        f"{path} line {line}: not a vote record (NUL bytes or over "
                        f"{MAX_LINE_CHARS:,} characters): the file is damaged"
                    )
                yield line, dict(zip(header, row, strict=True))
        except UnicodeDecodeError as exc:
            raise DataError(
                f"{path} line {reader.line_num + 1}: not UTF-8 text ({exc.reason})"
            ) from exc
        except csv.Error as exc:
            raise DataError(
                f"{path} line {reader.line_num}: {exc} (a damaged or cut file)"
            ) from exc


def read_undl_csv(path: Path, iso_table: pd.DataFrame) -> UndlFile:
    """Read and check a UN voting CSV; any fault is a DataError naming the file and line.

    Checks: the required columns; a whole-number record id; ISO dates; a known session key;
    Y/N/A/X votes; known ISO3 codes; one row per (record, state); one date, session and title
    per record; and, where the file carries them, the yes/no/abstain/non-voting totals of every
    record equal its rows (a truncated file fails here: its last record is short).
    """
    recs: dict[int, dict[str, object]] = {}
    rows: list[tuple[int, str, int, int]] = []
    totals: dict[int, tuple[int, tuple[str, ...]]] = {}
    first_line: dict[int, int] = {}
    for line, r in _sniff_rows(path):
        uid_s = r["undl_id"].strip()
        if not uid_s.isdigit() or len(uid_s) > 9:
            raise DataError(f"{path} line {line}: undl_id {uid_s!r} is not a record number")
        uid = int(uid_s)
        try:
            d = date.fromisoformat(r["date"].strip()[:10])
        except ValueError as exc:
            raise DataError(
                f"{path} line {line}: date {r['date']!r} is not a YYYY-MM-DD date"
            ) from exc
        try:
            sess, es = session_of(r["session"], d)
        except ValueError as exc:
            raise DataError(f"{path} line {line}: {exc}") from exc
        v = r["ms_vote"].strip().upper()
        if v not in VOTE_CODES:
            raise DataError(
                f"{path} line {line}: vote {r['ms_vote']!r} is not Y, N, A or X (non-voting)"
            )
        code = r["ms_code"].strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise DataError(f"{path} line {line}: state code {r['ms_code']!r} is not ISO3")
        title = r["title"].strip()
        rec = recs.get(uid)
        if rec is None:
            recs[uid] = {
                "undl_id": uid,
                "date": d,
                "session": sess,
                "emergency_session": es,
                "title": title or None,
                "unres": (r.get("resolution") or "").strip() or None,
            }
            first_line[uid] = line
        elif rec["date"] != d or rec["session"] != sess:
            raise DataError(
                f"{path} line {line}: record {uid} has date/session {d}/{r['session']} here but "
                f"{rec['date']}/{rec['session']} on line {first_line[uid]}"
            )
        elif (title or None) != rec["title"]:
            raise DataError(
                f"{path} line {line}: record {uid} has another title here than on line "
                f"{first_line[uid]} (a cut or altered line)"
            )
        if uid not in totals and all(k in r for k in TOTALS[:3]):
            totals[uid] = (line, tuple(r.get(k, "").strip() for k in TOTALS))
        rows.append((line, code, uid, VOTE_CODES[v]))
    if not rows:
        raise DataError(f"{path}: has a header but no vote rows")

    votes = pd.DataFrame(rows, columns=["line", "iso3", "undl_id", "vote"])
    rc = pd.DataFrame(list(recs.values()))
    dates = votes["undl_id"].map(rc.set_index("undl_id")["date"])
    votes["cow"] = map_iso3(votes["iso3"], dates, iso_table)
    if votes["cow"].isna().any():
        row = votes[votes["cow"].isna()].iloc[0]
        raise DataError(
            f"{path} line {row.line}: state code {row.iso3} is not a known ISO3 code of a state"
        )
    # one row per state and record (a repeated code, or two codes of one state: YUG and SRB)
    dup = votes.duplicated(["undl_id", "cow"])
    if dup.any():
        row = votes[dup].iloc[0]
        raise DataError(
            f"{path} line {row.line}: a second vote of {row.iso3}'s state on record {row.undl_id}"
        )
    _check_record_sizes(path, votes)
    counts = votes.groupby("undl_id")["vote"].value_counts().unstack(fill_value=0)
    for uid, (line, t) in totals.items():
        if not t[0]:
            continue
        try:
            want = [int(float(x)) if x else None for x in t]
        except ValueError as exc:
            raise DataError(f"{path} line {line}: totals {t!r} are not numbers") from exc
        row_counts = {int(str(k)): int(str(c)) for k, c in counts.loc[uid].to_dict().items()}
        have = [row_counts.get(k, 0) for k in (1, 3, 2, NONVOTING)]
        have.append(sum(have))
        for name, w, h in zip(
            ("yes", "no", "abstain", "non-voting", "members"), want, have, strict=True
        ):
            if w is not None and w != h:
                raise DataError(
                    f"{path} line {line}: record {uid} declares {w} {name} but its rows give {h} "
                    "(a truncated or altered file)"
                )
    rc["descr"] = rc["title"].map(clean_title)
    rc = rc.sort_values(["date", "undl_id"]).reset_index(drop=True)
    return UndlFile(
        rollcalls=rc,
        votes=votes[["undl_id", "iso3", "cow", "vote"]].sort_values(["undl_id", "cow"]),
    )


def _check_record_sizes(path: Path, votes: pd.DataFrame) -> None:
    """A record with clearly fewer states than the one before it in the file is cut.

    UN membership never fell by more than two between two votes, so a record with fewer rows than
    its predecessor minus two is a truncated file (the totals check catches this too, but the
    project's extracts and some re-exports carry no totals).
    """
    order = votes.groupby("undl_id", sort=False)["line"].agg(["min", "max", "size"])
    order = order.sort_values("min")
    prev = order["size"].shift(1)
    short = order[order["size"] < prev - 2]
    if len(short):
        uid = short.index[0]
        raise DataError(
            f"{path} line {int(short.loc[uid, 'max'])}: record {uid} has {int(short.loc[uid, 'size'])} "
            f"states where the record before it has {int(prev[uid])} (a truncated file?)"
        )


def _wide(votes: pd.DataFrame, idcol: str, ids: list[int], cols: list[int]) -> np.ndarray:
    """Rows = roll calls, columns = states, 0 where the state did not vote yes/abstain/no."""
    v = votes[votes[idcol].isin(ids) & votes["vote"].isin([1, 2, 3])]
    out = np.zeros((len(ids), len(cols)), dtype=np.int8)
    ri = pd.Index(ids).get_indexer(pd.Index(v[idcol]))
    ci = pd.Index(cols).get_indexer(pd.Index(v["cow"]))
    out[ri, ci] = v["vote"].to_numpy()
    return out


def match_rollcalls(
    old_rc: pd.DataFrame,
    old_votes: pd.DataFrame,
    new_rc: pd.DataFrame,
    new_votes: pd.DataFrame,
    *,
    max_differences: int = MAX_DIFFERENCES,
) -> pd.DataFrame:
    """Pair stored roll calls (rcid) with UN records (undl_id) of the same date and vote vector.

    ``old_rc`` has rcid, date, date_precision ("day"/"month"); ``new_rc`` has undl_id, date.
    Within each day (or month, for month-precise stored dates) the pairs minimise the number of
    states whose yes/abstain/no differs (an assignment, so identical vectors pair one to one); a
    pair is kept when that number is at most ``max_differences``. A stored roll call left over
    that is within the threshold of an already paired UN record is a *duplicate upstream* (the
    same vote filed twice), returned with ``duplicate = True``.
    Returns rcid, undl_id, differences, duplicate.
    """
    from scipy.optimize import linear_sum_assignment

    cols = sorted(set(old_votes["cow"]) | set(new_votes["cow"]))
    o = old_rc[["rcid", "date", "date_precision"]].copy()
    o["date"] = pd.to_datetime(o["date"])
    n = new_rc[["undl_id", "date"]].copy()
    n["date"] = pd.to_datetime(n["date"])
    o["key"] = np.where(
        o["date_precision"] == "month",
        o["date"].dt.strftime("%Y-%m"),
        o["date"].dt.strftime("%Y-%m-%d"),
    )
    out: list[tuple[int, int, int, bool]] = []
    for key, grp in o.groupby("key"):
        k = str(key)
        cand = n[n["date"].dt.strftime("%Y-%m" if len(k) == 7 else "%Y-%m-%d") == k]
        if cand.empty:
            continue
        oi = grp["rcid"].tolist()
        ni = cand["undl_id"].tolist()
        a = _wide(old_votes, "rcid", oi, cols)
        b = _wide(new_votes, "undl_id", ni, cols)
        diff = (a[:, None, :] != b[None, :, :]).sum(-1)
        rows, colsel = linear_sum_assignment(diff)
        paired = set()
        for r, c in zip(rows, colsel, strict=True):
            if diff[r, c] <= max_differences:
                out.append((oi[r], ni[c], int(diff[r, c]), False))
                paired.add(r)
        for r in range(len(oi)):
            if r in paired:
                continue
            c = int(diff[r].argmin())
            if diff[r, c] <= max_differences and any(x[1] == ni[c] for x in out):
                out.append((oi[r], ni[c], int(diff[r, c]), True))
    return pd.DataFrame(out, columns=["rcid", "undl_id", "differences", "duplicate"])
