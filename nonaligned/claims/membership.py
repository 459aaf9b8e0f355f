"""Membership and status claims (member, observer, partner, chair) against the bloc records.

Evidence: the state's spells in the bloc from ``bloc_memberships`` (project-maintained, a source
per row) and, for a chair, the bloc's chair terms (``bloc_chairs``). The status is read on the
date the claim refers to; a start the sentence gives ("since the autumn of last year") is set
against the record's start.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pandas as pd

from ..text import timex
from . import verdict as rules
from .context import Context, rows_where
from .finder import Candidate
from .model import NOT_CHECKABLE, SUPPORTED, Evidence

SOURCE = "bloc memberships (project-maintained, blocs.SOURCE.md)"
CHAIR_SOURCE = "bloc chairs (project-maintained, blocs.SOURCE.md)"
SEASONS = ("spring", "summer", "autumn", "fall", "winter")


def curated_blocs(ctx: Context) -> dict[str, str]:
    if "blocs" not in ctx.cache:
        df = ctx.records.blocs()
        ctx.cache["blocs"] = dict(zip(df["bloc"], df["name"], strict=True))
    blocs: dict[str, str] = ctx.cache["blocs"]
    return blocs


def _day(value: Any) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def _covers(start: Any, end: Any, day: date) -> bool:
    """A spell [start, end) holds on ``day`` (ends are exclusive: the first day out)."""
    s, e = _day(start), _day(end)
    return s is not None and s <= day and (e is None or day < e)


def since_fits(start: date | None, since: timex.Timex | None) -> bool | None:
    """Whether a record's start fits the start the sentence gives (None: the sentence gives none).

    Year precision: same year; a season: within its three months; month: same month; day: same day.
    """
    if since is None or since.value is None:
        return None
    if start is None:
        return False
    v = since.value
    if since.precision == "year":
        return start.year == v.year
    if since.precision == "month":
        if any(s in since.text.lower() for s in SEASONS):
            return v <= start < v + timedelta(days=92)
        return (start.year, start.month) == (v.year, v.month)
    if since.precision == "week":
        return v <= start < v + timedelta(days=7)
    return start == v


def _row(row: pd.Series, columns: list[str]) -> dict[str, Any]:
    return {c: row[c] for c in columns if c in row.index}


def check(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    roles: dict[str, str] = c.details.get("roles", {})
    negated = bool(c.details.get("negated"))
    if not c.subject:
        who = f"'{c.unknown_subject}'" if c.unknown_subject else "the state the sentence is about"
        return NOT_CHECKABLE, f"{who} is not a state the records know", []
    day = c.refers_to or ctx.on
    name = ctx.name(c.subject)
    known = curated_blocs(ctx)
    verdicts: list[str] = []
    reasons: list[str] = []
    evidence: list[Evidence] = []
    for named, role in roles.items():
        # NATO's partners are the Partnership for Peace
        bloc = "PFP" if role == "partner" and named == "NATO" else named
        if bloc not in known:
            verdicts.append(NOT_CHECKABLE)
            reasons.append(f"no dated membership table for {bloc}")
            continue
        if role == "chair":
            v, why, ev = _chair(c, ctx, bloc, day, name, negated)
        else:
            v, why, ev = _status(c, ctx, bloc, role, day, name, negated)
        verdicts.append(v)
        reasons.append(why)
        evidence.extend(ev)
    return rules.combine(verdicts), "; ".join(reasons), evidence


def _status(
    c: Candidate, ctx: Context, bloc: str, role: str, day: date, name: str, negated: bool
) -> tuple[str, str, list[Evidence]]:
    assert c.subject is not None
    spells = ctx.records.memberships(c.subject)
    spells = spells[spells["bloc"] == bloc]
    cols = ["bloc", "status", "start", "end", "source", "note"]
    evidence = [
        Evidence(
            "record",
            SOURCE,
            f"{c.subject} {r['status']} of {bloc} from {_day(r['start'])}"
            + (f" to {_day(r['end'])}" if _day(r["end"]) else ""),
            {"iso3": c.subject, **_row(r, cols)},
        )
        for _, r in spells.iterrows()
    ]
    now = rows_where(spells, [_covers(r["start"], r["end"], day) for _, r in spells.iterrows()])
    held = str(now.iloc[0]["status"]) if len(now) else None
    start = _day(now.iloc[0]["start"]) if len(now) else None
    on = day.isoformat()
    if role == "cooperation":
        if held:
            return SUPPORTED, f"{name} was a {held} of {bloc} on {on} (since {start})", evidence
        return (
            NOT_CHECKABLE,
            f"{name} held no status in {bloc} on {on}; cooperation without a status is not recorded",
            evidence,
        )
    claimed = "member" if role == "member" else role
    if negated:
        v = rules.status_rule(None if held else "none", "none")
        why = (
            f"{name} held no status in {bloc} on {on}"
            if not held
            else f"{name} was a {held} of {bloc} on {on} (since {start})"
        )
        return v, why, evidence
    fits = since_fits(start, c.since) if held == claimed else None
    v = rules.status_rule(held, claimed, since_ok=fits)
    if held == claimed:
        why = f"{name} was a {held} of {bloc} on {on} (since {start})"
        if fits is False and c.since is not None:
            why += f", not from {c.since.text.removeprefix('since ')} as the sentence says"
    elif held:
        why = f"{name} was a {held} of {bloc} on {on}, not a {claimed}"
    else:
        why = f"{name} held no status in {bloc} on {on}" + _partnership(c, ctx, bloc, day, evidence)
    return v, why, evidence


def _partnership(c: Candidate, ctx: Context, bloc: str, day: date, evidence: list[Evidence]) -> str:
    """For NATO, the Partnership for Peace status a non-member held on ``day`` (a clause for the
    reason, its row added to the evidence): 'no status in NATO' alone would read as no tie."""
    if bloc != "NATO" or c.subject is None:
        return ""
    spells = ctx.records.memberships(c.subject)
    pfp = spells[spells["bloc"] == "PFP"]
    now = rows_where(pfp, [_covers(r["start"], r["end"], day) for _, r in pfp.iterrows()])
    if not len(now):
        return ""
    r = now.iloc[0]
    cols = ["bloc", "status", "start", "end", "source", "note"]
    evidence.append(
        Evidence(
            "record",
            SOURCE,
            f"{c.subject} {r['status']} of PFP from {_day(r['start'])}",
            {"iso3": c.subject, **_row(r, cols)},
        )
    )
    return f" (a partner in its Partnership for Peace since {_day(r['start'])}, not a member)"


def _chair(
    c: Candidate, ctx: Context, bloc: str, day: date, name: str, negated: bool
) -> tuple[str, str, list[Evidence]]:
    chairs = ctx.records.chairs(bloc)
    if chairs.empty:
        return NOT_CHECKABLE, f"no table of {bloc} chairs", []
    cols = ["bloc", "iso3", "name", "start", "end", "event", "source"]
    current = rows_where(chairs, [_covers(r["start"], r["end"], day) for _, r in chairs.iterrows()])
    mine = chairs[chairs["iso3"] == c.subject]
    rows = pd.concat([mine, current]).drop_duplicates(subset=["iso3", "start"])
    evidence = [
        Evidence(
            "record",
            CHAIR_SOURCE,
            f"{r['iso3']} chaired {bloc} from {_day(r['start'])}"
            + (f" to {_day(r['end'])}" if _day(r["end"]) else ""),
            _row(r, cols),
        )
        for _, r in rows.iterrows()
    ]
    on = day.isoformat()
    holder = current.iloc[0] if len(current) else None
    held = holder is not None and holder["iso3"] == c.subject
    start = _day(holder["start"]) if holder is not None else None
    if negated:
        v = rules.status_rule(None if held else "none", "none")
        return v, f"{name} {'was' if held else 'was not'} the {bloc} chair on {on}", evidence
    fits = since_fits(start, c.since) if held else None
    v = rules.status_rule("chair" if held else None, "chair", since_ok=fits)
    if held:
        why = f"{name} chaired {bloc} on {on} (from {start}, {holder['event'] if holder is not None else ''})"
        if fits is False and c.since is not None:
            why += f"; the term did not start {c.since.text}"
    elif holder is not None:
        why = f"the {bloc} chair on {on} was {holder['name']}, not {name}"
    else:
        why = f"no {bloc} chair is recorded for {on}"
    return v, why, evidence
