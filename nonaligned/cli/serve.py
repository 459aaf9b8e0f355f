"""The serve command: the local dashboard."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import NonalignedError
from .common import (
    _status,
    bounded_int,
)


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    from ..config import resolve_db_path

    if not 0 < args.port < 65536:
        raise NonalignedError(f"--port {args.port}: a port is 1-65535")
    import uvicorn

    from ..web.app import create_app

    # The store is checked before anything listens: missing or unbuilt -> "run nonaligned build".
    path = resolve_db_path(args.db)
    loopback = args.host in ("127.0.0.1", "localhost", "::1")
    app = create_app(path, allowed_hosts=["127.0.0.1", "localhost"] if loopback else None)
    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except (TypeError, ValueError, UnicodeError) as exc:  # not a host name at all
        app.state.web.close()
        raise NonalignedError(f"--host {args.host!r}: not an address or host name") from exc
    except OSError as exc:
        app.state.web.close()
        raise NonalignedError(
            f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc}); "
            "pick another with --port"
        ) from exc
    if not loopback:
        print(
            f"nonaligned: warning: serving on {args.host}: anyone who can reach it can read this "
            "store (read-only). The default, 127.0.0.1, serves this machine only.",
            file=sys.stderr,
        )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    _status(
        args,
        f"nonaligned dashboard on http://{shown}:{args.port}/ — store {path} (read-only); Ctrl-C stops",
    )
    try:
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level="warning" if args.quiet else "info",
            access_log=not args.quiet,
        )
    finally:
        app.state.web.close()
    return 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="a local web dashboard (country, compare, map, events) and a JSON API over the store, read-only",
    )
    p.add_argument(
        "--host",
        metavar="HOST",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; an address other "
        "machines can reach, such as 0.0.0.0, gets a warning), e.g. --host localhost",
    )
    p.add_argument(
        "--port",
        type=bounded_int(1, 65535),
        default=8000,
        metavar="PORT",
        help="port, 1-65535 (default 8000), e.g. --port 8080",
    )
    p.set_defaults(func=cmd_serve)
