"""Train the learned event models on the project's own corpus; measure them on its dev split.

    .venv/bin/python rebuild/event_model.py [--corpus FILE] [--out FILE]

Reads ``nonaligned/text/training/events_corpus.jsonl`` (written from the CAMEO definitions by
``rebuild/event_corpus.py``; never an evaluation file), annotates every passage with the project's
actor recogniser (so the model sees mentions exactly as it will at run time), and fits three
multinomial logistic regressions (``nonaligned.text.events.model``): the sentence's event type
(CAMEO code or ``none``), each mention's role (source / target / other) and the main event's status.
Training uses ``split == "train"`` only; the printed figures are on ``split == "dev"``, beside the
rules coder on the same dev sentences, for the thresholds of ``nonaligned.text.events.combine``.
Deterministic: the same corpus gives the same bytes. Writes the weights and pins their sha256 in
``nonaligned/text/events/model.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "nonaligned" / "text" / "training" / "events_corpus.jsonl"
OUT = REPO / "nonaligned" / "text" / "models" / "event_model.npz"
CODE = REPO / "nonaligned" / "text" / "events" / "model.py"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def examples(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One item per recognised sentence (text, mention spans, type, roles, status, gold triples),
    and every passage as the coder's document by id (annotated once, reused on the dev split)."""
    from nonaligned.text.actors import default_recognizer
    from nonaligned.text.events import DocInput

    rec = default_recognizer()
    items: list[dict[str, Any]] = []
    docs: dict[str, Any] = {}
    t0 = time.time()
    for n, r in enumerate(rows):
        on = date.fromisoformat(r["article_date"]) if r.get("article_date") else None
        sentences, mentions = rec.annotate(r["text"], on)
        docs[r["id"]] = DocInput(r["id"], r["text"], on, sentences, mentions)
        for si, (s, e, text) in enumerate(sentences):
            evs = []
            for ev in r["events"]:
                anchor = ev.get("source_start")
                if anchor is None:
                    anchor = ev.get("target_start")
                if anchor is not None and s <= anchor < e:
                    evs.append(ev)
            ms = [m for m in mentions if m.start >= s and m.end <= e]
            spans = [(m.start - s, m.end - s) for m in ms]
            gold_spans = []
            for ev in evs:
                for side in ("source", "target"):
                    if ev.get(f"{side}_start") is not None:
                        gold_spans.append((ev[f"{side}_start"] - s, ev[f"{side}_end"] - s))
            # mentions the recogniser missed still teach the role model their context
            role_spans = sorted(
                set(spans) | {g for g in gold_spans if not any(overlaps(g, x) for x in spans)}
            )
            roles = []
            for sp in role_spans:
                role = "other"
                for ev in evs[:1]:
                    if ev.get("source_start") is not None and overlaps(
                        sp, (ev["source_start"] - s, ev["source_end"] - s)
                    ):
                        role = "source"
                    elif ev.get("target_start") is not None and overlaps(
                        sp, (ev["target_start"] - s, ev["target_end"] - s)
                    ):
                        role = "target"
                roles.append(role)
            items.append(
                {
                    "id": r["id"],
                    "split": r["split"],
                    "text": text,
                    "spans": role_spans,
                    "roles": roles,
                    "type": evs[0]["cameo"] if evs else "none",
                    "status": evs[0]["status"] if evs else None,
                    "gold": [
                        (ev["cameo"], ev.get("source_code"), ev.get("target_code")) for ev in evs
                    ],
                    "doc": r,
                    "sent": si,
                }
            )
        if n % 1000 == 999:
            log(f"  annotated {n + 1} passages ({time.time() - t0:.0f} s)")
    return items, docs


def triples(
    events: list[Any], *, counted: tuple[str, ...] = ("asserted",)
) -> set[tuple[str, str, str]]:
    """(root, source, target) of counted events; a generic agent's sector suffix is dropped."""
    out = set()
    for e in events:
        if e.status not in counted:
            continue
        src = (e.actor or "")[:3] if e.actor else ""
        tgt = (e.recipient or "")[:3] if e.recipient else ""
        out.add((e.cameo[:2], src, tgt))
    return out


