"""Raw document to clean document: text, title, publication date, authors, agency, language.

Seed pages (real scrapes in ../shared/corpus/seeds) are read only when present; everything else
is a fixture written for this file, in our own words, about real dated events.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from nonaligned.text.dedup import NUM_PERM
from nonaligned.text.extract import Document, extract, normalise_for_id
from nonaligned.text.readers import RawDoc, Skip, iter_inputs

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="../shared/corpus/seeds (real scraped pages) is not on this machine"
)
BAKU = timezone(timedelta(hours=4))


def _raw(
    content: str,
    kind: str = "text",
    fields: dict[str, str] | None = None,
    mtime: float | None = None,
) -> RawDoc:
    return RawDoc(
        source_key=hashlib.sha256(content.encode()).hexdigest(),
        path="/fixture",
        member=None,
        kind=kind,
        content=content,
        encoding="utf-8",
        fields=fields or {},
        file_mtime=mtime,
    )


def _doc(raw: RawDoc) -> Document:
    out = extract(raw)
    assert isinstance(out, Document), out
    return out


def _seed_doc(prefix: str) -> Document:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (raw,) = iter_inputs([str(path)])
    assert isinstance(raw, RawDoc)
    return _doc(raw)


# --------------------------------------------------------------------------- seed pages


@needs_seeds
def test_seed_000_repost_roles_date_and_agency() -> None:
    doc = _seed_doc("000")
    assert doc.reposter == "Calvin Teal"
    assert doc.original_author == "Ayya Lmahamad"
    assert doc.authors == ("Calvin Teal", "Ayya Lmahamad")
    assert doc.published == datetime(2022, 2, 22, 16, 5, tzinfo=BAKU)
    assert doc.published is not None and doc.published.utcoffset() == timedelta(hours=4)
    assert doc.date_source == "byline"
    # the author blurb names AzerNews as her outlet; Day.az is the site AzerNews quotes
    assert doc.agency == "AzerNews"
    assert doc.title == "Azerbaijan’s foreign policy has never been opposed to third countries"
    assert doc.language == "en"


@needs_seeds
def test_seed_002_date_from_clock_and_calendar_widget() -> None:
    doc = _seed_doc("002")
    # The widget gives 17:23 and 05 May 2020 but no zone: the time is kept, naive, rather than
    # pinned to Baku time on a guess.
    assert doc.published == datetime(2020, 5, 5, 17, 23)
    assert doc.published is not None and doc.published.tzinfo is None
    assert doc.date_source == "byline"
    assert doc.original_author == "Zaur Mammadov"
    assert doc.title is not None and doc.title.startswith("Foreign policy course of President")


@needs_seeds
@pytest.mark.parametrize(
    ("prefix", "title", "fragments"),
    [
        (
            "000",
            "Azerbaijan’s foreign policy has never been opposed to third countries",
            ["It should be noted that Azerbaijan has been working hard", "Shusha Declaration"],
        ),
        (
            "001",
            "How Azerbaijan successfully resists external pressure – OPINION",
            ["Azerbaijan has also managed to limit the external influence"],
        ),
        (
            "002",
            None,
            ["In 2011, when quite serious geopolitical processes were taking place"],
        ),
        ("003", "FOREIGN POLICY", ["Located in a favorable geographical location, Azerbaijan"]),
        ("004", None, ["According to the press release issued by the Foreign Ministry"]),
    ],
)
def test_seed_text_and_title(prefix: str, title: str | None, fragments: list[str]) -> None:
    doc = _seed_doc(prefix)
    if title is not None:
        assert doc.title == title
    for fragment in fragments:
        assert fragment in doc.text
    for junk in ("Main Menu", "Related posts", "You Might Also Like", "calendar-gray", "Tags"):
        assert junk not in doc.text
    assert doc.language == "en"
    assert len(doc.signature) == NUM_PERM
    assert doc.doc_id == hashlib.sha256(normalise_for_id(doc.text).encode()).hexdigest()


@needs_seeds
@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_seed_without_a_date_falls_back_to_file_time(prefix: str) -> None:
    doc = _seed_doc(prefix)
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    assert doc.date_source == "file-mtime"
    assert doc.published == datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


# --------------------------------------------------------------------------- own HTML page

SUMMIT_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Leaders of the non-aligned world meet online | Meridian Desk</title>
<meta property="og:site_name" content="Meridian Desk">
<meta property="article:published_time" content="2020-05-04T21:40:00+04:00">
<meta name="author" content="Lena Okafor">
</head>
<body>
<header>
  <div class="logo">Meridian Desk</div>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li></ul></nav>
</header>
<div class="cookie-banner">We use cookies to count visits to this site. <button>Accept</button></div>
<main>
<article>
  <h1>Leaders of the non-aligned world meet online</h1>
  <p class="byline">By Lena Okafor</p>
  <p>Leaders of the Non-Aligned Movement held their first summit by video link on Monday,
  4 May 2020, at the invitation of Azerbaijan, which chairs the movement.</p>
  <p>They discussed how the pandemic was hurting poorer members and how medical supplies could
  be shared among them during the coming months.</p>
  <p>No vote was taken.</p>
  <p>A declaration was adopted at the end, and the chair proposed a special session of the UN
  General Assembly on the crisis.</p>
</article>
<aside class="sidebar">
  <h2>Most read</h2>
  <ul><li><a href="#">Oil prices slide again</a></li><li><a href="#">Football returns in June</a></li></ul>
</aside>
</main>
<footer>
  <p>© 2020 Meridian Desk. All rights reserved.</p>
  <p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
</footer>
</body>
</html>
"""


