"""Which sentences are worth parsing, and the actors each one mentions.

1. **Candidates.** The ingest has already split sentences and found actor mentions. A sentence is
   re-parsed only if its lower-cased words contain an inflected form of a trigger lemma (a set
   look-up, no model) *and* it has a resolved actor: a mention with a code, a he/she whose person
   is known from the last sentences, or "the two countries"/"both sides" after a sentence naming
   exactly two actors, or a generic agent word ("police", "rebels"). Everything else is never
   parsed (nor tagged). A "MOSCOW — " dateline is cut off first: left in, the parser makes the
   city the subject. Within a document a bare surname
   ("Mr Aliyev") takes the code of the full name said earlier.

A person resolves to the state whose office they held on the article date; an IGO keeps its code;
a former office holder is not his state's actor (:func:`_actor_code`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..actors import Mention
from .dictionary import EventDictionary
from .records import DocInput

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_PAIR_ANAPHOR = re.compile(
    r"\b(?:(?:the|their)\s+two|both(?:\s+the)?)\s+(?:countries|states|sides|presidents|leaders|"
    r"governments|nations|parties|heads\s+of\s+state|foreign\s+ministers|ministers)\b",
    re.IGNORECASE,
)
# "MOSCOW — " / "BAKU, Feb 22 (Agency) - ": a dateline names where the story was filed; left in,
# the parser takes the city for the subject of the first sentence.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:,[^—–\n]{0,40})?\s+[—–-]{1,2}\s+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_TITLES = re.compile(
    r"^(?:mr|mrs|ms|dr|president|prime\s+minister|minister|foreign\s+minister|premier|"
    r"chancellor|king|queen|emir|sheikh|general)\.?\s+",
    re.IGNORECASE,
)


def _actor_code(m: Mention) -> str | None:
    """The code a mention acts under: persons in office resolve to their state, IGOs keep theirs.

    A former (or future) office holder does not act for the state; an unresolved name has none.
    """
    if m.code is None:
        return None
    if m.kind == "person" and m.role and m.role.startswith(("former_", "future_")):
        return None
    return m.code


def _name_words(text: str) -> list[str]:
    """The words of a name without its title: "President Xi Jinping" -> ["xi", "jinping"]."""
    return [w.lower() for w in _TITLES.sub("", text.strip()).split() if len(w) > 1]


def _coreference(doc: DocInput) -> list[tuple[Mention, str | None]]:
    """Mentions with their acting code; 'Mr Aliyev' takes the code of an earlier 'Ilham Aliyev'.

    The recogniser leaves a bare surname unresolved when several office holders share it; within
    one article the full name said first is the one meant.
    """
    out: list[tuple[Mention, str | None]] = []
    by_surname: dict[str, str | None] = {}
    for m in sorted(doc.mentions, key=lambda x: x.start):
        code = _actor_code(m)
        if m.kind == "person" and code is not None:
            # every word of the full name: the family name comes last in "Ilham Aliyev" and
            # first in "Xi Jinping"
            for name in _name_words(m.text):
                prev = by_surname.get(name, code)
                by_surname[name] = code if prev == code else None  # two states: ambiguous
        elif code is None and m.kind in ("unknown_person", "person"):
            words = _name_words(m.text)
            if len(words) == 1:
                code = by_surname.get(words[0])
        out.append((m, code))
    return out


@dataclass
class _Sentence:
    """One candidate sentence: its place in the document and the mentions inside it."""

    index: int
    start: int
    text: str
    mentions: list[tuple[int, int, Mention, str | None, bool]]  # local offsets, code, indirect


def _candidates(doc: DocInput, dictionary: EventDictionary) -> list[_Sentence]:
    """Sentences worth parsing: a trigger word and an actor: a resolved one (mention, pronoun,
    'the two') or a generic agent word ("police", "rebels")."""
    coded = _coreference(doc)
    by_sent: list[list[tuple[Mention, str | None]]] = [[] for _ in doc.sentences]
    bounds = [(s, e) for s, e, _ in doc.sentences]
    k = 0
    for m, code in coded:
        while k < len(bounds) and bounds[k][1] <= m.start:
            k += 1
        if k < len(bounds) and bounds[k][0] <= m.start and m.end <= bounds[k][1]:
            by_sent[k].append((m, code))
    out: list[_Sentence] = []
    for i, (s_given, _, given) in enumerate(doc.sentences):
        s, text = s_given, given
        words = set(_WORD.findall(text.lower()))
        if not words & dictionary.surface:
            continue
        if (
            doc.text[s : s + len(text)] != text
        ):  # offsets disagree with the text: find the sentence nearby
            found = doc.text.find(text, max(0, s - 200))
            if found < 0:
                continue
            s = found
        dateline = _DATELINE.match(text)
        if dateline:
            s, text = s + dateline.end(), text[dateline.end() :]
        local = [
            (m.start - s, m.end - s, m, code, False)
            for m, code in by_sent[i]
            if m.start >= s and m.end - s <= len(text)
        ]
        local += _pronouns(text, words, i, s, by_sent)
        local += _state_anaphors(text, i, s, by_sent)
        local += _igo_anaphors(text, i, s, by_sent)
        local += _pair_anaphors(text, i, by_sent, local)
        if any(code is not None for *_, code, _ in local) or words & dictionary.agent_surface:
            out.append(_Sentence(i, s, text, local))
    return out


def _pronouns(
    text: str, words: set[str], i: int, s0: int, by_sent: list[list[tuple[Mention, str | None]]]
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """He/she/his/her: a person named earlier in the same sentence, else the first resolved person
    of the nearest of the two sentences before.

    Subjects come first in news sentences, so the first person named is the likeliest referent
    ("President Aliyev flew to Moscow at the invitation of President Putin. He was accompanied").
    """
    if not words & PERSON_PRONOUNS:
        return []
    return _anaphors(
        re.finditer(r"\b(?:he|she|his|her|him)\b", text, re.IGNORECASE),
        i, s0, by_sent, lambda mm: "person" in mm.kind, person=True,
    )  # fmt: skip


def _anaphors(
    found: Iterable[re.Match[str]],
    i: int,
    s0: int,
    by_sent: list[list[tuple[Mention, str | None]]],
    accept: Callable[[Mention], bool],
    *,
    person: bool,
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """Each match takes the last accepted, resolved mention before it in its sentence, else the
    first of the nearest of the two sentences before (subjects come first in news sentences)."""
    out: list[tuple[int, int, Mention, str | None, bool]] = []
    for m in found:
        here = [(mm, c) for mm, c in by_sent[i] if c is not None and accept(mm)
                and mm.start - s0 < m.start()]  # fmt: skip
        antecedent = here[-1] if here else None
        for j in range(i - 1, max(-1, i - 3), -1):
            if antecedent is not None:
                break
            earlier = [(mm, c) for mm, c in by_sent[j] if c is not None and accept(mm)]
            if earlier:
                antecedent = earlier[0]
        if antecedent is None:
            continue
        mm, code = antecedent
        pseudo = Mention(m.start(), m.end(), m.group(0), "pronoun", code,
                         mm.person if person else None, mm.role if person else None,
                         "coreference", 0.6)  # fmt: skip
        out.append((m.start(), m.end(), pseudo, code, True))
    return out


STATE_ANAPHORS = re.compile(r"\b(?:the|this) country\b", re.IGNORECASE)
OUR_STATE = re.compile(r"\bour (?:country|state|republic|nation)\b", re.IGNORECASE)
# "the movement", "the 120-member movement", "the organisation": an IGO named before by a name
# ending in that word ("the Non-Aligned Movement ... Azerbaijan joined the movement in 2011")
IGO_ANAPHORS = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)?(movement|organi[sz]ation|alliance|bloc|union|commonwealth|"
    r"community|council)\b",
    re.IGNORECASE,
)


def _state_anaphors(
    text: str, i: int, s0: int, by_sent: list[list[tuple[Mention, str | None]]]
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """'the country': the state named earlier in the same sentence, else the first state of the
    nearest of the two sentences before ("Azerbaijan ... Concurrently, the country upholds ...").

    'our country' is the writer's own: the state the whole document names most (an Azerbaijani
    page's "our country joined the Movement" is Azerbaijan whatever state the sentence before
    named), else as 'the country'.
    """
    out = _anaphors(
        STATE_ANAPHORS.finditer(text), i, s0, by_sent, lambda mm: mm.kind == "state", person=False
    )
    ours = list(OUR_STATE.finditer(text))
    if ours:
        counts = Counter(c for sent in by_sent for mm, c in sent if c and mm.kind == "state")
        top = counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            for m in ours:
                pseudo = Mention(m.start(), m.end(), m.group(0), "anaphor", top[0][0], None,
                                 None, "coreference", 0.6)  # fmt: skip
                out.append((m.start(), m.end(), pseudo, top[0][0], True))
        else:
            out += _anaphors(iter(ours), i, s0, by_sent, lambda mm: mm.kind == "state",
                             person=False)  # fmt: skip
    return out


def _igo_anaphors(
    text: str, i: int, s0: int, by_sent: list[list[tuple[Mention, str | None]]]
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """'the movement', 'the organisation': the nearest IGO named before (in this sentence or the
    five before) whose name contains that word."""
    out: list[tuple[int, int, Mention, str | None, bool]] = []
    for m in IGO_ANAPHORS.finditer(text):
        word = m.group(1).lower().replace("organisation", "organization")
        if any(mm.start - s0 <= m.start() < mm.end - s0 for mm, _ in by_sent[i]):
            continue  # part of a name: "the Non-Aligned Movement"
        antecedent: str | None = None
        for j in range(i, max(-1, i - 6), -1):
            named = [
                (mm, c)
                for mm, c in by_sent[j]
                if c is not None
                and mm.kind == "igo"
                and (j < i or mm.start - s0 < m.start())
                and word in mm.text.lower().replace("organisation", "organization")
            ]
            if named:
                antecedent = named[-1][1]
                break
        if antecedent is None:
            continue
        head = m.start(1)
        pseudo = Mention(head, m.end(), m.group(1), "anaphor", antecedent, None, None,
                         "coreference", 0.6)  # fmt: skip
        out.append((head, m.end(), pseudo, antecedent, True))
    return out


def _pair_anaphors(
    text: str,
    i: int,
    by_sent: list[list[tuple[Mention, str | None]]],
    local: list[tuple[int, int, Mention, str | None, bool]],
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """'the two countries', 'both sides': the two actors of the nearest sentence naming exactly two.

    Looked for first earlier in the same sentence, then in the three sentences before.
    """
    out: list[tuple[int, int, Mention, str | None, bool]] = []
    for m in _PAIR_ANAPHOR.finditer(text):
        before = {c for s, _, _, c, ind in local if c is not None and s < m.start() and not ind}
        pair: set[str] = before if len(before) == 2 else set()
        for j in range(i - 1, max(-1, i - 4), -1):
            if pair:
                break
            codes = {c for _, c in by_sent[j] if c is not None}
            if len(codes) >= 2:
                pair = codes if len(codes) == 2 else set()
                break
        for code in sorted(pair):
            pseudo = Mention(m.start(), m.end(), m.group(0), "anaphor", code, None, None,
                             "coreference", 0.6)  # fmt: skip
            out.append((m.start(), m.end(), pseudo, code, True))
    return out
