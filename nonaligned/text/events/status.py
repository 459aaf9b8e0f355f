"""An event's status — asserted, negated, intended or hypothetical — and the verbs that govern it.

5. **Status.** ``negated``: a negation on the trigger or its governors ("not", "never", "no
   agreement"), or a refusal verb governing it ("refused/declined to recognise", "failed to").
   A refusal is also an act: the refuser is coded with a REJECT event — by the dictionary's own
   refuse/decline/reject rows when it has them, else CAMEO 12x chosen from what was refused
   (meeting 125, agreement 127, cooperation 121, else 120). So "Kazakhstan refused to recognise X"
   asserts a rejection while the recognition itself is negated: alignment counts see the
   rejection and never a recognition. A bare "has not recognised" is an absence, not an act, and
   gives no REJECT. ``intended``: a modal (will, would, shall, may, might, could, can, should,
   must), a governing verb of plan, expectation or demand ("is expected / set / due / likely to",
   "plans", "intends", "prepared to", "agreed to", "demanded that"), an infinitive of purpose or a
   relative "to be signed". ``hypothetical``: a conditional — the clause an "if"/"unless" marks
   and the clause it conditions ("If X attacks, Y will retaliate": both), or a free-choice
   relative ("will do anything you ask"). Negation wins over condition and intention ("will not
   recognise" is negated), condition over intention. A noun takes the status of the verb it is an
   argument of, except a negation of a verb of presence ("was not on the call", "did not attend
   the meeting between X and Y"): that negates the subject's presence, not the event, and
   :mod:`.rules` keeps the event unless its actors are that subject (``_Status.absent``). An
   action governed by a verb of ending ("stop attacking", "cease the bombing") is not coded as
   itself (:func:`_ceased`).

:func:`_status` finds the refusing verb, the actor's own announcement ("will", "plans to") and the
reporting verb of reported speech; :mod:`.emit` codes the REJECT and expression-of-intent events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dictionary import REFUSE, SPEECH, norm_lemma
from .syntax import _children, _is_passive

if TYPE_CHECKING:
    from spacy.tokens import Token

# Governors that make what they govern an intention, a plan, a demand or an expectation.
INTEND = frozenset(
    {
        "expect",
        "plan",
        "intend",
        "set",
        "due",
        "prepare",
        "hope",
        "want",
        "wish",
        "seek",
        "aim",
        "agree",
        "promise",
        "pledge",
        "vow",
        "offer",
        "propose",
        "schedule",
        "decide",
        "likely",
        "ready",
        "willing",
        "try",
        "attempt",
        "going",
        "demand",
        "urge",
        "ask",
        "call",
        "request",
        "insist",
        "suggest",
        "invite",
        "threaten",
        "poise",
        "slate",
    }
)
# The subset of INTEND by which the actor itself announces what it will do. CAMEO codes such an
# announcement as an asserted *expression of intent* (03x, or a threat 13x), beside the intended
# event itself; an expectation held by others ("is expected to sign", "is due to") is not one, nor
# is a wish or a preparation ("hopes to", "seeks to", "prepared to sign"): CAMEO's 03 is an offer,
# promise, agreement or declared commitment.
EXPRESS = frozenset(
    {
        "plan",
        "intend",
        "agree",
        "promise",
        "pledge",
        "vow",
        "offer",
        "propose",
        "decide",
        "ready",
        "willing",
    }
)
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
# Conditions: a clause they mark, and the clause it conditions, are hypothetical.
CONDITIONS = frozenset({"if", "unless"})
# Free-choice words: "(will do) anything you ask" names no actual request.
FREE_CHOICE = frozenset({"anything", "whatever", "whichever", "whoever", "anyone", "anybody"})
# Verbs of ending or holding back: "stop attacking", "cease the bombing", "refrain from
# striking" report that the action ends or does not happen, never the action itself.
CEASE = frozenset(
    {"stop", "cease", "halt", "end", "suspend", "quit", "abandon", "discontinue", "refrain"}
)
FAIL = frozenset({"fail", "neglect"})
MODALS = frozenset(
    {"will", "would", "shall", "may", "might", "could", "can", "should", "must", "'ll", "wo", "ca"}
)
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor"})


def _has_neg(tok: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ in ("advmod", "det"))
        for c in tok.children
    )


def _has_modal(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children) or any(
        c.dep_ == "aux" and c.lower_ == "going" for c in tok.children
    )


def _future_modal(tok: Token) -> bool:
    """'will'/'shall' on an active verb: an announcement, unlike 'could', 'may' or 'would'."""
    return not _is_passive(tok) and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in tok.children
    )


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in tok.children)


@dataclass
class _Status:
    status: str
    refusal: Token | None  # the refusing verb, if a refusal governs the event
    speech: Token | None  # the communication verb whose complement holds the event
    intent: Token | None = None  # the actor's own announcement: "will", "plans to", "vowed to"
    # the negated governing verb when only it negated a noun event ("was not on the call"):
    # its subject was absent; whether the event itself happened is for the rules to decide
    absent: Token | None = None
    unnegated: str = ""  # the status the event has if that negation is not its own


def _ceased(tok: Token) -> bool:
    """The object or complement of a verb of ending: "stop attacking", "cease the bombing",
    "refrain from striking" (the action does not happen or ends)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "from":
        head = head.head  # "refrain from the attacks"
    elif tok.dep_ == "pcomp" and head.lower_ == "from":
        head = head.head  # "refrain from attacking"
    elif tok.dep_ not in ("xcomp", "dobj", "ccomp"):
        return False
    return head.i != tok.i and norm_lemma(head.lemma_) in CEASE


