"""Small helpers over spaCy's dependency parse: children by relation, subjects, agents, objects.

They only read the parse; what the rules make of it lives in the modules that call them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _subjects(v: Token) -> list[Token]:
    """The subjects of ``v`` or, for "is expected to sign" / "recognised X and signed Y", its
    governor's (climbing xcomp, conj and adjectival complements). Several when the parser gave
    two coordinated names each its own subject arc instead of a conjunction."""
    tok = v
    for _ in range(5):
        subj = _children(tok, "nsubj") if tok.i == v.i else _children(tok, "nsubj", "nsubjpass")
        if subj:
            return subj
        if tok.dep_ in ("xcomp", "conj", "acomp") or (
            tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN")
        ):
            if tok.head.i == tok.i:
                return []
            tok = tok.head
            continue
        return []
    return []


def _subject(v: Token) -> Token | None:
    subj = _subjects(v)
    return subj[0] if subj else None


def _agent(v: Token) -> Token | None:
    for a in _children(v, "agent"):
        objs = _children(a, "pobj")
        if objs:
            return objs[0]
    return None


def _pobj(prep: Token) -> Token | None:
    objs = _children(prep, "pobj", "pcomp")
    return objs[0] if objs else None


def _noun_preps(n: Token, depth: int = 3) -> list[Token]:
    """Prepositions inside a noun phrase, following prep -> pobj chains ``depth`` deep."""
    out: list[Token] = []
    frontier = [n]
    for _ in range(depth):
        preps = [c for t in frontier for c in _children(t, "prep")]
        out += preps
        frontier = [o for pr in preps for o in _children(pr, "pobj")]
    return out
