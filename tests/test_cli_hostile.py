"""Every subcommand against hostile arguments: a clear one-line message, never a traceback.

The battery is generated from the parser itself (every subcommand, every option, every
positional), so a command or option added later is covered without editing this file. Each
invocation runs in-process through :func:`nonaligned.cli.main` and must end with exit status 0,
1 or 2, no traceback and no "unexpected ... this is a bug" line on standard error, exactly one
"error:" line when it fails, and no escape character on the terminal. A per-invocation alarm
turns a hostile value that starts hours of work into a failure, not a hung suite.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest

from nonaligned.cli import build_parser, main

ESC = "\x1b"
TEXTS = [
    "",
    "   ",
    "Atlantis",
    "x" * 5000,
    f"{ESC}[2J{ESC}]0;pwned\x07red{ESC}[31m",
    "line\nbreak\r\tTAB\x00nul",
    "'; DROP TABLE votes; --",
    "%s%n{0}[bold]",
    "\u202eevil\ud800",
    "-1",
]
NUMBERS = ["-5", "-1", "0", "99999999999999999999", "1000000000", "1e9", "nan", "inf", "abc", ""]
DATES = ["2019-02-30", "22/02/2022", "99999", "0000-00-00", "-2020", "2020-13", "1e9", "", "1799"]
# {tmp} is the test's folder; the long name is too long for any file system
PATHS = ["/nonexistent/dir/x.csv", "{tmp}", "/proc/version", "", "{tmp}/" + "y" * 300,
         "{tmp}/no/such/" + ESC + "[31m.csv"]  # fmt: skip
PATH_DESTS = {"out", "output", "input", "gold", "plover", "conflibert", "rollcalls", "source",
              "path", "paths"}  # fmt: skip
DATE_DESTS = {"since", "until", "on"}
POSITIONAL = {"country": "AZE", "a": "AZE", "b": "RUS", "query": "AZE", "bloc": "NAM",
              "text": "Baku", "paths": "{tmp}/missing", "path": "{tmp}/missing",
              "dataset": "nonaligned"}  # fmt: skip
# hostile values that are in fact valid and start long work (documented: '' skips a gold set)
VALID_AND_SLOW = {
    ("evaluate events", "--plover", ""),
    ("evaluate events", "--conflibert", ""),
    ("report", "--top-events", "0"),
}
# cases the campaign of issue 13 found, beyond what the generator makes
EXTRA = [
    ["profile", "AZE", "--poles", "AZE"],
    ["profile", "AZE", "--poles", "373"],
    ["profile", "AZE", "--poles", "AZE", "RUS"],
    ["profile", "AZE", "--balance-poles", "NATO"],
    ["profile", "AZE", "--balance-poles", "AZE", "RUS"],
    ["profile", "AZE", "--balance-poles", "RUS"],
    ["profile", "AZE", "--poles", "USA", "usa"],
    ["report", "AZE", "--poles", "AZE"],
    ["report", "AZE", "--balance-poles", "NATO", "CSTO"],
    ["idealpoints", "--bootstrap", "100000000"],
    ["events", "--type", "NOTATYPE"],
    ["events", "--type", "agree", "NOTATYPE"],
    ["events", "Atlantis", "--with", "NAM"],
    ["ingest", "/nonexistent/a", "{tmp}/*.nothing"],
    ["votes", "AZE", "--match", "x", "--by", "year"],
    ["alliances", "AZE", "--years", "--year", "2022"],
    ["code", "--engine", "spark"],
    ["code", "--input", "{tmp}"],
    ["load-events", "{tmp}"],
    ["data", "update", "--from", "{tmp}"],
    ["data", "update", "--from", "/proc/version"],
]
TIME_LIMIT = 30  # seconds for one invocation


@dataclass
class Outcome:
    argv: list[str]
    code: int | None
    err: str
    out: str
    seconds: float
    escaped: str = ""  # an exception that got past main()


def _subparsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def commands() -> Iterator[tuple[list[str], argparse.ArgumentParser]]:
    """(command words, parser) for every leaf command, found by walking the parser."""

    def walk(
        prefix: list[str], p: argparse.ArgumentParser
    ) -> Iterator[tuple[list[str], argparse.ArgumentParser]]:
        subs = _subparsers(p)
        if not subs and prefix:
            yield prefix, p
        for name, sub in subs.items():
            yield from walk([*prefix, name], sub)

    yield from walk([], build_parser())


def _values(action: argparse.Action) -> list[str]:
    dest = action.dest
    if action.choices is not None:
        return ["NOTACHOICE", ""]
    if dest in PATH_DESTS or action.metavar in ("FILE", "PATH"):
        return [*PATHS, TEXTS[3], TEXTS[5]]
    if dest in DATE_DESTS or action.metavar == "DATE":
        return DATES + TEXTS[2:6]
    if action.type is not None and action.type is not str:
        return NUMBERS
    return TEXTS


def invocations() -> list[list[str]]:
    """The battery: for each command, every positional and every option in turn given each
    hostile value (the others valid), a reversed period where there is one, and EXTRA."""
    out: list[list[str]] = []
    for words, p in commands():
        pos = [a for a in p._actions if not a.option_strings and a.nargs != 0]
        opts = [
            a
            for a in p._actions
            if a.option_strings and a.nargs != 0 and not isinstance(a, argparse._HelpAction)
        ]
        base = [POSITIONAL.get(a.dest, "x") for a in pos]
        for i, a in enumerate(pos):
            for v in _values(a) if a.dest in PATH_DESTS else TEXTS:
                args = list(base)
                args[i] = v
                out.append([*words, *args])
        for a in opts:
            flag = a.option_strings[-1]
            for v in _values(a):
                if (" ".join(words), flag, v) not in VALID_AND_SLOW:
                    out.append([*words, *base, flag, v])
        out.append([*words, *base, "--no-such-option"])
        out.append([*words, *base, "unexpected", "words"])
        dests = {a.dest for a in opts}
        if {"since", "until"} <= dests:
            out.append([*words, *base, "--since", "2030", "--until", "2010"])
            out.append([*words, *base, "--since", "2020-06", "--until", "2020-05-31"])
    out += EXTRA
    # the global options, on one cheap command each
    out += [
        ["--db", v, "country", "AZE"]
        for v in ("/proc/nope/x.duckdb", "{tmp}", "{tmp}/" + "z" * 300)
    ]
    return out


class _Timeout(KeyboardInterrupt):
    """Raised by the alarm: main() reads it as Ctrl-C and exits 130, which the test refuses."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def run_one(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Outcome:
    t0 = time.monotonic()
    escaped = ""
    code: int | None
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:
        code, escaped = None, f"{type(exc).__name__}: {exc}"[:300]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out, err = capsys.readouterr()
    return Outcome(argv, code, err, out, time.monotonic() - t0, escaped)


