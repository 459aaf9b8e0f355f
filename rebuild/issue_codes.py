"""Retrain the issue-code classifier (nonaligned/records/models/issue_codes.json).

Training data: the coded roll calls of sessions 1–74 in ``nonaligned/records/data/
rollcalls.parquet`` (``issue_source == 'coded'``; UN-library roll calls, whose codes are this
model's predictions, are excluded), reduced by ``issue_codes.training_table``. Deterministic:
no random initialisation (L-BFGS from zeros), fixed fold seed, canonical JSON with rounded
floats; the same table gives the same bytes.

Writes, in order:
1. ``models/issue_codes.json`` — vocabulary, idf, coefficients, intercepts, thresholds, model
   version, sha256 of the roll-call file and of the training table, CV and temporal figures;
2. the sha256 of that file into ``WEIGHTS_SHA256`` in ``nonaligned/records/issue_codes.py``
   (``--no-pin`` leaves the code alone);
3. ``models/issue_codes.SOURCE.md`` — how it was made, training rows, the sha256, the figures.

Run:  .venv/bin/python rebuild/issue_codes.py [--rollcalls PATH] [--out PATH] [--no-pin]
      (about a minute: one fit for the weights, then the evaluation of `nonaligned evaluate issues`)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nonaligned.evaluate.issues import DEFAULT_ROLLCALLS, evaluate  # noqa: E402
from nonaligned.records import issue_codes as ic  # noqa: E402

CODE_FILE = ROOT / "nonaligned" / "records" / "issue_codes.py"


def table_sha256(table: pd.DataFrame) -> str:
    """Hash of the training rows themselves (stable when unrelated columns of the file change)."""
    h = hashlib.sha256()
    for row in table.itertuples(index=False):
        h.update(("\t".join(str(v) for v in row) + "\n").encode("utf-8"))
    return h.hexdigest()


def figures(scores: pd.DataFrame) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """{design: {system: {code: {precision, recall, f1, f1_lo, f1_hi, gold}}}}, rounded."""
    out: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    for r in scores.itertuples(index=False):
        out.setdefault(str(r.design), {}).setdefault(str(r.system), {})[str(r.code)] = {
            k: round(float(getattr(r, k)), 4)
            for k in ("precision", "recall", "f1", "f1_lo", "f1_hi")
        } | {"gold": int(r.gold)}
    return out


def build(rollcalls: Path, evaluate_too: bool = True) -> tuple[ic.Model, pd.DataFrame | None]:
    """The model fitted on every coded roll call, and the evaluation table."""
    rc = pd.read_parquet(rollcalls)
    table = ic.training_table(rc)
    scores = evaluate(rc) if evaluate_too else None
    meta = {
        "model_version": ic.MODEL_VERSION,
        "training_file_sha256": ic.sha256_file(rollcalls),
        "training_table_sha256": table_sha256(table),
        "training_rows": len(table),
        "training_sessions": [int(table["session"].min()), int(table["session"].max())],
        "positives": {c: int(table[c].sum()) for c in ic.CODES},
    }
    if scores is not None:
        meta["evaluation"] = figures(scores)
    model = ic.train(
        table["text"].tolist(),
        table[list(ic.CODES)].to_numpy(),
        table["session"].to_numpy(),
        meta=meta,
    )
    return model, scores


def source_md(model: ic.Model, sha: str, scores: pd.DataFrame | None) -> str:
    """The human-readable note written next to the weights."""
    m = model.meta
    lines = [
        "# issue_codes.json — issue codes predicted from roll-call titles",
        "",
        f"Model version {m['model_version']}; file sha256 `{sha}` (pinned as `WEIGHTS_SHA256` in",
        "`nonaligned/records/issue_codes.py`; `load_model()` refuses any other bytes).",
        "",
        "Made by `.venv/bin/python rebuild/issue_codes.py` (deterministic) from",
        f"`nonaligned/records/data/rollcalls.parquet` (sha256 `{m['training_file_sha256']}`): the",
        f"roll calls Voeten's team coded, sessions {m['training_sessions'][0]}–{m['training_sessions'][1]},",
        f"reduced to {m['training_rows']} rows (one per distinct title and coding within a session;",
        f"table sha256 `{m['training_table_sha256']}`). Positives: "
        + ", ".join(f"{c} {n}" for c, n in m["positives"].items())
        + ".",
        "",
        "Text: the field of each roll call that reads like a UN title (see `_title_like`), the",
        "library's suffix and truncation removed, lower case, words (plural folded, stop words",
        "dropped) and word bigrams, sublinear TF-IDF (min_df 2), one L2 logistic regression per",
        f"code (C = {m['settings']['c']}) fitted by L-BFGS; thresholds per code maximise F1 on",
        "out-of-fold probabilities of a 5-fold CV grouped by session, inside the training data.",
        "Thresholds: "
        + ", ".join(f"{c} {t:.3f}" for c, t in zip(ic.CODES, model.thresholds, strict=True))
        + ".",
        "",
    ]
    if scores is not None:
        lines += [
            "## Figures (`nonaligned evaluate issues`)",
            "",
            "Test titles rendered as the UN library shows them (suffix, cut at 120 characters).",
            "`cv`: 5-fold CV grouped by session; `temporal`: train sessions <= 69, test 70–74.",
            "95% intervals: bootstrap over sessions, 1,000 replicates.",
            "",
            "| design | system | code | gold | precision | recall | F1 [95% CI] |",
            "|---|---|---|---:|---:|---:|---|",
        ]
        for r in scores.itertuples(index=False):
            lines.append(
                f"| {r.design} | {r.system} | {r.code} | {r.gold} | {r.precision:.3f} | "
                f"{r.recall:.3f} | {r.f1:.3f} [{r.f1_lo:.3f}–{r.f1_hi:.3f}] |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rollcalls", type=Path, default=DEFAULT_ROLLCALLS)
    ap.add_argument("--out", type=Path, default=ic.WEIGHTS_PATH)
    ap.add_argument("--no-pin", action="store_true", help="do not rewrite WEIGHTS_SHA256")
    ap.add_argument("--no-evaluate", action="store_true", help="skip the CV figures (faster)")
    a = ap.parse_args(argv)
    model, scores = build(a.rollcalls, evaluate_too=not a.no_evaluate)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    data = model.to_json().encode("utf-8")
    a.out.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    if not a.no_pin:
        code = CODE_FILE.read_text(encoding="utf-8")
        code = re.sub(
            r'^WEIGHTS_SHA256 = "[0-9a-f]*"', f'WEIGHTS_SHA256 = "{sha}"', code, flags=re.M
        )
        CODE_FILE.write_text(code, encoding="utf-8")
    a.out.with_name("issue_codes.SOURCE.md").write_text(
        source_md(model, sha, scores), encoding="utf-8"
    )
    print(
        f"{a.out}: {len(data):,} bytes, sha256 {sha}; {model.meta['training_rows']} training rows"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
