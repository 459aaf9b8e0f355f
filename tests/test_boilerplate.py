"""The text-dump filter: every body paragraph kept whole, the page furniture gone.

Two kinds of input: the five real scraped seed pages (read from ../shared/corpus/seeds, skipped
when that folder is absent; only short identifying fragments of them are written here), and a
dump written for this test in the same style about the 4 May 2020 NAM Contact Group video summit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from nonaligned.text.boilerplate import CleanText, clean, parse_byline, parse_date_line

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared/corpus/seeds (real scraped pages) is not on this machine"
)

# For each seed: the exact number of body paragraphs, then (start, end) fragments of some of
# them -- the paragraph that starts with the first must end with the second, so a paragraph cut
# in two or glued to furniture fails.
SEED_BODY: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "000": (
        15,
        [
            ("In light of recent events between Russia and Ukraine", "Day.az news site. noted."),
            ("He pointed out that people should not ignore", "when forming unfounded theories."),
            ("Day.az underlines that Azerbaijan, as an active member", "against third countries."),
            ("“Only the fact that the country is referred to", "the news site said. Noted."),
            ("Relations between the country and Russia and Ukraine", "mutual respect and trust."),
            ("“Thus, the signing and declaration between Azerbaijan", "the website notes."),
            ("On February 21, Vladimir Putin recognized the so-called", "“DPR” and “LPR”."),
        ],
    ),
    "001": (
        9,
        [
            ("Since restoring its independence, Azerbaijan has been", "ties with various states."),
            ("Yesterday's meeting, led by the Deputy Prime Ministers", "under Armenian control."),
            ("Thus, the recent months' events, including active steps", "the region's population."),
        ],
    ),
    "002": (
        15,
        [
            (
                "The Summit meeting in the format of Contact Group",
                "Council through videoconference.",
            ),
            ("The Non-Aligned Countries is one of the tribunes", "the autumn of last year."),
            ("At the same time, in the framework of Baku Summit", "two-thirds part of the planet!"),
            ("The Summit Meeting of the Contact Group of the", "of these strategic targets..."),
        ],
    ),
    "003": (
        7,
        [
            (
                "The foreign policy, being an indicator of the political",
                "problems by joint efforts.",
            ),
            ("At present, our state is a full member", "countries operate in Azerbaijan."),
            (
                "As an independent state, the Republic of Azerbaijan",
                "international anti-terrorist coalition.",
            ),
        ],
    ),
    "004": (
        5,
        [
            (
                "Independent, multidimensional, balanced and active foreign",
                "was continued in 2017.",
            ),
            (
                "President Ilham Aliyev in his comprehensive and detailed",
                'trilateral cooperation formats".',
            ),
            (
                "Azerbaijan conducts its independent foreign policy in the",
                "certain forces supporting them.",
            ),
        ],
    ),
}

# Furniture seen in the seeds: none of it may appear anywhere in the cleaned text.
SEED_FURNITURE: dict[str, list[str]] = {
    "000": [
        "Name Gypt",
        "Main Menu",
        "Header Banner",
        "Power Bloc",
        "Institutionalisation",
        "Home›",
        "Related posts",
        "It’s time to restart",
        "Did Modi concede",
        "Tagsaligned",
        "Categories",
        "Privacy Policy",
        "Terms and Conditions",
        "Follow us on twitter",
        "Calvin Teal",
        "By Ayya Lmahamad",
        "4:05 p.m.",
        "February 22, 2022",
    ],
    "001": ["You Might Also Like", "Prev Next", "Su Mo Tu", "28 29 30 31", "By Tural Heybatov"],
    "002": ["Clock-gray", "calendar-gray", "17:23", "05 May 2020", "Other news"],
    "003": [],
    "004": ["You Might Also Like"],
}

SEED_TITLES = {
    "000": "Azerbaijan’s foreign policy has never been opposed to third countries",
    "001": "How Azerbaijan successfully resists external pressure – OPINION",
    "002": (
        "Foreign policy course of President Ilham Aliyev: Role of Non-Aligned Movement "
        "increases – ANALYSIS"
    ),
    "003": "FOREIGN POLICY",
    "004": (
        "Ministry: Azerbaijan's foreign policy is served to goals of protection of national "
        "interests"
    ),
}


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _assert_whole(ct: CleanText, start: str, end: str) -> None:
    hits = [p for p in ct.paragraphs if p.text.startswith(start)]
    assert len(hits) == 1, f"no single paragraph starts with {start!r}"
    assert hits[0].text.endswith(end), f"paragraph {start!r} ends {hits[0].text[-60:]!r}"


def _assert_offsets(ct: CleanText) -> None:
    text = ct.text
    for p in ct.paragraphs:
        assert text[p.start : p.end] == p.text


@needs_seeds
@pytest.mark.parametrize("prefix", sorted(SEED_BODY))
def test_seed_body_kept_whole(prefix: str) -> None:
    ct = clean(_seed(prefix))
    count, fragments = SEED_BODY[prefix]
    for start, end in fragments:
        _assert_whole(ct, start, end)
    assert len(ct.paragraphs) == count, [p.text[:50] for p in ct.paragraphs]
    _assert_offsets(ct)


@needs_seeds
@pytest.mark.parametrize("prefix", sorted(SEED_BODY))
def test_seed_furniture_removed(prefix: str) -> None:
    ct = clean(_seed(prefix))
    for junk in SEED_FURNITURE[prefix]:
        assert junk not in ct.text, junk
    # counters, lone numbers and calendar rows are lines with no words
    assert all(any(ch.isalpha() for ch in p.text) for p in ct.paragraphs)
    # the headline is the title, never a paragraph (not even its repeats)
    assert ct.title == SEED_TITLES[prefix]
    assert all(p.text != ct.title for p in ct.paragraphs)


@needs_seeds
def test_seed_000_bylines_dates_and_blurb() -> None:
    ct = clean(_seed("000"))
    assert ct.byline_lines == ("By Calvin Teal", "By Ayya Lmahamad")
    assert "February 22, 2022 4:05 p.m. (UTC+04:00)" in ct.date_lines
    assert any("journalist of AzerNews" in s for s in ct.source_lines)


@needs_seeds
def test_seed_002_clock_and_calendar_form_one_date() -> None:
    ct = clean(_seed("002"))
    (widget,) = ct.date_lines
    hit = parse_date_line(widget)
    assert hit is not None
    assert (hit.day, hit.clock, hit.tz) == (date(2020, 5, 5), time(17, 23), None)
    # the closing signature is reported, not kept as body text
    assert ct.signature[0] == "Zaur Mammadov"
    assert "Zaur Mammadov" not in ct.text


@needs_seeds
def test_seed_003_soft_wrapped_paragraph_joined() -> None:
    ct = clean(_seed("003"))
    assert any(
        "international organizations (United Nations organization-UNO)" in p.text
        for p in ct.paragraphs
    )


# --------------------------------------------------------------------------- own fixture

# Written for this test in the style of the seeds; the event is real (4 May 2020), the words,
# site, people and agency are invented.
SUMMIT_DUMP = """\
Caspian Bulletin

