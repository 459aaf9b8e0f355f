"""Commands over the measures: profile, similarity, idealpoints."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import NonalignedError
from ..output import console, emit
from .common import (
    MAX_IP_BOOTSTRAP,
    MAX_REPLICATES,
    _check_names,
    _fmt,
    _records,
    _status,
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
    )
    if args.format == "json":
        print(json.dumps(prof.to_dict(), ensure_ascii=False, indent=1, allow_nan=False))
        return 0
    al = prof.alignment
    assert al is not None
    sections = {
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
    period = f"{al.since or 'first vote'} – {al.until or 'last vote'}"
    con.print(
        f"[bold]{s.name}[/bold]  ISO3 {s.iso3} · COW {s.cow} ({s.cow_abb}) · "
        f"GW {s.gw if s.gw is not None else '—'} — memberships on {prof.on.isoformat()}, "
        f"votes {period}"
    )
    b = al.balance
    con.print(
        f"[bold]Balance index[/bold] {b['value']:.2f} [{b['lo']:.2f}, {b['hi']:.2f}] over "
        f"{', '.join(al.balance_poles)} (1 = equidistant, 0 = inside one camp)"
    )
    lean = al.lean.copy()
    lean["S [95%]"] = [f"{r.s:.2f} [{r.s_lo:.2f}, {r.s_hi:.2f}]" for r in lean.itertuples()]
    lean["kappa [95%]"] = [
        f"{r.kappa:.2f} [{r.kappa_lo:.2f}, {r.kappa_hi:.2f}]" for r in lean.itertuples()
    ]
    cols = ["pole", "label", "n", "agree", "S [95%]", "kappa [95%]"]
    if "ip_distance" in lean:
        cols.append("ip_distance")
    emit(
        lean[cols].sort_values("agree", ascending=False),
        "table",
        title="Lean toward each pole (UN votes)",
    )
    if len(al.shifts):
        emit(al.shifts, "table", title="Shifts in agreement with a pole (change points)")
    emit(
        al.yearly.tail(15),
        "table",
        title="S with each pole per year, balance, ideal point (last 15 years)",
    )
    if len(prof.peers):
        emit(prof.peers, "table", title="Peers: S with each pole and balance over the same period")
    if len(prof.event_lean) and prof.event_lean["events"].sum() > 0:
        eb = prof.event_balance
        emit(
            prof.event_lean,
            "table",
            title=f"News events with each pole (event balance {eb.get('value', float('nan')):.2f} "
            f"[{eb.get('lo', float('nan')):.2f}, {eb.get('hi', float('nan')):.2f}])",
        )
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

    rec = _records(args)
    m = Measures(rec)
    if args.bootstrap < 0:
        raise NonalignedError("--bootstrap takes a number of replicates >= 0")
    _status(args, "estimating ideal points if not cached (seconds; minutes with --bootstrap)…")
    ip = m.idealpoints(refresh=args.refresh or args.bootstrap > 0, replicates=args.bootstrap)
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


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "profile",
        help="a state's alignment: lean toward each pole, balance, shifts, blocs, votes, alliances",
    )
    p.add_argument(
        "country", help="name, demonym, ISO2/ISO3 code or COW code (e.g. Azerbaijan, AZE, 373)"
    )
    p.add_argument("--since", metavar="DATE", help="start of the period measured (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="end of the period measured")
    p.add_argument(
        "--on", metavar="DATE", help="date of the memberships shown (default: --until or today)"
    )
    p.add_argument("--peers", nargs="+", metavar="STATE", help="other states to compare")
    p.add_argument(
        "--poles",
        nargs="+",
        metavar="POLE",
        help="poles: bloc codes (EU, NAM, ...) or states (default: USA RUS CHN TUR EU NAM)",
    )
    p.add_argument(
        "--balance-poles",
        nargs="+",
        metavar="POLE",
        help="poles counted in the balance index (default: USA EU RUS CHN)",
    )
    p.add_argument(
        "--replicates",
        type=bounded_int(1, MAX_REPLICATES),
        default=500,
        metavar="N",
        help=f"bootstrap replicates over roll calls, 1 to {MAX_REPLICATES:,} (default 500)",
    )
    _fmt(p)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("similarity", help="UN vote similarity of two states per year or session")
    p.add_argument("a", help="first state")
    p.add_argument("b", help="second state")
    p.add_argument(
        "--measure",
        nargs="+",
        choices=("agree", "s", "kappa", "pi"),
        default=["agree", "s", "kappa", "pi"],
        help="measures to show (default all)",
    )
    p.add_argument(
        "--by", choices=("year", "session"), default="year", help="calendar year or GA session"
    )
    p.add_argument("--issue", help="me, nu, di, hr, co or ec")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument(
        "--metric",
        choices=("absolute", "squared"),
        default="absolute",
        help="distance between yes/abstain/no",
    )
    p.add_argument(
        "--absent", choices=("exclude", "abstain"), default="exclude", help="how an absence counts"
    )
    p.add_argument("--out", metavar="FILE")
    _fmt(p)
    p.set_defaults(func=cmd_similarity)

    p = sub.add_parser(
        "idealpoints",
        help="this project's dynamic ordinal ideal points; --validate compares with the published ones",
    )
    p.add_argument("country", nargs="?", help="only this state")
    p.add_argument("--out", metavar="FILE", help="write to FILE (.parquet, or in --format)")
    p.add_argument(
        "--bootstrap",
        type=bounded_int(0, MAX_IP_BOOTSTRAP),
        default=0,
        metavar="N",
        help=f"bootstrap intervals from N replicates over roll calls, each a full estimation, "
        f"0 to {MAX_IP_BOOTSTRAP:,} (default 0: Laplace intervals)",
    )
    p.add_argument("--refresh", action="store_true", help="re-estimate even if cached in the store")
    p.add_argument(
        "--validate",
        action="store_true",
        help="print the correlation with the published estimates per year and overall",
    )
    p.add_argument(
        "--against",
        choices=("idealpoint_fp", "idealpoint_all"),
        default="idealpoint_fp",
        help="published series to validate against",
    )
    _fmt(p)
    p.set_defaults(func=cmd_idealpoints)
