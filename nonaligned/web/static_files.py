"""Static files served from memory: the dashboard's stylesheet, script, map data and vendored JS.

Why not Starlette's ``StaticFiles``: it reads every file in FastAPI's shared thread pool, so under
load a 2 KB stylesheet waited behind uncached event queries (p95 about 240 ms at 20 clients on two
cores, ``benchmarks/bench_serve.py``). These files ship with the package, are small (well under
2 MB together) and never change while the server runs, so they are read once, at start-up, and
answered from the event loop with an ETag; a conditional request gets 304.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import Any

from starlette.types import Receive, Scope, Send

MAX_BYTES = 16 * 1024 * 1024  # a guard: a package folder this large is a packaging mistake


class MemoryStatic:
    """An ASGI app answering GET/HEAD for the files directly inside ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.files: dict[str, tuple[bytes, str, str]] = {}
        total = 0
        for path in sorted(directory.iterdir()):
            if not path.is_file() or path.name.startswith("."):
                continue
            body = path.read_bytes()
            total += len(body)
            if total > MAX_BYTES:
                raise ValueError(f"{directory}: static files over {MAX_BYTES:,} bytes")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            self.files[path.name] = (body, kind, etag)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # pragma: no cover - lifespan and websockets never reach mounts
            return
        name = scope["path"][len(scope.get("root_path", "")) :].lstrip("/")
        # a mount passes the path below its prefix; names are plain file names, never paths
        found = self.files.get(name) if "/" not in name and "\\" not in name else None
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await _answer(send, 405, b"method not allowed\n", "text/plain; charset=utf-8", {})
            return
        if found is None:
            await _answer(send, 404, b"not found\n", "text/plain; charset=utf-8", {})
            return
        body, kind, etag = found
        headers = {"etag": etag, "cache-control": "public, max-age=3600"}
        inm = dict(scope["headers"]).get(b"if-none-match", b"").decode("latin-1")
        if etag in inm:
            await _answer(send, 304, b"", kind, headers)
            return
        await _answer(send, 200, b"" if method == "HEAD" else body, kind, headers, len(body))


async def _answer(
    send: Send,
    status: int,
    body: bytes,
    kind: str,
    extra: dict[str, Any],
    length: int | None = None,
) -> None:
    headers = [
        (b"content-type", kind.encode()),
        (b"content-length", str(len(body) if length is None else length).encode()),
        *((k.encode(), str(v).encode()) for k, v in extra.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
