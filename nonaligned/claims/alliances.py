"""Alliance claims against ATOP 5.1 (to 2018) and the project's treaty table (after 2018).

"Never concluded agreements directed against third countries" is answered with the obligations
in force on the date and the military blocs the state was in; the tool does not decide what an
agreement is *directed against* (verdict.no_alliance_rule). "Signed an alliance with X" is
answered with the rows between the two states.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from ..records.api import ATOP_LAST_YEAR
from . import verdict as rules
from .context import Context, rows_where
from .finder import Candidate
from .membership import SOURCE as BLOC_SOURCE
from .model import NOT_CHECKABLE, Evidence

BINDING = ("defense", "offense")
MILITARY_BLOCS = ("NATO", "CSTO", "CST")
MAX_LISTED = 6


def _day(value: Any) -> date | None:
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date()


def _in_force(row: pd.Series, day: date) -> bool:
    """A row binds on ``day``: an ATOP spell covering its year; a treaty signed by then (its
    entry into force when no signing date), not ended or terminated before it."""
    if row["source"] == "ATOP 5.1":
        return bool(row["first_year"] <= day.year <= row["last_year"])
    signed = _day(row["signed_date"]) or _day(row["in_force_date"])
    if signed is None:
        signed = date(int(row["first_year"]), 1, 1) if pd.notna(row["first_year"]) else None
    if signed is None or signed > day or row["status"] in ("initialled", "terminated"):
        return False
    return pd.isna(row["last_year"]) or day.year <= int(row["last_year"])


def _evidence(row: pd.Series, subject: str) -> Evidence:
    signed = _day(row["signed_date"])
    years = (
        f"{row['first_year']}-{row['last_year']}"
        if row["source"] == "ATOP 5.1"
        else f"signed {signed}"
        if signed
        else f"from {row['first_year']}"
    )
    summary = f"{subject}-{row['partner']}: {row['obligations']} ({years}); {row['treaty']}"
    cols = [
        "source", "partner", "partner_name", "obligations", "first_year", "last_year", "treaty",
        "signed_date", "in_force_date", "status", "attribution", "note",
    ]  # fmt: skip
    return Evidence("record", str(row["source"]), summary, {c: row[c] for c in cols})


def check(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    if not c.subject:
        who = f"'{c.unknown_subject}'" if c.unknown_subject else "the state the sentence is about"
        return NOT_CHECKABLE, f"{who} is not a state the records know", []
    if c.details.get("negated"):
        return _no_alliance(c, ctx)
    return _alliance_with(c, ctx)


def _started(row: pd.Series, day: date) -> bool:
    """A row concluded by ``day``: an ATOP spell begun by its year, a treaty signed by then."""
    if row["source"] == "ATOP 5.1":
        return bool(row["first_year"] <= day.year)
    signed = _day(row["signed_date"]) or _day(row["in_force_date"])
    if signed is None and pd.notna(row["first_year"]):
        signed = date(int(row["first_year"]), 1, 1)
    return signed is not None and signed <= day and row["status"] != "initialled"


def _label(row: pd.Series) -> str:
    if row["source"] == "ATOP 5.1":
        return (
            f"ATOP {row['obligations']} with {row['partner_name']} "
            f"{row['first_year']}-{row['last_year']}"
        )
    signed = _day(row["signed_date"])
    return f"{row['treaty']} with {row['partner_name']} ({row['obligations']}, signed {signed})"


def _no_alliance(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    """ "Never concluded" reads every obligation concluded by the date; "does not" / "will not"
    the obligations in force on it. After ATOP's last year, ATOP spells that ran to that year are
    shown as the last known state (later years are unknown, not absent)."""
    assert c.subject is not None
    day = c.refers_to or ctx.on
    name = ctx.name(c.subject)
    ever = bool(c.details.get("ever"))
    rec = ctx.records.alliance_record(c.subject)
    if len(rec):
        if ever:
            keep = [_started(r, day) for _, r in rec.iterrows()]
        else:
            keep = [
                _in_force(r, day)
                or (
                    r["source"] == "ATOP 5.1"
                    and day.year > ATOP_LAST_YEAR
                    and r["last_year"] == ATOP_LAST_YEAR
                )
                for _, r in rec.iterrows()
            ]
        live = rows_where(rec, keep)
    else:
        live = rec
    binding = live[live["obligations"].fillna("").str.contains("|".join(BINDING))]
    treaty_rows = live[(live["source"] != "ATOP 5.1") & ~live.index.isin(binding.index)]
    soft = live[~live.index.isin(binding.index) & ~live.index.isin(treaty_rows.index)]
    spells = ctx.records.memberships(c.subject)
    spells = spells[spells["bloc"].isin(MILITARY_BLOCS) & (spells["status"] == "member")]
    military = rows_where(
        spells,
        [
            (_day(r["start"]) or day) <= day
            and (ever or _day(r["end"]) is None or day < (_day(r["end"]) or day))
            for _, r in spells.iterrows()
        ],
    )
    # the project's treaties first (the agreements after ATOP), then ATOP's, newest first
    binding = binding.assign(_t=binding["source"] == "ATOP 5.1").sort_values(
        ["_t", "first_year"], ascending=[True, False], kind="stable"
    )
    evidence = [_evidence(r, c.subject) for _, r in binding.iterrows()]
    evidence += [_evidence(r, c.subject) for _, r in treaty_rows.iterrows()]
    evidence += [
        Evidence(
            "record",
            BLOC_SOURCE,
            f"{c.subject} member of {r['bloc']} from {_day(r['start'])}"
            + (f" to {_day(r['end'])}" if _day(r["end"]) else ""),
            {"bloc": r["bloc"], "status": r["status"], "start": r["start"], "end": r["end"],
             "source": r["source"]},
        )
        for _, r in military.iterrows()
    ]  # fmt: skip
    n_binding = len(binding) + len(military)
    v = rules.no_alliance_rule(n_binding, len(soft) + len(treaty_rows))
    on = day.isoformat()
    when = f"by {on}" if ever else f"in force on {on}"
    if n_binding:
        labels = [_label(r) for _, r in binding.iterrows()]
        labels += [f"member of {b}" for b in military["bloc"]]
        shown = "; ".join(labels[:MAX_LISTED])
        more = f"; and {len(labels) - MAX_LISTED} more" if len(labels) > MAX_LISTED else ""
        why = f"defence obligations of {name} {when}: {shown}{more}"
    else:
        why = f"no defence obligation or military bloc of {name} recorded {when}"
    if len(treaty_rows):
        why += "; also " + "; ".join(_label(r) for _, r in treaty_rows.iterrows())
    if len(soft):
        why += f"; {len(soft)} non-aggression/consultation obligations (ATOP)"
    if day.year > ATOP_LAST_YEAR:
        why += f"; ATOP ends in {ATOP_LAST_YEAR}, after it only the project's treaty table"
    why += "; whether any is directed against third countries is for the reader"
    return v, why, evidence


def _alliance_with(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    assert c.subject is not None
    day = c.refers_to or ctx.on
    if c.details.get("intent"):
        day = day + timedelta(days=365)  # "to be signed": signed within a year after the article
    name = ctx.name(c.subject)
    verdicts: list[str] = []
    reasons: list[str] = []
    evidence: list[Evidence] = []
    for partner in c.partners:
        rec = ctx.records.alliance_record(c.subject, partner)
        if len(rec):
            started = rec.apply(
                lambda r: (
                    r["first_year"] <= day.year
                    if r["source"] == "ATOP 5.1"
                    else (_day(r["signed_date"]) or date(int(r["first_year"]), 1, 1)) <= day
                ),
                axis=1,
            )
            rec = rec[started.astype(bool)]
            rec = rec[
                (rec["source"] != "ATOP 5.1")
                | rec["obligations"].fillna("").str.contains("defense|offense|neutral|consul")
            ]
        covered = day.year <= ATOP_LAST_YEAR
        v = rules.alliance_rule(len(rec), covered)
        verdicts.append(v)
        pname = ctx.name(partner)
        if len(rec):
            reasons.append(f"{name}: {_label(rec.iloc[-1])}")
            evidence += [_evidence(r, c.subject) for _, r in rec.iterrows()]
        elif covered:
            reasons.append(f"ATOP records no alliance obligation between {name} and {pname}")
        else:
            reasons.append(
                f"no agreement between {name} and {pname} in the project's treaty table "
                f"(selected treaties after {ATOP_LAST_YEAR} only)"
            )
    return rules.combine(verdicts), "; ".join(reasons), evidence
