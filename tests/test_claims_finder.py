"""The claims finder's patterns by type: golden sentences in the project's own words (never from
the evaluation set), look-alikes that must yield nothing, and floors on the development sets
(``nonaligned/claims/data/finder_dev.jsonl``, ``finder_fresh.jsonl``; see data/SOURCE.md).

Finding only: the recogniser and the finder, no store and no verdicts.
"""

from __future__ import annotations

from datetime import date

import pytest

from nonaligned.claims import devscore
from nonaligned.claims.finder import Finder
from nonaligned.claims.patterns import number

FOUND: list[tuple[str, str, str | None]] = [
    # (sentence, type, subject ISO3 or None for a bloc's count)
    ("Kenya voted in favour of the General Assembly resolution on Ukraine.", "vote", "KEN"),
    ("Laos abstained on the UN resolution condemning the annexation.", "vote", "LAO"),
    ("At the General Assembly, Chile backed the resolution on the Cuban embargo.", "vote", "CHL"),
    ("Eritrea did not take part in the vote on the Assembly's draft.", "vote", "ERI"),
    ("Bolivia cast its vote against the draft resolution on Crimea.", "vote", "BOL"),
    ("Peru voted for resolution ES-11/4 in October.", "vote", "PER"),
    ("The Commonwealth of Independent States now comprises nine member states.", "count", None),
    ("The Shanghai Cooperation Organisation has eight members.", "count", None),
    ("The 57-member Organisation of Islamic Cooperation met in Jeddah.", "count", None),
    ("Kyrgyzstan and Russia are military allies.", "alliance", "KGZ"),
    ("Tajikistan is bound to Russia by a treaty of alliance.", "alliance", "TJK"),
    ("Moldova does not join military blocs.", "alliance", "MDA"),
    ("Mongolia has no military alliances with anyone.", "alliance", "MNG"),
    ("Relations between Chad and Sudan remain tense.", "relations", "TCD"),
    ("Jordan and Israel normalised their relations in 1994.", "relations", "JOR"),
    ("Eritrea has been at war with Ethiopia twice.", "relations", "ERI"),
    ("Oman maintains friendly relations with all its neighbours.", "relations", "OMN"),
    ("Liechtenstein is a permanently neutral state.", "alignment", "LIE"),
    ("Malaysia does not belong to any bloc.", "alignment", "MYS"),
    ("Senegal positions itself as a non-aligned country.", "alignment", "SEN"),
    ("Ecuador pursues a multi-vector foreign policy.", "alignment", "ECU"),
    ("Trade turnover between Chile and China reached $60 billion.", "quantity", "CHL"),
    ("Ghana has 55 embassies abroad.", "quantity", "GHA"),
    ("Peru maintains diplomatic relations with 150 countries.", "quantity", "PER"),
    ("Cambodia calls China its most trusted friend.", "opinion", "KHM"),
    ("Nepal is a reliable partner for India.", "opinion", "NPL"),
    ("Kenya and Tanzania are brotherly nations.", "opinion", "KEN"),
]

NOTHING = [
    "The vote on the draft was postponed until Thursday.",
    "The General Assembly will vote on the text next week.",
    "The parliament of Chile voted against the pension bill.",
    "Lawmakers in Peru backed the resolution on the budget.",
    "Kenya beat Tanzania 2-1 in the regional cup final.",
    "Heavy rain flooded the streets of Nairobi on Monday.",
    "Inflation in Ghana slowed to 20 percent in May.",
    "The two countries are members of the African Union.",
    "The meeting was attended by representatives of 40 countries, including Oman.",
    "Geneva was chosen as a neutral venue for the talks between the delegations.",
    "Police clashed with protesters in central Lima.",
    "The foreign ministers of Chad and Sudan discussed bilateral relations.",
    "The Non-Aligned Movement summit opened in Kampala on Friday.",
    "The minister is an old friend of the ambassador of Nepal.",
]


@pytest.fixture(scope="module")
def finder() -> Finder:
    devscore.find("Warm up.", date(2023, 1, 1))
    return devscore._CACHE[0][0]


@pytest.mark.parametrize(("text", "kind", "subject"), FOUND, ids=[t[:40] for t, _, _ in FOUND])
def test_found(finder: Finder, text: str, kind: str, subject: str | None) -> None:
    found = devscore.find(text, date(2023, 6, 1))
    hits = [c for c in found if c.type == kind]
    assert hits, [(c.type, c.states, c.cue) for c in found]
    if subject is not None:
        assert hits[0].states[:1] == [subject], hits[0].states
    else:
        assert hits[0].blocs, "a count names its bloc"


@pytest.mark.parametrize("text", NOTHING, ids=[t[:40] for t in NOTHING])
def test_look_alikes_yield_nothing(finder: Finder, text: str) -> None:
    found = devscore.find(text, date(2023, 6, 1))
    assert not found, [(c.type, c.states, c.cue) for c in found]


def test_vote_details_for_the_checker(finder: Finder) -> None:
    (yes,) = devscore.find(
        "Kenya voted in favour of the resolution on the territorial integrity of Ukraine.",
        date(2023, 6, 1),
    )
    assert yes.details == {"how": "for", "topic": "ukraine", "stance": "for"}
    (no,) = devscore.find(
        "Belarus voted against the resolution on the US embargo against Cuba.", date(2023, 6, 1)
    )
    assert no.details == {"how": "against", "topic": "cuba_embargo", "stance": "against"}
    (abst,) = devscore.find(
        "Laos abstained on the resolution on Ukraine at the UN.", date(2023, 6, 1)
    )
    # an abstention on a named subject is checked against the roll calls on it (abstain expected)
    assert abst.details == {"how": "abstain", "topic": "ukraine", "stance": "abstain"}


def test_counts_read_number_words(finder: Finder) -> None:
    (c,) = devscore.find("The CIS comprises nine member states.", date(2020, 1, 1))
    assert c.type == "count" and c.details["n"] == 9 and c.blocs == ["CIS"]
    assert number("1,500") == 1500 and number("Twelve") == 12 and number("many") is None


def test_a_year_is_not_a_figure(finder: Finder) -> None:
    found = devscore.find("Kazakhstan signed the agreements in 2019.", date(2020, 1, 1))
    assert not [c for c in found if c.type == "quantity"]


def test_esteem_partner_is_opinion_not_status(finder: Finder) -> None:
    (c,) = devscore.find("Norway is a reliable partner of the European Union.", date(2020, 1, 1))
    assert c.type == "opinion"


@pytest.mark.parametrize(
    ("name", "p_floor", "r_floor"),
    [("finder_dev.jsonl", 0.97, 0.93), ("finder_fresh.jsonl", 0.97, 0.90)],
)
def test_development_set_floors(finder: Finder, name: str, p_floor: float, r_floor: float) -> None:
    s = devscore.score(devscore.read(devscore.DEV.parent / name))
    total = s.total
    print(f"\n{name}\n{devscore.table(s)}")
    assert total.precision >= p_floor, s.wrong
    assert total.recall >= r_floor, s.misses
    for kind, row in s.rows.items():
        assert row.tp + row.fn == 0 or row.recall >= 0.5, (kind, s.misses)
