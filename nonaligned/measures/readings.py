"""Plain-language readings: one sentence per figure a journalist sees, and how to read it.

Every function returns a :class:`Reading`: ``text`` (one sentence generated from the value),
``how_to_read`` (the measure's note, :data:`HOW_TO_READ`) and ``thin`` (True when the figure rests
on too few votes or events; the sentence then says "too few ... to say" and gives no direction, and
no headline may use it). The wording bands are constants of this module, so a test can pin them and
a reader can check them:

**Split votes** (:mod:`split_votes`), by the difference d = share with B - share with A, in
percentage points of the split roll calls (:data:`SPLIT_BANDS`):

    |d| < 10        "about as often with A as with B"
    10 <= |d| < 25  "somewhat more often with B than with A"
    25 <= |d| < 50  "clearly more often with B than with A"
    |d| >= 50       "far more often with B than with A"

When the interval of d includes 0 the band is "about as often" whatever d is (the difference is
within chance). When abstaining or staying away is the commonest choice (share >= 50 %), the
sentence leads with it. Fewer than MIN_SPLIT_ROLLCALLS split roll calls: "too few votes to say".
When the Assembly as a whole leans to one pole by 25 points or more, the sentence adds how the
state compares with the average member (so "about as often with Russia as with the US" is not
read as a pro-Russian policy when the average member sides with Russia far more often).

**Similarity S** in [-1, 1] (:data:`S_BANDS`; on yes/no votes alone S = 1 - 2 x the share of
opposite votes): S >= 0.8 "almost always votes like"; 0.5-0.8 "mostly votes like"; 0.2-0.5 "votes
with ... somewhat more often than against"; -0.2-0.2 "votes with and against ... about equally
often"; -0.5 to -0.2 "votes against ... somewhat more often than with"; -0.8 to -0.5 "mostly
votes against"; below -0.8 "almost always votes against". Thin below MIN_ROLLCALLS common votes.

**Balance index** in [0, 1] (:data:`BALANCE_BANDS`): >= 0.85 "about equally close to all the
poles"; 0.65-0.85 "somewhat closer to some poles than to others"; 0.4-0.65 "clearly closer to
some poles than to others"; < 0.4 "votes with one camp and against another".

**Ideal-point distance** (:data:`DISTANCE_BANDS`; the Assembly spans about 4 units, the US and
Russia are about 2 apart): < 0.3 "votes from almost the same position as"; 0.3-0.8 "close to";
0.8-1.5 "some distance from"; >= 1.5 "far from".

**Events** (:data:`EVENT_BANDS`, by the cooperative share of reported events): >= 0.8 "almost all
cooperative"; 0.6-0.8 "mostly cooperative"; 0.4-0.6 "mixed"; 0.2-0.4 "mostly conflictual";
< 0.2 "almost all conflictual". Thin below the event lean's ``min_events`` (3).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..records.api import MIN_ROLLCALLS
from .split_votes import MIN_SPLIT_ROLLCALLS

# (lower bound of |difference| in percentage points, wording), checked from the top
SPLIT_BANDS: tuple[tuple[float, str], ...] = (
    (50.0, "far more often"),
    (25.0, "clearly more often"),
    (10.0, "somewhat more often"),
    (0.0, "about as often"),
)
# Assembly lean (points) from which the reading compares the state with the average member
BASELINE_POINTS = 25.0
# (lower bound of S, wording with {pole}), checked from the top
S_BANDS: tuple[tuple[float, str], ...] = (
    (0.8, "almost always votes like {pole}"),
    (0.5, "mostly votes like {pole}"),
    (0.2, "votes with {pole} somewhat more often than against it"),
    (-0.2, "votes with and against {pole} about equally often"),
    (-0.5, "votes against {pole} somewhat more often than with it"),
    (-0.8, "mostly votes against {pole}"),
    (-math.inf, "almost always votes against {pole}"),
)
BALANCE_BANDS: tuple[tuple[float, str], ...] = (
    (0.85, "is about equally close to all the poles"),
    (0.65, "is somewhat closer to some poles than to others"),
    (0.4, "is clearly closer to some poles than to others"),
    (-math.inf, "votes with one camp and against another"),
)
DISTANCE_BANDS: tuple[tuple[float, str], ...] = (
    (1.5, "far from"),
    (0.8, "some distance from"),
    (0.3, "close to"),
    (0.0, "from almost the same position as"),
)
EVENT_BANDS: tuple[tuple[float, str], ...] = (
    (0.8, "almost all cooperative"),
    (0.6, "mostly cooperative"),
    (0.4, "mixed"),
    (0.2, "mostly conflictual"),
    (-math.inf, "almost all conflictual"),
)
MIN_EVENTS = 3  # as event_lean's default min_events

# How a pole is named in a sentence ("with the US", "with Russia"); others by their label.
POLE_NAMES = {
    "USA": "the US",
    "RUS": "Russia",
    "CHN": "China",
    "TUR": "Turkey",
    "EU": "the EU",
    "NAM": "the Non-Aligned Movement",
    "NATO": "NATO",
    "CSTO": "the CSTO",
    "CIS": "the CIS",
}

HOW_TO_READ = {
    "split_votes": (
        "Only the General Assembly roll calls on which the two poles voted differently count. "
        "For each, we note whether the state cast the same vote as one pole, as the other, or "
        "abstained or was absent; the shares are of those roll calls. A bloc pole (EU, NAM) is "
        "its members' median vote. The Assembly figures are the same shares for the average "
        "member state, for comparison: on US-Russia splits most members side with Russia, "
        "because many of those votes are ones the US opposes almost alone. Brackets are 95 % "
        "intervals; fewer than "
        f"{MIN_SPLIT_ROLLCALLS} split votes are too few to say anything."
    ),
    "similarity": (
        "S compares two states' votes on the roll calls both voted on: 1 = always the same "
        "vote, 0 = as often opposite as the same, -1 = always opposite (yes against no); an "
        "abstention against a yes or no counts half. On yes/no votes alone, S = 1 - 2 x the "
        "share of opposite votes. Absences are left out. Fewer than "
        f"{MIN_ROLLCALLS} common votes are too few to say anything."
    ),
    "balance": (
        "The balance index compares how close the state's votes are to each pole (United "
        "States, EU, Russia, China by default): 1 = exactly as close to all, 0 = votes exactly "
        "like one pole and exactly against another. Because most of the Assembly votes against "
        "the US on many resolutions, a low value often means 'votes with the Assembly "
        "majority' rather than 'chose a camp': read it beside the split-vote shares."
    ),
    "idealpoint_distance": (
        "Ideal points place every state on one line from its votes (this project's estimates, "
        "in the Bailey-Strezhnev-Voeten family); the distance is the gap between the state and "
        "the pole, averaged over the years. The Assembly spans about 4 units, and the US and "
        "Russia are about 2 apart: below 0.3 is next to each other, above 1.5 far apart."
    ),
    "events": (
        "Events are what news reports say one side did to the other (meetings, agreements, "
        "protests, threats), coded from the stored articles; the share is of cooperative events "
        "among those reported between the state and the pole. It depends on what was "
        f"collected and reported; fewer than {MIN_EVENTS} events are too few to say anything."
    ),
    "neighbours": (
        "The states whose votes are most like this state's over the period: the share of "
        "identical votes (or S) on the roll calls both voted on. States sharing too few roll "
        "calls are left out and counted, so that a handful of votes cannot top the list."
    ),
}


@dataclass(frozen=True)
class Reading:
    """One plain-language sentence for a figure, the measure's note, and the thin flag."""

    text: str
    how_to_read: str
    thin: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "how_to_read": self.how_to_read, "thin": self.thin}


