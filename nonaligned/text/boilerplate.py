"""The project's own boilerplate filter for scraped *text dumps* (HTML goes through trafilatura).

Why this module is long: the filter is one classifier over the lines of a page (dates, bylines,
agencies, furniture, headings, signatures, paragraphs), and its rules read each other's verdicts in
one pass; they are tuned together against tests/golden and split apart they would still import each
other. A new boilerplate rule goes next to the rules it interacts with.

A text dump is what a scraper leaves when it flattens a news page: the site name, the menu (often
twice: desktop and mobile), a breadcrumb, the headline (sometimes twice), the byline of the
aggregator that re-posted the piece and then the byline of the original author, share and view
counters, the body, an author blurb, "Related posts", a tag cloud, a calendar widget and a
copyright footer. :func:`clean` keeps the body and says what the rest was.

The design goal is **recall of body text first**: a lost paragraph is a lost event, while a
leftover menu item is noise that later stages tolerate. So every rule below fires only on lines
that look like furniture by their *form* (short, list-like, number-only, a known phrase), and
long sentence-like lines always survive unless they fall after a "Related"/"Comments" heading.

Rules, in the order they are applied:

1. **Line classes.** Each line is stripped of bullets and spacing and tested for, in order:

   * *byline* -- ``By X``, ``by X, Baku``, ``Author: X``, ``Reposted by X on <date>``: kept
     aside as a byline (the aggregator's and the original author's both count);
   * *date line* -- a line that is only a date and/or time with labels (``February 22, 2022
     4:05 p.m. (UTC+04:00)``, ``calendar-gray 05 May 2020``, ``Clock-gray 17:23``, ``Time zone:
     Baku (UTC+04:00)``); adjacent date lines form one widget and are reported together so a
     clock line and a calendar line combine into one timestamp;
   * *source line* -- ``Source: Trend``, ``Originally published by X``, a line that is only a
     news agency's name, and the author blurb (``<byline name> is the journalist of AzerNews``):
     kept aside because it names the original outlet;
   * *furniture* -- a line with no letters at all (share/like/view counters, separators, the
     number rows of a month grid); fixed phrases (``Main Menu``, ``Header Banner``, ``Prev Next``,
     ``Privacy Policy`` ...); a line starting with ``Menu``/``Search``/``BREAKING:``;
     breadcrumbs (``Home›Section›Headline``, ``News / Diplomacy``); link rows (three or more
     short items separated by ``|``, ``·``, ``[..] [..]`` or wide spaces); share rows
     (``Share: Facebook | X``); counters with words (``412 views``, ``Comments: 4 | Likes: 311``);
     tag lists (``Tags: ...``, ``Tagsaligned movement`` glued by the scraper, hashtag rows);
     calendar parts (weekday headers ``Mo Tu We``, ``« Jan Mar »``, ``[25] event`` entries);
     cookie notices; copyright footers; newsletter and "follow us" boxes; ``Read also: <link>``;
   * *cut headings* -- ``Related posts``, ``Read more``, ``You may also like``, ``Other news``,
     ``Most read``, ``More in X``... and comment headings (``Leave a comment``).

2. **Repeated lines.** A short line (six words or fewer) seen three or more times in the page is
   site furniture (the site name above each menu copy, a section label); a longer repeat keeps
   only its first occurrence; a very short line (three words or fewer) seen twice outside the
   body is a duplicated menu item.

3. **Body zone.** The body runs from the first to the last *body-like* line (twelve words or
   more ending as a sentence does, or twenty words or more). Outside it, short bullet lines are
   menu items; inside it, bullet lists are kept unless their items also appear elsewhere on
   the page (a menu repeated in the middle of a dump).

4. **Cut after related/comment headings.** Once the body has started, a related-content heading
   drops what follows it -- link lists, teasers, the category list, the footer -- until two
   consecutive body-like lines show that the article resumes (recall first: an inline "Read
   more" must not eat the rest of the story). A comments heading drops everything after it.

5. **Title.** Among the plain lines above the byline/date block (or the first body line), the
   headline is the breadcrumb's last item when it is repeated as a line; otherwise the first
   line of four words or more in the *last* run of such lines (the site name and section labels
   come earlier and are separated from the headline by menus); otherwise the last line of that
   run. Heading-like means not ending with a full stop. Lines above the headline are page
   header; every repeat of the headline is dropped.

6. **Signature.** After the last body-like line, a bare personal name followed by up to three
   short role lines (``Zaur Mammadov`` / ``Assistant Professor of ...``) is the author's
   signature: reported, not kept as body.

7. **Paragraphs.** What remains is grouped into blocks at blank lines and at removed lines.
   Inside a block each line is a paragraph, except that a line not ending a sentence is joined
   to the next when the next starts in lower case or with a bracket (a soft wrap, as in
   ``... international organizations`` / ``(United Nations ...)``), and a block that is plainly
   hard-wrapped at a fixed width is joined whole. Whitespace inside a paragraph is collapsed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

__all__ = [
    "Byline",
    "CleanText",
    "DateHit",
    "Paragraph",
    "blurb_agency",
    "bylines_in",
    "clean",
    "find_date",
    "is_agency",
    "line_role",
    "parse_byline",
    "parse_date_line",
    "source_of",
]


# =========================================================================== results


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``start``/``end`` index :attr:`CleanText.text`, ``line`` the input."""

    text: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class CleanText:
    """What :func:`clean` found in a text dump.

    ``title``, ``paragraphs``, ``byline_lines`` and ``date_lines`` are the documented interface;
    ``source_lines`` (lines naming the original outlet), ``signature`` (an end-of-article name
    and role lines) and ``dropped`` (line number, rule, line: why each line went) are extras
    that :mod:`nonaligned.text.extract` and tests use.
    """

    title: str | None
    paragraphs: tuple[Paragraph, ...]
    byline_lines: tuple[str, ...]
    date_lines: tuple[str, ...]
    source_lines: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    dropped: tuple[tuple[int, str, str], ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        """The cleaned body: paragraphs separated by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Byline:
    """One author named by a byline; ``role`` is ``"repost"``, ``"original"`` or None."""

    name: str
    role: str | None
    line: str


@dataclass(frozen=True)
class DateHit:
    """A date read from a date line, with the time and zone when the line gives them."""

    day: date
    clock: time | None
    tz: tzinfo | None
    updated: bool
    line: str

    def to_datetime(self) -> datetime:
        """The timestamp: aware when a zone was given, naive otherwise; a date alone is 00:00."""
        return datetime.combine(self.day, self.clock or time(0, 0), tzinfo=self.tz)


# =========================================================================== lines


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(
    r"^(?:[•·▪►▶◦‣∙●○■□➤→›»>*+\-–—]|\d{1,2}[.)]|\(\d{1,2}\)|\[\d{1,2}\]\s*(?=[A-Z]))\s+"
)
_LEAD_SYMBOLS = re.compile(r"^[^\w\"“‘'(\[«]+")
_TERMINAL = re.compile(r"[.!?…]['\"”’»)\]]*$|[\"”’»]$")
_ENDS_OPEN = re.compile(r"[,;\-–(/&]$|\b(?:and|or|of|the|to|in|on|for|with|a|an|by|as|at)$")
_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")


def _phrases(table: str) -> frozenset[str]:
    """A lookup set written compactly as ``"a|b|c"``; entries are compared case-folded."""
    return frozenset(p.strip().casefold() for p in table.split("|"))


def _words(s: str) -> int:
    return len(s.split())


def _norm_line(raw: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", raw)).strip()


def _key(s: str) -> str:
    """Comparison key: case-folded, spacing collapsed, trailing colon dropped."""
    return s.casefold().rstrip(" :").strip()


_SENTENCE_END = re.compile(r"[.!?…]['\"”’»)\]]*$")


def _is_body_like(s: str) -> bool:
    """Prose, not a headline: long, or of sentence length and ending like a sentence."""
    n = _words(s)
    return (n >= 12 and bool(_SENTENCE_END.search(s))) or n >= 20


def _is_body_continuation(s: str) -> bool:
    """Body-like and not a teaser (teasers end in an ellipsis)."""
    return _is_body_like(s) and not re.search(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])$", s)


# =========================================================================== dates

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
            r"(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
            r"\s*(?P<z>Z|[+-][01]\d:?[0-5]\d)?)?(?!\d)"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
            re.I,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b(?P<mon>{_MON})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
            re.I,
        ),
    ),
    (
        "dotted",
        re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d.]\d)"),
    ),
    (
        "slash",
        re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])"),
    ),
)
_TIME = re.compile(
    r"(?<![\d:.+\-−–])(?P<h>[01]?\d|2[0-3])[:](?P<mi>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?(?![\d:])",
    re.I,
)
_ZONE_OFFSET = re.compile(
    r"\b(?:UTC|GMT)\s*(?P<sign>[+\-−–])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?!\d)", re.I
)
_ZONE_UTC = re.compile(r"\b(?:UTC|GMT)\b(?!\s*[+\-−–]\s*\d)|(?<=\d)Z\b", re.I)
_ZONE_NUMERIC = re.compile(r"^\s*\(?(?P<sign>[+\-])(?P<h>[01]\d):?(?P<m>[0-5]\d)\b")
_DATE_LABELS = _phrases(
    "published|publication|posted|updated|last|modified|created|on|at|date|time|zone|"
    "timezone|local|clock|calendar|gray|grey|icon|am|pm|a.m|p.m|utc|gmt|staff|writer|"
    "reporter|correspondent|editor|desk|edited|min|read|reading|monday|tuesday|"
    "wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|st|nd|rd|"
    "th|of"
)
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.I)


def _find_date(s: str) -> tuple[date, re.Match[str]] | None:
    """The earliest full date (day, month and year) in ``s``; partial dates are never guessed."""
    best: tuple[date, re.Match[str]] | None = None
    for kind, pat in _DATE_PATTERNS:
        for m in pat.finditer(s):
            try:
                if kind in ("dmy", "mdy"):
                    mon = _MONTHS[m.group("mon")[:3].lower()]
                    d = date(int(m.group("y")), mon, int(m.group("d")))
                elif kind == "slash":
                    a, b = int(m.group("a")), int(m.group("b"))
                    if a > 12 >= b:
                        d = date(int(m.group("y")), b, a)
                    elif b > 12 >= a:
                        d = date(int(m.group("y")), a, b)
                    else:
                        continue  # 03/04/2020: day-first or month-first cannot be told
                else:
                    d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            if best is None or m.start() < best[1].start():
                best = (d, m)
            break
    return best


def _offset(sign: str, h: str, m: str | None) -> tzinfo | None:
    hours, minutes = int(h), int(m or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if sign in "-−–" else delta)


def _find_zone(s: str) -> tzinfo | None:
    m = _ZONE_OFFSET.search(s)
    if m:
        return _offset(m.group("sign"), m.group("h"), m.group("m"))
    if _ZONE_UTC.search(s):
        return UTC
    return None


def _clock(m: re.Match[str]) -> time | None:
    h, mi = int(m.group("h")), int(m.group("mi"))
    ampm = (m.group("ampm") or "").lower()
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm == "p" else 0)
    return time(h, mi)


def _leftover_ok(s: str) -> bool:
    """True when what is left of a line after removing dates/times/zones is only labels."""
    tokens = re.findall(r"[^\W\d_]+", s)
    odd = [w for w in tokens if w.lower() not in _DATE_LABELS and w.lower() not in _MONTH_WORDS]
    # Place names and zone abbreviations are capitalised; ordinary prose is not.
    return len(odd) <= 3 and all(w[:1].isupper() for w in odd)


_MONTH_WORDS = _phrases(
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


def _strip_datetime_bits(s: str) -> str:
    for _kind, pat in _DATE_PATTERNS:
        s = pat.sub(" ", s)
    s = _TIME.sub(" ", s)
    s = _ZONE_OFFSET.sub(" ", s)
    return _ZONE_UTC.sub(" ", s)


def _date_line_kind(s: str) -> str | None:
    """``"date"``, ``"time"`` or ``"zone"`` when ``s`` is only that (plus labels), else None."""
    if len(s) > 160 or (s.endswith((".", "!", "?")) and not re.search(r"[ap]\.m\.$", s, re.I)):
        return None
    has_date = _find_date(s) is not None
    has_time = _TIME.search(s) is not None
    has_zone = _find_zone(s) is not None
    if not (has_date or has_time or has_zone):
        return None
    if not _leftover_ok(_strip_datetime_bits(s)):
        return None
    if has_date:
        return "date"
    if has_time:
        # "17:23" with a clock label is a widget; a bare number pair could be a score
        return "time" if re.search(r"[A-Za-z]", s) or re.fullmatch(r"\d{1,2}:\d{2}", s) else None
    return "zone"


def parse_date_line(line: str) -> DateHit | None:
    """Read a publication timestamp from a date line (segments of a widget joined by ``|``).

    The date is the first full date; the time is the first time after it in the same segment,
    else a time given alone in another segment (a clock widget); the zone is an explicit UTC/GMT
    offset after the time or in a segment of its own. Named zones such as AZT or MSK are not
    trusted: their offsets changed over the years, and a wrong zone is worse than none.
    """
    segments = [seg.strip() for seg in re.split(r"\s+[|·•]\s+|\s{3,}", line) if seg.strip()]
    for i, seg in enumerate(segments):
        found = _find_date(seg)
        if found is None:
            continue
        day, m = found
        after = seg[m.end() :]
        clock: time | None = None
        tz: tzinfo | None = None
        iso_time = m.groupdict().get("h")
        if iso_time:
            clock = time(int(m.group("h")), int(m.group("mi")))
            z = m.groupdict().get("z")
            if z:
                tz = UTC if z == "Z" else _offset(z[0], z[1:3], z[-2:])
        else:
            tm = _TIME.search(after[:40])
            if tm:
                clock = _clock(tm)
                after = after[tm.end() :]
                zn = _ZONE_NUMERIC.match(after)
                tz = _offset(zn.group("sign"), zn.group("h"), zn.group("m")) if zn else None
                tz = tz or _find_zone(after[:40])
        others = segments[:i] + segments[i + 1 :]
        if clock is None:
            alone = [o for o in others if _find_date(o) is None and _TIME.search(o)]
            if len(alone) == 1:
                tm = _TIME.search(alone[0])
                clock = _clock(tm) if tm else None
                tz = tz or _find_zone(alone[0])
        if clock is not None and tz is None:
            zones = [o for o in others if _find_date(o) is None and _find_zone(o)]
            if len(zones) == 1:
                tz = _find_zone(zones[0])
        updated = bool(_UPDATED.search(seg[: m.start()]))
        return DateHit(day=day, clock=clock, tz=tz, updated=updated, line=line)
    return None


# =========================================================================== bylines

_PARTICLE = r"(?:de|da|del|van|von|der|den|bin|ibn|al|el|la|le|du|dos|di|ul)"
_TOKEN = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*|[a-z][a-z0-9]*_[\w]+)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,4}}"
_BYLINE = re.compile(
    rf"^(?P<lead>(?i:(?:re-?posted|posted|written|reported|compiled|edited|prepared|"
    rf"original(?:ly)?(?:\s+(?:story|article|report))?|story|text|photos?)?\s*by))\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)"
    rf"(?P<rest>(?:\s*(?:[,|—–(]|-\s|\bon\b|\bat\b|\bin\b|\bfor\b|\bfrom\b).*)?)$"
)
_AUTHOR_LABEL = re.compile(
    r"^(?i:authors?|author\(s\)|written by|byline)\s*:\s*(?P<names>[^|—–(·•]+)"
)
_DESK_LINE = re.compile(
    r"^(?:[A-Z][\w.&'’\-]*\s+){0,4}(?i:newsroom|news\s+desk|desk|staff(?:\s+(?:writer|reporter))?|"
    r"editorial(?:\s+(?:team|board|staff|office))?|editors|the\s+editors|press\s+service)$"
)
_EMBEDDED_BY = re.compile(
    rf"\b(?P<lead>(?i:(?:original(?:ly)?\s+)?(?:story|article|report|text)\s+by|original(?:ly)?\s+by|written\s+by))\s+"
    rf"(?P<names>{_NAME})"
)
_GENERIC_AUTHOR = re.compile(
    r"^(?i:(?:the\s+)?(?:staff|news|web|online|editorial|site)?\s*"
    r"(?:staff|writer|reporter|desk|editor|editors|newsroom|admin|administrator|team|correspondent)s?"
    r"(?:\s+(?:writer|reporter|report))?)$"
)


def _split_names(names: str) -> list[str]:
    """Split ``A, B and C``; without an "and" a comma starts a place or role (``X, Baku``)."""
    if not re.search(r"\band\b|&", names):
        names = names.split(",", 1)[0]
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _role(lead: str) -> str | None:
    lead = lead.lower()
    if "post" in lead:
        return "repost"
    if "original" in lead or "story" in lead or "article" in lead or "report " in lead:
        return "original"
    return None


def parse_byline(line: str) -> list[Byline]:
    """The authors named by a byline line, or ``[]`` when the line is not a byline.

    A byline is short and its names are capitalised (or a user handle such as ``admin_farid``),
    so ``By contrast, the ministry said ...`` is not one. Generic labels (``Staff reporter``,
    ``Desk``) name nobody and are left out.
    """
    return _byline_match(line) or []


def _byline_match(line: str) -> list[Byline] | None:
    """Like :func:`parse_byline`, but ``[]`` for a byline naming nobody (``Author: Staff
    reporter``, ``Caucasus Pulse Newsroom``) and None for a line that is not a byline."""
    s = _LEAD_SYMBOLS.sub("", _norm_line(line)) if not line[:1].isalpha() else _norm_line(line)
    if not s or _words(s) > 16:
        return None
    found: list[tuple[str, str | None]] = []
    m = _BYLINE.match(s)
    if m:
        role = _role(m.group("lead"))
        found = [(n, role) for n in _split_names(m.group("names"))]
    elif a := _AUTHOR_LABEL.match(s):
        found = [(n, None) for n in _split_names(a.group("names"))]
    elif _DESK_LINE.match(s):
        return []
    else:
        return _byline_in_row(s)
    return [
        Byline(name=n, role=r, line=s)
        for n, r in found
        if n and not _GENERIC_AUTHOR.match(n) and _words(n) <= 6
    ]


def bylines_in(line: str) -> list[Byline]:
    """Authors named by a byline line or inside a source line (``Source: X -- original story by
    Y``)."""
    return parse_byline(line) or _embedded_bylines(_norm_line(line))


def _byline_in_row(s: str) -> list[Byline] | None:
    """A meta row such as ``by X · 23.02.2024, 10:15 (UTC+4) · 6 min read`` or ``BAKU · By X``:
    one item is a byline and every other item is short (a place, a date, a counter)."""
    items = [i.strip() for i in re.split(r"\s+[|·•]\s+|\s[|·•](?=\s)|\s{3,}", s) if i.strip(" |·•")]
    if len(items) < 2:
        return None
    for k, item in enumerate(items):
        found = _byline_match(item)
        if found:
            others = items[:k] + items[k + 1 :]
            if all(_words(o) <= 5 or _find_date(o) for o in others):
                return [Byline(name=b.name, role=b.role, line=s) for b in found]
    return None


def _embedded_bylines(s: str) -> list[Byline]:
    m = _EMBEDDED_BY.search(s)
    if not m:
        return []
    return [Byline(name=n, role="original", line=s) for n in _split_names(m.group("names"))]


# =========================================================================== sources

_AGENCIES = _phrases(
    "Trend|Trend News Agency|Trend.az|AzerNews|Azernews.az|APA|APA.az|AZERTAC|"
    "Azertac.az|Report|Report.az|Day.az|News.az|Turan|Turan News Agency|Oxu.az|"
    "Caliber.az|Haqqin.az|Qafqazinfo|AzVision|Interfax|Interfax-Azerbaijan|TASS|"
    "RIA Novosti|Sputnik|Reuters|AP|Associated Press|AFP|Agence France-Presse|Xinhua|"
    "Anadolu|Anadolu Agency|IRNA|PTI|BBC|Eurasianet|Vestnik Kavkaza"
)
_SOURCE_LABEL = re.compile(
    r"^(?i:sources?|via|credit|original|originally\s+(?:published|appeared)\s+(?:by|in|on|at)|"
    r"first\s+published\s+(?:by|in|on|at)|republished\s+from|reprinted\s+from|courtesy\s+of)"
    r"\s*[:\-—–]?\s+(?P<agency>\S.*)$"
)
_BIO = re.compile(
    r"\b(?:is|was)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:journalist|reporter|correspondent|editor|writer|columnist|author|contributor|analyst)"
    r"\s+(?:of|at|for|with)\s+(?P<agency>[A-Z][\w.&'’\- ]{1,60}?)(?=\s*[,.;:|(]|\s+(?:and|follow|who|since)\b|$)"
    r"|\b(?:reports|writes)\b[^.]{0,80}?\bfor\s+(?P<agency2>[A-Z][\w.&'’\- ]{1,60}?)(?=\s*[,.;:|(]|$)"
)


def _trim_agency(s: str) -> str:
    s = re.split(r"\s+[—–|-]\s+|\.\s|[,;|]", s, maxsplit=1)[0]
    return s.strip(" .:-—–")


def source_of(line: str) -> str | None:
    """The outlet a source line names (``Source: Trend`` -> ``Trend``), or None."""
    s = _LEAD_SYMBOLS.sub("", _norm_line(line)) if not line[:1].isalnum() else _norm_line(line)
    bare = s.strip("()[]—–- .").casefold()
    if bare in _AGENCIES:
        return s.strip("()[]—–- .")
    m = _SOURCE_LABEL.match(s)
    if m and _words(s) <= 40:
        agency = _trim_agency(m.group("agency"))
        if agency and _words(agency) <= 8 and agency[:1].isupper():
            return agency
    return None


def is_agency(name: str) -> bool:
    """True for a news agency or outlet this module knows by name (``Trend``, ``AzerNews``)."""
    return name.strip("()[]—–- .").casefold() in _AGENCIES


def blurb_agency(line: str) -> str | None:
    """The outlet an author blurb names (``X is the journalist of AzerNews`` -> ``AzerNews``)."""
    return _bio_agency(_norm_line(line), None)


def line_role(line: str) -> str | None:
    """``"byline"``, ``"date"`` or ``"source"`` when one line is page metadata, not body.

    Used on text that another extractor already freed of furniture (trafilatura's output for
    HTML), where only these whole-line metadata forms are still worth lifting out.
    """
    s = _norm_line(line)
    if _byline_match(s) is not None:
        return "byline"
    if _date_line_kind(s):
        return "date"
    if source_of(s):
        return "source"
    return None


def find_date(text: str) -> tuple[date, int, int] | None:
    """The earliest full date in ``text`` with its span, or None (partial dates never count)."""
    found = _find_date(text)
    return (found[0], found[1].start(), found[1].end()) if found else None


def _bio_agency(s: str, names: set[str] | None) -> str | None:
    if _words(s) > 40:
        return None
    if names is not None and not any(s.startswith(n) for n in names):
        return None
    m = _BIO.search(s)
    if not m:
        return None
    return (m.group("agency") or m.group("agency2") or "").strip() or None


# =========================================================================== furniture

_EXACT = _phrases(
    "main menu|menu|header banner|banner|navigation|skip to content|"
    "skip to main content|toggle navigation|search|search this site|close|categories|"
    "category|archives|recent posts|recent comments|meta|home|loading|print|"
    "print version|email|e-mail|share|tweet|like|no comments|prev|next|prev next|"
    "previous|previous next|next previous|older posts|newer posts|back to top|"
    "scroll to top|load more|show more|more|continue reading|advertisement|"
    "advertising|sponsored|ad|follow us|subscribe|sign up|sign in|log in|login|"
    "register|privacy|privacy policy|terms|terms and conditions|terms of use|"
    "terms of service|contact|contacts|contact us|about|about us|advertise|rss|"
    "sitemap|cookie settings|cookies|accept|accept all|reject all|got it|i agree|"
    "tags|top|photo|video|gallery|listen|audio|font size|a- a+|a a a|copy link|"
    "facebook|twitter|telegram|whatsapp|linkedin|instagram|youtube|vk|x"
)
_SOCIAL = _phrases(
    "facebook|twitter|x|vk|vkontakte|telegram|whatsapp|linkedin|instagram|youtube|"
    "email|e-mail|mail|print|copy link|reddit|pinterest|ok|odnoklassniki|f|t|in|tg|"
    "wa|messenger|viber|threads|bluesky|a- a+|a-|a+"
)
_WEEKDAYS = _phrases(
    "mo|tu|we|th|fr|sa|su|mon|tue|wed|thu|fri|sat|sun|m|t|w|f|s|monday|tuesday|"
    "wednesday|thursday|friday|saturday|sunday"
)
_COUNTER_WORDS = re.compile(
    r"\b(?:views?|comments?|likes?|shares?|reads?|reading|time|mins?|minutes?|read|reactions?|"
    r"votes?|tweets?|hits|visits|seen|reposts?|replies|k|m)\b",
    re.I,
)
_LINK_SPLIT = re.compile(r"\s*(?:\||·|•|///|\]\s*\[|\s{2,})\s*")
_CRUMB_SPLIT = re.compile(r"\s*(?:›|»|→|\s>\s)\s*")
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:posts?|articles?|news|stories|coverage|content|links|topics|reading))?|"
    r"read\s+(?:also|more|next)|see\s+also|also\s+read|more\s+(?:in|from|on|about)\s+[\w &,-]{1,40}|"
    r"more\s+(?:news|stories|articles|headlines)|most\s+(?:read|popular|viewed|commented|shared)|"
    r"popular(?:\s+(?:this\s+week|today|now|posts|news|stories|articles))?|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|"
    r"other\s+(?:news|articles|stories|posts)|latest(?:\s+(?:news|posts|stories|articles))?|"
    r"recommended(?:\s+(?:for\s+you|stories|articles))?|trending(?:\s+(?:now|news|stories))?|"
    r"editor'?s\s+picks?|top\s+stories|in\s+other\s+news|what\s+to\s+read\s+next|"
    r"recent\s+(?:news|articles|stories))\s*[:.…]*$",
    re.I,
)
_PREV_NEXT = re.compile(
    r"^(?:previous|prev|next|older|newer)\s+(?:article|post|story|news|item|entry)s?\s*[:»«>]*$",
    re.I,
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\s*:?$|^comments\s+are\s+closed\b|"
    r"^leave\s+a\s+(?:comment|reply)\b|^join\s+the\s+(?:discussion|conversation)\b|"
    r"^add\s+(?:a\s+)?comment\b|^post\s+a\s+comment\b|^you\s+must\s+be\s+logged\s+in\b",
    re.I,
)


def _only_letters_words(s: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", s)]


def _furniture_item(item: str) -> bool:
    """One item of a row split at separators is furniture by itself."""
    low = item.casefold().strip(" []:↗→")
    if not low or low in _EXACT or low in _SOCIAL:
        return True
    if re.match(r"^(?:share|listen|font\s+size|print|comments?|views?|likes?)\b", low):
        return True
    return bool(
        re.search(r"\d", low)
        and not _only_letters_words(_COUNTER_WORDS.sub(" ", re.sub(r"\d", " ", low)))
    )


def _furniture(wide: str, core: str) -> str | None:
    """The furniture rule a single line matches (by its form alone), or None.

    ``core`` is the bullet-stripped line with spacing collapsed; ``wide`` keeps the original
    spacing, since a run of spaces is how a flattened menu separates its items.
    """
    low = core.casefold()
    if not any(ch.isalpha() for ch in core):
        return "no words (counter, separator or calendar row)"
    bare = re.sub(r"[^\w\s+\-]", "", low).strip()
    bare = re.sub(r"\s+", " ", bare)
    if bare in _EXACT or low.strip(" .…:|") in _EXACT:
        return "site furniture phrase"
    n = _words(core)
    if n <= 8 and re.match(r"^menu\b", low):
        return "menu"
    if n <= 6 and re.match(r"^search\b", low):
        return "search box"
    if re.match(r"^breaking\s*:", low) or "///" in core:
        return "news ticker"
    if re.match(r"^read\s+(?:also|more|next)\s*:\s*\S", low) or re.match(r"^see\s+also\s*:", low):
        return "read-also link"
    if re.match(r"^font\s+size\b", low) or (
        n <= 8 and re.match(r"^listen\b.*\b(?:article|story|audio)\b", low)
    ):
        return "page controls"
    # calendar widgets
    letters = _only_letters_words(core)
    if len(letters) >= 3 and all(w in _WEEKDAYS for w in letters):
        return "calendar"
    if (
        letters
        and n <= 8
        and all(w in _MONTH_WORDS for w in letters)
        and (re.search(r"[«»‹›<>]", core) or len(letters) >= 2)
    ):
        return "calendar"
    if re.match(r"^\[\d{1,2}\]\s*\S", core):
        return "calendar entry"
    if n <= 3 and "calendar" in low:
        return "calendar"
    # share rows, counters, tags
    if re.match(
        r"^share(?:\s+(?:this|the)(?:\s+(?:article|story|post|page|news))?)?"
        r"(?:\s*(?::|\[|\||$)|\s+(?:on|via|to)\b)",
        low,
    ):
        return "share buttons"
    items = [i.strip(" []:") for i in _LINK_SPLIT.split(low) if i.strip(" []:")]
    if len(items) >= 2 and all(i in _SOCIAL for i in items):
        return "share buttons"
    if re.search(r"\d", core) and not _only_letters_words(
        _COUNTER_WORDS.sub(" ", re.sub(r"\d", " ", core))
    ):
        return "counter"
    if (
        re.match(
            r"^(?:tags?|tagged(?:\s+(?:with|in|as))?|keywords?|topics?|filed\s+under|labels?)\s*[:：]",
            low,
        )
        and n <= 60
    ):
        return "tags"
    if re.match(r"^tags[a-z]", core, re.I) and n <= 30 and not _TERMINAL.search(core):
        return "tags"
    if len(re.findall(r"(?:^|\s)#\w+", core)) >= 2 and not re.sub(r"#\w+", "", core).strip(" ,·|"):
        return "tags"
    # footers, notices, boxes
    if (
        "cookie" in low
        and n <= 60
        and re.search(
            r"we use|uses cookies|accept|consent|browsing|cookie policy|continuing|experience", low
        )
    ):
        return "cookie notice"
    if n <= 40 and (
        core.startswith("©")
        or re.match(r"^\(c\)\s*\d", low)
        or re.match(r"^copyright\b", low)
        or "all rights reserved" in low
        or ("©" in core and n <= 20)
        or re.search(r"\(c\)\s*(?:19|20)\d\d", low)
    ):
        return "copyright footer"
    if n <= 30 and re.match(
        r"^(?:subscribe|sign\s+up|newsletter|join\s+(?:us|our)|get\s+(?:our|the)\b.*\b(?:newsletter|inbox|app)\b|"
        r"download\s+(?:our|the)\s+app|enter\s+your\s+e-?mail|your\s+e-?mail(?:\s+address)?)\b",
        low,
    ):
        return "subscribe box"
    if n <= 30 and (
        "follow us" in low
        or re.match(r"^follow\s+(?:him|her|me|them|the\s+author)\b", low)
        or re.fullmatch(r"@\w+", core)
    ):
        return "social links"
    if re.match(r"^(?:photo|image|picture|video)(?:\s+credit)?\s*:\s*.{0,60}$", low):
        return "photo credit"
    # link rows and breadcrumbs
    parts = [i for i in _LINK_SPLIT.split(wide) if i.strip(" []")]
    if len(parts) >= 2 and all(_furniture_item(i) for i in parts):
        return "counters and buttons"
    if not _TERMINAL.search(core):
        raw_items = [i.strip(" []") for i in _LINK_SPLIT.split(wide) if i.strip(" []")]
        if len(raw_items) >= 3 and all(_words(i) <= 4 for i in raw_items):
            return "navigation links"
        if len(raw_items) >= 2 and all(i.casefold() in _EXACT for i in raw_items):
            return "navigation links"
        crumbs = [c for c in _CRUMB_SPLIT.split(core) if c]
        if len(crumbs) >= 2 and all(
            _words(c) <= 5 and not re.search(r"\d", c) for c in crumbs[:-1]
        ):
            return "breadcrumb"
        slashes = [c.strip() for c in core.split(" / ")]
        if 2 <= len(slashes) <= 5 and all(1 <= _words(c) <= 3 for c in slashes):
            return "breadcrumb"
    return None


# =========================================================================== clean


@dataclass
class _Line:
    raw: str
    s: str  # normalised
    core: str  # bullet-stripped
    wide: str  # bullet-stripped, original spacing
    bullet: bool
    kind: str = (
        "text"  # blank, text, byline, date, source, furniture, related, comments, title, signature
    )
    rule: str = ""
    date_kind: str | None = None


_NAME_LINE = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'’\-]+(?:\s+(?:[A-Z]\.|[A-ZÀ-Þ][a-zà-ÿ'’\-]+)){1,3}$")


def clean(text: str, *, extracted: bool = False, title: str | None = None) -> CleanText:
    """Split a scraped text dump into title, body paragraphs and the metadata lines it holds.

    See the module docstring for every rule and why it is there. ``extracted=True`` is for text
    another extractor already cut from a page (trafilatura on HTML): each line is then a
    paragraph, lists are the article's own, and only the per-line rules, the related/comments
    cut and the signature apply; ``title`` (the page's own) is removed with any kicker above it
    from the top of such text.
    """
    lines = [
        _classify_basic(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    bylines: list[Byline] = []
    crumb_tails: list[str] = []

    # ---- pass 1: per-line classes
    for ln in lines:
        if ln.kind == "blank":
            continue
        found = _byline_match(ln.core)
        if found is not None:
            ln.kind, ln.rule = "byline", "byline" if found else "byline naming no author"
            bylines.extend(found)
            continue
        dk = _date_line_kind(ln.core)
        if dk:
            ln.kind, ln.rule, ln.date_kind = "date", f"{dk} line", dk
            continue
        if source_of(ln.core):
            ln.kind, ln.rule = "source", "source line"
            bylines.extend(_embedded_bylines(ln.core))
            continue
        if _RELATED.match(_LEAD_SYMBOLS.sub("", ln.core)):
            ln.kind, ln.rule = "related", "related-content heading"
            continue
        if _COMMENTS.match(ln.core):
            ln.kind, ln.rule = "comments", "comments heading"
            continue
        if _PREV_NEXT.match(ln.core):
            ln.kind, ln.rule = "prevnext", "previous/next link"
            continue
        rule = _furniture(ln.wide, ln.core)
        if rule:
            ln.kind, ln.rule = "furniture", rule
            if rule == "breadcrumb":
                tail = [c for c in _CRUMB_SPLIT.split(ln.core) if c]
                if len(tail) >= 2:
                    crumb_tails.append(_key(tail[-1]))
            continue

    # ---- pass 1a: the headline under "Previous article" / "Next article" is a link
    for i, ln in enumerate(lines):
        if ln.kind == "prevnext":
            ln.kind = "furniture"
            nxt = next((x for x in lines[i + 1 :] if x.kind != "blank"), None)
            if (
                nxt is not None
                and nxt.kind == "text"
                and _heading_like(nxt.core)
                and _words(nxt.core) <= 15
            ):
                nxt.kind, nxt.rule = "furniture", "previous/next link"

    # ---- pass 1b: author blurbs name the agency ("<byline name> is the journalist of X")
    names = {b.name for b in bylines}
    for ln in lines:
        if ln.kind == "text" and _bio_agency(ln.core, names):
            ln.kind, ln.rule = "source", "author blurb"

    # ---- pass 2: repeated lines
    counts = Counter(_key(ln.core) for ln in lines if ln.kind != "blank")
    seen: set[str] = set()
    for ln in lines:
        if ln.kind != "text" or extracted:
            continue
        k, c, n = _key(ln.core), counts[_key(ln.core)], _words(ln.core)
        if (c >= 3 and n <= 6) or (c >= 3 and k in seen):
            ln.kind, ln.rule = "furniture", f"line repeated {c} times"
        seen.add(k)

    # ---- pass 3: body zone, cut after related/comment headings
    def body_indices() -> list[int]:
        return [i for i, ln in enumerate(lines) if ln.kind == "text" and _is_body_like(ln.core)]

    body = body_indices()
    first_body = body[0] if body else None
    if first_body is not None:
        _cut_after_headings(lines, first_body)
    else:
        for ln in lines:
            if ln.kind in ("related", "comments"):
                ln.kind = "furniture"
    # related headings above the body: drop the heading and the list right under it
    for i, ln in enumerate(lines):
        if ln.kind in ("related", "comments"):
            ln.kind = "furniture"
            j = i + 1
            while j < len(lines) and (lines[j].kind == "text" and lines[j].bullet):
                lines[j].kind, lines[j].rule = "furniture", "related-content list"
                j += 1
    body = body_indices()
    first_body = body[0] if body else None
    last_body = body[-1] if body else None

    # ---- pass 4: menus (short bullet items) and short duplicates outside the body
    for i, ln in enumerate(lines):
        if ln.kind != "text" or extracted:
            continue
        outside = first_body is None or i < first_body or (last_body is not None and i > last_body)
        short = _words(ln.core) <= 8 and not _TERMINAL.search(ln.core)
        repeated = counts[_key(ln.core)] >= 2
        if ln.bullet and short and (outside or repeated):
            ln.kind, ln.rule = "furniture", "menu item"
        elif outside and repeated and _words(ln.core) <= 3:
            ln.kind, ln.rule = "furniture", "repeated short line"

    # ---- pass 5: title
    if extracted:
        title_idx = _drop_given_title(lines, title)
    else:
        title_idx = _find_title(lines, first_body, crumb_tails)
        title = None
    if title_idx is not None and not extracted:
        title = lines[title_idx].core
        tkey = _key(title)
        lines[title_idx].kind, lines[title_idx].rule = "title", "title"
        for i, ln in enumerate(lines):
            if i == title_idx:
                continue
            if ln.kind == "text" and _key(ln.core) == tkey:
                ln.kind, ln.rule = "furniture", "repeated headline"
            elif i < title_idx and ln.kind == "text":
                ln.kind, ln.rule = "furniture", "page header above the headline"

    # ---- pass 6: signature after the body
    signature = _find_signature(lines, last_body)

    # ---- pass 7: paragraphs
    paragraphs = _paragraphs(lines, joined=not extracted)

    date_lines = _date_groups(lines, title_idx)
    byline_lines = tuple(
        ln.core
        for ln in lines
        if ln.kind == "byline" or (ln.kind == "source" and _embedded_bylines(ln.core))
    )
    source_lines = tuple(ln.core for ln in lines if ln.kind == "source")
    dropped = tuple(
        (i, ln.rule or ln.kind, ln.s)
        for i, ln in enumerate(lines)
        if ln.kind not in ("text", "blank")
    )
    return CleanText(
        title=title,
        paragraphs=paragraphs,
        byline_lines=byline_lines,
        date_lines=date_lines,
        source_lines=source_lines,
        signature=signature,
        dropped=dropped,
    )


def _classify_basic(raw: str) -> _Line:
    s = _norm_line(raw)
    if not s:
        return _Line(raw=raw, s="", core="", wide="", bullet=False, kind="blank")
    m = _BULLET.match(s)
    core = s[m.end() :].strip() if m and s[m.end() :].strip() else s
    wide = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", _INVISIBLE.sub("", raw))
    wide = wide.expandtabs(4).strip()
    mw = _BULLET.match(wide)
    if mw and core != s:
        wide = wide[mw.end() :].strip()
    return _Line(raw=raw, s=s, core=core, wide=wide, bullet=bool(m and core != s))


def _cut_after_headings(lines: list[_Line], first_body: int) -> None:
    """Drop what follows a related/comments heading, resuming only where the article does."""
    i = first_body
    cutting: str | None = None
    while i < len(lines):
        ln = lines[i]
        if ln.kind in ("related", "comments"):
            cutting = ln.kind
            i += 1
            continue
        if cutting and ln.kind != "blank":
            if cutting == "related" and ln.kind == "text" and _is_body_continuation(ln.core):
                j = i + 1
                while j < len(lines) and lines[j].kind == "blank":
                    j += 1
                if (
                    j < len(lines)
                    and lines[j].kind == "text"
                    and _is_body_continuation(lines[j].core)
                ):
                    cutting = None
                    i += 1
                    continue
            if ln.kind in ("text", "furniture", "source", "date", "byline"):
                ln.kind, ln.rule = "furniture", f"after {cutting} heading"
        i += 1


def _find_title(lines: list[_Line], first_body: int | None, crumb_tails: list[str]) -> int | None:
    """Index of the headline line (rule 5 of the module docstring), or None."""
    end = first_body if first_body is not None else len(lines)
    runs: list[list[int]] = []
    current: list[int] = []
    for i in range(end):
        ln = lines[i]
        if ln.kind == "blank":
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        wraps_on = nxt is not None and nxt.kind == "text" and nxt.core[:1].islower()
        if ln.kind == "text" and _heading_like(ln.core) and not wraps_on:
            current.append(i)
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return None
    candidates = [i for run in runs for i in run]
    for i in candidates:
        if _key(lines[i].core) in crumb_tails:
            return i
    run = runs[-1]
    pick = next((i for i in run if _words(lines[i].core) >= 4), run[-1])
    if first_body is None:
        # Without a body-like line, keep at least one paragraph: the title must not be the
        # only text in the page.
        rest = [ln for j, ln in enumerate(lines) if ln.kind == "text" and j > pick]
        if not rest:
            return None
    return pick


def _drop_given_title(lines: list[_Line], title: str | None) -> int | None:
    """Remove the known headline from the top of extracted text, with the kicker above it."""
    if not title:
        return None
    tkey = _key(_norm_line(title))
    top = [i for i, ln in enumerate(lines) if ln.kind != "blank"][:6]
    for i in top:
        if lines[i].kind == "text" and _key(lines[i].core) == tkey:
            lines[i].kind, lines[i].rule = "title", "title"
            for j in top:
                if j < i and lines[j].kind == "text" and _words(lines[j].core) <= 4:
                    lines[j].kind, lines[j].rule = "furniture", "kicker above the headline"
            return i
    return None


def _heading_like(s: str) -> bool:
    """Short, and not ending like a sentence or a line broken mid-sentence."""
    return _words(s) <= 30 and not re.search(r"[.;,]$", s) and not _ENDS_OPEN.search(s)


def _find_signature(lines: list[_Line], last_body: int | None) -> tuple[str, ...]:
    if last_body is None:
        return ()
    tail = [i for i in range(last_body + 1, len(lines)) if lines[i].kind != "blank"]
    if not tail or lines[tail[0]].kind != "text" or not _NAME_LINE.match(lines[tail[0]].core):
        return ()
    group = [tail[0]]
    for i in tail[1:4]:
        ln = lines[i]
        if ln.kind != "text" or _words(ln.core) > 15 or _TERMINAL.search(ln.core):
            break
        if not ln.core[:1].isupper():
            break
        group.append(i)
    following = [i for i in tail if i not in group]
    if following and lines[following[0]].kind == "text":
        return ()  # more text follows: this is a short paragraph, not a signature
    for i in group:
        lines[i].kind, lines[i].rule = "signature", "author signature"
    return tuple(lines[i].core for i in group)


def _date_groups(lines: list[_Line], title_idx: int | None) -> tuple[str, ...]:
    """Date lines, adjacent ones (a clock/calendar widget) joined with ``|``; byline lines
    that carry a date are included. Dates below the headline come first: a date above it is
    more often the site's "today" banner than the article's."""
    groups: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for i, ln in enumerate(lines):
        if ln.kind == "blank":
            continue
        if ln.kind == "date":
            if not current:
                start = i
            current.append(ln.core)
            continue
        if current:
            groups.append((start, " | ".join(current)))
            current = []
        if ln.kind in ("byline", "source") and _find_date(ln.core):
            groups.append((i, ln.core))
    if current:
        groups.append((start, " | ".join(current)))
    if title_idx is None:
        return tuple(g for _, g in groups)
    below = [g for i, g in groups if i > title_idx]
    above = [g for i, g in groups if i <= title_idx]
    return tuple(below + above)


def _paragraphs(lines: list[_Line], *, joined: bool = True) -> tuple[Paragraph, ...]:
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, ln in enumerate(lines):
        if ln.kind == "text":
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    if not joined:
        blocks = [[i] for block in blocks for i in block]
    texts: list[tuple[str, int]] = []
    for block in blocks:
        ss = [lines[i].s for i in block]
        if _hard_wrapped(ss):
            texts.append((_join(ss), block[0]))
            continue
        buf = [ss[0]]
        first = block[0]
        for i, s in zip(block[1:], ss[1:], strict=True):
            prev = buf[-1]
            if not _TERMINAL.search(prev) and (
                s[:1].islower() or s[:1] in "([" or _ENDS_OPEN.search(prev)
            ):
                buf.append(s)
            else:
                texts.append((_join(buf), first))
                buf, first = [s], i
        texts.append((_join(buf), first))

    out: list[Paragraph] = []
    pos = 0
    for t, line in texts:
        out.append(Paragraph(text=t, start=pos, end=pos + len(t), line=line))
        pos += len(t) + 2
    return tuple(out)


def _hard_wrapped(ss: list[str]) -> bool:
    if len(ss) < 3:
        return False
    body = ss[:-1]
    if not all(40 <= len(s) <= 100 for s in body):
        return False
    if max(len(s) for s in body) - min(len(s) for s in body) > 30:
        return False
    open_ends = sum(1 for s in body if not _TERMINAL.search(s))
    return open_ends * 2 >= len(body)


def _join(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        if re.search(r"[A-Za-z]-$", out) and p[:1].islower():
            out += p
        else:
            out += " " + p
    return _SPACES.sub(" ", out).strip()
