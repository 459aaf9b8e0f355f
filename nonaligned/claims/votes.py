"""Vote claims ("refused to recognise the annexation of Crimea") against the state's UN votes.

Each subject the checker knows is a fixed set of roll calls, picked by their titles (the UN's
titles from 2020, the upstream descriptions and short titles before) and the vote a state that
holds the claimed position casts on them. Every roll call on the subject up to the date the claim
refers to counts, and each is shown with the state's vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from . import verdict as rules
from .context import Context
from .finder import Candidate
from .model import NOT_CHECKABLE, Evidence

SOURCE = "UN General Assembly roll calls (votes.SOURCE.md)"


@dataclass(frozen=True)
class Topic:
    label: str
    titles: re.Pattern[str]  # searched in the symbol, title and short title
    note: str


TOPICS: dict[str, Topic] = {
    "ukraine": Topic(
        "Ukraine's territorial integrity (Crimea, the 2022 invasion)",
        re.compile(
            r"territorial integrity of ukraine|crimea|aggression against ukraine"
            r"|occupied territories of ukraine|lasting peace in ukraine",
            re.I,
        ),
        "A/RES/68/262 (2014), the resolutions on Crimea, and the ES-11 resolutions on the "
        "aggression against Ukraine, its territorial integrity and a just peace; a yes upholds "
        "Ukraine's territorial integrity",
    ),
    "palestine": Topic(
        "Palestine",
        re.compile(r"palestin", re.I),
        "roll calls whose title names Palestine or the Palestinian people; a yes supports it",
    ),
    "cuba_embargo": Topic(
        "the US embargo against Cuba",
        re.compile(r"embargo[^;]*cuba|cuba[^;]*embargo", re.I),
        "the annual resolution on ending the US embargo against Cuba; a yes opposes the embargo",
    ),
}
# the vote a state holding the claimed position casts: 1 yes, 2 abstain, 3 no, 8 non-voting
EXPECTED = {"for": 1, "against": 3, "abstain": 2, "absent": 8}


def topic_votes(ctx: Context, state: str, topic: Topic, until: date) -> pd.DataFrame:
    key = ("votes", state)
    if key not in ctx.cache:
        ctx.cache[key] = ctx.records.votes(state)
    df: pd.DataFrame = ctx.cache[key]
    text = df["unres"].fillna("") + " " + df["title"].fillna("") + " " + df["short"].fillna("")
    return df[text.str.contains(topic.titles) & (df["date"] <= pd.Timestamp(until))]


def _day(value: object) -> date:
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def check(c: Candidate, ctx: Context) -> tuple[str, str, list[Evidence]]:
    if not c.subject:
        who = f"'{c.unknown_subject}'" if c.unknown_subject else "the state the sentence is about"
        return NOT_CHECKABLE, f"{who} is not a state the records know", []
    day = c.refers_to or ctx.on
    name = ctx.name(c.subject)
    if "symbol" in c.details:
        return _by_symbol(c, ctx, str(c.details["symbol"]), int(c.details["expected"]), day, name)
    topic = TOPICS.get(str(c.details.get("topic")))
    stance = str(c.details.get("stance") or c.details.get("how") or "")
    if topic is None:
        known = ", ".join(t.label for t in TOPICS.values())
        return (
            NOT_CHECKABLE,
            f"the sentence does not say which resolution {name} voted on in a way the checker "
            f"can match (it knows {known}, and resolutions named by their symbol)",
            [],
        )
    if stance not in EXPECTED:
        return (
            NOT_CHECKABLE,
            f"the sentence does not say how {name} voted on {topic.label}",
            [],
        )
    expected = EXPECTED[stance]
    votes = topic_votes(ctx, c.subject, topic, day)
    if votes.empty:
        return (
            NOT_CHECKABLE,
            f"no UN General Assembly roll call on {topic.label} with a vote of {name} before "
            f"{day.isoformat()}",
            [],
        )
    n_exp = int((votes["vote"] == expected).sum())
    if expected in (1, 3):  # a side: the other side contradicts, abstaining or absence neither
        n_opp = int((votes["vote"] == (4 - expected)).sum())
    else:  # "abstained" / "did not vote": any cast yes or no contradicts it
        n_opp = int(votes["vote"].isin([1, 3]).sum())
    n_neither = len(votes) - n_exp - n_opp
    v = rules.vote_rule(n_exp, n_opp, n_neither)
    evidence = _evidence(votes, c.subject)
    unrecorded = _unrecorded(ctx, topic, day, votes)
    evidence += [
        Evidence(
            "vote",
            SOURCE,
            f"{_symbol(r)} ({_day(r['date'])}): no vote of {c.subject} recorded",
            {
                "rcid": r["rcid"],
                "date": r["date"],
                "unres": r["unres"] if pd.notna(r["unres"]) else None,
                "title": r["label"],
                "emergency_session": r["emergency_session"],
                "iso3": c.subject,
                "vote": "not recorded",
                "dataset": r["source"],
            },
        )
        for _, r in unrecorded.iterrows()
    ]
    want = {1: "yes", 2: "abstain", 3: "no", 8: "non-voting"}[expected]
    parts = [f"{k} {lbl}" for lbl, k in votes["vote_label"].value_counts().items()]
    why = (
        f"on {len(votes)} roll calls on {topic.label} to {day.isoformat()}, {name} voted "
        + ", ".join(parts)
        + f" (the claim implies {want})"
    )
    firsts = votes[votes["vote"] == expected].head(1)
    if len(firsts):
        why += f"; first {want}: {_symbol(firsts.iloc[0])} ({_day(firsts.iloc[0]['date'])})"
    if len(unrecorded):
        why += (
            f"; {len(unrecorded)} more roll calls without a recorded vote of {name} (the source "
            "keeps no absences there), not counted"
        )
    return v, why, evidence


def _symbol(r: pd.Series) -> str:
    """A roll call's symbol, else its title (the UN's 2020+ roll calls often carry no symbol)."""
    if pd.notna(r.get("unres")) and r.get("unres"):
        return str(r["unres"])
    title = r.get("title") if pd.notna(r.get("title")) else r.get("short")
    return f"'{str(title)[:70]}'"


def _unrecorded(ctx: Context, topic: Topic, until: date, votes: pd.DataFrame) -> pd.DataFrame:
    """Roll calls on the subject up to the date where the state has no row at all."""
    key = ("rollcalls",)
    if key not in ctx.cache:
        table = ctx.records.rollcalls()
        table["label"] = table["descr"].fillna(table["title"]).fillna(table["short"])
        ctx.cache[key] = table
    rc: pd.DataFrame = ctx.cache[key]
    text = rc["unres"].fillna("") + " " + rc["label"].fillna("") + " " + rc["short"].fillna("")
    picked = rc[text.str.contains(topic.titles) & (rc["date"] <= pd.Timestamp(until))]
    return picked[~picked["rcid"].isin(votes["rcid"])]


def _by_symbol(
    c: Candidate, ctx: Context, symbol: str, expected: int, day: date, name: str
) -> tuple[str, str, list[Evidence]]:
    """ "Voted for resolution 68/262": the state's vote on the roll call with that symbol.
    The state's vote equals the claimed one: supported; any other vote: contradicted."""
    assert c.subject is not None
    key = ("votes", c.subject)
    if key not in ctx.cache:
        ctx.cache[key] = ctx.records.votes(c.subject)
    df: pd.DataFrame = ctx.cache[key]
    hit = df[df["unres"].fillna("").str.upper().str.endswith("/" + symbol)]
    label = {1: "yes", 2: "abstain", 3: "no"}[expected]
    if hit.empty:
        return (
            NOT_CHECKABLE,
            f"no roll call with symbol {symbol} and a vote of {name} in the records",
            [],
        )
    cast = hit.iloc[-1]
    v = rules.symbol_rule(int(cast["vote"]), expected)
    why = f"{name} voted {cast['vote_label']} on {cast['unres']} ({_day(cast['date'])}), claimed {label}"
    return v, why, _evidence(hit, c.subject)


def _evidence(votes: pd.DataFrame, iso3: str) -> list[Evidence]:
    return [
        Evidence(
            "vote",
            SOURCE,
            f"{_symbol(r)} ({_day(r['date'])}): {r['vote_label']}",
            {
                "rcid": r["rcid"],
                "date": r["date"],
                "unres": r["unres"],
                "title": r["title"] if pd.notna(r["title"]) else r["short"],
                "emergency_session": r["emergency_session"],
                "iso3": iso3,
                "vote": r["vote_label"],
                "dataset": r["source"],
            },
        )
        for _, r in votes.iterrows()
    ]
