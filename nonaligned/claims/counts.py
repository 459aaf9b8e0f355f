"""Counts of a bloc's members ("the Non-Aligned Movement, which includes 120 countries") against
the bloc memberships on the date; and quantities the records cannot check ("diplomatic
relations with 177 countries"), reported with the reason."""

from __future__ import annotations

from . import verdict as rules
from .context import Context
from .finder import Candidate
from .membership import SOURCE, curated_blocs
from .model import NOT_CHECKABLE, Evidence

# What the records hold no table of, by the word a quantity counts.
UNCHECKABLE = {
    "embassies": "the records hold no table of embassies or consulates",
    "consulates": "the records hold no table of embassies or consulates",
    "diplomatic missions": "the records hold no table of diplomatic missions",
    "missions": "the records hold no table of diplomatic missions",
    "agreements": "the records hold alliance obligations only, not every agreement a state signed",
    "documents": "the records hold alliance obligations only, not every document a state signed",
    "treaties": "the records hold alliance obligations only, not every treaty a state signed",
}


def check_count(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    bloc = c.blocs[0]
    n = int(c.details["n"])
    qualifier = str(c.details.get("qualifier") or "")
    if bloc not in curated_blocs(ctx):
        return NOT_CHECKABLE, f"no dated membership table for {bloc}", []
    day = c.refers_to or ctx.on
    df = ctx.records.members(bloc, on=day)
    members = df[df["status"] == "member"]
    others = df[df["status"] != "member"]
    actual = len(members)
    v = rules.count_rule(actual, n, qualifier)
    extra = ", ".join(f"{k} {s}s" for s, k in others["status"].value_counts().items())
    why = f"{bloc} had {actual} members on {day.isoformat()}" + (f" (and {extra})" if extra else "")
    claimed = f"{qualifier} {n}".strip()
    why += "" if v == "supported" else f", not {claimed}"
    row = {
        "bloc": bloc,
        "on": day.isoformat(),
        "members": actual,
        "other_statuses": extra or None,
        "member_iso3": " ".join(str(x) for x in members["iso3"]),
    }
    return v, why, [Evidence("record", SOURCE, f"{actual} {bloc} members on {day}", row)]


def check_quantity(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    what = str(c.details.get("what", "")).lower()
    text = c.sentence.lower()
    if "diplomatic relations" in text:
        reason = "the records hold no table of diplomatic relations"
    elif what in UNCHECKABLE:
        reason = UNCHECKABLE[what]
    else:
        reason = f"the records cannot tie this number of {what} to a bloc or a table"
    return NOT_CHECKABLE, f"not checkable here: {reason}", []
