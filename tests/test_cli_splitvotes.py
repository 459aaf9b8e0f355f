"""The profile leads with the split-vote measure and plain readings; `neighbours` ranks the
states that vote most alike (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nonaligned.cli import main


@pytest.fixture
def db(built_db: Path) -> str:
    return str(built_db)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_profile_leads_with_split_votes(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "profile", "Azerbaijan", "--since", "2015")
    assert code == 0
    lines = [ln for ln in out.splitlines() if ln.strip()]
    out = " ".join(out.split())  # the console wraps long lines
    # the header, then the split-vote line with its plain reading: before any table
    assert lines[1].startswith("Split votes (USA vs RUS)")
    assert "When the US and Russia vote differently, Azerbaijan votes with Russia" in out
    assert "first vote" not in out and "last vote –" not in out
    assert "2015-01-01 – " in lines[0]
    # a plain reading beside the balance and each pole's similarity
    assert "In its UN votes Azerbaijan" in out
    assert "Azerbaijan mostly votes like China" in out


def test_profile_split_poles_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "profile",
        "Azerbaijan",
        "--since",
        "2015",
        "--split-poles",
        "USA",
        "CHN",
        "--format",
        "json",
    )
    assert code == 0
    prof = json.loads(out)
    sv = prof["split_votes"]
    assert (sv["pole_a"]["code"], sv["pole_b"]["code"]) == ("USA", "CHN")
    assert sv["overall"]["n"] > 100 and sv["overall"]["thin"] is False
    assert prof["readings"]["split_votes"]["text"].startswith(
        "When the US and China vote differently"
    )
    assert prof["readings"]["split_votes"]["how_to_read"]
    assert prof["first_vote"] >= "2015-01-01"


def test_profile_peers_include_the_focal_state(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "profile",
        "Azerbaijan",
        "--since",
        "2015",
        "--peers",
        "Georgia",
        "--replicates",
        "20",
        "--format",
        "json",
    )
    assert code == 0
    peers = [r["iso3"] for r in json.loads(out)["peers"]]
    assert peers == ["AZE", "GEO"]


def test_neighbours_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "neighbours", "Azerbaijan", "--since", "2015")
    assert code == 0
    out = " ".join(out.split())
    assert "States voting most like Azerbaijan, 2015-01-01 – " in out
    assert "The states that vote most like Azerbaijan are" in out
    assert "left out for sharing fewer than 30 roll calls" in out


def test_neighbours_json_excludes_focal(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "neighbours",
        "AZE",
        "--since",
        "2015",
        "--measure",
        "S",
        "--top",
        "5",
        "--format",
        "json",
    )
    assert code == 0
    d = json.loads(out)
    rows = d["neighbours"]
    assert len(rows) == 5 and "AZE" not in {r["iso3"] for r in rows}
    assert d["measure"] == "s" and [r["s"] for r in rows] == sorted(
        (r["s"] for r in rows), reverse=True
    )
    assert isinstance(d["excluded"], int) and d["ranked"] >= 5
    assert d["reading"]["text"].startswith("The states that vote most like Azerbaijan")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["neighbours", "Atlantis"], "unknown country 'Atlantis'"),
        (["neighbours", "AZE", "--since", "20x5"], "malformed --since date"),
        (["neighbours", "AZE", "--top", "0"], "--top"),
        (["neighbours", "AZE", "--measure", "kappa"], "invalid choice"),
    ],
)
def test_neighbours_errors(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    try:
        code, _, err = run(capsys, "--db", db, *argv)
    except SystemExit as exc:  # argparse rejects some arguments itself
        code, err = int(exc.code or 0), capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
