"""The local engine's pool (issue 17): batches sized so every worker has work, one pool shared
by ingest and code. Behaviour, not timing."""

from __future__ import annotations

import itertools
import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from nonaligned.engine.coding import code_store
from nonaligned.engine.ingest import ingest
from nonaligned.engine.workers import batch_sizes, batched, worker_pool
from nonaligned.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "nonaligned" / "text" / "sample"


def take(n: int, it: Any) -> list[int]:
    return list(itertools.islice(it, n))


def test_one_worker_uses_the_cap() -> None:
    assert take(3, batch_sizes(48, 1, 64)) == [64, 64, 64]


@pytest.mark.parametrize(
    ("total", "workers", "cap", "size"),
    [(48, 2, 64, 6), (10_000, 2, 64, 64), (3, 2, 64, 1), (1_000, 4, 32, 32), (100, 8, 64, 4)],
)
def test_known_total_gives_each_worker_several_batches(
    total: int, workers: int, cap: int, size: int
) -> None:
    assert set(take(5, batch_sizes(total, workers, cap))) == {size}


def test_unknown_total_grows_to_the_cap() -> None:
    assert take(7, batch_sizes(None, 2, 64)) == [2, 4, 8, 16, 32, 64, 64]


def test_batched_follows_the_sizes() -> None:
    assert [len(b) for b in batched(range(20), iter([2, 4, 8, 100]))] == [2, 4, 8, 6]
    assert list(batched([], iter([3]))) == []


class RecordingPool(ThreadPoolExecutor):
    """A pool that records the size of every batch submitted (threads: same code path)."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.sizes: list[int] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.sizes.append(len(args[0]))
        return super().submit(fn, *args, **kwargs)


def test_a_small_corpus_is_spread_over_both_workers_and_one_pool_serves_both_steps(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for p in sorted(SAMPLE.glob("*.txt"))[:8]:
        shutil.copy(p, pages / p.name)
    with RecordingPool() as pool, Store.open(tmp_path / "s.duckdb") as store:
        got = ingest(store, [str(pages)], workers=2, expected=8, pool=pool)
        assert got.stored == 8
        assert pool.sizes == [1] * 8  # 8 pages / (2 workers x 4 batches each)
        pool.sizes.clear()
        coded = code_store(store, workers=2, pool=pool)
        assert coded.documents == 8
        assert pool.sizes == [1] * 8
        assert coded.events > 0


def _pid(_: int) -> int:
    return os.getpid()


def test_worker_processes_are_replaced_every_recycle_after_batches() -> None:
    """Memory a worker accumulates goes with its process: after ``recycle_after`` batches each,
    the next batches run in new processes, and every result still arrives."""
    with worker_pool(2, annotate=False, recycle_after=2) as pool:
        futures = [pool.submit(_pid, i) for i in range(12)]
        pids = [f.result(timeout=60) for f in futures]
        assert pool.generations == 3  # 12 batches / (2 workers x 2 batches each)
    assert len(set(pids)) > 2
    assert os.getpid() not in pids
    # the batches of one generation never run in a process of another
    generations = [set(pids[i : i + 4]) for i in range(0, 12, 4)]
    assert not generations[0] & generations[1] and not generations[1] & generations[2]


def test_an_ingest_across_worker_generations_stores_every_page(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for p in sorted(SAMPLE.glob("*.txt"))[:6]:
        shutil.copy(p, pages / p.name)
    with (
        worker_pool(2, annotate=True, code=True, recycle_after=1) as pool,
        Store.open(tmp_path / "s.duckdb") as store,
    ):
        got = ingest(store, [str(pages)], workers=2, expected=6, pool=pool)
        coded = code_store(store, workers=2, pool=pool)
        assert pool.generations >= 6
    with Store.open(tmp_path / "one.duckdb") as alone:
        one = ingest(alone, [str(pages)], workers=1)
        coded_one = code_store(alone, workers=1)
    assert (got.stored, got.sentences) == (one.stored, one.sentences) == (6, one.sentences)
    assert coded.events == coded_one.events > 0
