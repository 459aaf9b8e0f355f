"""Everything one country report shows, as one JSON-serialisable dict.

Why a plain dict: the HTML report (:mod:`.html`), its charts (:mod:`.charts`) and the web
dashboard all read the same numbers, and a dict of lists of flat rows is what Vega-Lite, JSON and
CSV want. Nothing here computes a measure: it asks the measures layer
(:mod:`nonaligned.measures.series`, :mod:`nonaligned.measures.event_series`) and the records,
and shapes the answers (ISO dates, None for missing values; never NaN or infinity).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from .. import __version__
from ..dates import parse_date
from ..errors import NonalignedError
from ..measures import event_series
from ..measures.api import Measures
from ..measures.readings import shift_reading
from ..measures.series import vote_series
from ..output import records as to_records
from ..records.api import Records

# A year with fewer roll calls than this is shown but not used for "current" figures: the last,
# partial session (three votes in June 2024) would otherwise be read as the state's present stance.
MIN_VOTES_CURRENT = 20


def _clean(value: Any) -> Any:
    """Recursively replace NaN/infinity by None so the dict is strict JSON."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [_clean(r) for r in to_records(df)]


def _num(x: Any) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def citations() -> list[dict[str, str]]:
    """BibTeX for nonaligned and each bundled dataset, as ``nonaligned cite`` prints them."""
    from ..cite import TOOL_CITATION
    from ..config import text_data_dir
    from ..records.catalog import datasets

    sets = datasets() + (datasets(text_data_dir()) if text_data_dir().is_dir() else [])
    out = [
        {
            "name": "nonaligned",
            "title": "nonaligned",
            "version": __version__,
            "bibtex": TOOL_CITATION.strip(),
        }
    ]
    out += [
        {"name": d.name, "title": d.title, "version": d.version, "bibtex": d.citation.strip()}
        for d in sets
        if d.citation
    ]
    return out


