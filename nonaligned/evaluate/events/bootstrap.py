"""Bootstrap intervals and precision/recall/F1 rows, shared by every score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .common import PRF_COLUMNS, REPLICATES, SEED, FloatArray, IntArray


def resample_weights(n: int, replicates: int = REPLICATES, seed: int = SEED) -> IntArray:
    """(replicates, n): how many times each sentence is drawn in each bootstrap replicate.

    Weights rather than index arrays so that summing counts is one matrix product and the
    memory stays (replicates x n) whatever the number of classes.
    """
    rng = np.random.default_rng(seed)
    weights: IntArray = np.zeros((replicates, n), dtype=np.int64)
    if n and replicates:
        draws = rng.integers(0, n, size=(replicates, n))
        rows = np.repeat(np.arange(replicates), n)
        np.add.at(weights, (rows, draws.ravel()), 1)
    return weights


def _ratio(num: npt.ArrayLike, den: npt.ArrayLike) -> FloatArray:
    """num / den, NaN where den is 0 (without numpy's division warning)."""
    a = np.asarray(num, dtype=np.float64)
    b = np.asarray(den, dtype=np.float64)
    out = np.full(np.broadcast(a, b).shape, np.nan)
    np.divide(a, b, out=out, where=b > 0)
    return out


def _interval(samples: FloatArray) -> tuple[float, float]:
    ok = samples[np.isfinite(samples)]
    if ok.size == 0:
        return float("nan"), float("nan")
    lo, hi = np.quantile(ok, [0.025, 0.975])
    return float(lo), float(hi)


def _prf(counts: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """P, R, F1 from counts whose last axis is [tp, fp, fn]."""
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), _ratio(2 * tp, 2 * tp + fp + fn)


def _macro(counts: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Macro P, R, F1 over the class axis (second to last) of [..., classes, 3] counts.

    The mean runs over classes present in the gold or the predictions; an undefined P or R of a
    present class counts as 0. No class present: NaN.
    """
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    present = (tp + fp + fn) > 0
    n_present = present.sum(axis=-1)

    def mean(values: FloatArray) -> FloatArray:
        filled = np.where(present, np.nan_to_num(values, nan=0.0), 0.0)
        return _ratio(filled.sum(axis=-1), n_present)

    p, r, f1 = _prf(counts)
    return mean(p), mean(r), mean(f1)


def _prf_rows(
    system: str,
    labels: Sequence[str],
    counts: IntArray,
    weights: IntArray,
    *,
    micro: str | None = "micro",
    macro: str | None = "macro",
) -> list[dict[str, Any]]:
    """Rows of PRF_COLUMNS: one per label, then micro and macro, with bootstrap intervals.

    ``counts`` is (sentences, labels, 3) with [tp, fp, fn] per sentence and label.
    """
    n, k = counts.shape[0], counts.shape[1]
    total = counts.sum(axis=0)  # (k, 3)
    boot = (weights @ counts.reshape(n, k * 3)).reshape(-1, k, 3)  # (R, k, 3)
    rows: list[dict[str, Any]] = []

    def row(label: str, point: Sequence[FloatArray], samples: Sequence[FloatArray]) -> None:
        r: dict[str, Any] = {"system": system, "class": label}
        for name, v, s in zip(("p", "r", "f1"), point, samples, strict=True):
            r[name] = float(v)
            r[f"{name}_lo"], r[f"{name}_hi"] = _interval(s)
        rows.append(r)

    p, r, f1 = _prf(total)
    bp, br, bf = _prf(boot)
    for j, label in enumerate(labels):
        row(label, (p[j], r[j], f1[j]), (bp[:, j], br[:, j], bf[:, j]))
        tp, fp, fn = (int(x) for x in total[j])
        rows[-1].update(tp=tp, fp=fp, fn=fn, support=tp + fn)
    if micro is not None:
        summed = total.sum(axis=0)
        row(micro, _prf(summed), _prf(boot.sum(axis=1)))
        tp, fp, fn = (int(x) for x in summed)
        rows[-1].update(tp=tp, fp=fp, fn=fn, support=tp + fn)
    if macro is not None:
        row(macro, _macro(total), _macro(boot))
        rows[-1].update(tp=pd.NA, fp=pd.NA, fn=pd.NA, support=pd.NA)
    return rows


def _prf_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=PRF_COLUMNS)
    for col in ("tp", "fp", "fn", "support"):
        df[col] = df[col].astype("Int64")
    return df


def _summary_row(
    gold: str,
    system: str,
    metric: str,
    value: float,
    samples: FloatArray,
    detail: str,
) -> dict[str, Any]:
    lo, hi = _interval(samples)
    return {
        "gold": gold,
        "system": system,
        "metric": metric,
        "value": float(value),
        "value_lo": lo,
        "value_hi": hi,
        "detail": detail,
    }
