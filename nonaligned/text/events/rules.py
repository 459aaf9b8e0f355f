"""The rules: the events of one parsed sentence, with their arguments and status.

3. **Arguments.** Source = the subject phrase (the subject of the governing verb for "is expected
   to sign", the agent "by X" in the passive); target = the object of the dictionary's
   preposition, the direct object, a "to"/"with" object (also a few prepositions down the
   document's name: "a declaration on interaction with Russia"), the passive subject, or the object
   of an infinitive complement ("refused to recognise X"). Nouns: source = possessor, modifier,
   "of X", the agent of a participle ("a meeting led by X") or the subject of the verb they are
   the object of; target = "to/with X" ("on/against X" for conflict codes). "between X and Y"
   names the parties when the subject does not. Material conflict (quad class 4) needs an actor on
   both sides: "fight the pandemic". Who a phrase names is found by :mod:`.phrases`.

6. **Reported speech.** A communication verb (say, state, tell, announce..., and every verb the
   dictionary codes as a bare 01x statement) with a clausal complement: events in the complement
   are coded with ``speaker`` = the sayer's actor ("according to X" too); the sayer's own
   statement (CAMEO 010, or the verb's 01x row) is coded only when the complement yields no event
   involving the sayer. A negated "did not say that" makes the complement negated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import timex
from .dictionary import EventDictionary, norm_lemma
from .emit import _Found, _reciprocal
from .phrases import _Actor, _acts, _Parsed, _unique
from .status import _ceased, _Status, _status
from .syntax import _agent, _children, _is_passive, _noun_preps, _pobj, _subject, _subjects
from .triggers import _described, _match_noun, _match_verb, _Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

TEMPORAL_PREPS = frozenset({"during", "after", "before", "since", "until", "following", "ahead"})


def _place_head(v: Token) -> Token | None:
    """The object of the first "in/at X" phrase on ``v``."""
    for c in _children(v, "prep"):
        if c.lower_ in ("in", "at"):
            return _pobj(c)
    return None


def _distance(a: Token, b: Token) -> int:
    return timex._tree_distance(a, b)


class _Coder:
    def __init__(self, dictionary: EventDictionary) -> None:
        self.d = dictionary

    # -- arguments ----------------------------------------------------------------------------

    def verb_arguments(self, p: _Parsed, t: _Trigger) -> tuple[list[_Actor], list[_Actor]]:
        v = t.token
        passive = _is_passive(v)
        obj = t.obj
        subjs = _subjects(v) if not passive else []
        subj = subjs[0] if subjs else None
        sources = _unique(a for x in subjs for a in p.phrase(x))
        if any(a.code for a in sources):
            sources = [a for a in sources if a.code]
        if passive:
            sources = p.phrase(_agent(v))
            if not sources:
                # a misattached agent: "held ... through videoconference by the initiative of X"
                for w in v.subtree:
                    if w.dep_ == "prep" and w.lower_ == "by" and not sources:
                        sources = [a for a in p.phrase(_pobj(w)) if a.code]
        targets: list[_Actor] = []
        if t.rule_prep:
            for h in (v, *_children(v, "dobj")):
                for c in _children(h, "prep", "dative", "agent"):
                    if c.lower_ == t.rule_prep and not targets:
                        targets = p.phrase(_pobj(c))
        dobjs = [o for o in _children(v, "dobj", "dative") if obj is None or o.i != obj.i]
        if not targets:
            for o in dobjs:
                if o.dep_ == "dative" and o.pos_ == "ADP":
                    targets = p.phrase(_pobj(o))
                else:
                    targets = p.phrase(o)
                if targets:
                    break
        if not targets and obj is not None:
            # "signed a declaration on allied interaction with Russia": the partner may sit a
            # few prepositions down the document's name
            for c in _noun_preps(obj):
                if c.lower_ in ("with", "to") and not targets:
                    targets = p.phrase(_pobj(c))
        if not targets:
            for c in _children(v, "prep"):
                if c.lower_ in ("with", "to") and not targets:
                    targets = p.phrase(_pobj(c))
        if not targets and passive:
            for c in _children(v, "nsubjpass"):
                if obj is None or c.i != obj.i:
                    targets = p.phrase(c)
        if not targets:
            # "agreed to provide aid to Armenia", "refused to recognise Kosovo": the
            # complement's object is the target of the governing event
            for x in _children(v, "xcomp"):
                for o in _children(x, "dobj", "dative"):
                    targets = targets or p.phrase(o)
                for c in _children(x, "prep"):
                    if c.lower_ in ("with", "to", "on", "against") and not targets:
                        targets = p.phrase(_pobj(c))
        if (
            not targets
            and obj is not None
            and any(a.kind == "agent" or a.code for a in p.actors.get(obj.i, []))
        ):
            # the dictionary's object word is itself an actor: "dispersed protesters", "joined
            # the Non-Aligned Movement" (the movement's name ends in the row's object word)
            targets = p.phrase(obj)
        if not targets and norm_lemma(v.lemma_) not in self.d.speech:
            for c in _children(v, "ccomp"):
                s = _children(c, "nsubj", "nsubjpass", "compound")
                if s:
                    targets = p.phrase(s[0])
        parties = p.between(obj, v, subj, *dobjs)
        if parties and not any(a.code for a in sources):
            sources, targets = parties, []
        return sources, targets

    def noun_arguments(self, p: _Parsed, t: _Trigger) -> tuple[list[_Actor], list[_Actor]] | None:
        n = t.token
        own = {n.i}
        sources: list[_Actor] = []
        poss = _children(n, "poss")
        if poss:
            sources = p.phrase(poss[0])
        if t.requires == "possessive" and not sources:
            return None
        if not sources and n.dep_ == "nsubjpass":
            sources = p.phrase(_agent(n.head))
            if not sources:
                for a in _children(n.head, "agent"):
                    sources = p.phrase(a)
        if not sources and n.dep_ == "dobj":
            subj = _subject(n.head)
            sources = p.phrase(subj) if subj is not None else []
        if (
            not sources
            and n.dep_ == "pobj"
            and n.head.lower_ not in TEMPORAL_PREPS
            and (
                n.head.head.pos_ == "VERB"
                or (n.head.lower_ == "on" and norm_lemma(n.head.head.lemma_) == "be")
            )
        ):
            # "the meeting resulted in agreements": the event belongs to the verb's subject
            subj = _subject(n.head.head)
            sources = p.phrase(subj) if subj is not None else []
        if not sources:
            for acl in _children(n, "acl"):
                sources = sources or p.phrase(_agent(acl))  # "a meeting led by X and Y"
        if not sources:
            mods = [c for c in n.children if c.dep_ in ("compound", "amod", "nmod")]
            sources = _unique(a for c in mods for a in p.phrase(c) if a.code)
        of_actors: list[_Actor] = []
        for c in _children(n, "prep"):
            if c.lower_ == "of":
                of_actors = p.phrase(_pobj(c), exclude=own)
        if t.requires == "of" and not of_actors:
            return None
        targets: list[_Actor] = []
        for c in _children(n, "prep"):
            if c.lower_ in ("to", "with", "against", "on") and not targets:
                if t.requires in ("to", "with") and c.lower_ != t.requires:
                    continue
                if c.lower_ in ("against", "on") and self.d.codes[t.cameo].quad_class < 3:
                    continue  # "sanctions on X" is a target, "talks on X" a topic
                targets = p.phrase(_pobj(c))
        if t.requires in ("to", "with") and not targets:
            return None
        if not sources:
            sources = of_actors
        elif not targets:
            targets = of_actors
        if not targets and t.cameo.startswith("042") and n.dep_ == "pobj":
            # "X was in China on a state visit", "arrived in Baku on a visit": the visited
            # state is where the governing verb puts the visitor
            place = p.place(n.head.head)
            if place is not None and place[1] is not None:
                targets = [a for a in p.phrase(_place_head(n.head.head)) if a.code == place[1]]
        parties = p.between(n)
        if t.requires == "between" and not parties:
            return None
        if parties and not any(a.code for a in sources):
            sources, targets = parties, []
        # a mention that contains the trigger ("the Baku Summit") is a name of the event
        sources = [a for a in sources if not a.first <= n.i <= a.last]
        targets = [a for a in targets if not a.first <= n.i <= a.last]
        return sources, targets

    # -- one sentence -------------------------------------------------------------------------

    def sentence(self, p: _Parsed) -> list[_Found]:
        found: list[_Found] = []
        verb_triggers: list[_Trigger] = []
        speech_verbs: list[Token] = []
        for tok in p.doc:
            lemma = norm_lemma(tok.lemma_)
            if tok.pos_ == "VERB" and lemma in self.d.speech:
                trig = _match_verb(tok, self.d)
                if trig is None or trig.specificity == 0 or _children(tok, "ccomp"):
                    speech_verbs.append(tok)
                    continue
                verb_triggers.append(trig)
                continue
            trig = _match_verb(tok, self.d)
            if trig is not None:
                verb_triggers.append(trig)
        consumed = {o.i for v in speech_verbs for o in _children(v, "dobj", "dative")}
        for t in verb_triggers:
            for c in t.token.children:
                if c.dep_ in ("dobj", "nsubjpass", "attr"):
                    consumed.add(c.i)
                if c.dep_ == "prep" and c.lower_ not in TEMPORAL_PREPS:
                    consumed.update(o.i for o in _children(c, "pobj"))
            if t.obj is not None:
                consumed.add(t.obj.i)
        triggers = list(verb_triggers)
        trigger_ids = {t.token.i for t in verb_triggers}
        for tok in p.doc:
            if tok.i not in consumed and not _described(tok, self.d):
                triggers += _match_noun(tok, self.d)
        coded_nouns: set[int] = set()
        for t in triggers:
            if t.nominal and t.token.i in coded_nouns:
                continue  # one event per noun: the first row whose requirement holds
            if _ceased(t.token):
                continue  # "stop attacking", "cease the bombing": not an attack
            args = self.noun_arguments(p, t) if t.nominal else self.verb_arguments(p, t)
            if args is None:
                continue
            sources, targets = args
            src_codes = {a.code for a in sources if a.code}
            targets = [a for a in targets if a.code is None or a.code not in src_codes]
            if not any(_acts(a) for a in (*sources, *targets)):
                continue
            if (
                self.d.codes[t.cameo].quad_class == 4
                and not t.cameo.startswith("14")
                and not (any(_acts(a) for a in sources) and any(_acts(a) for a in targets))
            ):
                # material conflict (but a protest, 14x) needs an actor on both sides: "fight
                # corruption", "fight against the pandemic" and "attack on the principles" are
                # not wars
                continue
            st = _status(t.token, self.d.speech)
            if st.absent is not None:
                # "was not on the call between X and Y": the subject was absent, the call
                # happened; the event is negated only when its actors are that subject
                subj = _subject(st.absent)
                absentees = (
                    {a.code for a in p.phrase(subj) if a.code} if subj is not None else set()
                )
                if not absentees & {a.code for a in (*sources, *targets) if a.code}:
                    st.status = st.unnegated
            if st.refusal is not None and st.refusal.i in trigger_ids:
                st.refusal = None  # the dictionary codes the refusal verb itself (REJECT rows)
            path = max(
                (_distance(t.token, p.doc[a.token]) for a in (*sources, *targets)), default=0
            )
            # joining or chairing an organisation named by the row's object ("joined the
            # Non-Aligned Movement", "its chairmanship of the Movement") goes one way only
            directed = (t.nominal and t.requires == "of") or (
                t.obj is not None and any(a.first <= t.obj.i <= a.last for a in targets)
            )
            reciprocal = _reciprocal(t.cameo) and not directed
            found.append(_Found(t, sources, targets, st, reciprocal, path))
            if t.nominal:
                coded_nouns.add(t.token.i)
        found += self.statements(p, speech_verbs, found)
        return found

    def statements(self, p: _Parsed, verbs: list[Token], found: list[_Found]) -> list[_Found]:
        """The sayer's own statement, only when the complement codes nothing involving the sayer."""
        out = []
        for v in verbs:
            subj = _subject(v)
            sayers = [a for a in p.phrase(subj) if a.code] if subj is not None else []
            if not sayers:
                continue
            codes = {a.code for a in sayers}
            involved = any(
                f.status.speech is not None
                and f.status.speech.i == v.i
                and codes & {a.code for a in (*f.sources, *f.targets)}
                for f in found
            )
            if involved:
                continue
            rules = self.d.verbs.get(norm_lemma(v.lemma_), [])
            cameo = next((r.cameo for r in rules if r.cameo.startswith("01")), "010")
            if cameo not in self.d.codes:
                continue
            targets: list[_Actor] = []
            for c in v.children:
                if c.dep_ in ("dobj", "dative") and not targets:
                    targets = p.phrase(_pobj(c) if c.pos_ == "ADP" else c)
                if c.dep_ == "prep" and c.lower_ == "to" and not targets:
                    targets = p.phrase(_pobj(c))
            targets = [a for a in targets if a.code not in codes]
            trig = _Trigger(v, cameo, 0, "", None, False)
            st = _status(v, self.d.speech)
            st = _Status(st.status, None, None)
            path = max((_distance(v, p.doc[a.token]) for a in (*sayers, *targets)), default=0)
            out.append(_Found(trig, sayers, targets, st, False, path))
        return out
