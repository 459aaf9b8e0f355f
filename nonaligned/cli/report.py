"""The report command: one state's static HTML report."""

from __future__ import annotations

import argparse
from typing import Any

from ..output import printable
from .common import (
    MAX_REPLICATES,
    _check_names,
    _records,
    _with_predecessor,
    bounded_int,
)


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..report.claims import claims_data
    from ..report.data import report_data
    from ..report.html import check_target, render, write_report

    rec = _records(args)
    state = rec.country(args.country)
    out = Path(args.out) if args.out else Path(f"{state.iso3.lower()}-report.html")
    check_target(out)  # a bad -o fails now, not after the measures are computed
    _check_names(rec, args)
    data = report_data(
        rec,
        args.country,
        since=args.since,
        until=args.until,
        peers=args.peers,
        poles=args.poles,
        balance_poles=args.balance_poles,
        replicates=args.replicates,
        top_events=args.top_events,
        with_predecessor=args.with_predecessor,
    )
    data["claims"] = claims_data(rec, str(data["state"]["iso3"]))  # the report's Claims section
    print(printable(str(write_report(out, render(data)))))
    return 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="one self-contained HTML report on a state: lean, balance, shifts, blocs, events",
    )
    p.add_argument(
        "country",
        help="name, demonym, ISO2/ISO3 code or COW code, e.g. Azerbaijan (or AZE, 373)",
    )
    p.add_argument(
        "-o",
        "--out",
        metavar="FILE",
        help="HTML file to write (default: <iso3>-report.html here), e.g. -o azerbaijan.html",
    )
    p.add_argument(
        "--since",
        metavar="DATE",
        help="start of the period (YYYY[-MM[-DD]]), e.g. --since 2010",
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help="end of the period (YYYY[-MM[-DD]]), e.g. --until 2022-02-24",
    )
    p.add_argument(
        "--peers",
        nargs="+",
        metavar="STATE",
        help="other states to compare, e.g. --peers Georgia Armenia Kazakhstan",
    )
    p.add_argument(
        "--poles",
        nargs="+",
        metavar="POLE",
        help="poles: bloc codes or states (default: USA RUS CHN TUR EU NAM), "
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
        default=200,
        metavar="N",
        help=f"bootstrap replicates, 1 to {MAX_REPLICATES:,} (default 200), e.g. --replicates 1000",
    )
    p.add_argument(
        "--top-events",
        type=bounded_int(0, 10_000),
        default=25,
        metavar="N",
        help="events in the table, 0 to 10,000 (default 25), e.g. --top-events 50",
    )
    _with_predecessor(p)
    p.set_defaults(func=cmd_report)
