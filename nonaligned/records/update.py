"""`nonaligned data update`: merge a newer UN General Assembly voting release into a store.

Why this shape:

* **Only what is new is added.** The UN's file holds every recorded vote since 1946, most of which
  the store already has from Voeten's and unvotes' tables (without UN record ids). A roll call is
  added when its UN record id is not in the store, it is dated on or after the start of the UN's
  coverage in the store (``COVERAGE_FROM``, the first vote of session 75), and no stored roll call
  of that day has the same vote vector (:func:`undl.match_rollcalls`). Older records in the file
  are only compared with the store, and the comparison is reported.
* **Atomic.** The file is read and checked completely before the store is touched; the roll calls,
  votes, the copy kept for re-application and the release record are written in one transaction.
  An invalid file, an interruption or a kill leaves the store as it was.
* **Idempotent.** A second run of the same file adds nothing (every record id is then stored).
* **Kept across rebuilds.** ``nonaligned build`` replaces the record tables wholesale; the added
  roll calls are kept in the owned tables ``update_rollcalls`` / ``update_votes`` and put back by
  the loader for every record id the new bundle does not already hold.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pandas as pd

from ..errors import DataError
from ..store import Store
from .api import ISSUES
from .undl import UndlFile, iso3_cow_table, match_rollcalls, read_undl_csv

UN_RECORD = "https://digitallibrary.un.org/record/4060887"
UN_RECORD_XML = UN_RECORD + "/export/xm?ln=en"
COVERAGE_FROM = date(2020, 11, 5)  # first recorded vote of session 75: the UN data's start here
UNDL_RCID_OFFSET = 10_000_000  # a roll call only the UN data has: rcid = 10_000_000 + undl_id
MAX_DOWNLOAD = 2 * 1024**3  # the 2026 file is 364 MB; a larger answer is not that file
CSV_LINK = re.compile(r"(\d{4})_(\d{2})_(\d{2})_ga_voting\.csv$")


@dataclass
class UpdateReport:
    """What an update did, for the CLI summary and the release record."""

    file: str
    sha256: str
    rows: int
    rollcalls_in_file: int
    already_stored: int
    before_coverage: int
    matched_by_vector: int
    added: int
    added_votes: int
    first_added: date | None
    last_added: date | None
    compared: int
    disagreeing: int
    already_applied: bool = False


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def newest_csv_link(xml_text: str) -> str:
    """The newest ``YYYY_MM_DD_ga_voting.csv`` among a MARCXML record's file links (856 $u)."""
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError as exc:
        raise DataError(f"the UN Digital Library answered with unreadable XML ({exc})") from exc
    links = [
        (el.text or "").strip()
        for el in root.iter()
        if el.tag.endswith("subfield") and el.get("code") == "u"
    ]
    dated = sorted((m.groups(), u) for u in links if (m := CSV_LINK.search(u)))
    if not dated:
        raise DataError(
            f"the UN Digital Library record {UN_RECORD} lists no '*_ga_voting.csv' file; "
            "download the newest voting CSV yourself and run `nonaligned data update --from FILE`"
        )
    return dated[-1][1]


def fetch(dest: Path, *, timeout: float = 60.0) -> Path:
    """Download the newest UN voting CSV into ``dest`` (a folder); a clear error when offline."""
    try:
        with urllib.request.urlopen(UN_RECORD_XML, timeout=timeout) as resp:
            link = newest_csv_link(resp.read(10 * 1024**2).decode("utf-8", "replace"))
        out = dest / link.rsplit("/", 1)[-1]
        part = out.with_suffix(".part")
        with urllib.request.urlopen(link, timeout=timeout) as resp, part.open("wb") as fh:
            got = 0
            while chunk := resp.read(1 << 20):
                got += len(chunk)
                if got > MAX_DOWNLOAD:
                    raise DataError(
                        f"{link}: larger than {MAX_DOWNLOAD:,} bytes; not the voting CSV"
                    )
                fh.write(chunk)
        part.replace(out)
        return out
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DataError(
            f"cannot reach the UN Digital Library ({reason}); this machine seems to be offline. "
            f"Download the newest General Assembly voting CSV from {UN_RECORD} and run "
            "`nonaligned data update --from FILE`"
        ) from exc


