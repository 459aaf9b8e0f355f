"""Actor recognition: dictionary first, dated office holders, case rules, model fallback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("spacy", reason="the text extra (spaCy) is not installed")

from nonaligned.errors import DataError
from nonaligned.text.actors import Mention, default_recognizer, load_dictionary


def found(text: str, on: date | None = None) -> list[Mention]:
    return default_recognizer().annotate(text, on)[1]


def by_text(text: str, on: date | None = None) -> dict[str, Mention]:
    return {m.text: m for m in found(text, on)}


def test_states_demonyms_capitals_and_igos() -> None:
    m = by_text(
        "Azerbaijani diplomats in Baku briefed the Non-Aligned Movement and NATO on Armenia."
    )
    assert (m["Azerbaijani"].kind, m["Azerbaijani"].code) == ("nationality", "AZE")
    assert (m["Baku"].kind, m["Baku"].code) == ("capital", "AZE")
    assert (m["Non-Aligned Movement"].kind, m["Non-Aligned Movement"].code) == ("igo", "NAM")
    assert m["NATO"].code == "NATO" and m["Armenia"].code == "ARM"


def test_office_holders_resolve_by_the_articles_date() -> None:
    on_2022 = by_text("Ilham Aliyev met Vladimir Putin.", date(2022, 2, 22))
    assert (on_2022["Ilham Aliyev"].code, on_2022["Ilham Aliyev"].role) == ("AZE", "head_of_state")
    assert (on_2022["Vladimir Putin"].code, on_2022["Vladimir Putin"].role) == (
        "RUS",
        "head_of_state",
    )
    # Putin was prime minister between his presidencies
    on_2010 = by_text("Vladimir Putin spoke.", date(2010, 6, 1))
    assert on_2010["Vladimir Putin"].role == "head_of_government"


def test_lower_case_words_are_not_states() -> None:
    texts = {m.text for m in found("They served turkey and spoke of china plates in chad.")}
    assert not texts & {"turkey", "china", "chad"}


def test_longest_match_wins() -> None:
    m = by_text("The Organisation of Turkic States met in Shusha.")
    assert "Organisation of Turkic States" in m and m["Organisation of Turkic States"].code == "OTS"


def test_model_fallback_for_unknown_names_and_org_wrapping() -> None:
    m = by_text("U.S. Central Command said Jane Doerfler arrived.")
    org = m.get("U.S. Central Command")
    if org is not None:  # when the model finds the organisation, the state is its affiliation
        assert org.kind == "unknown_org" and org.code == "USA"
    assert all(x.origin in ("dictionary", "model", "model+dictionary") for x in m.values())


def test_offsets_point_at_the_text() -> None:
    text = "First paragraph about Georgia.\n\nSecond one: Turkey and Azerbaijan signed in Shusha."
    sents, ments = default_recognizer().annotate(text)
    for s, e, t in sents:
        assert text[s:e] == t
    for x in ments:
        assert text[x.start : x.end] == x.text
        assert 0 <= x.sent < len(sents)


def test_malformed_dictionary_row_is_named(tmp_path: Path) -> None:
    (tmp_path / "office_holders_bad.csv").write_text(
        "person,name,aliases,iso3,role,title,start,start_precision,end,end_precision,source,note\n"
        "x-y,X Y,,AZE,head_of_state,President,2020-13-01,day,,,test,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"office_holders_bad\.csv line 2: '2020-13-01'"):
        load_dictionary(tmp_path)


def test_bare_surname_resolves_to_the_holder_in_office_on_the_date() -> None:
    text = "Aliyev received the delegation."
    m2022 = by_text(text, date(2022, 2, 22))["Aliyev"]
    m1995 = by_text(text, date(1995, 6, 1))["Aliyev"]
    assert (m2022.person, m2022.code) == ("ilham-aliyev", "AZE")
    assert (m1995.person, m1995.code) == ("heydar-aliyev", "AZE")
    # without a date a bare surname is not guessed
    assert "Aliyev" not in {m.text for m in found(text) if m.kind == "person"}
