"""Files to raw documents: the first stage of the text pipeline.

Why this module is long: it reads every input format (files, folders, gzip, JSON Lines, WARC) and
every encoding problem into RawDoc or Skip with one shared context and the same limits; a new input
format is one _read_* function here, next to the ones it must behave like.

Real crawls are messy: pages arrive as loose files, folders, gzip'd dumps, JSON Lines exports and
WARC archives, in whatever encoding the site used (Azerbaijani and Russian sites still serve
cp1251; some exporters write UTF-16; scrapers concatenate UTF-8 with stray latin-1 bytes). This
module turns any of that into :class:`RawDoc` values and, for everything it cannot use, a
:class:`Skip` naming the input and the problem. It never raises for bad input, because one broken
file in a folder of ten thousand must not stop an ingest, and the user needs to know which file it
was and why.

Memory stays bounded: whole-file inputs are checked against ``max_bytes`` by ``stat`` before they
are read, gzip members are decompressed only up to ``max_bytes + 1`` bytes, and JSON Lines and
WARC files are streamed one record at a time with the same limit per record, so a 50 GB export is
fine while a single 50 MB "page" is skipped.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import charset_normalizer

__all__ = ["RawDoc", "Skip", "iter_inputs", "looks_like_html"]

# Hard limits per input (docs/text-pipeline.md, "Limits"). Every one is a skip with its reason,
# never an error, and together they bound an ingest's memory whatever the input.
DEFAULT_MAX_BYTES = 20_000_000
"""Largest page, JSON Lines line or WARC record, counted *decompressed*: a file is checked by
``stat`` before it is read, gzip and WARC content is read at most this far (gzip bombs)."""
MAX_HEADER_LINE = 1_000_000
"""Longest WARC or HTTP header line: warcio joins a line's pieces quadratically and without a
bound, so a WARC whose header line decompresses to a gigabyte took 7.6 GB and minutes."""

# Skip reasons for command-line entries that name nothing: not inputs, so not stored as skips;
# ingest reports them as missing (and the CLI exits non-zero).
MISSING_REASONS = ("no such file or folder", "no file matches this pattern")


@dataclass(frozen=True)
class RawDoc:
    """One input document, decoded but otherwise untouched.

    ``source_key`` identifies the exact input (location and bytes), so re-reading the same file
    gives the same key and an edited file a new one; ``doc_id`` (content identity) is decided
    later by :mod:`nonaligned.text.extract`.
    """

    source_key: str
    path: str
    member: str | None
    kind: str
    content: str
    encoding: str
    fields: dict[str, str] = field(default_factory=dict)
    file_mtime: float | None = None


@dataclass(frozen=True)
class Skip:
    """An input that was not used, with a one-line reason a user can act on."""

    path: str
    member: str | None
    reason: str


# --------------------------------------------------------------------------- file discovery

_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
_TEXT_EXT = {".txt", ".text", ".md"}
_JSONL_EXT = {".jsonl", ".ndjson", ".jsonlines"}
_WARC_EXT = {".warc", ".arc"}
_GLOB_CHARS = re.compile(r"[*?\[]")


def iter_inputs(
    paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDoc | Skip]:
    """Yield a :class:`RawDoc` or a :class:`Skip` for every document under ``paths``.

    Each entry may be a file, a folder (read recursively, hidden files and folders ignored since
    they are editor backups and VCS metadata, not inputs) or a glob pattern (``**`` allowed).
    Files are visited in sorted order so runs are reproducible; a file reached twice (say by a
    folder and a glob) is read once.
    """
    seen: set[str] = set()
    for given in paths:
        for path, root in _expand(given):
            if isinstance(path, Skip):
                yield path
                continue
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            shown = display_path(path)
            try:
                for item in _read_file(path, root, max_bytes):
                    yield item if shown == path else replace(item, path=shown)
            except Exception as err:  # a reader bug must cost one file, not the run
                yield Skip(shown, None, f"cannot read: {type(err).__name__}: {err}"[:300])


def display_path(path: str) -> str:
    """``path`` as text that can be printed and stored: a file name that is not UTF-8 (its bytes
    arrive as lone surrogates) shows the bad bytes as ``\\xff`` escapes instead of failing."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return path