def report_data(
    rec: Records,
    country: str | int,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    peers: list[str] | None = None,
    poles: list[str] | None = None,
    balance_poles: list[str] | None = None,
    replicates: int = 200,
    top_events: int = 25,
    measures: Measures | None = None,
    split_poles: tuple[str, str] | list[str] | None = None,
    top_neighbours: int = 15,
    with_predecessor: bool = False,
) -> dict[str, Any]:
    """All the numbers of one country report, JSON-ready (no NaN: None; dates as ISO strings).

    Keys and rows:

    * ``state`` {name, iso3, cow}; ``period`` {since, until, first_vote_year, last_vote_year}
      (since/until None = the whole record); ``poles`` [{code, label, in_balance}].
    * ``headline``: ``balance`` (latest year with at least 20 roll calls: year, value, lo, hi,
      n_votes), ``balance_period`` (value, lo, hi over the whole period, poles), ``strongest_lean``
      (pole with the highest S over the period: pole, label, s, s_lo, s_hi, n),
      ``strongest_lean_latest`` (same, latest year, with ``year``), ``biggest_shift`` (the change
      point with the largest |shift| in S with a pole, else in the balance, else None: pole,
      label, date, date_low, date_high, before, after, shift, p_value, and ``heading``/``text``:
      what changed and in which direction, e.g. "Biggest change in alignment with the US" /
      "votes moved away from the US around ...").
    * ``similarity``: year, pole, label, n, s, s_lo, s_hi, ip_distance, ip_lo, ip_hi.
    * ``balance``: year, value, lo, hi, n.
    * ``change_points``: pole (a pole code or "balance"), label, date, date_low, date_high,
      before, after, shift, p_value. For a pole, before/after/shift are S; for the balance,
      balance values.
    * ``memberships``: bloc, bloc_name, pole, status, start, end (None = ongoing), source, note.
    * ``events_monthly``: partner, partner_name, month, verbal_coop, material_coop,
      verbal_conflict, material_conflict, events, mean_goldstein.
    * ``network``: partner, partner_name, cooperation, conflict, events, mean_goldstein.
    * ``top_events``: date, actor, recipient, mutual (a reciprocal action coded in both
      directions, one row with actor < recipient), event, cameo, goldstein, quad_class, sentence,
      start, end (trigger offsets in the sentence, or None), doc_id, url, path, title, mentions.
    * ``split_votes``: the split-vote measure (:func:`measures.split_votes.split_votes`,
      ``to_dict()``; poles ``split_poles``, default USA and RUS) with ``reading`` {text,
      how_to_read, thin}: the report's lead.
    * ``readings``: plain readings {text, how_to_read, thin} of every headline figure:
      ``split_votes``, ``balance`` (whole period), ``balance_latest``, ``lean:<POLE>`` (S over
      the period), ``neighbours``.
    * ``neighbours``: :func:`measures.neighbours.neighbours` ``to_dict()`` (top
      ``top_neighbours`` by share of identical votes; ``excluded`` = states sharing too few
      roll calls).
    * ``peers``: the state and each peer: state, iso3, s_<POLE>..., balance, balance_lo,
      balance_hi (empty without peers).
    * ``versions`` (rows of ``Records.versions()``), ``citations`` [{name, title, version,
      bibtex}], ``notes`` [method notes], ``events_coded`` (whether the store holds any coded
      event, to tell "nothing ingested" from "nothing with this state"), ``level`` (0.95), ``replicates``, ``nonaligned``
      (the package version).

    Raises :class:`~nonaligned.errors.NonalignedError` (unknown country or pole, malformed or
    empty period, no votes) with a message for the user.
    """
    if replicates < 10:
        raise NonalignedError(f"--replicates must be at least 10 for an interval, not {replicates}")
    if top_events < 0:
        raise NonalignedError(f"--top-events must be 0 or more, not {top_events}")
    s_day = parse_date(since, what="--since date")
    u_day = parse_date(until, end=True, what="--until date")
    if s_day and u_day and s_day > u_day:
        raise NonalignedError(f"--since {s_day} is after --until {u_day}: the period is empty")
    m = measures or Measures(rec)
    state = rec.country(country, on=u_day)
    # a successor sharing its predecessor's code (Serbia) starts at its own first day
    s_day = rec.own_since(state, s_day, with_predecessor)
    vs = vote_series(
        m,
        state,
        with_predecessor=with_predecessor,
        since=s_day,
        until=u_day,
        poles=poles,
        balance_poles=balance_poles,
        replicates=replicates,
    )
    al = vs.alignment
    labels = {p.code: p.label for p in al.poles}

    # -- headline ---------------------------------------------------------------------------
    bal = vs.balance
    full = bal[bal["n"] >= MIN_VOTES_CURRENT]
    cur = (full if len(full) else bal).tail(1)
    head_bal: dict[str, Any] | None = None
    if len(cur):
        r = cur.iloc[0]
        head_bal = {
            "year": int(r["year"]),
            "value": _num(r["value"]),
            "lo": _num(r["lo"]),
            "hi": _num(r["hi"]),
            "n_votes": int(r["n"]),
        }
    lean = al.lean.dropna(subset=["s"])
    strongest = None
    if len(lean):
        top = lean.sort_values("s", ascending=False).iloc[0]
        strongest = {
            "pole": str(top["pole"]),
            "label": str(top["label"]),
            "s": _num(top["s"]),
            "s_lo": _num(top["s_lo"]),
            "s_hi": _num(top["s_hi"]),
            "n": int(top["n"]),
        }
    sim = vs.similarity
    strongest_latest = None
    if head_bal is not None:
        last = sim[(sim["year"] == head_bal["year"])].dropna(subset=["s"])
        if len(last):
            t = last.sort_values("s", ascending=False).iloc[0]
            strongest_latest = {
                "year": head_bal["year"],
                "pole": str(t["pole"]),
                "label": str(t["label"]),
                "s": _num(t["s"]),
                "s_lo": _num(t["s_lo"]),
                "s_hi": _num(t["s_hi"]),
                "n": int(t["n"]),
            }
    shifts = al.shifts.rename(columns={"s_before": "before", "s_after": "after"})
    cps = pd.concat(
        [frame for frame in (shifts, vs.balance_shifts) if len(frame)] or [shifts],
        ignore_index=True,
    )
    cps.insert(1, "label", cps["pole"].map(labels).fillna("Balance index"))
    cps = cps[
        ["pole", "label", "date", "date_low", "date_high", "before", "after", "shift", "p_value"]
    ]
    biggest = None
    for pool in (cps[cps["pole"] != "balance"], cps[cps["pole"] == "balance"]):
        if len(pool):
            at = int(pool["shift"].abs().to_numpy().argmax())
            biggest = _rows(pool.iloc[[at]])[0]
            biggest["heading"], biggest["text"] = shift_reading(biggest)
            break

    # -- records and events ----------------------------------------------------------------
    ms: pd.DataFrame = rec.memberships(state)[
        ["bloc", "bloc_name", "pole", "status", "start", "end", "source", "note"]
    ]
    monthly = event_series.partner_months(rec, state, since=s_day, until=u_day)
    network = event_series.partner_totals(monthly)
    top_ev = event_series.top_events(rec, state, since=s_day, until=u_day, limit=top_events)

    # -- peers -----------------------------------------------------------------------------
    peer_rows: list[dict[str, Any]] = []
    if peers:
        from ..measures.alignment import measure, period_votes

        votes = period_votes(rec, s_day, u_day)
        for name in [state.iso3, *peers]:
            other = (
                al
                if name == state.iso3
                else measure(
                    rec,
                    name,
                    since=s_day,
                    until=u_day,
                    poles=poles,
                    balance_poles=balance_poles,
                    votes=votes,
                    replicates=replicates,
                    shifts=False,
                )
            )
            row: dict[str, Any] = {"state": other.state.name, "iso3": other.state.iso3}
            for r2 in other.lean.itertuples(index=False):
                row[f"s_{r2.pole!s}"] = _num(r2.s)
            row["balance"] = _num(other.balance["value"])
            row["balance_lo"] = _num(other.balance["lo"])
            row["balance_hi"] = _num(other.balance["hi"])
            peer_rows.append(row)

    years = sim["year"]
    level = vs.level
    notes = [
        "S (Signorino-Ritter similarity, -1..1) of UN General Assembly votes with each pole over "
        "the roll calls both voted on (yes/abstain/no; absences left out). A bloc pole votes as "
        "the median of its members that day, the state itself left out.",
        f"Intervals: {level:.0%} percentile bootstrap over roll calls ({replicates} replicates; "
        "within each year for the yearly series, over the whole period for the headline "
        "figures). One set of resampled roll calls serves every pole, so the balance of a "
        "replicate comes from that replicate's S values.",
        "Balance index: 1 - (closeness to the closest pole - closeness to the farthest), "
        f"closeness = (S + 1) / 2, over {', '.join(al.balance_poles)}; 1 = equidistant, "
        "0 = inside one camp. A max minus a min is biased upward by noise, so the bootstrap "
        "interval of the balance can sit slightly below its point value in years whose poles "
        "are close.",
        "Ideal-point distance: |state's ideal point - pole's| per year, this project's dynamic "
        "ordinal estimates (a bloc's position is its members' median on 1 July). Intervals "
        "simulated from each state-year's stored interval; Laplace errors ignore the "
        "uncertainty of the roll-call parameters, so these are too narrow rather than too wide.",
        "Change points: dates where agreement with a pole shifts level (binary segmentation on "
        "roll-call agreement, block permutation test by year, p < 0.01; the shaded band is the "
        "99% confidence set of the date). Balance change points are found on the yearly balance "
        f"(years with fewer than {MIN_VOTES_CURRENT} roll calls left out) and dated 1 January of "
        "the first year of the new level.",
        f"Current figures use the latest year with at least {MIN_VOTES_CURRENT} roll calls; years "
        "with fewer are shown but rest on little evidence (see n in the tooltips and CSV).",
        "Memberships: the project's curated bloc spells (start inclusive, end exclusive), with "
        "their source; a spell without an end is ongoing.",
        "News events: asserted events coded from the ingested news (PLOVER/CAMEO), both "
        "directions of each dyad folded onto the partner; cooperation = quad classes 1-2 "
        "(verbal and material cooperation), conflict = 3-4. They describe the ingested corpus, "
        "not the world: a partner absent from the news has no events, not no relations.",
        *al.notes,
    ]
    if not event_series.has_events(rec):
        notes.append(
            "No news events are coded in this store: ingest and code pages "
            "(`nonaligned ingest --code PATH`) to fill the event sections."
        )

    # -- split votes, nearest states, plain readings ------------------------------------------
    from ..measures.neighbours import neighbours as nearest
    from ..measures.profile import profile_readings, split_votes_or_none, vote_span
    from ..measures.readings import balance_reading, neighbours_reading, pole_name
    from ..measures.split_votes import MIN_SPLIT_ROLLCALLS

    sv = split_votes_or_none(rec, state, split_poles, s_day, u_day)
    first_vote, last_vote = vote_span(rec, state, s_day, u_day)
    rd = profile_readings(state.name, al, sv, pd.DataFrame(), {}, first_vote, last_vote)
    if head_bal is not None:
        rd["balance_latest"] = balance_reading(
            float(head_bal["value"]) if head_bal["value"] is not None else float("nan"),
            state.name,
            lo=head_bal["lo"],
            hi=head_bal["hi"],
            poles=[pole_name(c, labels.get(c)) for c in al.balance_poles],
            thin=head_bal["n_votes"] < MIN_VOTES_CURRENT,
        )
        latest = rd["balance_latest"]
        rd["balance_latest"] = replace(
            latest,
            text=latest.text.replace("In its UN votes", f"In its {head_bal['year']} UN votes"),
        )
    whole = rd["balance"]
    rd["balance"] = replace(
        whole, text=whole.text.replace("In its UN votes", "Over the whole period, in its UN votes")
    )
    try:
        nb = nearest(rec, state, since=s_day, until=u_day, top=top_neighbours)
        nb_dict: dict[str, Any] | None = nb.to_dict()
        rd["neighbours"] = neighbours_reading(nb.table, state.name)
    except NonalignedError:
        nb_dict = None
    sv_dict: dict[str, Any] | None = None
    if sv is not None:
        sv_dict = sv.to_dict()
        sv_dict["reading"] = rd["split_votes"].to_dict()
        end_year = last_vote.year if last_vote else None
        for key in ("pole_a", "pole_b"):  # the name used in a sentence: "the US", "Russia"
            p = sv_dict[key]
            p["name"] = pole_name(p["code"], p["label"], until_year=end_year)
    notes.insert(
        0,
        "Split votes: only the roll calls on which the two poles (the US and Russia unless "
        "chosen) voted differently count; the shares are of the state's votes on them (with "
        "each, abstained or absent, another way), with 95% Wilson intervals; the Assembly "
        "shares are the average member's on the same roll calls. Years with fewer than "
        f"{MIN_SPLIT_ROLLCALLS} split roll calls are flagged thin. Not measured when the state "
        "is one of the two poles.",
    )

    out: dict[str, Any] = _clean(
        {
            "state": {"name": state.name, "iso3": state.iso3, "cow": int(state.cow)},
            "period": {
                "since": s_day.isoformat() if s_day else None,
                "until": u_day.isoformat() if u_day else None,
                "first_vote_year": int(years.min()) if len(years) else None,
                "last_vote_year": int(years.max()) if len(years) else None,
                "first_vote": first_vote.isoformat() if first_vote else None,
                "last_vote": last_vote.isoformat() if last_vote else None,
            },
            "split_votes": sv_dict,
            "readings": {k: r.to_dict() for k, r in rd.items()},
            "neighbours": nb_dict,
            "poles": [
                {"code": p.code, "label": p.label, "in_balance": p.code in al.balance_poles}
                for p in al.poles
            ],
            "headline": {
                "balance": head_bal,
                "balance_period": {
                    "value": _num(al.balance.get("value")),
                    "lo": _num(al.balance.get("lo")),
                    "hi": _num(al.balance.get("hi")),
                    "poles": list(al.balance_poles),
                },
                "strongest_lean": strongest,
                "strongest_lean_latest": strongest_latest,
                "biggest_shift": biggest,
            },
            "similarity": _rows(sim),
            "balance": _rows(bal),
            "change_points": _rows(cps),
            "memberships": _rows(ms),
            "events_monthly": _rows(monthly),
            "network": _rows(network),
            "top_events": _rows(top_ev),
            "peers": peer_rows,
            "versions": _rows(rec.versions()),
            "citations": citations(),
            "notes": notes,
            "events_coded": event_series.has_events(rec),
            "level": level,
            "replicates": replicates,
            "nonaligned": __version__,
        }
    )
    return out


__all__ = ["MIN_VOTES_CURRENT", "citations", "report_data"]
