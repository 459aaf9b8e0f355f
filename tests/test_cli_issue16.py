"""Issue 16 fixes: vote counts honour the period, Serbia's own period, output format from the
--out extension, and terminal tables that read at 80 and 120 columns."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rich.console import Console

from nonaligned.cli import main
from nonaligned.output import render


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(built_db: Path) -> str:
    return str(built_db)


def test_votes_by_year_honours_since_and_until(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", db, "-q", "votes", "Azerbaijan", "--since", "2015", "--until", "2018",
        "--by", "year", "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert [r["year"] for r in json.loads(out)] == [2015, 2016, 2017, 2018]


def test_votes_by_session_honours_issue(rec: Any) -> None:
    every = rec.vote_counts("AZE", by="session", since="2015")
    human_rights = rec.vote_counts("AZE", by="session", since="2015", issue="hr")
    assert int(every["session"].min()) >= 69
    both = every.merge(human_rights, on="session", suffixes=("", "_hr"))
    assert len(both) == len(human_rights) > 0
    assert (both["rollcalls_hr"] < both["rollcalls"]).all()


def test_serbia_is_its_own_period_by_default_with_the_gap_shown(rec: Any) -> None:
    own = rec.vote_counts("Serbia")
    assert int(own["year"].min()) == 1992
    gap = own[own["year"].between(1993, 1996)]
    assert list(gap["year"]) == [1993, 1994, 1995, 1996]  # listed, not skipped
    assert gap["voted"].isna().all() and gap["thin"].all()
    assert gap["note"].str.startswith("not seated").all()
    assert not own[own["year"] >= 2001]["note"].fillna("").str.contains("seated").any()
    both = rec.vote_counts("Serbia", with_predecessor=True)
    assert int(both["year"].min()) == 1946
    assert rec.votes("Serbia")["date"].min() >= pd.Timestamp("1992-04-27")
    assert rec.votes("Serbia", with_predecessor=True)["year"].min() == 1946
    # states without a succession are unchanged
    assert int(rec.vote_counts("Russia")["year"].min()) == 1946


def test_votes_cli_says_what_was_left_out(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "-q", "votes", "Serbia", "--by", "year")
    assert code == 0
    assert "--with-predecessor adds them" in " ".join(out.split())
    code, out, _ = run(
        capsys, "--db", db, "-q", "votes", "Serbia", "--by", "year", "--with-predecessor",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0 and out.splitlines()[1].startswith("1946,")


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("ip.csv", lambda p: p.read_text().startswith("cow,iso3,name,year,idealpoint")),
        ("ip.json", lambda p: json.loads(p.read_text())[0]["iso3"] == "USA"),
        ("ip.jsonl", lambda p: json.loads(p.read_text().splitlines()[0])["iso3"] == "USA"),
        ("ip.parquet", lambda p: len(pd.read_parquet(p)) > 1000),
        ("ip.txt", lambda p: "idealpoint" in p.read_text() and "┃" in p.read_text()),
    ],
)
def test_out_extension_sets_the_format(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, check: Any
) -> None:
    target = tmp_path / name
    code, _out, err = run(capsys, "--db", db, "-q", "idealpoints", "--out", str(target))
    assert code == 0, err
    assert check(target)


def test_explicit_format_wins_over_the_extension(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "members.csv"
    code, _out, err = run(
        capsys, "--db", db, "-q", "members", "NAM", "--out", str(target), "--format", "json"
    )
    assert code == 0, err
    assert json.loads(target.read_text())[0]["bloc"]


def test_parquet_needs_a_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", db, "-q", "members", "NAM", "--format", "parquet")
    assert code != 0 and "--out FILE.parquet" in err


def test_ingest_of_a_missing_path_fails(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "-q", "ingest", str(db_path.parent / "no-such-folder"))
    assert code != 0
    assert "nothing was ingested" in err


SENTENCE = (
    "Azerbaijan and Russia signed a declaration on allied interaction in Moscow, pledging "
    "military assistance and closer coordination within the CIS Charter framework"
)


def _rendered(df: pd.DataFrame, width: int) -> str:
    buf = io.StringIO()
    Console(file=buf, width=width, soft_wrap=False).print(render(df, "events", width=width))
    return buf.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_long_text_wraps_at_words_and_fits(width: int) -> None:
    df = pd.DataFrame(
        {
            "date": ["2022-02-22", "2023-05-01"],
            "source": ["AZE", "RUS"],
            "target": ["RUS", "AZE"],
            "type": ["AGREE", "SUPPORT"],
            "treaty": ["CIS Charter", "CIS Charter"],
            "sentence": [SENTENCE, "Short one."],
        }
    )
    text = _rendered(df, width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in text
    assert any("CIS Charter" in line for line in lines)  # a short cell is never cut
    words = {w for line in lines for w in line.replace("│", " ").split()}
    for word in SENTENCE.replace(",", " ").split():
        assert any(word in w for w in words), word  # no word split across lines
    assert "1 of 2" not in text  # six columns fit: a table, not the record view


def test_too_many_columns_become_a_record_view() -> None:
    row = {f"column_number_{i}": f"value {i}" for i in range(12)}
    row["sentence"] = SENTENCE
    text80 = _rendered(pd.DataFrame([row, row]), 80)
    assert "1 of 2" in text80 and "2 of 2" in text80
    assert max(len(line) for line in text80.splitlines()) <= 80
    assert "column_number_11" in text80
    assert "value 11" in text80


def test_profile_and_report_measure_serbia_from_its_own_first_day(rec: Any) -> None:
    from nonaligned.measures.profile import build_profile
    from nonaligned.report.data import report_data

    own = build_profile(rec, "Serbia", replicates=10)
    assert own.alignment is not None and str(own.alignment.since) == "1992-04-27"
    assert own.first_vote is not None and own.first_vote.year == 1992
    assert any("--with-predecessor adds them" in n for n in own.notes)
    assert any("not seated" in n for n in own.notes)
    both = build_profile(rec, "Serbia", replicates=10, with_predecessor=True)
    assert both.first_vote is not None and both.first_vote.year == 1946
    assert both.split is not None and own.split is not None
    assert both.split.overall["n"] > own.split.overall["n"]
    data = report_data(rec, "Serbia", replicates=10, top_events=0)
    assert data["period"]["since"] == "1992-04-27"
    assert min(r["year"] for r in data["similarity"]) == 1992
    assert min(r["year"] for r in data["balance"]) == 1992
    # an explicit later start is kept; other states are unchanged
    later = report_data(rec, "Serbia", since="2010", replicates=10, top_events=0)
    assert later["period"]["since"] == "2010-01-01"
    assert build_profile(rec, "Russia", replicates=10).first_vote.year == 1946  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("c.csv", lambda p: p.read_text().startswith("doc,start,end,type")),
        ("c.json", lambda p: json.loads(p.read_text())[0]["type"] == "count"),
        ("c.jsonl", lambda p: json.loads(p.read_text().splitlines()[0])["type"] == "count"),
    ],
)
def test_check_out_extension_sets_the_format(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, check: Any
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Azerbaijan chairs the 120-member Non-Aligned Movement.\n")
    target = tmp_path / name
    code, _out, err = run(capsys, "--db", db, "-q", "check", str(article), "--out", str(target))
    assert code == 0, err
    assert check(target)