def pole_name(code: str, label: str | None = None, *, until_year: int | None = None) -> str:
    """The name of a pole inside a sentence: "the US", "Russia" ("the USSR" before 1992)."""
    if code == "RUS" and until_year is not None and until_year < 1992:
        return "the USSR"
    if code in POLE_NAMES:
        return POLE_NAMES[code]
    return label or code


def shift_reading(shift: Mapping[str, Any]) -> tuple[str, str]:
    """The heading and sentence of a change point, direction stated: S with a pole rising means
    the state's votes moved toward it; the balance index rising means more balanced.

    ``shift``: a change-point row {pole, label, date, before, after, shift} ("balance" as the
    pole for the balance index). Returns e.g. ("Biggest change in alignment with the US", "votes
    moved away from the US around 2014-03-01: S fell from 0.45 to 0.21")."""
    before, after, date = _num(shift, "before"), _num(shift, "after"), shift.get("date")
    rose = _num(shift, "shift", after - before) > 0
    moved = f"{'rose' if rose else 'fell'} from {before:.2f} to {after:.2f}"
    if shift.get("pole") == "balance":
        way = "more balanced" if rose else "less balanced (closer to one camp)"
        return "Biggest change in the balance index", f"{way} around {date}: the index {moved}"
    name = pole_name(str(shift.get("pole")), shift.get("label"))
    way = "toward" if rose else "away from"
    heading = f"Biggest change in alignment with {name}"
    return heading, f"votes moved {way} {name} around {date}: S {moved}"


