"""Sentences to candidate claims: type, subject state, blocs, partners, the date it refers to.

Patterns over each sentence's words and the actor mentions the project's recogniser finds
(:mod:`nonaligned.text.actors`: states, demonyms, capitals, office holders, IGOs, all resolved on
the article's date). No learned model: every pattern is below, each written from the kinds of
claim the issue lists, none tuned on an evaluation set.

Subject: the first state named before the claim's cue words; when the sentence names none there
(or says "the country", "our country", "we" before any state), the state named most recently in
the two sentences before, else the document's most-named state. A claim whose subject is a name
the records do not know ("Freedonia joined NATO") is kept and reported as not checkable.

One sentence can carry several claims of different types ("refusing to recognise the annexation
of Crimea ... while maintaining stable relations with Ukraine": a vote claim and a relations
claim); an opinion is reported only when nothing checkable was found in its sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..text import timex
from . import patterns as more

# ------------------------------------------------------------------------------ patterns
_NEG = r"(?:not|never|no|n['’]t|neither|nor)"
ANAPHOR = re.compile(
    r"\b(?:the|our|this|that) (?:country|state|republic|nation)\b|\bwe\b|\bour\b|\bofficial \w+\b"
    r"|^\s*Its\b|^\s*It\b(?! (?:is|was|should|has been|must be|can be) (?:also )?(?:noted|said|reported"
    r"|expected|worth|known|clear|not|important))",
    re.I,
)
FIRST_PERSON = re.compile(r"(?:our|we)\b", re.I)
OPINION = re.compile(
    r"\b(?:reliable|trusted|trustworthy|dependable|true|brotherly|strategic)\s+"
    r"(?:partner|ally|friend|country|nation|people)s?\b"
    r"|\bgreat (?:respect|success|prestige|authority)\b|\bhigh prestige\b"
    r"|\b(?:successful|wise|far-sighted|principled) (?:foreign )?(?:policy|course|stance)\b"
    r"|\bkey (?:economic and political |political |economic |regional )?(?:cent(?:er|re)|player|hub|actor)\b"
    r"|\bleading state\b|\bhas a (?:decisive )?say\b",
    re.I,
)
QUANTITY = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})?|more than \d+)\s+(?:foreign\s+)?(?P<what>countries|states|nations"
    r"|embassies|consulates|diplomatic missions|missions|agreements|documents|treaties"
    r"|international organi[sz]ations|organi[sz]ations)\b",
    re.I,
)
COUNT = re.compile(
    r"\b(?:(?P<q>more than|over|nearly|almost|about|around|some|approximately|at least|fewer than"
    r"|less than|under)\s+)?(?P<n>\d{1,3})(?:\s*-\s*|\s+)(?:member\b|members\b|member states\b"
    r"|member countries\b|countries\b|states\b|nations\b)",
    re.I,
)
ROLE_CUES: dict[str, re.Pattern[str]] = {
    "chair": re.compile(
        r"\bchair(?:s|ed|ing|man|manship|mainship|person)?\b|\bpresiden(?:cy|t) of\b"
        r"|\bpresid(?:es|ed|ing) over\b",
        re.I,
    ),
    "observer": re.compile(r"\bobservers?\b|\bobserver status\b", re.I),
    "partner": re.compile(r"\b(?:dialogue )?partner(?:s|ship)?\b", re.I),
    "member": re.compile(
        r"\bmember(?:s|ship)?\b|\bjoin(?:ed|s|ing)?\b|\baccession\b|\bacceded\b|\badmitted\b"
        r"|\bparticipa(?:tion|nt|nts|ting|tes)\b|\bbelongs? to\b|\bpart of\b",
        re.I,
    ),
    "cooperation": re.compile(r"\bco-?operat\w*", re.I),
}
START_WORDS = re.compile(
    r"\bsince\b|\bfrom\b|\bjoin\w*|\bbecame\b|\badmitted\b|\bbeginning\b|\bstarting\b|\baccession\b"
    r"|\btook over\b|\bassumed\b",
    re.I,
)
ALLIANCE_NEG = re.compile(
    rf"\b{_NEG}\b[^.;]{{0,90}}?\b(?:agreements?|alliances?|treat(?:y|ies)|pacts?|blocs?"
    r"|military bases|coalitions?|documents?)\b[^.;]{0,80}?\b(?:against|directed|hostile)\b"
    rf"|\b{_NEG}\b[^.;]{{0,40}}?\bjoin\w*\s+(?:any|a|an)\s+(?:military\s+|political\s+|military-political\s+)?(?:blocs?|alliances?)"
    r"|\bnot (?:a )?(?:member|part) of any (?:military\s+)?(?:blocs?|alliances?)"
    r"|\bwill not use its territory against\b",
    re.I,
)
ALLIANCE_POS = re.compile(
    r"\b(?:alliance|allied|mutual (?:military )?assistance|defen[cs]e (?:pact|treaty|agreement)"
    r"|treaty of (?:alliance|friendship)|strategic partnership (?:agreement|treaty))\b",
    re.I,
)
SIGN = re.compile(r"\b(?:sign\w*|conclu\w*|ink\w*|ratif\w*|adopt\w*)\b", re.I)
INTENT = re.compile(
    r"\b(?:to be signed|will sign|expected|is to sign|plans? to sign|would sign)\b", re.I
)
NO_PROBLEM = re.compile(
    r"\bno (?:problems?|issues?|disputes?|conflicts?|disagreements?|differences)\b[^.;]{0,60}?"
    r"\bwith any (?:other )?(?:country|state|nation)\b",
    re.I,
)
RELATION_WORD = re.compile(r"\b(?:relations?|ties|relationships?|friendship)\b", re.I)
FRIENDLY = re.compile(
    r"\bfriend\w*|\bgood[- ]neighbo\w*|\bmutual respect\b|\btrust\b|\bstable\b|\bexcellent\b"
    r"|\bwarm\b|\bcordial\b|\bclose\b|\bmutually beneficial\b|\bbrotherly\b|\bnew heights\b",
    re.I,
)
HOSTILE = re.compile(
    r"\btension\w*|\bhostil\w*|\bstrained\b|\bconfrontation\w*|\bdeteriorat\w*|\bcrisis\b", re.I
)
ALIGNMENT = re.compile(
    r"\b(?:balanced|multi-?vector|multi-?dimensional|independent|neutral|non-?aligned"
    r"|non-?alignment|neutrality)\b[^.;]{0,50}?\b(?:foreign )?(?:polic(?:y|ies)|course|approach"
    r"|strategy|line|stance)\b|\bis neutral in\b",
    re.I,
)
# The subjects of UN votes the checker knows (votes.TOPICS): sentence words that name one, and
# the stance words that say which way the state is claimed to stand.
VOTE_TOPICS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "ukraine": (
        re.compile(
            r"\b(?:Crimea\w*|Ukrain\w*|Sevastopol|Donetsk|Luhansk|Lugansk|DPR|LPR|Donbas+)\b"
        ),
        re.compile(
            r"\b(?:annex\w*|recogni[sz]\w*|territorial integrity|sovereignty|occupation|aggression"
            r"|invasion)\b",
            re.I,
        ),
    ),
    "palestine": (
        re.compile(r"\b(?:Palestin\w*)\b"),
        re.compile(r"\b(?:recogni[sz]\w*|support\w* for|solidarity|self-determination)\b", re.I),
    ),
    "cuba_embargo": (
        re.compile(r"\bCuba\w*\b"),
        re.compile(r"\bembargo\b|\bblockade\b", re.I),
    ),
}
REFUSE = re.compile(
    rf"\b(?:refus\w*|declin\w*|reject\w*)\b[^.;]{{0,25}}?\brecogni[sz]\w*"
    rf"|\b{_NEG}\b\s+(?:\w+\s+){{0,2}}recogni[sz]\w*"
    r"|\b(?:support\w*|uphold\w*|upheld|defend\w*|respect\w*|back\w*|affirm\w*)\b[^.;]{0,40}?"
    r"\b(?:territorial integrity|sovereignty)\b"
    r"|\bcondemn\w*|\bopposed? (?:to )?the (?:annexation|embargo|blockade)",
    re.I,
)
# "voted for resolution 68/262", "voted against A/RES/ES-11/1", "abstained on 68/262"
VOTED_ON = re.compile(
    r"\b(?P<how>voted (?:yes|in favou?r|for)|voted (?:no|against)|abstained)\b[^.;]{0,40}?"
    r"\b(?:A/RES/)?(?P<symbol>(?:ES-\d{1,2}/\d{1,3})|(?:\d{1,2}/\d{1,3}))\b",
    re.I,
)
RECOGNISE = re.compile(r"\brecogni[sz]\w*\b", re.I)


# The blocs with dated memberships in the records (blocs.csv); others need a cue right beside them.
CURATED = frozenset(
    [
        "BRICS",
        "CIS",
        "COE",
        "CST",
        "CSTO",
        "EAEU",
        "EU",
        "G77",
        "GUAM",
        "NAM",
        "NATO",
        "OIC",
        "OSCE",
        "OTS",
        "PFP",
        "SCO",
        "UN",
    ]
)


@dataclass
class Candidate:
    """A claim found in one sentence, before it is checked."""

    start: int
    end: int
    sentence: str
    type: str
    subject: str | None
    states: list[str]
    blocs: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    refers_to: date | None = None
    since: timex.Timex | None = None
    cue: str = ""
    unknown_subject: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Sent:
    start: int
    end: int
    text: str
    states: list[tuple[int, str]]  # (offset in sentence, ISO3)
    blocs: list[tuple[int, int, str]]  # (start, end in sentence, bloc code)
    unknown: list[tuple[int, str]]  # names the recogniser could not resolve (places, groups)


def _mentions_by_sentence(
    text: str, sentences: list[tuple[int, int, str]], mentions: list[Any], iso3: set[str]
) -> list[_Sent]:
    out = [_Sent(s, e, t, [], [], []) for s, e, t in sentences]
    for m in mentions:
        if not 0 <= m.sent < len(out):
            continue
        s = out[m.sent]
        off = m.start - s.start
        if m.kind == "igo" and m.code:
            s.blocs.append((off, m.end - s.start, str(m.code)))
        elif m.code and str(m.code) in iso3:
            s.states.append((off, str(m.code)))
        elif m.kind in ("unknown_place", "unknown_group", "unknown_org") and not m.code:
            s.unknown.append((off, str(m.text)))
    return out


def _refers_to(sentence: str, on: date) -> tuple[date, timex.Timex | None]:
    """(refers_to, since): the article date unless the sentence dates the claim.

    A date after a start word ("since the autumn of last year", "joined in 2011") is the start
    of a state that still holds on the article's date; any other date ("in 2017") is the period
    the claim is about, read as its last day (never after the article's date).
    """
    found = [t for t in timex.find(sentence, on) if t.value is not None]
    if not found:
        return on, None
    t = found[0]
    assert t.value is not None
    before = sentence[max(0, t.start - 25) : t.end]
    if START_WORDS.search(before):
        return on, t
    return min(_period_end(t.value, t.precision), on), None


def _period_end(value: date, precision: str | None) -> date:
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        nxt = date(value.year + (value.month == 12), value.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if precision == "week":
        return value + timedelta(days=6)
    return value


class Finder:
    """Finds candidate claims in an annotated text (sentences and mentions with offsets)."""

    def __init__(self, iso3: set[str]) -> None:
        self.iso3 = iso3

    def find(
        self,
        text: str,
        sentences: list[tuple[int, int, str]],
        mentions: list[Any],
        on: date,
    ) -> list[Candidate]:
        sents = _mentions_by_sentence(text, sentences, mentions, self.iso3)
        doc_states = Counter(c for s in sents for _, c in s.states)
        main = doc_states.most_common(1)[0][0] if doc_states else None
        out: list[Candidate] = []
        recent: list[str] = []  # subjects of the sentences read so far, latest last
        for s in sents:
            found = self._sentence(s, on, recent, main)
            out.extend(found)
            if s.states:
                recent.append(s.states[0][1])
            elif found and found[0].subject:
                recent.append(found[0].subject)
        return out

    # -- one sentence ------------------------------------------------------------------------
    def _subject(
        self, s: _Sent, cue_at: int, recent: list[str], main: str | None
    ) -> tuple[str | None, str | None]:
        """(ISO3 subject, unknown name) for a cue at offset ``cue_at`` of the sentence.

        The first state named before the cue, unless an anaphor comes before it ("relations
        between the country and Russia"); an anaphor takes the writer's own state for the first
        person ("our country", "we": the document's most-named state) and the latest subject
        otherwise ("the country"). A sentence naming no state at all may take an anaphor after the
        cue; a sentence naming states only after the cue has no subject. A capitalised name the
        recogniser could not resolve before the cue is an unknown subject.
        """
        before = [c for off, c in s.states if off < cue_at]
        first_state = s.states[0][0] if s.states else len(s.text)
        ana = ANAPHOR.search(s.text[:cue_at])
        if ana is None and not s.states:
            ana = ANAPHOR.search(s.text)
        if before and not (ana and ana.start() < first_state):
            return before[0], None
        if ana is not None:
            first_person = bool(FIRST_PERSON.match(ana.group(0)))
            if first_person and main:
                return main, None
            if recent:
                return recent[-1], None
            return main, None
        unknown = [n for off, n in s.unknown if off < cue_at and n[:1].isupper()]
        if unknown and not s.states:
            return None, unknown[0]
        return None, None

    def _sentence(self, s: _Sent, on: date, recent: list[str], main: str | None) -> list[Candidate]:
        text = s.text
        if not (s.states or s.blocs or ANAPHOR.search(text) or s.unknown):
            return []
        refers_to, since = _refers_to(text, on)
        out: list[Candidate] = []

        def make(kind: str, cue: re.Match[str], at: int | None = None, **kw: Any) -> Candidate:
            at = cue.start() if at is None else at
            subject, unknown = self._subject(s, at, recent, main)
            states = [subject] if subject else []
            for p in kw.get("partners", []):
                if p not in states:
                    states.append(p)
            return Candidate(
                start=s.start,
                end=s.end,
                sentence=text,
                type=kind,
                subject=subject,
                states=states,
                refers_to=refers_to,
                since=since,
                cue=cue.group(0),
                unknown_subject=unknown,
                **kw,
            )

        # counts: a bloc and a number of members in the same sentence ("uniting 120 states",
        # "comprises nine member states"); a number inside a date ("in 2019") is no count
        bloc_codes = [b for _, _, b in s.blocs]
        dates = [(t.start, t.end) for t in timex.find(text, on)]

        def dated(m: re.Match[str], group: str = "n") -> bool:
            a, b = m.span(group)
            return any(a < e and st < b for st, e in dates)

        count = next(
            (
                m
                for pat in (COUNT, more.COUNT_WORDS)
                for m in pat.finditer(text)
                if not dated(m)
                and (
                    pat is COUNT or m.group("verb") or m.group("noun").lower().startswith("member")
                )
            ),
            None,
        )
        if count and bloc_codes:
            bloc = _nearest_bloc(s.blocs, count.start())
            out.append(
                make(
                    "count",
                    count,
                    blocs=[bloc],
                    details={
                        "n": more.number(count.group("n")),
                        "qualifier": (count.group("q") or "").lower(),
                    },
                )
            )
        elif s.states or ANAPHOR.search(text):
            q = next(
                (
                    m
                    for pat in (QUANTITY, more.QUANTITY_MORE)
                    for m in pat.finditer(text)
                    if not (m.group("n") and dated(m))
                    and not more.ATTENDANCE.search(text[: m.start()])
                ),
                None,
            )
            if q is not None:
                what = (q.group("what") or q.groupdict().get("what2") or "").lower()
                n = q.group("n") or q.groupdict().get("nw") or ""
                out.append(make("quantity", q, details={"what": what, "n": n}))
            elif (tr := more.TRADE.search(text)) and s.states:
                # the subject: the first state named before the figure ("Russian investment in
                # Armenia amounts to ...", "trade between Uzbekistan and Russia reached ...")
                out.append(make("quantity", tr, at=tr.end(), details={"what": "trade", "n": ""}))

        # alliances: "never concluded agreements directed against third countries"
        neg = ALLIANCE_NEG.search(text) or more.ALLIANCE_NONE.search(text)
        if neg:
            ever = bool(re.search(r"\bnever\b", text, re.I))
            out.append(make("alliance", neg, details={"negated": True, "ever": ever}))
        elif ((pos := ALLIANCE_POS.search(text)) and SIGN.search(text)) or (
            pos := more.ALLIANCE_STATE.search(text)
        ):
            # the parties: the states named after the cue ("the declaration ... between
            # Azerbaijan and Russia"), else the subject before it and those after
            after = list(dict.fromkeys(c for off, c in s.states if off >= pos.start()))
            cand = make(
                "alliance", pos, details={"negated": False, "intent": bool(INTENT.search(text))}
            )
            if len(after) >= 2:
                cand.subject, cand.unknown_subject = after[0], None
            cand.partners = [p for p in after if p != cand.subject]
            if not cand.partners:
                cand.partners = list(dict.fromkeys(c for _, c in s.states if c != cand.subject))
            cand.states = list(
                dict.fromkeys([*([cand.subject] if cand.subject else []), *cand.partners])
            )
            if cand.subject and cand.partners:
                out.append(cand)

        # memberships and statuses in named blocs
        if s.blocs and not any(c.type == "count" for c in out):
            roles = _roles(text, s.blocs)
            if roles:
                cue_match = min(roles.values(), key=lambda v: v[0].start())[0]
                first_cue = cue_match.start()
                negated = bool(
                    re.search(rf"\b{_NEG}\b", text[max(0, first_cue - 40) : first_cue], re.I)
                )
                cand = make(
                    "membership",
                    cue_match,
                    blocs=list(roles),
                    details={
                        "roles": {b: r for b, (_, r) in roles.items()},
                        "negated": negated,
                    },
                )
                out.append(cand)

        # UN votes on a roll call named by its symbol
        voted = VOTED_ON.search(text)
        if voted:
            how = voted.group("how").lower()
            expected = (
                2
                if how.startswith("abstain")
                else 3
                if ("no" in how.split() or "against" in how)
                else 1
            )
            out.append(
                make(
                    "vote",
                    voted,
                    details={"symbol": voted.group("symbol").upper(), "expected": expected},
                )
            )
        # UN votes without a symbol: "voted in favour of the resolution on ...", "abstained",
        # "did not take part in the vote", "backed the General Assembly resolution"
        generic = None if voted else _generic_vote(text)
        if generic is not None:
            cue, details = generic
            out.append(make("vote", cue, details=details))
            # "voted no on suspending Russia's membership of the Council": the vote's object
            out = [
                c
                for c in out
                if not (c.type == "membership" and text.find(c.cue, cue.end()) >= cue.end())
            ]
        # UN votes on a subject the checker knows
        for topic, (names, words) in VOTE_TOPICS.items():
            if generic is not None:
                break
            nm, wm = names.search(text), words.search(text)
            if not (nm and wm):
                continue
            refuse = REFUSE.search(text)
            if refuse:
                stance = "for"
            elif RECOGNISE.search(text):
                stance = "against"  # recognised the annexation / the breakaway republics
            else:
                continue
            cue = refuse or wm
            if not voted:
                out.append(make("vote", cue, details={"topic": topic, "stance": stance}))
            break

        # relations between states
        nop = NO_PROBLEM.search(text)
        rel_all = more.ALL_PARTNERS.search(text)
        if (
            nop is None
            and rel_all
            and RELATION_WORD.search(text[: rel_all.start()])
            and _friendly(text) is True
        ):
            nop = rel_all
        if nop:
            exceptions = [c for off, c in s.states if off >= nop.start()]
            out.append(make("relations", nop, details={"form": "no_problem", "except": exceptions}))
        else:
            rel = _pair_relations(s)
            if rel is not None:
                rw, partners, friendly = rel
                # "relations between the country and Russia": the subject is read up to the
                # first state named, so an anaphor after the cue word still counts
                first = min((off for off, c in s.states if c in partners), default=rw.start())
                # "relations between Armenia and Azerbaijan": the first of the pair is the subject
                btw = re.match(r"\s+(?:\w+\s+){0,3}?between\s+(?:the\s+)?", text[rw.end() :])
                if btw and any(off == rw.end() + btw.end() for off, _ in s.states):
                    first = rw.end() + btw.end() + 1
                cand = make(
                    "relations",
                    rw,
                    at=max(first, rw.start()),
                    details={"form": "pair", "friendly": friendly},
                )
                cand.partners = [p for p in partners if p != cand.subject]
                cand.states = list(dict.fromkeys([*cand.states, *cand.partners]))
                if cand.subject and cand.partners:
                    out.append(cand)
            elif (war := _conflict(s)) is not None:
                cue, partners, friendly = war
                cand = make(
                    "relations", cue, details={"form": "pair", "friendly": friendly}, partners=[]
                )
                cand.partners = [p for p in partners if p != cand.subject]
                cand.states = list(dict.fromkeys([*cand.states, *cand.partners]))
                if cand.subject and cand.partners:
                    out.append(cand)

        # alignment: "independent, balanced, multi-vector foreign policy"
        al = ALIGNMENT.search(text) or more.ALIGNMENT_MORE.search(text)
        if al:
            cand = make("alignment", al, details={})
            if cand.subject or cand.unknown_subject:
                out.append(cand)

        if not out and (
            op := OPINION.search(text)
            or more.OPINION_MORE.search(text)
            or more.OPINION_PHRASE.search(text)
        ):
            out.append(make("opinion", op, details={}))
        # a claim needs a subject (a state, or a name the records do not know), but a bloc's
        # count and a bare quantity are about the bloc or the number
        return [c for c in out if c.subject or c.unknown_subject or c.type in ("count", "quantity")]


def _friendly(window: str) -> bool | None:
    """Whether a stretch of text calls relations friendly (True), hostile (False) or neither."""
    ho = HOSTILE.search(window) or more.HOSTILE_MORE.search(window)
    fr = FRIENDLY.search(window) or more.FRIENDLY_MORE.search(window)
    if ho:
        return False
    return True if fr else None


def _pair_relations(s: _Sent) -> tuple[re.Match[str], list[str], bool] | None:
    """Relations of two named states: "relations with X", "relations between A and B",
    "Russian-Azerbaijani relations", "A and B have normalised (their) relations", with a word
    saying how they are (friendly or hostile) within 100 characters. Returns the cue, the states
    named around it and whether friendly."""
    for rw in RELATION_WORD.finditer(s.text):
        lo, hi = rw.start() - 60, rw.end() + 90
        near = [c for off, c in s.states if lo <= off <= hi]
        before = [(off, c) for off, c in s.states if rw.start() - 90 <= off < rw.start()]
        linked = (
            re.match(r"\s+(?:\w+\s+){0,3}?(?:with|between)\b", s.text[rw.end() :])
            or re.search(r"\w-\w+\s+$", s.text[max(0, rw.start() - 30) : rw.start()])
            or (
                # "Israel and the United Arab Emirates normalised relations"
                len({c for _, c in before}) >= 2
                and re.search(r"\band\b", s.text[before[0][0] : before[-1][0]]) is not None
            )
        )
        if not near or not linked:
            continue
        window = s.text[max(0, rw.start() - 100) : rw.end() + 100]
        friendly = _friendly(window)
        if friendly is not None:
            return rw, list(dict.fromkeys(near)), friendly
    return None


def _conflict(s: _Sent) -> tuple[re.Match[str], list[str], bool] | None:
    """Relations said without the word: "A has been at war with B", "A and B are locked in a
    border standoff", "A and B clashed on the border" (hostile); "A and B ended decades of
    hostility", "made peace with B" (friendly). The cue, the states named and whether friendly."""
    for pat, friendly in ((more.CONFLICT, False), (more.PEACE, True)):
        m = pat.search(s.text)
        if m is None:
            continue
        near = [c for off, c in s.states if m.start() - 90 <= off <= m.end() + 60]
        if len(set(near)) >= 2:
            return m, list(dict.fromkeys(near)), friendly
    return None


def _generic_vote(text: str) -> tuple[re.Match[str], dict[str, Any]] | None:
    """A state's vote in a UN body named without a symbol, and what the checker needs: the
    subject the checker knows (Ukraine, Palestine, the Cuba embargo) with the stance the vote
    implies ("for" upholds the resolution's cause), or the vote alone when the subject is another
    or the vote took no side (abstained, absent)."""
    cue = more.VOTE_CUE.search(text)
    if cue is None or not more.VOTE_SETTING.search(text):
        return None
    if more.DOMESTIC_VOTE.search(text[: cue.start()]):
        return None  # a parliament's or the voters' vote
    said = cue.group(0)
    if cue.group("abstain"):
        how = "abstain"
    elif cue.group("absent"):
        how = "absent"
    elif more.VOTE_AGAINST.search(cue.group("how") or cue.group("verb") or said):
        how = "against"
    elif more.VOTE_FOR.search(cue.group("how") or cue.group("verb") or said):
        how = "for"
    else:
        return None
    details: dict[str, Any] = {"how": how}
    if how in ("for", "against", "abstain", "absent"):
        for topic, (names, _words) in VOTE_TOPICS.items():
            if names.search(text):
                details.update(topic=topic, stance=how)
                break
    return cue, details


def _nearest_bloc(blocs: list[tuple[int, int, str]], at: int) -> str:
    return min(blocs, key=lambda b: min(abs(b[0] - at), abs(b[1] - at)))[2]


def _roles(text: str, blocs: list[tuple[int, int, str]]) -> dict[str, tuple[re.Match[str], str]]:
    """Each named bloc with the status cue nearest to it in the sentence (and that status).

    NATO's Partnership for Peace is a bloc of its own (``PFP``): a sentence naming both keeps PFP.
    """
    cues: list[tuple[re.Match[str], str]] = [
        (m, role)
        for role, pat in ROLE_CUES.items()
        for m in pat.finditer(text)
        # "a reliable partner of the EU" is praise, not a status in the bloc
        if not (role == "partner" and more.ESTEEM_BEFORE.search(text[: m.start()]))
    ]
    if not cues:
        return {}
    codes = {b for _, _, b in blocs}
    out: dict[str, tuple[re.Match[str], str]] = {}
    for start, end, code in blocs:
        if code == "NATO" and "PFP" in codes:
            continue
        if code in out:
            continue
        m, role = min(
            cues,
            key=lambda c: (
                min(abs(c[0].start() - end), abs(c[0].end() - start)),
                list(ROLE_CUES).index(c[1]),
            ),
        )
        gap = min(abs(m.start() - end), abs(m.end() - start))
        if gap > (120 if code in CURATED else 40):
            continue
        if role == "chair" and m.group(0).lower().startswith("presiden") and gap > 12:
            continue  # "the President of Azerbaijan ... the UN": a person's title, not a bloc's chair
        if code == "PFP" and role in ("member", "cooperation"):
            role = "partner"
        out[code] = (m, role)
    return out
