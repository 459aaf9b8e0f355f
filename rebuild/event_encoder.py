"""Train the sentence-encoder event classifier on the project's own corpus; measure it on dev.

    .venv/bin/python rebuild/event_encoder.py [--corpus FILE] [--out FILE] [--no-pin]

Reads ``nonaligned/text/training/events_corpus.jsonl`` (never an evaluation file), annotates every
passage with the project's actor recogniser (as ``rebuild/event_model.py`` does), encodes every
sentence with all-MiniLM-L6-v2 (``nonaligned.text.events.encoder``) twice, as written and with
each recognised mention replaced by "Country", and fits a multinomial logistic regression from the
embedding to the CAMEO root of the sentence's main event (or ``none``) on ``split == "train"``.

Every choice is made on ``split == "dev"``: masked or not and the L2 penalty by the dev macro-F1
of the root; the probability threshold of ``combine.with_encoder`` by the dev F1 of (root,
source, target) triples of rules + model + encoder. The existing type model's root accuracy and
macro-F1 on the same dev sentences are printed beside. Deterministic (L-BFGS from zeros, no random
state): the same corpus gives the same bytes. Writes the weights and pins their sha256 in
``nonaligned/text/events/encoder.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "nonaligned" / "text" / "training" / "events_corpus.jsonl"
OUT = REPO / "nonaligned" / "text" / "models" / "event_encoder.npz"
CODE = REPO / "nonaligned" / "text" / "events" / "encoder.py"
L2 = (0.1, 1.0, 10.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _event_model_script() -> Any:
    """rebuild/event_model.py (its corpus annotation, triples and F1 helpers)."""
    spec = importlib.util.spec_from_file_location(
        "_event_model", REPO / "rebuild" / "event_model.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def root(code: str) -> str:
    return code if code == "none" else code[:2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-pin", action="store_true", help="do not rewrite the pinned sha256")
    a = ap.parse_args(argv)

    from nonaligned.text.events import combine, default_dictionary
    from nonaligned.text.events import encoder as enc
    from nonaligned.text.events.model import default_model

    em = _event_model_script()
    raw = a.corpus.read_bytes()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    log(
        f"corpus {a.corpus.name}: {len(rows)} passages, sha256 {hashlib.sha256(raw).hexdigest()[:12]}"
    )
    items, annotated = em.examples(rows)
    # the spans the coder masks at run time: the recognised mentions only (not the gold spans
    # the role model also learns from)
    by_doc = {k: combine.sentence_mentions(d) for k, d in annotated.items()}
    for x in items:
        ms = by_doc[x["id"]][x["sent"]][3]
        x["run_spans"] = [(m.start, m.end) for m in ms]
        x["root"] = root(x["type"])
    train = [x for x in items if x["split"] == "train"]
    dev = [x for x in items if x["split"] == "dev"]
    log(f"sentences: {len(train)} train, {len(dev)} dev")

    encoder = enc.default_encoder()
    t0 = time.time()
    emb: dict[bool, np.ndarray] = {}
    for masked in (False, True):
        texts = [
            enc.mask_mentions(x["text"], x["run_spans"]) if masked else x["text"] for x in items
        ]
        emb[masked] = encoder.encode(texts)
    dt = time.time() - t0
    log(f"encoded {2 * len(items)} sentences in {dt:.0f} s ({2 * len(items) / dt:.0f} sentences/s)")
    tr = np.array([x["split"] == "train" for x in items])
    dv = np.array([x["split"] == "dev" for x in items])
    ytr = [x["root"] for x in train]
    ydv = [x["root"] for x in dev]

    best: tuple[float, bool, float] | None = None
    fitted: dict[tuple[bool, float], Any] = {}
    for masked in (False, True):
        for l2 in L2:
            clf = enc.fit_classifier(emb[masked][tr], ytr, l2=l2)
            pred = [clf.labels[int(i)] for i in clf.proba(emb[masked][dv]).argmax(1)]
            acc = float(np.mean([g == q for g, q in zip(ydv, pred, strict=True)]))
            f1 = em.macro_f1(ydv, pred)
            print(
                f"encoder classifier, masked={masked!s:5} l2={l2:<4}: dev root accuracy {acc:.3f}, macro-F1 {f1:.3f}"
            )
            fitted[(masked, l2)] = clf
            if best is None or f1 > best[0]:
                best = (f1, masked, l2)
    assert best is not None
    _, masked, l2 = best
    clf = fitted[(masked, l2)]
    print(f"chosen: masked={masked} l2={l2}")

    # the existing type model on the same dev sentences (its labels are full CAMEO codes)
    model = default_model()
    p = model.sentence_types([(x["text"], x["spans"]) for x in dev])
    pred = [root(model.types.labels[int(i)]) for i in p.argmax(1)]
    acc = float(np.mean([g == q for g, q in zip(ydv, pred, strict=True)]))
    print(
        f"existing type model ({model.meta.get('version')}): dev root accuracy {acc:.3f}, macro-F1 {em.macro_f1(ydv, pred):.3f}"
    )

    # threshold: rules + model + encoder on the dev passages, (root, source, target) triples
    from nonaligned.text.actors import default_recognizer
    from nonaligned.text.events import code_document, combined_version

    d = default_dictionary()
    nlp = default_recognizer().nlp
    dev_rows = [r for r in rows if r["split"] == "dev"]
    docs = [annotated[r["id"]] for r in dev_rows]
    gold = [em.gold_triples(r) for r in dev_rows]
    coder = combined_version(d, model)
    base = [code_document(doc, nlp) for doc in docs]
    pb = em.prf(gold, [em.triples(x) for x in base])
    print(
        f"dev triples, {len(dev_rows)} passages: rules+model P {pb[0]:.3f} R {pb[1]:.3f} F1 {pb[2]:.3f}"
    )
    batch = [(doc, evs, by_doc[r["id"]]) for doc, evs, r in zip(docs, base, dev_rows, strict=True)]
    index = {(x["id"], x["sent"]): k for k, x in enumerate(items)}
    probs = []
    for doc, evs, its in batch:
        need = combine.encoder_needed(evs, its)
        rows_ = [index[(doc.doc_id, i)] for i, _, _, _ in need]
        probs.append(clf.proba(emb[masked][rows_]) if rows_ else np.zeros((0, len(clf.labels))))
    chosen, best_f = None, pb[2]
    for thr in THRESHOLDS:
        got = combine.with_encoder(
            batch, d, model, coder=coder, classifier=clf, threshold=thr, probs=probs
        )
        pc = em.prf(gold, [em.triples(x) for x in got])
        added = sum(len(g) - len(b) for g, b in zip(got, base, strict=True))
        print(
            f"  threshold {thr:.1f}: rules+model+encoder P {pc[0]:.3f} R {pc[1]:.3f} F1 {pc[2]:.3f} ({added} encoder events)"
        )
        if pc[2] > best_f + 1e-9:
            chosen, best_f = thr, pc[2]
    if chosen is None:
        chosen = 1.01  # no threshold helps on dev: the encoder adds nothing
        print("no threshold improves the dev triples: threshold 1.01 (the encoder adds no event)")
    else:
        print(f"chosen threshold {chosen:.1f} (dev triples F1 {best_f:.3f} vs {pb[2]:.3f})")

    clf.meta = {
        "encoder": enc.ENCODER_NAME,
        "encoder_sha256": encoder.sha256,
        "corpus_sha256": hashlib.sha256(raw).hexdigest(),
        "masked": masked,
        "l2": l2,
        "threshold": chosen,
        "train_sentences": len(train),
        "dev_sentences": len(dev),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    sha = enc.save_classifier(clf, a.out)
    print(f"{a.out}: {a.out.stat().st_size:,} bytes, sha256 {sha}")
    if not a.no_pin:
        code = CODE.read_text(encoding="utf-8")
        code = re.sub(
            r"^WEIGHTS_SHA256: str \| None = .*$",
            f'WEIGHTS_SHA256: str | None = "{sha}"',
            code,
            flags=re.M,
        )
        CODE.write_text(code, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
