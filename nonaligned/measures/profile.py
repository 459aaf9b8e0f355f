"""A state's profile from the public records: who it is, what it belongs to, how it votes.

The profile answers the first questions an analyst asks of a claim like "Azerbaijan pursues a
balanced, multi-vector policy": which poles' blocs it belongs to on a date (and which it left, and
when), which chairs it held, how it votes in the General Assembly, and which alliance obligations
bind it, with the treaty behind each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from ..dates import parse_date
from ..output import _plain
from ..output import records as to_records
from ..records.api import _HELD_BY, Records
from ..records.countries import State
from .alignment import Alignment
from .readings import (
    Reading,
    balance_reading,
    event_reading,
    pole_name,
    similarity_reading,
    split_vote_reading,
)
from .split_votes import DEFAULT_POLES, SplitVotes, split_votes


@dataclass
class Profile:
    state: State
    on: date
    blocs: pd.DataFrame
    chairs: pd.DataFrame
    votes_by_year: pd.DataFrame
    alliances: pd.DataFrame
    idealpoints: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    alignment: Alignment | None = None
    peers: pd.DataFrame = field(default_factory=pd.DataFrame)
    event_lean: pd.DataFrame = field(default_factory=pd.DataFrame)
    event_balance: dict[str, float] = field(default_factory=dict)
    split: SplitVotes | None = None  # the split-vote measure (the headline)
    first_vote: date | None = None  # the state's first and last recorded vote in the period
    last_vote: date | None = None
    # plain readings: "split_votes", "balance", "lean:<POLE>", "events:<POLE>"
    readings: dict[str, Reading] = field(default_factory=dict)

    def period_text(self) -> str:
        """The period measured, in real dates (the state's first and last vote in it)."""
        al = self.alignment
        first = (al.since if al and al.since else None) or self.first_vote
        last = (al.until if al and al.until else None) or self.last_vote
        if first is None and last is None:
            return "no recorded vote"
        a = first.isoformat() if first else "?"
        b = last.isoformat() if last else "?"
        if self.last_vote and last and self.last_vote < last:
            b = f"{b} (last vote {self.last_vote.isoformat()})"
        return f"{a} – {b}"

    def to_dict(self) -> dict[str, Any]:
        s = self.state
        out: dict[str, Any] = {
            "state": {
                "name": s.name,
                "iso3": s.iso3,
                "iso2": s.iso2,
                "cow": s.cow,
                "cow_abb": s.cow_abb,
                "gw": s.gw,
            },
            "on": self.on.isoformat(),
            "blocs": to_records(self.blocs),
            "chairs": to_records(self.chairs),
            "votes_by_year": to_records(self.votes_by_year),
            "alliances": to_records(self.alliances),
            "idealpoints_published": to_records(self.idealpoints),
            "notes": self.notes,
        }
        if self.alignment is not None:
            al = self.alignment
            out["period"] = {
                "since": al.since.isoformat() if al.since else None,
                "until": al.until.isoformat() if al.until else None,
            }
            out["lean"] = to_records(al.lean)
            out["balance"] = {
                **{k: _plain(v) for k, v in al.balance.items()},
                "poles": al.balance_poles,
            }
            out["yearly"] = to_records(al.yearly)
            out["shifts"] = to_records(al.shifts)
            out["peers"] = to_records(self.peers)
        out["event_lean"] = to_records(self.event_lean)
        out["event_balance"] = {k: _plain(v) for k, v in self.event_balance.items()}
        out["first_vote"] = self.first_vote.isoformat() if self.first_vote else None
        out["last_vote"] = self.last_vote.isoformat() if self.last_vote else None
        out["split_votes"] = self.split.to_dict() if self.split is not None else None
        out["readings"] = {k: r.to_dict() for k, r in self.readings.items()}
        return out


def _spell_text(row: pd.Series) -> str:
    start, end = row["start"], row["end"]
    s = start.date().isoformat() if isinstance(start, pd.Timestamp) else "?"
    e = end.date().isoformat() if isinstance(end, pd.Timestamp) else "…"
    return f"{row['status']} {s}–{e}"


def bloc_status(rec: Records, state: State, on: date) -> pd.DataFrame:
    """One row per curated bloc: the state's status on ``on`` and its whole history there."""
    blocs = rec.blocs()
    hist = rec.memberships(state)
    day = pd.Timestamp(on)
    rows = []
    for b in blocs.itertuples(index=False):
        mine = hist[hist["bloc"] == b.bloc]
        active = mine[(mine["start"] <= day) & (mine["end"].isna() | (mine["end"] > day))]
        if len(active):
            a = active.iloc[0]
            status, since = str(a["status"]), a["start"]
        else:
            status, since = "no", None
        rows.append(
            {
                "bloc": b.bloc,
                "pole": b.pole,
                "status": status,
                "since": since,
                "history": "; ".join(_spell_text(r) for _, r in mine.iterrows()) or "never",
            }
        )
    return pd.DataFrame(rows)


OBLIGATION_ORDER = ("defense", "offense", "neutral", "consul", "nonagg")


def summarize_alliances(spells: pd.DataFrame, max_partners: int = 8) -> pd.DataFrame:
    """Group spells that share obligations, years and treaty: one row per commitment.

    Why: a state in the OSCE has a non-aggression spell with fifty partners from one document;
    listed dyad by dyad it buries the few obligations that matter (a defence pact with a
    neighbour). Rows with stronger obligations come first.
    """
    if spells.empty:
        return pd.DataFrame(
            columns=["obligations", "years", "partners", "n", "treaty", "attribution"]
        )
    df = spells.copy()
    df["treaty"] = df["treaty"].fillna("unidentified")
    df["attribution"] = df["attribution"].fillna("")
    rows = []
    for (obl, first, last, treaty, attr), g in df.groupby(
        ["obligations", "first_year", "last_year", "treaty", "attribution"], sort=False
    ):
        names = sorted(g["partner"].fillna(g["cow2"].astype(str)))
        shown = ", ".join(names[:max_partners]) + (
            f" +{len(names) - max_partners}" if len(names) > max_partners else ""
        )
        strength = min(
            (OBLIGATION_ORDER.index(o) for o in str(obl).split(",") if o in OBLIGATION_ORDER),
            default=len(OBLIGATION_ORDER),
        )
        rows.append(
            {
                "obligations": str(obl).replace(",", ", "),
                "years": f"{first}–{last}",
                "partners": shown,
                "n": len(names),
                "treaty": treaty,
                "attribution": attr,
                "_strength": strength,
                "_first": first,
            }
        )
    out = pd.DataFrame(rows).sort_values(
        ["_strength", "_first", "n"], ascending=[True, True, False]
    )
    return out.drop(columns=["_strength", "_first"]).reset_index(drop=True)


def build_profile(
    rec: Records,
    country: str | int,
    on: str | date | None = None,
    years: int = 12,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    peers: list[str] | None = None,
    poles: list[str] | None = None,
    balance_poles: list[str] | None = None,
    measures: Any = None,
    replicates: int = 500,
    split_poles: tuple[str, str] | list[str] | None = None,
    with_predecessor: bool = False,
) -> Profile:
    """Assemble the profile of ``country``: records as of ``on`` (default: the end of the period
    or today) and measures over ``since``..``until`` (default: the state's whole UN record).

    ``split_poles``: the two poles of the split-vote measure, the profile's headline (default
    the US and Russia). Every figure shown gets a plain reading (``Profile.readings``).

    ``with_predecessor``: for a state whose vote code also covers a predecessor the UN did not
    treat as the same member (Serbia: Yugoslavia until 1992), include the predecessor's votes;
    by default every figure starts at the state's own first day."""
    from .api import Measures

    u_day = parse_date(until, end=True, what="--until date")
    day = parse_date(on, what="--on date") or u_day or date.today()
    state = rec.country(country, on=day)
    blocs = bloc_status(rec, state, day)
    chairs = rec.store.query(
        f"""SELECT bloc, start, "end", event, source FROM bloc_chairs b
            WHERE {_HELD_BY.format(t="b")} ORDER BY start""",
        [state.cow],
    )
    since = rec.own_since(state, parse_date(since, what="--since date"), with_predecessor)
    votes = rec.vote_counts(state, by="year", with_predecessor=with_predecessor)
    votes = votes[votes["year"] <= day.year].tail(years).reset_index(drop=True)
    allies = summarize_alliances(rec.alliance_spells(state))
    ip = rec.idealpoints_published(state)
    ip = (
        ip[ip["year"] <= day.year]
        .tail(years)[["year", "idealpoint_fp", "q5_fp", "q95_fp", "idealpoint_all", "nvotes_fp"]]
        .reset_index(drop=True)
    )
    last_vote = rec.store.con.execute("SELECT max(date) FROM rollcalls").fetchone()
    notes = [
        "UN votes: yes/abstain/no/absent per calendar year; years without recorded votes are "
        f"missing, not zero. The vote data end on {last_vote[0] if last_vote else '?'}: the last "
        "year is partial.",
        "Alliances: ATOP 5.1 obligations (to 2018); the treaty column names the agreement behind "
        "each, 'inferred' where attributed by the project.",
        "Ideal points: published Bailey-Strezhnev-Voeten estimates (July 2025), a yardstick.",
    ]
    m = measures or Measures(rec)
    al = m.alignment(
        state,
        since=since,
        until=u_day,
        poles=poles,
        balance_poles=balance_poles,
        replicates=replicates,
        strict_poles=True,
        with_predecessor=with_predecessor,
    )
    notes += [
        "Lean: similarity of UN votes with each pole over the roll calls both voted on "
        "(S: Signorino-Ritter, -1..1; kappa: chance-corrected); ip_distance: mean distance of "
        "ideal points (this project's estimates). Brackets: 95% bootstrap over roll calls.",
        "Balance: 1 - (closeness to the closest pole - closeness to the farthest), over "
        f"{', '.join(al.balance_poles)}; 1 = equidistant, 0 = inside one camp.",
        "Shifts: dates where agreement with a pole changes level (binary segmentation, block "
        "permutation test by year, p < 0.01).",
        *al.notes,
    ]
    peer_rows = []
    for name in [state.iso3, *peers] if peers else []:
        other = (
            al
            if name == state.iso3
            else m.alignment(
                name,
                since=since,
                until=u_day,
                poles=poles,
                balance_poles=balance_poles,
                replicates=replicates,
                shifts=False,
            )
        )
        row: dict[str, Any] = {"state": other.state.name, "iso3": other.state.iso3}
        for r in other.lean.itertuples(index=False):
            row[f"s_{r.pole!s}"] = r.s
        row["balance"] = other.balance["value"]
        row["balance_lo"], row["balance_hi"] = other.balance["lo"], other.balance["hi"]
        peer_rows.append(row)
    from .event_lean import event_lean

    ev_table, ev_balance = event_lean(
        rec,
        state,
        since=parse_date(since, what="--since date"),
        until=u_day,
        poles=poles,
        balance_poles=list(al.balance_poles) or balance_poles,  # codes, as validated
    )
    if len(ev_table):
        notes.append(
            "News events: asserted events coded from the ingested news with each pole (either "
            "direction); cooperation share = quad classes 1-2; the event balance uses poles with at "
            "least 3 events."
        )
    # -- the split-vote measure (the headline) and plain readings ----------------------------
    s_day = parse_date(since, what="--since date")
    sv = split_votes_or_none(rec, state, split_poles, s_day, u_day)
    vote_first, vote_last = vote_span(rec, state, s_day, u_day)
    readings = profile_readings(state.name, al, sv, ev_table, ev_balance, vote_first, vote_last)
    if sv is not None:
        notes.insert(
            0,
            "Split votes: only the roll calls on which "
            f"{sv.pole_a.label} and {sv.pole_b.label} voted differently; shares of the state's "
            "votes siding with each, abstaining or absent, 95% Wilson intervals; the Assembly "
            "shares are the average member's on the same roll calls.",
        )
        notes += sv.notes
    else:
        notes.insert(
            0,
            f"Split votes: {state.name} is one of the default poles ({' and '.join(DEFAULT_POLES)}); "
            "choose two other poles (--split-poles A B) for this measure.",
        )
    return Profile(
        state,
        day,
        blocs,
        chairs,
        votes,
        allies,
        ip,
        notes,
        al,
        pd.DataFrame(peer_rows),
        ev_table,
        ev_balance,
        sv,
        vote_first,
        vote_last,
        readings,
    )


def split_votes_or_none(
    rec: Records,
    state: State,
    split_poles: tuple[str, str] | list[str] | None,
    since: date | None,
    until: date | None,
) -> SplitVotes | None:
    """The split-vote measure over ``split_poles`` (default the US and Russia); None when the
    state is one of the default poles (the United States' own profile) and none were chosen."""
    if split_poles:
        pa, pb = tuple(split_poles)
        return split_votes(rec, state, pa, pb, since=since, until=until)
    if state.iso3 in DEFAULT_POLES:
        return None
    return split_votes(rec, state, *DEFAULT_POLES, since=since, until=until)


def vote_span(
    rec: Records, state: State, since: date | None, until: date | None
) -> tuple[date | None, date | None]:
    """The first and last roll call the state is recorded on in the period (real dates for
    the headline, never a placeholder); (None, None) without any."""
    span = rec.store.query(
        """SELECT min(r.date) AS first, max(r.date) AS last FROM votes v JOIN rollcalls r
           USING (rcid) WHERE v.cow = ? AND v.vote IN (1, 2, 3, 8)
           AND (? IS NULL OR r.date >= ?) AND (? IS NULL OR r.date <= ?)""",
        [state.cow, since, since, until, until],
    )
    if not len(span):
        return None, None
    return _as_date(span["first"].iloc[0]), _as_date(span["last"].iloc[0])


def _as_date(v: Any) -> date | None:
    """A date from a query cell (date, Timestamp or ISO string); None when empty."""
    if v is None or pd.isna(v):
        return None
    return pd.Timestamp(v).date()


def profile_readings(
    name: str,
    al: Alignment,
    sv: SplitVotes | None,
    ev_table: pd.DataFrame,
    ev_balance: dict[str, float],
    first_vote: date | None = None,
    last_vote: date | None = None,
) -> dict[str, Reading]:
    """A plain reading for every figure of a profile: the split votes, the balance index, S with
    each pole (``lean:<POLE>``) and the news events with each pole (``events:<POLE>``)."""
    out: dict[str, Reading] = {}
    until_year = al.until.year if al.until else (last_vote.year if last_vote else None)
    if sv is not None:
        if al.since:
            period = f"since {al.since.isoformat()}"
        elif first_vote and last_vote:
            period = f"in {first_vote.year}–{last_vote.year}"
        else:
            period = None
        out["split_votes"] = split_vote_reading(
            sv.overall,
            name,
            pole_name(sv.pole_a.code, sv.pole_a.label, until_year=until_year),
            pole_name(sv.pole_b.code, sv.pole_b.label, until_year=until_year),
            period=period,
            min_split=sv.min_split,
        )
    labels = {p.code: p.label for p in al.poles}
    b = al.balance
    out["balance"] = balance_reading(
        float(b.get("value", float("nan"))),
        name,
        lo=b.get("lo"),
        hi=b.get("hi"),
        poles=[pole_name(c, labels.get(c), until_year=until_year) for c in al.balance_poles],
    )
    for r in al.lean.to_dict(orient="records"):
        code = str(r["pole"])
        n = 0 if pd.isna(r["n"]) else int(r["n"])
        out[f"lean:{code}"] = similarity_reading(
            float(r["s"]), n, name, pole_name(code, str(r["label"]), until_year=until_year)
        )
    if len(ev_table):
        for r in ev_table.to_dict(orient="records"):
            code = str(r["pole"])
            out[f"events:{code}"] = event_reading(
                int(r["events"] or 0),
                float(r["cooperation_share"]),
                name,
                pole_name(code, labels.get(code), until_year=until_year),
            )
    return out
