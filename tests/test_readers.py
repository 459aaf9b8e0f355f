"""Readers on a corpus of bad input built by the test: nothing escapes, every problem is named.

All inputs are made here in tmp_path by code: binary junk, odd encodings, broken gzip, empty
files, an oversized page, pathological HTML, JSON Lines with bad lines, a hand-written WARC, and
randomly mutated copies of good files.
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
import tracemalloc
import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

from nonaligned.text.extract import Document, extract
from nonaligned.text.readers import RawDoc, Skip, iter_inputs

MB = 1_000_000

GOOD_TEXT = (
    "Leaders of the Non-Aligned Movement met by video link on 4 May 2020.\n\n"
    "They talked about the pandemic and agreed to share medical supplies among members.\n"
)
GOOD_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Online summit</title></head>"
    "<body><nav><a href='/'>Home</a></nav><article><h1>Online summit</h1>"
    "<p>Leaders of the Non-Aligned Movement met by video link on 4 May 2020, the first time the "
    "movement had gathered online, and spoke about the pandemic.</p>"
    "<p>They agreed to share medical supplies among the members that needed them most.</p>"
    "</article><footer>© 2020 Example</footer></body></html>"
)


def _by_name(results: Iterable[RawDoc | Skip]) -> dict[str, list[RawDoc | Skip]]:
    out: dict[str, list[RawDoc | Skip]] = {}
    for r in results:
        out.setdefault(Path(r.path).name, []).append(r)
    return out


def _one(results: dict[str, list[RawDoc | Skip]], name: str) -> RawDoc | Skip:
    (r,) = results[name]
    return r


def _skip_reason(results: dict[str, list[RawDoc | Skip]], name: str) -> str:
    r = _one(results, name)
    assert isinstance(r, Skip), f"{name} was read: {r}"
    return r.reason


def _doc(results: dict[str, list[RawDoc | Skip]], name: str) -> RawDoc:
    r = _one(results, name)
    assert isinstance(r, RawDoc), f"{name} skipped: {r}"
    return r


def _warc_record(url: str, status: str, ctype: str, body: bytes) -> bytes:
    """One gzip member holding one WARC response record, written by hand (WARC 1.0)."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "WARC-Date: 2020-05-05T08:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every bad input at once, plus a few good ones."""
    root = tmp_path_factory.mktemp("corpus")
    rng = random.Random(20200504)
    (root / "random.bin").write_bytes(rng.randbytes(4096))
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048))
    (root / "picture_named_as_text.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(512))
    # English only, but saved as cp1251 by an old Windows tool: the curly quotes are 0x93/0x94
    (root / "cp1251.txt").write_bytes(
        "Officials said the talks were “constructive” and the chair’s plan was welcomed.".encode(
            "cp1251"
        )
    )
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD_TEXT.encode("utf-16-le"))
    (root / "utf16_no_bom.txt").write_bytes(GOOD_TEXT.encode("utf-16-le"))
    # UTF-8 with a few latin-1 bytes pasted in from another page
    (root / "mixed.txt").write_bytes(
        "The minister’s “plan” was discussed. ".encode() + b"Caf\xe9 talks and na\xefve hopes."
    )
    good_gz = gzip.compress(GOOD_TEXT.encode() * 50, mtime=0)
    (root / "truncated.txt.gz").write_bytes(good_gz[: len(good_gz) // 2])
    (root / "not_really.gz").write_bytes(b"\x1f\x8b" + b"this is not deflate data at all")
    (root / "good.txt.gz").write_bytes(gzip.compress(GOOD_TEXT.encode(), mtime=0))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"   \n\t\n  \r\n")
    with (root / "huge.html").open("wb") as fh:  # 50 MB page, written in 1 MB pieces
        fh.write(b"<html><body>")
        chunk = b"<p>" + b"filler text " * 83_000 + b"</p>"
        for _ in range(50):
            fh.write(chunk)
        fh.write(b"</body></html>")
    # 60 MB of text squeezed into a small gzip: must stop at the limit, not inflate it all
    (root / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (60 * MB), compresslevel=1, mtime=0))
    (root / "deep.html").write_text(
        "<html><body>"
        + "<div>" * 100_000
        + "<p>The ministers met in Baku and agreed to talk again in the spring, officials "
        "said after the meeting ended late on Monday evening.</p>"
        + "</div>" * 100_000
        + "</body></html>",
        encoding="utf-8",
    )
    (root / "good.html").write_text(GOOD_HTML, encoding="utf-8")
    (root / "html_saved_as.txt").write_text(GOOD_HTML, encoding="utf-8")
    (root / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    lines = [
        json.dumps(
            {"id": "a1", "url": "https://w.example/1", "date": "2020-05-04", "text": GOOD_TEXT}
        ),
        '{"id": "a2", "text": "unterminated',
        "",
        json.dumps({"id": "a3", "title": "no body here", "url": "https://w.example/3"}),
        "[1, 2, 3]",
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "a4", "html": GOOD_HTML, "title": "Online summit"}),
        "not json at all",
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "feed_without_extension").write_text(
        lines[0] + "\n" + lines[1] + "\n", encoding="utf-8"
    )
    (root / "crawl.warc.gz").write_bytes(
        _warc_record(
            "https://w.example/page",
            "200 OK",
            "text/html; charset=windows-1251",
            GOOD_HTML.replace("©", "(c)").encode("cp1251"),
        )
        + _warc_record("https://w.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        + _warc_record("https://w.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
    )
    second = _warc_record("https://w.example/second", "200 OK", "text/html", GOOD_HTML.encode())
    (root / "cut.warc.gz").write_bytes(
        _warc_record("https://w.example/first", "200 OK", "text/plain", GOOD_TEXT.encode())
        + second[: len(second) - 30]
    )
    (root / ".hidden.txt").write_text(GOOD_TEXT, encoding="utf-8")
    sub = root / "nested" / "deeper"
    sub.mkdir(parents=True)
    (sub / "inner.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def results(corpus: Path) -> dict[str, list[RawDoc | Skip]]:
    return _by_name(iter_inputs([str(corpus)]))


def test_binary_files_are_skipped(results: dict[str, list[RawDoc | Skip]]) -> None:
    assert _skip_reason(results, "random.bin").startswith("binary file")
    assert _skip_reason(results, "picture.png") == "binary file (PNG image)"
    assert _skip_reason(results, "picture_named_as_text.txt") == "binary file (PNG image)"


def test_cp1251_english_with_curly_quotes(results: dict[str, list[RawDoc | Skip]]) -> None:
    doc = _doc(results, "cp1251.txt")
    assert "“constructive”" in doc.content
    assert "chair’s" in doc.content
    assert doc.encoding == "cp1251"


def test_utf16_with_and_without_bom(results: dict[str, list[RawDoc | Skip]]) -> None:
    for name in ("utf16.txt", "utf16_no_bom.txt"):
        doc = _doc(results, name)
        assert doc.content.startswith("Leaders of the Non-Aligned Movement"), name
        assert doc.encoding.startswith("utf-16"), name


def test_utf8_with_stray_latin1_bytes(results: dict[str, list[RawDoc | Skip]]) -> None:
    doc = _doc(results, "mixed.txt")
    # the UTF-8 part stays intact and the stray bytes become the characters they were
    assert doc.content == "The minister’s “plan” was discussed. Café talks and naïve hopes."
    assert doc.encoding == "utf-8+cp1252"


def test_broken_gzip(results: dict[str, list[RawDoc | Skip]]) -> None:
    assert "truncated gzip" in _skip_reason(results, "truncated.txt.gz")
    assert "gzip" in _skip_reason(results, "not_really.gz")
    assert _doc(results, "good.txt.gz").content == GOOD_TEXT


def test_empty_and_blank(results: dict[str, list[RawDoc | Skip]]) -> None:
    assert _skip_reason(results, "empty.txt") == "empty file"
    assert _skip_reason(results, "blank.txt") == "no text (whitespace only)"


def test_oversized_page_is_skipped_by_size(results: dict[str, list[RawDoc | Skip]]) -> None:
    assert _skip_reason(results, "huge.html").startswith("larger than 20 MB")
    assert "decompresses to more than 20 MB" in _skip_reason(results, "bomb.txt.gz")


def test_oversized_inputs_use_bounded_memory(corpus: Path) -> None:
    tracemalloc.start()
    try:
        out = list(iter_inputs([str(corpus / "huge.html"), str(corpus / "bomb.txt.gz")]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(r) for r in out] == [Skip, Skip]
    # the 50 MB page is never read; the bomb is inflated only up to the 20 MB limit
    assert peak < 45 * MB


def test_deeply_nested_html_does_not_crash(results: dict[str, list[RawDoc | Skip]]) -> None:
    raw = _doc(results, "deep.html")
    assert raw.kind == "html"
    out = extract(raw)  # must not raise RecursionError
    if isinstance(out, Skip):
        assert out.reason
    else:
        assert "agreed to talk again in the spring" in out.text


def test_jsonl_good_lines_read_bad_lines_named(results: dict[str, list[RawDoc | Skip]]) -> None:
    got = {r.member: r for r in results["feed.jsonl"]}
    assert set(got) == {"line 1", "line 2", "line 4", "line 5", "line 6", "line 7", "line 8"}
    first = got["line 1"]
    assert isinstance(first, RawDoc)
    assert first.kind == "text"
    assert first.fields == {"id": "a1", "url": "https://w.example/1", "date": "2020-05-04"}
    html = got["line 7"]
    assert isinstance(html, RawDoc)
    assert html.kind == "html"
    assert html.fields["title"] == "Online summit"
    reasons = {m: r.reason for m, r in got.items() if isinstance(r, Skip)}
    assert reasons["line 2"].startswith("invalid JSON on line 2:")
    assert reasons["line 4"] == "line 4 has no text or html field"
    assert reasons["line 5"] == "line 5 is not a JSON object"
    assert reasons["line 6"] == "invalid JSON on line 6: nested too deeply"
    assert reasons["line 8"].startswith("invalid JSON on line 8:")


def test_jsonl_sniffed_without_extension(results: dict[str, list[RawDoc | Skip]]) -> None:
    kinds = [(r.member, type(r).__name__) for r in results["feed_without_extension"]]
    assert kinds == [("line 1", "RawDoc"), ("line 2", "Skip")]


def test_warc_records(results: dict[str, list[RawDoc | Skip]]) -> None:
    page, image, gone = results["crawl.warc.gz"]
    assert isinstance(page, RawDoc)
    assert page.kind == "html"
    assert page.encoding == "cp1251"  # from the HTTP header
    assert page.fields["url"] == "https://w.example/page"
    assert "date" not in page.fields  # WARC-Date is when it was fetched, not published
    assert page.fields["crawl_date"] == "2020-05-05T08:00:00Z"
    assert isinstance(image, Skip)
    assert "image/png" in image.reason
    assert isinstance(gone, Skip)
    assert "404" in gone.reason
    # an archive cut inside its last record keeps the records before the cut
    kept, cut = results["cut.warc.gz"]
    assert isinstance(kept, RawDoc)
    assert (kept.kind, kept.content) == ("text", GOOD_TEXT)
    assert isinstance(cut, Skip)
    assert cut.reason == "truncated WARC record for https://w.example/second"


def test_html_is_recognised_by_content(results: dict[str, list[RawDoc | Skip]]) -> None:
    assert _doc(results, "html_saved_as.txt").kind == "html"
    assert _doc(results, "good.html").kind == "html"
    assert _doc(results, "good.txt").kind == "text"


def test_folder_recursion_and_hidden_files(results: dict[str, list[RawDoc | Skip]]) -> None:
    assert _doc(results, "inner.txt").content == GOOD_TEXT
    assert ".hidden.txt" not in results


def test_every_input_accounted_for(corpus: Path, results: dict[str, list[RawDoc | Skip]]) -> None:
    visible = {p.name for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert set(results) == visible
    for items in results.values():
        for r in items:
            assert Path(r.path).is_absolute()
            if isinstance(r, Skip):
                assert r.reason and "\n" not in r.reason


def test_folder_plus_glob_reads_each_file_once(corpus: Path) -> None:
    out = list(
        iter_inputs(
            [
                str(corpus),
                str(corpus / "*.txt"),
                str(corpus / "**" / "inner.txt"),
                str(corpus / "nothing-*.xyz"),
                str(corpus / "missing.txt"),
            ]
        )
    )
    names = [Path(r.path).name for r in out if r.member is None]
    assert names.count("good.txt") == 1
    assert names.count("inner.txt") == 1
    misses = {r.reason for r in out if isinstance(r, Skip) and r.path.endswith(("*.xyz", ".txt"))}
    assert "no file matches this pattern" in misses
    assert "no such file or folder" in misses


def test_source_key_is_stable_and_content_sensitive(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (first,) = iter_inputs([str(tmp_path / "a.txt")])
    (again,) = iter_inputs([str(tmp_path / "a.txt")])
    (tmp_path / "a.txt").write_text(GOOD_TEXT + "One more line.\n", encoding="utf-8")
    (edited,) = iter_inputs([str(tmp_path / "a.txt")])
    assert isinstance(first, RawDoc)
    assert isinstance(again, RawDoc)
    assert isinstance(edited, RawDoc)
    assert first.source_key == again.source_key != edited.source_key


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(GOOD_TEXT, encoding="utf-8")
    size = (tmp_path / "page.txt").stat().st_size
    (small,) = iter_inputs([str(tmp_path)], max_bytes=50)
    assert isinstance(small, Skip)
    assert small.reason == f"larger than 5e-05 MB ({size:,} bytes)"
    (ok,) = iter_inputs([str(tmp_path)])
    assert isinstance(ok, RawDoc)


def test_fuzzed_copies_never_raise(tmp_path: Path) -> None:
    """Random byte flips, cuts and splices of good files: each yields a doc or a named skip,
    and extraction of whatever is read never raises either."""
    rng = random.Random(7)
    seeds = {
        "page.html": GOOD_HTML.encode(),
        "page.txt": GOOD_TEXT.encode(),
        "feed.jsonl": (json.dumps({"id": 1, "text": GOOD_TEXT}) + "\n").encode() * 3,
        "page.txt.gz": gzip.compress(GOOD_TEXT.encode(), mtime=0),
        "crawl.warc.gz": _warc_record(
            "https://w.example/f", "200 OK", "text/html", GOOD_HTML.encode()
        ),
    }
    for i in range(120):
        name, data = rng.choice(sorted(seeds.items()))
        buf = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            op = rng.random()
            pos = rng.randrange(len(buf)) if buf else 0
            if op < 0.5 and buf:
                buf[pos] = rng.randrange(256)
            elif op < 0.7:
                buf[pos:pos] = rng.randbytes(rng.randint(1, 16))
            elif op < 0.85:
                del buf[pos : pos + rng.randint(1, 64)]
            else:
                buf = buf[:pos]
        (tmp_path / f"{i:03d}_{name}").write_bytes(bytes(buf))
    seen = 0
    for r in iter_inputs([str(tmp_path)]):
        seen += 1
        if isinstance(r, Skip):
            assert r.reason
            continue
        out = extract(r)
        assert isinstance(out, (Document, Skip))
    assert seen >= 120
