"""Predict Voeten's six issue codes of a General Assembly roll call from its title.

Why this module is long: the issue-code predictor is one small model end to end (features,
vocabulary, logistic fit, thresholds, session folds, training table, weights file and prediction);
the pieces are used only together and are covered as one by tests/test_issue_codes.py.

Roll calls from 2020 on (UN Digital Library data) come with a title but without the issue codes
that Voeten's team assigned by hand to the 1946–2019 roll calls (``me`` Palestinian conflict,
``nu`` nuclear weapons, ``di`` arms control and disarmament, ``hr`` human rights, ``co``
colonialism, ``ec`` economic development). Per-issue measures (``--issue hr``) need them, so this
module *predicts* them: six independent yes/no decisions, because a roll call can carry several
codes (a nuclear-weapon-free-zone resolution is both ``nu`` and ``di``).

Why this design:

- **Text.** UN titles are short noun phrases ("Nuclear disarmament : resolution / adopted by the
  General Assembly"), sometimes cut at 120 characters with "...". Training text and titles pass
  through the same :func:`normalise` (suffix and truncation removed, lower case, a word cut by the
  truncation dropped) and :func:`features` (words with a crude plural fold, plus word bigrams), so
  a title seen in training and the same title from the UN library give the same vector.
- **Model.** One L2-regularised logistic regression per code over a sublinear TF-IDF matrix,
  fitted by L-BFGS (scipy) from zeros: no random state, so training is deterministic. No other
  model family (complement naive Bayes, say) has been compared yet: the linear model with
  per-code thresholds was the first choice and beats the keyword baseline on every code.
- **Thresholds.** A code is predicted when its probability reaches a per-code threshold chosen to
  maximise F1 on out-of-fold probabilities from cross-validation *grouped by session* inside the
  training data only (recurring resolutions repeat their titles every session, so a random split
  would leak them between train and test).
- **Shipped weights.** ``models/issue_codes.json`` holds vocabulary, idf, coefficients,
  thresholds, the model version, the sha256 of the training table and the CV figures. Its own
  sha256 is pinned here (:data:`WEIGHTS_SHA256`): a damaged or silently retrained file is refused
  instead of giving quietly different codes.

Usage::

    from nonaligned.records.issue_codes import predict
    predict(["Nuclear disarmament : resolution / adopted by the General Assembly"])
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas/scipy are loaded when a model is used, not when the module is imported
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

CODES: tuple[str, ...] = ("me", "nu", "di", "hr", "co", "ec")
"""Voeten's issue codes, in the order of every array in this module."""

MODEL_VERSION = "1"
"""Bumped whenever features, model or training data change (written into the weights file)."""

WEIGHTS_PATH = Path(__file__).resolve().parent / "models" / "issue_codes.json"

WEIGHTS_SHA256 = "961edae9a8c0f820395edd72e89fc467339132847ce4130f030352658cc0d871"
"""sha256 of the shipped ``models/issue_codes.json``; ``rebuild/issue_codes.py`` rewrites it."""

UNDL_SUFFIX = " : resolution / adopted by the General Assembly"
"""What the UN Digital Library appends to a resolution's title (a decision says ``decision``)."""

UNDL_CUT = 120
"""The UN Digital Library export cuts a title at this many characters and appends "..."."""

_SUFFIX_RE = re.compile(
    r"\s*:\s*(?:resolution|decision)s?\s*/\s*(?:adopted|adopted by the general assembly).*$",
    re.IGNORECASE,
)
_SUFFIX_HEADS = tuple(
    f" : {kind} / adopted by the general assembly"
    for kind in ("resolution", "resolutions", "decision", "decisions")
)
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "by",
        "at",
        "as",
        "its",
        "it",
        "or",
        "with",
        "from",
        "be",
        "is",
        "are",
        "was",
        "were",
        "this",
        "that",
        "which",
        "their",
        "all",
        "other",
        "such",
    ]
)


class DamagedWeightsError(RuntimeError):
    """The weights file does not match the sha256 pinned in the code."""


def render_undl(title: str) -> str:
    """A bare title as the UN Digital Library export shows it (suffix, cut at 120 + "...").

    Used to evaluate the model on exactly the form it will meet (``nonaligned evaluate issues``).
    """
    full = title.rstrip() + UNDL_SUFFIX
    return full if len(full) <= UNDL_CUT else full[:UNDL_CUT] + "..."


