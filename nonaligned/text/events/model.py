"""The learned half of the event coder: event type per sentence and actor roles per mention.

Why these two small linear models and not a transformer: the coder must run at more than a
thousand sentences a second on two cores, its training is one reproducible CPU command on the
project's own corpus (``nonaligned/text/training/events_corpus.jsonl``, written from the CAMEO
definitions), and every weight ships in the package, hashed. A multinomial logistic regression over
word and word-pair features (actor mentions masked as ``ACTOR`` so that names do not become
evidence) is fast, deterministic (L-BFGS from zeros, no random state), and measurable against the
rules on the corpus's own development split. The rules keep what they do well (actor codes from
the dictionaries, dates, places, status); the combination is in :mod:`nonaligned.text.events.combine`.

* **Type model** (sentence -> CAMEO code or ``none``): features are the lower-cased words and
  adjacent pairs of the sentence with every actor mention replaced by ``ACTOR``, plus a few cue
  features (negation, modal, "if", passive "by").
* **Role model** (mention -> ``source`` / ``target`` / ``other``): features of the mention's
  context: the words just before and after it, the preposition governing it (by, to, with,
  against, on, from), its order among the sentence's mentions, and whether it stands before the
  first verb-like word.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ...errors import NonalignedError

MODEL_VERSION = "model-2"  # 2: the rules' trigger dictionary as features
NONE = "none"
ROLES = ("source", "target", "other")
# "didn't" -> did, n't; "Russia's" -> russia, 's (the possessive marks a role)
_TOKEN = re.compile(r"n['’]t\b|['’]s\b|[A-Za-z]+?(?=n['’]t\b)|[A-Za-z]+|\d+|[^\w\s]")
NEGATION = frozenset({"not", "never", "no", "n't", "refused", "declined", "rejected", "denied"})
MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can", "must"})
PREPOSITIONS = frozenset({"by", "to", "with", "against", "on", "from", "at", "for", "of", "in"})
POSSESSIVE = frozenset({"'s", "’s"})
FloatArray = npt.NDArray[np.float64]

Span = tuple[int, int]


class DamagedModel(NonalignedError):
    """The shipped weights are missing or not the bytes the code was released with."""


def words(text: str) -> list[tuple[str, int, int]]:
    """(lower-cased token, start, end) for every token; apostrophe forms stay one token."""
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def masked_words(text: str, spans: Sequence[Span]) -> list[tuple[str, int, int]]:
    """Tokens with each mention span collapsed into one ``ACTOR`` token (with its offsets)."""
    out: list[tuple[str, int, int]] = []
    inside = -1
    for tok, s, e in words(text):
        hit = next((i for i, (a, b) in enumerate(spans) if s < b and e > a), -1)
        if hit >= 0:
            if hit != inside:
                out.append(("ACTOR", spans[hit][0], spans[hit][1]))
            inside = hit
            continue
        inside = -1
        out.append((tok, s, e))
    return out


def masked(text: str, spans: Sequence[Span]) -> list[str]:
    """The sentence's tokens with each mention span collapsed into one ``ACTOR`` token."""
    return [t for t, _, _ in masked_words(text, spans)]


Lexicon = dict[str, frozenset[str]]


def lexicon(dictionary: Any) -> Lexicon:
    """Word form -> CAMEO codes of the rules' trigger verbs and nouns that can take that form.

    Why the model reads the rules' dictionary: the corpus is written from templates, so a word
    the corpus never used for a code is unknown to the word features; the dictionary's 900-odd
    verb rows and nominal triggers name many more ways to say each code, and a feature "a trigger
    of code X is here" carries that knowledge to sentences unlike the corpus.
    """
    from .dictionary import inflections

    out: dict[str, set[str]] = {}
    for table in (dictionary.verbs, dictionary.nouns):
        for lemma, rows in table.items():
            codes = {r.cameo for r in rows}
            for form in inflections(lemma):
                out.setdefault(form.lower(), set()).update(codes)
    return {k: frozenset(v) for k, v in out.items()}


