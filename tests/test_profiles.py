"""Profiles through the command line, as an analyst meets them, for states often called balancers.

Why these states: Azerbaijan, Georgia, Armenia, Kazakhstan, Serbia, India and Turkey are the usual
cases in the debate on "multi-vector" foreign policy, and each has a well-known lean that the
measures must reproduce before anyone trusts them on a contested case (Georgia votes closer to the
EU than Armenia does; India sides with the NAM, not the United States). Bad input must end as one
clear line on standard error with exit status 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from nonaligned.cli import main

STATES = {
    "Azerbaijan": "AZE",
    "Georgia": "GEO",
    "Armenia": "ARM",
    "Kazakhstan": "KAZ",
    "Serbia": "SRB",
    "India": "IND",
    "Turkey": "TUR",
}
DEFAULT_POLES = ["USA", "RUS", "CHN", "TUR", "EU", "NAM"]
# One period and one date for every profile, so the plausibility checks compare like with like.
PERIOD = ["--since", "2010", "--on", "2024-01-01"]


def _refuse_non_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON (RFC 8259); browsers' JSON.parse rejects it")


def strict_json(text: str) -> Any:
    """Parse as standards-conforming JSON: Python's json also accepts NaN and Infinity."""
    return json.loads(text, parse_constant=_refuse_non_json)


class Cli:
    """Runs ``nonaligned --db <store> ...`` in process; profiles are run once and kept.

    Why a copy of the session's built store: a read-only connection to ``built_db`` anywhere in
    the session (the session-wide ``rec`` fixture) makes DuckDB refuse the CLI's read-write one.
    The copy carries the ideal-point cache that ``built_db`` holds, so nothing is estimated again.
    """

    def __init__(self, db: Path) -> None:
        self.db = db
        self._profiles: dict[str, tuple[int, str, str]] = {}

    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(self.db), *argv])
        return code, out.getvalue(), err.getvalue()

    def profile(self, country: str) -> tuple[int, str, str]:
        if country not in self._profiles:
            self._profiles[country] = self.run(
                "profile", country, *PERIOD, "--format", "json", "--replicates", "50"
            )
        return self._profiles[country]

    def profile_json(self, country: str) -> dict[str, Any]:
        code, out, err = self.profile(country)
        assert code == 0, err
        data: dict[str, Any] = json.loads(out)
        return data


@pytest.fixture(scope="module")
def cli(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    copy = tmp_path_factory.mktemp("profiles") / "records.duckdb"
    shutil.copyfile(built_db, copy)
    return Cli(copy)


def s_with(profile: dict[str, Any], pole: str) -> float:
    return float(next(r["s"] for r in profile["lean"] if r["pole"] == pole))


# -- every profile ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("country", "iso3"), STATES.items())
def test_profile_json(cli: Cli, country: str, iso3: str) -> None:
    code, out, err = cli.profile(country)
    assert code == 0, err
    assert "Traceback" not in err
    prof = strict_json(out)  # no NaN or Infinity anywhere: any JSON reader can load it
    assert prof["state"]["iso3"] == iso3
    assert prof["on"] == "2024-01-01"
    assert prof["period"] == {"since": "2010-01-01", "until": None}
    assert [r["pole"] for r in prof["lean"]] == [p for p in DEFAULT_POLES if p != iso3]
    for r in prof["lean"]:
        assert r["n"] > 100, r
        assert -1.0 <= r["s_lo"] <= r["s"] <= r["s_hi"] <= 1.0, r
    b = prof["balance"]
    assert 0.0 <= b["lo"] <= b["value"] <= b["hi"] <= 1.0
    assert b["poles"] == ["USA", "EU", "RUS", "CHN"] and b["replicates"] == 50
    assert prof["yearly"][0]["year"] == 2010
    notes = " ".join(prof["notes"])
    assert "Lean:" in notes and "Balance:" in notes and "UN votes:" in notes
    assert {b["bloc"] for b in prof["blocs"]} >= {"NAM", "NATO", "CIS", "EU", "PFP"}


# -- what an analyst would check first -------------------------------------------------------------
def test_georgia_votes_closer_to_the_eu_than_armenia(cli: Cli) -> None:
    assert s_with(cli.profile_json("Georgia"), "EU") > s_with(cli.profile_json("Armenia"), "EU")


def test_turkey_votes_closer_to_the_eu_than_kazakhstan(cli: Cli) -> None:
    assert s_with(cli.profile_json("Turkey"), "EU") > s_with(cli.profile_json("Kazakhstan"), "EU")


def test_india_votes_closer_to_the_nam_than_to_the_usa(cli: Cli) -> None:
    india = cli.profile_json("India")
    assert s_with(india, "NAM") > s_with(india, "USA")


def test_serbia_outside_cis_and_nato_but_a_pfp_partner(cli: Cli) -> None:
    status = {b["bloc"]: b["status"] for b in cli.profile_json("Serbia")["blocs"]}
    assert (status["CIS"], status["NATO"], status["PFP"]) == ("no", "no", "partner")


def test_profile_json_without_a_balance_is_still_json(cli: Cli) -> None:
    code, out, err = cli.run(
        "profile", "Azerbaijan", *PERIOD, "--poles", "NAM", "TUR", "--format", "json",
        "--replicates", "10",
    )  # fmt: skip
    assert code == 0, err
    prof = strict_json(out)
    assert prof["balance"]["poles"] == [] and prof["balance"]["value"] is None


# -- bad input -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["profile", "Atlantis"], "unknown country 'Atlantis'"),
        (["profile", "AZE", "--since", "2030"], "no UN General Assembly roll calls since 2030"),
        (["profile", "AZE", "--poles", "Atlantis"], "unknown pole 'Atlantis'"),
        (["similarity", "AZE", "AZE"], "Azerbaijan compared with itself"),
        (["similarity", "AZE", "ARM", "--issue", "xx"], "unknown issue 'xx'"),
        (
            ["similarity", "AZE", "USA", "--since", "1980", "--until", "1990"],
            "no roll call in common",
        ),
        (["idealpoints", "--bootstrap", "-1"], "--bootstrap: -1 is out of range: give 0 to"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_bad_input_is_one_clear_line(cli: Cli, argv: list[str], message: str) -> None:
    code, out, err = cli.run(*argv)
    assert code == 2
    assert err.startswith("nonaligned: error: ") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_similarity_csv_one_row_per_year_since_independence(cli: Cli) -> None:
    code, out, err = cli.run("similarity", "Azerbaijan", "Armenia", "--format", "csv")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "year,n,agree,s,kappa,pi"
    rows = [line.split(",") for line in lines[1:]]
    years = [int(r[0]) for r in rows]
    # both joined the UN in March 1992 and have voted every year since
    assert years == list(range(1992, 2026))
    assert all(int(r[1]) > 0 for r in rows)
    assert all(-1.0 <= float(r[3]) <= 1.0 for r in rows)