def _no_surrogates(text: str) -> str:
    """Lone surrogates (JSON ``"\\ud800"``) cannot be encoded: each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _expand(given: str) -> Iterator[tuple[str, str] | tuple[Skip, str]]:
    """Resolve one command-line entry into (file, ingest root) pairs.

    The ingest root is what ``source_key`` paths are relative to, so the same corpus copied to
    another machine keeps its keys: the folder itself for a folder, the fixed prefix of a glob,
    and the parent folder for a single file.
    """
    expanded = Path(given).expanduser().absolute()
    if expanded.is_dir():
        for f in _walk(expanded):
            yield str(f), str(expanded)
        return
    if expanded.is_file() or expanded.is_symlink() or _exists(expanded):
        # a FIFO or a device is yielded too: the reader names it (it is never opened)
        yield str(expanded), str(expanded.parent)
        return
    if _GLOB_CHARS.search(given):
        import glob

        prefix = _GLOB_CHARS.split(str(expanded), maxsplit=1)[0]
        root = prefix if prefix.endswith(os.sep) else str(Path(prefix).parent)
        # glob.glob, not Path.glob: the pattern may hold wildcards in any folder level
        matches = sorted(glob.glob(str(expanded), recursive=True))  # noqa: PTH207
        if not matches:
            yield Skip(given, None, "no file matches this pattern"), root
        for m in matches:
            if Path(m).is_dir():
                for f in _walk(Path(m)):
                    yield str(f), root
            else:
                yield m, root
        return
    yield Skip(given, None, "no such file or folder"), str(expanded.parent)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


# --------------------------------------------------------------------------- one file


def _read_file(path: str, root: str, max_bytes: int) -> Iterator[RawDoc | Skip]:
    """Read one file of any supported kind, turning every failure into a :class:`Skip`."""
    file = Path(path)
    try:
        st = file.stat()
    except OSError as err:
        yield Skip(path, None, f"cannot read: {err.strerror or err}")
        return
    if not stat.S_ISREG(st.st_mode):
        # never opened: a FIFO would block, /dev/zero and /dev/urandom never end
        yield Skip(path, None, f"not a regular file ({_file_type(st.st_mode)})")
        return
    ctx = _Ctx(path=path, rel=_rel(path, root), mtime=st.st_mtime, max_bytes=max_bytes)
    name = file.name.lower()
    try:
        with file.open("rb") as fh:
            head = fh.read(8192)
        if not head:
            yield Skip(path, None, "empty file")
            return
        if st.st_size == 0:
            # it has content but no size: a pseudo-file (/proc, /sys) generated on reading;
            # read it as a page, bounded like any other
            with file.open("rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Skip(path, None, f"pseudo-file of unknown size, larger than {_mb(max_bytes)}")
            else:
                doc = _make_doc(ctx, data, member=None)
                if isinstance(doc, Skip):
                    doc = replace(doc, reason=f"pseudo-file of unknown size: {doc.reason}")
                yield doc
            return
        if head.startswith(b"\x1f\x8b"):
            yield from _read_gzip(ctx, name)
        elif head.startswith(b"WARC/") or _ext(name) in _WARC_EXT:
            yield from _read_warc(ctx)
        elif _ext(name) in _JSONL_EXT or (
            _ext(name) not in _HTML_EXT | _TEXT_EXT and _sniff_jsonl(head)
        ):
            with file.open("rb") as fh:
                yield from _read_jsonl(ctx, fh)
        elif st.st_size > max_bytes:
            yield Skip(path, None, f"larger than {_mb(max_bytes)} ({st.st_size:,} bytes)")
        else:
            with file.open("rb") as fh:
                data = fh.read(max_bytes + 1)
            yield _make_doc(ctx, data, member=None)
    except OSError as err:
        yield Skip(path, None, f"cannot read: {err.strerror or err}")


def _file_type(mode: int) -> str:
    for test, what in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return what
    return "a special file"


@dataclass(frozen=True)
class _Ctx:
    path: str
    rel: str
    mtime: float
    max_bytes: int


def _rel(path: str, root: str) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _ext(name: str) -> str:
    return Path(name).suffix


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def _source_key(ctx: _Ctx, member: str | None, data: bytes) -> str:
    # the name's own bytes (a non-UTF-8 name too); for a UTF-8 name the same key as ever
    h = hashlib.sha256(
        os.fsencode(ctx.rel) + f"|{member or ''}".encode("utf-8", errors="surrogatepass")
    )
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


# --------------------------------------------------------------------------- gzip


def _read_gzip(ctx: _Ctx, name: str) -> Iterator[RawDoc | Skip]:
    """A ``.gz`` of any supported kind; the inner kind comes from the name without ``.gz``
    or, failing that, from the decompressed bytes."""
    inner = name[:-3] if name.endswith(".gz") else name
    try:
        # Sniff the first member only, with a raw decompressor: a later member cut short must
        # not hide the records before it (multi-member .warc.gz).
        with Path(ctx.path).open("rb") as fh:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(1 << 16), 8192)
    except zlib.error as err:
        yield Skip(ctx.path, None, f"not a valid gzip file ({err})")
        return
    if not head:
        yield Skip(ctx.path, None, "empty file (inside gzip)")
        return
    if head.startswith(b"WARC/") or _ext(inner) in _WARC_EXT:
        yield from _read_warc(ctx)
        return
    if _ext(inner) in _JSONL_EXT or (
        _ext(inner) not in _HTML_EXT | _TEXT_EXT and _sniff_jsonl(head)
    ):
        with gzip.open(ctx.path, "rb") as gz:
            yield from _read_jsonl(ctx, gz)
        return
    try:
        with gzip.open(ctx.path, "rb") as gz:
            data = gz.read(ctx.max_bytes + 1)
    except EOFError:
        yield Skip(ctx.path, None, "truncated gzip")
        return
    except (gzip.BadGzipFile, zlib.error) as err:
        yield Skip(ctx.path, None, f"corrupt gzip data ({err})")
        return
    if len(data) > ctx.max_bytes:
        yield Skip(ctx.path, None, f"decompresses to more than {_mb(ctx.max_bytes)}")
        return
    yield _make_doc(ctx, data, member=None)


# --------------------------------------------------------------------------- JSON Lines


def _sniff_jsonl(head: bytes) -> bool:
    """True when the first line is a JSON object: how exports without an extension look."""
    stripped = head.lstrip(codecs.BOM_UTF8).lstrip()
    if not stripped.startswith(b"{"):
        return False
    first = stripped.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        # A first line cut by the 8 KB head is still JSON Lines if it looks like an object.
        return len(first) >= 8000 or b'":' in first


def _read_jsonl(ctx: _Ctx, stream: io.BufferedReader | gzip.GzipFile) -> Iterator[RawDoc | Skip]:
    """Stream JSON Lines: one document per line, each bad line its own :class:`Skip`.

    Records carry ``text`` or ``html`` plus optional ``id``, ``url``, ``date`` and ``title``.
    Lines are read with a length cap so a runaway line cannot exhaust memory.
    """
    try:
        first = stream.peek(4)[:4]
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # UTF-16 exports are rare and small: decode whole (bounded), then split.
            text = stream.read(ctx.max_bytes).decode("utf-16", errors="replace")
            lines: Iterator[bytes] = (ln.encode("utf-8") for ln in text.splitlines())
            yield from _jsonl_lines(ctx, lines, "utf-16")
            return
        yield from _jsonl_lines(ctx, _capped_lines(ctx, stream), "utf-8")
    except EOFError:
        yield Skip(ctx.path, None, "truncated gzip (the lines before the cut were read)")
    except (gzip.BadGzipFile, zlib.error) as err:
        yield Skip(ctx.path, None, f"corrupt gzip data ({err})")


_TOO_LONG = b"\0__line_too_long__"


def _capped_lines(ctx: _Ctx, stream: io.BufferedReader | gzip.GzipFile) -> Iterator[bytes]:
    """Lines of at most ``max_bytes``; a longer line is drained and reported as a marker."""
    while True:
        line = stream.readline(ctx.max_bytes + 1)
        if not line:
            return
        if len(line) > ctx.max_bytes and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _TOO_LONG
            continue
        yield line


def _jsonl_lines(ctx: _Ctx, lines: Iterator[bytes], encoding: str) -> Iterator[RawDoc | Skip]:
    for n, raw in enumerate(lines, start=1):
        member = f"line {n}"
        if raw == _TOO_LONG:
            yield Skip(ctx.path, member, f"line {n} is larger than {_mb(ctx.max_bytes)}")
            continue
        stripped = (raw.removeprefix(codecs.BOM_UTF8) if n == 1 else raw).strip()
        if not stripped:
            continue
        try:
            line = stripped.decode("utf-8")
        except UnicodeDecodeError:
            decoded = _decode(stripped, declared=None)
            if decoded is None:
                yield Skip(ctx.path, member, f"line {n} is not UTF-8 text")
                continue
            line = decoded[0]
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skip(
                ctx.path, member, f"invalid JSON on line {n}: {err.msg} (column {err.colno})"
            )
            continue
        except RecursionError:
            yield Skip(ctx.path, member, f"invalid JSON on line {n}: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield Skip(ctx.path, member, f"line {n} is not a JSON object")
            continue
        html, text = obj.get("html"), obj.get("text")
        if isinstance(html, str) and html.strip():
            kind, content = "html", html
        elif isinstance(text, str) and text.strip():
            kind, content = "text", text
        else:
            yield Skip(ctx.path, member, f"line {n} has no text or html field")
            continue
        fields = {
            k: _no_surrogates(str(obj[k]))
            for k in ("id", "url", "date", "title")
            if isinstance(obj.get(k), (str, int, float)) and str(obj[k]).strip()
        }
        yield RawDoc(
            source_key=_source_key(ctx, member, raw),
            path=ctx.path,
            member=member,
            kind=kind,
            content=_no_surrogates(content.replace("\x00", "")),
            encoding=encoding,
            fields=fields,
            file_mtime=ctx.mtime,
        )


# --------------------------------------------------------------------------- WARC

_TEXT_MIMES = {"text/html", "application/xhtml+xml", "text/plain", ""}


def _read_warc(ctx: _Ctx) -> Iterator[RawDoc | Skip]:
    """Stream a WARC (plain or gzip'd): one document per HTML or text response record.

    Request, metadata and warcinfo records are bookkeeping and pass silently; responses that
    are not text (images, scripts) or not successful (redirects, 404s) are named as skips so a
    user can see what the crawl actually held. ``WARC-Date`` is kept as ``crawl_date``, never as
    ``date``: it is when the page was fetched, not when it was published.
    """
    n = 0
    try:
        with Path(ctx.path).open("rb") as fh:
            for rec in _bounded_archive(fh):
                n += 1
                if rec.rec_type not in ("response", "resource", "conversion"):
                    continue
                member = rec.rec_headers.get_header("WARC-Record-ID") or f"record {n}"
                url = rec.rec_headers.get_header("WARC-Target-URI") or ""
                ctype = ""
                if rec.http_headers is not None:
                    status = rec.http_headers.get_statuscode() or ""
                    if status and not status.startswith("2"):
                        yield Skip(ctx.path, member, f"HTTP status {status} for {url}")
                        continue
                    ctype = rec.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = rec.rec_headers.get_header("Content-Type") or ""
                mime = ctype.split(";", 1)[0].strip().lower()
                if mime not in _TEXT_MIMES:
                    yield Skip(ctx.path, member, f"not a text page ({mime}) for {url}")
                    continue
                data = rec.content_stream().read(ctx.max_bytes + 1)
                if len(data) > ctx.max_bytes:
                    yield Skip(ctx.path, member, f"record larger than {_mb(ctx.max_bytes)}")
                    continue
                if getattr(rec.raw_stream, "limit", 0):
                    # bytes promised by Content-Length never arrived: the archive was cut
                    yield Skip(ctx.path, member, f"truncated WARC record for {url}")
                    continue
                if not data:
                    yield Skip(ctx.path, member, f"empty record for {url}")
                    continue
                m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", ctype, re.I)
                fields = {"url": url} if url else {}
                crawl = rec.rec_headers.get_header("WARC-Date")
                if crawl:
                    fields["crawl_date"] = crawl
                kind = "text" if mime == "text/plain" else ("html" if mime else None)
                yield _make_doc(
                    ctx,
                    data,
                    member=member,
                    declared=m.group(1) if m else None,
                    kind=kind,
                    fields=fields,
                )
    except _LineTooLong:
        where = f"after record {n}" if n else "at the start"
        yield Skip(
            ctx.path,
            None,
            f"corrupt WARC {where}: a header line longer than {_mb(MAX_HEADER_LINE)}",
        )
        return
    except Exception as err:  # warcio raises many types for damaged archives
        where = f"after record {n}" if n else "at the start"
        yield Skip(
            ctx.path,
            None,
            _warc_reason(err, where, n + 1),
        )
        return
    if n == 0:
        yield Skip(ctx.path, None, "no WARC records (garbage after the header, or not a WARC)")


def _warc_reason(err: Exception, where: str, record: int) -> str:
    """Why a WARC could not be read, in words a user can act on.

    warcio's own ``ArchiveLoadFailed`` carries a readable message; anything else (an
    ``AttributeError`` on a missing status line, a ``ValueError`` on a bad length) comes from
    parsing a record whose headers are damaged, and the exception text would only confuse.
    """
    if type(err).__name__ == "ArchiveLoadFailed":
        detail = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
        return f"corrupt or truncated WARC {where}: {detail}"[:300]
    if isinstance(err, (EOFError, OSError, zlib.error)):
        return f"corrupt or truncated WARC {where}: the file ends or is damaged in record {record}"
    return (
        f"corrupt WARC {where}: record {record} has damaged headers "
        "(no readable WARC or HTTP status line)"
    )


class _LineTooLong(Exception):
    pass


def _bounded_archive(fh: io.BufferedReader) -> Iterator[Any]:
    """warcio's record iterator with header lines capped at :data:`MAX_HEADER_LINE`."""
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.bufferedreaders import (  # type: ignore[import-untyped]
        DecompressingBufferedReader,
    )

    class BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
        def readline(self, length: int | None = None) -> bytes:
            if length and length <= MAX_HEADER_LINE:
                return bytes(super().readline(length))
            line = bytes(super().readline(MAX_HEADER_LINE))
            if len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
                raise _LineTooLong
            return line

    it = ArchiveIterator(fh)
    # replaced before the first record is read (the iterator is a generator not yet started)
    it.reader = BoundedReader(it.fh, block_size=it.reader.block_size)
    return iter(it)


