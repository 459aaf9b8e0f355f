"""The whole parser, assembled from each command module's ``add_parsers(sub)``, in the order ``--help`` lists the commands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from . import check, data, evaluate, measures, news, records, report, serve
from .common import _one_line


class Parser(argparse.ArgumentParser):
    """argparse with its errors as one line, like every other error of nonaligned.

    argparse prints the usage and then the error; a usage block for a mistyped option buries
    the message, and the usage is one ``--help`` away. Subcommand parsers inherit the class.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(
            2, f"nonaligned: error: {_one_line(message)} (`{self.prog} --help` shows the usage)\n"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="nonaligned",
        description="Measure how aligned or non-aligned a state's foreign policy is, from UN votes, "
        "bloc memberships, alliances and news events.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"nonaligned {__version__}",
        help="print the version and exit; e.g. --version",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the store file, created if missing (default: $NONALIGNED_DB or the user data "
        "directory); given before the command, e.g. --db ~/nonaligned.duckdb",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress or status messages; e.g. -q",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an unexpected error instead of saving it to a file; "
        "e.g. --debug",
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="the command to run, e.g. profile (each has its own --help: nonaligned profile "
        "--help)",
    )
    sub.required = True

    for group in (records, measures, report, serve, news, check, evaluate, data):
        group.add_parsers(sub)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
