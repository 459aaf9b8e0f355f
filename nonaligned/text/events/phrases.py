"""A parsed candidate sentence: its actors by head token, and the actors of a phrase.

The rules (:mod:`.rules`) name a phrase — a subject, an object, "of X", "between X and Y" — and
this module finds who it is about. An actor is the nearest resolved mention in the phrase
(breadth-first over its tree; locative "in X" and participle phrases only if nothing else is
found; an unresolved name heading the phrase stops the search, so "the DPR in eastern Ukraine" is
not Ukraine); conjuncts give several actors. A capital used as a compound modifier ("the Baku
Declaration") is a place, not an actor. A generic agent from ``event_agents.csv`` ("police",
"rebels", "protesters") is an actor of last resort: with no state of its own it takes the state of
the event's place ("police in Baku"), else the one state the sentence names, else none (its words
are kept; :mod:`.emit` places it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .candidates import _Sentence
from .dictionary import AgentRule, norm_lemma
from .syntax import _children, _noun_preps

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LOC_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
STOP_DEPS = frozenset(
    {
        "relcl",
        "acl",
        "advcl",
        "ccomp",
        "xcomp",
        "parataxis",
        "punct",
        "cc",
        "mark",
        "aux",
        "auxpass",
        "neg",
        "det",
        "case",
        "prt",
    }
)
PLACE_KINDS = frozenset({"capital", "state", "unknown_place"})


@dataclass(frozen=True)
class _Actor:
    code: str | None
    text: str
    token: int  # the mention's head token in the parsed sentence
    first: int  # first and last token of the mention
    last: int
    kind: str
    indirect: bool = False  # from a pronoun or a "the two countries" phrase


class _Parsed:
    """A parsed candidate sentence and its actors indexed by head token."""

    def __init__(
        self, sent: _Sentence, parsed: Doc, agents: dict[str, AgentRule] | None = None
    ) -> None:
        self.sent = sent
        self.doc = parsed
        self.actors: dict[int, list[_Actor]] = {}
        self.places: dict[int, tuple[str, str | None]] = {}
        covered: set[int] = set()
        for s, e, m, code, indirect in sent.mentions:
            span = parsed.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            if (
                m.kind == "capital"
                and root.dep_ == "compound"
                and root.head.pos_ in ("NOUN", "PROPN")
                and not (span.start <= root.head.i < span.end)
            ):
                # "the Baku Declaration", "the Moscow talks": a place in a name, not an actor
                self.places.setdefault(root.i, (m.text, code))
                continue
            actor = _Actor(code, m.text, root.i, span.start, span.end - 1, m.kind, indirect)
            self.actors.setdefault(root.i, []).append(actor)
            covered.update(range(span.start, span.end))
            if m.kind in PLACE_KINDS:
                self.places.setdefault(root.i, (m.text, code))
        for tok in parsed if agents else ():
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            assert agents is not None
            rule = agents.get(norm_lemma(tok.lemma_)) or agents.get(tok.lower_)
            if rule is None or (rule.plural_only and tok.tag_ not in ("NNS", "NNPS")):
                continue
            # the agent with its modifiers: "riot police", "government forces"
            mods = [c.i for c in tok.lefts if c.dep_ in ("compound", "amod") and c.i not in covered]
            first = min([tok.i, *mods])
            text = parsed[first : tok.i + 1].text
            agent = _Actor(None, text, tok.i, first, tok.i, "agent")
            self.actors.setdefault(tok.i, []).append(agent)

    # -- phrases ------------------------------------------------------------------------------

    def phrase(self, head: Token | None, exclude: Iterable[int] = ()) -> list[_Actor]:
        """Actors of the phrase headed by ``head``: per conjunct, the nearest resolved mention."""
        if head is None:
            return []
        head = self._antecedent(head)
        heads = [head, *head.conjuncts]
        ban = set(exclude)
        out: list[_Actor] = []
        unresolved: list[_Actor] = []
        for h in heads:
            others = {x.i for x in heads if x.i != h.i}
            found = self._nearest(h, others | ban, permissive=False)
            named = [a for a in self.actors.get(h.i, []) if h.i not in ban]
            if not any(a.code for a in found) and not any(a.kind != "agent" for a in named):
                # nothing outside locative and participle phrases: look there too ("officials
                # in Baku", "the meeting, led by the deputy prime ministers of A and B")
                found = self._nearest(h, others | ban, permissive=True)
            out += [a for a in found if a.code is not None]
            unresolved += [a for a in found if a.code is None] or named
        return _unique(out) if out else _unique(unresolved)[:1]

    def _antecedent(self, tok: Token) -> Token:
        """A relative pronoun stands for the noun its clause modifies ("..., which Moscow ...")."""
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ in ("relcl", "acl"):
            return tok.head.head
        return tok

    def _nearest(self, head: Token, ban: set[int], permissive: bool) -> list[_Actor]:
        """Breadth-first from ``head``: the resolved mentions at the smallest depth, with their
        conjuncts. An unresolved name as the head itself ("the DPR in eastern Ukraine") is
        returned when nothing resolved is found outside locative phrases: the phrase is about
        that name, not about the place it is in."""
        frontier = [head]
        depth = 0
        agents: list[_Actor] = []  # the nearest generic agents, if nothing resolved is found
        while frontier and depth <= 6:
            hits = [a for t in frontier for a in self.actors.get(t.i, []) if t.i not in ban]
            resolved = [a for a in hits if a.code is not None]
            if not agents:
                agents = [a for a in hits if a.kind == "agent"]
            if resolved:
                extra = [
                    a
                    for r in resolved
                    for c in self.doc[r.token].conjuncts
                    if c.i not in ban
                    for a in self.actors.get(c.i, [])
                    if a.code is not None
                ]
                return _unique(resolved + extra)
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.i in ban or c.dep_ == "conj":
                        continue
                    if c.dep_ in STOP_DEPS and not (
                        permissive and c.dep_ == "acl" and _children(c, "agent")
                    ):
                        continue
                    if not permissive and c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                        continue
                    nxt.append(c)
            frontier = nxt
            depth += 1
        return agents

    def between(self, *heads: Token | None) -> list[_Actor]:
        """Parties named by a 'between X and Y' phrase on any of ``heads`` (or a few
        prepositions down a noun: "negotiations on an agreement between X and Y")."""
        for h in heads:
            if h is None:
                continue
            preps = _noun_preps(h) if h.pos_ in ("NOUN", "PROPN") else _children(h, "prep")
            for c in preps:
                if c.lower_ == "between":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        found = self.phrase(objs[0])
                        if len({a.code for a in found if a.code}) >= 2:
                            return found
        return []

    def place(self, *heads: Token | None) -> tuple[str, str | None] | None:
        """A place mention in an 'in/at X' phrase attached to one of ``heads``."""
        for h in heads:
            if h is None:
                continue
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for t in c.subtree:
                        if t.i in self.places:
                            return self.places[t.i]
        return None


def _stateless_agent(a: _Actor | None) -> bool:
    return a is not None and a.kind == "agent" and a.code is None


def _placed(a: _Actor | None, home: str) -> _Actor | None:
    """``a`` acting for ``home`` if it is a generic agent with no state of its own."""
    return replace(a, code=home) if a is not None and _stateless_agent(a) else a


def _only_state(p: _Parsed) -> str | None:
    """The one state the sentence names (by a state, capital, demonym or person), if exactly one."""
    states = {
        a.code
        for found in p.actors.values()
        for a in found
        if a.code and a.kind in ("state", "capital", "nationality", "person", "pronoun")
    }
    return states.pop() if len(states) == 1 else None


def _acts(a: _Actor) -> bool:
    """An actor an event can be about: a resolved one, or a generic agent ("police")."""
    return a.code is not None or a.kind == "agent"


def _unique(actors: Iterable[_Actor]) -> list[_Actor]:
    seen: set[tuple[str | None, int]] = set()
    out = []
    for a in actors:
        key = (a.code, a.token)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
