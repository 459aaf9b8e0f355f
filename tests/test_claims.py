"""The claims checker (issue 15): the seed pages, small golden cases in the project's own words,
bad input, the verdict rules, the JSON shape, the ``check`` command and ``evaluate claims``.

The seed pages are read from ../shared/corpus/seeds at test time (never copied here) and skipped
when absent. Every verdict asserted below comes from the bundled records in a store built for the
session (``built_db``); the store holds no coded news, so relations claims are not checkable.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from nonaligned.claims import VERDICTS, Claim, check, explain_empty
from nonaligned.claims import verdict as rules
from nonaligned.errors import NonalignedError
from nonaligned.records import Records
from nonaligned.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "claims_cases.jsonl"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed pages (../shared/corpus/seeds) are not on this machine"
)


@pytest.fixture(scope="module")
def rec(built_db: Path) -> Iterator[Records]:
    store = Store.open(built_db, read_only=True)
    yield Records(store)
    store.close()


def _seed(prefix: str) -> tuple[str, date | None]:
    from nonaligned.text.extract import extract
    from nonaligned.text.readers import RawDoc, iter_inputs

    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (raw,) = iter_inputs([str(path)])
    assert isinstance(raw, RawDoc)
    doc = extract(raw)
    assert not hasattr(doc, "reason")
    published = doc.published.date() if doc.published and doc.date_source != "file-mtime" else None  # type: ignore[union-attr]
    return doc.text, published  # type: ignore[union-attr]


def _one(claims: list[Claim], kind: str, words: str) -> Claim:
    hits = [c for c in claims if c.type == kind and words in c.sentence]
    assert hits, (
        f"no {kind} claim in a sentence with {words!r}: {[(c.type, c.sentence[:60]) for c in claims]}"
    )
    return hits[0]


# ------------------------------------------------------------------------------ the seed pages


@needs_seeds
def test_seed_002_nam_count_and_chair(rec: Records) -> None:
    text, on = _seed("002")
    assert on == date(2020, 5, 5)
    claims = check(text, on, records=rec)
    count = _one(claims, "count", "120 states")
    assert count.verdict == "supported" and count.blocs == ["NAM"]
    assert count.evidence[0].row["members"] == 120
    chair = _one(claims, "membership", "chairing the Non-Aligned Movement")
    assert chair.verdict == "supported" and chair.states == ["AZE"]
    assert any(str(e.row.get("start", ""))[:10] == "2019-10-25" for e in chair.evidence)
    assert "2019-10-25" in chair.reason


@needs_seeds
def test_seed_000_agreements_against_third_countries(rec: Records) -> None:
    text, on = _seed("000")
    assert on == date(2022, 2, 22)
    claims = check(text, on, records=rec)
    c = _one(claims, "alliance", "directed against third countries")
    assert c.verdict == "mixed" and c.states == ["AZE"]
    treaties = " ".join(str(e.row.get("treaty")) for e in c.evidence)
    assert "Shusha Declaration" in treaties and "Declaration on Allied Interaction" in treaties
    assert "directed against third countries is for the reader" in c.reason
    # the same sentence also says Azerbaijan chaired the NAM on that day
    chair = _one(claims, "membership", "directed against third countries")
    assert chair.verdict == "supported" and chair.blocs == ["NAM"]


@needs_seeds
def test_seed_001_crimea_votes_pfp_and_alignment(rec: Records) -> None:
    text, on = _seed("001")
    assert on is None  # the page carries no date; its content dates it to April 2024
    claims = check(text, "2024-04-20", records=rec)
    vote = _one(claims, "vote", "annexation of Crimea")
    assert vote.verdict == "mixed" and vote.states == ["AZE"]
    cast = {str(e.row["unres"]): e.row["vote"] for e in vote.evidence if e.row.get("unres")}
    assert cast["A/RES/68/262"] == "yes"
    es11 = [v for k, v in cast.items() if "ES-11" in k]
    assert es11 and set(es11) == {"non-voting"}
    pfp = _one(claims, "membership", "Partnership for Peace")
    assert pfp.verdict == "supported" and pfp.blocs == ["PFP"]
    assert "1994-05-04" in pfp.reason
    align = _one(claims, "alignment", "multi-vector")
    assert align.verdict in VERDICTS and align.states == ["AZE"]
    assert [e.kind for e in align.evidence].count("measure") >= 3  # the state and its peers


@needs_seeds
def test_seed_003_quantity_and_opinion(rec: Records) -> None:
    text, _ = _seed("003")
    claims = check(text, "2021-01-01", records=rec)
    q = _one(claims, "quantity", "177 countries")
    assert q.verdict == "not checkable" and "diplomatic relations" in q.reason
    op = _one(claims, "opinion", "reliable partner")
    assert op.verdict == "not checkable" and op.reason == "opinion"


@needs_seeds
def test_seed_004_balanced_policy_measured_with_peers(rec: Records) -> None:
    text, _ = _seed("004")
    claims = check(text, "2018-01-15", records=rec)
    c = _one(claims, "alignment", "balanced and active foreign policy")
    assert c.refers_to == date(2017, 12, 31)  # "was continued in 2017"
    assert "balance" in c.reason and "peers" in c.reason
    rows = [e.row for e in c.evidence if e.kind == "measure"]
    assert rows[0]["iso3"] == "AZE" and 0 <= rows[0]["balance"] <= 1
    nop = _one(claims, "relations", "other than Armenia")
    assert nop.verdict == "not checkable"  # no coded news in this store: never guessed


# ------------------------------------------------------------------------------ golden cases


def _golden() -> list[dict[str, object]]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("case", _golden(), ids=lambda c: str(c["text"])[:40])
def test_golden_cases(rec: Records, case: dict[str, object]) -> None:
    claims = check(str(case["text"]), str(case["on"]), records=rec)
    assert len(claims) == 1, [(c.type, c.reason) for c in claims]
    c = claims[0]
    assert (c.type, c.verdict) == (case["type"], case["verdict"]), c.reason
    assert c.states == case["states"]
    assert c.reason


def test_alignment_claim_names_peers(rec: Records) -> None:
    (c,) = check(
        "Kazakhstan pursues a balanced, multi-vector foreign policy.", "2020-01-01", records=rec
    )
    assert c.type == "alignment" and c.verdict in ("supported", "mixed", "contradicted")
    assert "median" in c.reason and c.evidence[0].row["iso3"] == "KAZ"


def test_explicit_peers(rec: Records) -> None:
    (c,) = check(
        "Kazakhstan pursues a balanced foreign policy.",
        "2020-01-01",
        records=rec,
        peers=["Kyrgyzstan", "Uzbekistan"],
    )
    assert {e.row["iso3"] for e in c.evidence} == {"KAZ", "KGZ", "UZB"}


# ------------------------------------------------------------------------------ bad input


def test_no_claims_and_empty_text(rec: Records) -> None:
    assert check("", "2020-01-01", records=rec) == []
    assert check("The weather in the hills was mild all week.", "2020-01-01", records=rec) == []
    assert "empty" in explain_empty("  ")
    assert "no checkable claim" in explain_empty("The weather.")


def test_unknown_state_is_said(rec: Records) -> None:
    (c,) = check("Freedonia is a member of NATO.", "2020-01-01", records=rec)
    assert c.verdict == "not checkable" and "Freedonia" in c.reason


def test_non_english_refused(rec: Records) -> None:
    with pytest.raises(NonalignedError, match="not English"):
        check(
            "La Géorgie a obtenu le statut de candidat à l'adhésion à l'Union européenne.",
            "2023-12-14",
            records=rec,
        )


@pytest.mark.parametrize(
    ("on", "words"), [("1900-01-01", "records begin"), ("2999-01-01", "future")]
)
def test_dates_outside_the_records(rec: Records, on: str, words: str) -> None:
    with pytest.raises(NonalignedError, match=words):
        check("Georgia is a member of the Council of Europe.", on, records=rec)


def test_bad_date_and_type(rec: Records) -> None:
    with pytest.raises(NonalignedError):
        check("Georgia is a member of the Council of Europe.", "22/02/2022", records=rec)
    with pytest.raises(NonalignedError):
        check(None, "2020-01-01", records=rec)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ shape and rules


def test_claim_to_json(rec: Records) -> None:
    claims = check(
        "Azerbaijan has chaired the Non-Aligned Movement since October 2019. "
        "It voted for resolution 68/262.",
        "2020-05-05",
        records=rec,
    )
    assert [c.type for c in claims] == ["membership", "vote"]
    data = json.loads(json.dumps([c.to_dict() for c in claims]))
    assert data[1]["states"] == ["AZE"] and data[1]["verdict"] == "supported"
    assert data[0]["evidence"][0]["source"].startswith("bloc chairs")
    text = "Azerbaijan has chaired the Non-Aligned Movement since October 2019."
    assert data[0]["start"] == 0 and data[0]["end"] == len(text)


def test_verdict_rules() -> None:
    assert rules.vote_rule(1, 0, 0) == "supported"
    assert rules.vote_rule(1, 0, 9) == "mixed"
    assert rules.vote_rule(0, 2, 1) == "contradicted"
    assert rules.vote_rule(0, 0, 3) == "not checkable"
    assert rules.count_rule(120, 120, "") == "supported"
    assert rules.count_rule(121, 120, "") == "contradicted"
    assert rules.count_rule(121, 120, "nearly") == "supported"
    assert rules.count_rule(121, 120, "more than") == "supported"
    assert rules.no_alliance_rule(2, 0) == "mixed" and rules.no_alliance_rule(0, 5) == "supported"
    assert rules.alliance_rule(0, covered=False) == "not checkable"
    assert rules.relations_rule(0, 0, friendly=True) == "not checkable"
    assert rules.relations_rule(3, 1, friendly=True) == "mixed"
    assert rules.no_problem_rule(5, 0, 0) == "supported"
    assert rules.no_problem_rule(5, 2, 1) == "contradicted"
    assert rules.balance_rule(0.6, 0.7, 0.5) == "supported"
    assert rules.balance_rule(0.4, 0.6, 0.5) == "mixed"
    assert rules.status_rule("member", "member", since_ok=False) == "mixed"
    assert rules.combine(["supported", "not checkable"]) == "supported"
    assert rules.combine(["supported", "contradicted"]) == "mixed"


# ------------------------------------------------------------------------------ the command


@pytest.fixture
def own_db(built_db: Path, tmp_path: Path) -> Path:
    """A copy of the session store: the command opens it for writing (as every command does)."""
    import shutil

    return Path(shutil.copy(built_db, tmp_path / "check.duckdb"))


def _parser() -> argparse.ArgumentParser:
    from nonaligned.claims.command import add_check_parser

    p = argparse.ArgumentParser()
    p.add_argument("--db")
    add_check_parser(p.add_subparsers())
    return p


def test_check_command_json(own_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _parser().parse_args(
        ["--db", str(own_db), "check", "--text", "Georgia is not a member of NATO.",
         "--on", "2023-01-01", "--format", "json"]
    )  # fmt: skip
    assert args.func(args) == 0
    (out,) = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "supported" and out["type"] == "membership"


def test_check_command_needs_input(own_db: Path) -> None:
    args = _parser().parse_args(["--db", str(own_db), "check"])
    with pytest.raises(NonalignedError, match="--text"):
        args.func(args)


def test_check_command_file_and_no_claims(
    own_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A quiet week.\n\nThe weather was mild and the markets were calm.\n", "utf-8")
    args = _parser().parse_args(["--db", str(own_db), "check", str(page), "--on", "2020-01-01"])
    assert args.func(args) == 0
    assert "no checkable claim" in capsys.readouterr().err
