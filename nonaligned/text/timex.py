"""Event dates from the words of a sentence, resolved against the article's date.

News gives an event's date in relative words ("yesterday", "on Monday", "last month") far more often
than as a calendar date, and the event coder needs a date per event to build dyad-months. The rules
(docs/events.md):

- ``yesterday`` / ``today`` / ``tomorrow``: the article date minus one, plus zero, plus one day;
- weekday names (``on Monday``, ``Monday evening``): the most recent such day on or before the
  article date; ``last Monday`` is strictly before it; for an intended (future) event the first such
  day on or after it ("are expected to sign on Tuesday" in a Monday article is the next day);
- ``on February 21`` / ``21 February``: the most recent such day on or before the article date
  (the next on or after for an intended event); a year given explicitly always wins;
- ``in March`` (no year): the most recent March that has begun by the article date (or the next one
  for an intended event), precision month; ``March 2021`` / ``October of last year``: that month;
- ``last year`` / ``this year`` / ``next year``: precision year; ``last month`` / ``this month``
  / ``earlier this month`` / ``next month``: precision month;
- ``last week`` / ``this week`` / ``next week``: the Monday of that week, precision ``week`` (an
  addition to docs/events.md's day|month|year: a week is what the words say, and rounding it to
  a day would claim more than they do, to a month sometimes the wrong month);
- seasons (``since the autumn of last year``, ``in the spring of 2019``, ``last summer``): the
  first day of the season's first month (northern meteorological seasons: spring March, summer
  June, autumn September, winter December), precision month;
- ``in 2011`` / ``since 2011``: precision year; ISO ``2022-02-21`` and ``21.02.2022``: day.

Never invent: a sentence with no date words gives ``(None, None, None)`` and the coder falls back
to the article date; relative words with no article date give ``(None, None, words)`` — the
words are kept as provenance, the date is not guessed.

When a sentence has several date expressions, the one nearest to the event's trigger in the
dependency tree wins (``anchor``), so "signed on Tuesday ... one day after Russia recognised them
on 21 February" dates each verb by its own phrase; without an anchor the most precise, then the
first, wins.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Timex", "find", "resolve"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

# Month and weekday names must be capitalised: "may" and "march" in running text are a modal and
# a verb far more often than a date. (?-i:...) keeps them case-sensitive inside the /i patterns.
_MONTH = (
    r"(?-i:(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))\.?"
)
_WEEKDAY = r"(?-i:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
_LEAD_WEEKDAY = (
    r"(?:on\s+)?(?:(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)),?\s+)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_REL_YEAR = r"(?P<rel>last|this|next|the\s+previous|the\s+following|the\s+current)\s+year"


@dataclass(frozen=True)
class Timex:
    """One date expression: where it is in the sentence, what it says and what it resolves to."""

    start: int
    end: int
    text: str
    value: date | None
    precision: str | None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _rel_year(word: str, published: date | None) -> int | None:
    if published is None:
        return None
    w = " ".join(word.lower().split())
    if w in ("last", "the previous"):
        return published.year - 1
    if w in ("next", "the following"):
        return published.year + 1
    return published.year


def _month_day(
    month: int, day: int, year: int | None, published: date | None, future: bool
) -> date | None:
    """A day of a month: the given year, else the closest one on the right side of the article."""
    if year is not None:
        return _valid(year, month, day)
    if published is None:
        return None
    for y in (
        (published.year, published.year + 1) if future else (published.year, published.year - 1)
    ):
        d = _valid(y, month, day)
        if d is not None and ((d >= published) if future else (d <= published)):
            return d
    return None


def _weekday(
    wd: int, published: date | None, future: bool, strict_past: bool = False
) -> date | None:
    if published is None:
        return None
    if future:
        return published + timedelta(days=(wd - published.weekday()) % 7)
    back = (published.weekday() - wd) % 7
    if strict_past and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month_only(month: int, published: date | None, future: bool) -> date | None:
    if published is None:
        return None
    year = published.year
    if future:
        if month < published.month:
            year += 1
    elif month > published.month:
        year -= 1
    return date(year, month, 1)


def _season(season: str, year: int | None, published: date | None, last: bool) -> date | None:
    month = SEASONS[season.lower()]
    if year is not None:
        return date(year, month, 1)
    if published is None:
        return None
    # the season that contains the article date starts at the latest month <= published's
    # month among the season starts (December belongs to the previous year's winter)
    start = date(published.year, month, 1)
    if start > published:
        start = date(published.year - 1, month, 1)
    if last:
        current = max(
            date(y, m, 1)
            for m in SEASONS.values()
            for y in (published.year, published.year - 1)
            if date(y, m, 1) <= published
        )
        if start == current:
            start = date(start.year - 1, month, 1)
    return start


# Each rule: (compiled pattern, resolver(match, published, future) -> (date | None, precision)).
# A resolver may return None: the match is not a date after all ("the fall of the Wall").
_Resolver = Callable[[re.Match[str], date | None, bool], tuple[date | None, str] | None]


def _r_iso(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    return _valid(int(m["y"]), int(m["m"]), int(m["d"])), "day"


def _r_day_month(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    year = int(m["year"]) if m["year"] else None
    return _month_day(MONTHS[m["month"].lower()], int(m["day"]), year, pub, fut), "day"


def _r_month_year(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    month = MONTHS[m["month"].lower()]
    year = int(m["year"]) if m["year"] else _rel_year(m["rel"], pub)
    return (date(year, month, 1) if year is not None else None), "month"


def _r_month_only(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    return _month_only(MONTHS[m["month"].lower()], pub, fut), "month"


def _r_season(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str] | None:
    bare = not (m["year"] or m["rel"] or m["last"])
    if bare and (m["season"].lower() == "fall" or (m["lead"] or "").lower() in ("the", "of")):
        return None  # "the fall of", "the spring of hope": only "in/since ... spring" is a date
    if m["year"]:
        year: int | None = int(m["year"])
    elif m["rel"]:
        year = _rel_year(m["rel"], pub)
        if year is None:
            return None, "month"
    else:
        year = None
    which = (m["last"] or "").lower()
    if which == "next" and pub is not None:
        nxt = _season(m["season"], None, pub, last=False)
        if nxt is not None and nxt <= pub:
            nxt = date(nxt.year + 1, nxt.month, 1)
        return nxt, "month"
    if which == "this" and pub is not None:
        year = pub.year
    return _season(m["season"], year, pub, last=which == "last"), "month"


def _r_weekday(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    wd = WEEKDAYS[m["weekday"].lower()]
    which = (m["which"] or "").lower()
    if which == "next":
        fut = True
    return _weekday(wd, pub, fut, strict_past=which == "last"), "day"


def _r_deictic(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    word = m["word"].lower()
    if pub is None:
        return None, "day"
    if word == "yesterday":
        return pub - timedelta(days=1), "day"
    if word == "tomorrow":
        return pub + timedelta(days=1), "day"
    return pub, "day"


def _r_ago(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    if pub is None:
        return None, "day"
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return pub - timedelta(days=n), "day"
    if unit == "week":
        d = pub - timedelta(weeks=n)
        return d - timedelta(days=d.weekday()), "week"
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return date(y, mo, 1), "month"
    return date(pub.year - n, 1, 1), "year"


def _r_rel_unit(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    which = " ".join(m["which"].lower().split())
    unit = m["unit"].lower()
    precision = {"week": "week", "month": "month", "year": "year"}[unit]
    if pub is None:
        return None, precision
    delta = {"last": -1, "the previous": -1, "past": -1, "this": 0, "the current": 0}.get(which, 1)
    if unit == "year":
        return date(pub.year + delta, 1, 1), precision
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, delta)
        return date(y, mo, 1), precision
    monday = pub - timedelta(days=pub.weekday())
    return monday + timedelta(weeks=delta), precision


def _r_year(m: re.Match[str], pub: date | None, fut: bool) -> tuple[date | None, str]:
    return date(int(m["year"]), 1, 1), "year"


_I = re.IGNORECASE
_RULES: list[tuple[re.Pattern[str], _Resolver]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _r_iso),
    (re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"), _r_iso),
    (
        re.compile(
            rf"\b{_LEAD_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", _I
        ),
        _r_day_month,
    ),
    (
        re.compile(rf"\b{_LEAD_WEEKDAY}{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?(?!\s*%)", _I),
        _r_day_month,
    ),
    (
        re.compile(
            rf"\b(?:(?:early|mid|late|the\s+end\s+of|the\s+middle\s+of)[\s-]+)?{_MONTH}"
            rf"(?:\s+of)?\s+(?:{_YEAR}|{_REL_YEAR})\b",
            _I,
        ),
        _r_month_year,
    ),
    (
        re.compile(
            r"\b(?:(?P<last>last|this|next)|(?P<lead>in|since|during|until|till|from|by|of|the))"
            r"\s+(?:the\s+)?(?:early\s+|late\s+)?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?(?:{_YEAR}|{_REL_YEAR}))?\b",
            _I,
        ),
        _r_season,
    ),
    (
        re.compile(
            rf"\b(?:in|since|from|until|till|by|during|of|early|late|mid)\s+{_MONTH}\b(?!\s+\d)", _I
        ),
        _r_month_only,
    ),
    (
        re.compile(
            rf"\b(?:(?:on|this|(?P<which>last|next))\s+)?{_WEEKDAY}"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            _I,
        ),
        _r_weekday,
    ),
    (
        re.compile(
            r"\b(?P<word>yesterday|today|tomorrow|tonight|this\s+morning|this\s+afternoon"
            r"|this\s+evening)\b",
            _I,
        ),
        _r_deictic,
    ),
    (
        re.compile(
            r"\b(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            _I,
        ),
        _r_ago,
    ),
    (
        re.compile(
            r"\b(?:earlier\s+|later\s+)?(?P<which>last|this|next|past|the\s+previous|the\s+current"
            r"|the\s+following|the\s+coming)\s+(?P<unit>week|month|year)\b",
            _I,
        ),
        _r_rel_unit,
    ),
    (
        re.compile(
            rf"\b(?:in|since|from|until|till|by|during|of|early|late|mid)[\s-]+{_YEAR}\b(?!\s*%)",
            _I,
        ),
        _r_year,
    ),
]


def find(sentence_text: str, published: date | None, *, future: bool = False) -> list[Timex]:
    """Every date expression in the sentence, earlier rules first; overlapping later ones dropped.

    The rules are ordered from the most to the least specific, so "on Tuesday, 22 February 2022"
    is one day expression, not a weekday plus a month plus a year.
    """
    found: list[Timex] = []
    for pattern, resolver in _RULES:
        for m in pattern.finditer(sentence_text):
            if any(m.start() < t.end and t.start < m.end() for t in found):
                continue
            got = resolver(m, published, future)
            if got is None:
                continue
            value, precision = got
            text = m.group(0).strip()
            found.append(
                Timex(m.start(), m.end(), text, value, precision if value is not None else None)
            )
    return sorted(found, key=lambda t: t.start)


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse (through their lowest common ancestor)."""
    up_a = [a, *a.ancestors]
    depth = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return k + depth[t.i]
    return len(up_a) + 50  # different sentences of a Doc: far


CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "conj"})


def _in_scope(anchor: Token, tok: Token | None) -> bool:
    """Whether date words headed by ``tok`` can date the event at ``anchor``.

    They cannot when they sit in a clause the event is not part of: in "He presented a report on
    the chairmanship, which began in October 2019, and said ...", October 2019 dates the
    beginning, not the saying. Climbing from the date words to the lowest common ancestor must
    not cross a clause boundary (a verb attached as relative, adverbial, complement or conjoined
    clause) that does not also hold the event.
    """
    if tok is None:
        return True
    above = {t.i for t in [anchor, *anchor.ancestors]}
    t = tok
    while t.i not in above:
        if t.dep_ in CLAUSES and t.pos_ in ("VERB", "AUX"):
            return False
        if t.head.i == t.i:
            return False  # another sentence of the parse
        t = t.head
    return True


def _token_of(doc: Doc | Span, start: int, end: int) -> Token | None:
    """The syntactic head of the characters [start, end) of ``doc``'s text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def resolve(
    sentence_text: str,
    doc: Doc | Span | None,
    published: date | None,
    *,
    anchor: Token | None = None,
    future: bool = False,
) -> tuple[date | None, str | None, str | None]:
    """(date, precision, date words) for the sentence's event; (None, None, None) without words.

    ``doc`` is the parse of ``sentence_text`` (a Doc, or a Span whose text is the sentence); with
    an ``anchor`` token (the event's trigger) only date words in the event's own clauses count
    (:func:`_in_scope`) and the nearest of them in the tree is chosen. ``future`` marks an
    intended event: weekday and month words then look forward.
    """
    found = find(sentence_text, published, future=future)
    base = doc.text.find(sentence_text) if doc is not None else -1
    if found and anchor is not None and doc is not None and base >= 0:
        parsed = doc
        # char_span is relative to the Doc's or the Span's own text
        heads = {id(t): _token_of(parsed, t.start + base, t.end + base) for t in found}
        found = [t for t in found if _in_scope(anchor, heads[id(t)])]

        def key(t: Timex) -> tuple[int, int, int]:
            tok = heads[id(t)]
            dist = _tree_distance(anchor, tok) if tok is not None else 99
            return dist, PRECISION_RANK.get(t.precision or "", 9), t.start

        found.sort(key=key)
    else:
        found.sort(key=lambda t: (PRECISION_RANK.get(t.precision or "", 9), t.start))
    if not found:
        return None, None, None
    best = found[0]
    if (
        not future
        and published is not None
        and best.value is not None
        and best.value > published
        and not re.search(r"(?:19|20)\d\d", best.text)
    ):
        # A past event cannot postdate its report: relative words that land after the article
        # date ("in October of this year" in a May article republished from an older one) are
        # kept as provenance, but no date is claimed from them.
        return None, None, best.text
    return best.value, best.precision, best.text
