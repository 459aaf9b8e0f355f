"""Relations claims against the coded news events in the store (asserted events only).

The window is the year before the date the claim refers to (365 days, that day included). Events
coded from the article being checked are left out, so an article never confirms itself. Quad
classes: 1 verbal and 2 material cooperation; 3 verbal and 4 material conflict.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd

from ..engine.coding import query_events
from . import verdict as rules
from .context import Context
from .finder import Candidate
from .model import NOT_CHECKABLE, Evidence

SOURCE = "coded news events in the store (docs/events.md)"
WINDOW = timedelta(days=365)
MAX_EVIDENCE = 12


def _events(ctx: Context, subject: str, other: str | None, c: Candidate) -> pd.DataFrame:
    day = c.refers_to or ctx.on
    try:
        df = query_events(
            ctx.records.store, country=subject, other=other, since=day - WINDOW, until=day
        )
    except Exception:
        return pd.DataFrame(columns=["doc_id", "actor", "recipient", "quad_class"])
    if ctx.exclude_docs and len(df):
        df = df[~df["doc_id"].isin(ctx.exclude_docs)]
    return df


def _evidence(df: pd.DataFrame) -> list[Evidence]:
    out = []
    for _, r in df.head(MAX_EVIDENCE).iterrows():
        row: dict[str, Any] = {
            k: r[k]
            for k in ("date", "actor", "recipient", "event", "cameo", "quad_class", "sentence",
                      "doc_id", "url")
            if k in r.index
        }  # fmt: skip
        out.append(
            Evidence(
                "event",
                SOURCE,
                f"{r.get('date')}: {r.get('actor')} {r.get('event')} {r.get('recipient')}",
                row,
            )
        )
    return out


def check(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    if not c.subject:
        who = f"'{c.unknown_subject}'" if c.unknown_subject else "the state the sentence is about"
        return NOT_CHECKABLE, f"{who} is not a state the records know", []
    day = (c.refers_to or ctx.on).isoformat()
    start = ((c.refers_to or ctx.on) - WINDOW).isoformat()
    name = ctx.name(c.subject)
    if c.details.get("form") == "no_problem":
        exceptions = set(c.details.get("except", []))
        df = _events(ctx, c.subject, None, c)
        other = (
            df.apply(lambda r: r["recipient"] if r["actor"] == c.subject else r["actor"], axis=1)
            if len(df)
            else pd.Series(dtype=object)
        )
        conflict = (
            df[(df["quad_class"] >= 3) & other.notna() & ~other.isin(exceptions)] if len(df) else df
        )
        material = conflict[conflict["quad_class"] == 4] if len(conflict) else conflict
        v = rules.no_problem_rule(len(df), len(conflict), len(material))
        if not len(df):
            why = f"no coded news events of {name} from {start} to {day} in this store"
        elif len(conflict):
            partners = sorted({str(x) for x in other[conflict.index]})
            why = (
                f"{len(conflict)} conflict events of {name} with states other than "
                f"{', '.join(sorted(exceptions)) or 'none'} ({', '.join(partners)}) from {start} to {day}"
            )
        else:
            why = f"{len(df)} coded events of {name} from {start} to {day}, no conflict outside the exception"
        return v, why, _evidence(conflict if len(conflict) else df)
    friendly = bool(c.details.get("friendly", True))
    verdicts, reasons, evidence = [], [], []
    for partner in c.partners:
        df = _events(ctx, c.subject, partner, c)
        coop = int((df["quad_class"] <= 2).sum()) if len(df) else 0
        conf = int((df["quad_class"] >= 3).sum()) if len(df) else 0
        verdicts.append(rules.relations_rule(coop, conf, friendly=friendly))
        pname = ctx.name(partner)
        if coop or conf:
            reasons.append(
                f"{name}-{pname}: {coop} cooperation and {conf} conflict events from {start} to {day}"
            )
        else:
            reasons.append(
                f"{name}-{pname}: no coded news events from {start} to {day} in this store"
            )
        evidence += _evidence(df)
    return rules.combine(verdicts), "; ".join(reasons), evidence