def _band(value: float, bands: tuple[tuple[float, str], ...]) -> str:
    for lower, words in bands:
        if value >= lower:
            return words
    return bands[-1][1]


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or bool(pd.isna(x))


def _num(row: Mapping[str, Any], key: str, default: float = math.nan) -> float:
    """A number from a result row; ``default`` when absent, None or NaN."""
    v = row.get(key)
    if v is None or _missing(v):
        return default
    return float(v)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def split_band(difference_points: float) -> str:
    """The wording for a difference in percentage points (absolute value used)."""
    return _band(abs(difference_points), SPLIT_BANDS)


def split_vote_reading(
    row: Mapping[str, Any],
    state: str,
    pole_a: str,
    pole_b: str,
    *,
    period: str | None = None,
    min_split: int = MIN_SPLIT_ROLLCALLS,
) -> Reading:
    """The split-vote sentence for one row of :func:`split_votes.split_votes_table` (or
    ``SplitVotes.overall``); ``pole_a``/``pole_b`` are names as used in a sentence ("the US").

    >>> split_vote_reading({"n": 412, "share_a": 0.09, "share_b": 0.64,
    ...     "share_abstain_absent": 0.27, "share_other": 0.0, "lean_lo": 0.5, "lean_hi": 0.6},
    ...     "Azerbaijan", "the US", "Russia").text  # doctest: +NORMALIZE_WHITESPACE
    'When the US and Russia vote differently, Azerbaijan votes with Russia far more often than
    with the US (Russia 64 %, the US 9 %, abstained or absent 27 % of 412 votes).'
    """
    note = HOW_TO_READ["split_votes"]
    n = 0 if _missing(row.get("n")) else int(row["n"])
    when = f" {period}" if period else ""
    if n < min_split or _missing(row.get("share_a")):
        return Reading(
            f"Too few votes to say: {state} voted on only {n} roll call{'s' if n != 1 else ''}"
            f"{when} on which {pole_a} and {pole_b} voted differently (at least {min_split} "
            "are needed).",
            note,
            thin=True,
        )
    a, b = _num(row, "share_a"), _num(row, "share_b")
    off = _num(row, "share_abstain_absent", 0.0)
    other = _num(row, "share_other", 0.0)
    diff = 100 * (b - a)
    lo, hi = _num(row, "lean_lo"), _num(row, "lean_hi")
    within_chance = not math.isnan(lo) and not math.isnan(hi) and lo <= 0 <= hi
    words = "about as often" if within_chance else split_band(diff)
    if words == "about as often":
        side = f"votes about as often with {pole_a} as with {pole_b}"
        if within_chance and abs(diff) >= 10:
            side += " (the difference is within chance)"
    elif diff > 0:
        side = f"votes with {pole_b} {words} than with {pole_a}"
    else:
        side = f"votes with {pole_a} {words} than with {pole_b}"
    if off >= 0.5:
        side = f"mostly abstains or stays away, and otherwise {side}"
    first, second = ((pole_b, b), (pole_a, a)) if b >= a else ((pole_a, a), (pole_b, b))
    figures = (
        f"{_capital(first[0])} {_pct(first[1])}, {second[0]} {_pct(second[1])}, "
        f"abstained or absent {_pct(off)}"
    )
    if other >= 0.05:
        figures += f", voted another way {_pct(other)}"
    text = (
        f"When {pole_a} and {pole_b} vote differently, {state} {side} ({figures} of {n} "
        f"votes{when})."
    )
    ba, bb = _num(row, "assembly_a"), _num(row, "assembly_b")
    if not math.isnan(ba) and not math.isnan(bb) and abs(bb - ba) * 100 >= BASELINE_POINTS:
        major, minor = (pole_b, pole_a) if bb > ba else (pole_a, pole_b)
        mine = (b - a) if bb > ba else (a - b)  # the state's lean toward the Assembly's side
        gap = 100 * (abs(bb - ba) - mine)
        if abs(gap) >= 10:
            toward = minor if gap > 0 else major
            text = text[:-1] + (
                f"; it sides with {toward} {split_band(gap)} than the average UN member does "
                f"({_capital(major)} {_pct(max(ba, bb))}, {minor} {_pct(min(ba, bb))} for the "
                "average member)."
            )
    return Reading(text, note, thin=False)


