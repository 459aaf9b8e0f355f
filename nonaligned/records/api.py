"""Query API over the public records in the store, returning DataFrames.

Why this module is long: one class, Records, whose methods are the documented query API over the
store (one method per question, each a parametrised SQL query); a mixin split would only hide where
a query lives.

Why a class bound to a store: the CLI, the web layer and the measures all read the same tables,
and each decides how the store is opened (read-only for the web). The module-level functions in
:mod:`nonaligned.records` use a default instance over the default store, built on first use.

Every query is parametrised SQL; user text never becomes SQL. Country arguments go through the
resolver, so "Azerbaijan", "AZE", "AZ", 373 and "Azerbaijani" are the same state, and an unknown
one fails with suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ..dates import parse_date
from ..errors import NonalignedError
from ..store import Store
from .countries import State, StateTable, load_states

VOTE_LABELS = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "non-member"}
# 8 on a roll call from the UN's own records (source 'undl', 2020 on, ES-10 and ES-11) is the UN's
# X, "non-voting": absent, or barred from voting by Article 19 arrears, or not seated - the UN
# file does not say which. On the older sources 8 is Voeten's "absent".
NONVOTING_LABEL = "non-voting"
# Fewer roll calls than this in a period do not support a figure: it is flagged `thin` and never
# drives a headline. Ten is where a one-vote change still moves an agreement share by at most
# 0.1, and where the bootstrap over roll calls stops returning degenerate intervals.
MIN_ROLLCALLS = 10
# Subject of the emergency special sessions whose roll-call titles do not name it
# (ES-11/7 "Advancing a comprehensive, just and lasting peace", ES-11/8 "The path to peace").
EMERGENCY_TOPICS = {
    "ES-1": "Suez crisis (Egypt)",
    "ES-2": "Hungary",
    "ES-4": "Congo",
    "ES-5": "Middle East (1967 war)",
    "ES-10": "Illegal Israeli actions in Occupied East Jerusalem and the rest of the Occupied Palestinian Territory",
    "ES-11": "Ukraine (convened under Security Council resolution 2623 of 27 February 2022)",
}
# What `--match` searches: symbol, titles and the emergency session with its topic (constants).
MATCH_TEXT_SQL = (
    "lower(concat_ws(' ', r.unres, r.short, r.descr, r.title, r.emergency_session, "
    "CASE r.emergency_session "
    + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in EMERGENCY_TOPICS.items())
    + " END))"
)
# The text a roll call is known by: the UN's title, else the upstream description, else the
# short title (upper case upstream).
# The UN's " : resolution / adopted by the General Assembly" suffix is dropped for reading.
TITLE_SQL = (
    "regexp_replace(coalesce(r.descr, r.title, r.short), "
    "'\\s*:\\s*((draft\\s+)?(resolution|decision)s?\\b.*|\\.\\.\\.)$', '', 'i')"
)
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
# The two sources of alliance rows, named in the ``source`` column of ``alliance_record``.
ATOP_SOURCE = "ATOP 5.1"
TREATY_SOURCE = "project treaty table"


# A curated row (alias t) belongs to COW state ? when its ISO3 code meant that state at some
# time during the row's spell.
_HELD_BY = """EXISTS (SELECT 1 FROM state_codes c WHERE c.iso3 = {t}.iso3 AND c.cow = ?
    AND c.valid_from < coalesce({t}."end", DATE '9999-12-31')
    AND c.valid_to >= coalesce({t}.start, DATE '0001-01-01'))"""


@dataclass(frozen=True)
class Succession:
    """A state whose code in the vote record also covers a predecessor the UN did not treat as
    the same member, and what separates them.

    Why explicit: COW 345 is one code for Yugoslavia (1945-1992), the Federal Republic of
    Yugoslavia (1992), Serbia and Montenegro (2003) and Serbia (2006). Read as one state, Serbia
    "voted" with the non-aligned bloc in 1961 and then did not vote for eight years. By default
    a state's votes start at ``own_from``; ``with_predecessor=True`` adds the predecessor's.
    """

    cow: int
    own_from: date
    own_name: str
    predecessor: str
    gaps: tuple[tuple[date, date, str], ...] = ()

    def describe(self) -> str:
        return (
            f"from {self.own_from.isoformat()} ({self.own_name}); the votes of "
            f"{self.predecessor} before then are left out (--with-predecessor adds them)"
        )


# Continuators the UN accepted as the same member (Russia for the Soviet Union in 1991, Serbia
# for Serbia and Montenegro in 2006) are not successions here; the SFRY -> FRY one is: the UN
# did not let the FRY continue the SFRY's membership (Security Council res. 777, General
# Assembly res. 47/1 of 22 September 1992) and admitted it as a new member on 1 November 2000.
SUCCESSIONS: dict[int, Succession] = {
    345: Succession(
        cow=345,
        own_from=date(1992, 4, 27),
        own_name="the FRY, then Serbia and Montenegro, then Serbia",
        predecessor="Yugoslavia (SFRY)",
        gaps=(
            (
                date(1992, 9, 22),
                date(2000, 10, 31),
                "not seated: the FRY could not take up Yugoslavia's seat (General Assembly "
                "res. 47/1) and was admitted as a new member on 2000-11-01",
            ),
        ),
    ),
}


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
        match: str | None = None,
    ) -> pd.DataFrame:
        """Roll calls with their date, session, title, issue flags and importance."""
        where, params = self._rollcall_filter(since, until, issue, session, match)
        return self.store.query(
            f"SELECT * FROM rollcalls r WHERE {where} ORDER BY r.date, r.rcid", params
        )

    def _rollcall_filter(
        self,
        since: str | date | None,
        until: str | date | None,
        issue: str | None,
        session: int | None,
        match: str | None = None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = ["TRUE"]
        params: list[Any] = []
        if match is not None:
            words = [w for w in str(match).split() if w.strip()]
            if not words or len(match) > 200:
                raise NonalignedError(
                    f"--match {match[:40]!r}: give one to a few words to look for in roll-call titles"
                )
            # every word must appear in the symbol, a title, or the emergency session's topic
            for w in words:
                clauses.append(f"strpos({MATCH_TEXT_SQL}, lower(?)) > 0")
                params.append(w)
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
        match: str | None = None,
        include_absent: bool = True,
        include_nonmember: bool = False,
        with_predecessor: bool = False,
    ) -> pd.DataFrame:
        """Votes joined to their roll calls; ``vote`` keeps absent (8) and non-member (9) apart.

        Non-member rows (9), which Voeten's raw table gives for every state not yet (or no longer)
        in the UN, are left out unless asked for; absences (8) are kept: an absence can be a choice.
        On the UN's own records (2020 on, ES-10, ES-11) an 8 is the UN's "non-voting" and is
        labelled so. ``match`` keeps roll calls whose symbol, title or emergency-session topic
        contains every given word (case-insensitive): "how did X vote on Y".

        A state in :data:`SUCCESSIONS` (Serbia) votes from the start of its own period unless
        ``with_predecessor``: Yugoslavia's votes of 1946-1991 are not Serbia's.
        """
        where, params = self._rollcall_filter(since, until, issue, session, match)
        if country is not None:
            cow = self._cow(country)
            where += " AND v.cow = ?"
            params.append(cow)
            where, params = self._own_period(cow, where, params, with_predecessor)
        if not include_absent:
            where += " AND v.vote <> 8"
        if not include_nonmember:
            where += " AND v.vote <> 9"
        df = self.store.query(
            f"""SELECT r.rcid, r.session, r.date, r.year,
                       regexp_replace(r.unres, '^R/', 'A/RES/') AS unres, r.short,
                       {TITLE_SQL} AS title, r.emergency_session, r.undl_id,
                       r.me, r.nu, r.di, r.hr, r.co, r.ec, r.issue_source, r.importantvote,
                       v.cow, s.iso3, v.vote, r.source
                FROM votes v JOIN rollcalls r USING (rcid) LEFT JOIN states s ON s.cow = v.cow
                WHERE {where} ORDER BY r.date, r.rcid, v.cow""",
            params,
        )
        labels = df["vote"].map(VOTE_LABELS)
        df["vote_label"] = labels.where(
            ~((df["vote"] == 8) & (df["source"] == "undl")), NONVOTING_LABEL
        )
        return df

    def succession(self, country: str | int | State) -> Succession | None:
        """How a state's own period is told from a predecessor sharing its code, if it is."""
        return SUCCESSIONS.get(self._cow(country))

    def own_since(
        self, country: str | int | State, since: date | None, with_predecessor: bool = False
    ) -> date | None:
        """The start of a period measured for ``country``: ``since``, or the state's own first
        day when its code also covers a predecessor and ``since`` is earlier or not given
        (unless ``with_predecessor``). Every measure starts Serbia in 1992 through this."""
        succ = None if with_predecessor else self.succession(country)
        if succ is None or (since is not None and since >= succ.own_from):
            return since
        return succ.own_from

    @staticmethod
    def _own_period(
        cow: int, where: str, params: list[Any], with_predecessor: bool
    ) -> tuple[str, list[Any]]:
        succ = SUCCESSIONS.get(cow)
        if succ is None or with_predecessor:
            return where, params
        return where + " AND r.date >= ?", [*params, succ.own_from]

    def vote_counts(
        self,
        country: str | int | State,
        by: str = "year",
        since: str | date | None = None,
        until: str | date | None = None,
        *,
        issue: str | None = None,
        session: int | None = None,
        with_predecessor: bool = False,
    ) -> pd.DataFrame:
        """Counts of yes/abstain/no/absent per calendar year or session for one state.

        Periods in which the state cast no recorded vote are absent from the result (missing,
        never zero), except those inside a known gap of its record (Serbia's FRY, not seated
        1992-2000), which are listed with missing counts and the reason in ``note``, so that a
        chart shows the gap rather than a line across it. ``rollcalls`` is every roll call of the
        period in the store (whether or not the state has a row), ``thin`` flags periods with
        fewer than ``MIN_ROLLCALLS`` votes cast, and ``note`` says plainly when a state was
        non-voting on every UN-recorded roll call of the period: the UN's "non-voting" then
        usually means Article 19 arrears or a seat not filled, but the data do not say which.
        ``since``, ``until``, ``issue`` and ``session`` narrow the roll calls as in :meth:`votes`.
        """
        if by not in ("year", "session"):
            raise NonalignedError(f"vote counts are by 'year' or 'session', not {by!r}")
        cow = self._cow(country)
        where, params = self._rollcall_filter(since, until, issue, session)
        where, params = self._own_period(cow, where, params, with_predecessor)
        # `by` is one of two fixed names (checked above), never user text
        df = self.store.query(
            f"""WITH per AS (SELECT r.{by}, count(*) AS rollcalls, min(r.date) AS first_day,
                                    max(r.date) AS last_day
                             FROM rollcalls r WHERE {where} GROUP BY r.{by}),
                mine AS (
                SELECT r.{by},
                       count(*) FILTER (WHERE v.vote = 1) AS yes,
                       count(*) FILTER (WHERE v.vote = 2) AS abstain,
                       count(*) FILTER (WHERE v.vote = 3) AS no,
                       count(*) FILTER (WHERE v.vote = 8) AS absent,
                       count(*) FILTER (WHERE v.vote IN (1, 2, 3)) AS voted,
                       count(*) FILTER (WHERE r.source = 'undl') AS undl_rows,
                       count(*) FILTER (WHERE r.source = 'undl' AND v.vote = 8) AS undl_nonvoting
                FROM votes v JOIN rollcalls r USING (rcid)
                WHERE v.cow = ? AND v.vote <> 9 AND {where}
                GROUP BY r.{by})
                SELECT per.{by}, mine.yes, mine.abstain, mine.no, mine.absent, mine.voted,
                       per.rollcalls, mine.undl_rows, mine.undl_nonvoting,
                       per.first_day, per.last_day
                FROM per LEFT JOIN mine USING ({by}) ORDER BY per.{by}""",
            [*params, cow, *params],
        )
        succ = SUCCESSIONS.get(cow)
        gap_note = pd.Series([None] * len(df), index=df.index, dtype=object)
        for start, end, why in succ.gaps if succ else ():
            first = pd.to_datetime(df["first_day"]).dt.date
            last = pd.to_datetime(df["last_day"]).dt.date
            inside = (first >= start) & (last <= end)
            gap_note[inside & gap_note.isna()] = why
            gap_note[(first <= end) & (last >= start) & gap_note.isna()] = "in part " + why
        df = df[df["voted"].notna() | gap_note.notna()].copy()
        gap_note = gap_note[df.index]
        for col in ("yes", "abstain", "no", "absent", "voted"):
            df[col] = df[col].astype("Int64")
        # the state's own cast votes are what a figure of its period rests on
        df["thin"] = (df["voted"].fillna(0) < MIN_ROLLCALLS).astype(bool)
        all_x = (df["undl_rows"].fillna(0) > 0) & (df["undl_nonvoting"] == df["undl_rows"])
        df["note"] = gap_note.where(gap_note.notna(), None)
        df.loc[all_x.fillna(False) & df["note"].isna(), "note"] = (
            "non-voting on every UN-recorded roll call: Article 19 arrears, an unfilled seat "
            "or a boycott (the UN data do not say which)"
        )
        df.loc[df["thin"] & df["note"].isna(), "note"] = (
            f"fewer than {MIN_ROLLCALLS} votes cast: too few to support a figure"
        )
        return df.drop(
            columns=["undl_rows", "undl_nonvoting", "first_day", "last_day"]
        ).reset_index(drop=True)

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
                raise NonalignedError(
                    f"ATOP 5.1 ends in {ATOP_LAST_YEAR}: no data for {year}; treaties after "
                    f"{ATOP_LAST_YEAR} are in the project treaty table (alliance spells, not "
                    "dyad-years)"
                )
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
        attached treaty (curated, marked documented or inferred) and its ``note`` (why ATOP codes
        it, what it means) keep that visible. ``source`` is always ATOP 5.1 here; see
        :meth:`alliance_record` for the treaties after 2018 as well.
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
                      string_agg(DISTINCT t.attribution, '; ') AS attribution,
                      ? AS source,
                      string_agg(DISTINCT t.note, ' | ') AS note
               FROM spells sp
               LEFT JOIN states s ON s.cow = sp.cow2
               LEFT JOIN alliance_treaties t
                 ON t.cow1 = sp.cow1 AND t.cow2 = sp.cow2
                AND t.first_year <= sp.last_year AND t.last_year >= sp.first_year
               GROUP BY ALL ORDER BY sp.first_year, partner""",
            [cow, ATOP_SOURCE],
        )

    def treaties(
        self, country: str | int | State, partner: str | int | State | None = None
    ) -> pd.DataFrame:
        """The project's table of treaties after 2018 (``treaties.csv``) held by a state.

        Why a separate table: ATOP 5.1 ends in 2018, and the agreements that test today's claims
        (the Shusha Declaration, the Russia-Azerbaijan Declaration on Allied Interaction, the
        Russia-DPRK treaty) came after. Rows are directed like ATOP's: ``cow1`` holds the
        obligations; every treaty is listed in both directions.
        """
        params: list[Any] = [self._cow(country)]
        cond = ""
        if partner is not None:
            cond = " AND t.cow2 = ?"
            params.append(self._cow(partner))
        return self.store.query(
            f"""SELECT t.*, s.name AS partner_name FROM treaties t
                LEFT JOIN states s ON s.cow = t.cow2
                WHERE t.cow1 = ?{cond} ORDER BY t.first_year, t.treaty_id, t.iso3_2""",
            params,
        )

    def alliance_record(
        self,
        country: str | int | State,
        partner: str | int | State | None = None,
        source: str = "all",
    ) -> pd.DataFrame:
        """ATOP spells to 2018 and the project's treaties after 2018, one row per spell or treaty.

        Why together: a reader asking "what is this state bound to?" needs both, and needs to see
        which rows are ATOP's coding (``source`` = ATOP 5.1, ``attribution`` = documented/inferred
        for the agreement we attach to the spell) and which are the project's own table
        (``source`` = project treaty table, ``attribution`` = sure/unsure for the row's facts).
        ``obligations`` are comma-joined ATOP types for both; ``none`` for an agreement without
        any (AUKUS). ``source`` selects ``all``, ``atop`` or ``treaties``.
        """
        if source not in ("all", "atop", "treaties"):
            raise NonalignedError(f"alliance source is 'all', 'atop' or 'treaties', not {source!r}")
        columns = [
            "source",
            "cow2",
            "partner",
            "partner_name",
            "obligations",
            "first_year",
            "last_year",
            "treaty",
            "signed_date",
            "in_force_date",
            "status",
            "attribution",
            "note",
        ]
        parts: list[pd.DataFrame] = []
        pcow = self._cow(partner) if partner is not None else None
        if source in ("all", "atop"):
            sp = self.alliance_spells(country)
            if pcow is not None:
                sp = sp[sp["cow2"] == pcow]
            sp = sp.assign(signed_date=None, in_force_date=None, status=None)
            parts.append(sp.reindex(columns=columns))
        if source in ("all", "treaties"):
            tr = self.treaties(country, partner)
            tr = tr.assign(
                source=TREATY_SOURCE,
                partner=tr["iso3_2"],
                obligations=tr["obligations"].str.replace("+", ",", regex=False),
                attribution=tr["certainty"],
            )
            parts.append(tr.reindex(columns=columns))
        parts = [p for p in parts if len(p)]
        if not parts:
            return pd.DataFrame(columns=columns)
        out = pd.concat(parts, ignore_index=True)
        for col in ("cow2", "first_year", "last_year"):
            out[col] = out[col].astype("Int64")
        return out.sort_values(
            ["first_year", "source", "partner"], kind="stable", ignore_index=True
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
