"""Lean and balance from news events, beside the vote-based ones.

For a state and a period, every asserted event between the state and a pole — the pole's state,
or for a bloc pole the bloc itself (e.g. NAM as an actor) and its member states on the event's
date — in either direction counts. Per pole: the number of events, the share that is
cooperation (PLOVER/CAMEO quad classes 1-2), the mean Goldstein intensity, and a bootstrap
interval over events. The event balance index mirrors the vote one: closeness c_k = the
cooperation share with pole k, balance = 1 - (max c - min c) over the poles with at least
``min_events`` events; poles with fewer are reported but left out, because a share of two events
says nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..records.api import Records
from ..records.countries import State
from .poles import DEFAULT_BALANCE, Pole, member_spans, resolve_poles


def pole_codes(rec: Records, pole: Pole, day_from: date | None, day_to: date | None) -> set[str]:
    """ISO3/IGO codes that stand for the pole in event data over the period."""
    if not pole.is_bloc:
        return {pole.code}
    spans = member_spans(rec, str(pole.bloc))
    lo = pd.Timestamp(day_from or date(1900, 1, 1))
    hi = pd.Timestamp(day_to or date(2100, 1, 1))
    active = spans[(pd.to_datetime(spans["start"]) <= hi) & (pd.to_datetime(spans["end"]) > lo)]
    iso = set(
        rec.store.query(
            "SELECT DISTINCT iso3 FROM state_codes WHERE list_contains(?, cow)",
            [active["cow"].astype(int).tolist()],
        )["iso3"]
    )
    return iso | {str(pole.bloc)}


def event_lean(
    rec: Records,
    state: State,
    *,
    since: date | None = None,
    until: date | None = None,
    poles: list[str] | None = None,
    balance_poles: list[str] | None = None,
    min_events: int = 3,
    replicates: int = 500,
    seed: int = 0,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Per-pole event counts, cooperation share (with interval) and mean Goldstein; balance."""
    if not rec.store.has_table("events"):
        return pd.DataFrame(), {"value": float("nan")}
    plist = [p for p in resolve_poles(rec, poles) if p.cow != state.cow]
    clauses = ["status = 'asserted'", "(actor = ? OR recipient = ?)"]
    params: list[Any] = [state.iso3, state.iso3]
    if since:
        clauses.append("date >= ?")
        params.append(since)
    if until:
        clauses.append("date <= ?")
        params.append(until)
    ev = rec.store.query(
        f"SELECT actor, recipient, quad_class, goldstein FROM events WHERE {' AND '.join(clauses)}",
        params,
    )
    rng = np.random.default_rng(seed)
    rows, draws = [], {}
    for p in plist:
        codes = pole_codes(rec, p, since, until) - {state.iso3}
        other = np.where(ev["actor"] == state.iso3, ev["recipient"], ev["actor"])
        sel = ev[pd.Series(other, index=ev.index).isin(codes)]
        n = len(sel)
        coop = sel["quad_class"].isin([1, 2]).to_numpy(dtype=float)
        share = float(coop.mean()) if n else float("nan")
        if n:
            boot = rng.choice(coop, size=(replicates, n), replace=True).mean(axis=1)
            lo, hi = float(np.quantile(boot, 0.025)), float(np.quantile(boot, 0.975))
            draws[p.code] = boot
        else:
            lo = hi = float("nan")
        rows.append(
            {
                "pole": p.code,
                "events": n,
                "cooperation_share": share,
                "share_lo": lo,
                "share_hi": hi,
                "mean_goldstein": float(sel["goldstein"].mean()) if n else float("nan"),
                "verbal_conflict": int((sel["quad_class"] == 3).sum()),
                "material_conflict": int((sel["quad_class"] == 4).sum()),
            }
        )
    table = pd.DataFrame(rows)
    usable = [
        c
        for c in (balance_poles or DEFAULT_BALANCE)
        if c in draws
        and len(table)
        and int(table.loc[table["pole"] == c, "events"].iloc[0]) >= min_events
    ]
    balance: dict[str, float] = {
        "value": float("nan"),
        "lo": float("nan"),
        "hi": float("nan"),
        "poles": float(len(usable)),
    }
    if len(usable) >= 2:
        point = table.set_index("pole").loc[usable, "cooperation_share"].to_numpy()
        stack = np.stack([draws[c] for c in usable], -1)
        b = 1 - (stack.max(-1) - stack.min(-1))
        balance = {
            "value": float(1 - (point.max() - point.min())),
            "lo": float(np.quantile(b, 0.025)),
            "hi": float(np.quantile(b, 0.975)),
            "poles": float(len(usable)),
        }
    return table, balance