def _iso_table(store: Store) -> pd.DataFrame:
    states = store.query('SELECT iso3, cow, start, "end" FROM states')
    periods = store.query('SELECT iso3, cow, start, "end" FROM states_iso_periods')
    return iso3_cow_table(states, periods)


def _new_rollcalls(store: Store, f: UndlFile) -> tuple[pd.DataFrame, dict[str, int]]:
    """The file's roll calls that are not in the store, with counts of what was set aside."""
    stored_ids = set(
        store.query("SELECT undl_id FROM rollcalls WHERE undl_id IS NOT NULL")["undl_id"]
        .astype("int64")
        .tolist()
    )
    rc = f.rollcalls
    known = rc["undl_id"].isin(stored_ids)
    early = ~known & (pd.to_datetime(rc["date"]) < pd.Timestamp(COVERAGE_FROM))
    cand = rc[~known & ~early]
    matched = 0
    if len(cand):
        days = sorted({d.isoformat() for d in cand["date"]})
        old_rc = store.query(
            "SELECT rcid, date, date_precision FROM rollcalls WHERE CAST(date AS VARCHAR) IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [days],
        )
        if len(old_rc):
            old_v = store.query(
                "SELECT rcid, cow, vote FROM votes WHERE rcid IN (SELECT unnest(?::INTEGER[]))",
                [old_rc["rcid"].astype("int64").tolist()],
            )
            new_v = f.votes[f.votes["undl_id"].isin(cand["undl_id"])]
            m = match_rollcalls(old_rc, old_v, cand, new_v)
            matched = int(m["undl_id"].nunique())
            cand = cand[~cand["undl_id"].isin(m["undl_id"])]
    return cand, {
        "already_stored": int(known.sum()),
        "before_coverage": int(early.sum()),
        "matched_by_vector": matched,
    }


def _compare(store: Store, f: UndlFile) -> tuple[int, int]:
    """(stored roll calls also in the file, how many of them differ in any state's vote)."""
    ids = f.rollcalls["undl_id"].astype("int64").tolist()
    stored = store.query(
        "SELECT r.undl_id, v.cow, v.vote FROM rollcalls r JOIN votes v USING (rcid) "
        "WHERE r.undl_id IN (SELECT unnest(?::INTEGER[]))",
        [ids],
    )
    if stored.empty:
        return 0, 0
    mine = f.votes[["undl_id", "cow", "vote"]].astype("int64")
    j = stored.astype("int64").merge(
        mine, on=["undl_id", "cow"], how="outer", suffixes=("_s", "_f")
    )
    j = j[j["undl_id"].isin(stored["undl_id"])]
    bad = j[j["vote_s"] != j["vote_f"]]["undl_id"].nunique()
    return int(stored["undl_id"].nunique()), int(bad)


def _rollcall_rows(new: pd.DataFrame, release: str) -> pd.DataFrame:
    from .issue_codes import predict

    text = new["descr"].where(new["descr"].notna(), new["title"]).fillna("")
    pred = predict(text.tolist())
    out = pd.DataFrame(
        {
            "rcid": (UNDL_RCID_OFFSET + new["undl_id"]).astype("int64"),
            "resid": None,
            "session": new["session"].astype("int64"),
            "date": pd.to_datetime(new["date"]).dt.date,
            "date_precision": "day",
            "year": pd.to_datetime(new["date"]).dt.year.astype("int64"),
            "unres": new["unres"],
            "short": None,
            "descr": new["descr"],
            "amend": 0,
            "para": 0,
            "importantvote": None,
            **{c: pred[c].astype("int64").to_numpy() for c in ISSUES},
            "emergency_session": new["emergency_session"],
            "source": "undl",
            "undl_id": new["undl_id"].astype("int64"),
            "title": new["title"],
            "issue_source": "predicted",
            "overlap_source": None,
            "overlap_differences": None,
            "release": release,
        }
    )
    return out.reset_index(drop=True)


