"""Exact and near-duplicate detection: syndicated copies map to the first stored document.

The articles are written for this file (our own words) about the Non-Aligned Movement summit
held in Baku on 25-26 October 2019.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nonaligned.text.dedup import (
    NUM_PERM,
    NearDuplicateIndex,
    estimate_jaccard,
    shingles,
    signature,
)
from nonaligned.text.extract import Document, extract
from nonaligned.text.readers import RawDoc

ROOT = Path(__file__).resolve().parents[1]

BODY = [
    "BAKU — Leaders and ministers from more than a hundred countries gathered in the Azerbaijani "
    "capital on Friday for the eighteenth summit of the Non-Aligned Movement, the largest "
    "diplomatic meeting the city has hosted.",
    "Azerbaijan took over the chairmanship of the movement from Venezuela at the opening session "
    "and will hold it for the next three years, a period in which it has promised to speak for "
    "members at the United Nations and in other forums.",
    "In his opening speech the Azerbaijani president said the movement should defend the "
    "sovereignty and territorial integrity of its members and resist pressure from larger "
    "powers, themes that delegates from Africa and Asia repeated in the afternoon.",
    "The summit was due to end on Saturday with the adoption of a final document and a shorter "
    "declaration named after the host city, both of which had been negotiated by officials "
    "during the preceding week.",
    "Several delegations used the meeting for bilateral talks on trade and energy, and the hosts "
    "arranged visits to the old city for heads of delegation between the sessions.",
]
ARTICLE = "\n\n".join(BODY)

OTHER_EVENT = (
    "The foreign ministers of Kazakhstan and Uzbekistan signed an agreement on water use in the "
    "Syr Darya basin on Tuesday, after two days of talks in Tashkent. The deal sets quotas for "
    "the summer irrigation season and creates a joint commission to monitor the flow of the "
    "river. Officials from both sides said further talks on the Amu Darya would follow in the "
    "autumn, and that neighbouring states would be invited to join the commission later."
)

SAME_EVENT_OTHER_WORDS = (
    "Baku hosted the Non-Aligned Movement's eighteenth summit at the end of October 2019, and "
    "Azerbaijan replaced Venezuela as chair of the 120-member group for a three-year term. The "
    "Azerbaijani leader told delegates that members should stand up for each other's borders "
    "and sovereignty. A final document and a Baku declaration were adopted on the second day, "
    "and many delegations held side meetings about commerce and energy during the gathering."
)


def _doc(content: str, key: str) -> Document:
    raw = RawDoc(
        source_key=key,
        path=f"/{key}.txt",
        member=None,
        kind="text",
        content=content,
        encoding="utf-8",
        fields={},
        file_mtime=None,
    )
    out = extract(raw)
    assert isinstance(out, Document), out
    return out


def test_exact_duplicates_share_doc_id() -> None:
    first = _doc("Non-aligned leaders meet in Baku\n\n" + ARTICLE, "a")
    # the same story from another site: other spacing and case, other page furniture
    copy = _doc(
        "Main Menu\n  • Home\n  • World\n\nNON-ALIGNED LEADERS MEET IN BAKU\n\n"
        + ARTICLE.replace(". ", ".  ").upper()
        + "\n\nTags: NAM, Baku\n",
        "b",
    )
    assert first.doc_id == copy.doc_id
    assert first.source_key != copy.source_key
    assert first.signature == copy.signature


def test_syndicated_copy_with_new_headline_and_source_line_matches() -> None:
    original = _doc("Non-aligned leaders meet in Baku\n\n" + ARTICLE, "orig")
    syndicated_text = (
        "Baku summit: Azerbaijan takes the non-aligned chair\n\n"
        "Source: Caspian Wire Agency\n\n"
        + ARTICLE.replace("BAKU — ", "")  # the dateline dropped by the re-poster
        + "\n\nThis story was republished under a syndication agreement."
    )
    copy = _doc(syndicated_text, "copy")
    assert copy.agency == "Caspian Wire Agency"
    assert copy.doc_id != original.doc_id  # not an exact duplicate ...
    index = NearDuplicateIndex()
    index.add(original.doc_id, original.signature)
    assert index.match(copy.signature) == original.doc_id  # ... but a near one


def test_headline_and_source_line_inside_the_text_still_match() -> None:
    """Even when a re-poster's extra lines stay in the text, the copy is a near-duplicate."""
    a = signature("Non-aligned leaders meet in Baku\n\n" + ARTICLE)
    b = signature(
        "Source: Caspian Wire Agency\n\nBaku summit opens under a new chair\n\n" + ARTICLE
    )
    assert estimate_jaccard(a, b) >= 0.8
    index = NearDuplicateIndex()
    index.add("orig", a)
    assert index.match(b) == "orig"


def test_unrelated_and_rewritten_texts_do_not_match() -> None:
    index = NearDuplicateIndex()
    index.add("baku-summit", signature(ARTICLE))
    assert index.match(signature(OTHER_EVENT)) is None
    # same event, different words: a separate report, not a copy
    assert index.match(signature(SAME_EVENT_OTHER_WORDS)) is None
    # half of the article is not a near-duplicate of all of it
    assert index.match(signature("\n\n".join(BODY[:2]))) is None