def type_features(text: str, spans: Sequence[Span], lex: Lexicon | None = None) -> list[str]:
    """Word, word-pair, dictionary-trigger and cue features of one sentence (mentions masked)."""
    toks = masked(text, spans)
    feats = [f"w={t}" for t in toks]
    if lex:
        for t in toks:
            for code in lex.get(t, ()):
                feats.append(f"lex={code}")
                feats.append(f"lexroot={code[:2]}")
    feats += [f"b={a}_{b}" for a, b in pairwise(toks)]
    if NEGATION & set(toks):
        feats.append("cue=neg")
    if MODALS & set(toks):
        feats.append("cue=modal")
    if "if" in toks:
        feats.append("cue=if")
    if "by" in toks and {"was", "were", "been", "is", "are"} & set(toks):
        feats.append("cue=passive")
    if not spans:
        feats.append("cue=noactor")
    return feats


def role_features(
    text: str, spans: Sequence[Span], k: int, toks: list[tuple[str, int, int]] | None = None
) -> list[str]:
    """Context features of mention ``k`` among the sentence's mentions (``toks``: the sentence's
    ``masked_words``, when the caller has them for all its mentions)."""
    if toks is None:
        toks = masked_words(text, spans)
    a, b = spans[k]
    before = [t for t, s, e in toks if e <= a]
    after = [t for t, s, e in toks if s >= b]
    feats = [f"n={len(spans)}", f"i={min(k, 3)}", f"last={k == len(spans) - 1}"]
    for j in (1, 2, 3):
        feats.append(f"p{j}={before[-j] if len(before) >= j else '<s>'}")
        feats.append(f"f{j}={after[j - 1] if len(after) >= j else '</s>'}")
    feats.append(f"p1f1={feats[3]}|{feats[4]}")
    prep = next((t for t in reversed(before[-4:]) if t in PREPOSITIONS), None)
    feats.append(f"prep={prep}")
    feats.append(f"start={len(before) <= 1}")
    passive = any(t in {"was", "were", "been"} for t in before) and prep == "by"
    feats.append(f"passive_by={passive}")
    if passive or (prep == "by" and any(t.endswith("ed") for t in before[-3:])):
        feats.append("agent_by")
    feats.append(f"possessive={bool(after) and after[0] in POSSESSIVE}")
    for t in before[-6:]:
        feats.append(f"bw={t}")
    for t in after[:6]:
        feats.append(f"aw={t}")
    return feats


