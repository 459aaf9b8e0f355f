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


# ---------------------------------------------------------------- persons (issue 12, item 4)


def persons(text: str, on: date | None = None) -> dict[str, Mention]:
    return {m.text: m for m in found(text, on) if m.kind in ("person", "unknown_person")}


def test_un_secretary_general_resolves_to_the_un_not_timor_leste() -> None:
    # 2020: Francisco Guterres was Timor-Leste's president, António Guterres UN Secretary-General
    on = date(2020, 5, 1)
    m = persons("UN Secretary-General Antonio Guterres called for a ceasefire. Guterres said.", on)
    assert (m["Antonio Guterres"].code, m["Antonio Guterres"].role) == ("UN", "head_of_igo")
    assert m["Antonio Guterres"].person == "antonio-guterres"
    assert m["Guterres"].code == "UN"  # the full name said earlier in the document
    # a bare "Guterres" alone in 2020 is ambiguous (two holders of the name in office)
    alone = persons("Guterres said.", on).get("Guterres")
    assert alone is None or alone.code is None
    assert persons("Guterres said.", date(2023, 5, 1))["Guterres"].code == "UN"  # one holder
    assert persons("Secretary-General Guterres said.", on)["Guterres"].code == "UN"


def test_a_different_given_name_is_another_person() -> None:
    on = date(2019, 11, 1)  # Scott Morrison was Australia's prime minister
    text = "Tim Morrison, a former White House official, testified. Morrison said he was alarmed."
    ms = found(text, on)
    assert all(m.code != "AUS" for m in ms), [(m.text, m.code) for m in ms]
    assert all(m.person != "scott-morrison" for m in ms)
    assert "Tim Morrison" in {m.text for m in ms}  # the model's name survives, unresolved
    # a listed bare-surname alias ("Lavrov") is no exception
    assert all(m.code != "RUS" for m in found("Tim Lavrov said.", on))


def test_office_title_beside_a_surname() -> None:
    on = date(2022, 2, 22)
    m = persons("President Aliyev met Prime Minister Pashinyan.", on)
    assert (m["Aliyev"].code, m["Aliyev"].person) == ("AZE", "ilham-aliyev")
    assert m["Pashinyan"].code == "ARM"
    # the title picks among holders of the surname: Zakir Hasanov (defence), not Hasan Hasanov
    assert persons("Defence Minister Hasanov spoke.", on)["Hasanov"].person == "zakir-hasanov"
    # another office ("Deputy Prime Minister") says it is someone else
    deputy = persons("Deputy Prime Minister Aliyev spoke.", on).get("Aliyev")
    assert deputy is None or deputy.code is None
    # without a date the title still resolves when one person of the name held the office
    assert persons("Defence Minister Hasanov spoke.")["Hasanov"].person == "zakir-hasanov"


def test_bare_surname_after_the_full_name_in_the_same_document() -> None:
    text = "Ilham Aliyev opened the forum.\n\nLater, Aliyev told reporters the talks went well."
    # no date: only the document can say who "Aliyev" is (Heydar or Ilham)
    bare = [m for m in found(text) if m.text == "Aliyev"]
    assert bare and (bare[0].code, bare[0].person) == ("AZE", "ilham-aliyev")
    assert "Aliyev" not in {m.text for m in found("Aliyev told reporters.") if m.code}


def test_nationality_and_title_before_a_name() -> None:
    on = date(2021, 1, 1)
    m = persons(
        "Russian Foreign Minister Sergei Lavrov met Russian Foreign Minister Ivan Petrovsky.", on
    )
    assert (m["Sergei Lavrov"].code, m["Sergei Lavrov"].role) == ("RUS", "foreign_minister")
    assert (m["Ivan Petrovsky"].kind, m["Ivan Petrovsky"].code) == ("unknown_person", "RUS")
    turk = persons("Turkish diplomat Mehmet Yurtseven said so.", on)
    assert [x.code for x in turk.values()] == ["TUR"]


def test_apposition_gives_an_unknown_person_a_state() -> None:
    text = (
        "John Smith, a US State Department spokesman, said. "
        "Jane Doerfler, Britain's ambassador to Russia, said. "
        "Anna Kowalczyk, a former Pentagon official, said."
    )
    m = persons(text, date(2021, 1, 1))
    assert m["John Smith"].code == "USA"
    assert m["Jane Doerfler"].code == "GBR"  # the sending state, not the host
    assert m["Anna Kowalczyk"].code is None  # a former official acts for no one


def test_given_name_compatibility() -> None:
    from nonaligned.text.actors import given_compatible

    assert given_compatible("Sergei", {"sergey"})
    assert given_compatible("Muhammad", {"mohammed"})
    assert given_compatible("S.", {"sergey"})
    assert given_compatible("António", {"antonio"})
    assert not given_compatible("Tim", {"scott"})
    assert not given_compatible("Antonio", {"francisco"})
    assert not given_compatible("John", {"kamina"})


def test_default_recognizer_is_built_once_per_process() -> None:
    # building it loads the dictionary into a PhraseMatcher (about half a second): the coder
    # and the evaluation call it per text, so a lost cache multiplies their time
    from nonaligned.text.actors import default_recognizer

    assert default_recognizer() is default_recognizer()
