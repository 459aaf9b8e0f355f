"""More cues for the claims finder (:mod:`.finder`), by claim type: the wordings of UN votes,
member counts in words, alliances stated rather than signed, relations described by a verb,
alignment without the word "policy", figures of trade and missions, and opinions.

Each pattern is written from how foreign ministries and news reports phrase such claims (the
project's development set, ``data/finder_dev.jsonl``), never from the evaluation set. They are
searched in one sentence at a time; the finder decides the subject and the partners.
"""

from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMW = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_Q = (
    r"(?P<q>more than|over|nearly|almost|about|around|some|approximately|at least|fewer than"
    r"|less than|under)"
)


def number(word: str) -> int | None:
    """An integer from digits ("120", "1,500") or a number word ("nine")."""
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


# ------------------------------------------------------------------------------ counts
# "comprises nine member states", "has five members", "brings together ten member states":
# a number word needs a verb of composition before it or "member(s)" after it ("the two
# countries" is no count).
COUNT_WORDS = re.compile(
    r"\b(?:(?P<verb>ha[sv]e?|comprises?|comprising|consists? of|consisting of|includes?|including"
    r"|unites?|uniting|brings? together|bringing together|made up of|numbers?|counts?|with(?: its)?"
    r"|now|currently ha[sv]e?)\s+)?"
    rf"(?:{_Q}\s+)?(?P<n>{_NUMW})(?:\s*-\s*|\s+)(?:full\s+)?"
    r"(?P<noun>member states\b|member countries\b|members\b|member\b|countries\b|states\b|nations\b)",
    re.I,
)

# ------------------------------------------------------------------------------ votes
# A state's vote in a UN body, without a symbol: "voted in favour of the resolution on ...",
# "abstained on the General Assembly resolution", "backed the UN resolution", "did not take part
# in the vote". The sentence must name the UN setting (VOTE_SETTING) and no domestic vote before
# the cue (DOMESTIC_VOTE: parliaments, referendums, elections).
VOTE_CUE = re.compile(
    r"\b(?:vot(?:ed|es|ing)|cast (?:its|their|a|her|his) (?:\w+ )?votes?)\s+(?:\w+\s+){0,4}?"
    r"(?P<how>in favou?r|in support|for|yes|against|no)\b"
    r"|\b(?P<abstain>abstain(?:ed|s|ing)?)\b"
    r"|\b(?P<absent>(?:did not|didn['’]t|does not|refused to|declined to|chose not to)\s+"
    r"(?:take part|participate|vote)\b|(?:was|were) absent (?:from|during|at) the vot\w*)"
    r"|\b(?P<verb>backed|supported|support(?:s|ing)?|opposed|oppos(?:e|es|ing)|endorsed|rejected"
    r"|sponsored)\s+(?:\w+\s+){0,6}?(?:draft\s+)?resolutions?\b",
    re.I,
)
VOTE_SETTING = re.compile(
    r"\b(?:resolutions?|draft|General Assembly|UNGA|Security Council|Human Rights Council"
    r"|United Nations|vote|voting)\b|\bUN\b"
)
DOMESTIC_VOTE = re.compile(
    r"\b(?:parliament\w*|lawmakers|deputies|MPs|senators?|voters|electorate|shareholders"
    r"|Majlis|Duma|Rada|Congress|assembly of the republic)\b",
    re.I,
)
VOTE_FOR = re.compile(r"in favou?r|\bfor\b|\byes\b|back|support|endorse|sponsor", re.I)
VOTE_AGAINST = re.compile(r"against|\bno\b|oppos|reject", re.I)

# ------------------------------------------------------------------------------ alliances
# Stated rather than signed: "bound by a mutual defence treaty", "military allies", "have a
# mutual defence arrangement".
ALLIANCE_STATE = re.compile(
    r"\b(?:military|treaty|formal|defen[cs]e) (?:allies|ally)\b"
    r"|\b(?:bound|tied) (?:\w+ ){0,3}by (?:a |an |the )?(?:[\w-]+ ){0,4}(?:treaty|pact|alliance)\b"
    r"|\b(?:ha[sv]e?|maintain\w*) (?:a |an )?(?:[\w-]+ ){0,2}(?:mutual defen[cs]e|defen[cs]e"
    r"|mutual security|collective defen[cs]e) (?:arrangement|pact|treaty|agreement|alliance|clause)s?\b"
    r"|\bmilitary alliance with\b|\ballied (?:through|within|in) (?:the )?[A-Z]",
    re.I,
)
# No blocs: "does not join military alliances", "rules out joining any military-political
# blocs", "has no military alliances", "has never been part of any military pact".
ALLIANCE_NONE = re.compile(
    r"\b(?:not|never|no longer|refus\w+ to|refrain\w* from|rul\w+ out)\s+(?:\w+\s+){0,2}?"
    r"(?:join(?:s|ed|ing)?|participat\w+ in|enter\w* into)\s+(?:any\s+|a\s+|an\s+)?(?:military(?:-political)?\s+|political\s+)?"
    r"(?:blocs?|alliances?|pacts?|coalitions?)\b"
    r"|\b(?:ha[sv]e?|had) no (?:military(?:-political)? )?(?:alliances?|pacts?|allies)\b"
    r"|\b(?:not|never)\s+(?:been\s+)?(?:a\s+)?(?:member|part|party)\s+(?:of|to)\s+any\s+"
    r"(?:military(?:-political)?\s+)?(?:blocs?|alliances?|pacts?)\b",
    re.I,
)