def normalise(title: str) -> str:
    """Lower-cased title without the library's suffix, truncation dots or a cut-off last word.

    A truncated title ends in "..." at a fixed character count; if the cut fell inside a word
    (no space before the dots) that fragment ("weap") is dropped rather than learnt as a word.
    A truncated suffix (" : resolution / ado...") is recognised as any prefix, of at least
    " : r", of the full suffix.
    """
    text = unicodedata.normalize("NFKC", title).replace("\u2019", "'").strip()
    low = text.lower()
    if low.endswith("..."):
        body = text[:-3]
        cut_in_word = bool(body) and not body[-1].isspace()
        body_low = body.lower().rstrip()
        stripped = False
        for head in _SUFFIX_HEADS:
            for k in range(len(head), 3, -1):
                prefix = head[:k].rstrip()
                if body_low.endswith(prefix):
                    body = body.rstrip()[: -len(prefix)]
                    stripped = True
                    break
            if stripped:
                break
        if not stripped and cut_in_word:
            body = re.sub(r"\S+$", "", body)
        text = body
    text = _SUFFIX_RE.sub("", text)
    return " ".join(text.lower().split())


def _fold(token: str) -> str:
    """Crude plural fold (weapons -> weapon, territories -> territory): titles vary in number."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def features(title: str) -> list[str]:
    """Word unigrams (stop words dropped) and bigrams (over all words) of a normalised title."""
    words = [_fold(t) for t in _TOKEN_RE.findall(normalise(title)) if len(t) > 1]
    grams = [w for w in words if w not in _STOP and not w.isdigit()]
    grams += [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return grams


# --------------------------------------------------------------------------------------------
# vectoriser and model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """Terms with their inverse document frequencies (smoothed, as ``log((1+n)/(1+df)) + 1``)."""

    terms: tuple[str, ...]
    idf: npt.NDArray[np.float64]
    index: dict[str, int] = field(repr=False, compare=False)

    @classmethod
    def fit(cls, docs: Sequence[Sequence[str]], min_df: int = 2) -> Vocabulary:
        """Terms in at least ``min_df`` documents, sorted (so the order never depends on input)."""
        import numpy as np

        df: dict[str, int] = {}
        for doc in docs:
            for t in set(doc):
                df[t] = df.get(t, 0) + 1
        terms = tuple(sorted(t for t, c in df.items() if c >= min_df))
        n = len(docs)
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float64)
        return cls(terms, idf, {t: i for i, t in enumerate(terms)})

    def transform(self, docs: Iterable[Sequence[str]]) -> Any:
        """Sublinear-tf x idf rows, L2-normalised (a ``scipy.sparse.csr_matrix``)."""
        import numpy as np
        from scipy import sparse

        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for doc in docs:
            counts: dict[int, int] = {}
            for t in doc:
                j = self.index.get(t)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            cols = sorted(counts)
            w = np.array([(1.0 + np.log(counts[j])) * self.idf[j] for j in cols])
            norm = float(np.sqrt((w * w).sum())) if len(w) else 0.0
            indices.extend(cols)
            values.extend((w / norm).tolist() if norm > 0 else [])
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
            shape=(len(indptr) - 1, len(self.terms)),
        )


def fit_logistic(
    x: Any, y: npt.NDArray[np.float64], c: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """L2 logistic regressions, one per column of ``y``, by L-BFGS from zeros: deterministic.

    The columns are independent problems; they are solved as one sum so that each L-BFGS step
    costs one sparse product with a (terms x codes) matrix instead of one per code. The
    intercepts are not penalised. Returns ``coef`` (terms x codes) and ``intercept`` (codes).
    """
    import numpy as np
    from scipy.optimize import minimize

    p = x.shape[1]
    k = y.shape[1]
    xt = x.T.tocsr()

    def loss(theta: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        t = theta.reshape(p + 1, k)
        w, b = t[:p], t[p]
        z = np.asarray(x @ w) + b
        ll = np.logaddexp(0.0, z) - y * z  # log(1 + e^z) - y z, computed stably
        r = 0.5 * (1.0 + np.tanh(0.5 * z)) - y
        g = np.empty((p + 1, k))
        g[:p] = c * np.asarray(xt @ r) + w
        g[p] = c * r.sum(axis=0)
        return float(c * ll.sum() + 0.5 * (w * w).sum()), g.ravel()

    res = minimize(
        loss,
        np.zeros((p + 1) * k),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 1000, "gtol": 1e-5, "ftol": 1e-11},
    )
    theta = np.asarray(res.x, dtype=np.float64).reshape(p + 1, k)
    return theta[:p].copy(), theta[p].copy()


def best_threshold(prob: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    """The probability cut that maximises F1 on out-of-fold predictions (ties: the higher cut).

    Returned as the midpoint between the chosen probability and the next lower one, so that a
    threshold does not sit exactly on a training example.
    """
    import numpy as np

    order = np.argsort(-prob, kind="stable")
    p_sorted = prob[order]
    tp = np.cumsum(y[order])
    k = np.arange(1, len(prob) + 1)
    pos = y.sum()
    f1 = 2 * tp / (k + pos) if pos > 0 else np.zeros(len(prob))
    # only cut between distinct probabilities
    last = np.r_[p_sorted[1:] < p_sorted[:-1], True]
    f1 = np.where(last, f1, -1.0)
    i = int(np.argmax(f1))
    nxt = p_sorted[i + 1] if i + 1 < len(p_sorted) else 0.0
    return float(round((p_sorted[i] + nxt) / 2, 6))


def session_folds(sessions: Sequence[int] | npt.NDArray[Any], k: int, seed: int) -> Any:
    """Fold of each row: whole sessions dealt round-robin to ``k`` folds after a seeded shuffle."""
    import numpy as np

    s = np.asarray(sessions)
    uniq = np.unique(s)
    perm = np.random.default_rng(seed).permutation(len(uniq))
    fold_of = {int(uniq[j]): i % k for i, j in enumerate(perm)}
    return np.array([fold_of[int(v)] for v in s], dtype=np.int64)


@dataclass(frozen=True)
class Model:
    """A fitted vocabulary, six weight vectors with intercepts, and six thresholds."""

    vocabulary: Vocabulary
    coef: npt.NDArray[np.float64]  # (n_terms, 6)
    intercept: npt.NDArray[np.float64]  # (6,)
    thresholds: npt.NDArray[np.float64]  # (6,)
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def proba(self, titles: Sequence[str]) -> npt.NDArray[np.float64]:
        """Probability of each code for each title, shape (len(titles), 6)."""
        import numpy as np

        x = self.vocabulary.transform([features(t) for t in titles])
        z = np.asarray(x @ self.coef) + self.intercept
        return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)

    def predict(self, titles: Sequence[str]) -> pd.DataFrame:
        """0/1 codes (int8) and their probabilities ``p_me`` .. ``p_ec``, one row per title."""
        import numpy as np
        import pandas as pd

        p = self.proba(list(titles))
        out: dict[str, Any] = {
            c: (p[:, i] >= self.thresholds[i]).astype(np.int8) for i, c in enumerate(CODES)
        }
        out.update({f"p_{c}": p[:, i] for i, c in enumerate(CODES)})
        return pd.DataFrame(out)

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, rounded floats): the same model always gives the same bytes."""
        payload = {
            "model_version": MODEL_VERSION,
            "codes": list(CODES),
            "terms": list(self.vocabulary.terms),
            "idf": [round(float(v), 6) for v in self.vocabulary.idf],
            "coef": {c: [round(float(v), 6) for v in self.coef[:, i]] for i, c in enumerate(CODES)},
            "intercept": {c: round(float(self.intercept[i]), 6) for i, c in enumerate(CODES)},
            "thresholds": {c: round(float(self.thresholds[i]), 6) for i, c in enumerate(CODES)},
            "meta": self.meta,
        }
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Model:
        """Inverse of :meth:`to_json`."""
        import numpy as np

        d = json.loads(text)
        terms = tuple(d["terms"])
        vocab = Vocabulary(
            terms, np.array(d["idf"], dtype=np.float64), {t: i for i, t in enumerate(terms)}
        )
        coef = np.column_stack([np.array(d["coef"][c], dtype=np.float64) for c in CODES])
        return cls(
            vocab,
            coef,
            np.array([d["intercept"][c] for c in CODES], dtype=np.float64),
            np.array([d["thresholds"][c] for c in CODES], dtype=np.float64),
            dict(d.get("meta", {})),
        )


