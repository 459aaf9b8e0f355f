"""Commands over the measures: profile, neighbours, similarity, idealpoints.

Why this module is long: about half of it is argument definitions, each with a help text and a
runnable example (issue 16); the four commands share the same measures and options, and
splitting them would scatter one group's help across files.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import pandas as pd

from ..errors import NonalignedError
from ..output import console, emit
from .common import (
    MAX_IP_BOOTSTRAP,
    MAX_REPLICATES,
    _check_names,
    _fmt,
    _records,
    _rollcall_period,
    _status,
    _with_predecessor,
    bounded_int,
)


def cmd_profile(args: argparse.Namespace) -> int:
    from ..measures.profile import build_profile

    rec = _records(args)
    _check_names(rec, args)
    prof = build_profile(
        rec,
        args.country,
        on=args.on,
        since=args.since,
        until=args.until,
        peers=args.peers,
        poles=args.poles,
        balance_poles=args.balance_poles,
        replicates=args.replicates,
        split_poles=args.split_poles,
        with_predecessor=args.with_predecessor,
    )
    if args.format == "json":
        print(json.dumps(prof.to_dict(), ensure_ascii=False, indent=1, allow_nan=False))
        return 0
    al = prof.alignment
    assert al is not None
    sv = prof.split
    sections = {
        "split_votes": pd.DataFrame([sv.overall]) if sv is not None else pd.DataFrame(),
        "split_votes_yearly": sv.yearly if sv is not None else pd.DataFrame(),
        "lean": al.lean,
        "event_lean": prof.event_lean,
        "yearly": al.yearly,
        "shifts": al.shifts,
        "peers": prof.peers,
        "blocs": prof.blocs,
        "chairs": prof.chairs,
        "votes_by_year": prof.votes_by_year,
        "alliances": prof.alliances,
        "idealpoints_published": prof.idealpoints,
    }
    if args.format in ("csv", "jsonl"):
        for name, df in sections.items():
            print(f"# {name}")
            emit(df, args.format)
        return 0
    s = prof.state
    con = console()
    rd = prof.readings
    con.print(
        f"[bold]{s.name}[/bold]  ISO3 {s.iso3} · COW {s.cow} ({s.cow_abb}) · "
        f"GW {s.gw if s.gw is not None else '—'} — memberships on {prof.on.isoformat()}, "
        f"UN votes {prof.period_text()}"
    )
    if sv is not None and "split_votes" in rd:
        o = sv.overall
        r = rd["split_votes"]
        con.print(
            f"[bold]Split votes ({sv.pole_a.code} vs {sv.pole_b.code})[/bold] "
            + ("[yellow](thin)[/yellow] " if r.thin else "")
            + r.text,
            markup=True,
        )
        if not r.thin:
            con.print(
                f"[dim]  with {sv.pole_a.code} {_share(o, 'share_a')}, with {sv.pole_b.code} "
                f"{_share(o, 'share_b')}, abstained or absent "
                f"{_share(o, 'share_abstain_absent')} (95% intervals) of {int(o['n'])} split "
                f"roll calls; how to read: the shares are of the roll calls on which the two "
                "poles voted differently only[/dim]"
            )
    b = al.balance
    br = rd.get("balance")
    con.print(
        f"[bold]Balance index[/bold] {b['value']:.2f} [{b['lo']:.2f}, {b['hi']:.2f}] over "
        f"{', '.join(al.balance_poles)} (1 = equidistant, 0 = inside one camp)"
        + (f" — {br.text}" if br is not None else "")
    )
    if br is not None:
        con.print(
            "[dim]  how to read: most of the Assembly votes against the US on many "
            "resolutions, so a low balance often means 'votes with the majority'; read it "
            "beside the split votes[/dim]"
        )
    if sv is not None and len(sv.yearly):
        yr = sv.yearly.tail(15)
        emit(
            pd.DataFrame(
                {
                    "year": yr["year"],
                    "split votes": yr["n"],
                    f"with {sv.pole_a.code}": [
                        f"{v:.0%}" if pd.notna(v) else "—" for v in yr["share_a"]
                    ],
                    f"with {sv.pole_b.code}": [
                        f"{v:.0%}" if pd.notna(v) else "—" for v in yr["share_b"]
                    ],
                    "abstained/absent": [
                        f"{v:.0%}" if pd.notna(v) else "—" for v in yr["share_abstain_absent"]
                    ],
                    "thin": ["thin" if t else "" for t in yr["thin"]],
                }
            ),
            "table",
            title=f"Split votes per year ({sv.pole_a.code} vs {sv.pole_b.code}; last 15 years, "
            f"thin = fewer than {sv.min_split} split roll calls)",
        )
    lean = al.lean.copy()
    lean["S [95%]"] = [f"{r.s:.2f} [{r.s_lo:.2f}, {r.s_hi:.2f}]" for r in lean.itertuples()]
    lean["kappa [95%]"] = [
        f"{r.kappa:.2f} [{r.kappa_lo:.2f}, {r.kappa_hi:.2f}]" for r in lean.itertuples()
    ]
    cols = ["pole", "label", "n", "agree", "S [95%]"]
    emit(
        lean[cols].sort_values("agree", ascending=False),
        "table",
        title="Similarity of UN votes with each pole (S: 1 same votes, 0 as often opposite, "
        "-1 always opposite; kappa and ideal-point distance in --format json/csv)",
    )
    for p in lean.sort_values("agree", ascending=False)["pole"].astype(str):
        lr = rd.get(f"lean:{p}")
        if lr is not None:
            con.print(f"  · {lr.text}" + (" [yellow](thin)[/yellow]" if lr.thin else ""))
    if len(al.shifts):
        emit(al.shifts, "table", title="Shifts in agreement with a pole (change points)")
    emit(
        al.yearly.tail(15),
        "table",
        title="S with each pole per year, balance, ideal point (last 15 years)",
    )
    if len(prof.peers):
        emit(
            prof.peers,
            "table",
            title="Peers (the state first): S with each pole and balance over the same period",
        )
    if len(prof.event_lean) and prof.event_lean["events"].sum() > 0:
        eb = prof.event_balance
        emit(
            prof.event_lean,
            "table",
            title=f"News events with each pole (event balance {eb.get('value', float('nan')):.2f} "
            f"[{eb.get('lo', float('nan')):.2f}, {eb.get('hi', float('nan')):.2f}])",
        )
        for p in prof.event_lean["pole"].astype(str):
            er = rd.get(f"events:{p}")
            if er is not None and not er.thin:
                con.print(f"  · {er.text}")
    emit(prof.blocs, "table", title="Blocs and poles (status on the date, and history)")
    if len(prof.chairs):
        emit(prof.chairs, "table", title="Chairs held")
    emit(prof.votes_by_year, "table", title="UN General Assembly votes by calendar year")
    emit(
        prof.alliances,
        "table",
        title="Alliance obligations (ATOP 5.1, to 2018) and the treaty behind each",
    )
    emit(
        prof.idealpoints,
        "table",
        title="Published UN ideal points (Bailey–Strezhnev–Voeten, July 2025), a yardstick",
    )
    for n in prof.notes:
        con.print(f"[dim]· {n}[/dim]")
    return 0


def _share(row: dict[str, Any], key: str) -> str:
    v, lo, hi = row.get(key), row.get(f"{key}_lo"), row.get(f"{key}_hi")
    if v is None or pd.isna(v):
        return "—"
    if lo is None or hi is None or pd.isna(lo) or pd.isna(hi):
        return f"{v:.0%}"
    return f"{v:.0%} [{lo:.0%}, {hi:.0%}]"


def cmd_neighbours(args: argparse.Namespace) -> int:
    from ..measures.neighbours import neighbours
    from ..measures.readings import neighbours_reading

    rec = _records(args)
    nb = neighbours(
        rec, args.state, since=args.since, until=args.until, measure=args.measure, top=args.top
    )
    if args.out:
        emit(nb.table, args.format, out=args.out, max_rows=None)
        _status(args, f"wrote {len(nb.table):,} rows to {args.out}")
        return 0
    if args.format == "json":
        out = nb.to_dict()
        out["reading"] = neighbours_reading(nb.table, nb.state.name).to_dict()
        print(json.dumps(out, ensure_ascii=False, indent=1, allow_nan=False))
        return 0
    t = nb.table
    if args.format != "table":
        emit(t, args.format, max_rows=None)
        return 0
    show = pd.DataFrame(
        {
            "rank": t["rank"],
            "state": t["name"],
            "iso3": t["iso3"],
            "shared votes": t["n"],
            "identical votes [95%]": [
                f"{r.agree:.0%} [{r.agree_lo:.0%}, {r.agree_hi:.0%}]" for r in t.itertuples()
            ],
            "S [95%]": [f"{r.s:.2f} [{r.s_lo:.2f}, {r.s_hi:.2f}]" for r in t.itertuples()],
        }
    )
    span = rec.store.query("SELECT min(date) AS first, max(date) AS last FROM rollcalls")
    since = (nb.since or pd.Timestamp(span["first"].iloc[0]).date()).isoformat()
    until = (nb.until or pd.Timestamp(span["last"].iloc[0]).date()).isoformat()
    by = "share of identical votes" if nb.measure == "agree" else "S"
    emit(
        show,
        "table",
        title=f"States voting most like {nb.state.name}, {since} – {until} (by {by}; "
        f"{nb.focal_votes} roll calls with a yes/abstain/no vote)",
        max_rows=None,
    )
    con = console()
    reading = neighbours_reading(t, nb.state.name)
    con.print(reading.text)
    con.print(
        f"[dim]{nb.ranked} states ranked; {nb.excluded} left out for sharing fewer than "
        f"{nb.min_shared} roll calls with {nb.state.name}. How to read: {reading.how_to_read}[/dim]"
    )
    return 0


def cmd_similarity(args: argparse.Namespace) -> int:
    from ..measures.api import Measures

    rec = _records(args)
    m = Measures(rec)
    df = m.similarity(
        args.a,
        args.b,
        by=args.by,
        issue=args.issue,
        since=args.since,
        until=args.until,
        metric=args.metric,
        absent=args.absent,
    )
    a, b = rec.country(args.a), rec.country(args.b)
    cols = [args.by, "n", *args.measure]
    emit(
        df[cols],
        args.format,
        title=f"{a.name} – {b.name}: UN vote similarity by {args.by}",
        out=args.out,
        max_rows=None,
    )
    return 0


def cmd_idealpoints(args: argparse.Namespace) -> int:
    from ..measures.api import Measures

    if args.spark_master and args.bootstrap <= 0:
        raise NonalignedError(
            "--spark-master runs the bootstrap replicates on Spark: give --bootstrap N too"
        )

    rec = _records(args)
    m = Measures(rec)
    if args.bootstrap < 0:
        raise NonalignedError("--bootstrap takes a number of replicates >= 0")
    spark = _bootstrap_spark(args)
    _status(args, "estimating ideal points if not cached (seconds; minutes with --bootstrap)…")
    try:
        ip = m.idealpoints(
            refresh=args.refresh or args.bootstrap > 0, replicates=args.bootstrap, spark=spark
        )
    finally:
        if spark is not None:
            spark.stop()
    if args.validate:
        per_year, overall = m.validation(args.against)
        emit(
            per_year,
            args.format,
            title=f"Correlation with the published estimates ({args.against}) per year",
            out=args.out,
            max_rows=None,
        )
        # machine formats keep stdout parseable: the summary goes to stderr there
        print(
            f"overall: Pearson r = {overall['pearson']:.3f}, Spearman rho = {overall['spearman']:.3f} "
            f"over {int(overall['n']):,} state-years; per-year Pearson mean "
            f"{overall['pearson_per_year_mean']:.3f}, min {overall['pearson_per_year_min']:.3f}",
            file=sys.stdout if args.format == "table" and not args.out else sys.stderr,
        )
        return 0
    df = ip.merge(rec.countries()[["cow", "iso3", "name"]], on="cow", how="left")
    if args.country:
        st = rec.country(args.country)
        df = df[df["cow"] == st.cow]
    df = df[["cow", "iso3", "name", "year", "idealpoint", "se", "lo", "hi", "n_votes", "interval"]]
    if args.out and str(args.out).endswith(".parquet"):
        df.to_parquet(args.out, index=False)
        _status(args, f"wrote {len(df):,} rows to {args.out}")
        return 0
    emit(df, args.format, title="Ideal points (this project's estimates)", out=args.out)
    return 0


def _bootstrap_spark(args: argparse.Namespace) -> Any:
    """The SparkSession ``--spark-master`` asks for (the bootstrap replicates become its tasks),
    or None."""
    master = args.spark_master
    if not master:
        return None
    import pyspark  # noqa: F401 - a missing extra becomes main()'s install hint, not a traceback

    from ..engine.spark_job import session

    try:
        return session(master, app="nonaligned-idealpoints")
    except Exception as exc:  # the JVM's refusal, in one line
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise NonalignedError(
            f"--spark-master {master!r}: Spark could not start ({first})"
        ) from exc


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "profile",
        help="a state's alignment: lean toward each pole, balance, shifts, blocs, votes, alliances",
    )
    p.add_argument(
        "country", help="name, demonym, ISO2/ISO3 code or COW code (e.g. Azerbaijan, AZE, 373)"
    )
    p.add_argument(
        "--since",
        metavar="DATE",
        help="start of the period measured (YYYY[-MM[-DD]]), e.g. --since 2010",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="end of the period measured (YYYY[-MM[-DD]]), e.g. --until 2022-02-24",
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        help="date of the memberships shown (default: --until or today), e.g. --on 2022-02-22",
    )
    p.add_argument(
        "--peers",
        nargs="+",
        metavar="STATE",
        help="other states to compare over the same period, e.g. --peers Georgia Armenia "
        "Kazakhstan",
    )
    p.add_argument(
        "--poles",
        nargs="+",
        metavar="POLE",
        help="poles: bloc codes (EU, NAM, ...) or states (default: USA RUS CHN TUR EU NAM), "
        "e.g. --poles USA RUS CHN EU",
    )
    p.add_argument(
        "--balance-poles",
        nargs="+",
        metavar="POLE",
        help="poles counted in the balance index, two or more of the poles measured (default: "
        "USA EU RUS CHN), e.g. --balance-poles EU RUS",
    )
    p.add_argument(
        "--replicates",
        type=bounded_int(1, MAX_REPLICATES),
        default=500,
        metavar="N",
        help=f"bootstrap replicates over roll calls, 1 to {MAX_REPLICATES:,} (default 500), "
        "e.g. --replicates 1000",
    )
    p.add_argument(
        "--split-poles",
        nargs=2,
        metavar=("A", "B"),
        default=None,
        help="the two poles of the split-vote headline: the roll calls on which they voted "
        "differently (default: USA RUS; e.g. --split-poles USA CHN, or EU RUS)",
    )
    _with_predecessor(p)
    _fmt(p)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser(
        "neighbours",
        help="the states whose UN votes are most like a state's (e.g. neighbours Azerbaijan "
        "--since 2015)",
    )
    p.add_argument(
        "state", help="name, demonym, ISO2/ISO3 code or COW code (e.g. Azerbaijan, AZE, 373)"
    )
    p.add_argument(
        "--since",
        metavar="DATE",
        help="start of the period (YYYY[-MM[-DD]]), e.g. --since 2015",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="end of the period (YYYY[-MM[-DD]]), e.g. --until 2024-12-31",
    )
    p.add_argument(
        "--measure",
        choices=("agreement", "S"),
        default="agreement",
        help="rank by the share of identical votes (agreement, the default) or by "
        "Signorino-Ritter S (e.g. --measure S)",
    )
    p.add_argument(
        "--top",
        type=bounded_int(1, 250),
        default=20,
        metavar="N",
        help="how many states to list, 1 to 250 (default 20; e.g. --top 10)",
    )
    p.add_argument("--out", metavar="FILE", help="write the table to FILE (e.g. --out near.csv)")
    _fmt(p)
    p.set_defaults(func=cmd_neighbours)

    p = sub.add_parser("similarity", help="UN vote similarity of two states per year or session")
    p.add_argument(
        "a",
        metavar="STATE_A",
        help="the first state: name, demonym, ISO2/ISO3 or COW code, e.g. Azerbaijan",
    )
    p.add_argument(
        "b",
        metavar="STATE_B",
        help="the second state: name, demonym, ISO2/ISO3 or COW code, e.g. Russia",
    )
    p.add_argument(
        "--measure",
        nargs="+",
        choices=("agree", "s", "kappa", "pi"),
        default=["agree", "s", "kappa", "pi"],
        help="measures to show: agree (share of identical votes), s (Signorino-Ritter S), "
        "kappa (Cohen), pi (Scott) (default all), e.g. --measure s kappa",
    )
    p.add_argument(
        "--by",
        choices=("year", "session"),
        default="year",
        help="per calendar year (default) or General Assembly session, e.g. --by session",
    )
    p.add_argument(
        "--issue",
        metavar="CODE",
        help="only roll calls on one issue: me, nu, di, hr, co or ec (Voeten's issue codes), "
        "e.g. --issue hr",
    )
    _rollcall_period(p)
    p.add_argument(
        "--metric",
        choices=("absolute", "squared"),
        default="absolute",
        help="distance between yes/abstain/no votes: absolute |a-b| (default) or squared "
        "(a-b)^2, e.g. --metric squared",
    )
    p.add_argument(
        "--absent",
        choices=("exclude", "abstain"),
        default="exclude",
        help="how an absence counts: exclude (default: only roll calls on which both cast "
        "yes/abstain/no) or abstain (as an abstention, Voeten's older convention), "
        "e.g. --absent abstain",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out aze-rus.csv",
    )
    _fmt(p)
    p.set_defaults(func=cmd_similarity)

    p = sub.add_parser(
        "idealpoints",
        help="this project's dynamic ordinal ideal points; --validate compares with the published ones",
    )
    p.add_argument(
        "country",
        nargs="?",
        help="only this state's ideal points (default: every state's; --validate always "
        "compares every state), e.g. Azerbaijan",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, in the format of its extension unless "
        "--format is given (.parquet, .csv, ...), e.g. --out aze-ip.csv",
    )
    p.add_argument(
        "--bootstrap",
        type=bounded_int(0, MAX_IP_BOOTSTRAP),
        default=0,
        metavar="N",
        help=f"bootstrap intervals from N replicates over roll calls, each a full estimation, "
        f"0 to {MAX_IP_BOOTSTRAP:,} (default 0: Laplace intervals), e.g. --bootstrap 100",
    )
    p.add_argument(
        "--spark-master",
        metavar="URL",
        help="run the --bootstrap replicates as tasks on this Spark master (a cluster, or "
        "local[N]) instead of local processes (needs the spark extra and Java), "
        "e.g. --spark-master 'local[2]'",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="re-estimate even if cached in the store, e.g. --refresh",
    )
    p.add_argument(
        "--validate",
        action="store_true",
        help="print the correlation with the published estimates per year and overall, "
        "e.g. --validate",
    )
    p.add_argument(
        "--against",
        choices=("idealpoint_fp", "idealpoint_all"),
        default="idealpoint_fp",
        help="with --validate: the published series to compare with (default idealpoint_fp), "
        "e.g. --validate --against idealpoint_all",
    )
    _fmt(p)
    p.set_defaults(func=cmd_idealpoints)
