"""The poles of world politics a state can lean toward, and how each pole votes.

A pole is either one state (the United States; Russia, which is COW 365 and so the USSR before
1992; China; Turkey) or a bloc, whose position on a roll call is the median vote of the states
that were its members on that day (the EU; the Non-Aligned Movement). The state being measured is
left out of a bloc's median, so that a NAM member is not compared with itself.

A bloc's median of ordinal votes can fall between two categories (half the members yes, half
abstain); it is then rounded toward "abstain", i.e. read as a divided bloc, a documented choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import NonalignedError, UnknownCountry
from ..records.api import Records
from ..records.countries import State

DEFAULT_POLES = ("USA", "RUS", "CHN", "TUR", "EU", "NAM")
# The poles whose pull a "balanced" policy is usually said to offset: the West and the
# Eurasian great powers. Turkey and the NAM are shown as leans, not counted in the balance.
DEFAULT_BALANCE = ("USA", "EU", "RUS", "CHN")
LABELS = {
    "USA": "United States",
    "RUS": "Russia (USSR before 1992)",
    "CHN": "China",
    "TUR": "Turkey",
    "EU": "European Union (members' median)",
    "NAM": "Non-Aligned Movement (members' median)",
}


@dataclass(frozen=True)
class Pole:
    code: str
    label: str
    cow: int | None = None  # a state pole
    bloc: str | None = None  # a bloc pole

    @property
    def is_bloc(self) -> bool:
        return self.bloc is not None


def resolve_poles(rec: Records, names: list[str] | tuple[str, ...] | None = None) -> list[Pole]:
    """Poles from user names: a bloc code (EU, NAM, NATO, CSTO, ...) or any country."""
    blocs = set(rec.blocs()["bloc"])
    out: list[Pole] = []
    for raw in names or DEFAULT_POLES:
        name = raw.strip()
        if name.upper() in blocs:
            code = name.upper()
            out.append(Pole(code, LABELS.get(code, f"{code} (members' median)"), bloc=code))
            continue
        try:
            st = rec.country(name)
        except UnknownCountry as exc:
            raise NonalignedError(
                f"unknown pole {name!r}: not a bloc code ({', '.join(sorted(blocs))}) and {exc}"
            ) from exc
        out.append(Pole(st.iso3, LABELS.get(st.iso3, st.name), cow=st.cow))
    codes = [p.code for p in out]
    if len(set(codes)) != len(codes):
        raise NonalignedError(f"a pole is named twice: {', '.join(codes)}")
    return out


def validate_poles(
    rec: Records,
    state: State,
    poles: list[str] | tuple[str, ...] | None = None,
    balance_poles: list[str] | tuple[str, ...] | None = None,
    *,
    strict: bool = True,
) -> tuple[list[Pole], list[str]]:
    """The poles measured for ``state`` and the codes of those counted in its balance index,
    or a :class:`NonalignedError` naming what is wrong with the names given.

    The rules: every name resolves (a bloc code or any name of a state); the state measured is
    never its own pole: it is dropped from the poles and the balance, and with ``strict`` (the
    state a user asked about, as opposed to peers compared on the same poles) naming it is an
    error. Every balance pole must be one of the poles measured, and a balance named
    explicitly needs two of them. The default balance (USA EU RUS CHN) keeps those among the
    poles measured; with fewer than two the balance is left out, which the measures note.
    """
    plist = resolve_poles(rec, list(poles) if poles else None)
    own = [p.code for p in plist if p.cow is not None and p.cow == state.cow]
    if own and poles and strict:
        raise NonalignedError(
            f"pole {own[0]!r}: {state.name} is the state measured and cannot be one of its own "
            "poles; choose other poles"
        )
    plist = [p for p in plist if p.code not in own]
    if not plist:
        raise NonalignedError(f"no pole left to measure {state.name} against; choose other poles")
    codes = [p.code for p in plist]
    if not balance_poles:
        return plist, [c for c in DEFAULT_BALANCE if c in codes]
    try:
        wanted = [p.code for p in resolve_poles(rec, list(balance_poles))]
    except NonalignedError as exc:
        raise NonalignedError(f"balance pole: {exc}") from exc
    mine = [c for c in wanted if c == state.iso3]
    if mine and strict:
        raise NonalignedError(
            f"balance pole {mine[0]!r}: {state.name} is the state measured and cannot be one of its "
            "own poles; choose other poles"
        )
    outside = [c for c in wanted if c not in codes and c not in mine]
    if outside:
        raise NonalignedError(
            f"balance pole {', '.join(map(repr, outside))}: not among the poles measured "
            f"({', '.join(codes)}); the balance index is taken over poles measured, so add it to "
            "the poles or choose among them"
        )
    wanted = [c for c in wanted if c not in mine]
    if len(wanted) < 2 and strict:
        raise NonalignedError(
            f"balance poles {', '.join(map(repr, wanted)) or 'none'}: the balance index compares at least "
            "two poles"
        )
    return plist, wanted


def member_spans(rec: Records, bloc: str) -> pd.DataFrame:
    """cow, start, end (exclusive) of full membership of a bloc, by COW code."""
    return rec.store.query(
        """SELECT c.cow,
                  greatest(m.start, c.valid_from) AS start,
                  least(coalesce(m."end", DATE '9999-12-31'),
                        CAST(c.valid_to + INTERVAL 1 DAY AS DATE)) AS "end"
           FROM bloc_memberships m
           JOIN state_codes c ON c.iso3 = m.iso3
            AND c.valid_from < coalesce(m."end", DATE '9999-12-31') AND c.valid_to >= m.start
           WHERE m.bloc = ? AND m.status = 'member' AND m.start IS NOT NULL""",
        [bloc],
    )


def _median_vote(values: pd.Series) -> float:
    m = float(np.median(values))
    return 2.0 if m % 1 else m  # a split between two categories reads as a divided bloc


def pole_votes(
    rec: Records, pole: Pole, votes: pd.DataFrame, *, exclude: int | None = None
) -> pd.Series:
    """The pole's yes(1)/abstain(2)/no(3) on each roll call of ``votes`` (rcid, cow, vote, date).

    Roll calls on which the pole cast no such vote are absent from the result.
    """
    cast = votes[votes["vote"].isin([1, 2, 3])]
    if not pole.is_bloc:
        own = cast[cast["cow"] == pole.cow]
        return own.set_index("rcid")["vote"].astype(float)
    spans = member_spans(rec, str(pole.bloc))
    if exclude is not None:
        spans = spans[spans["cow"] != exclude]
    m = cast.merge(spans, on="cow")
    day = pd.to_datetime(m["date"])
    m = m[(day >= pd.to_datetime(m["start"])) & (day < pd.to_datetime(m["end"]))]
    if m.empty:
        return pd.Series(dtype=float)
    return m.groupby("rcid")["vote"].agg(_median_vote).astype(float)


def pole_positions(
    rec: Records, pole: Pole, idealpoints: pd.DataFrame, *, exclude: int | None = None
) -> pd.Series:
    """The pole's ideal point per year: the state's own, or its members' median (mid-year)."""
    if not pole.is_bloc:
        own = idealpoints[idealpoints["cow"] == pole.cow]
        return own.set_index("year")["idealpoint"]
    spans = member_spans(rec, str(pole.bloc))
    if exclude is not None:
        spans = spans[spans["cow"] != exclude]
    m = idealpoints.merge(spans, on="cow")
    mid = pd.to_datetime(m["year"].astype(str) + "-07-01")
    m = m[(mid >= pd.to_datetime(m["start"])) & (mid < pd.to_datetime(m["end"]))]
    return m.groupby("year")["idealpoint"].median()
