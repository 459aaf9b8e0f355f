"""Every argument of every command documents itself with an example (issue 16).

The parser is walked as it is built (``build_parser``), so a new command or option without a
help text, or with one that gives no "e.g." example, fails here and names its command.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from nonaligned.cli import build_parser, main


def _parsers() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """(command words, parser) for the top-level parser and every command and subcommand."""
    found: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(prefix: list[str], p: argparse.ArgumentParser) -> None:
        found.append((prefix, p))
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk([*prefix, name], sub)

    walk([], build_parser())
    return found


PARSERS = _parsers()


def _name(words: list[str]) -> str:
    return " ".join(words) or "nonaligned"


def _documented(p: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments a user gives: all but -h/--help and those hidden with SUPPRESS."""
    return [
        a
        for a in p._actions
        if not isinstance(a, argparse._HelpAction) and a.help != argparse.SUPPRESS
    ]


def _label(a: argparse.Action) -> str:
    return "/".join(a.option_strings) or str(a.metavar or a.dest)


def test_the_walk_finds_the_commands() -> None:
    names = {_name(w) for w, _ in PARSERS}
    assert {"nonaligned", "profile", "neighbours", "events", "check", "data update"} <= names
    assert {"evaluate claims", "evaluate actors", "cite"} <= names
    assert sum(len(_documented(p)) for _, p in PARSERS) >= 140


@pytest.mark.parametrize(("words", "parser"), PARSERS, ids=[_name(w) for w, _ in PARSERS])
def test_every_argument_has_help_with_an_example(
    words: list[str], parser: argparse.ArgumentParser
) -> None:
    missing = [_label(a) for a in _documented(parser) if not (a.help or "").strip()]
    assert not missing, f"`{_name(words)}`: no help text for {', '.join(missing)}"
    no_example = [_label(a) for a in _documented(parser) if "e.g." not in str(a.help)]
    assert not no_example, (
        f"`{_name(words)}`: the help of {', '.join(no_example)} gives no example ('e.g. ...')"
    )


@pytest.mark.parametrize(("words", "parser"), PARSERS, ids=[_name(w) for w, _ in PARSERS])
def test_option_examples_show_the_option(words: list[str], parser: argparse.ArgumentParser) -> None:
    """An option's example is runnable as written: the text after 'e.g.' names the option
    (``e.g. --since 2015``), not only a value."""
    bad = []
    for a in _documented(parser):
        if not a.option_strings:
            continue
        example = str(a.help).partition("e.g.")[2]
        if not any(flag in example for flag in a.option_strings):
            bad.append(_label(a))
    assert not bad, f"`{_name(words)}`: the example of {', '.join(bad)} does not show the option"


@pytest.mark.parametrize(("words", "parser"), PARSERS, ids=[_name(w) for w, _ in PARSERS])
def test_help_exits_0_and_shows_every_example(
    words: list[str], parser: argparse.ArgumentParser, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*words, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: {parser.prog}")
    wanted = sum(str(a.help).count("e.g.") for a in _documented(parser))
    assert out.count("e.g.") >= wanted, f"`{_name(words)} --help` leaves out examples"


def test_the_installed_command_prints_help() -> None:
    """The console script, not only main(): `nonaligned --help` and two commands' help."""
    script = Path(sys.executable).with_name("nonaligned")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "nonaligned"]
    for argv in (["--help"], ["neighbours", "--help"], ["data", "update", "--help"]):
        done = subprocess.run(
            [*command, *argv], capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "e.g." in done.stdout