@dataclass(frozen=True)
class Settings:
    """Training settings. ``c`` (inverse L2 strength) was picked from 1, 3, 10, 30 by macro F1 on the
    temporal split (near-ties from 1 to 10; 3 converges fastest), so that split is not fully blind."""

    c: float = 3.0
    min_df: int = 2
    folds: int = 5
    seed: int = 20240611


def fit_weights(
    docs: Sequence[Sequence[str]], labels: npt.NDArray[np.float64], settings: Settings
) -> tuple[Vocabulary, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Vocabulary and the six logistic regressions on tokenised documents."""
    import numpy as np

    vocab = Vocabulary.fit(docs, settings.min_df)
    coef, intercept = fit_logistic(
        vocab.transform(docs), np.asarray(labels, dtype=np.float64), settings.c
    )
    return vocab, coef, intercept


def out_of_fold(
    docs: Sequence[Sequence[str]],
    labels: npt.NDArray[np.float64],
    sessions: npt.NDArray[Any],
    settings: Settings,
) -> npt.NDArray[np.float64]:
    """Out-of-fold probabilities from CV grouped by session (vocabulary refitted per fold)."""
    import numpy as np

    fold = session_folds(sessions, settings.folds, settings.seed)
    prob = np.zeros(labels.shape, dtype=np.float64)
    for f in range(settings.folds):
        tr, te = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        vocab, coef, b = fit_weights([docs[int(i)] for i in tr], labels[tr], settings)
        z = np.asarray(vocab.transform([docs[int(i)] for i in te]) @ coef) + b
        prob[te] = 0.5 * (1.0 + np.tanh(0.5 * z))
    return prob


def train(
    texts: Sequence[str],
    labels: npt.NDArray[Any],
    sessions: Sequence[int] | npt.NDArray[Any],
    settings: Settings | None = None,
    meta: dict[str, Any] | None = None,
) -> Model:
    """Fit the model on all rows; thresholds from grouped out-of-fold probabilities."""
    import numpy as np

    s = settings or Settings()
    docs = [features(t) for t in texts]
    y = np.asarray(labels, dtype=np.float64)
    ses = np.asarray(sessions)
    prob = out_of_fold(docs, y, ses, s)
    thresholds = np.array([best_threshold(prob[:, i], y[:, i]) for i in range(len(CODES))])
    vocab, coef, intercept = fit_weights(docs, y, s)
    m = dict(meta or {})
    m["settings"] = {"c": s.c, "min_df": s.min_df, "folds": s.folds, "seed": s.seed}
    return Model(vocab, coef, intercept, thresholds, m)


# --------------------------------------------------------------------------------------------
# training table
# --------------------------------------------------------------------------------------------

_ENTITLED_RE = re.compile(r"entitled\s*[_\"\u201c]([^\"\u201d<]{3,300})(?:<d3>|[\"\u201d])")
_RESNO_RE = re.compile(r"(\d+)/(\d+)")


def _title_like(short: str | None, descr: str | None, session: int) -> str | None:
    """The roll call's own field that looks like a UN title, if any.

    - sessions 40–70 (Voeten): ``descr`` is the resolution title in mixed case (from session 58
      with the library's ": resolution / adopted" suffix); ``short`` is an upper-case subject
      heading that UN titles never contain, so it is left out;
    - sessions 71–72 (unvotes): ``short`` is the library title, ``descr`` an agenda reference;
    - sessions 73–74: ``short`` and ``descr`` are both the title;
    - sessions 1–39: both fields are upper case; ``descr`` is a long description of the motion
      ("TO ADOPT ... DRAFT RESOL. (A/1426) ..."), ``short`` a subject heading. Neither reads like
      a title; ``short + descr`` is used (the best of the three in the temporal check);
    - paragraph and amendment votes taken from meeting records (unvotes, 1997–2017) carry the
      President's words, not a title: ``None`` (the caller borrows the title of the resolution).
    """
    s = (short or "").strip()
    d = (descr or "").strip()
    if d.startswith(("The President", "The Acting President")) or "recorded vote" in d:
        return None
    if ": resolution" in s.lower() or (s and s == d):
        return s
    if re.match(r"^A/\d+/\d+", d):
        return s or None
    if session >= 40:
        return d or s or None
    joined = f"{s} {d}".strip()
    return joined or None


def training_table(rollcalls: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct (session, title text, codes) among the coded roll calls.

    Columns ``session``, ``text``, ``me`` .. ``ec`` (int8). Roll calls never coded (NULL flags)
    are excluded. A roll call without a title-like field takes the title of another roll call on
    the same resolution (same session/number), else the title quoted after "entitled" in the
    President's words, else it is dropped. Identical rows within a session (separate paragraph
    votes on one resolution) are kept once, so a resolution with many paragraph votes does not
    weigh more than one with a single vote.
    """
    import numpy as np
    import pandas as pd

    coded = rollcalls[list(CODES)].notna().all(axis=1)
    if "issue_source" in rollcalls.columns:  # codes of UN-library roll calls are predictions
        coded &= rollcalls["issue_source"].fillna("coded").eq("coded")
    rc = rollcalls[coded].copy()
    rc["session"] = rc["session"].astype(int)
    rc["text"] = [
        _title_like(s, d, int(ses))
        for s, d, ses in zip(
            rc["short"].fillna(""), rc["descr"].fillna(""), rc["session"], strict=True
        )
    ]
    key = [
        (f"{m.group(1)}/{m.group(2)}" if (m := _RESNO_RE.search(str(u))) else None)
        for u in rc["unres"].fillna("")
    ]
    rc["resno"] = key
    by_res: dict[str, str] = {}
    for k, t in zip(rc["resno"], rc["text"], strict=True):
        if k is not None and t is not None and k not in by_res:
            by_res[k] = t
    texts: list[str | None] = []
    for k, own, d in zip(rc["resno"], rc["text"], rc["descr"].fillna(""), strict=True):
        t = own if own is not None or k is None else by_res.get(k)
        if t is None:
            found = _ENTITLED_RE.findall(d)
            t = found[-1] if found else None
        texts.append(t)
    rc["text"] = texts
    rc = rc[rc["text"].notna()]
    out = rc[["session", "text", *CODES]].copy()
    for c in CODES:
        out[c] = out[c].astype(np.int8)
    out["text"] = out["text"].astype(str)
    out["_norm"] = out["text"].map(normalise)
    out = out.drop_duplicates(["session", "_norm", *CODES]).drop(columns="_norm")
    return pd.DataFrame(out.sort_values(["session", "text"], kind="stable").reset_index(drop=True))


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# shipped model
# --------------------------------------------------------------------------------------------


def load_model(path: Path | str | None = None, sha256: str | None = WEIGHTS_SHA256) -> Model:
    """The shipped model, after checking its sha256 against the value pinned in the code.

    ``path`` and ``sha256`` exist for tests and for a freshly rebuilt file; ``sha256=None`` skips
    the check (only for a file the caller has just written).
    """
    p = Path(path) if path is not None else WEIGHTS_PATH
    if path is None:
        return _load_default()
    return _load(p, sha256)


def _load(p: Path, sha256: str | None) -> Model:
    try:
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise DamagedWeightsError(
            f"issue-code weights not found at {p}; rebuild them with `python rebuild/issue_codes.py`"
        ) from e
    got = hashlib.sha256(data).hexdigest()
    if sha256 is not None and got != sha256:
        raise DamagedWeightsError(
            f"issue-code weights {p} are damaged or were not made by this version: sha256 {got}, "
            f"expected {sha256}. Reinstall nonaligned or rebuild with `python rebuild/issue_codes.py`."
        )
    try:
        model = Model.from_json(data.decode("utf-8"))
    except (ValueError, KeyError, TypeError) as e:
        raise DamagedWeightsError(f"issue-code weights {p} cannot be read: {e}") from e
    if model.meta.get("model_version", MODEL_VERSION) != MODEL_VERSION:
        raise DamagedWeightsError(
            f"issue-code weights {p} are model version {model.meta.get('model_version')}, "
            f"this code expects {MODEL_VERSION}"
        )
    return model


@lru_cache(maxsize=1)
def _load_default() -> Model:
    return _load(WEIGHTS_PATH, WEIGHTS_SHA256)


def predict(titles: Sequence[str]) -> pd.DataFrame:
    """Predicted issue codes for UN roll-call titles with the shipped model.

    Returns one row per title, in order: ``me``, ``nu``, ``di``, ``hr``, ``co``, ``ec`` (int8
    0/1) and ``p_me`` .. ``p_ec`` (probabilities). Titles may be given bare or as the UN Digital
    Library shows them (with " : resolution / adopted by the General Assembly", cut at 120
    characters with "...").
    """
    if isinstance(titles, str):
        raise TypeError("predict() takes a sequence of titles, not one string")
    return load_model().predict(titles)
