"""The evaluate command and its subcommands (actors, events, issues, claims)."""

from __future__ import annotations

from typing import Any

from .common import (
    _fmt,
    bounded_int,
)


def add_parsers(sub: Any) -> None:
    from ..evaluate.actors import DEFAULT_GOLD, cmd_evaluate_actors
    from ..evaluate.claims import add_claims_parser
    from ..evaluate.events import DEFAULT_CONFLIBERT, DEFAULT_PLOVER, cmd_evaluate_events
    from ..evaluate.issues import DEFAULT_ROLLCALLS, cmd_evaluate_issues

    p = sub.add_parser(
        "evaluate", help="score nonaligned's components against public gold standards"
    )
    esub = p.add_subparsers(
        dest="evaluate_command", metavar="SUBCOMMAND", help="what to score, e.g. claims"
    )
    esub.required = True
    q = esub.add_parser(
        "actors",
        help="actor recognition vs re3d: P/R/F1 per type, strict and lenient, with a model-only baseline",
    )
    q.add_argument(
        "--gold",
        metavar="PATH",
        default=str(DEFAULT_GOLD),
        help=f"a re3d-format folder, or a folder of them (default {DEFAULT_GOLD}), "
        f"e.g. --gold {DEFAULT_GOLD}/centcom",
    )
    q.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out actors.csv",
    )
    _fmt(q)
    q.set_defaults(func=cmd_evaluate_actors)

    q = esub.add_parser(
        "events",
        help="event coding vs PLOVER GSR and ConfliBERT CAMEO: event types, actors, triples, 5-way class and actor spans, with majority baselines",
    )
    q.add_argument(
        "--plover",
        metavar="PATH",
        default=str(DEFAULT_PLOVER),
        help=f"PLOVER GSR JSON file or folder of them (default {DEFAULT_PLOVER}; '' skips it), "
        "e.g. --plover ''",
    )
    q.add_argument(
        "--conflibert",
        metavar="PATH",
        default=str(DEFAULT_CONFLIBERT),
        help="folder with cameo_class/ and cameo_ner/, or the .tsv and .txt pair (default "
        f"{DEFAULT_CONFLIBERT}; '' skips it), e.g. --conflibert ''",
    )
    q.add_argument(
        "--out",
        metavar="FILE",
        help="write one file per table (eval.csv -> eval.summary.csv, ...) instead of standard "
        "output, e.g. --out eval.csv",
    )
    q.add_argument(
        "--coders",
        nargs="*",
        metavar="CODER",
        default=[],
        help="also score these coders in the summary, side by side: rules (rules only), model "
        "(the learned model only), combined (rules and model), encoder (combined, then the sentence "
        "encoder where neither coded an event); e.g. --coders rules model",
    )
    _fmt(q)
    q.set_defaults(func=cmd_evaluate_events)

    q = esub.add_parser(
        "issues",
        help="issue codes predicted from titles vs Voeten's coding: per-code P/R/F1, grouped CV and a temporal split, with a keyword baseline",
    )
    q.add_argument(
        "--rollcalls",
        metavar="PATH",
        default=str(DEFAULT_ROLLCALLS),
        help="roll-call Parquet table with short, descr, unres, session and the six codes "
        "(default: the bundled one), e.g. --rollcalls rollcalls.parquet",
    )
    q.add_argument(
        "--folds",
        type=bounded_int(2, 100),
        default=5,
        metavar="N",
        help="cross-validation folds, by session, 2 to 100 (default 5), e.g. --folds 10",
    )
    q.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, e.g. --out issues.csv",
    )
    _fmt(q)
    q.set_defaults(func=cmd_evaluate_issues)

    add_claims_parser(esub)