Main Menu

  • Home
  • Region
  • Diplomacy
  • Opinion

Caspian Bulletin

  • Home
  • Region
  • Diplomacy
  • Opinion
Diplomacy
Home›Diplomacy›Non-aligned leaders hold first video summit on the pandemic

Non-aligned leaders hold first video summit on the pandemic

By Orin Vale
May 5, 2020
0
3

Source: Caspian Wire Agency
By Selma Arif

May 4, 2020 9:40 p.m. (UTC+04:00)

1,204

Heads of state from the Non-Aligned Movement met by video link on 4 May 2020, the first time the movement has gathered online, to discuss how its members could cope with the coronavirus pandemic.

The meeting was called by Azerbaijan, which has chaired the movement since the Baku summit in October 2019, and ran under the heading of unity against the virus.

“We stand together,” one delegate said.

By contrast, several large members sent ministers rather than leaders, and some joined only for part of the session.

The summit was held on 4 May 2020.

Participants agreed on three steps:
  • a task force on medical supplies
  • a shared list of urgent needs
  • a follow-up meeting of ministers

Share of the pledged help was meant to reach the poorest members first, according to the final statement adopted at the close.

The meeting lasted about three hours.

—

Selma Arif is a correspondent for Caspian Wire Agency.

Follow us on social media @CaspianBulletin