def problems(o: Outcome) -> list[str]:
    found = []
    if o.escaped:
        found.append(f"exception escaped main(): {o.escaped}")
    if "Traceback" in o.err:
        found.append("traceback on stderr")
    if "this is a bug" in o.err:
        found.append("unexpected error: " + o.err.strip().splitlines()[-1][:300])
    if o.code not in (0, 1, 2):
        found.append(f"exit status {o.code}" + (" (timed out)" if o.code == 130 else ""))
    lines = [line for line in o.err.splitlines() if line.strip()]
    errors = [line for line in lines if "error:" in line]
    if o.code in (1, 2) and len(errors) != 1:
        found.append(f"{len(errors)} error lines: {o.err[-300:]!r}")
    if o.code in (1, 2) and errors and lines[-1] != errors[0]:
        found.append(f"the error is not the last line: {o.err[-300:]!r}")
    if ESC in o.out or ESC in o.err:
        found.append("an escape character reached the terminal")
    return found


@pytest.fixture
def hostile_env(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the built store as the default one, the test folder as the working folder, no
    network, and a server that never starts listening."""
    db = tmp_path / "store.duckdb"
    shutil.copyfile(built_db, db)
    monkeypatch.setenv("NONALIGNED_DB", str(db))
    monkeypatch.chdir(tmp_path)
    import socket
    import urllib.request

    def offline(*a: object, **k: object) -> None:
        raise OSError("network disabled in tests")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    monkeypatch.setattr(socket.socket, "connect", offline)
    try:
        import uvicorn

        monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    except ImportError:
        pass
    yield tmp_path


def _fill(argv: list[str], tmp: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp)) for a in argv]


def test_battery_covers_every_subcommand() -> None:
    battery = invocations()
    leaves = [words for words, _ in commands()]
    covered = {tuple(argv[: len(words)]) for argv in battery for words in leaves}
    for words in leaves:
        assert tuple(words) in covered, f"{' '.join(words)} has no hostile invocation"
    assert len(battery) > 300


@pytest.mark.slow
def test_every_subcommand_survives_hostile_arguments(
    hostile_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = [run_one(_fill(argv, hostile_env), capsys) for argv in invocations()]
    bad = [(o, p) for o in outcomes for p in problems(o)]
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[:5]
    summary = (
        f"{len(outcomes)} hostile invocations in {sum(o.seconds for o in outcomes):.0f} s, "
        f"{len({id(o) for o, _ in bad})} with problems; slowest: "
        + ", ".join(f"{' '.join(o.argv)[:60]!r} {o.seconds:.1f}s" for o in slowest)
    )
    print(summary, file=sys.__stderr__)
    assert not bad, (
        summary
        + "\n"
        + "\n".join(f"{' '.join(map(repr, o.argv))[:200]} -> {p}" for o, p in bad[:40])
    )