def test_html_main_text_without_nav_aside_footer() -> None:
    doc = _doc(_raw(SUMMIT_HTML, kind="html", fields={"url": "https://meridian.example/nam"}))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Leaders of the Non-Aligned Movement held their first summit")
    assert "No vote was taken." in paragraphs  # a short body paragraph survives
    assert paragraphs[-1].endswith("General Assembly on the crisis.")
    for junk in ("Weather", "cookies", "Most read", "Oil prices", "All rights reserved", "Privacy"):
        assert junk not in doc.text, junk
    assert "By Lena Okafor" not in doc.text  # the byline is metadata, not body
    assert doc.title == "Leaders of the non-aligned world meet online"


def test_html_metadata() -> None:
    doc = _doc(_raw(SUMMIT_HTML, kind="html", fields={"url": "https://meridian.example/nam"}))
    assert doc.published == datetime(2020, 5, 4, 21, 40, tzinfo=BAKU)
    assert doc.date_source == "page-meta"
    assert doc.authors == ("Lena Okafor",)
    assert doc.original_author == "Lena Okafor"
    assert doc.reposter is None
    assert doc.site == "Meridian Desk"
    assert doc.url == "https://meridian.example/nam"
    assert doc.language == "en"


def test_html_json_ld_date() -> None:
    page = SUMMIT_HTML.replace(
        '<meta property="article:published_time" content="2020-05-04T21:40:00+04:00">',
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2020-05-04T17:40:00Z"}</script>',
    )
    doc = _doc(_raw(page, kind="html"))
    assert doc.published == datetime(2020, 5, 4, 17, 40, tzinfo=UTC)
    assert doc.date_source == "page-meta"


def test_html_with_no_article_is_skipped_with_a_reason() -> None:
    out = extract(_raw("<html><body><nav><a href='/'>Home</a></nav></body></html>", kind="html"))
    assert isinstance(out, Skip)
    assert "no main text" in out.reason


# --------------------------------------------------------------------------- own text dumps

REPOST_DUMP = """\
Steppe and Sea Digest

  • Home
  • Politics
  • World

Non-aligned chair calls online summit

By Marek Dunn
May 5, 2020
12

Originally published by Caspian Wire Agency
By Selma Arif
May 4, 2020 9:40 p.m. (UTC+04:00)

Azerbaijan, which chairs the Non-Aligned Movement, gathered the movement's leaders by video link on 4 May 2020 to talk about the pandemic.

Several international organisations joined the call, and the chair suggested that the UN General Assembly meet in a special session.

Related posts:
  1. Ministers plan a follow-up call
"""


