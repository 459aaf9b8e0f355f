"""Rules and the learned model together: model-only events, and the combination the coder uses.

Why a combination and not a replacement: the rules resolve actors to codes, dates and places from
the parse and the dictionaries, and an event they code can be explained from its sentence; the
model finds events the rules' trigger lists miss and reads roles without a parse. Where they
disagree, what wins was decided by measurement on the training corpus's own development split
(``rebuild/event_model.py`` prints it), never on the evaluation gold:

* a sentence where the rules code an asserted non-statement event keeps the rules' events; an
  event with no target takes the model's target mention when the role model is confident;
* a sentence where the rules find nothing (or only a statement) gets the model's event when the
  type model is confident and at least one mention has a code.

The sentence encoder (:mod:`.encoder`, ``with_encoder``) is measured but not the default: on
the corpus dev split its classifier reads the root better than the type model (accuracy 0.950 vs
0.915, macro-F1 0.935 vs 0.899) yet adds little to the combined triples (F1 0.763 -> 0.764 at the
dev-chosen threshold 0.3). Measured once on the gold (`nonaligned evaluate events --coders combined
encoder`, coder rules-0.3.2 working tree): PLOVER event macro-F1 0.547 -> 0.571, source accuracy
0.523 -> 0.611, target 0.451 -> 0.533, ConfliBERT class macro-F1 0.494 -> 0.536 (fallbacks 102 ->
55), but PLOVER triple F1 0.350 -> 0.335 (precision 0.407 -> 0.355), under its gate floor; the
intervals overlap throughout. It stays an evaluation coder (``encoder``) until a version chosen on
the corpus dev split keeps every gated figure.

Every model event keeps the sentence, its character span (the mention it names as source, else
the sentence) and ``coder`` = the model version, so it stays traceable like a rule event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import Any

import numpy as np

from .candidates import _actor_code
from .model import NONE, EventModel, default_model, type_features

# Thresholds chosen on the corpus development split (see the module docstring).
TYPE_THRESHOLD = 0.55
ROLE_THRESHOLD = 0.5
STATEMENT_ROOT = "01"


@dataclass(frozen=True)
class _Mention:
    start: int  # offsets within the sentence
    end: int
    text: str
    code: str | None


Items = list[tuple[int, int, str, list[_Mention]]]


def sentence_mentions(doc: Any) -> Items:
    """(sentence index, sentence start, text, mentions in it) for every sentence of ``doc``.

    One pass over sentences and mentions, both in document order (this runs on every coded
    document); a mention acts under its code unless it names a former office holder.
    """
    ms = sorted(doc.mentions, key=lambda m: m.start)
    out: Items = []
    k = 0
    for i, (s, e, text) in enumerate(doc.sentences):
        while k < len(ms) and ms[k].start < s:
            k += 1
        inside: list[_Mention] = []
        j = k
        while j < len(ms) and ms[j].start < e:
            m = ms[j]
            if m.end <= e:
                inside.append(_Mention(m.start - s, m.end - s, m.text, _actor_code(m)))
            j += 1
        out.append((i, s, text, inside))
    return out


def _status(model: EventModel, text: str, spans: Sequence[tuple[int, int]]) -> str:
    if model.status is None:
        return "asserted"
    p = model.status.proba([type_features(text, spans, model.lex)])[0]
    return model.status.labels[int(np.argmax(p))]


def model_events(
    doc: Any,
    dictionary: Any,
    model: EventModel | None = None,
    *,
    coder: str | None = None,
    items: Items | None = None,
) -> list[Any]:
    """The model's events of one document (at most one per sentence), as coder ``Event`` rows;
    ``coder`` is stamped on them (default: the model's version)."""
    m = model or default_model()
    version = coder or str(m.meta.get("version", "model"))
    usable = [x for x in (items or sentence_mentions(doc)) if any(y.code for y in x[3])]
    if not usable:
        return []
    probs = m.sentence_types([(t, [(x.start, x.end) for x in ms]) for _, _, t, ms in usable])
    # the threshold chosen on the corpus dev split ships with the weights
    threshold = float(m.meta.get("type_threshold", TYPE_THRESHOLD))
    return _type_events(
        doc, dictionary, m, usable, probs, m.types.labels, threshold, version, "model"
    )


def _type_events(
    doc: Any,
    dictionary: Any,
    m: EventModel,
    usable: Items,
    probs: np.ndarray,
    labels: Sequence[str],
    threshold: float,
    version: str,
    tag: str,
) -> list[Any]:
    """One event per sentence whose most probable type (``labels``) is an event over
    ``threshold``; source and target from the role model. ``tag`` keeps the event ids of
    different typers apart."""
    from .records import Event

    out = []
    for (i, s, text, ms), p in zip(usable, probs, strict=True):
        k = int(np.argmax(p))
        label = labels[k]
        if label == NONE or p[k] < threshold or label not in dictionary.codes:
            continue
        spans = [(x.start, x.end) for x in ms]
        roles = m.mention_roles(text, spans)
        si, ti = m.roles.labels.index("source"), m.roles.labels.index("target")
        src = _pick(roles[:, si], ms, exclude=None)
        tgt = _pick(roles[:, ti], ms, exclude=src)
        if src is None and tgt is None:
            continue
        base = dictionary.codes[label]
        a = ms[src] if src is not None else None
        b = ms[tgt] if tgt is not None else None
        if a is not None and b is not None and a.code == b.code:
            b = None
        anchor = a or b
        assert anchor is not None
        eid = hashlib.sha256(
            f"{doc.doc_id}|{i}|{label}|{a.code if a else ''}|{b.code if b else ''}|{tag}".encode()
        ).hexdigest()[:16]
        out.append(
            Event(
                event_id=eid,
                doc_id=doc.doc_id,
                sent=i,
                start=s + anchor.start,
                end=s + anchor.end,
                sentence=text,
                actor=a.code if a else None,
                actor_text=a.text if a else None,
                recipient=b.code if b else None,
                recipient_text=b.text if b else None,
                event=base.event,
                mode=base.mode,
                context=base.context,
                cameo=base.cameo,
                goldstein=base.goldstein,
                quad_class=base.quad_class,
                penta_class=base.penta_class,
                date=doc.published,
                date_precision="day" if doc.published else None,
                date_text=None,
                location=None,
                status=_status(m, text, spans),
                speaker=None,
                confidence=float(p[k]),
                coder=version,
            )
        )
    return out


def _pick(scores: np.ndarray, ms: Sequence[_Mention], exclude: int | None) -> int | None:
    best, best_p = None, ROLE_THRESHOLD
    for j, x in enumerate(ms):
        if j == exclude or x.code is None:
            continue
        if scores[j] >= best_p:
            best, best_p = j, float(scores[j])
    return best


def combine(
    rule_events: Sequence[Any],
    model_evs: Sequence[Any],
    doc: Any,
    model: EventModel | None = None,
    *,
    items: Items | None = None,
) -> list[Any]:
    """Rules first; the model fills sentences the rules leave without an asserted event, and
    targets the rules could not find."""
    m = model or default_model()
    by_sent: dict[int, list[Any]] = {}
    for e in rule_events:
        by_sent.setdefault(e.sent, []).append(e)
    by_index = {i: (s, t, ms) for i, s, t, ms in (items or sentence_mentions(doc))}
    out: list[Any] = []
    for sent, evs in by_sent.items():
        _, text, ms = by_index.get(sent, (0, "", []))
        roles = None
        for e in evs:
            kept = e
            if e.recipient is None and e.actor is not None and ms:
                if roles is None:
                    roles = m.mention_roles(text, [(x.start, x.end) for x in ms])
                ti = m.roles.labels.index("target")
                j = _pick(roles[:, ti], ms, exclude=None)
                if j is not None and ms[j].code not in (None, e.actor):
                    kept = replace(e, recipient=ms[j].code, recipient_text=ms[j].text)
            out.append(kept)
    for e in model_evs:
        rules_here = by_sent.get(e.sent, [])
        if any(
            r.status == "asserted" and not r.cameo.startswith(STATEMENT_ROOT) for r in rules_here
        ):
            continue
        if any(r.cameo[:2] == e.cameo[:2] and r.status == e.status for r in rules_here):
            continue  # the rules already coded this event here (negated, intended...)
        out.append(e)
    return sorted(out, key=lambda e: (e.sent, e.start, e.event_id))


def _asserted_event(e: Any) -> bool:
    return bool(e.status == "asserted" and not e.cameo.startswith(STATEMENT_ROOT))


def encoder_needed(events: Sequence[Any], items: Items) -> Items:
    """The sentences the encoder may fill: at least one mention with a code, and no asserted
    event other than a statement among ``events`` (rules and model combined) in the sentence."""
    done = {e.sent for e in events if _asserted_event(e)}
    return [x for x in items if x[0] not in done and any(y.code for y in x[3])]


def encoder_probs(need: Items, classifier: Any = None) -> np.ndarray:
    """The encoder classifier's probabilities (rows: ``need``; columns: its labels)."""
    from .encoder import default_classifier, default_encoder

    clf = classifier or default_classifier()
    if not need:
        return np.zeros((0, len(clf.labels)))
    texts = clf.texts([(t, [(x.start, x.end) for x in ms]) for _, _, t, ms in need])
    return np.asarray(clf.proba(default_encoder().encode(texts)))


def with_encoder(
    batch: Sequence[tuple[Any, list[Any], Items]],
    dictionary: Any,
    model: EventModel | None = None,
    *,
    coder: str,
    classifier: Any = None,
    threshold: float | None = None,
    probs: Sequence[np.ndarray] | None = None,
) -> list[list[Any]]:
    """Each (document, its combined events, its sentence mentions) with the encoder's events
    added where :func:`encoder_needed` says, when the classifier's probability of an event
    root is over ``threshold`` (default: the one chosen on the corpus dev split, shipped with
    the weights). One encoder pass for the whole batch; ``probs`` (per document, rows of its
    needed sentences) skips it. Encoder events carry ``coder`` + ``+enc-1.<sha8>``; an event
    the document already has in the sentence (same root and status) is not added again."""
    from .encoder import default_classifier, version_part

    m = model or default_model()
    clf = classifier or default_classifier()
    thr = clf.threshold if threshold is None else threshold
    needs = [encoder_needed(evs, items) for _, evs, items in batch]
    if probs is None:
        flat = encoder_probs([x for n in needs for x in n], clf)
        cuts = np.cumsum([0] + [len(n) for n in needs])
        probs = [flat[a:b] for a, b in pairwise(cuts)]
    version = f"{coder}+{version_part()}"
    out = []
    for (doc, evs, _), need, p in zip(batch, needs, probs, strict=True):
        new = _type_events(doc, dictionary, m, need, p, clf.labels, thr, version, "enc")
        have = {(e.sent, e.cameo[:2], e.status) for e in evs}
        add = [e for e in new if (e.sent, e.cameo[:2], e.status) not in have]
        out.append(sorted([*evs, *add], key=lambda e: (e.sent, e.start, e.event_id)))
    return out


def code_text_rules(text: str, on: date | None = None) -> list[Any]:
    """The rules alone on a raw string (the evaluation's rules-only row)."""
    from . import code_text, default_dictionary

    return code_text(text, on, dictionary=default_dictionary())  # explicit: no model


def code_text_model(text: str, on: date | None = None) -> list[Any]:
    """Model-only events of a raw string (the evaluation's model-only row)."""
    from . import annotated, default_dictionary

    doc, _ = annotated(text, on)
    return model_events(doc, default_dictionary())


def code_text_combined(text: str, on: date | None = None) -> list[Any]:
    """Rules and model combined on a raw string: the product's coder, ``code_text`` itself."""
    from . import code_text

    return code_text(text, on)


def code_text_encoder(text: str, on: date | None = None) -> list[Any]:
    """Rules and model combined, then the sentence encoder's events where neither coded one (the
    evaluation's encoder row)."""
    from . import _use_model, annotated, code_document, combined_version, default_dictionary

    doc, nlp = annotated(text, on)
    events = code_document(doc, nlp)
    d = default_dictionary()
    coder = combined_version(d, _use_model(None))
    return with_encoder([(doc, events, sentence_mentions(doc))], d, coder=coder)[0]
