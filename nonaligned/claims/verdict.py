"""The verdict rules, one small function per kind of evidence (docs/claims.md lists them).

Every verdict is one of ``supported``, ``contradicted``, ``mixed`` or ``not checkable`` and comes
from counting what the records show, by the rules below; there is no score and no threshold
other than those written here. The checkers gather the evidence; these functions only decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import CONTRADICTED, MIXED, NOT_CHECKABLE, SUPPORTED


@dataclass(frozen=True)
class Decision:
    verdict: str
    reason: str


def status_rule(held: str | None, claimed: str, *, since_ok: bool | None = None) -> str:
    """Membership or status (member, observer, partner, chair) on the date the claim is about.

    - the state held the claimed status that day: ``supported`` - unless the sentence also gives
      a start ("since 2019") that the record's start does not fit: ``mixed``;
    - it held another status in the same bloc (observer where "member" is claimed): ``contradicted``;
    - it held none: ``contradicted``.
    """
    if held == claimed:
        return SUPPORTED if since_ok in (None, True) else MIXED
    return CONTRADICTED


def count_rule(actual: int, claimed: int, qualifier: str) -> str:
    """A number of members: ``exact`` must equal; ``more than`` / ``over`` must exceed; ``nearly``
    / ``almost`` / ``about`` / ``some`` must be within 5 % of the count (rounded up to one)."""
    if qualifier in ("more than", "over"):
        return SUPPORTED if actual > claimed else CONTRADICTED
    if qualifier in ("at least",):
        return SUPPORTED if actual >= claimed else CONTRADICTED
    if qualifier in ("fewer than", "less than", "under"):
        return SUPPORTED if actual < claimed else CONTRADICTED
    if qualifier in ("nearly", "almost", "about", "around", "some", "approximately"):
        return SUPPORTED if abs(actual - claimed) <= max(1, round(0.05 * claimed)) else CONTRADICTED
    return SUPPORTED if actual == claimed else CONTRADICTED


def vote_rule(expected: int, opposite: int, neither: int) -> str:
    """Votes on the roll calls of the claim's subject, counted by the state's vote.

    ``expected`` = votes cast the way the claim implies (yes for "upheld Ukraine's territorial
    integrity"), ``opposite`` = the other way (no), ``neither`` = abstentions, absences and the
    UN's "non-voting".

    - only expected votes: ``supported``; only opposite votes: ``contradicted``;
    - expected votes and any others: ``mixed``; opposite and neither, no expected: ``contradicted``;
    - only abstentions or absences: ``not checkable`` (the votes take no side);
    - no roll call on the subject before the date: ``not checkable``.
    """
    if expected and not opposite and not neither:
        return SUPPORTED
    if expected:
        return MIXED
    if opposite:
        return CONTRADICTED
    return NOT_CHECKABLE


def symbol_rule(cast: int, claimed: int) -> str:
    """ "Voted for / against / abstained on resolution N": the state's recorded vote on that roll
    call equals the claimed one: ``supported``; any other vote (absence included): ``contradicted``."""
    return SUPPORTED if cast == claimed else CONTRADICTED


def no_alliance_rule(binding: int, soft: int) -> str:
    """ "Never concluded agreements directed against third countries" / "joins no military bloc".

    The records cannot say what an agreement is *directed against*; they say which obligations
    were in force. ``binding`` = defence or offence obligations and military-bloc memberships in
    force on the date; ``soft`` = non-aggression, neutrality or consultation only.

    - binding obligations in force: ``mixed`` (they are listed as evidence; whether they are
      directed against third countries is for the reader);
    - only soft obligations, or none: ``supported``.
    """
    return MIXED if binding else SUPPORTED


def alliance_rule(found: int, covered: bool) -> str:
    """ "Signed an alliance / mutual-assistance agreement with X": a row between the two states
    (ATOP to 2018, the project's treaty table after) in force or signed by the date:
    ``supported``; none, in a year ATOP covers: ``contradicted``; none after ATOP ends (the treaty
    table lists selected treaties only): ``not checkable``."""
    if found:
        return SUPPORTED
    return CONTRADICTED if covered else NOT_CHECKABLE


def relations_rule(cooperation: int, conflict: int, *, friendly: bool) -> str:
    """Relations between two states, from the coded news events of the year before the date.

    Friendly claims ("friendly relations", "genuine friendship", "no problem with"):
    cooperation events only: ``supported``; conflict events only: ``contradicted``; both:
    ``mixed``; no events: ``not checkable``. Hostile claims ("tensions with") the other way round.
    """
    if not cooperation and not conflict:
        return NOT_CHECKABLE
    good, bad = (cooperation, conflict) if friendly else (conflict, cooperation)
    if good and not bad:
        return SUPPORTED
    if bad and not good:
        return CONTRADICTED
    return MIXED


def no_problem_rule(events_seen: int, conflicts_elsewhere: int, material: int) -> str:
    """ "No problem with any country other than X": conflict events of the state with any state
    other than X in the year before the date. None while the state has coded events at all:
    ``supported``; material conflict (quad class 4) with another state: ``contradicted``; only
    verbal conflict: ``mixed``; no coded events of the state at all: ``not checkable``."""
    if not events_seen:
        return NOT_CHECKABLE
    if material:
        return CONTRADICTED
    if conflicts_elsewhere:
        return MIXED
    return SUPPORTED


def balance_rule(lo: float, hi: float, peer_median: float) -> str:
    """ "Balanced / multi-vector / independent / neutral / non-aligned foreign policy".

    The state's balance index (1 = equidistant from the poles USA, EU, Russia, China) with its
    95 % bootstrap interval, against the median balance of its peers over the same years:
    interval above the peers' median: ``supported`` (more balanced than its peers); below:
    ``contradicted``; straddling it: ``mixed`` (as balanced as its peers, no more).
    """
    if lo > peer_median:
        return SUPPORTED
    if hi < peer_median:
        return CONTRADICTED
    return MIXED


def combine(verdicts: list[str]) -> str:
    """One verdict from several parts of a claim (several blocs named in one sentence):
    all the same: that one; any mix of supported and contradicted/mixed: ``mixed``; parts that are
    not checkable are left out unless all are."""
    checked = [v for v in verdicts if v != NOT_CHECKABLE]
    if not checked:
        return NOT_CHECKABLE
    if all(v == checked[0] for v in checked):
        return checked[0]
    return MIXED