def test_match_returns_the_first_stored_document() -> None:
    index = NearDuplicateIndex()
    sig = signature(ARTICLE)
    index.add("first", sig)
    index.add("second", sig)
    index.add("first", signature(OTHER_EVENT))  # a known id keeps its first signature
    assert len(index) == 2
    assert index.match(sig) == "first"
    assert NearDuplicateIndex().match(sig) is None


def test_estimate_tracks_true_jaccard() -> None:
    words = [f"w{i}" for i in range(600)]
    a = " ".join(words)
    b = " ".join(words[:400] + [f"x{i}" for i in range(200)])
    sa, sb = shingles(a), shingles(b)
    true = len(sa & sb) / len(sa | sb)
    assert abs(estimate_jaccard(signature(a), signature(b)) - true) < 0.12
    assert 0.45 < true < 0.55
    assert NearDuplicateIndex().match(signature(b)) is None


def test_signature_shape_and_edge_cases() -> None:
    sig = signature(ARTICLE)
    assert len(sig) == NUM_PERM
    assert all(isinstance(v, int) and 0 <= v < 2**32 for v in sig)
    assert signature("") == signature("   ") == (2**32,) * NUM_PERM  # no shingle gives 2**32
    assert signature("") != signature("Talks resumed.")
    assert shingles("Talks resumed.") == {"talks resumed"}


def test_wrong_signature_length_is_refused() -> None:
    index = NearDuplicateIndex()
    with pytest.raises(ValueError, match="expected 128"):
        index.add("x", (1, 2, 3))
    with pytest.raises(ValueError, match="expected 128"):
        index.match(tuple(range(64)))


def test_signature_is_deterministic_across_processes() -> None:
    here = signature(ARTICLE)
    assert signature(ARTICLE) == here
    code = (
        "import sys; from nonaligned.text.dedup import signature; "
        "print(','.join(map(str, signature(sys.stdin.read()))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=ARTICLE,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert tuple(int(v) for v in out.stdout.strip().split(",")) == here


def test_signature_is_pinned() -> None:
    """Stored signatures must keep matching new ones: the hash family may never drift."""
    assert signature("the non aligned movement met in baku")[:3] == PINNED


PINNED = (1330294145, 1193674725, 1105402018)


# -- the store's LSH index (document_bands): near-duplicates across ingests, bounded memory ------


def test_band_keys_are_pinned_and_follow_equal_bands() -> None:
    import numpy as np

    from nonaligned.text.dedup import BANDS, band_keys

    sig = signature("the non aligned movement met in baku")
    keys = band_keys([sig])
    assert keys.shape == (1, BANDS) and keys.dtype == np.uint64
    # stored keys must never change: pinned like the signature itself
    assert [int(k) for k in keys[0, :3]] == PINNED_BAND_KEYS
    other = list(sig)
    other[0] += 1  # only band 0 differs
    k2 = band_keys([other])[0]
    assert k2[0] != keys[0, 0] and (k2[1:] == keys[0, 1:]).all()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_copy_ingested_later_is_a_near_duplicate_of_the_stored_original(tmp_path: Path) -> None:
    from nonaligned.engine.ingest import ingest
    from nonaligned.store import Store

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    _write(first, "original.txt", ARTICLE)
    _write(first, "other.txt", OTHER_EVENT)
    copy = "Summit opens in Baku\n\n" + ARTICLE + "\n\nSource: a news agency"
    _write(later, "copy.txt", copy)
    with Store.open(tmp_path / "s.duckdb") as store:
        assert ingest(store, [str(first)], annotate=False).stored == 2
    # a new run (a new ingester): the original is found through the store's own index
    with Store.open(tmp_path / "s.duckdb") as store:
        s = ingest(store, [str(later)], annotate=False)
        assert (s.stored, s.near_duplicates) == (0, 1)
        row = store.con.execute(
            "SELECT o.path FROM document_sources s JOIN document_sources o "
            "ON o.doc_id = s.doc_id AND o.relation = 'primary' WHERE s.relation = 'near-duplicate'"
        ).fetchone()
        assert row is not None and str(row[0]).endswith("original.txt")
        n = store.con.execute("SELECT count(*), count(DISTINCT seq) FROM document_bands").fetchone()
        assert n == (2 * 32, 2)


def test_documents_without_bands_are_banded_on_the_next_ingest(tmp_path: Path) -> None:
    """A store from before schema 5 (or documents loaded from a Spark run) has no bands: the
    next ingest indexes them first, so their copies are still recognised."""
    from nonaligned.engine.ingest import ingest
    from nonaligned.store import Store

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    _write(first, "original.txt", ARTICLE)
    _write(later, "copy.txt", ARTICLE + "\n\nSource: a news agency")
    with Store.open(tmp_path / "s.duckdb") as store:
        ingest(store, [str(first)], annotate=False)
        store.con.execute("DELETE FROM document_bands")
    with Store.open(tmp_path / "s.duckdb") as store:
        s = ingest(store, [str(later)], annotate=False)
        assert s.near_duplicates == 1
        assert store.con.execute("SELECT count(*) FROM document_bands").fetchone() == (32,)


PINNED_BAND_KEYS = [2984502891649922811, 16809600148842567258, 5352469276509696762]