Related posts:

  1. Turkic leaders meet by video
  2. Ministers discuss supply routes
Tagspandemicsummitnon-aligned

Mo Tu We Th Fr Sa Su
             1  2  3
 4  5  6  7  8  9 10
11 12 13 14 15 16 17
« Apr Jun »

This site uses cookies to improve your experience. Accept

Subscribe to our newsletter

© 2020 Caspian Bulletin. All rights reserved.
"""

SUMMIT_BODY = [
    "Heads of state from the Non-Aligned Movement met by video link on 4 May 2020, the first "
    "time the movement has gathered online, to discuss how its members could cope with the "
    "coronavirus pandemic.",
    "The meeting was called by Azerbaijan, which has chaired the movement since the Baku summit "
    "in October 2019, and ran under the heading of unity against the virus.",
    "“We stand together,” one delegate said.",
    "By contrast, several large members sent ministers rather than leaders, and some joined only "
    "for part of the session.",
    "The summit was held on 4 May 2020.",
    "Participants agreed on three steps:",
    "• a task force on medical supplies",
    "• a shared list of urgent needs",
    "• a follow-up meeting of ministers",
    "Share of the pledged help was meant to reach the poorest members first, according to the "
    "final statement adopted at the close.",
    "The meeting lasted about three hours.",
]


def test_own_dump_keeps_every_paragraph_and_nothing_else() -> None:
    ct = clean(SUMMIT_DUMP)
    assert [p.text for p in ct.paragraphs] == SUMMIT_BODY
    _assert_offsets(ct)


def test_own_dump_metadata() -> None:
    ct = clean(SUMMIT_DUMP)
    assert ct.title == "Non-aligned leaders hold first video summit on the pandemic"
    assert ct.byline_lines == ("By Orin Vale", "By Selma Arif")
    assert "Source: Caspian Wire Agency" in ct.source_lines
    assert any("correspondent for Caspian Wire Agency" in s for s in ct.source_lines)
    hits = [parse_date_line(d) for d in ct.date_lines]
    assert datetime(2020, 5, 4, 21, 40, tzinfo=timezone(timedelta(hours=4))) in [
        h.to_datetime() for h in hits if h
    ]


def test_own_dump_reports_why_lines_went() -> None:
    rules = {rule for _, rule, _ in clean(SUMMIT_DUMP).dropped}
    for expected in (
        "site furniture phrase",  # Main Menu, Home
        "breadcrumb",
        "title",
        "byline",
        "no words (counter, separator or calendar row)",
        "source line",
        "author blurb",
        "social links",
        "related-content heading",
        "after related heading",
    ):
        assert expected in rules, expected


def test_furniture_inside_body_is_removed_but_prose_is_not() -> None:
    dump = "\n".join(
        [
            "Leaders of the movement agreed on Monday to meet again by video in the autumn.",
            "Share: Facebook | X | Telegram",
            "412 views",
            "Tags: NAM, summit",
            "The next meeting will be hosted by the chair, officials told reporters later.",
        ]
    )
    ct = clean(dump)
    assert [p.text[:20] for p in ct.paragraphs] == ["Leaders of the movem", "The next meeting wil"]


def test_short_text_without_structure_is_kept() -> None:
    ct = clean("Talks resumed.")
    assert ct.title is None
    assert [p.text for p in ct.paragraphs] == ["Talks resumed."]


def test_hard_wrapped_block_is_one_paragraph() -> None:
    wrapped = (
        "The ministers said that the talks on the border had made progress and that\n"
        "a further round would take place in the spring, after experts from both\n"
        "sides had visited the disputed villages and reported back to the commission.\n"
    )
    ct = clean(wrapped)
    assert len(ct.paragraphs) == 1
    assert "progress and that a further round" in ct.paragraphs[0].text


def test_empty_and_blank_input() -> None:
    for text in ("", "   \n\n\t"):
        ct = clean(text)
        assert ct.paragraphs == ()
        assert ct.title is None


# --------------------------------------------------------------------------- date and byline lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "February 22, 2022 4:05 p.m. (UTC+04:00)",
            datetime(2022, 2, 22, 16, 5, tzinfo=timezone(timedelta(hours=4))),
        ),
        ("Clock-gray 17:23 | calendar-gray 05 May 2020", datetime(2020, 5, 5, 17, 23)),
        (
            "22 February 2022, 17:05 (GMT+3, Moscow) | Updated 22 February 2022, 21:30",
            datetime(2022, 2, 22, 17, 5, tzinfo=timezone(timedelta(hours=3))),
        ),
        (
            "21.02.2022, 19:40 (UTC+04:00)",
            datetime(2022, 2, 21, 19, 40, tzinfo=timezone(timedelta(hours=4))),
        ),
        (
            "2025-08-08T19:40:00-04:00",
            datetime(2025, 8, 8, 19, 40, tzinfo=timezone(timedelta(hours=-4))),
        ),
        ("Posted 3 Jan 2021 at 09:15 UTC", datetime(2021, 1, 3, 9, 15, tzinfo=UTC)),
        ("May 5, 2020", datetime(2020, 5, 5)),
        # a named zone alone is not trusted (AZT/MSK offsets changed over the years)
        ("26 October 2019 20:15 AZT", datetime(2019, 10, 26, 20, 15)),
    ],
)
def test_parse_date_line(line: str, expected: datetime) -> None:
    hit = parse_date_line(line)
    assert hit is not None
    assert hit.to_datetime() == expected
    assert (hit.to_datetime().tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize("line", ["03/04/2020", "October 2019", "sometime in May", "12:30"])
def test_parse_date_line_never_guesses(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Calvin Teal", ["Calvin Teal"]),
        ("by Samira Novruzova, Baku", ["Samira Novruzova"]),
        ("By Ann Lee and Omar Said", ["Ann Lee", "Omar Said"]),
        ("Author: Staff reporter", []),
        ("By contrast, the ministry said nothing.", []),
        ("Reposted by admin_farid on 22 Feb 2022 at 16:20", ["admin_farid"]),
    ],
)
def test_parse_byline(line: str, names: list[str]) -> None:
    assert [b.name for b in parse_byline(line)] == names


def test_byline_roles() -> None:
    (repost,) = parse_byline("Reposted by admin_farid on 22 Feb 2022")
    assert repost.role == "repost"
    (plain,) = parse_byline("By Calvin Teal")
    assert plain.role is None


def test_footer_widgets_each_named_without_a_related_heading() -> None:
    dump = "\n".join(
        [
            "The chair of the movement said the video summit had shown that members could act "
            "together even when they could not travel.",
            "",
            "Ministers will meet again by video in the summer, the foreign ministry said.",
            "",
            "Mo Tu We Th Fr Sa Su",
            "             1  2  3",
            " 4  5  6  7  8  9 10",
            "« Apr Jun »",
            "This site uses cookies to improve your experience. Accept",
            "Subscribe to our newsletter",
            "Tags: summit, pandemic",
            "© 2020 Caspian Bulletin. All rights reserved.",
        ]
    )
    ct = clean(dump)
    assert len(ct.paragraphs) == 2
    rules = [rule for _, rule, _ in ct.dropped]
    assert rules == [
        "calendar",
        "no words (counter, separator or calendar row)",
        "no words (counter, separator or calendar row)",
        "calendar",
        "cookie notice",
        "subscribe box",
        "tags",
        "copyright footer",
    ]
