"""`nonaligned data update`: a UN voting release merged into a store, offline.

The fixtures are written by code in the UN's bulk CSV format (the 20 columns of the Digital
Library's file, totals included): a few existing roll calls of the store (so the file overlaps
what is stored, as a real release does) and new roll calls dated after the bundle. No test makes
a network call: the fetch path is tested with a MARCXML answer built here and an unreachable URL.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from nonaligned.errors import DataError
from nonaligned.records import update as upd
from nonaligned.store import Store

HEADER = [
    "undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
    "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes",
    "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link",
]  # fmt: skip
MEMBERS_ON = "2025-12-18"


def members(store: Store) -> list[str]:
    """The 193 ISO3 codes of the UN's last recorded vote in the store."""
    df = store.query(
        """SELECT DISTINCT s.iso3 FROM votes v JOIN rollcalls r USING (rcid)
           JOIN states s ON s.cow = v.cow WHERE r.date = ? ORDER BY 1""",
        [MEMBERS_ON],
    )
    return df["iso3"].tolist()


def write_un_csv(path: Path, records: list[dict[str, object]]) -> None:
    """One row per (record, state) with the record's totals, as the UN writes them."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for r in records:
            votes: dict[str, str] = r["votes"]  # type: ignore[assignment]
            t = {k: sum(1 for v in votes.values() if v == k) for k in "YNAX"}
            for iso3, v in sorted(votes.items()):
                w.writerow(
                    [
                        r["undl_id"], iso3, iso3, v, r["date"], r["session"], r.get("symbol", ""),
                        "", "", "", r["title"], "", "", "", f"{t['Y']}.0", f"{t['N']}.0",
                        f"{t['A']}.0", f"{t['X']}.0", f"{len(votes)}.0",
                        f"https://digitallibrary.un.org/record/{r['undl_id']}",
                    ]
                )  # fmt: skip


def new_records(codes: list[str], n: int, seed: int = 1) -> list[dict[str, object]]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        v = rng.choice(list("YYYYYNAX"), size=len(codes))
        out.append(
            {
                "undl_id": 5_000_000 + i,
                "date": f"2026-0{1 + i % 9}-{10 + i % 15:02d}",
                "session": "80",
                "title": f"Situation of human rights in country {i} : resolution / adopted by the General Assembly",
                "votes": dict(zip(codes, v.tolist(), strict=True)),
            }
        )
    return out


def stored_records(store: Store, n: int) -> list[dict[str, object]]:
    """The store's last ``n`` UN roll calls, written back in the UN's format."""
    rc = store.query(
        "SELECT rcid, undl_id, date, session, title FROM rollcalls WHERE undl_id IS NOT NULL "
        "AND emergency_session IS NULL ORDER BY date DESC, rcid LIMIT ?",
        [n],
    )
    out = []
    for r in rc.itertuples():
        v = store.query(
            "SELECT s.iso3, v.vote FROM votes v JOIN states s ON s.cow = v.cow WHERE v.rcid = ?",
            [int(r.rcid)],
        )
        code = {1: "Y", 2: "A", 3: "N", 8: "X"}
        out.append(
            {
                "undl_id": int(r.undl_id),
                "date": str(r.date)[:10],
                "session": str(r.session),
                "title": r.title,
                "votes": {a: code[int(b)] for a, b in zip(v.iso3, v.vote, strict=True)},
            }
        )
    return out


@pytest.fixture
def store_copy(built_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "update.duckdb"
    shutil.copyfile(built_db, path)
    return path


def counts(path: Path) -> tuple[int, int, int]:
    with Store.open(path, read_only=True) as s:
        row = s.con.execute(
            "SELECT (SELECT count(*) FROM rollcalls), (SELECT count(*) FROM votes), "
            "(SELECT count(*) FROM data_releases)"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


@pytest.fixture
def release(store_copy: Path, tmp_path: Path) -> Path:
    with Store.open(store_copy, read_only=True) as s:
        recs = stored_records(s, 4) + new_records(members(s), 3)
    path = tmp_path / "2026_10_01_ga_voting.csv"
    write_un_csv(path, recs)
    return path


def test_update_adds_exactly_the_new_roll_calls_and_twice_is_a_no_op(
    store_copy: Path, release: Path
) -> None:
    before = counts(store_copy)
    with Store.open(store_copy) as s:
        r = upd.apply_update(s, release)
    assert (r.rollcalls_in_file, r.already_stored, r.added) == (7, 4, 3)
    assert r.added_votes == 3 * 193
    assert (r.compared, r.disagreeing) == (4, 0)  # the overlap agrees vote for vote
    after = counts(store_copy)
    assert after == (before[0] + 3, before[1] + 3 * 193, before[2] + 1)
    with Store.open(store_copy) as s:
        again = upd.apply_update(s, release)
        added = s.query("SELECT * FROM rollcalls WHERE undl_id >= 5000000 ORDER BY undl_id")
    assert again.added == 0 and again.already_applied
    assert counts(store_copy) == after
    assert list(added["rcid"]) == [15_000_000, 15_000_001, 15_000_002]
    assert set(added["issue_source"]) == {"predicted"}
    assert set(added["source"]) == {"undl"}
    assert added["descr"].iloc[0] == "Situation of human rights in country 0"


def test_a_rebuild_of_the_records_keeps_the_update(store_copy: Path, release: Path) -> None:
    from nonaligned.records.load import load_records

    with Store.open(store_copy) as s:
        upd.apply_update(s, release)
    after = counts(store_copy)
    with Store.open(store_copy) as s:
        load_records(s, force=True)
    assert counts(store_copy) == after


def test_data_versions_lists_the_release(store_copy: Path, release: Path) -> None:
    from nonaligned.cli import main

    with Store.open(store_copy) as s:
        upd.apply_update(s, release)
    out = subprocess.run(
        [sys.executable, "-m", "nonaligned", "--db", str(store_copy), "data", "versions",
         "--format", "csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "votes-update" in out.stdout and "2026_10_01_ga_voting.csv" in out.stdout
    assert main is not None


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t.replace(",Y,2026-01-10", ",Q,2026-01-10", 1), "is not Y, N, A or X"),
        (lambda t: t[: len(t) * 2 // 3], "line"),  # cut mid-file: a short record or a cut line
        (lambda t: t.replace("2026-01-10", "2026-13-40", 1), "is not a YYYY-MM-DD date"),
        (lambda t: "a,b,c\n1,2,3\n", "no column(s)"),
        (lambda t: t.replace(",80,", ",eighty,", 1), "not a UN session key"),
    ],
)
def test_a_damaged_file_is_refused_naming_the_line_and_the_store_is_unchanged(
    store_copy: Path, release: Path, damage: object, message: str
) -> None:
    text = release.read_text(encoding="utf-8")
    bad = release.with_name("bad.csv")
    bad.write_text(damage(text), encoding="utf-8")  # type: ignore[operator]
    before = counts(store_copy)
    with Store.open(store_copy) as s, pytest.raises(DataError, match=r"bad\.csv") as err:
        upd.apply_update(s, bad)
    assert message in str(err.value)
    assert counts(store_copy) == before


def test_a_truncated_file_names_the_record_whose_tally_fails(
    store_copy: Path, release: Path
) -> None:
    lines = release.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = release.with_name("cut.csv")
    cut.write_text("".join(lines[:-20]), encoding="utf-8")  # whole lines, last record short
    with Store.open(store_copy) as s, pytest.raises(DataError) as err:
        upd.apply_update(s, cut)
    msg = str(err.value)
    assert "line" in msg and ("declares" in msg or "truncated" in msg)


def test_offline_fetch_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*a: object, **k: object) -> object:
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(upd.urllib.request, "urlopen", refuse)
    with pytest.raises(DataError, match="offline") as err:
        upd.fetch(tmp_path)
    assert "--from FILE" in str(err.value) and "4060887" in str(err.value)


def test_newest_csv_link_from_the_record_xml() -> None:
    xml = """<collection xmlns="http://www.loc.gov/MARC21/slim"><record>
      <datafield tag="856" ind1="4" ind2=" "><subfield code="u">https://x/files/2025_03_31_ga_voting.csv</subfield></datafield>
      <datafield tag="856" ind1="4" ind2=" "><subfield code="u">https://x/files/2026_02_06_ga_voting.csv</subfield></datafield>
      <datafield tag="856" ind1="4" ind2=" "><subfield code="u">https://x/files/readme.pdf</subfield></datafield>
    </record></collection>"""
    assert upd.newest_csv_link(xml).endswith("2026_02_06_ga_voting.csv")
    with pytest.raises(DataError, match="lists no"):
        upd.newest_csv_link("<collection></collection>")


def test_cli_update_from_file_and_missing_file(store_copy: Path, release: Path) -> None:
    run = [sys.executable, "-m", "nonaligned", "--db", str(store_copy), "data", "update"]
    ok = subprocess.run([*run, "--from", str(release)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "added 3 roll calls" in ok.stdout
    again = subprocess.run(
        [*run, "--from", str(release)], capture_output=True, text=True, check=False
    )
    assert "nothing new" in again.stdout
    missing = subprocess.run(
        [*run, "--from", "/nonexistent/x.csv"], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.slow
def test_kill_9_mid_update_leaves_the_previous_store_or_the_whole_update(
    store_copy: Path, tmp_path: Path
) -> None:
    """Killed at random points of a large update: never a partial merge; a rerun completes."""
    with Store.open(store_copy, read_only=True) as s:
        recs = new_records(members(s), 400, seed=7)
    big = tmp_path / "2026_11_01_ga_voting.csv"
    write_un_csv(big, recs)
    before = counts(store_copy)
    full = (before[0] + 400, before[1] + 400 * 193, before[2] + 1)
    cmd = [sys.executable, "-m", "nonaligned", "--db", str(store_copy), "data", "update",
           "--from", str(big)]  # fmt: skip
    seen = set()
    for delay in (1.0, 2.0, 3.0):
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=120)
        state = counts(store_copy)
        assert state in (before, full), state
        seen.add(state)
        if state == full:
            break
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert counts(store_copy) == full
    assert before in seen  # at least one kill landed before the commit


def test_a_cut_file_without_totals_is_refused(store_copy: Path, release: Path) -> None:
    """The project's extracts carry no totals: a cut is caught by record size and title."""
    keep = [0, 1, 3, 4, 5, 10]  # undl_id, ms_code, ms_vote, date, session, title
    rows = list(csv.reader(release.read_text(encoding="utf-8").splitlines()))
    plain = ["\n".join(",".join(f'"{r[i]}"' for i in keep) for r in rows) + "\n"]
    text = plain[0]
    whole = release.with_name("plain.csv")
    whole.write_text(text, encoding="utf-8")
    lines = text.splitlines(keepends=True)
    cut_lines = release.with_name("cut_lines.csv")
    cut_lines.write_text("".join(lines[:-25]), encoding="utf-8")
    cut_title = release.with_name("cut_title.csv")
    cut_title.write_text("".join(lines[:-1]) + lines[-1][: len(lines[-1]) - 30] + '"\n')
    with Store.open(store_copy) as s:
        assert upd.apply_update(s, whole).added == 3  # the whole file is fine
    for bad, why in ((cut_lines, "a truncated file"), (cut_title, "another title")):
        with Store.open(store_copy) as s, pytest.raises(DataError, match=why):
            upd.apply_update(s, bad)


def test_empty_from_is_refused(store_copy: Path) -> None:
    run = [sys.executable, "-m", "nonaligned", "--db", str(store_copy), "data", "update"]
    r = subprocess.run([*run, "--from", ""], capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "--from needs a file name" in r.stderr