def apply_update(store: Store, path: Path, *, origin: str = "file") -> UpdateReport:
    """Read, check and merge one UN voting CSV into ``store``; all or nothing."""
    sha = _sha256(path)
    applied = store.query("SELECT 1 FROM data_releases WHERE sha256 = ?", [sha])
    f = read_undl_csv(path, _iso_table(store))
    new, counts = _new_rollcalls(store, f)
    compared, disagreeing = _compare(store, f)
    rows = _rollcall_rows(new, sha[:12])
    votes = f.votes[f.votes["undl_id"].isin(new["undl_id"])].assign(
        rcid=lambda d: UNDL_RCID_OFFSET + d["undl_id"]
    )[["rcid", "cow", "vote"]]
    report = UpdateReport(
        file=path.name,
        sha256=sha,
        rows=len(f.votes),
        rollcalls_in_file=len(f.rollcalls),
        added=len(rows),
        added_votes=len(votes),
        first_added=min(rows["date"]) if len(rows) else None,
        last_added=max(rows["date"]) if len(rows) else None,
        compared=compared,
        disagreeing=disagreeing,
        already_applied=bool(len(applied)),
        **counts,
    )
    if report.already_applied and not len(rows):
        return report
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as con:
        if len(rows):
            con.register("_new_rc", rows)
            con.execute("INSERT INTO update_rollcalls BY NAME SELECT * FROM _new_rc")
            con.execute("INSERT INTO rollcalls BY NAME SELECT * EXCLUDE (release) FROM _new_rc")
            con.unregister("_new_rc")
            con.register("_new_v", votes)
            con.execute("INSERT INTO update_votes BY NAME SELECT * FROM _new_v")
            con.execute("INSERT INTO votes BY NAME SELECT * FROM _new_v")
            con.unregister("_new_v")
        con.execute(
            "INSERT OR REPLACE INTO data_releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                sha,
                path.name,
                origin,
                report.rows,
                report.rollcalls_in_file,
                report.added,
                report.first_added,
                report.last_added,
                now,
            ],
        )
        _bump(con)
    return report


def _bump(con: duckdb.DuckDBPyConnection) -> None:
    """A new votes state: cached estimates keyed on it (ideal points) are recomputed."""
    row = con.execute(
        "SELECT string_agg(sha256, ',' ORDER BY sha256) FROM data_releases"
    ).fetchone()
    key = hashlib.sha256(str(row[0] if row else "").encode()).hexdigest()
    con.execute("INSERT OR REPLACE INTO meta VALUES ('votes_updates', ?)", [key])


def reapply(con: duckdb.DuckDBPyConnection) -> int:
    """After a records reload: put back the updated roll calls the new bundle lacks."""
    n = con.execute(
        """SELECT count(*) FROM update_rollcalls u
           WHERE u.undl_id NOT IN (SELECT undl_id FROM rollcalls WHERE undl_id IS NOT NULL)"""
    ).fetchone()
    missing = int(n[0]) if n else 0
    if missing:
        con.execute(
            """CREATE TEMP TABLE _back AS SELECT * FROM update_rollcalls u
               WHERE u.undl_id NOT IN (SELECT undl_id FROM rollcalls WHERE undl_id IS NOT NULL)
                 AND u.rcid NOT IN (SELECT rcid FROM rollcalls)"""
        )
        con.execute("INSERT INTO rollcalls BY NAME SELECT * EXCLUDE (release) FROM _back")
        con.execute(
            "INSERT INTO votes BY NAME SELECT v.* FROM update_votes v JOIN _back USING (rcid)"
        )
        con.execute("DROP TABLE _back")
    return missing


def update_from(store: Store, source: Path | None, *, timeout: float = 60.0) -> UpdateReport:
    """``--from FILE`` or, without it, the newest file fetched from the UN Digital Library."""
    if source is not None:
        if not source.is_file():
            raise DataError(f"{source}: no such file (give the UN voting CSV you downloaded)")
        return apply_update(store, source, origin="file")
    with tempfile.TemporaryDirectory(prefix="nonaligned-update-") as tmp:
        return apply_update(store, fetch(Path(tmp), timeout=timeout), origin=UN_RECORD)
