"""Event coding: who did what to whom, when, from sentences and their dependency parse.

The coder is a small set of rules over spaCy's parse and the project's dictionaries (CAMEO codes
and their PLOVER mapping, verb and noun triggers; formats in docs/events.md). It is pure: the same
document, dictionaries and model always give the same events, and nothing is read or written
besides the dictionaries. Why rules and not a trained model: the events feed alignment measures
whose every count must be explainable from a sentence, and the dictionaries are versioned data a
reader can audit (the coder version string carries their hashes).

What the rules do, in the order they run (each step is described in full beside its code):

1. **Candidates** (:mod:`.candidates`). A sentence is parsed only if its words contain an
   inflected form of a trigger lemma and it has an actor (a resolved mention, a he/she, "the two
   countries", or a generic agent word); a dateline is cut off first.
2. **Triggers** (:mod:`.triggers`). A dictionary verb, by its most specific row whose constraints
   hold, or a dictionary noun that is not already an argument, a topic or only described.
3. **Arguments** (:mod:`.rules`; who a phrase names: :mod:`.phrases`). Source and target of each
   trigger: subject, agent, objects, possessor, "of/to/with/between X".
4. **Reciprocity** (:mod:`.emit`). Conjoined parties and mutual events give both directions.
5. **Status** (:mod:`.status`). ``negated``, ``intended`` or ``asserted``; a refusal is also a
   REJECT event and an actor's own announcement an expression of intent (:mod:`.emit`).
6. **Reported speech** (:mod:`.rules`). Events in a communication verb's complement get the
   sayer as ``speaker``; the sayer's own statement only when the complement involves no sayer.
7. **Dates and places** (:mod:`.emit`). The date words nearest to the trigger, else the article
   date; a place in an "in/at X" phrase.

Confidence (:mod:`.emit`) is a simple additive score, not a probability.

The modules, each importing only those before it: :mod:`.records` (``DocInput``, ``Event``),
:mod:`.dictionary`, :mod:`.syntax`, :mod:`.candidates`, :mod:`.phrases`, :mod:`.triggers`,
:mod:`.status`, :mod:`.emit`, :mod:`.rules`. This module holds the public API and drives them:
it parses all candidate sentences of a batch at once through :func:`_parse`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .candidates import PERSON_PRONOUNS as PERSON_PRONOUNS
from .candidates import _candidates
from .dictionary import CODER_SEMVER as CODER_SEMVER
from .dictionary import FILES as FILES
from .dictionary import NOUN_REQUIRES as NOUN_REQUIRES
from .dictionary import PLOVER_EVENTS as PLOVER_EVENTS
from .dictionary import REFUSE as REFUSE
from .dictionary import SECTORS as SECTORS
from .dictionary import SPEECH as SPEECH
from .dictionary import AgentRule as AgentRule
from .dictionary import CameoCode as CameoCode
from .dictionary import EventDictionary as EventDictionary
from .dictionary import NounRule as NounRule
from .dictionary import VerbRule as VerbRule
from .dictionary import coder_version as coder_version
from .dictionary import default_dictionary as default_dictionary
from .dictionary import inflections as inflections
from .dictionary import load_dictionary as load_dictionary
from .dictionary import norm_lemma as norm_lemma
from .emit import INTENT_CODES as INTENT_CODES
from .emit import NOT_RECIPROCAL as NOT_RECIPROCAL
from .emit import RECIPROCAL_CODES as RECIPROCAL_CODES
from .emit import RECIPROCAL_PREFIXES as RECIPROCAL_PREFIXES
from .emit import _emit
from .phrases import LOC_PREPS as LOC_PREPS
from .phrases import PLACE_KINDS as PLACE_KINDS
from .phrases import STOP_DEPS as STOP_DEPS
from .phrases import _Parsed
from .records import DocInput as DocInput
from .records import Event as Event
from .rules import TEMPORAL_PREPS as TEMPORAL_PREPS
from .rules import _Coder
from .status import EXPRESS as EXPRESS
from .status import FAIL as FAIL
from .status import FUTURE_MODALS as FUTURE_MODALS
from .status import INTEND as INTEND
from .status import MODALS as MODALS
from .status import NEG_WORDS as NEG_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "CODER_SEMVER",
    "DocInput",
    "Event",
    "EventDictionary",
    "code_batch",
    "code_document",
    "code_text",
    "coder_version",
    "default_dictionary",
    "load_dictionary",
]


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """The shared spaCy pipeline (one per process: a pool or Spark worker loads it once)."""
    from .. import nlp

    return nlp.load()


def _parse(nlp: Any, texts: list[str]) -> list[Doc]:
    """Tag and parse (no NER: the mentions came with the document); lemmas added if disabled."""
    if not texts:
        return []
    skip = [name for name in ("ner",) if name in nlp.pipe_names]
    docs = list(nlp.pipe(texts, disable=skip, batch_size=64))
    if "lemmatizer" not in nlp.pipe_names and "lemmatizer" in nlp.component_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        docs = [lemmatizer(d) for d in docs]
    return docs


def _use_model(dictionary: EventDictionary | None) -> Any:
    """The learned model joins the rules with the bundled dictionaries (a caller's own
    dictionary, as in the tests of single rules, gets the rules alone)."""
    if dictionary is not None:
        return None
    from .model import default_model

    return default_model()


def combined_version(dictionary: EventDictionary, model: Any) -> str:
    """'rules-...+model-1.<weights hash>': a new model or dictionary re-codes stored documents."""
    if model is None:
        return dictionary.version
    from .model import WEIGHTS_SHA256

    return f"{dictionary.version}+{model.meta.get('version', 'model')}.{(WEIGHTS_SHA256 or '')[:8]}"


def _code_docs(
    docs: Sequence[DocInput], nlp: Any, dictionary: EventDictionary, model: Any = None
) -> list[Event]:
    """Code several documents, parsing all their candidate sentences in one batch; with a model,
    rules and model are combined (``combine``)."""
    coder = combined_version(dictionary, model)
    plan = [(doc, _candidates(doc, dictionary)) for doc in docs]
    texts = [s.text for _, sents in plan for s in sents]
    parsed = iter(_parse(nlp, texts))
    rules = _Coder(dictionary)
    events: list[Event] = []
    for doc, sents in plan:
        by_id: dict[str, Event] = {}
        for s in sents:
            p = _Parsed(s, next(parsed), dictionary.agents)
            for f in rules.sentence(p):
                for e in _emit(doc, p, f, dictionary, coder):
                    old = by_id.get(e.event_id)
                    if old is None or e.confidence > old.confidence:
                        by_id[e.event_id] = e
        mine = sorted(by_id.values(), key=lambda e: (e.sent, e.start, e.event_id))
        if model is not None:
            from . import combine

            items = combine.sentence_mentions(doc)
            learned = combine.model_events(doc, dictionary, model, coder=coder, items=items)
            mine = combine.combine(mine, learned, doc, model, items=items)
        events += mine
    return events


def code_document(
    doc: DocInput, nlp: Any, *, dictionary: EventDictionary | None = None
) -> list[Event]:
    """Events of one document; only candidate sentences are parsed (see the module docstring)."""
    return _code_docs([doc], nlp, dictionary or default_dictionary(), _use_model(dictionary))


def code_batch(
    docs: Sequence[DocInput], *, dictionary: EventDictionary | None = None
) -> list[Event]:
    """Events of many documents with the process's one pipeline (a pool/Spark worker calls this)."""
    return _code_docs(docs, _pipeline(), dictionary or default_dictionary(), _use_model(dictionary))


def annotated(text: str, on: date | None = None) -> tuple[DocInput, Any]:
    """A raw string as the coder's document (default recogniser), with the recogniser's pipeline."""
    from ..actors import default_recognizer

    rec = default_recognizer()
    sentences, mentions = rec.annotate(text, on)
    doc = DocInput(
        doc_id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        published=on,
        sentences=sentences,
        mentions=mentions,
    )
    return doc, rec.nlp


def code_text(
    text: str, on: date | None = None, *, dictionary: EventDictionary | None = None
) -> list[Event]:
    """Annotate a raw string with the default recogniser and code it (``on`` = article date)."""
    doc, nlp = annotated(text, on)
    return code_document(doc, nlp, dictionary=dictionary)
