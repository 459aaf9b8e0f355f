"""From a coded finding to :class:`Event` rows: actor pairs, dates, places, speaker, confidence.

4. **Reciprocity.** Conjoined sources ("Azerbaijan and Armenia agreed", "X and Y signed an
   agreement"), or a source and target of a mutual event (CAMEO 03x intent, 04x consult except the
   directed visit/host/mediate codes, 050, 057 signing, 06x cooperation), give both directions;
   the other parties named ("signed ... with X") are paired with each. A 040 meeting in a third
   state's place is 044.

7. **Dates and places.** :func:`nonaligned.text.timex.resolve` on the sentence, choosing the date
   words nearest to the trigger; an intended event reads weekdays forward. No date words: the
   article date with day precision (no article date: no date; unresolvable words are kept in
   ``date_text`` with no date). Location: a place mention in an "in/at X" phrase on the trigger
   (or its object).

A refusal governing the event adds a REJECT event (:func:`_refusal_code`) and an actor's own
unconditional announcement an expression of intent (:func:`_intent_code`; see :mod:`.status`).

Confidence (``_confidence``) is a simple additive score, not a probability: 0.40 base, +0.08 per
dictionary constraint the trigger row satisfied (specificity), +0.30 when both actors are resolved
(+0.15 for one), -0.03 per dependency edge beyond two between trigger and the farthest actor (at
most -0.20), -0.10 when an actor came from a pronoun or a "the two countries" phrase; clipped to
[0.05, 0.99].
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import timex
from .dictionary import CameoCode, EventDictionary
from .phrases import _Actor, _only_state, _Parsed, _placed, _stateless_agent
from .records import DocInput, Event
from .status import _Status, _status
from .syntax import _children, _pobj, _subject
from .triggers import _Trigger

# Mutual events: sign an agreement, meet, negotiate, cooperate, agree to, telephone, establish
# relations. Conjoined parties give both directions; a source and a target too.
RECIPROCAL_PREFIXES = ("03", "04", "06")
RECIPROCAL_CODES = frozenset({"050", "057"})
NOT_RECIPROCAL = frozenset(
    {"042", "043", "045", "0331", "0332", "0333", "0334", "031", "032", "033"}
)


@dataclass
class _Found:
    """A trigger with its actors and status (found by :mod:`.rules`), before it becomes events."""

    trigger: _Trigger
    sources: list[_Actor]
    targets: list[_Actor]
    status: _Status
    reciprocal: bool
    path: int


def _reciprocal(cameo: str) -> bool:
    if cameo in NOT_RECIPROCAL:
        return False
    return cameo.startswith(RECIPROCAL_PREFIXES) or cameo in RECIPROCAL_CODES


def _refusal_code(cameo: str, codes: dict[str, CameoCode]) -> str | None:
    """CAMEO 12x for a refusal: what was refused decides (meet 125, agree 127, cooperate 121)."""
    if cameo.startswith("04"):
        pick = "125"
    elif cameo.startswith("03") or cameo == "057":
        pick = "127"
    elif cameo.startswith("06"):
        pick = "121"
    else:
        pick = "120"
    for c in (pick, "120", "12"):
        if c in codes:
            return c
    return None


# What an announced event is coded as (CAMEO 03x "express intent to ..."; 13x for announced
# material conflict), by the announced event's CAMEO code: the longest matching prefix wins.
INTENT_CODES: dict[str, str] = {
    "04": "036",  # consult, meet, visit -> intent to meet or negotiate
    "05": "032",  # diplomatic cooperation -> intent to cooperate diplomatically
    "057": "030",  # sign a formal agreement -> intent to cooperate
    "06": "031",  # material cooperation
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",  # provide aid
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",  # yield
    "16": "1313",  # reduce relations -> threaten to reduce or break relations
    "163": "1312",  # embargo, sanctions -> threaten with sanctions
    "17": "130",  # coerce -> threaten
    "18": "138",  # assault, fight, mass violence -> threaten with military force
    "19": "138",
    "20": "138",
}


def _intent_code(cameo: str, codes: dict[str, CameoCode]) -> str | None:
    """CAMEO's code for announcing the event ``cameo`` (None: announcing it is a mere statement)."""
    for n in range(len(cameo), 1, -1):
        pick = INTENT_CODES.get(cameo[:n])
        if pick is not None:
            return pick if pick in codes else None
    return None


def _confidence(f: _Found, source: _Actor | None, target: _Actor | None) -> float:
    score = 0.40 + 0.08 * f.trigger.specificity
    resolved = sum(1 for a in (source, target) if a is not None and a.code is not None)
    score += 0.30 if resolved == 2 else 0.15 if resolved == 1 else 0.0
    score -= min(0.20, 0.03 * max(0, f.path - 2))
    if any(a is not None and a.indirect for a in (source, target)):
        score -= 0.10
    return round(min(0.99, max(0.05, score)), 3)