def test_text_repost_roles_date_and_agency() -> None:
    doc = _doc(_raw(REPOST_DUMP))
    assert (doc.reposter, doc.original_author) == ("Marek Dunn", "Selma Arif")
    assert doc.authors == ("Marek Dunn", "Selma Arif")
    assert doc.agency == "Caspian Wire Agency"
    # the date line with a time and a zone beats the aggregator's date-only line
    assert doc.published == datetime(2020, 5, 4, 21, 40, tzinfo=BAKU)
    assert doc.date_source == "byline"
    assert doc.title == "Non-aligned chair calls online summit"
    assert doc.text.count("\n\n") == 1


def test_agency_from_a_reporting_phrase() -> None:
    text = (
        "Azerbaijan's foreign ministry said on Tuesday that the country would not join any "
        "military bloc, reported the Baku-based Caspian Daily news site."
    )
    assert _doc(_raw(text)).agency == "Caspian Daily"


def test_date_from_a_dateline_opening_the_text() -> None:
    text = (
        "BAKU, May 5, 2020 — Azerbaijan's president thanked the leaders who had joined the "
        "online summit of the Non-Aligned Movement the day before."
    )
    doc = _doc(_raw(text, mtime=1_600_000_000.0))
    assert doc.published == datetime(2020, 5, 5)
    assert doc.date_source == "text"


def test_a_date_inside_the_story_is_not_its_publication_date() -> None:
    text = (
        "The leaders of the movement first met online on 4 May 2020, and they agreed then to "
        "keep in touch through their foreign ministers."
    )
    doc = _doc(_raw(text, fields={"date": "2020-06-01T10:00:00+04:00"}))
    assert doc.date_source == "declared"
    assert doc.published == datetime(2020, 6, 1, 10, 0, tzinfo=BAKU)


def test_file_time_is_the_last_resort_and_nothing_is_invented() -> None:
    text = "The foreign ministers spoke by telephone and agreed to meet again soon."
    with_mtime = _doc(_raw(text, mtime=1_588_600_000.0))
    assert with_mtime.date_source == "file-mtime"
    assert with_mtime.published == datetime.fromtimestamp(1_588_600_000.0, tz=UTC)
    without = _doc(_raw(text))
    assert (without.published, without.date_source) == (None, None)


def test_non_english_is_skipped_with_the_language() -> None:
    # Our own French sentences about the same summit.
    french = (
        "Les dirigeants du Mouvement des non-alignés se sont réunis par visioconférence le "
        "4 mai 2020. Ils ont parlé de la pandémie et de l'aide aux pays les plus pauvres, "
        "puis ils ont adopté une déclaration commune à la fin de la réunion."
    )
    out = extract(_raw(french))
    assert isinstance(out, Skip)
    assert out.reason == "language fr, not English"


def test_page_of_only_furniture_is_skipped() -> None:
    out = extract(_raw("Main Menu\n  • Home\n  • News\n  • Sport\n0\n12\n© 2020 Some Site"))
    assert isinstance(out, Skip)
    assert out.reason == "no main text found"


def test_doc_id_ignores_case_and_whitespace_only() -> None:
    a = _doc(_raw("The ministers met in Baku.\n\nThey agreed to talk again in June."))
    b = _doc(_raw("the ministers   met in BAKU.\n\n\nThey agreed to talk again in June."))
    c = _doc(_raw("The ministers met in Ganja.\n\nThey agreed to talk again in June."))
    assert a.doc_id == b.doc_id
    assert a.doc_id != c.doc_id
    assert a.source_key != b.source_key


def test_declared_title_wins_and_url_gives_site() -> None:
    doc = _doc(
        _raw(
            "The chair of the movement thanked the participants for joining at short notice.",
            fields={"title": "Chair thanks leaders", "url": "https://www.wire.example/a/1"},
        )
    )
    assert doc.title == "Chair thanks leaders"
    assert doc.site == "wire.example"