def _status(trigger: Token, speech_verbs: frozenset[str] = SPEECH) -> _Status:
    """Negation, intention, refusal and the reporting verb, from the trigger and its governors."""
    negated = False
    governor_negated = False  # a negation only on the verb a noun event is an argument of
    intended = False
    conditional = False
    hypothetical = False
    absent: Token | None = None
    refusal: Token | None = None
    speech: Token | None = None
    intent: Token | None = None
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.lower_ in ("no", "without") for c in tok.children if c.dep_ in ("det", "neg")):
            negated = True
        # a noun takes its status from the verb it is an argument of
        hops = 0
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and hops < 4:
            if tok.dep_ == "pobj" and tok.head.lower_ == "without":
                negated = True
            tok = tok.head
            hops += 1
        if tok.pos_ in ("VERB", "AUX", "ADJ") and norm_lemma(tok.lemma_) in INTEND:
            intended = True
    if trigger.dep_ == "relcl" and (
        trigger.head.lower_ in FREE_CHOICE
        or any(c.lower_ in ("any", "whatever") for c in _children(trigger.head, "det"))
    ):
        hypothetical = True  # "anything you ask", "any help they request"
    first = True
    for _ in range(8):
        if _has_neg(tok):
            if tok.i != trigger.i and trigger.pos_ in ("NOUN", "PROPN") and first:
                governor_negated = True
                absent = absent or tok
            else:
                negated = True
        if _has_modal(tok):
            intended = True
            if intent is None and _future_modal(tok):
                intent = tok
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in tok.children):
            conditional = hypothetical = True
        if any(
            c.dep_ == "advcl" and any(m.lower_ in CONDITIONS for m in _children(c, "mark"))
            for c in tok.children
        ):
            # "will sign if the talks succeed": a condition, not a commitment
            conditional = hypothetical = True
        lemma = norm_lemma(tok.lemma_)
        if not first:
            if lemma in REFUSE:
                negated = True
                refusal = refusal or tok
            elif lemma in FAIL:
                negated = True
            elif lemma in INTEND:
                intended = True
                if intent is None and lemma in EXPRESS and not _is_passive(tok):
                    intent = tok
        if tok.dep_ in ("relcl", "acl", "advcl") and _is_infinitive(tok) and first:
            intended = True  # "the declaration to be signed", "convened ... to coordinate"
        if tok.head.i == tok.i:
            break
        dep, head = tok.dep_, tok.head
        head_lemma = norm_lemma(head.lemma_)
        if dep in ("xcomp", "conj", "acomp"):
            tok, first = head, False
            continue
        if dep in ("ccomp", "parataxis") and head_lemma in speech_verbs:
            speech = speech or head
            if _has_neg(head):
                negated = True  # "did not say that ...": the claim is not asserted
            break
        if dep == "ccomp" and head_lemma in INTEND | REFUSE:
            tok, first = head, False
            continue
        break
    if speech is None:
        speech = next(
            (
                c
                for c in trigger.children
                if c.dep_ == "parataxis"
                and norm_lemma(c.lemma_) in speech_verbs
                and not _children(c, "ccomp")
            ),
            None,
        )
    unnegated = "hypothetical" if hypothetical else "intended" if intended else "asserted"
    status = "negated" if negated or governor_negated else unnegated
    if status != "intended" or conditional or trigger.pos_ not in ("VERB", "AUX"):
        intent = None  # only an unconditional announcement of a verbal event is one
    if negated or not governor_negated:
        absent = None
    return _Status(status, refusal, speech, intent, absent, unnegated)
