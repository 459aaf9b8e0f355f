"""A generated corpus of hostile inputs (issue 13), mixed with good pages.

Used by ``tests/test_bad_input.py`` and ``benchmarks/bench_bad_input.py``. :func:`build` writes
the folder and returns what ingest must make of it: the file names it must store and, for every
bad input, a fragment of the skip reason it must give (the real reason, not a symptom such as a
random language).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "nonaligned" / "text" / "sample"

# good pages: English sample pages that ingest stores as they are
GOOD = (
    "01_moscow_visit_preview_2022-02-21.txt",
    "04_nam_baku_summit_2019-10-26.txt",
    "11_eu_energy_mou_2022-07-18.html",
    "12_china_partnership_2025-04-23.html",
    "16_washington_peace_declaration_2025-08-08.html",
)

PARA = (
    "Azerbaijan's foreign minister met his Russian counterpart in Moscow on Tuesday to discuss "
    "the regional situation, the two ministers said in a joint statement after the talks."
)

# a file name that is not UTF-8 (as Python sees it: with surrogate escapes)
ODD_NAME = os.fsdecode(b"caf\xe9\xff.txt")
ODD_SOURCE = "06_shusha_declaration_2021-06-15.txt"  # the page stored under that name


@dataclass
class Corpus:
    folder: Path
    stored: set[str] = field(default_factory=set)  # file names ingest must store
    bad: dict[str, str] = field(default_factory=dict)  # file name -> reason fragment


def _gzip_stream(path: Path, chunks: Iterable[bytes]) -> None:
    """A gzip file written from byte chunks, never holding them all."""
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9) as gz:
        for chunk in chunks:
            gz.write(chunk)


def _repeat(total: int, byte: bytes = b"A", chunk: int = 1 << 20) -> Iterator[bytes]:
    block = byte * chunk
    left = total
    while left > 0:
        yield block[: min(chunk, left)]
        left -= chunk


def build(folder: Path, *, bomb_bytes: int = 30_000_000, good_only: bool = False) -> Corpus:
    """Write the good pages and (unless ``good_only``) the bad inputs into ``folder``.

    Each bomb decompresses to ``bomb_bytes``: above the 20 MB page limit with the default, 1.2 GB
    in the benchmark (the size that peaked at 3.7 GB before the limits).
    """
    folder.mkdir(parents=True, exist_ok=True)
    c = Corpus(folder)
    for name in GOOD:
        shutil.copy(SAMPLE / name, folder / name)
        c.stored.add(name)
    if good_only:
        return c
    page = (SAMPLE / "01_moscow_visit_preview_2022-02-21.txt").read_text(encoding="utf-8")

    def bad(name: str, data: bytes, reason: str) -> None:
        (folder / name).write_bytes(data)
        c.bad[name] = reason

    def good(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        c.stored.add(name)

    bad("empty.html", b"", "empty file")
    whole = gzip.compress(page.encode() * 3)
    bad("cut.txt.gz", whole[: len(whole) // 2], "truncated gzip")
    bad(
        "garbage.warc",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\n" + os.urandom(4000),
        "record 1 has damaged headers",
    )
    bad("nested.html", b"<div><span>" * 3_000 + b"</span></div>" * 3_000, "no text extracted")
    paras = "".join(f"<p>Short paragraph {i} about Baku.</p>" for i in range(100_000))
    bad("many_paragraphs.html", f"<html><body>{paras}</body></html>".encode(), "paragraphs")
    os.mkfifo(folder / "pipe.html")
    c.bad["pipe.html"] = "not a regular file (a FIFO)"
    (folder / "zero.txt").symlink_to("/dev/zero")
    c.bad["zero.txt"] = "not a regular file (a character device)"
    (folder / "urandom.html").symlink_to("/dev/urandom")
    c.bad["urandom.html"] = "not a regular file (a character device)"

    # a lone surrogate in a JSON string: stored with U+FFFD in its place
    good(
        "surrogate.jsonl",
        (json.dumps({"id": "s1", "text": "Baku said \ud800 that " + PARA}) + "\n").encode(),
    )
    # one paragraph over spaCy's 1,000,000-character limit
    good("long_paragraph.txt", ("Long read\n\n" + (PARA + " ") * 8_000 + "\n").encode())
    # a page declaring UTF-7: read as UTF-8, so "+ADw-script+AD4-" never becomes markup
    good(
        "utf7.html",
        b'<html><head><meta charset="utf-7"><title>UTF-7 page</title></head><body><article>'
        + b"".join(
            b"<p>" + PARA.replace("Moscow", f"Moscow ({i})").encode() + b"</p>" for i in range(4)
        )
        + b"<p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p></article></body></html>",
    )
    # a good page under a name that is not UTF-8
    shutil.copy(SAMPLE / ODD_SOURCE, folder / ODD_NAME)
    c.stored.add(ODD_NAME)

    # bombs: each decompresses to bomb_bytes
    _gzip_stream(folder / "bomb.txt.gz", _repeat(bomb_bytes))
    c.bad["bomb.txt.gz"] = "decompresses to more than"
    _gzip_stream(
        folder / "bomb.warc.gz",
        chain([b"WARC/1.0\r\nWARC-Type: response\r\nX-Bomb: "], _repeat(bomb_bytes), [b"\r\n\r\n"]),
    )
    c.bad["bomb.warc.gz"] = "header line longer than"
    _gzip_stream(
        folder / "bomb.jsonl.gz",
        chain([b'{"text": "'], _repeat(bomb_bytes), [b'"}\n']),
    )
    c.bad["bomb.jsonl.gz"] = "is larger than"
    return c


def shown(name: str) -> str:
    """A file name as ingest stores and prints it (bytes that are not UTF-8 as ``\\xff``)."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")
