"""Ingest end to end: stored once, idempotent, resumable after kill -9, spans that trace back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import SHARED

from nonaligned.engine.ingest import ingest
from nonaligned.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "nonaligned" / "text" / "sample"
SEEDS = SHARED / "corpus" / "seeds"

pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")


def doc_rows(db: Path) -> list[tuple[object, ...]]:
    with Store.open(db) as s:
        return s.con.execute(
            "SELECT doc_id, title, published, text FROM documents ORDER BY doc_id"
        ).fetchall()


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, object]:
    db = tmp_path_factory.mktemp("ingest") / "sample.duckdb"
    with Store.open(db) as store:
        first = ingest(store, [str(SAMPLE)], batch_size=5)
        second = ingest(store, [str(SAMPLE)], batch_size=5)
    return db, first, second


def test_sample_corpus_is_stored_with_skips_and_duplicates_counted(
    sample_db: tuple[Path, object, object],
) -> None:
    db, first, _ = sample_db
    assert first.read >= 24
    assert first.stored >= 18
    assert first.exact_duplicates + first.near_duplicates >= 2, (
        "the JSONL file holds an exact and a near duplicate"
    )
    assert any("language" in reason for reason in first.skipped), (
        "the non-English page is counted and skipped"
    )
    with Store.open(db) as s:
        n_docs = s.con.execute("SELECT count(*) FROM documents").fetchone()
        n_src = s.con.execute("SELECT count(*) FROM document_sources").fetchone()
        n_skip = s.con.execute("SELECT count(*) FROM skipped").fetchone()
    assert n_docs and n_src and n_skip
    assert n_docs[0] == first.stored
    assert n_src[0] == first.stored + first.exact_duplicates + first.near_duplicates
    assert n_skip[0] == sum(first.skipped.values())


def test_second_ingest_adds_nothing(sample_db: tuple[Path, object, object]) -> None:
    _, first, second = sample_db
    assert second.stored == 0 and second.exact_duplicates == 0 and second.near_duplicates == 0
    assert second.already_ingested == first.read


def test_spans_trace_back_to_the_words(sample_db: tuple[Path, object, object]) -> None:
    db, _, _ = sample_db
    with Store.open(db) as s:
        rows = s.con.execute(
            """SELECT d.text, m."start", m."end", m.text, st."start", st."end"
               FROM mentions m JOIN documents d USING (doc_id)
               JOIN sentences st ON st.doc_id = m.doc_id AND st.sent = m.sent"""
        ).fetchall()
        sents = s.con.execute(
            'SELECT d.text, s."start", s."end", s.text FROM sentences s JOIN documents d USING (doc_id)'
        ).fetchall()
    assert rows, "actors were found in the sample corpus"
    for text, start, end, mtext, s_start, s_end in rows:
        assert text[start:end] == mtext
        assert s_start <= start < s_end
    for text, start, end, stext in sents:
        assert text[start:end] == stext


def test_azerbaijan_and_its_president_are_resolved(sample_db: tuple[Path, object, object]) -> None:
    db, _, _ = sample_db
    with Store.open(db) as s:
        codes = {
            r[0]
            for r in s.con.execute(
                "SELECT DISTINCT code FROM mentions WHERE code IS NOT NULL"
            ).fetchall()
        }
        aliyev = s.con.execute(
            "SELECT DISTINCT code, role FROM mentions WHERE person = 'ilham-aliyev'"
        ).fetchall()
    assert {"AZE", "RUS", "ARM", "TUR"} <= codes
    if aliyev:  # the office-holder tables cover Azerbaijan from 1991
        assert ("AZE", "head_of_state") in aliyev


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not present")
def test_seed_pages_ingest(tmp_path: Path) -> None:
    with Store.open(tmp_path / "seeds.duckdb") as store:
        summary = ingest(store, [str(SEEDS)])
    assert summary.stored == 5, summary.lines()


def test_kill_9_then_resume_gives_the_uninterrupted_result(tmp_path: Path) -> None:
    clean = tmp_path / "clean.duckdb"
    with Store.open(clean) as store:
        ingest(store, [str(SAMPLE)], batch_size=3, annotate=False)
    broken = tmp_path / "broken.duckdb"
    flag = tmp_path / "paused"
    script = textwrap.dedent(
        f"""
        import pathlib, time
        from nonaligned.engine.ingest import ingest
        from nonaligned.store import Store
        calls = []
        def tick(n):
            calls.append(n)
            if len(calls) == 2:
                pathlib.Path({str(flag)!r}).write_text("x")
                time.sleep(120)
        with Store.open({str(broken)!r}) as s:
            ingest(s, [{str(SAMPLE)!r}], batch_size=3, annotate=False, progress=tick)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert proc.poll() is None, "the ingest ended before the pause"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    partial = doc_rows(broken)
    assert 0 < len(partial) < len(doc_rows(clean))
    with Store.open(broken) as store:
        resumed = ingest(store, [str(SAMPLE)], batch_size=3, annotate=False)
    assert resumed.already_ingested > 0
    assert doc_rows(broken) == doc_rows(clean)


def test_bad_inputs_are_named_and_nothing_stored_is_lost(tmp_path: Path) -> None:
    """A corpus of broken files after a good ingest: every bad file is counted with its reason,
    no exception escapes, and the documents already stored are untouched."""
    import gzip

    db = tmp_path / "store.duckdb"
    with Store.open(db) as store:
        ingest(store, [str(SAMPLE)], annotate=False)
    before = doc_rows(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.html").write_bytes(bytes(range(256)) * 40)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("   \n\n  ", encoding="utf-8")
    (bad / "truncated.txt.gz").write_bytes(gzip.compress(b"Azerbaijan and Armenia " * 500)[:200])
    (bad / "broken.jsonl").write_text(
        '{"id": 1, "text": "ok?"\nnot json at all\n', encoding="utf-8"
    )
    (bad / "nested.html").write_text(
        "<div>" * 100_000 + "deep" + "</div>" * 100_000, encoding="utf-8"
    )
    with Store.open(db) as store:
        summary = ingest(store, [str(bad)], annotate=False)
    assert summary.stored == 0
    assert sum(summary.skipped.values()) >= 6
    assert all(reason.strip() for reason in summary.skipped)
    with Store.open(db) as s:
        skipped_paths = {r[0] for r in s.con.execute("SELECT path FROM skipped").fetchall()}
    assert {p.name for p in bad.iterdir()} <= {Path(p).name for p in skipped_paths}
    assert doc_rows(db) == before