def similarity_reading(
    s: float, n: int, state: str, other: str, *, min_n: int = MIN_ROLLCALLS
) -> Reading:
    """The sentence for S between a state and another state or pole over ``n`` common votes."""
    note = HOW_TO_READ["similarity"]
    if _missing(s) or n < min_n:
        return Reading(
            f"Too few votes to say: {state} and {other} voted together on only {n} roll "
            f"call{'s' if n != 1 else ''} (at least {min_n} are needed).",
            note,
            thin=True,
        )
    words = _band(float(s), S_BANDS).format(pole=other)
    return Reading(f"{state} {words} (S {s:.2f} over {n} votes).", note)


def balance_reading(
    value: float,
    state: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    poles: list[str] | None = None,
    thin: bool = False,
) -> Reading:
    """The sentence for the balance index (``poles``: their names in a sentence)."""
    note = HOW_TO_READ["balance"]
    if thin or _missing(value):
        return Reading(f"Too few votes to say how balanced {state}'s votes are.", note, thin=True)
    words = _band(float(value), BALANCE_BANDS)
    among = ""
    if poles:
        among = " over " + (
            poles[0] if len(poles) == 1 else ", ".join(poles[:-1]) + " and " + poles[-1]
        )
    interval = ""
    if lo is not None and hi is not None and not _missing(lo) and not _missing(hi):
        interval = f"; 95 % interval {float(lo):.2f}-{float(hi):.2f}"
    return Reading(f"In its UN votes {state} {words} (balance {value:.2f}{among}{interval}).", note)


def idealpoint_distance_reading(
    distance: float, state: str, pole: str, *, years: int | None = None
) -> Reading:
    """The sentence for the mean ideal-point distance between a state and a pole."""
    note = HOW_TO_READ["idealpoint_distance"]
    if _missing(distance) or (years is not None and years < 1):
        return Reading(
            f"Too few votes to say where {state} stands relative to {pole}.", note, thin=True
        )
    words = _band(abs(float(distance)), DISTANCE_BANDS)
    over = f" over {years} year{'s' if years != 1 else ''}" if years else ""
    return Reading(
        f"{state} votes {words} {pole} on the Assembly's main dividing line "
        f"(distance {abs(float(distance)):.2f}{over}).",
        note,
    )


def event_reading(
    events: int,
    cooperation_share: float,
    state: str,
    pole: str,
    *,
    min_events: int = MIN_EVENTS,
) -> Reading:
    """The sentence for event counts between a state and a pole in the stored news."""
    note = HOW_TO_READ["events"]
    n = int(events or 0)
    if n < min_events or _missing(cooperation_share):
        return Reading(
            f"Too few reported events to say: {n} between {state} and {pole} in the stored "
            f"news (at least {min_events} are needed).",
            note,
            thin=True,
        )
    words = _band(float(cooperation_share), EVENT_BANDS)
    return Reading(
        f"The {n} reported events between {state} and {pole} are {words} "
        f"({_pct(float(cooperation_share))} cooperative).",
        note,
    )


def neighbours_reading(table: pd.DataFrame, state: str, *, count: int = 3) -> Reading:
    """The sentence naming the states that vote most like ``state`` (a neighbours table)."""
    note = HOW_TO_READ["neighbours"]
    if table.empty:
        return Reading(
            f"Too few votes to say which states vote most like {state}.", note, thin=True
        )
    top = table.head(count)
    names = [f"{r['name']} ({_pct(float(r['agree']))})" for _, r in top.iterrows()]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Reading(
        f"The states that vote most like {state} are {listed} (share of identical votes).",
        note,
    )


__all__ = [
    "BALANCE_BANDS",
    "DISTANCE_BANDS",
    "EVENT_BANDS",
    "HOW_TO_READ",
    "MIN_EVENTS",
    "POLE_NAMES",
    "SPLIT_BANDS",
    "S_BANDS",
    "Reading",
    "balance_reading",
    "event_reading",
    "idealpoint_distance_reading",
    "neighbours_reading",
    "pole_name",
    "shift_reading",
    "similarity_reading",
    "split_band",
    "split_vote_reading",
]
