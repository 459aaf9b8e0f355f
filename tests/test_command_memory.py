"""What the command's own process holds during an ingest (issue 17: flat memory). Behaviour, not
timing: how far reading runs ahead of the work, and whether freed pages go back to the system."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from nonaligned.engine import ingest as ingest_module
from nonaligned.engine.ingest import READ_AHEAD, ingest
from nonaligned.store import Store


@pytest.mark.parametrize("workers", [1, 2])
def test_reading_runs_at_most_read_ahead_inputs_ahead_of_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Every page read stays in memory until its batch is done: the command must not read the
    whole corpus (or a large slice of it) before handing pages on."""
    pages = tmp_path / "pages"
    pages.mkdir()
    n, batch = READ_AHEAD * 4 + 7, 8
    for i in range(n):
        (pages / f"p{i:04d}.txt").write_text(f"Page {i} of a test corpus.\n", encoding="utf-8")
    read = [0]
    handed = [0]
    lags: list[int] = []
    real_inputs = ingest_module.iter_inputs

    def counting_inputs(paths: Any) -> Iterator[Any]:
        for item in real_inputs(paths):
            read[0] += 1
            yield item

    def recording_batch(raws: Any, annotate: bool = True) -> list[Any]:
        handed[0] += len(raws)
        lags.append(read[0] - handed[0])
        return []

    monkeypatch.setattr(ingest_module, "iter_inputs", counting_inputs)
    monkeypatch.setattr(ingest_module, "process_batch", recording_batch)
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
    with Store.open(tmp_path / "s.duckdb") as store:
        ingest(store, [str(pages)], batch_size=batch, workers=workers, expected=n, pool=pool)
    if pool is not None:
        pool.shutdown()
    assert handed[0] == read[0] == n
    # reading is ahead by at most one look-up chunk plus the batches waiting for a worker
    in_flight = 0 if workers == 1 else 2 * workers * batch
    assert max(lags) <= READ_AHEAD + in_flight
    assert READ_AHEAD <= 64  # a read-ahead of 256 decoded pages held up to 200 MB


_BLOCKS = textwrap.dedent(
    """
    import sys
    from nonaligned.engine.memory import return_large_blocks

    def rss_kb():
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))

    if sys.argv[1] == "fix":
        assert return_large_blocks()
    x = b"x" * (1 << 20)
    del x  # glibc raises its mmap threshold to a freed block's size, unless it is fixed
    keep, big = [], []
    for i in range(400):
        big.append(b"p" * 200_000 + str(i).encode())  # a page's worth
        keep.append(b"k" * 2_000 + str(i).encode())  # small, still alive between the pages
    before = rss_kb()
    del big
    print(before - rss_kb())
    """
)


def _returned_kb(tmp_path: Path, mode: str) -> int:
    script = tmp_path / "blocks.py"
    script.write_text(_BLOCKS, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_pages_freed_by_the_command_go_back_to_the_system(tmp_path: Path) -> None:
    """80 MB of page-sized strings, freed between small live objects: with the threshold fixed
    nearly all of it leaves the process; with glibc's default most of it stays resident."""
    pages_kb = 400 * 200_000 // 1024
    fixed = _returned_kb(tmp_path, "fix")
    default = _returned_kb(tmp_path, "default")
    assert fixed >= 0.8 * pages_kb
    assert fixed > 2 * default  # the control: the setting is what makes the difference