# ------------------------------------------------------------------------------ relations
HOSTILE_MORE = re.compile(
    r"\btense\b|\bfrozen\b|\bcool\b|\bcold\b|\bpoor\b|\buneasy\b|\btroubled\b|\bdifficult\b"
    r"|\brupture\b|\bsevered\b|\bbroke off\b|\bcut (?:off )?(?:diplomatic )?(?:relations|ties)\b"
    r"|\bno (?:diplomatic )?(?:relations|ties)\b|\bdispute\w*\b|\bworsen\w*|\bsoured\b"
    r"|\b(?:new|all-time|historic) low\b|\bat odds\b|\bestrange\w*",
    re.I,
)
FRIENDLY_MORE = re.compile(
    r"\bgood\b|\bpositive\b|\bnormali[sz]\w*|\brestor\w*|\bimprov\w*|\bhighest level\b"
    r"|\bunprecedented\b|\bstrong\b|\bexcellent\b|\bsolid\b|\bdeep\w*\b|\bstrengthen\w*"
    r"|\bthaw\w*|\brapprochement\b",
    re.I,
)
# Relations as a state of affairs without the word "relations": war, conflict, standoffs, peace.
CONFLICT = re.compile(
    r"\b(?:at war|in (?:a |an )?(?:\w+ )?(?:conflict|war|dispute|standoff))\s+(?:\w+\s+){0,2}?with\b"
    r"|\b(?:have|has|had) been (?:locked )?in (?:a |an )?(?:\w+ )?(?:conflict|war|dispute|standoff)\b"
    r"|\blocked in (?:a |an )?(?:\w+ )?(?:standoff|dispute|conflict|confrontation)\b"
    r"|\bclash(?:ed|es)? (?:again |repeatedly )?(?:on|at|along|over|with)\b"
    r"|\bare at war\b|\bfought (?:\w+ ){0,2}wars?\b|\b(?:long )?(?:been )?at odds (?:with|over)\b"
    r"|\bengaged in (?:a |an )?(?:\w+ ){0,2}(?:standoff|dispute|conflict|confrontation)\b",
    re.I,
)
PEACE = re.compile(
    r"\bended (?:\w+ ){0,4}(?:hostilit\w+|war|conflict|dispute|enmity)\b"
    r"|\b(?:made|make|signed a) peace (?:deal |agreement |treaty )?with\b",
    re.I,
)
# "friendly relations with all its neighbours": read as "no problem with any country"
ALL_PARTNERS = re.compile(
    r"\bwith all (?:its |of its |their )?(?:neighbou?r\w*|countries|states|nations|partners)\b",
    re.I,
)

