"""Alignment claims ("independent, balanced, multi-vector foreign policy") against the measures.

"Balanced", "multi-vector", "multidimensional", "independent", "neutral" and "non-aligned" are
all read as one measurable thing: the state does not vote with one pole against another at the
UN. The figure is the balance index of :mod:`nonaligned.measures.alignment` (poles USA, EU,
Russia, China; 1 = equidistant) over the three calendar years up to the date the claim refers to,
with its 95 % bootstrap interval, set against the same index of its peers (verdict.balance_rule).

Peers: given by the caller, else the five states sharing the most curated blocs with it as a
member on the date (Jaccard similarity of the two sets of blocs; the poles' own states left out;
ties by ISO3 code) - a rule over the records, not a hand-picked list.
"""

from __future__ import annotations

import math
import statistics
import warnings
from datetime import date
from typing import Any

from ..errors import NonalignedError
from ..measures.alignment import measure, period_votes
from . import verdict as rules
from .context import Context
from .finder import Candidate
from .model import NOT_CHECKABLE, Evidence

SOURCE = "nonaligned measures over UN General Assembly votes (balance index, README 'The measures')"
YEARS = 3
REPLICATES = 200
PEER_COUNT = 5
POLE_STATES = {"USA", "RUS", "CHN"}


def default_peers(ctx: Context, iso3: str, day: date) -> list[str]:
    key = ("peers", iso3, day)
    if key in ctx.cache:
        peers: list[str] = ctx.cache[key]
        return peers
    df = ctx.records.store.query(
        """SELECT iso3, list(DISTINCT bloc) AS blocs FROM bloc_memberships
           WHERE status = 'member' AND start <= ? AND ("end" IS NULL OR "end" > ?)
             AND bloc <> 'UN' GROUP BY iso3""",
        [day, day],
    )
    sets = {str(r["iso3"]): set(r["blocs"]) for _, r in df.iterrows()}
    mine = sets.get(iso3, set())
    scored = []
    for other, blocs in sets.items():
        if other == iso3 or other in POLE_STATES or not mine:
            continue
        inter = len(mine & blocs)
        if inter:
            scored.append((-inter / len(mine | blocs), other))
    peers = [o for _, o in sorted(scored)[:PEER_COUNT]]
    ctx.cache[key] = peers
    return peers


def _measure(ctx: Context, iso3: str, since: date, until: date, replicates: int) -> Any:
    key = ("period", since, until)
    if key not in ctx.cache:
        ctx.cache[key] = period_votes(ctx.records, since, until)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # empty bootstrap slices of thin poles
        return measure(
            ctx.records,
            iso3,
            since=since,
            until=until,
            replicates=replicates,
            shifts=False,
            votes=ctx.cache[key],
        )


def check(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    if not c.subject:
        who = f"'{c.unknown_subject}'" if c.unknown_subject else "the state the sentence is about"
        return NOT_CHECKABLE, f"{who} is not a state the records know", []
    day = c.refers_to or ctx.on
    since = date(day.year - YEARS + 1, 1, 1)
    name = ctx.name(c.subject)
    period = f"{since.year}-{day.isoformat()}"
    try:
        mine = _measure(ctx, c.subject, since, day, REPLICATES)
    except NonalignedError as err:
        return NOT_CHECKABLE, f"no balance index for {name} over {period}: {err}", []
    bal = mine.balance
    if not bal or math.isnan(float(bal.get("value", math.nan))):
        return NOT_CHECKABLE, f"no balance index for {name} over {period}", []
    lean = mine.lean.set_index("pole")["s"].to_dict()
    evidence = [_evidence(c.subject, mine, period, lean)]
    peers = ctx.peers if ctx.peers is not None else default_peers(ctx, c.subject, day)
    peer_values: list[tuple[str, float]] = []
    for p in peers:
        try:
            al = _measure(ctx, p, since, day, 20)
        except NonalignedError:
            continue
        value = al.balance.get("value")
        if value is not None and not math.isnan(value):
            peer_values.append((p, float(value)))
            evidence.append(_evidence(p, al, period, al.lean.set_index("pole")["s"].to_dict()))
    figure = f"balance {bal['value']:.2f} [{bal['lo']:.2f}, {bal['hi']:.2f}] over {period}"
    closest = max((k for k in lean if k in mine.balance_poles), key=lambda k: lean[k], default=None)
    if closest:
        figure += f", closest to {closest} (S {lean[closest]:.2f})"
    if not peer_values:
        return (
            NOT_CHECKABLE,
            f"{name}: {figure}; no peers with votes in the period to compare",
            evidence,
        )
    med = statistics.median(v for _, v in peer_values)
    v = rules.balance_rule(bal["lo"], bal["hi"], med)
    word = {"supported": "more balanced than", "contradicted": "less balanced than"}.get(
        v, "as balanced as"
    )
    peers_txt = ", ".join(f"{p} {x:.2f}" for p, x in peer_values)
    why = f"{name}: {figure}; {word} its peers (median {med:.2f}: {peers_txt})"
    return v, why, evidence


def _evidence(iso3: str, al: Any, period: str, lean: dict[str, float]) -> Evidence:
    bal = al.balance
    row: dict[str, Any] = {
        "iso3": iso3,
        "period": period,
        "balance": round(float(bal["value"]), 3),
        "balance_lo": round(float(bal.get("lo", float("nan"))), 3),
        "balance_hi": round(float(bal.get("hi", float("nan"))), 3),
        "balance_poles": " ".join(al.balance_poles),
    }
    row.update({f"s_{k}": round(float(v), 3) for k, v in lean.items()})
    return Evidence("measure", SOURCE, f"{iso3} balance {row['balance']} over {period}", row)
