"""Convert Phoenix office holders (to 2014) into ``nonaligned/text/data/office_holders_phoenix.csv``.

Source: ``Phoenix.Countries.actors.txt`` of the Phoenix actor dictionaries shipped with PETRARCH2
(Open Event Data Alliance, MIT licence; generated from CountryInfo.140130.txt, January 2014), in
``../shared/data/external/phoenix-actors/`` by default (``--source DIR`` to override).

Dictionary format (TABARI/PETRARCH): a primary phrase ``NAME_WITH_UNDERSCORES_`` starts an entry,
lines ``+OTHER_NAME_`` are synonyms, indented lines ``[CODE dates]`` are dated CAMEO codes, text
after ``#`` is a comment. As in PETRARCH's reader, a primary phrase that follows an entry which has
no code yet joins that entry (it is a synonym). Codes are a CAMEO country prefix plus sector blocks
(``AZEGOV`` = Azerbaijan government, ``AZEELI`` = elite, ``DEUGOVLEG`` = legislature ...). Dates:
``A-B`` (a spell), ``>A`` (from A, open), ``<B`` (until B, start unknown), none (default code).

Century rule for six-digit dates ``YYMMDD`` (worked out from the file, see ``century``): the
six-digit years in the file are 00-14 and 31-99 and never 15-30; every year 1876-1930 is written
with eight digits ``YYYYMMDD``. So ``YY <= 30`` is 20YY and ``YY >= 31`` is 19YY - the same pivot
PETRARCH's own reader uses. Seven-, nine- or ten-digit dates are malformed and their spells dropped.

Roles: CAMEO has no code for heads of state, heads of government or foreign ministers (all are
``GOV``), so a role is taken only from words Phoenix gives (``classify_label``, ``agent_label``,
``section_scopes``, ``convert``):

1. a comment on the spell line (``[RUSGOV >20040309] # Foreign Minister``) - applies to that spell;
2. otherwise person-level evidence - the comment on the entry line, a role section header above
   the entry (``# Prime Ministers``), and role words in the entry's names (agent words:
   ``PRESIDENT_HOSNI_MUBARAK``, ``CHANCELLOR_KOHL``, ``FOREIGN_MINISTER_...``) - which is used only
   when it names exactly one of the three roles, no other office (``VICE_PRESIDENT_``,
   ``DEPUTY_...``, ``AMBASSADOR_`` ...), and the entry has exactly one plain ``XXXGOV`` spell
   without its own comment (several GOV spells could be several offices: Nasser, Sadat, Bhutto).

Country codes: the CAMEO prefix is ISO3 except the codes in ``CAMEO_TO_ISO3``; Phoenix codes
Soviet officials ``RUS``, so a ``RUS`` spell inside the Soviet period becomes ``SUN``. A spell must
overlap a period in which its code names an independent state (``load_states``).

Everything else is dropped and counted by reason. Kept: spells with an explicit start and an
explicit end before 2015-01-01 (the regional files hold everyone in office on or after that day).
Phoenix's end day is normally the handover day (the successor's first day), kept as the exclusive
``end``. Every kept row was read against the record: wrong rows are dropped (``KNOWN_ERRORS``),
wrong or last-day dates corrected (``DATE_REPAIRS``, ``CORRECTIONS``), with the Phoenix value in
the row's note. Names are cleaned to title case; synonyms become aliases (``aliases_of``).

Run: ``.venv/bin/python rebuild/actors_phoenix.py [--source DIR] [--out FILE]``. Deterministic:
rows sorted, no timestamps; prints entries read, spells kept and dropped by reason.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "nonaligned" / "records" / "data"
TEXT = REPO / "nonaligned" / "text" / "data"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "external" / "phoenix-actors"
DEFAULT_OUT = TEXT / "office_holders_phoenix.csv"
FILE = "Phoenix.Countries.actors.txt"

COLUMNS = [
    "person",
    "name",
    "aliases",
    "iso3",
    "role",
    "title",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "source",
    "note",
]
CUTOFF = date(2015, 1, 1)
CABINET_LISTS_START = date(2003, 1, 1)
SOURCE_TEXT = (
    "Phoenix actors dictionary (PETRARCH2, 2014), Phoenix.Countries.actors.txt line {line}"
)

# CAMEO country prefixes that are not the ISO3 code the project uses (states.csv and
# states_iso_periods.csv). Prefixes that are no state at all are listed in NOT_STATES.
CAMEO_TO_ISO3 = {
    "USR": "SUN",  # CAMEO's USSR
    "KSV": "XKX",  # Kosovo: project's user-assigned code
    "TMP": "TLS",  # East Timor: CAMEO keeps the withdrawn ISO code TMP
    "FRY": "YUG",  # Federal Republic of Yugoslavia
    "ROM": "ROU",  # Romania, pre-2002 ISO code
    "ZAR": "COD",  # Zaire
}
NOT_STATES = {
    "IGO": "intergovernmental organisation",
    "KNT": "Kinakuta, a fictitious test country of the TABARI dictionaries",
    "SRP": "Republika Srpska (entity)",
    "KRJ": "Republic of Serbian Krajina (unrecognised)",
    "IMG": "not a country code",
    "FRN": "not a country code",
}


# ----------------------------------------------------------------------------- parsing


@dataclass
class Spell:
    code: str
    dates: str  # the text after the code, e.g. "030804-031104", ">031031", ""
    comment: str
    line: int


@dataclass
class Entry:
    names: list[str]  # primary phrase first, then synonyms in file order
    line: int
    comment: str = ""  # comment on the primary line
    name_comments: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # indented comment lines inside the entry
    spells: list[Spell] = field(default_factory=list)
    inline_code: str = ""
    section: str = ""  # the role section header in force (raw text), "" if none

    @property
    def has_code(self) -> bool:
        return bool(self.inline_code or self.spells)


def _split_comment(text: str) -> tuple[str, str]:
    if "#" in text:
        i = text.index("#")
        return text[:i].rstrip(), text[i + 1 :].strip()
    return text.rstrip(), ""


def parse(path: Path) -> list[Entry]:
    """Read the dictionary into entries (PETRARCH's grouping), tracking section headers."""
    entries: list[Entry] = []
    cur: Entry | None = None
    section = ""  # raw text of the last column-0 comment, "" after a blank line or a country
    section_open = False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                section, section_open = "", False
                continue
            stripped = line.strip()
            if stripped.startswith("#"):
                if line[0] == "#":
                    section, section_open = stripped.lstrip("#").strip(), True
                elif cur is not None:
                    cur.notes.append(stripped.lstrip("#").strip())
                continue
            if line[0] in " \t":
                body, comment = _split_comment(stripped)
                m = re.match(r"\[\s*([A-Z]+)\s*([^\]]*)\]?", body)
                if cur is None or not m:
                    continue
                cur.spells.append(Spell(m.group(1), m.group(2).strip(), comment, lineno))
                continue
            body, comment = _split_comment(line)
            if line[0] == "+":
                if cur is not None:
                    cur.names.append(body[1:].strip())
                    cur.name_comments.append(comment)
                continue
            inline = ""
            m = re.search(r"\[([^\]]*)\]", body)
            if m:
                inline = m.group(1).strip()
                body = body[: m.start()].rstrip()
            name = body.strip()
            if cur is not None and not cur.has_code:
                cur.names.append(name)
                cur.name_comments.append(comment)
                cur.inline_code = inline
            else:
                cur = Entry(names=[name], line=lineno, comment=comment, inline_code=inline)
                cur.section = section if section_open else ""
                entries.append(cur)
            if inline and re.fullmatch(r"[A-Z]{3}", inline):
                section, section_open = "", False  # a country block starts
    return entries


# ----------------------------------------------------------------------------- dates


def century(yy: int) -> int:
    """Six-digit dates: YY <= 30 is 20YY, else 19YY (see the module docstring)."""
    return 2000 + yy if yy <= 30 else 1900 + yy


def parse_date(text: str) -> date | None:
    """YYMMDD or YYYYMMDD -> date; None when malformed."""
    if not text.isdigit():
        return None
    try:
        if len(text) == 6:
            return date(century(int(text[:2])), int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None


def spell_window(sp: Spell) -> tuple[str, date | None, date | None]:
    """(kind, start, end): kind is 'range', 'from', 'until', 'default' or 'bad'."""
    t = sp.dates.replace(" ", "")
    if not t:
        return "default", None, None
    if t[0] in "<>":
        d = parse_date(t[1:])
        if d is None:
            return "bad", None, None
        return ("from", d, None) if t[0] == ">" else ("until", None, d)
    m = re.fullmatch(r"(\d+)-(\d+)", t)
    if m:
        a, b = parse_date(m.group(1)), parse_date(m.group(2))
        if a is None or b is None:
            return "bad", None, None
        return "range", a, b
    return "bad", None, None


# ----------------------------------------------------------------------------- roles

HOS, HOG, FM = "head_of_state", "head_of_government", "foreign_minister"
ROLES = (HOS, HOG, FM)


@dataclass(frozen=True)
class Label:
    role: str  # one of ROLES, or "other" (an office that is none of them)
    title: str = ""
    acting: bool = False


OTHER = Label("other")

# Comment labels, matched against the whole comment (lower case, punctuation folded to spaces).
# Anything with an office word that matches none of these is another office ("other"); comments
# without office words ("CountryInfo.txt", "killed in 2010", URLs, "Leaders") are no evidence.
# "Roughly ... in order" headers are deliberately not labels: their lists mix offices.
_COUNTRYISH = r"(?:[a-z]+ ){0,3}"
LABEL_PATTERNS: list[tuple[str, Label]] = [
    (
        r"(?:u s |first )?presidents?(?: of (?:the )?" + _COUNTRYISH + r"[a-z]+)?",
        Label(HOS, "President"),
    ),
    (r"(?:acting |interim )(?:pm|prime minister)", Label(HOG, "Prime Minister", acting=True)),
    (
        r"(?!dep |deputy |vice )(?:[a-z]+ )?(?:pm|prime ministers?)(?: of (?:east )?germany)?"
        r"(?: pt \d)?",
        Label(HOG, "Prime Minister"),
    ),
    (r"chancellors?(?: of germany)?", Label(HOG, "Chancellor")),
    (r"monarch s|monarchs?|kings?|queens?", Label(HOS, "")),
    (r"(?:east german )?head of state(?: \d\d \d\d)?", Label(HOS, "")),
    (r"foreign ministers?|ministers? of foreign affairs|foreign secretary", Label(FM, "")),
    (
        r"(?:u s |united states )?secretar(?:y|ies) of state|sec state",
        Label(FM, "Secretary of State"),
    ),
    (
        r"(?:brief )?acting sec(?:retary)? (?:of )?state",
        Label(FM, "Secretary of State", acting=True),
    ),
]
OFFICE_WORDS = re.compile(
    r"\b(president|presidents|minister|ministers|min|pm|premier|secretary|secretaries|sec|"
    r"chancellor|chancellors|king|queen|monarch|leader|chief|amb|ambassador|ambassadors|advisor|"
    r"advisors|dci|natsecad|governor|senator|speaker|cmdr|head|general|deputy|dep|mayor|"
    r"director|directors|representative|attorneys|justice|chairman)\b"
)
# Labels naming a subnational or non-state office although they contain a target pattern.
NOT_STATE_OFFICE = re.compile(r"\b(lower saxony|bundesrat|socialist unity party|party)\b")


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def classify_label(text: str) -> Label | None:
    """Role named by a comment, OTHER for another office, None when it names no office."""
    t = _fold(text)
    if not t or t.startswith("roughly"):
        return None
    if NOT_STATE_OFFICE.search(t):
        return OTHER
    for pat, lab in LABEL_PATTERNS:
        if re.fullmatch(pat, t):
            return lab
    return OTHER if OFFICE_WORDS.search(t) else None


# Agent words at the start of a name: ROLE_NAME_ or DEMONYM_ROLE_NAME_ (RUSSIAN_FOREIGN_MINISTER_).
AGENT_TARGET: list[tuple[str, Label]] = [
    ("PRESIDENT", Label(HOS, "President")),
    ("PRIME_MINISTER", Label(HOG, "Prime Minister")),
    ("PRIME_MINSTER", Label(HOG, "Prime Minister")),
    ("PREMIER", Label(HOG, "Premier")),
    ("PM", Label(HOG, "Prime Minister")),
    ("CHANCELLOR", Label(HOG, "Chancellor")),
    ("KANZLER", Label(HOG, "Chancellor")),
    ("BUNDESKANZLER", Label(HOG, "Chancellor")),
    ("FOREIGN_MINISTER", Label(FM, "")),
    ("FOREIGN_SECRETARY", Label(FM, "")),
    ("MINISTER_OF_FOREIGN_AFFAIRS", Label(FM, "")),
    ("EXTERNAL_AFFAIRS_MINISTER", Label(FM, "")),
    ("SECRETARY_OF_STATE", Label(FM, "Secretary of State")),
]
# Other offices that CountryInfo also codes as plain GOV (so the one GOV spell might be that office):
# vice president, deputy, minister or secretary of something else, ambassador, party general
# secretary ... Offices coded elsewhere (governor, mayor, senator, congressman, speaker, general)
# do not compete.
AGENT_OTHER = re.compile(
    r"(?:^|_)(VICE|VICE-PRESIDENT|DEPUTY|DEP\.|ASSISTANT|UNDER|AMBASSADOR|AMB\.|ENVOY|"
    r"GENERAL_SECRETARY|SECRETARY_GENERAL|FIRST_SECRETARY|NATIONAL_SECURITY|CHIEF_OF_STAFF|"
    r"ATTORNEY_GENERAL|SECRETARY_OF_(?!STATE)[A-Z]+|MINISTER_OF_(?!FOREIGN)[A-Z]+|"
    r"[A-Z]+_MINISTER(?<!PRIME_MINISTER)(?<!FOREIGN_MINISTER)(?<!AFFAIRS_MINISTER)|"
    r"[A-Z]+_SECRETARY(?<!FOREIGN_SECRETARY)(?<!GENERAL_SECRETARY)|CHANCELLOR_OF|PRESIDENT_OF|"
    r"LORD)_"
)
AGENT_PREFIX_OK = {
    "FORMER",
    "ACTING",
    "INTERIM",
    "THE",
    "US",
    "U.S.",
    "AMERICAN",
    "CHINESE",
    "RUSSIAN",
    "GERMAN",
    "BRITISH",
    "FRENCH",
    "EGYPTIAN",
    "IRANIAN",
    "TURKISH",
    "FEDERAL",
    "ISRAELI",
    "JAPANESE",
    "INDIAN",
    "PAKISTANI",
    "AFGHAN",
    "IRAQI",
    "SYRIAN",
    "UKRAINIAN",
    "GEORGIAN",
    "ARMENIAN",
    "AZERBAIJANI",
    "VENEZUELAN",
}


def agent_label(name: str) -> tuple[Label | None, str]:
    """(label, remaining name) for a name that starts with agent words; (None, name) if none."""
    n = name.strip().strip("_").replace(" ", "_")
    if AGENT_OTHER.search(n + "_"):
        return OTHER, n
    toks = n.split("_")
    for i in range(min(len(toks), 3)):
        if i and toks[i - 1] not in AGENT_PREFIX_OK:
            break
        rest = "_".join(toks[i:])
        for word, lab in AGENT_TARGET:
            if rest == word:
                return None, n
            if rest.startswith(word + "_"):
                acting = "ACTING" in toks[:i] or "INTERIM" in toks[:i]
                return Label(lab.role, lab.title, acting), rest[len(word) + 1 :]
    return None, n


# ----------------------------------------------------------------------------- names

LOWER_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "da",
    "dos",
    "das",
    "du",
    "del",
    "della",
    "zu",
    "bin",
    "ibn",
    "bint",
}
ARTICLES = {"AL", "EL"}  # joined to the next word: AL_BEBLAWI -> al-Beblawi
SUN_ARTICLES = {"AS": "S", "AD": "D", "AN": "N", "AR": "R", "AT": "T", "AZ": "Z", "ASH": "SH"}
ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
SUFFIXES = {"JR": "Jr", "SR": "Sr"}


def _cap(word: str) -> str:
    """Title-case one word of an upper-case name, keeping initials and Mc/Mac/O' forms."""
    if not word:
        return word
    if "-" in word:
        return "-".join(
            _cap(w) if i == 0 or w.upper() not in ARTICLES else w.lower()
            for i, w in enumerate(word.split("-"))
        )
    core = word.rstrip(".,")
    tail = word[len(core) :]
    if ROMAN.match(core):
        return core + tail
    if core in SUFFIXES:
        return SUFFIXES[core] + tail
    low = core.lower()
    if low.startswith("mc") and len(low) > 2:
        return "Mc" + low[2:].capitalize() + tail
    if low.startswith("o'") and len(low) > 2:
        return "O'" + low[2:].capitalize() + tail
    return low.capitalize() + tail


def clean_name(raw: str) -> str:
    """``ILHAM_ALIYEV_`` -> ``Ilham Aliyev``; ``HAZEM_AL_BEBLAWI_`` -> ``Hazem al-Beblawi``."""
    toks = [t for t in re.split(r"[_\s]+", raw.strip().strip("_")) if t]
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if (
            out
            and nxt
            and (t in ARTICLES or (t in SUN_ARTICLES and nxt.startswith(SUN_ARTICLES[t])))
        ):
            out.append(t.lower() + "-" + _cap(nxt))
            i += 2
            continue
        if out and "-" in t and t.split("-")[0] in ARTICLES:
            out.append(_cap(t)[0].lower() + _cap(t)[1:])
            i += 1
            continue
        if out and t.lower() in LOWER_PARTICLES and nxt:
            out.append(t.lower())
        else:
            out.append(_cap(t))
        i += 1
    name = " ".join(out)
    return re.sub(r"\s*,\s*", ", ", name).strip(" ,")


def slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _tokens(name: str) -> set[str]:
    return {t for t in re.split(r"[^A-Z]+", name.upper()) if len(t) >= 3}


def _word_related(word: str, primary: str) -> bool:
    """Is one word of an alias a word (any length) or a fuzzy match of a word of the primary?"""
    w = re.sub(r"[^A-Z]", "", word.upper())
    words = {re.sub(r"[^A-Z]", "", t) for t in re.split(r"[_\s]+", primary.upper())} - {""}
    return w in words or related(word, primary)


def related(alias: str, primary: str) -> bool:
    """Does an alias share a (fuzzily equal) word with the primary name, or abbreviate it?"""
    a, p = _tokens(alias), _tokens(primary)
    for x in a:
        for y in p:
            if x == y or difflib.SequenceMatcher(None, x, y).ratio() >= 0.75:
                return True
    compact = re.sub(r"[^A-Z]", "", alias.upper())
    initials = "".join(w[0] for w in re.split(r"[_\s.]+", primary.upper()) if w)
    return 2 <= len(compact) <= 4 and compact == initials


# Bare one-word aliases (surnames) only from this reviewed list of names that are distinctive
# worldwide (docs/actor-dictionary.md: never a bare common surname). Others - Mansour, Shafik,
# Maliki, Vance, Zardari, Qandil, Sejdiu ... - name more than one public figure and are left out.
DISTINCTIVE_SURNAMES = {
    "AHMADINEJAD",
    "AHMADENIJAD",
    "BEBLAWI",
    "EAGLEBURGER",
    "EISENHOWER",
    "GROMYKO",
    "KHRUSHCHEV",
    "KHRUSCHEV",
    "KISSINGER",
    "MUSHARRAF",
    "REAGAN",
}


def alias_ok(alias: str) -> bool:
    if len(alias.split()) >= 2:
        return True
    w = re.sub(r"[^A-Z]", "", alias.upper())
    return w in DISTINCTIVE_SURNAMES or (2 <= len(w) <= 4 and alias.isupper())


# ----------------------------------------------------------------------------- states


def load_states(records: Path) -> dict[str, list[tuple[date | None, date | None]]]:
    """iso3 -> windows when the code names an independent state.

    ``states_iso_periods.csv`` gives the code by date for states whose code changed (SUN, YUG,
    SCG, DEU ...); for those codes only its windows count. Other codes use ``states.csv`` rows.
    """

    def d(x: str) -> date | None:
        return date.fromisoformat(x) if x else None

    periods: dict[str, list[tuple[date | None, date | None]]] = {}
    with (records / "states_iso_periods.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            periods.setdefault(r["iso3"], []).append((d(r["start"]), d(r["end"])))
    windows: dict[str, list[tuple[date | None, date | None]]] = dict(periods)
    with (records / "states.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["iso3"] and r["iso3"] not in periods:
                windows.setdefault(r["iso3"], []).append((d(r["start"]), d(r["end"])))
    return windows


def within(windows: list[tuple[date | None, date | None]], start: date, end: date) -> bool:
    """Does the spell lie entirely inside one window?"""
    return any((ws or date.min) <= start and end <= (we or date.max) for ws, we in windows)


GRACE_DAYS = 366  # COW system membership can start some months after independence


def state_on(windows: list[tuple[date | None, date | None]], start: date, end: date) -> bool:
    """Does the spell [start, end) overlap a window (window starts moved back by GRACE_DAYS)?"""
    for ws, we in windows:
        lo = date.fromordinal(ws.toordinal() - GRACE_DAYS) if ws else date.min
        if start <= (we or date.max) and end > lo:
            return True
    return False


# ----------------------------------------------------------------------------- conversion

# Phoenix rows that pass every rule but are wrong, found by reading every kept row; keyed by
# (entry name as in the file, CAMEO code, date text). Each has its reason.
KNOWN_ERRORS: dict[tuple[str, str, str], str] = {
    ("FRIEDRICH_EBERT_", "DEUGOV", "730801-731003"): (
        "the entry's comment says 'First president of Germany' (Friedrich Ebert, 1919-1925), but "
        "the spell is his son Friedrich Ebert Jr. acting as East German head of state in 1973"
    ),
    ("NIKITA_KHRUSHCHEV_", "RUSGOV", "19390322-19641116"): (
        "the spell runs from his Politburo membership (1939) to his fall; it is not his "
        "premiership (1958-1964), which the 'PREMIER_' synonym names"
    ),
    ("ANDREY_GROMYKO_", "RUSGOV", "19570214-19880930"): (
        "the spell joins his two offices: Foreign Minister 1957-1985 and Chairman of the "
        "Presidium of the Supreme Soviet (head of state) 1985-1988"
    ),
}

# Dates Phoenix got wrong where the right value is certain: applied before any rule.
# key -> (replacement date text, note for the row)
DATE_REPAIRS: dict[tuple[str, str, str], tuple[str, str]] = {
    ("KAMAL_GANZOURI_", "EGYGOV", "20121207-20120802"): (
        "20111207-20120802",
        "Phoenix writes 20121207-20120802 (start after end); his second premiership began "
        "2011-12-07",
    ),
}

# Kept rows whose start or end Phoenix gives wrongly or as the last day in office (the file's
# end is exclusive): key -> (start or "", end or "", end precision or "", note).
CORRECTIONS: dict[tuple[str, str, str], tuple[str, str, str, str]] = {
    ("HU_JINTAO_", "CHNGOV", "20021115-20130314"): (
        "2003-03-15",
        "",
        "",
        "Phoenix starts the spell on 2002-11-15, when he became the party's General Secretary; "
        "he was elected President on 2003-03-15",
    ),
    ("WEN_JIABAO_", "CHNGOV", "20030316-20130305"): (
        "",
        "2013-03-15",
        "",
        "Phoenix ends the spell on 2013-03-05; Li Keqiang succeeded him on 2013-03-15",
    ),
    ("MOHAMED_MORSI_", "EGYGOV", "121030-130703"): (
        "2012-06-30",
        "",
        "",
        "Phoenix starts the spell on 2012-10-30; he was sworn in on 2012-06-30",
    ),
    ("HESHAM_QANDIL_", "EGYGOV", "20120802-20130603"): (
        "",
        "2013-07-01",
        "month",
        "Phoenix ends the spell on 2013-06-03; his government resigned after the removal of "
        "President Morsi on 2013-07-03 (successor sworn in 2013-07-16)",
    ),
    ("JOHANNES_RAU_", "DEUGOV", "990701-040630"): (
        "",
        "2004-07-01",
        "",
        "Phoenix gives his last day (2004-06-30); the successor took office on 2004-07-01",
    ),
    ("LAWRENCE_EAGLEBURGER_", "USAGOV", "920823-930119"): (
        "",
        "1993-01-20",
        "",
        "Phoenix gives his last day (1993-01-19); the successor took office on 1993-01-20",
    ),
    ("ASIF_ALI_ZARDARI", "PAKGOV", "20080909-20130908"): (
        "",
        "2013-09-09",
        "",
        "Phoenix gives his last day (2013-09-08); the successor took office on 2013-09-09",
    ),
}
# Notes for kept rows (no change of value). Phoenix never marks acting holders except in a few
# comments; every kept spell shorter than 40 days was checked and is noted here.
NOTES: dict[tuple[str, str, str], str] = {
    ("SUFI_ABU_TALEB_", "EGYGOV", "811006-811014"): "acting (Speaker of the People's Assembly)",
    ("PANAGIOTIS_PIKRAMMENOS", "GRCGOV", "20120516-20120620"): "caretaker",
    ("H._FREEMAN_MATTHEWS_", "USAGOV", "530120-530121"): "acting",
    ("LIVINGSTON_T._MERCHANT_", "USAGOV", "610120-610121"): "acting",
    ("CHARLES_E._BOHLEN_", "USAGOV", "690120-690122"): "acting",
    ("KENNETH_RUSH_", "USAGOV", "730903-730922"): "acting",
    ("PHILIP_C._HABIB_", "USAGOV", "770120-770123"): "acting",
    ("SAM_SHARAF_", "EGYGOV", "110303-111121"): (
        "Phoenix ends the spell on the day he resigned; his government stayed as caretaker until "
        "its successor was sworn in on 2011-12-07"
    ),
    ("LAWRENCE_EAGLEBURGER_", "USAGOV", "920823-930119"): (
        "acting Secretary of State until his recess appointment on 1992-12-08"
    ),
    ("FATMIR_SEJDIU_", "KSVGOV", "060210-100927"): (
        "before independence (2008-02-17) President of Kosovo's provisional institutions under "
        "UN administration"
    ),
}

# "President" is the head of state except: in the USA the President is head of state and of
# government (one row each); in Iran after the 1989 constitutional revision the President is the
# head of government and the Supreme Leader the head of state.
PRESIDENT_ROLES: dict[str, list[tuple[date, tuple[str, ...]]]] = {
    "USA": [(date(1789, 4, 30), (HOS, HOG))],
    "IRN": [(date(1980, 2, 4), (HOS,)), (date(1989, 8, 3), (HOG,))],
}


R_SECTOR = "sector code is not GOV (ELI, MIL, OPP, REB ...)"
R_SUBSECTOR = "GOV with a sector block (GOVBUS, GOVLEG, GOVMIL ...): a ministry or other body"
R_SUBSTATE = "sub-state or territory code (e.g. GBRFLKGOV, DNKFROGOV)"
R_NOSTATE = "country prefix is not a state in states.csv"
R_BADDATE = "malformed date"
R_UNDATED = "undated (default code)"
R_OPEN = "open end (>date): still in office when Phoenix was made"
R_NOSTART = "no start (<date)"
R_ORDER = "end not after start"
R_LATE = "end on or after 2015-01-01"
R_OTHER_LABEL = "comment names another office"
R_NOROLE = "role not determinable (no role words)"
R_AMBIG = "role ambiguous (several GOV spells, several roles, or other offices named)"
R_NOTSTATE_THEN = "the code was no independent state on those dates"
R_KNOWN = "known error in Phoenix (see KNOWN_ERRORS)"
R_CENSORED = "start is 2003-01-01, the first day of CountryInfo's cabinet lists, not an entry date"
REASONS = [
    R_SECTOR,
    R_SUBSECTOR,
    R_SUBSTATE,
    R_NOSTATE,
    R_BADDATE,
    R_UNDATED,
    R_OPEN,
    R_NOSTART,
    R_ORDER,
    R_LATE,
    R_OTHER_LABEL,
    R_NOROLE,
    R_AMBIG,
    R_NOTSTATE_THEN,
    R_CENSORED,
    R_KNOWN,
]


def iso3_of(prefix: str) -> str:
    return CAMEO_TO_ISO3.get(prefix, prefix)


def _is_plain_gov(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}GOV", code))


def section_scopes(entries: list[Entry]) -> list[Label | None]:
    """The role label of the section header in force for each entry (None if none).

    A role header (``# Prime Ministers``) holds until a blank line, another comment line or a
    country entry (handled in ``parse``) - and, because CountryInfo's generated cabinet lists often
    follow a hand-written leader list with no break, until the first entry with a sector-coded GOV
    spell starting in 2003 or later (the cabinet lists, which carry sector codes, start in 2003).
    """
    out: list[Label | None] = []
    prev_section, closed = "", False
    for e in entries:
        if e.section != prev_section:
            prev_section, closed = e.section, False
        if not closed and any(
            re.fullmatch(r"[A-Z]{3}GOV[A-Z]{3}", s.code)
            and (w := spell_window(s))[1] is not None
            and w[1] >= date(2003, 1, 1)
            for s in e.spells
        ):
            closed = True
        lab = classify_label(e.section) if e.section and not closed else None
        out.append(lab if lab is not None and lab.role in ROLES else None)
    return out


def _adapt(lab: Label, iso3: str) -> Label:
    """Country-specific validity and title of a role label."""
    title = lab.title
    if lab.role == FM:
        if title == "Secretary of State" and iso3 != "USA":
            return OTHER
        title = {"USA": "Secretary of State", "GBR": "Foreign Secretary"}.get(
            iso3, "Minister of Foreign Affairs"
        )
    elif lab.role == HOG:
        if title == "Chancellor" and iso3 not in {"DEU", "AUT"}:
            return OTHER
        if iso3 == "CHN":
            title = "Premier"
        title = title or "Prime Minister"
    elif lab.role == HOS:
        title = title or ("Chairman of the Council of State" if iso3 == "DDR" else "Head of State")
    return Label(lab.role, title, lab.acting)


class _Counter(Counter[str]):
    """A Counter that also records (reason, entry, spell) when given a log list."""

    def __init__(self, log: list[tuple[str, Entry, Spell]] | None) -> None:
        super().__init__()
        self.log = log

    def __missing__(self, key: str) -> int:
        return 0

    def drop(self, reason: str, e: Entry, sp: Spell) -> None:
        self[reason] += 1
        if self.log is not None:
            self.log.append((reason, e, sp))


@dataclass
class Row:
    entry: Entry
    spell: Spell
    iso3: str
    role: str
    title: str
    start: date
    end: date
    acting: bool


def convert(
    entries: list[Entry],
    windows: dict[str, list[tuple[date | None, date | None]]],
    log: list[tuple[str, Entry, Spell]] | None = None,
) -> tuple[list[Row], Counter[str], int]:
    """Keep the spells that pass every rule; count the others by reason (``log`` lists them)."""
    dropped = _Counter(log)
    rows: list[Row] = []
    n_spells = 0
    for e, sec in zip(entries, section_scopes(entries), strict=True):
        # person-level evidence: entry comment, section header, agent words in the names
        ev: list[Label] = []
        lab = classify_label(e.comment)
        if lab is not None:
            ev.append(lab)
        if sec is not None:
            ev.append(sec)
        acting_names = False
        for nm, cm in zip(e.names, [e.comment, *e.name_comments], strict=False):
            a, _ = agent_label(nm)
            if a is not None:
                ev.append(a)
                if "acting" in cm.lower():
                    acting_names = True
        spell_labels = [classify_label(s.comment) for s in e.spells]
        cands = [
            s
            for s, sl in zip(e.spells, spell_labels, strict=True)
            if _is_plain_gov(s.code) and sl is None
        ]
        for sp, slab in zip(e.spells, spell_labels, strict=True):
            n_spells += 1
            code = sp.code
            if "GOV" not in code:
                dropped.drop(R_SECTOR, e, sp)
                continue
            pre, _, after = code.partition("GOV")
            if after:
                dropped.drop(R_SUBSECTOR, e, sp)
                continue
            if len(pre) != 3:
                dropped.drop(R_SUBSTATE, e, sp)
                continue
            iso3 = iso3_of(pre)
            if pre in NOT_STATES or iso3 not in windows:
                dropped.drop(R_NOSTATE, e, sp)
                continue
            repaired = DATE_REPAIRS.get((e.names[0], code, sp.dates))
            kind, start, end = spell_window(
                Spell(code, repaired[0], sp.comment, sp.line) if repaired else sp
            )
            reason = {
                "bad": R_BADDATE,
                "default": R_UNDATED,
                "from": R_OPEN,
                "until": R_NOSTART,
            }.get(kind)
            if reason:
                dropped.drop(reason, e, sp)
                continue
            assert start is not None and end is not None
            if end <= start:
                dropped.drop(R_ORDER, e, sp)
                continue
            if end >= CUTOFF:
                dropped.drop(R_LATE, e, sp)
                continue
            if slab is not None:
                label = _adapt(slab, iso3)
                acting = slab.acting
            else:
                adapted = [_adapt(x, iso3) for x in ev]
                roles = {x.role for x in adapted if x.role in ROLES}
                if not adapted:
                    dropped.drop(R_NOROLE, e, sp)
                    continue
                if len(cands) != 1 or len(roles) != 1 or any(x.role == "other" for x in adapted):
                    dropped.drop(R_AMBIG, e, sp)
                    continue
                role = roles.pop()
                titles = sorted({x.title for x in adapted if x.role == role})
                label = Label(
                    role, titles[0] if len(titles) == 1 else _adapt(Label(role), iso3).title
                )
                acting = any(x.acting for x in adapted) or acting_names
            if label.role not in ROLES:
                dropped.drop(R_OTHER_LABEL, e, sp)
                continue
            if iso3 == "RUS" and within(windows["SUN"], start, end):
                iso3 = "SUN"  # Phoenix codes the Soviet Union's officials RUS (see its comments)
            if not state_on(windows[iso3], start, end):
                dropped.drop(R_NOTSTATE_THEN, e, sp)
                continue
            if start == CABINET_LISTS_START:
                dropped.drop(R_CENSORED, e, sp)
                continue
            if (e.names[0], code, sp.dates) in KNOWN_ERRORS:
                dropped.drop(R_KNOWN, e, sp)
                continue
            rows.append(Row(e, sp, iso3, label.role, label.title, start, end, acting))
    return rows, dropped, n_spells


# ----------------------------------------------------------------------------- output

# Usual English names where Phoenix's primary phrase is truncated or a less usual form; the
# Phoenix form stays as an alias.
NAME_FIX = {
    "SAM_SHARAF_": "Essam Sharaf",
    "GEORGIOS_ANDREAS_PAPANDREOU_": "George Papandreou",
    "AHMED_MOHAMED_SHAFIK_": "Ahmed Shafik",
    "KAMAL_GANZOURI_": "Kamal el-Ganzouri",
    "GERHARD_SCHRODER_": "Gerhard Schröder",
    "RICHARD_VON_WEIZSACKER_": "Richard von Weizsäcker",
    "FOREIGN_MINISTER_ABDULLAH_": "Abdullah Abdullah",
}
NOT_NAMES = re.compile(r"\b(ADMINISTRATION|GOVERNMENT|REGIME|FAMILY|CABINET)\b")


def person_name(e: Entry) -> str:
    if e.names[0] in NAME_FIX:
        return NAME_FIX[e.names[0]]
    _, rest = agent_label(e.names[0])
    return clean_name(rest)


ASCII_FORMS = [("ö", "oe"), ("ä", "ae"), ("ü", "ue"), ("ö", "o"), ("ä", "a"), ("ü", "u")]


def aliases_of(e: Entry, name: str, others: dict[str, set[int]]) -> list[str]:
    """Synonyms as aliases: title words stripped, unrelated or too common forms left out.

    ``others`` maps each cleaned primary name in the whole file to the entries (by line) that
    carry it: an alias that is another entry's name (``George Bush`` under George W. Bush) is
    ambiguous and left out.
    """
    primary = agent_label(e.names[0])[1]
    seen = {name.casefold()}
    out_ascii = []
    if any(c in name for c in "öäü"):
        for table in (ASCII_FORMS[:3], ASCII_FORMS[3:]):
            form = name
            for x, y in table:
                form = form.replace(x, y)
            out_ascii.append(form)
    out: list[str] = []
    for raw in e.names:
        n = raw.strip().strip("_").replace(" ", "_")
        if NOT_NAMES.search(n.replace("_", " ")):
            continue
        compact = re.sub(r"[^A-Z]", "", n.upper())
        if not (2 <= len(compact) <= 4 and related(n, primary)):
            toks = [t for t in n.split("_") if t]
            # drop leading words (titles, demonyms) that match no word of the primary name
            while toks and not _word_related(toks[0], primary):
                toks.pop(0)
            n = "_".join(toks)
            if not n or not related(n, primary):
                continue
        a = n.upper() if len(compact) <= 4 and n.isupper() and "_" not in n else clean_name(n)
        if not alias_ok(a) or a.casefold() in seen:
            continue
        if others.get(a.casefold(), set()) - {e.line}:
            continue
        seen.add(a.casefold())
        out.append(a)
    for a in out_ascii:
        if a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    return sorted(out, key=str.casefold)


def _precision(d: date, raw_is_jan1: bool) -> str:
    return "year" if raw_is_jan1 and d.month == 1 and d.day == 1 else "day"


def primary_names(entries: list[Entry]) -> dict[str, set[int]]:
    """Cleaned primary name (case-folded) -> lines of the entries that carry it."""
    out: dict[str, set[int]] = {}
    for e in entries:
        if e.names and e.names[0]:
            out.setdefault(clean_name(agent_label(e.names[0])[1]).casefold(), set()).add(e.line)
    return out


def to_records(rows: list[Row], others: dict[str, set[int]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for r in rows:
        key = (r.entry.names[0], r.spell.code, r.spell.dates)
        name = person_name(r.entry)
        aliases = aliases_of(r.entry, name, others)
        if r.entry.names[0] in NAME_FIX:
            phoenix_form = clean_name(agent_label(r.entry.names[0])[1])
            if phoenix_form.casefold() not in {a.casefold() for a in aliases} | {name.casefold()}:
                aliases = sorted([*aliases, phoenix_form], key=str.casefold)
        start, end = r.start, r.end
        start_p = _precision(start, True)
        end_p = _precision(end, True)
        notes: list[str] = []
        if key in DATE_REPAIRS:
            notes.append(DATE_REPAIRS[key][1])
        if key in CORRECTIONS:
            cs, ce, cp, cn = CORRECTIONS[key]
            start = date.fromisoformat(cs) if cs else start
            end = date.fromisoformat(ce) if ce else end
            end_p = cp or end_p
            notes.append(cn)
        if key in NOTES:
            notes.append(NOTES[key])
        if r.acting:
            notes.insert(0, "acting")
        roles: tuple[str, ...] = (r.role,)
        if r.title == "President" and r.iso3 in PRESIDENT_ROLES:
            for since, rs in PRESIDENT_ROLES[r.iso3]:
                if start >= since:
                    roles = rs
        for role in roles:
            out.append(
                {
                    "person": slug(name),
                    "name": name,
                    "aliases": "|".join(aliases),
                    "iso3": r.iso3,
                    "role": role,
                    "title": r.title,
                    "start": start.isoformat(),
                    "start_precision": start_p,
                    "end": end.isoformat(),
                    "end_precision": end_p,
                    "source": SOURCE_TEXT.format(line=r.spell.line),
                    "note": "; ".join(notes),
                }
            )
    # one name per id: a second person with the same slug gets the state code appended
    names: dict[str, str] = {}
    for rec in sorted(out, key=lambda x: (x["person"], x["start"], x["iso3"])):
        pid = rec["person"]
        if names.setdefault(pid, rec["name"]) != rec["name"]:
            rec["person"] = f"{pid}-{rec['iso3'].lower()}"
    out.sort(key=lambda x: (x["iso3"], x["role"], x["start"], x["person"], x["end"]))
    return out


def write_csv(records: list[dict[str, str]], path: Path) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--records", type=Path, default=RECORDS, help="folder with states.csv")
    ap.add_argument(
        "--list-dropped",
        metavar="REASON",
        default="",
        help="also print the dropped spells whose reason contains REASON",
    )
    args = ap.parse_args(argv)
    path = args.source / FILE
    if not path.exists():
        print(f"error: {path} not found", file=sys.stderr)
        return 1
    entries = parse(path)
    log: list[tuple[str, Entry, Spell]] = []
    rows, dropped, n_spells = convert(entries, load_states(args.records), log)
    records = to_records(rows, primary_names(entries))
    write_csv(records, args.out)
    print(f"entries read: {len(entries)}")
    print(f"dated codes (spells) read: {n_spells}")
    print(f"spells kept: {len(rows)} -> rows written: {len(records)} ({args.out})")
    print(f"spells dropped: {sum(dropped.values())}")
    for reason in REASONS:
        print(f"  {dropped[reason]:6d}  {reason}")
    if args.list_dropped:
        for reason, e, sp in log:
            if args.list_dropped in reason:
                print(f"  [{reason}] {e.names[0]} {sp.code} {sp.dates} # {sp.comment}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