def gold_triples(r: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {
        (ev["cameo"][:2], (ev.get("source_code") or "")[:3], (ev.get("target_code") or "")[:3])
        for ev in r["events"]
        if ev["status"] == "asserted"
    }


def prf(gold: list[set[Any]], pred: list[set[Any]]) -> tuple[float, float, float]:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def combination_on_dev(
    dev_rows: list[dict[str, Any]], model: Any, annotated: dict[str, Any]
) -> float:
    """Rules, model and combined on the corpus's dev passages: (root, source, target) triples
    of asserted events; the model's type threshold is the one with the best combined F1 here."""
    from nonaligned.text.actors import default_recognizer
    from nonaligned.text.events import code_document, combine, default_dictionary

    nlp = default_recognizer().nlp
    d = default_dictionary()
    docs = [annotated[r["id"]] for r in dev_rows]
    rules = [code_document(doc, nlp, dictionary=d) for doc in docs]
    gold = [gold_triples(r) for r in dev_rows]
    p, rr, f = prf(gold, [triples(x) for x in rules])
    print(
        f"dev triples (root, source, target), {len(dev_rows)} passages: rules P {p:.3f} R {rr:.3f} F1 {f:.3f}"
    )
    best, best_f = combine.TYPE_THRESHOLD, -1.0
    for thr in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        combine.TYPE_THRESHOLD = thr
        mod = [combine.model_events(doc, d, model) for doc in docs]
        both = [
            combine.combine(x, y, doc, model) for x, y, doc in zip(rules, mod, docs, strict=True)
        ]
        pm = prf(gold, [triples(x) for x in mod])
        pc = prf(gold, [triples(x) for x in both])
        print(f"  threshold {thr:.1f}: model P {pm[0]:.3f} R {pm[1]:.3f} F1 {pm[2]:.3f}; "
              f"combined P {pc[0]:.3f} R {pc[1]:.3f} F1 {pc[2]:.3f}")  # fmt: skip
        if pc[2] > best_f:
            best, best_f = thr, pc[2]
    print(f"chosen type threshold {best:.1f} (combined dev F1 {best_f:.3f})")
    combine.TYPE_THRESHOLD = best
    return best


def macro_f1(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold) | set(pred))
    f1s = []
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-pin", action="store_true", help="do not rewrite the pinned sha256")
    ap.add_argument(
        "--no-lexicon",
        dest="lexicon",
        action="store_false",
        help="without the rules' trigger dictionary as features (for comparison)",
    )
    a = ap.parse_args(argv)
    from nonaligned.text.events import model as em

    raw = a.corpus.read_bytes()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    log(
        f"corpus {a.corpus.name}: {len(rows)} passages, sha256 {hashlib.sha256(raw).hexdigest()[:12]}"
    )
    items, annotated = examples(rows)
    train = [x for x in items if x["split"] == "train"]
    dev = [x for x in items if x["split"] == "dev"]
    log(f"sentences: {len(train)} train, {len(dev)} dev")

    from nonaligned.text.events import default_dictionary

    lex = em.lexicon(default_dictionary()) if a.lexicon else None
    tf = [em.type_features(x["text"], x["spans"], lex) for x in train]
    types = em.fit(tf, [x["type"] for x in train], l2=1.0)
    rf, ry = [], []
    for x in train:
        for k, role in enumerate(x["roles"]):
            rf.append(em.role_features(x["text"], x["spans"], k))
            ry.append(role)
    roles = em.fit(rf, ry, l2=1.0)
    st = [x for x in train if x["status"]]
    status = em.fit(
        [em.type_features(x["text"], x["spans"], lex) for x in st],
        [x["status"] for x in st],
        l2=1.0,
    )
    meta = {
        "version": em.MODEL_VERSION,
        "corpus_sha256": hashlib.sha256(raw).hexdigest(),
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "lexicon": bool(lex),
    }
    model = em.EventModel(types, roles, meta, status)
    model.lex = lex

    # ---- dev figures
    p = model.sentence_types([(x["text"], x["spans"]) for x in dev])
    pred = [types.labels[int(i)] for i in p.argmax(1)]
    gold = [x["type"] for x in dev]
    acc = float(np.mean([g == q for g, q in zip(gold, pred, strict=True)]))
    root = lambda c: c if c == "none" else c[:2]  # noqa: E731
    racc = float(np.mean([root(g) == root(q) for g, q in zip(gold, pred, strict=True)]))
    print(f"type (CAMEO code) accuracy on dev: {acc:.3f}; root accuracy {racc:.3f}; "
          f"macro-F1 {macro_f1(gold, pred):.3f} over {len(set(gold))} labels")  # fmt: skip
    rg, rp = [], []
    for x in dev:
        if x["spans"]:
            pr = model.mention_roles(x["text"], x["spans"])
            rp += [roles.labels[int(i)] for i in pr.argmax(1)]
            rg += x["roles"]
    print(f"role accuracy on dev mentions: {np.mean([g == q for g, q in zip(rg, rp, strict=True)]):.3f}; "
          f"macro-F1 {macro_f1(rg, rp):.3f} ({len(rg)} mentions)")  # fmt: skip
    sd = [x for x in dev if x["status"]]
    sp = status.proba([em.type_features(x["text"], x["spans"], lex) for x in sd])
    spred = [status.labels[int(i)] for i in sp.argmax(1)]
    print(f"status accuracy on dev events: {np.mean([x['status'] == q for x, q in zip(sd, spred, strict=True)]):.3f}; "
          f"macro-F1 {macro_f1([x['status'] for x in sd], spred):.3f}")  # fmt: skip
    print(
        f"type classes: {len(types.labels)}; features: types {len(types.vocab)}, roles {len(roles.vocab)}"
    )

    dev_rows = [r for r in rows if r["split"] == "dev"]
    chosen = combination_on_dev(dev_rows, model, annotated)
    model.meta["type_threshold"] = chosen

    a.out.parent.mkdir(parents=True, exist_ok=True)
    sha = em.save(model, a.out)
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
    c = Counter(gold)
    log(f"dev label spread: {c.most_common(5)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
