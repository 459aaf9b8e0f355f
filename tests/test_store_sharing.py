"""One store, many processes (issue 16): read commands open the store read-only, so the CLI, the
dashboard and reports read it side by side; a writer has it to itself and readers are told who."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from nonaligned.store.connection import lock_holder

CLI = [sys.executable, "-m", "nonaligned"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _nonaligned(db: Path, *argv: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "--db", str(db), "-q", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _serve(db: Path, port: int) -> subprocess.Popen[str]:
    log = db.parent.parent / f"serve-{port}.log"  # outside the store's folder
    with log.open("w") as fh:
        return subprocess.Popen(
            [*CLI, "--db", str(db), "-q", "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=fh,
            text=True,
        )


def _wait_up(proc: subprocess.Popen[str], port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/countries", timeout=5) as r:
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("serve did not answer in time")


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def shared_db(built_db: Path, tmp_path: Path) -> Path:
    """A copy of the built store: other tests open ``built_db`` for writing in this process."""
    copy = tmp_path / "shared" / "records.duckdb"
    copy.parent.mkdir()
    shutil.copyfile(built_db, copy)
    return copy


@pytest.fixture
def serving(shared_db: Path) -> Iterator[tuple[Path, int]]:
    port = _free_port()
    proc = _serve(shared_db, port)
    try:
        _wait_up(proc, port)
        yield shared_db, port
    finally:
        _stop(proc)


def test_serve_profile_report_votes_and_a_second_serve_at_once(
    serving: tuple[Path, int], tmp_path: Path
) -> None:
    db, port = serving
    for argv in (
        ["profile", "Azerbaijan", "--format", "json"],
        ["votes", "Azerbaijan", "--by", "year"],
        ["report", "Azerbaijan", "--out", str(tmp_path / "aze.html")],
    ):
        done = _nonaligned(db, *argv)
        assert done.returncode == 0, (argv, done.stderr[-800:])
        assert "in use" not in done.stderr
    assert (tmp_path / "aze.html").stat().st_size > 1000
    second_port = _free_port()
    second = _serve(db, second_port)
    try:
        _wait_up(second, second_port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/countries", timeout=10) as r:
            assert r.status == 200
    finally:
        _stop(second)


def test_a_writer_is_refused_while_serve_reads_and_says_by_whom(
    serving: tuple[Path, int],
) -> None:
    db, _port = serving
    done = _nonaligned(db, "build")
    assert done.returncode == 2
    assert "in use by `nonaligned serve`" in done.stderr or "in use by pid" in done.stderr
    assert "Traceback" not in done.stderr


def test_readers_are_told_the_store_is_being_written(shared_db: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
            "time.sleep(60)",
            str(shared_db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        done = _nonaligned(shared_db, "votes", "AZE", "--by", "year")
        assert done.returncode == 2
        assert f"being written by pid {holder.pid}" in done.stderr
        assert "try again when it finishes" in done.stderr
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]


def test_read_commands_work_on_a_read_only_store_and_change_nothing(shared_db: Path) -> None:
    folder = shared_db.parent
    before = hashlib.sha256(shared_db.read_bytes()).hexdigest()
    shared_db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        for argv in (
            ["profile", "Azerbaijan", "--format", "json"],
            ["votes", "Azerbaijan", "--since", "2015"],
            ["events", "--format", "json"],
            ["documents"],
            ["country", "Serbia"],
        ):
            done = _nonaligned(shared_db, *argv)
            assert done.returncode == 0, (argv, done.stderr[-800:])
    finally:
        folder.chmod(stat.S_IRWXU)
        shared_db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert [p.name for p in folder.iterdir()] == [shared_db.name]  # no WAL, no lock file left
    assert hashlib.sha256(shared_db.read_bytes()).hexdigest() == before


def test_lock_holder_names_the_command() -> None:
    msg = 'Could not set lock on file "x": Conflicting lock is held in /usr/bin/python (PID {})'
    me = lock_holder(msg.format(os.getpid()))
    assert me is not None
    assert me.endswith(f"(pid {os.getpid()})") or me == f"pid {os.getpid()}"
    assert lock_holder("Conflicting lock is held") is None
    gone = lock_holder(msg.format(2**22 + 12345))
    assert gone == f"pid {2**22 + 12345}"
