"""How well issue codes are predicted from titles, against Voeten's hand coding, with a baseline.

Gold: the coded roll calls of 1946–2019 (``rollcalls.parquet``, ``issue_source == 'coded'``),
reduced by :func:`nonaligned.records.issue_codes.training_table` to one row per distinct title and
coding within a session. Test titles are first rendered as the UN Digital Library shows them
(" : resolution / adopted by the General Assembly", cut at 120 characters with "..."), so the
score is for the form the model meets on 2020+ roll calls.

Two designs, because neither alone answers "how good on new sessions":

- **cv**: 5-fold cross-validation grouped by session (a session's roll calls are never split
  between train and test: recurring resolutions repeat their titles every year, and a random
  split would score memory, not prediction). Thresholds are chosen inside each training part by
  an inner 3-fold grouped CV, never on the test fold.
- **temporal**: train on sessions <= 69, test on 70–74 (2015–2019), the sessions nearest to those
  the model is applied to and the ones whose text has the UN-title form.

Baseline: a keyword rule per code (``KEYWORDS``), written from the code definitions, not fitted;
majority class (always 0) would have F1 = 0 everywhere and is not shown. Rows: per code, micro
(counts summed over codes) and macro (mean of the six F1). Intervals: 95% percentile bootstrap
over *sessions* (errors within a session are not independent), 1,000 replicates, fixed seed, the
same resamples for model and baseline.
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

DEFAULT_ROLLCALLS = Path(__file__).resolve().parents[1] / "records" / "data" / "rollcalls.parquet"
REPLICATES = 1000
SEED = 11
TEMPORAL_SPLIT = 69

KEYWORDS: dict[str, str] = {
    "me": r"palestin|israel|middle east|golan|jerusalem|gaza|west bank|unrwa|lebanon|arab territor",
    "nu": r"nuclear|atomic",
    "di": r"disarm|nuclear|weapon|arms|missile|armament|non-proliferation|test-ban|outer space",
    "hr": r"human rights|racis|racial|discriminat|torture|freedom|women|child|right of peoples",
    "co": r"colonial|self-determination|non-self-governing|trust territor|independence to",
    "ec": r"economic|development|trade|debt|embargo|financial|poverty|commodit",
}


def keyword_baseline(texts: list[str]) -> npt.NDArray[np.int8]:
    """0/1 matrix (rows x six codes): a code whenever its keyword pattern occurs."""
    import numpy as np

    from ..records.issue_codes import CODES, normalise

    pats = [re.compile(KEYWORDS[c]) for c in CODES]
    norm = [normalise(t) for t in texts]
    return np.array([[1 if p.search(t) else 0 for p in pats] for t in norm], dtype=np.int8).reshape(
        len(texts), len(CODES)
    )


def _fit_predict(train: pd.DataFrame, test: pd.DataFrame, folds: int) -> npt.NDArray[np.int8]:
    """Train on ``train`` (inner grouped CV for thresholds), predict ``test`` in library form."""
    import numpy as np

    from ..records.issue_codes import CODES, Settings, render_undl
    from ..records.issue_codes import train as fit

    model = fit(
        train["text"].tolist(),
        train[list(CODES)].to_numpy(),
        train["session"].to_numpy(),
        Settings(folds=folds),
    )
    pred = model.predict([render_undl(t) for t in test["text"]])
    return np.asarray(pred[list(CODES)].to_numpy(), dtype=np.int8)


def predictions(table: pd.DataFrame, folds: int = 5, inner: int = 3) -> pd.DataFrame:
    """Out-of-fold model and keyword predictions for both designs.

    Columns: ``design`` (cv / temporal), ``session``, gold ``me`` .. ``ec``, model ``m_me`` ..,
    keywords ``k_me`` ...
    """
    import numpy as np
    import pandas as pd

    from ..records.issue_codes import CODES, Settings, render_undl, session_folds

    parts: list[pd.DataFrame] = []
    fold = session_folds(table["session"].to_numpy(), folds, Settings().seed)
    model = np.zeros((len(table), len(CODES)), dtype=np.int8)
    for f in range(folds):
        te = fold == f
        model[te] = _fit_predict(table[~te], table[te], inner)
    parts.append(_frame("cv", table, model))
    tr = table[table["session"] <= TEMPORAL_SPLIT]
    te_t = table[table["session"] > TEMPORAL_SPLIT]
    if len(te_t) and len(tr):
        parts.append(_frame("temporal", te_t, _fit_predict(tr, te_t, inner)))
    out = pd.concat(parts, ignore_index=True)
    kw = keyword_baseline([render_undl(t) for t in out["text"]])
    for i, c in enumerate(CODES):
        out[f"k_{c}"] = kw[:, i]
    return out


def _frame(design: str, rows: pd.DataFrame, model: npt.NDArray[np.int8]) -> pd.DataFrame:
    from ..records.issue_codes import CODES

    out = rows[["session", "text", *CODES]].reset_index(drop=True).copy()
    out.insert(0, "design", design)
    for i, c in enumerate(CODES):
        out[f"m_{c}"] = model[:, i]
    return out


def _rates(counts: npt.NDArray[Any]) -> tuple[Any, Any, Any]:
    """Precision, recall, F1 from (..., 3) arrays of tp, fp, fn; NaN where undefined."""
    import numpy as np

    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        r = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    return p, r, f


def score(pred: pd.DataFrame, replicates: int = REPLICATES, seed: int = SEED) -> pd.DataFrame:
    """Per-code, micro and macro P/R/F1 with session-bootstrap intervals, per design and system."""
    import numpy as np
    import pandas as pd

    from ..records.issue_codes import CODES

    rows: list[dict[str, Any]] = []
    for design, d in pred.groupby("design", sort=False):
        sessions, idx = np.unique(d["session"].to_numpy(), return_inverse=True)
        s_n = len(sessions)
        rng = np.random.default_rng(seed)
        w = rng.multinomial(s_n, np.full(s_n, 1.0 / s_n), size=replicates).astype(np.float64)
        gold = d[list(CODES)].to_numpy().astype(bool)
        for system, prefix in (("model", "m_"), ("keywords", "k_")):
            hat = d[[prefix + c for c in CODES]].to_numpy().astype(bool)
            per = np.stack([gold & hat, ~gold & hat, gold & ~hat], axis=-1).astype(np.float64)
            by_s = np.zeros((s_n, len(CODES), 3))
            np.add.at(by_s, idx, per)
            tot = by_s.sum(axis=0)  # (codes, 3)
            boot = np.einsum("rs,sck->rck", w, by_s)  # (replicates, codes, 3)
            p, r, f = _rates(tot)
            bp, br, bf = _rates(boot)
            mp, mr, mf = _rates(tot.sum(axis=0))
            bmp, bmr, bmf = _rates(boot.sum(axis=1))
            labels = [*CODES, "micro", "macro"]
            pts = [(p[i], r[i], f[i]) for i in range(len(CODES))]
            pts += [(mp, mr, mf), (np.nanmean(p), np.nanmean(r), np.nanmean(f))]
            bts = [(bp[:, i], br[:, i], bf[:, i]) for i in range(len(CODES))]
            bts += [
                (bmp, bmr, bmf),
                (np.nanmean(bp, axis=1), np.nanmean(br, axis=1), np.nanmean(bf, axis=1)),
            ]
            for j, code in enumerate(labels):
                row: dict[str, Any] = {"design": design, "system": system, "code": code}
                cnt = tot.sum(axis=0) if j >= len(CODES) else tot[j]
                row.update(
                    gold=int(cnt[0] + cnt[2]), tp=int(cnt[0]), fp=int(cnt[1]), fn=int(cnt[2])
                )
                if code == "macro":
                    row.update(gold=int(gold.sum()), tp=None, fp=None, fn=None)
                for name, val, b in zip(("precision", "recall", "f1"), pts[j], bts[j], strict=True):
                    row[name] = float(val)
                    ok = b[~np.isnan(b)]
                    lo, hi = np.quantile(ok, [0.025, 0.975]) if len(ok) else (np.nan, np.nan)
                    row[f"{name}_lo"], row[f"{name}_hi"] = float(lo), float(hi)
                rows.append(row)
    return pd.DataFrame(rows)


def evaluate(rollcalls: pd.DataFrame, folds: int = 5) -> pd.DataFrame:
    """The scores table for a roll-call table (see the module docstring)."""
    from ..records.issue_codes import training_table

    return score(predictions(training_table(rollcalls), folds=folds))


def display_table(df: pd.DataFrame) -> pd.DataFrame:
    """Rates with their intervals as ``0.91 [0.88-0.94]`` strings, for the terminal."""
    import pandas as pd

    out = df[["design", "system", "code", "gold"]].copy()
    for name in ("precision", "recall", "f1"):
        out[name] = [
            f"{v:.3f} [{lo:.3f}-{hi:.3f}]" if not math.isnan(v) else "-"
            for v, lo, hi in zip(df[name], df[f"{name}_lo"], df[f"{name}_hi"], strict=True)
        ]
    return pd.DataFrame(out)


def cmd_evaluate_issues(args: argparse.Namespace) -> int:
    """``nonaligned evaluate issues``: per-code P/R/F1 of the title classifier and the baseline."""
    import pandas as pd

    from ..errors import DataError
    from ..output import emit
    from ..records.issue_codes import CODES

    try:
        rc = pd.read_parquet(args.rollcalls)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise DataError(
            f"--rollcalls {args.rollcalls}: not a readable Parquet file ({first})"
        ) from exc
    missing = sorted({"short", "descr", "unres", "session", *CODES} - set(rc.columns))
    if missing:
        raise DataError(f"--rollcalls {args.rollcalls}: lacks the column(s) {', '.join(missing)}")
    df = evaluate(rc, folds=args.folds)
    fmt = getattr(args, "format", "table") or "table"
    title = (
        f"Issue codes from titles: {args.folds}-fold CV grouped by session, and sessions <= "
        f"{TEMPORAL_SPLIT} -> {TEMPORAL_SPLIT + 1}+; model vs keyword baseline; 95% bootstrap "
        f"intervals over sessions ({REPLICATES} replicates)"
    )
    emit(display_table(df) if fmt == "table" else df, fmt, title=title, out=args.out)
    return 0