@dataclass
class Linear:
    """A multinomial logistic regression over named features."""

    labels: list[str]
    vocab: dict[str, int]
    weights: FloatArray  # (features + 1 bias) x labels

    def matrix(self, rows: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        indptr = [0]
        idx: list[int] = []
        for feats in rows:
            cols = sorted({self.vocab[f] for f in feats if f in self.vocab})
            idx += cols
            indptr.append(len(idx))
        data = np.ones(len(idx))
        x = sparse.csr_matrix((data, idx, indptr), shape=(len(rows), len(self.vocab)))
        return sparse.hstack([x, np.ones((len(rows), 1))], format="csr")

    def proba(self, rows: Sequence[Sequence[str]]) -> FloatArray:
        if not rows:
            return np.zeros((0, len(self.labels)))
        z = self.matrix(rows) @ self.weights
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        out: FloatArray = p / p.sum(axis=1, keepdims=True)
        return out


def fit(
    rows: Sequence[Sequence[str]],
    y: Sequence[str],
    *,
    min_count: int = 2,
    l2: float = 1.0,
    max_iter: int = 300,
) -> Linear:
    """Fit a multinomial logistic regression with an L2 penalty by L-BFGS (deterministic)."""
    from scipy.optimize import minimize

    counts = Counter(f for feats in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    labels = sorted(set(y))
    model = Linear(labels, vocab, np.zeros((len(vocab) + 1, len(labels))))
    x = model.matrix(rows)
    yi = np.array([labels.index(v) for v in y])
    onehot = np.zeros((len(y), len(labels)))
    onehot[np.arange(len(y)), yi] = 1.0
    shape = model.weights.shape
    reg = np.ones(shape)
    reg[-1, :] = 0.0  # the bias is not penalised

    def loss(w: FloatArray) -> tuple[float, FloatArray]:
        wm = w.reshape(shape)
        z = x @ wm
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        p = np.exp(logp)
        nll = -float((onehot * logp).sum()) + 0.5 * l2 * float((reg * wm * wm).sum())
        grad = x.T @ (p - onehot) + l2 * reg * wm
        return nll, np.asarray(grad).ravel()

    res = minimize(loss, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B",
                   options={"maxiter": max_iter})  # fmt: skip
    model.weights = res.x.reshape(shape)
    return model


@dataclass
class EventModel:
    """Both models with what they were trained on."""

    types: Linear
    roles: Linear
    meta: dict[str, Any]
    status: Linear | None = None

    lex: Lexicon | None = None  # set from the bundled dictionary when meta says so

    def sentence_types(self, items: Sequence[tuple[str, Sequence[Span]]]) -> FloatArray:
        return self.types.proba([type_features(t, s, self.lex) for t, s in items])

    def mention_roles(self, text: str, spans: Sequence[Span]) -> FloatArray:
        toks = masked_words(text, spans)  # once for all the sentence's mentions
        return self.roles.proba([role_features(text, spans, k, toks) for k in range(len(spans))])


def _pack(m: Linear) -> dict[str, Any]:
    return {"labels": m.labels, "vocab": sorted(m.vocab, key=m.vocab.__getitem__)}


def save(model: EventModel, path: Path) -> str:
    """Write the weights (npz: float32 matrices) and metadata (JSON inside); returns sha256."""
    meta = {
        "version": MODEL_VERSION,
        "types": _pack(model.types),
        "roles": _pack(model.roles),
        **({"status": _pack(model.status)} if model.status is not None else {}),
        **model.meta,
    }
    arrays: dict[str, npt.NDArray[Any]] = {
        "types": model.types.weights.astype(np.float32),
        "roles": model.roles.weights.astype(np.float32),
        "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
    }
    if model.status is not None:
        arrays["status"] = model.status.weights.astype(np.float32)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]  # numpy stubs read **kw as allow_pickle
    data = buf.getvalue()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return hashlib.sha256(data).hexdigest()


def load(path: Path, sha256: str | None = None) -> EventModel:
    """Read shipped weights; refuse bytes whose hash is not the pinned one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DamagedModel(
            f"event model weights not found at {path} ({exc.strerror or exc}); rebuild them with "
            "`python rebuild/event_model.py` or reinstall nonaligned"
        ) from exc
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise DamagedModel(
            f"{path}: not the released event-model weights (sha256 differs from the pinned "
            "value); reinstall nonaligned or rebuild them with `python rebuild/event_model.py`"
        )
    with np.load(io.BytesIO(data)) as z:
        meta = json.loads(bytes(z["meta"]).decode())
        arrays = {k: z[k].astype(np.float64) for k in ("types", "roles", "status") if k in z}

    def linear(name: str) -> Linear:
        spec = meta.pop(name)
        return Linear(spec["labels"], {f: i for i, f in enumerate(spec["vocab"])}, arrays[name])

    types, roles = linear("types"), linear("roles")
    status = linear("status") if "status" in arrays else None
    return EventModel(types, roles, meta, status)


WEIGHTS = "event_model.npz"
# pinned by rebuild/event_model.py (load() refuses other bytes)
WEIGHTS_SHA256: str | None = "8dc3daa4daa4b5b4da73f566bf63df0a445734d5902ce1023b0cce0a774ff0a5"


def weights_path() -> Path:
    return Path(str(resources.files("nonaligned.text") / "models" / WEIGHTS))


_DEFAULT: EventModel | None = None


def default_model() -> EventModel:
    """The shipped model, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        model = load(weights_path(), WEIGHTS_SHA256)
        if model.meta.get("lexicon"):
            from .dictionary import default_dictionary

            model.lex = lexicon(default_dictionary())
        _DEFAULT = model
    return _DEFAULT
