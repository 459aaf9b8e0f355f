"""The command line as a user meets it: parsing, outputs, and clear messages for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nonaligned import __version__
from nonaligned.cli import build_parser, main, parse_args


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_args_without_running() -> None:
    args = parse_args(
        ["--db", "x.duckdb", "members", "NAM", "--on", "2019-10-25", "--format", "csv"]
    )
    assert (args.command, args.bloc, args.on, args.format, args.db) == (
        "members",
        "NAM",
        "2019-10-25",
        "csv",
        "x.duckdb",
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def _commands() -> list[list[str]]:
    import argparse

    found: list[list[str]] = []

    def walk(prefix: list[str], p: argparse.ArgumentParser) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append([*prefix, name])
                    walk([*prefix, name], sub)

    walk([], build_parser())
    return found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args([*command, "--help"])
    assert exc.value.code == 0
    assert "usage: nonaligned" in capsys.readouterr().out


@pytest.fixture
def db(built_db: Path) -> str:
    return str(built_db)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["profile", "Atlantis"], "unknown country 'Atlantis'"),
        (["profile", "Azerbajan"], "did you mean Azerbaijan"),
        (["profile", "Azerbaijan", "--on", "22/02/2022"], "malformed --on date '22/02/2022'"),
        (["members", "Warsaw Club"], "unknown bloc 'Warsaw Club'"),
        (["members", "NAM", "--on", "2019-02-30"], "has no day 30"),
        (["votes", "AZE", "--issue", "xx"], "unknown issue 'xx'"),
        (["votes", "AZE", "--since", "2020", "--until", "2010"], "the period is empty"),
        (["alliances", "AZE", "--years", "--year", "2022"], "ATOP 5.1 ends in 2018"),
        (["members", "bsec", "--on", "2020"], "ends in 2014"),
        (["cite", "nosuchdata"], "unknown dataset nosuchdata"),
    ],
)
def test_bad_input_is_a_clear_message(
    db: str, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--db", db, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_alliances_show_atop_and_treaties_after_2018(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "alliances", "Azerbaijan", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    treaties = {r["treaty"]: r for r in rows if r["source"] == "project treaty table"}
    shusha = next(r for t, r in treaties.items() if t.startswith("Shusha Declaration"))
    assert (shusha["partner"], shusha["signed_date"]) == ("TUR", "2021-06-15")
    allied = next(r for t, r in treaties.items() if "Declaration on Allied Interaction" in t)
    assert (allied["partner"], allied["signed_date"]) == ("RUS", "2022-02-22")
    arm = [r for r in rows if r["source"] == "ATOP 5.1" and r["partner"] == "ARM"]
    assert arm and all(r["attribution"] == "inferred" and r["note"] for r in arm)
    code, out, _ = run(capsys, "--db", db, "alliances", "AZE", "--source", "treaties")
    assert code == 0 and "Shusha" in out and "Allied" in out and "ATOP 5.1  " not in out
    code, _, err = run(capsys, "--db", db, "alliances", "AZE", "--years", "--source", "treaties")
    assert code == 2 and "--years lists ATOP dyad-years" in err


def test_members_nam_at_baku_summit(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", db, "members", "NAM", "--on", "2019-10-25", "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)
    members = [r for r in rows if r["status"] == "member"]
    assert len(members) == 120
    assert "PSE" in {r["iso3"] for r in members}


def test_profile_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", db, "profile", "Azerbaijani", "--on", "2022-02-22", "--format", "json"
    )
    assert code == 0
    prof = json.loads(out)
    assert prof["state"]["iso3"] == "AZE" and prof["state"]["cow"] == 373
    status = {b["bloc"]: b["status"] for b in prof["blocs"]}
    assert status["NAM"] == "member" and status["CSTO"] == "no" and status["PFP"] == "partner"
    assert any(c["bloc"] == "NAM" for c in prof["chairs"])
    assert prof["votes_by_year"], "Azerbaijan has recorded votes"


def test_profile_table_renders(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "profile", "Azerbaijan")
    assert code == 0
    assert "Azerbaijan" in out and "NAM" in out and "ATOP" in out


def test_votes_csv_to_file(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "aze.csv"
    code, _, _ = run(
        capsys,
        "--db",
        db,
        "votes",
        "AZE",
        "--since",
        "2015",
        "--until",
        "2015",
        "--format",
        "csv",
        "--out",
        str(out_file),
    )
    assert code == 0
    lines = out_file.read_text().splitlines()
    assert lines[0].startswith("rcid,session,date")
    assert len(lines) > 50 and all(",2015-" in line for line in lines[1:])


def test_data_versions_lists_every_dataset(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from nonaligned.records.catalog import datasets

    code, out, _ = run(capsys, "--db", db, "data", "versions", "--format", "json")
    assert code == 0
    from nonaligned.config import text_data_dir

    names = {r["name"] for r in json.loads(out)}
    assert names == {d.name for d in datasets()} | {d.name for d in datasets(text_data_dir())}
    assert "actors" in names


def test_cite_gives_bibtex_for_each_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    from nonaligned.records.catalog import datasets

    code, out, _ = run(capsys, "cite")
    assert code == 0
    assert out.count("@") >= 1 + len(datasets())
    assert "@software{nonaligned" in out


def test_console_script_and_module_entry(db: str) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "nonaligned", "--db", db, "country", "AZ", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["cow"] == 373
