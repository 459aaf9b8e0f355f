"""`nonaligned code` stopped mid-run (kill -9, Ctrl-C) and run again ends with exactly the events
of a run that was never interrupted: every batch is stored whole or not at all, never twice.

The interruption lands mid-run without any test hook in the product: the corpus is large enough
(generated pages, coded two per batch) that coding takes several seconds, and the test waits for
the first commit to reach the store's write-ahead log (DuckDB lets no second process read a store
while one writes it, so the log file growing is the observable sign of a committed batch).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from nonaligned.engine.coding import _pending
from nonaligned.engine.ingest import estimate_inputs, ingest
from nonaligned.progress import ProgressReport, show_progress
from nonaligned.store import Store

pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")

ROOT = Path(__file__).resolve().parents[1]
PAGES = 160


def page_generator() -> Callable[[Path, int], int]:
    """The benchmark corpus generator (``benchmarks`` is not a package, so by path)."""
    spec = importlib.util.spec_from_file_location(
        "bench_ingest_for_tests", ROOT / "benchmarks" / "bench_ingest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generate: Callable[[Path, int], int] = module.generate
    return generate


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """(an ingested, uncoded store; the same store coded in one uninterrupted run; how many
    documents it holds — a generated page now and then is skipped as not English)."""
    root = tmp_path_factory.mktemp("resume")
    corpus = root / "corpus"
    corpus.mkdir()
    page_generator()(corpus, PAGES)
    uncoded = root / "uncoded.duckdb"
    with Store.open(uncoded) as store:
        summary = ingest(store, [str(corpus)], batch_size=64)
    assert summary.stored > PAGES * 0.9, summary.lines()
    reference = root / "reference.duckdb"
    shutil.copy(uncoded, reference)
    done = run_code(reference)
    assert done.returncode == 0, done.stderr
    return uncoded, reference, summary.stored


def code_args(db: Path) -> list[str]:
    return ["--db", str(db), "code", "--workers", "1", "--batch-size", "2"]


def command(db: Path) -> list[str]:
    return [sys.executable, "-m", "nonaligned", *code_args(db)]


def run_code(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(db), capture_output=True, text=True, timeout=600, check=False)


def events(db: Path) -> list[tuple[object, ...]]:
    """Every event row, all columns (events carry no timestamp), in a stable order."""
    with Store.open(db, read_only=True) as s:
        rows = s.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    return [tuple(r) for r in rows]


def coded(db: Path) -> tuple[int, int]:
    """(coded_documents rows, distinct doc_ids among them): equal unless a batch was doubled."""
    with Store.open(db, read_only=True) as s:
        row = s.con.execute(
            "SELECT count(*), count(DISTINCT doc_id) FROM coded_documents"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


# The command with SIGINT's usual Python handler, as a terminal starts it. A shell without job
# control starts background commands with SIGINT ignored, and the ignore is inherited by
# everything below (pytest, then this command): Python then installs no KeyboardInterrupt
# handler and the signal is never seen, so the test would depend on how the suite was launched.
AS_FROM_A_TERMINAL = [
    sys.executable,
    "-c",
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from nonaligned.cli import main; raise SystemExit(main(sys.argv[1:]))",
]


def interrupt_mid_run(db: Path, sig: signal.Signals) -> tuple[int, str]:
    """Start `code`, wait for a committed batch (the WAL grows), let a few more commit, signal."""
    wal = Path(f"{db}.wal")
    start = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen(
        [*AS_FROM_A_TERMINAL, *code_args(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while not (wal.exists() and wal.stat().st_size > start):
        assert proc.poll() is None, f"`code` ended before its first commit: {proc.communicate()}"
        assert time.monotonic() < deadline, "no batch was committed within 5 minutes"
        time.sleep(0.02)
    time.sleep(0.5)  # a few more batches, so the signal lands between or inside later ones
    assert proc.poll() is None, "`code` finished before it could be interrupted; enlarge PAGES"
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


@pytest.mark.slow  # with the next test ~25 s: one ingest and three coding runs of 160 pages
def test_kill_9_mid_run_then_resume_gives_exactly_the_uninterrupted_events(
    stores: tuple[Path, Path, int], tmp_path: Path
) -> None:
    uncoded, reference, docs = stores
    db = tmp_path / "killed.duckdb"
    shutil.copy(uncoded, db)
    status, _ = interrupt_mid_run(db, signal.SIGKILL)
    assert status == -signal.SIGKILL
    rows, distinct = coded(db)
    assert 0 < rows < docs, "the kill did not land mid-run"
    assert rows == distinct
    resumed = run_code(db)
    assert resumed.returncode == 0, resumed.stderr
    assert f"coding: {docs - rows:,} documents" in resumed.stdout  # only what was left
    assert coded(db) == (docs, docs)
    ref = events(reference)
    assert ref, "the reference run found no events: the comparison would prove nothing"
    assert events(db) == ref


@pytest.mark.slow
def test_ctrl_c_exits_cleanly_with_a_message_and_resume_completes(
    stores: tuple[Path, Path, int], tmp_path: Path
) -> None:
    uncoded, reference, docs = stores
    db = tmp_path / "interrupted.duckdb"
    shutil.copy(uncoded, db)
    status, err = interrupt_mid_run(db, signal.SIGINT)
    assert status == 130, err
    assert "interrupted after" in err and "again to resume" in err
    assert "Traceback" not in err
    rows, distinct = coded(db)
    assert 0 < rows < docs and rows == distinct
    resumed = run_code(db)
    assert resumed.returncode == 0, resumed.stderr
    assert events(db) == events(reference)


def test_progress_counts_and_always_summarises() -> None:
    report = ProgressReport("coding", "documents", total=5, show=False)
    with report:
        report.advance(2)
        report.advance(3)
    assert report.done == 5
    assert report.summary().startswith("coding: 5 documents in ")
    assert report.summary().endswith(" documents/s)")


def test_no_bar_when_quiet_or_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert show_progress(quiet=False)
    assert not show_progress(quiet=True)
    monkeypatch.setenv("CI", "true")
    assert not show_progress(quiet=False)
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert not show_progress(quiet=False)


def test_ingest_total_is_the_file_count_or_unknown_for_multi_record_files(tmp_path: Path) -> None:
    for name in ("a.html", "b.txt", "sub/c.htm", ".hidden.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("<p>x</p>", encoding="utf-8")
    assert estimate_inputs([str(tmp_path), str(tmp_path / "a.html")]) == 3  # each file once
    assert estimate_inputs([str(tmp_path / "missing")]) == 1  # one input: the skip it becomes
    (tmp_path / "pages.jsonl").write_text('{"content": "x"}\n', encoding="utf-8")
    assert estimate_inputs([str(tmp_path)]) is None
    sample = ROOT / "nonaligned" / "text" / "sample"  # holds a JSON Lines and a gzip file
    assert estimate_inputs([str(sample)]) is None


def test_code_pages_through_pending_ids_in_order(tmp_path: Path) -> None:
    """Keyset paging yields every pending id once, in order, across page boundaries."""
    with Store.open(tmp_path / "p.duckdb") as store:
        ids = [f"d{i:03d}" for i in range(7)]
        store.con.execute(
            "INSERT INTO documents (doc_id, text, ingested_at) SELECT unnest(?), 'x', now()::TIMESTAMP",
            [ids],
        )
        store.con.execute("INSERT INTO coded_documents VALUES ('d003', 'v1', 0, now()::TIMESTAMP)")
        assert list(_pending(store, "v1", None, False, page=2)) == [i for i in ids if i != "d003"]
        assert list(_pending(store, "v1", None, True, page=3)) == ids