def _emit(
    doc: DocInput,
    p: _Parsed,
    f: _Found,
    d: EventDictionary,
    coder: str,
) -> list[Event]:
    base = d.codes[f.trigger.cameo]
    sources = [a for a in f.sources if a.code] or f.sources[:1]
    targets = [a for a in f.targets if a.code] or f.targets[:1]
    pairs: list[tuple[_Actor | None, _Actor | None]] = []
    if len({a.code for a in sources if a.code}) >= 2 and f.reciprocal:
        # parties among themselves, and with anyone else named ("signed ... with X")
        for a in sources:
            for b in [*sources, *targets]:
                if a.code and b.code and a.code != b.code:
                    pairs.append((a, b))
                    if b in targets:
                        pairs.append((b, a))
    elif sources and targets:
        for a in sources:
            for b in targets:
                if a.code is not None and a.code == b.code:
                    continue
                pairs.append((a, b))
                # "A and B agreed to" is mutual (above); "A vowed to ... B" is A's alone
                if f.reciprocal and a.code and b.code and not base.cameo.startswith("03"):
                    pairs.append((b, a))
    elif sources:
        pairs = [(a, None) for a in sources]
    else:
        pairs = [(None, b) for b in targets]
    tok = f.trigger.token
    idx = [tok.i, *f.trigger.extra_tokens]
    start = p.sent.start + min(p.doc[i].idx for i in idx)
    end = p.sent.start + max(p.doc[i].idx + len(p.doc[i]) for i in idx)
    if f.trigger.rule_prep == "intent":  # an announcement is dated when it was reported
        when, precision, words = None, None, None
    else:
        when, precision, words = timex.resolve(
            p.sent.text,
            p.doc,
            doc.published,
            anchor=tok,
            future=f.status.status in ("intended", "hypothetical"),
        )
    if when is None and words is None:
        when, precision = doc.published, ("day" if doc.published else None)
    place = p.place(tok, f.trigger.obj, *(_children(tok, "dobj")))
    if place is None and f.trigger.nominal and tok.head.i != tok.i:
        place = p.place(tok.head)
    location, where = place if place is not None else (None, None)
    if any(_stateless_agent(a) for pair in pairs for a in pair):
        # a generic agent with no state of its own acts where the event took place ("police
        # dispersed protesters in Baku": both AZE), else in the one state the sentence names
        # ("Iraqi police arrested five militants": the militants are Iraqi too)
        home = where if where is not None else _only_state(p)
        if home is not None:
            pairs = [(_placed(s, home), _placed(t, home)) for s, t in pairs]
    speaker: str | None = None
    if f.status.speech is not None:
        subj = _subject(f.status.speech)
        sayers = [a for a in p.phrase(subj) if a.code] if subj is not None else []
        speaker = sayers[0].code if sayers else None
    if speaker is None:
        for c in p.doc:
            if c.lower_ == "according" and c.dep_ == "prep":
                for to in _children(c, "prep"):
                    who = [a for a in p.phrase(_pobj(to)) if a.code]
                    speaker = who[0].code if who else None
    out = []
    seen: set[str] = set()
    for s, t in pairs:
        code = base
        if (
            base.cameo == "040"
            and where is not None
            and "044" in d.codes
            and s is not None
            and t is not None
            and where not in (s.code, t.code)
        ):
            code = d.codes["044"]  # a meeting in a third state's territory
        event_id = hashlib.sha1(
            f"{doc.doc_id}|{p.sent.index}|{start}-{end}|{code.event or code.cameo}|"
            f"{s.code if s else None}|{t.code if t else None}".encode()
        ).hexdigest()
        if event_id in seen:
            continue
        seen.add(event_id)
        out.append(
            Event(
                event_id=event_id,
                doc_id=doc.doc_id,
                sent=p.sent.index,
                start=start,
                end=end,
                sentence=p.sent.text,
                actor=s.code if s else None,
                actor_text=s.text if s else None,
                recipient=t.code if t else None,
                recipient_text=t.text if t else None,
                event=code.event,
                mode=code.mode,
                context=code.context,
                cameo=code.cameo,
                goldstein=code.goldstein,
                quad_class=code.quad_class,
                penta_class=code.penta_class,
                date=when,
                date_precision=precision,
                date_text=words,
                location=location,
                status=f.status.status,
                speaker=speaker,
                confidence=_confidence(f, s, t),
                coder=coder,
            )
        )
    refusal = f.status.refusal
    if refusal is not None and not f.trigger.nominal:
        reject = _refusal_code(base.cameo, d.codes)
        if reject is not None:
            st = _status(refusal, d.speech)
            rf = _Found(
                _Trigger(refusal, reject, 0, "", None, False),
                f.sources,
                f.targets,
                _Status("negated" if st.status == "negated" else st.status, None, st.speech),
                False,
                f.path,
            )
            out += _emit(doc, p, rf, d, coder)
    intent = f.status.intent
    if intent is not None and refusal is None and not f.trigger.nominal:
        announce = _intent_code(base.cameo, d.codes)
        if announce is not None:
            extra = tuple(sorted({tok.i, *f.trigger.extra_tokens} - {intent.i}))
            af = _Found(
                _Trigger(intent, announce, f.trigger.specificity, "intent", None, False, "", extra),
                f.sources,
                f.targets,
                _Status("asserted", None, f.status.speech),
                f.reciprocal,
                f.path,
            )
            out += _emit(doc, p, af, d, coder)
    return out