# ------------------------------------------------------------------------------ alignment
ALIGNMENT_MORE = re.compile(
    r"\b(?:permanent(?:ly)?|perpetual(?:ly)?|military|militarily|positive|armed|constitutional"
    r"|strict(?:ly)?|traditional(?:ly)?)\s+neutral(?:ity)?\b"
    r"|\b(?:is|was|be|has been|have been|remains?|remained|stays?|stayed)\s+(?:a\s+)?(?:\w+\s+)?"
    r"neutral\b(?! (?:ground|territory|venue|zone|language|tone|observer))"
    r"|\bneutral (?:country|state|nation|status)\b"
    r"|\b(?:does not|doesn['’]t|do not|will not|never) (?:belong|adhere) to any (?:\w+ )?blocs?\b"
    r"|\bsid(?:es|ed|ing) with neither\b|\bnot (?:aligned|align\w*) (?:itself )?with any\b"
    r"|\bstrategic autonomy\b|\bhedg(?:e|es|ed|ing) between\b"
    r"|\b(?:does not|doesn['’]t|do not|will not|refus\w+ to) take sides\b"
    r"|\bbalanc(?:e|es|ed|ing) (?:between|the influence|its (?:relations|ties|interests))\b"
    r"|\bfree and active (?:foreign )?(?:policy|doctrine|course)\b"
    r"|\bforeign policy of (?:[\w-]+,? (?:and )?){0,3}?(?:independence|neutrality|non-?alignment"
    r"|balance|equidistance)\b"
    r"|\bnon-?aligned (?!Movement\b)(?:country|state|nation|stance|position|posture)\b"
    r"|\b(?:pursu\w+|practi[cs]\w+|adher\w+ to|committed to|follow\w*|choos\w+|chose)\s+"
    r"(?:a |the )?(?:policy of )?(?:non-?alignment|neutrality|equidistance|multi-?vector\w*)\b"
    r"|\bdiversif\w+ (?:its |their )?(?:foreign (?:policy|relations|partnerships|ties)"
    r"|partnerships|alliances)\b",
    re.I,
)

# ------------------------------------------------------------------------------ quantities
# Figures of trade, investment and aid between states ("trade turnover reached $9.3 billion").
TRADE = re.compile(
    r"\b(?:trade|turnover|exports?|imports?|investments?|trading|aid|assistance)\b[^.;]{0,90}?"
    r"(?:(?:\$|US\$|USD ?|€|EUR ?|£)\s?\d[\d,.]*(?:\s*(?:billion|million|bn|mln|trillion))?"
    r"|\d[\d,.]*\s*(?:billion|million|bn|mln|trillion)\b|\d[\d,.]*\s*(?:per ?cent|percent|%))",
    re.I,
)
# "representatives of 40 countries", "delegations from 14 states": who came, not a claim
ATTENDANCE = re.compile(
    r"\b(?:representatives|delegations?|delegates|ambassadors|leaders|heads|ministers"
    r"|participants|guests|athletes|teams|experts|journalists|officials|artists)\s+"
    r"(?:\w+\s+)?(?:of|from)\s+(?:the\s+)?(?:more than\s+|some\s+|over\s+|about\s+)?$",
    re.I,
)
_MOD = (
    r"(?:(?:foreign|free[- ]trade|bilateral|new|intergovernmental|international|diplomatic"
    r"|honorary|trade|investment|visa-free(?: travel)?|cooperation|comprehensive|strategic"
    r"|(?-i:[A-Z][a-z]+))\s+){0,3}"
)
QUANTITY_MORE = re.compile(
    rf"\b(?:{_Q}\s+)?(?P<n>\d{{1,3}}(?:,\d{{3}})*)\s+{_MOD}"
    r"(?P<what>countries|states|nations|embassies|consulates|diplomatic missions|missions"
    r"|agreements|documents|treaties|partnerships|companies|firms|enterprises|joint ventures"
    r"|projects|international organi[sz]ations|organi[sz]ations)\b"
    rf"|\b(?:with|to)\s+(?P<nw>{_NUMW})\s+{_MOD}(?P<what2>countries|states|nations)\b",
    re.I,
)

# ------------------------------------------------------------------------------ opinions
_ADJ = (
    r"(?:reliable|trusted|trustworthy|dependable|true|brotherly|strategic|loyal|staunch|faithful"
    r"|steadfast|close|important|key|natural|predictable|valued|indispensable|credible"
    r"|responsible|good|great|old|time-tested|all-weather|sincere|honest|constructive)"
)
OPINION_MORE = re.compile(
    rf"\b{_ADJ}(?:\s*(?:,|and)?\s*(?:(?:most|increasingly|very|an?)\s+)?{_ADJ}){{0,2}}\s+"
    r"(?:partners?|ally|allies|friends?|neighbou?rs?|mediators?|leaders?|voices?|players?)\b",
    re.I,
)
OPINION_PHRASE = re.compile(
    r"\b(?:brotherly|fraternal|friendly|sister) (?:countries|nations|peoples|states|republics)\b"
    r"|\bresponsible member of the international community\b"
    r"|\bpillar of (?:stability|security|peace)\b"
    r"|\b(?:strong|staunch|steadfast|firm|consistent|reliable) supporter of\b",
    re.I,
)
# a "partner" after an adjective of esteem is praise, not a status in a bloc
ESTEEM_BEFORE = re.compile(rf"\b{_ADJ}(?:\s+(?:and|,)\s*{_ADJ})?\s+$", re.I)
