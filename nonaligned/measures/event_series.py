"""Event-based series for one state: cooperation and conflict with each partner by month, the
partner totals behind an ego network, and the top events with the sentence each came from.

Why beside :mod:`event_lean`: that module reduces the events to one share per *pole*; an analyst
also wants to see every partner the news shows the state dealing with, when, and the sentences the
coder read, to judge whether a month's "conflict" is a war or a diplomatic protest.

* **Partner months** are read from the ``dyad_month`` aggregate (asserted events, both directions
  of a dyad folded onto the partner) with portable SQL (plain ``CASE``/``SUM``/``GROUP BY``), so
  the same query runs on DuckDB and Spark SQL. When the aggregate is missing (a store coded by an
  older version) the aggregate's own SQL is used as a sub-query over ``events``.
* **mean Goldstein** of a partner-month is the event-weighted mean of the dyad-months' means.
* **Top events**: asserted events with the state as actor or recipient, the same event reported
  by several documents (same date, actor, recipient and CAMEO code) folded into one row with the
  number of documents (``mentions``); the sentence kept is the one the coder was most confident
  about. Ranked by mentions, then intensity (|Goldstein|), then date. ``start``/``end`` locate
  the trigger *inside the sentence* (the store keeps document offsets; they are converted here).
  A reciprocal action coded once per direction (same document, sentence, trigger and CAMEO code,
  actor and recipient swapped) is one row, actor < recipient, ``mutual`` true; the partner months
  above still count both directions, as the ``dyad_month`` aggregate does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..records.api import Records
from ..records.countries import State

MONTHLY_COLUMNS = [
    "partner",
    "partner_name",
    "month",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "events",
    "mean_goldstein",
]
NETWORK_COLUMNS = [
    "partner",
    "partner_name",
    "cooperation",
    "conflict",
    "events",
    "mean_goldstein",
]
TOP_COLUMNS = [
    "date",
    "actor",
    "recipient",
    "mutual",
    "event",
    "cameo",
    "goldstein",
    "quad_class",
    "sentence",
    "start",
    "end",
    "doc_id",
    "url",
    "path",
    "title",
    "mentions",
]

# Portable SQL (DuckDB and Spark SQL): the partner is whichever side of the dyad is not the state.
# {source} is the dyad_month table or the aggregate's SQL as a sub-query; {where} adds date bounds.
PARTNER_MONTH_SQL = """
SELECT
    p.partner AS partner,
    p.month AS month,
    SUM(p.verbal_cooperation) AS verbal_coop,
    SUM(p.material_cooperation) AS material_coop,
    SUM(p.verbal_conflict) AS verbal_conflict,
    SUM(p.material_conflict) AS material_conflict,
    SUM(p.events) AS events,
    SUM(p.mean_goldstein * p.events) / SUM(p.events) AS mean_goldstein
FROM (
    SELECT CASE WHEN d.actor = ? THEN d.recipient ELSE d.actor END AS partner, d.*
    FROM {source} d
    WHERE (d.actor = ? OR d.recipient = ?) {where}
) p
GROUP BY p.partner, p.month
ORDER BY partner, month
"""

# Same-event reports folded: the group key, the number of documents, and the most confident row.
# {mirror} leaves out the second direction of a reciprocal pair, {mutual} marks the row kept
# (fragments from engine.coding: columns only, no values). A mutual row folds only with mutual
# rows: a report coding one direction alone is not merged into a report coding both.
TOP_EVENTS_SQL = """
WITH ev AS (
    SELECT e.*, {mutual} AS mutual, d.url, d.title, d.text AS doc_text
    FROM events e JOIN documents d ON d.doc_id = e.doc_id
    WHERE e.status = 'asserted' AND (e.actor = ? OR e.recipient = ?) AND NOT {mirror} {where}
),
ranked AS (
    SELECT ev.*,
           ROW_NUMBER() OVER (
               PARTITION BY date, actor, recipient, cameo, mutual
               ORDER BY confidence DESC, doc_id, event_id) AS rn
    FROM ev
),
counts AS (
    SELECT date, actor, recipient, cameo, mutual, COUNT(DISTINCT doc_id) AS mentions
    FROM ev GROUP BY date, actor, recipient, cameo, mutual
)
SELECT r.date, r.actor, r.recipient, r.mutual, r.event, r.cameo, r.goldstein, r.quad_class,
       r.sentence,
       r."start" - (instr(r.doc_text, r.sentence) - 1) AS "start",
       r."end" - (instr(r.doc_text, r.sentence) - 1) AS "end",
       instr(r.doc_text, r.sentence) AS sentence_pos,
       r.doc_id, r.url, r.title, c.mentions,
       (SELECT min(s.path) FROM document_sources s
         WHERE s.doc_id = r.doc_id AND s.relation = 'primary') AS path
FROM ranked r
JOIN counts c
  ON c.date IS NOT DISTINCT FROM r.date AND c.actor IS NOT DISTINCT FROM r.actor
 AND c.recipient IS NOT DISTINCT FROM r.recipient AND c.cameo = r.cameo
 AND c.mutual = r.mutual
