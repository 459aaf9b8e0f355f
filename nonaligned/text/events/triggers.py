"""Trigger words: which dictionary row a verb or a noun of a parsed sentence matches.

2. **Triggers.** A verb whose lemma is in ``event_verbs.csv``; among its rows the most specific one
   whose constraints hold wins (particle; a preposition governing an object; the object's lemma as
   direct object, prepositional object, passive subject, or the verb of an infinitive complement:
   "declined to comment"). A noun from ``event_nouns.csv`` ("visit", "summit", "talks"), the first
   of its rows whose ``requires`` holds (possessive / between / to / with), unless it is already an
   argument of a coded verb, the topic of another event noun ("negotiations on an agreement") or
   only described ("the signing ... is a matter of ...").

(Which nouns are already arguments of a coded verb is decided in :meth:`.rules._Coder.sentence`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dictionary import EventDictionary, VerbRule, norm_lemma
from .syntax import _children, _is_passive, _pobj

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class _Trigger:
    token: Token
    cameo: str
    specificity: int
    rule_prep: str
    obj: Token | None  # the object noun the rule matched (a document or event noun)
    nominal: bool
    requires: str = ""
    extra_tokens: tuple[int, ...] = ()


def _object_candidates(v: Token) -> list[Token]:
    """Where a dictionary row's object lemma may stand: the direct object, a prepositional object
    (or gerund), the passive subject, the noun a passive participle modifies, and the verb of an
    infinitive complement with its object ("agreed to provide aid", "declined to comment")."""
    cands = [
        c.head.head if c.tag_ in ("WDT", "WP") and v.dep_ in ("relcl", "acl") else c
        for c in _children(v, "dobj", "attr", "oprd")
    ]  # "the republics, which Moscow recognised": the object is the antecedent
    for p in _children(v, "prep", "agent"):
        cands += _children(p, "pobj", "pcomp")
    for x in _children(v, "xcomp"):
        cands += [x, *_children(x, "dobj")]
    if _is_passive(v):
        cands += _children(v, "nsubjpass")
        if v.dep_ in ("relcl", "acl") and not _children(v, "nsubjpass"):
            cands.append(v.head)
        if v.dep_ == "conj" and not _children(v, "nsubjpass"):
            cands += _children(v.head, "nsubj", "nsubjpass")  # "X ..., and was held on May 4"
    more = []
    for c in cands:
        for p in _children(c, "prep"):
            if p.lower_ == "of":
                more += _children(p, "pobj")
    return cands + more


def _match_verb(v: Token, dictionary: EventDictionary) -> _Trigger | None:
    rules = dictionary.verbs.get(norm_lemma(v.lemma_))
    if not rules or v.pos_ != "VERB":
        return None
    objects = _object_candidates(v)
    obj_lemmas = {norm_lemma(o.lemma_): o for o in objects}
    best: tuple[int, int, VerbRule, Token | None, tuple[int, ...]] | None = None
    for r in rules:
        extra: list[int] = []
        if r.particle:
            prt = [c for c in v.children if c.dep_ in ("prt", "prep") and c.lower_ == r.particle]
            if not prt:
                continue
            extra.append(prt[0].i)
        if r.prep:
            heads = [v, *_children(v, "dobj")]
            if not any(
                c.lower_ == r.prep and _pobj(c) is not None
                for h in heads
                for c in _children(h, "prep", "dative", "agent")
            ):
                continue
        obj = None
        if r.objects:
            hit = [o for lem, o in obj_lemmas.items() if lem in r.objects]
            if not hit:
                continue
            obj = hit[0]
        key = (r.specificity, -r.line)
        if best is None or key > (best[0], best[1]):
            best = (r.specificity, -r.line, r, obj, tuple(extra))
    if best is None:
        return None
    _, _, rule, obj, extra_t = best
    return _Trigger(v, rule.cameo, rule.specificity, rule.prep, obj, False, "", extra_t)


def _described(n: Token, dictionary: EventDictionary) -> bool:
    """A noun that is described rather than reported, or is the topic of another event noun.

    "The signing ... is a matter of bilateral relations" (subject of a copula with an attribute
    or adjective) describes an event, often one still to come, while "the summit, held on May 4,
    was a success" and "talks have been under way" still report one. In "negotiations on a new
    agreement between X and Y" only the negotiations happened: the agreement is their topic, and
    "as for the signing of ..." or "questions about the visit" name a topic too.
    """
    if (
        n.dep_ == "pobj"
        and n.head.head.pos_ in ("NOUN", "PROPN")
        and norm_lemma(n.head.head.lemma_) in dictionary.nouns
    ):
        return True
    if n.dep_ == "pobj" and (
        n.head.lower_ in ("about", "regarding", "concerning")
        or (n.head.lower_ == "for" and n.head.head.lower_ == "as")
    ):
        return True  # "as for the signing of ...", "questions about the visit": a topic
    return (
        n.dep_ == "nsubj"
        and norm_lemma(n.head.lemma_) == "be"
        and bool(_children(n.head, "attr", "acomp"))
        and not _children(n, "acl", "relcl")
    )


def _match_noun(n: Token, dictionary: EventDictionary) -> list[_Trigger]:
    if n.pos_ not in ("NOUN", "PROPN"):
        return []
    rules = sorted(dictionary.nouns.get(norm_lemma(n.lemma_), []), key=lambda r: not r.requires)
    return [_Trigger(n, r.cameo, 1 if r.requires else 0, "", None, True, r.requires) for r in rules]