# --------------------------------------------------------------------------- decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf", "7-zip archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"SQLite format 3", "SQLite database"),
    (b"PAR1", "Parquet file"),
)

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_PREFERRED = ("cp1251", "cp1252")
_SINGLE_BYTE = ["cp1252", "cp1251", "cp1250", "cp1254", "cp1257", "latin_1", "koi8_r"]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def looks_like_html(text: str) -> bool:
    """Markup near the top means HTML whatever the file is called."""
    head = text[:4096].lstrip().lower()
    return bool(
        re.search(
            r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|table|br)\b",
            head,
        )
    )


def _binary_kind(data: bytes) -> str | None:
    """Name the binary format, or None for something that could be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return None
    if _utf16_by_nuls(sample):
        return None
    if b"\x00" in sample:
        return "NUL bytes"
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    if controls > max(2, len(sample) // 100):
        return "control bytes"
    return None


def _utf16_by_nuls(sample: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text puts a NUL in every other byte."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    ze, zo = even.count(0) / len(even), odd.count(0) / len(odd)
    if zo > 0.3 and ze < 0.02:
        return "utf-16-le"
    if ze > 0.3 and zo < 0.02:
        return "utf-16-be"
    return None


def _normalise_charset(name: str) -> str | None:
    """A declared charset as a Python codec, following the WHATWG habit of reading latin-1
    labels as cp1252 (browsers do; servers mislabel cp1252 pages as ISO-8859-1 all the time)."""
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii", "us-ascii"):
        return "cp1252"
    if codec == "utf-7":
        return None  # never honoured (WHATWG): "+ADw-script+AD4-" would become markup
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a declaration without a BOM is not trustworthy (WHATWG: read as UTF-8)
    return codec


def _stray_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Decode an invalid byte inside UTF-8 as cp1252 (latin-1 for its five holes)."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.start + 1]
    try:
        return bad.decode("cp1252"), err.start + 1
    except UnicodeDecodeError:
        return bad.decode("latin-1"), err.start + 1


codecs.register_error("nonaligned-stray-cp1252", _stray_cp1252)


def _decode(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """Decode ``data``: BOM, NUL pattern, declared charset, UTF-8, UTF-8 with stray single-byte
    characters, then a single-byte code page chosen by ``charset-normalizer``; None if nothing
    gives plausible text."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    nul = _utf16_by_nuls(data[:8192])
    if nul:
        try:
            return data.decode(nul), nul
        except UnicodeDecodeError:
            return None
    if declared:
        declared_codec = _normalise_charset(declared)
        if declared_codec:
            try:
                return data.decode(declared_codec), declared_codec
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = data.decode("utf-8", errors="nonaligned-stray-cp1252")
    strays = data.decode("utf-8", errors="replace").count("\ufffd")
    multibyte = sum(1 for ch in data.decode("utf-8", errors="ignore") if ord(ch) > 0x7F)
    if multibyte >= strays:
        # Mostly valid UTF-8 (curly quotes, dashes) with a few bytes pasted in from a
        # single-byte page: decoding everything as cp1252 would garble the UTF-8 part.
        return mixed, "utf-8+cp1252"
    best = charset_normalizer.from_bytes(data, cp_isolation=_SINGLE_BYTE).best()
    if best is None or best.encoding is None:
        return None
    text = str(best)
    # English with curly quotes decodes identically in several code pages; name the one this
    # corpus most likely used (Azerbaijani and Russian sites serve cp1251) rather than the
    # detector's arbitrary pick among equals.
    encoding = best.encoding
    for codec in _PREFERRED:
        if codec != encoding and data.decode(codec, errors="replace") == text:
            encoding = codec
            break
    c1 = sum(1 for ch in text[:20000] if "\x80" <= ch <= "\x9f")
    if c1 > max(2, len(text[:20000]) // 200):
        return None
    return text, encoding


def _make_doc(
    ctx: _Ctx,
    data: bytes,
    *,
    member: str | None,
    declared: str | None = None,
    kind: str | None = None,
    fields: dict[str, str] | None = None,
) -> RawDoc | Skip:
    """Turn the bytes of one page into a :class:`RawDoc`, or say why not."""
    if not data:
        return Skip(ctx.path, member, "empty file")
    binary = _binary_kind(data)
    if binary:
        return Skip(ctx.path, member, f"binary file ({binary})")
    if declared is None:
        m = _META_CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:512])
        if m:
            declared = m.group(1).decode("ascii", "replace")
    decoded = _decode(data, declared)
    if decoded is None:
        return Skip(ctx.path, member, "not UTF-8/cp1251/UTF-16 text")
    text, encoding = decoded
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        return Skip(ctx.path, member, "binary file (NUL characters after decoding)")
    if not text.strip():
        return Skip(ctx.path, member, "no text (whitespace only)")
    if kind is None:
        # Content decides, not the name: scrapers save HTML as .txt and text as .html.
        kind = "html" if looks_like_html(text) else "text"
    return RawDoc(
        source_key=_source_key(ctx, member, data),
        path=ctx.path,
        member=member,
        kind=kind,
        content=text,
        encoding=encoding,
        fields=dict(fields or {}),
        file_mtime=ctx.mtime,
    )