WHERE r.rn = 1
ORDER BY c.mentions DESC, abs(r.goldstein) DESC, r.date DESC NULLS LAST, r.doc_id
LIMIT ?
"""


def _date_clause(column: str, since: date | None, until: date | None) -> tuple[str, list[Any]]:
    clauses, params = "", []
    if since:
        clauses += f" AND {column} >= ?"
        params.append(since)
    if until:
        clauses += f" AND {column} <= ?"
        params.append(until)
    return clauses, params


def has_events(rec: Records) -> bool:
    """Whether any event has been coded into the store (events are an optional layer)."""
    if not rec.store.has_table("events"):
        return False
    row = rec.store.con.execute("SELECT count(*) FROM events").fetchone()
    return bool(row and row[0])


def partner_names(rec: Records, codes: list[str]) -> dict[str, str]:
    """Readable names for actor codes: state names by ISO3, bloc names by code, else the code."""
    out = {c: c for c in codes}
    if not codes:
        return out
    states = rec.store.query(
        "SELECT iso3, name FROM states WHERE list_contains(?, iso3)", [list(codes)]
    )
    out.update(dict(zip(states["iso3"], states["name"], strict=True)))
    blocs = rec.store.query("SELECT bloc, name FROM blocs WHERE list_contains(?, bloc)", [codes])
    out.update(dict(zip(blocs["bloc"], blocs["name"], strict=True)))
    return out


def partner_months(
    rec: Records, state: State, *, since: date | None = None, until: date | None = None
) -> pd.DataFrame:
    """Cooperation and conflict counts with each partner per month (MONTHLY_COLUMNS).

    ``month`` is the first day of the month. Empty (with the columns) when no event is coded.
    """
    if not has_events(rec):
        return pd.DataFrame(columns=MONTHLY_COLUMNS)
    if rec.store.has_table("dyad_month"):
        source = "dyad_month"
    else:
        from ..engine.coding import dyad_month_sql

        source = f"({dyad_month_sql()})"
    # a month overlaps the period when it starts before its end and ends after its start
    where, params = _date_clause(
        "d.month", date(since.year, since.month, 1) if since else None, until
    )
    iso = state.iso3
    df = rec.store.query(
        PARTNER_MONTH_SQL.format(source=source, where=where), [iso, iso, iso, *params]
    )
    names = partner_names(rec, sorted(df["partner"].astype(str).unique()))
    df.insert(1, "partner_name", df["partner"].map(names))
    for c in ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "events"):
        df[c] = df[c].astype(int)
    return df[MONTHLY_COLUMNS].reset_index(drop=True)


def partner_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Totals per partner over the period (NETWORK_COLUMNS), most events first."""
    if monthly.empty:
        return pd.DataFrame(columns=NETWORK_COLUMNS)
    m = monthly.assign(
        cooperation=monthly["verbal_coop"] + monthly["material_coop"],
        conflict=monthly["verbal_conflict"] + monthly["material_conflict"],
        g=monthly["mean_goldstein"] * monthly["events"],
    )
    out = m.groupby(["partner", "partner_name"], as_index=False)[
        ["cooperation", "conflict", "events", "g"]
    ].sum()
    out["mean_goldstein"] = out["g"] / out["events"]
    out = out.sort_values(["events", "partner"], ascending=[False, True])
    return out[NETWORK_COLUMNS].reset_index(drop=True)


def top_events(
    rec: Records,
    state: State,
    *,
    since: date | None = None,
    until: date | None = None,
    limit: int = 25,
) -> pd.DataFrame:
    """The ``limit`` most reported, most intense events of the state (TOP_COLUMNS).

    ``start``/``end`` are character offsets of the trigger inside ``sentence`` (None when the
    sentence cannot be located in its document). ``mutual``: a reciprocal action coded in both
    directions, listed once (actor < recipient; shown as actor ↔ recipient).
    """
    from ..engine.coding import mirror_sql, mutual_sql

    if limit <= 0 or not has_events(rec):
        return pd.DataFrame(columns=TOP_COLUMNS)
    where, params = _date_clause("e.date", since, until)
    iso = state.iso3
    sql = TOP_EVENTS_SQL.format(where=where, mirror=mirror_sql("e"), mutual=mutual_sql("e"))
    df = rec.store.query(sql, [iso, iso, *params, int(limit)])
    df["mutual"] = df["mutual"].astype(bool)
    bad = (df["sentence_pos"] <= 0) | (df["start"] < 0) | (df["end"] > df["sentence"].str.len())
    df["start"] = df["start"].astype("Int64").mask(bad)
    df["end"] = df["end"].astype("Int64").mask(bad)
    return df[TOP_COLUMNS].reset_index(drop=True)


__all__ = [
    "MONTHLY_COLUMNS",
    "NETWORK_COLUMNS",
    "TOP_COLUMNS",
    "has_events",
    "partner_months",
    "partner_names",
    "partner_totals",
    "top_events",
]
