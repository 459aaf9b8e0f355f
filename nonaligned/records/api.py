"""Query API over the public records in the store, returning DataFrames.

Why a class bound to a store: the CLI, the web layer and the measures all read the same tables,
and each decides how the store is opened (read-only for the web). The module-level functions in
:mod:`nonaligned.records` use a default instance over the default store, built on first use.

Every query is parametrised SQL; user text never becomes SQL. Country arguments go through the
resolver, so "Azerbaijan", "AZE", "AZ", 373 and "Azerbaijani" are the same state, and an unknown
one fails with suggestions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..dates import parse_date
from ..errors import NonalignedError
from ..store import Store
from .countries import State, StateTable, load_states

VOTE_LABELS = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "non-member"}
ISSUES = {
    "me": "Middle East (Palestinian conflict)",
    "nu": "nuclear weapons and material",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}
COW_STATUS = {1: "member", 2: "associate", 3: "observer"}
COW_IGO_LAST_YEAR = 2014
ATOP_LAST_YEAR = 2018
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


# A curated row (alias t) belongs to COW state ? when its ISO3 code meant that state at some
# time during the row's spell.
_HELD_BY = """EXISTS (SELECT 1 FROM state_codes c WHERE c.iso3 = {t}.iso3 AND c.cow = ?
    AND c.valid_from < coalesce({t}."end", DATE '9999-12-31')
    AND c.valid_to >= coalesce({t}.start, DATE '0001-01-01'))"""


class Records:
    """The public records in one store."""

    def __init__(self, store: Store, states: StateTable | None = None) -> None:
        self.store = store
        self.states = states or load_states()

    # -- states --------------------------------------------------------------------------------
    def country(self, query: str | int, on: str | date | None = None) -> State:
        """Resolve a name or code to a :class:`State` (raises UnknownCountry with suggestions)."""
        return self.states.resolve(query, on=parse_date(on, what="date"))

    def countries(self) -> pd.DataFrame:
        """The states table: codes, names, aliases, system-membership dates, successors."""
        return self.store.query("SELECT * FROM states ORDER BY cow")

    def _cow(self, country: str | int | State) -> int:
        return int(country.cow if isinstance(country, State) else self.country(country).cow)

    # -- UN General Assembly -------------------------------------------------------------------
    def rollcalls(
        self,
        since: str | date | None = None,
        until: str | date | None = None,
        *,
        issue: str | None = None,
        session: int | None = None,
    ) -> pd.DataFrame:
        """Roll calls with their date, session, title, issue flags and importance."""
        where, params = self._rollcall_filter(since, until, issue, session)
        return self.store.query(
            f"SELECT * FROM rollcalls r WHERE {where} ORDER BY r.date, r.rcid", params
        )

    def _rollcall_filter(
        self,
        since: str | date | None,
        until: str | date | None,
        issue: str | None,
        session: int | None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        s = parse_date(since, what="--since date")
        u = parse_date(until, end=True, what="--until date")
        if s and u and s > u:
            raise NonalignedError(f"--since {s} is after --until {u}: the period is empty")
        if s:
            clauses.append("r.date >= ?")
            params.append(s)
        if u:
            clauses.append("r.date <= ?")
            params.append(u)
        if session is not None:
            clauses.append("r.session = ?")
            params.append(session)
        if issue:
            code = issue.strip().lower()
            if code not in ISSUES:
                known = ", ".join(f"{k} ({v})" for k, v in ISSUES.items())
                raise NonalignedError(f"unknown issue {issue!r}; known issue codes: {known}")
            clauses.append(f"r.{code} = 1")  # code is one of six fixed names, not user text
        return " AND ".join(clauses), params

    def votes(
        self,
        country: str | int | State | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        *,
        issue: str | None = None,
        session: int | None = None,
        include_absent: bool = True,
        include_nonmember: bool = False,
    ) -> pd.DataFrame:
        """Votes joined to their roll calls; ``vote`` keeps absent (8) and non-member (9) apart.

        Non-member rows (9), which Voeten's raw table gives for every state not yet (or no longer)
        in the UN, are left out unless asked for; absences (8) are kept: an absence can be a choice.
        """
        where, params = self._rollcall_filter(since, until, issue, session)
        if country is not None:
            where += " AND v.cow = ?"
            params.append(self._cow(country))
        if not include_absent:
            where += " AND v.vote <> 8"
        if not include_nonmember:
            where += " AND v.vote <> 9"
        df = self.store.query(
            f"""SELECT r.rcid, r.session, r.date, r.year, r.unres, r.short,
                       r.me, r.nu, r.di, r.hr, r.co, r.ec, r.importantvote,
                       v.cow, s.iso3, v.vote
                FROM votes v JOIN rollcalls r USING (rcid) LEFT JOIN states s ON s.cow = v.cow
                WHERE {where} ORDER BY r.date, r.rcid, v.cow""",
            params,
        )
        df["vote_label"] = df["vote"].map(VOTE_LABELS)
        return df

    def vote_counts(self, country: str | int | State, by: str = "year") -> pd.DataFrame:
        """Counts of yes/abstain/no/absent per calendar year or session for one state.

        Periods in which the state cast no recorded vote are absent from the result (missing,
        never zero).
        """
        if by not in ("year", "session"):
            raise NonalignedError(f"vote counts are by 'year' or 'session', not {by!r}")
        return self.store.query(
            f"""SELECT r.{by},
                       count(*) FILTER (WHERE v.vote = 1) AS yes,
                       count(*) FILTER (WHERE v.vote = 2) AS abstain,
                       count(*) FILTER (WHERE v.vote = 3) AS no,
                       count(*) FILTER (WHERE v.vote = 8) AS absent,
                       count(*) FILTER (WHERE v.vote IN (1, 2, 3)) AS voted
                FROM votes v JOIN rollcalls r USING (rcid)
                WHERE v.cow = ? AND v.vote <> 9
                GROUP BY r.{by} ORDER BY r.{by}""",
            [self._cow(country)],
        )

    # -- blocs and IGOs ------------------------------------------------------------------------
    def blocs(self) -> pd.DataFrame:
        """The curated blocs (code, name, kind, pole, founding date)."""
        return self.store.query("SELECT * FROM blocs ORDER BY bloc")

    def _bloc_code(self, bloc: str) -> tuple[str, str]:
        """('curated', CODE) or ('cow', ioname) for a bloc name given by a user."""
        key = bloc.strip()
        row = self.store.con.execute(
            "SELECT bloc FROM blocs WHERE upper(bloc) = upper(?) OR lower(name) = lower(?)",
            [key, key],
        ).fetchone()
        if row:
            return "curated", str(row[0])
        row = self.store.con.execute(
            "SELECT igo FROM igos WHERE lower(igo) = lower(?) OR lower(ioname) = lower(?)"
            " OR lower(orgname) = lower(?)",
            [key, key, key],
        ).fetchone()
        if row:
            return "cow", str(row[0])
        known = self.store.query("SELECT bloc FROM blocs ORDER BY bloc")["bloc"].tolist()
        raise NonalignedError(
            f"unknown bloc {bloc!r}; curated blocs: {', '.join(known)} "
            "(any COW IGO v3 abbreviation such as 'bsec' or 'eco' also works, to 2014)"
        )

    def members(self, bloc: str, on: str | date | None = None) -> pd.DataFrame:
        """The states (and other entities) in a bloc on a date (default: today)."""
        day = parse_date(on, what="--on date") or date.today()
        kind, code = self._bloc_code(bloc)
        if kind == "curated":
            return self.store.query(
                """SELECT m.bloc, m.iso3, m.entity AS name, c.cow, m.status,
                          m.start, m.start_precision, m."end", m.source
                   FROM bloc_memberships m LEFT JOIN state_codes c
                     ON c.iso3 = m.iso3 AND ? BETWEEN c.valid_from AND c.valid_to
                   WHERE m.bloc = ? AND m.start <= ? AND (m."end" IS NULL OR m."end" > ?)
                   ORDER BY m.status, name""",
                [day, code, day, day],
            )
        if day.year > COW_IGO_LAST_YEAR:
            raise NonalignedError(
                f"{bloc!r} is known only from COW IGO v3, which ends in {COW_IGO_LAST_YEAR}; "
                f"there is no membership data for {day.isoformat()} (missing, not zero)"
            )
        df = self.store.query(
            """SELECT m.igo AS bloc, s.iso3, s.name, m.cow, m.status AS status_code,
                      m.first_year, m.last_year, 'COW IGO v3' AS source
               FROM igo_memberships m LEFT JOIN states s ON s.cow = m.cow
               WHERE m.igo = ? AND m.first_year <= ? AND m.last_year >= ?
               ORDER BY m.status, s.name""",
            [code, day.year, day.year],
        )
        df.insert(4, "status", df.pop("status_code").map(COW_STATUS))
        return df

    def memberships(self, country: str | int | State, on: str | date | None = None) -> pd.DataFrame:
        """A state's bloc memberships: the curated blocs, plus COW IGO v3 IGOs (to 2014).

        With ``on`` only spells active that day; without it, every spell in history. Spells are
        matched by COW code, so Russia's include the USSR's (SUN) and Serbia's Yugoslavia's.
        """
        state = country if isinstance(country, State) else self.country(country)
        day = parse_date(on, what="--on date")
        params: list[Any] = [state.cow]
        cond = ""
        if day:
            cond = ' AND m.start <= ? AND (m."end" IS NULL OR m."end" > ?)'
            params += [day, day]
        curated = self.store.query(
            f"""SELECT m.bloc, b.name AS bloc_name, b.pole, m.status, m.start, m.start_precision,
                       m."end", m.end_precision, m.source, m.note
                FROM bloc_memberships m JOIN blocs b USING (bloc)
                WHERE {_HELD_BY.format(t="m")}{cond}
                ORDER BY m.start, m.bloc""",
            params,
        )
        curated["origin"] = "curated"
        return curated

    def igo_memberships(self, country: str | int | State, year: int | None = None) -> pd.DataFrame:
        """COW IGO v3 spells of a state (years, 1816-2014); ``censored`` = still in at 2014."""
        params: list[Any] = [self._cow(country)]
        cond = ""
        if year is not None:
            if year > COW_IGO_LAST_YEAR:
                raise NonalignedError(f"COW IGO v3 ends in {COW_IGO_LAST_YEAR}: no data for {year}")
            cond = " AND m.first_year <= ? AND m.last_year >= ?"
            params += [year, year]
        df = self.store.query(
            f"""SELECT m.igo, i.orgname, m.status, m.first_year, m.last_year, m.censored
                FROM igo_memberships m LEFT JOIN igos i USING (igo)
                WHERE m.cow = ?{cond} ORDER BY m.igo, m.first_year""",
            params,
        )
        df["status"] = df["status"].map(COW_STATUS)
        return df

    def chairs(self, bloc: str) -> pd.DataFrame:
        """Chairs of a bloc with their terms (NAM from 1961)."""
        _, code = self._bloc_code(bloc)
        return self.store.query(
            """SELECT c.bloc, c.iso3, c.entity AS name, c.start, c."end", c.event, c.source
               FROM bloc_chairs c WHERE c.bloc = ? ORDER BY c.start""",
            [code],
        )

    # -- alliances -----------------------------------------------------------------------------
    def alliances(
        self,
        country: str | int | State,
        partner: str | int | State | None = None,
        year: int | None = None,
    ) -> pd.DataFrame:
        """ATOP obligations of a state by partner and year (1815-2018; later years unknown)."""
        params: list[Any] = [self._cow(country)]
        cond = ""
        if partner is not None:
            cond += " AND a.cow2 = ?"
            params.append(self._cow(partner))
        if year is not None:
            if year > ATOP_LAST_YEAR:
                raise NonalignedError(f"ATOP 5.1 ends in {ATOP_LAST_YEAR}: no data for {year}")
            cond += " AND a.year = ?"
            params.append(year)
        return self.store.query(
            f"""SELECT a.cow1, a.cow2, s.iso3 AS partner, s.name AS partner_name, a.year,
                       a.defense, a.offense, a.neutral, a.nonagg, a.consul
                FROM alliances a LEFT JOIN states s ON s.cow = a.cow2
                WHERE a.cow1 = ?{cond} ORDER BY a.cow2, a.year""",
            params,
        )

    def alliance_spells(self, country: str | int | State) -> pd.DataFrame:
        """ATOP obligations collapsed into spells per partner, with the treaty behind each.

        Why: a dyad-year table hides what an obligation is. Azerbaijan's 1993-2018 'defence'
        obligations to Armenia and Russia come from the CIS framework, not from alignment; the
        attached treaty (curated, marked documented or inferred) keeps that visible.
        """
        cow = self._cow(country)
        return self.store.query(
            """WITH flags AS (
                   SELECT cow1, cow2, year,
                          concat_ws(',', CASE WHEN defense = 1 THEN 'defense' END,
                                         CASE WHEN offense = 1 THEN 'offense' END,
                                         CASE WHEN neutral = 1 THEN 'neutral' END,
                                         CASE WHEN nonagg = 1 THEN 'nonagg' END,
                                         CASE WHEN consul = 1 THEN 'consul' END) AS obligations
                   FROM alliances WHERE cow1 = ?),
               runs AS (
                   SELECT *, year - row_number() OVER (PARTITION BY cow2, obligations
                                                       ORDER BY year) AS grp
                   FROM flags),
               spells AS (
                   SELECT cow1, cow2, obligations, min(year) AS first_year, max(year) AS last_year
                   FROM runs GROUP BY cow1, cow2, obligations, grp)
               SELECT sp.cow2, s.iso3 AS partner, s.name AS partner_name, sp.obligations,
                      sp.first_year, sp.last_year,
                      string_agg(DISTINCT t.treaty, '; ') AS treaty,
                      string_agg(DISTINCT t.attribution, '; ') AS attribution
               FROM spells sp
               LEFT JOIN states s ON s.cow = sp.cow2
               LEFT JOIN alliance_treaties t
                 ON t.cow1 = sp.cow1 AND t.cow2 = sp.cow2
                AND t.first_year <= sp.last_year AND t.last_year >= sp.first_year
               GROUP BY ALL ORDER BY sp.first_year, partner""",
            [cow],
        )

    # -- published ideal points ----------------------------------------------------------------
    def idealpoints_published(self, country: str | int | State | None = None) -> pd.DataFrame:
        """Bailey-Strezhnev-Voeten ideal points (July 2025 release): a yardstick, not an input."""
        if country is None:
            return self.store.query("SELECT * FROM idealpoints_published ORDER BY cow, year")
        return self.store.query(
            "SELECT * FROM idealpoints_published WHERE cow = ? ORDER BY year", [self._cow(country)]
        )

    # -- provenance ----------------------------------------------------------------------------
    def versions(self) -> pd.DataFrame:
        """Each bundled dataset with its version, rows, licence and origin."""
        return self.store.query(
            "SELECT name, title, version, rows, licence, origin, files, sha256, loaded_at"
            " FROM datasets ORDER BY name"
        )

    def citations(self) -> pd.DataFrame:
        return self.store.query("SELECT name, citation FROM datasets ORDER BY name")


__all__ = ["ISSUES", "VOTE_LABELS", "Records"]
