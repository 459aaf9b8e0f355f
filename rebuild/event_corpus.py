"""Generate ``nonaligned/text/training/events_corpus.jsonl``: the project's own training corpus for a
learned event coder (issue 12, design item 1), version ``corpus-1``.

Every passage is written by hand-made template families, one set per CAMEO root (01-20) plus the
statement codes (01x), from the CAMEO code names and definitions (``cameo_plover.csv``; the
codebook's ``code``/``name``/``description``/``usage_notes`` columns were consulted, its
``example`` column never) in the project's own words. Slots are filled with real actors from the
project's actor tables (states, capitals, government seats, heads of state and government and
foreign ministers in office on the article date, IGOs and a small hand-written table of IGO heads),
so every label (source, target, CAMEO code, PLOVER type, status, date) is known by construction and
every character offset is exact.

Families (``family`` = ``<phenomenon>.<root>``): active, statement, passive, apposition, reported,
hypothetical, intended, negated, pronoun, two_events, agents, officials, igo, past, and the
no-event families ``negative.trigger`` and ``negative.background``. The split (``train``/``dev``,
~15 % dev) is a hash of the family and the template (family + entry + surface form), so
near-duplicates of one template never straddle the split.

Run: ``.venv/bin/python rebuild/event_corpus.py [--out DIR] [--n 7000] [--seed 12]``.
Deterministic: same seed and n -> same bytes (no clock, no set iteration, no hash randomisation).
No dependency beyond the standard library. Nothing under ``../shared`` is read.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import re
from pathlib import Path
from typing import ClassVar

VERSION = "corpus-1"
ROOT = Path(__file__).resolve().parents[1]
TEXT_DATA = ROOT / "nonaligned" / "text" / "data"
STATES_CSV = ROOT / "nonaligned" / "records" / "data" / "states.csv"
DEFAULT_OUT = ROOT / "nonaligned" / "text" / "training"
DEFAULT_N = 7000
DEFAULT_SEED = 12
DEV_PERCENT = 15

# ---------------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------------

# iso3: (names used in text, demonym, capital as written in news, surname-safe)
STATES: dict[str, tuple[list[str], str, str, bool]] = {
    "USA": (["the United States", "the US", "Washington"], "US", "Washington", True),
    "RUS": (["Russia"], "Russian", "Moscow", True),
    "CHN": (["China"], "Chinese", "Beijing", False),
    "GBR": (["Britain", "the United Kingdom", "the UK"], "British", "London", True),
    "FRA": (["France"], "French", "Paris", True),
    "DEU": (["Germany"], "German", "Berlin", True),
    "TUR": (["Turkey", "Türkiye"], "Turkish", "Ankara", True),
    "AZE": (["Azerbaijan"], "Azerbaijani", "Baku", True),
    "ARM": (["Armenia"], "Armenian", "Yerevan", True),
    "GEO": (["Georgia"], "Georgian", "Tbilisi", True),
    "UKR": (["Ukraine"], "Ukrainian", "Kyiv", True),
    "IRN": (["Iran"], "Iranian", "Tehran", True),
    "IRQ": (["Iraq"], "Iraqi", "Baghdad", True),
    "SYR": (["Syria"], "Syrian", "Damascus", False),
    "ISR": (["Israel"], "Israeli", "Jerusalem", True),
    "SAU": (["Saudi Arabia"], "Saudi", "Riyadh", False),
    "EGY": (["Egypt"], "Egyptian", "Cairo", False),
    "IND": (["India"], "Indian", "New Delhi", True),
    "PAK": (["Pakistan"], "Pakistani", "Islamabad", False),
    "AFG": (["Afghanistan"], "Afghan", "Kabul", False),
    "JPN": (["Japan"], "Japanese", "Tokyo", True),
    "KOR": (["South Korea"], "South Korean", "Seoul", False),
    "PRK": (["North Korea"], "North Korean", "Pyongyang", False),
    "ITA": (["Italy"], "Italian", "Rome", True),
    "ESP": (["Spain"], "Spanish", "Madrid", False),
    "POL": (["Poland"], "Polish", "Warsaw", True),
    "KAZ": (["Kazakhstan"], "Kazakh", "Astana", True),
    "UZB": (["Uzbekistan"], "Uzbek", "Tashkent", True),
    "QAT": (["Qatar"], "Qatari", "Doha", False),
    "ARE": (["the United Arab Emirates", "the UAE"], "Emirati", "Abu Dhabi", False),
    "JOR": (["Jordan"], "Jordanian", "Amman", False),
    "LBN": (["Lebanon"], "Lebanese", "Beirut", False),
    "ETH": (["Ethiopia"], "Ethiopian", "Addis Ababa", False),
    "KEN": (["Kenya"], "Kenyan", "Nairobi", True),
    "NGA": (["Nigeria"], "Nigerian", "Abuja", False),
    "ZAF": (["South Africa"], "South African", "Pretoria", True),
    "SDN": (["Sudan"], "Sudanese", "Khartoum", False),
    "BRA": (["Brazil"], "Brazilian", "Brasilia", False),
    "MEX": (["Mexico"], "Mexican", "Mexico City", False),
    "VEN": (["Venezuela"], "Venezuelan", "Caracas", False),
    "CAN": (["Canada"], "Canadian", "Ottawa", True),
    "AUS": (["Australia"], "Australian", "Canberra", True),
    "IDN": (["Indonesia"], "Indonesian", "Jakarta", False),
    "VNM": (["Vietnam"], "Vietnamese", "Hanoi", False),
    "PHL": (["the Philippines"], "Philippine", "Manila", False),
    "BLR": (["Belarus"], "Belarusian", "Minsk", True),
    "HUN": (["Hungary"], "Hungarian", "Budapest", True),
    "SRB": (["Serbia"], "Serbian", "Belgrade", True),
    "GRC": (["Greece"], "Greek", "Athens", True),
    "FIN": (["Finland"], "Finnish", "Helsinki", True),
}
# states that can host protests/violence in the agent families (domestic events)
UNREST = [
    "UKR",
    "GEO",
    "ARM",
    "IRQ",
    "SYR",
    "AFG",
    "PAK",
    "NGA",
    "KEN",
    "ETH",
    "SDN",
    "VEN",
    "BLR",
    "IRN",
    "LBN",
    "EGY",
    "MMR_",
    "PHL",
    "IND",
    "TUR",
    "FRA",
    "SRB",
    "IDN",
    "COL_",
]
UNREST = [u for u in UNREST if u in STATES]

# IGOs used as actors: (code, forms)
IGOS: list[tuple[str, list[str]]] = [
    ("UN", ["the United Nations", "the UN"]),
    ("NATO", ["NATO", "the North Atlantic Alliance"]),
    ("EU", ["the European Union", "the EU"]),
    ("CE", ["the European Commission"]),
    ("AU", ["the African Union"]),
    ("OSCE", ["the OSCE", "the Organization for Security and Co-operation in Europe"]),
    ("IAEA", ["the IAEA", "the International Atomic Energy Agency"]),
    ("ARL", ["the Arab League"]),
    ("ASEAN", ["ASEAN"]),
    ("IMF", ["the IMF", "the International Monetary Fund"]),
    ("WB", ["the World Bank"]),
    ("UNSC", ["the UN Security Council", "the Security Council"]),
    ("OIC", ["the Organisation of Islamic Cooperation"]),
    ("CSTO", ["the CSTO", "the Collective Security Treaty Organization"]),
    ("GCC", ["the Gulf Cooperation Council"]),
    ("UNHCR", ["the UN refugee agency", "UNHCR"]),
    ("ICC", ["the International Criminal Court"]),
    ("SCO", ["the Shanghai Cooperation Organisation"]),
    ("WHO", ["the World Health Organization"]),
]
# IGO heads: not in the project's office-holder tables (which hold states only); written here from
# general knowledge, dated so that the head is in office on the article date.
# (code, name, surname, [titles as apposition/prefix], start, end, pronoun)
IGO_HEADS = [
    (
        "UN",
        "Ban Ki-moon",
        "Ban",
        ["UN Secretary-General", "the UN Secretary-General", "the UN chief"],
        "2007-01-01",
        "2016-12-31",
        "he",
    ),
    (
        "UN",
        "António Guterres",
        "Guterres",
        ["UN Secretary-General", "the UN Secretary-General", "the UN chief"],
        "2017-01-01",
        "",
        "he",
    ),
    (
        "NATO",
        "Jens Stoltenberg",
        "Stoltenberg",
        [
            "NATO Secretary General",
            "the NATO Secretary General",
            "the alliance's secretary general",
        ],
        "2014-10-01",
        "2024-09-30",
        "he",
    ),
    (
        "NATO",
        "Mark Rutte",
        "Rutte",
        [
            "NATO Secretary General",
            "the NATO Secretary General",
            "the alliance's secretary general",
        ],
        "2024-10-01",
        "",
        "he",
    ),
    (
        "CE",
        "Jean-Claude Juncker",
        "Juncker",
        ["European Commission President", "the president of the European Commission"],
        "2014-11-01",
        "2019-11-30",
        "he",
    ),
    (
        "CE",
        "Ursula von der Leyen",
        "von der Leyen",
        ["European Commission President", "the president of the European Commission"],
        "2019-12-01",
        "",
        "she",
    ),
    (
        "EEAS",
        "Federica Mogherini",
        "Mogherini",
        ["EU foreign policy chief", "the EU's foreign policy chief"],
        "2014-11-01",
        "2019-11-30",
        "she",
    ),
    (
        "EEAS",
        "Josep Borrell",
        "Borrell",
        ["EU foreign policy chief", "the EU's foreign policy chief"],
        "2019-12-01",
        "2024-11-30",
        "he",
    ),
    (
        "EEAS",
        "Kaja Kallas",
        "Kallas",
        ["EU foreign policy chief", "the EU's foreign policy chief"],
        "2024-12-01",
        "",
        "she",
    ),
    (
        "IAEA",
        "Yukiya Amano",
        "Amano",
        ["IAEA Director General", "the head of the IAEA"],
        "2009-12-01",
        "2019-07-18",
        "he",
    ),
    (
        "IAEA",
        "Rafael Grossi",
        "Grossi",
        ["IAEA Director General", "the head of the IAEA", "the UN nuclear watchdog's chief"],
        "2019-12-03",
        "",
        "he",
    ),
    (
        "IMF",
        "Christine Lagarde",
        "Lagarde",
        ["IMF Managing Director", "the head of the IMF"],
        "2011-07-05",
        "2019-09-12",
        "she",
    ),
    (
        "IMF",
        "Kristalina Georgieva",
        "Georgieva",
        ["IMF Managing Director", "the head of the IMF"],
        "2019-10-01",
        "",
        "she",
    ),
    (
        "WHO",
        "Tedros Adhanom Ghebreyesus",
        "Tedros",
        ["WHO Director-General", "the head of the World Health Organization"],
        "2017-07-01",
        "",
        "he",
    ),
    (
        "AU",
        "Moussa Faki",
        "Faki",
        ["African Union Commission chairperson", "the head of the African Union Commission"],
        "2017-03-14",
        "2025-02-28",
        "he",
    ),
    (
        "ARL",
        "Ahmed Aboul Gheit",
        "Aboul Gheit",
        ["Arab League Secretary-General", "the head of the Arab League"],
        "2016-07-01",
        "",
        "he",
    ),
    (
        "UNHCR",
        "Filippo Grandi",
        "Grandi",
        ["UN High Commissioner for Refugees", "the UN refugee chief"],
        "2016-01-01",
        "2025-12-31",
        "he",
    ),
]
# pronouns for office holders, only where known to the writer; others get a definite description
PRONOUNS = {
    "he": [
        "Ilham Aliyev",
        "Vladimir Putin",
        "Sergey Lavrov",
        "Recep Tayyip Erdoğan",
        "Mevlüt Çavuşoğlu",
        "Hakan Fidan",
        "Jeyhun Bayramov",
        "Elmar Mammadyarov",
        "Nikol Pashinyan",
        "Ararat Mirzoyan",
        "Barack Obama",
        "Donald Trump",
        "Joe Biden",
        "John Kerry",
        "Rex Tillerson",
        "Mike Pompeo",
        "Antony Blinken",
        "Marco Rubio",
        "Emmanuel Macron",
        "Jean-Yves Le Drian",
        "Olaf Scholz",
        "Heiko Maas",
        "Frank-Walter Steinmeier",
        "Volodymyr Zelensky",
        "Volodymyr Zelenskyy",
        "Petro Poroshenko",
        "Dmytro Kuleba",
        "Andrii Sybiha",
        "Pavlo Klimkin",
        "Hassan Rouhani",
        "Mohammad Javad Zarif",
        "Ebrahim Raisi",
        "Hossein Amir-Abdollahian",
        "Abbas Araghchi",
        "Masoud Pezeshkian",
        "Narendra Modi",
        "Subrahmanyam Jaishankar",
        "Benjamin Netanyahu",
        "Naftali Bennett",
        "Yair Lapid",
        "Boris Johnson",
        "Keir Starmer",
        "Rishi Sunak",
        "David Cameron",
        "David Lammy",
        "Dominic Raab",
        "Jeremy Hunt",
        "James Cleverly",
        "Philip Hammond",
        "Kassym-Jomart Tokayev",
        "Shavkat Mirziyoyev",
        "Alexander Lukashenko",
        "Viktor Orbán",
        "Aleksandar Vučić",
        "Justin Trudeau",
        "Shinzo Abe",
        "Fumio Kishida",
        "Yoshihide Suga",
        "Andrzej Duda",
        "Mateusz Morawiecki",
        "Donald Tusk",
        "Radosław Sikorski",
        "Emmanuel Macron",
        "Sauli Niinistö",
        "Alexander Stubb",
        "Cyril Ramaphosa",
        "Uhuru Kenyatta",
        "William Ruto",
        "Abiy Ahmed",
        "Irakli Kobakhidze",
        "Irakli Garibashvili",
    ],
    "she": [
        "Theresa May",
        "Liz Truss",
        "Yvette Cooper",
        "Angela Merkel",
        "Annalena Baerbock",
        "Catherine Colonna",
        "Giorgia Meloni",
        "Mélanie Joly",
        "Chrystia Freeland",
        "Julie Bishop",
        "Marise Payne",
        "Penny Wong",
        "Sushma Swaraj",
        "Salome Zourabichvili",
        "Yoko Kamikawa",
        "Sanna Marin",
        "Elina Valtonen",
        "Kaja Kallas",
        "Ursula von der Leyen",
        "Federica Mogherini",
        "Kristalina Georgieva",
        "Christine Lagarde",
        "Naledi Pandor",
    ],
}
PRONOUN_OF = {n: p for p, ns in PRONOUNS.items() for n in ns}

GOV_SEATS = {
    "Kremlin": "RUS",
    "White House": "USA",
    "Downing Street": "GBR",
    "Élysée": "FRA",
    "Pentagon": "USA",
    "Chancellery": "DEU",
}

# plural surface word -> agent lemma of event_agents.csv
AGENT_WORDS = {
    "troops": "troop",
    "soldiers": "soldier",
    "forces": "force",
    "police": "police",
    "riot police": "police",
    "gunmen": "gunmen",
    "militants": "militant",
    "rebels": "rebel",
    "insurgents": "insurgent",
    "protesters": "protester",
    "demonstrators": "demonstrator",
    "journalists": "journalist",
    "diplomats": "diplomat",
    "activists": "activist",
    "warplanes": "warplane",
    "jets": "jet",
    "officials": "official",
    "authorities": "authority",
    "workers": "worker",
    "students": "student",
    "farmers": "farmer",
    "refugees": "refugee",
    "opposition activists": "activist",
    "villagers": "villager",
    "civilians": "civilian",
    "peacekeepers": "peacekeeper",
    "army": "army",
    "navy": "navy",
    "separatists": "separatist",
    "government": "government",
    "military": "military",
    "ambassador": "ambassador",
    "envoy": "envoy",
    "spokesperson": "spokesperson",
    "spokesman": "spokesman",
    "spokeswoman": "spokeswoman",
    "deputy foreign minister": "minister",
    "ministry": "ministry",
    "foreign ministry": "ministry",
    "defence ministry": "ministry",
    "official": "official",
    "senior official": "official",
    "lawmakers": "lawmaker",
    "separatist fighters": "fighter",
    "fighters": "fighter",
    "residents": "resident",
    "judges": "judge",
    "court": "court",
    "prosecutors": "prosecutor",
    "parliament": "parliament",
    "cabinet": "cabinet",
}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_tables() -> dict:
    cameo = {r["cameo"]: r for r in _read_csv(TEXT_DATA / "cameo_plover.csv")}
    sectors = {r["lemma"]: r["sector"] for r in _read_csv(TEXT_DATA / "event_agents.csv")}
    igo_codes = {r["code"] for r in _read_csv(TEXT_DATA / "igo_actors.csv")}
    states = {r["iso3"]: r for r in _read_csv(STATES_CSV)}
    holders: dict[str, list[dict[str, str]]] = {}
    for path in sorted(TEXT_DATA.glob("office_holders_*.csv")):
        for r in _read_csv(path):
            if (
                r.get("iso3") not in STATES
            ):  # office_holders_igo.csv has no iso3 (IGO heads: IGO_HEADS)
                continue
            if r["role"] == "head_of_state" and not (
                r["title"] in ("President", "Emir")
                or (r["title"] == "King" and r["iso3"] in ("SAU", "JOR"))
            ):
                continue  # constitutional monarchs, regents: not foreign-policy agents in these templates
            if "acting" in r["title"].lower() or "transitional" in r["title"].lower():
                continue
            start = dt.date.fromisoformat(r["start"][:10]) if len(r["start"]) >= 10 else None
            end = (
                dt.date.fromisoformat(r["end"][:10]) if len(r["end"]) >= 10 else dt.date(2100, 1, 1)
            )
            if start is None or (end - start).days < 90:
                continue
            holders.setdefault(r["iso3"], []).append({**r, "_start": start, "_end": end})
    for iso in STATES:
        assert iso in states, iso
    for code, _ in IGOS:
        assert code in igo_codes, code
    return {"cameo": cameo, "sectors": sectors, "igo_codes": igo_codes, "holders": holders}


ROLE_WORD = {
    "head_of_state": "president",
    "head_of_government": "prime minister",
    "foreign_minister": "foreign minister",
}


def person_titles(h: dict[str, str]) -> tuple[str, str]:
    """(prefix title, lower-case role noun) for an office holder."""
    iso, role, title = h["iso3"], h["role"], h["title"]
    if role == "foreign_minister":
        if iso == "USA":
            return "Secretary of State", "secretary of state"
        if iso == "GBR":
            return "Foreign Secretary", "foreign secretary"
        return "Foreign Minister", "foreign minister"
    if role == "head_of_state":
        if title in ("King", "Emir"):
            return title, title.lower()
        return "President", "president"
    if title in ("Chancellor", "Federal Chancellor"):
        return "Chancellor", "chancellor"
    if title == "Premier":
        return "Premier", "premier"
    return "Prime Minister", "prime minister"


# ---------------------------------------------------------------------------------------------
# Event lexicon: code | past VP | base VP | passive clause | flags
#   slots: {T} target actor, {TS} target state name, {P} target place (capital or state),
#          {TD:word} target demonym + agent/other noun ("Iranian journalists"), {X} free topic
#   [a|b] = pick one.  flags: i = IGO may be source, I = IGO may be target, s = state/gov only
#   (no person as source), n = no intended/negated/hypothetical forms
# ---------------------------------------------------------------------------------------------

LEXICON = r"""
010|[said|stated] that [the talks had been constructive|its position on the issue had not changed|the situation on the ground remained calm|the region needed lasting stability|the coming months would be decisive]|say that its position on the issue had not changed||in
010|[issued|released] a statement on the [situation in the region|upcoming elections|energy market]|issue a statement on the situation in the region||in
010|told reporters that the [issue would be discussed at the next summit|government was following developments closely]|tell reporters that the government was following developments closely||in
011|declined to comment on [the reports|the allegations|the matter|the negotiations]|||in
011|[would not|did not] comment on [the report|the claims|the incident]|||in
012|[said|warned] that prospects for a settlement were [bleak|dim|poor]|||in
012|voiced pessimism about the [negotiations|peace process|economic outlook]|||in
013|said [it was|he was|officials were] optimistic about the [talks|peace process|relationship]|||in
013|expressed hope that [relations with {T}|ties with {T}] would improve|||in
014|said it was [considering|weighing|studying] [a ban on imports|new visa rules|closing the border crossings|its options]|consider its options||
015|[admitted|acknowledged] responsibility for the [incident|border clash|shooting down of the aircraft]|||
015|claimed responsibility for the [raid|operation]|||s
016|denied [any involvement in|responsibility for] the [attack|explosion|cyberattack|incident]|deny any involvement in the incident||i
016|rejected accusations that it was behind the [attack|unrest|hacking]|||s
017|laid a wreath at the [memorial|tomb of the unknown soldier]|lay a wreath at the memorial||
017|observed a minute of silence for the victims|||
018|[offered|sent|expressed] condolences to {T} after the [earthquake|floods|attack|plane crash]|send condolences to {T}||iI
018|expressed [sympathy|solidarity] with {T} over the [disaster|wildfires|deadly blast]|||iI
019|said it shared {T}'s [view|position] on the [crisis|conflict|issue]|||
019|[voiced|expressed] agreement with {T} on the need for [stability|restraint|dialogue]|||I
020|[appealed to|made an appeal to] {T} [over the crisis|on the issue]|appeal to {T}|{T} was urged by {S} to act|iI
020|asked {T} for [help|support] with the [crisis|investigation]|ask {T} for help||iI
021|urged {T} to [cooperate more closely|expand cooperation]|urge {T} to cooperate more closely||iI
0211|urged {T} to [expand trade ties|open its market|increase investment]|urge {T} to expand trade ties|{T} was urged by {S} to expand trade ties|i
0212|called on {T} to [deepen defence cooperation|join joint military exercises]|call on {T} to deepen defence cooperation||
0213|asked {T} to [cooperate in the investigation|hand over the suspects|extradite the suspect]|ask {T} to extradite the suspect||i
0214|asked {T} to share intelligence on [the attack|the militants|the plot]|ask {T} to share intelligence||
022|urged {T} to [back|support] its [bid for a seat on the Security Council|candidacy|position]|urge {T} to support its bid||
023|appealed to {T} for [aid|assistance]|appeal to {T} for aid||I
0231|asked {T} for [a loan|financial assistance|budget support|emergency funding]|ask {T} for financial assistance||I
0232|[requested|sought] [military assistance|air-defence systems|weapons] from {T}|request military assistance from {T}||
0233|appealed to {T} for humanitarian [aid|assistance|supplies]|appeal to {T} for humanitarian aid||iI
0234|asked {T} to [send peacekeepers|deploy peacekeepers|provide military protection]|ask {T} to send peacekeepers||I
024|urged {T} to [carry out|pursue] political reforms|urge {T} to carry out political reforms||iI
0241|called on {TS}'s [leader|president] to step down|call on {TS}'s leader to step down||i
0242|urged {T} to [change its policy on|reconsider its stance on] [migration|the dispute|energy prices]|urge {T} to reconsider its stance||iI
0243|called on {T} to [respect press freedom|guarantee the rights of minorities|respect human rights]|call on {T} to respect human rights||i
0244|urged {T} to [rewrite its constitution|hold free elections|reform its electoral system]|urge {T} to hold free elections||i
025|urged {T} to [back down|make concessions]|urge {T} to back down||i
0251|urged {T} to lift the [state of emergency|curfew|travel restrictions]|urge {T} to lift the state of emergency||i
0252|called on {T} to [ease its crackdown on dissent|stop harassing opposition groups]|||i
0253|called on {T} to [free|release] the detained [journalists|sailors|activists]|call on {T} to release the detained sailors|{T} was urged by {S} to free the detained sailors|i
0254|urged {T} to lift [sanctions|the embargo|trade restrictions]|urge {T} to lift sanctions||iI
0255|called on {T} to allow [UN monitors|international observers|IAEA inspectors] into the country|call on {T} to allow international observers||i
0256|urged {T} to [pull back its troops|show restraint|de-escalate|halt the fighting]|urge {T} to show restraint|{T} was urged by {S} to show restraint|i
026|[urged|called on] {T} to [return to the negotiating table|resume talks|open talks]|urge {T} to resume talks||i
027|urged {T} to [resolve|settle] the [dispute|border dispute] peacefully|urge {T} to settle the dispute peacefully||i
028|called on {T} to accept [mediation|international mediation]|call on {T} to accept mediation||i
030|[said it was ready|pledged] to work with {T}|||iI
030|[promised|vowed] to [strengthen|deepen] [ties|relations] with {T}|||I
031|pledged to expand [cooperation|practical cooperation] with {T}|||I
0311|[promised|pledged] to boost [trade|investment|energy cooperation] with {T}|||I
0312|pledged closer [military|defence] cooperation with {T}|||
0313|agreed to cooperate with {T} on [judicial matters|extradition cases]|||
0314|offered to share intelligence with {T}|||
032|vowed to [support|back] {T}'s [bid|candidacy|position] [at the UN|in the dispute]|||I
033|pledged [aid|assistance|support] to {T}|||iI
0331|pledged [a loan of $500 million|$2 billion in loans|financial assistance|budget support] to {T}|||iI
0332|promised to [send|supply|deliver] [weapons|air-defence systems|armoured vehicles|ammunition] to {T}|||
0333|pledged humanitarian [aid|assistance|supplies] to {T}|||iI
0334|offered to send [peacekeepers|troops] to protect {T}|||i
034|promised [political reforms|to reform the electoral system|constitutional reform]|||
0341|said [the leadership|the cabinet] would [step down|resign] after the elections|||
0342|promised to [change|revise] its [migration policy|energy policy|stance on the dispute]|||
0343|pledged to [guarantee|protect] the rights of [minorities|journalists]|||
035|[signalled|said it was ready] to [compromise|make concessions] [with|to] {T}|||
0351|said it would ease restrictions on {TD:nationals}|||
0353|offered to release the detained {TD:sailors}|||
0354|said it was ready to ease sanctions on {T}|||i
0356|[promised|pledged] to pull back its troops from the border with {TS}|||
036|[said it was ready|offered|proposed] to [meet|hold talks with] {T}|||iI
036|expressed willingness to [negotiate|hold talks] with {T}|||iI
037|offered to [settle|resolve] the dispute with {T}|||
038|agreed to accept mediation by {T}|||I
039|offered to mediate between {T} and {T2}|||i
040|met {T}|meet {T}|{T} was met by {S}|iI
040|held a meeting with {T}|hold a meeting with {T}||iI
040|[consulted|conferred] with {T} [on the crisis|on regional security]|consult with {T}||iI
041|[spoke by phone with|held a telephone conversation with|phoned] {T}|speak by phone with {T}||iI
041|[discussed|talked about] [bilateral ties|the crisis] with {T} in a phone call|discuss the crisis with {T} by phone||iI
042|visited {P}|visit {P}|{P} was visited by {S}|i
042|[arrived in|travelled to|flew to] {P} [on an official visit|for a two-day visit|on a state visit]|travel to {P}||i
042|[paid a visit|made an official visit] to {P}|pay a visit to {P}||i
043|[hosted|received] {T} [in {HOME}|at the presidential palace]|host {T}|{T} was received by {S}|
043|welcomed {T} to {HOME}|welcome {T} to {HOME}||
044|met {T} [in Geneva|in Vienna|on the sidelines of the summit in New York|in Brussels]|meet {T} in Geneva||I
045|[mediated|brokered] talks between {T} and {T2}|mediate talks between {T} and {T2}||i
045|acted as a mediator between {T} and {T2}|||i
046|held talks with {T} [on trade|on the border dispute|on energy|on security]|hold talks with {T}||iI
046|[negotiated|bargained] with {T} over [a new trade deal|gas prices|the border]|negotiate with {T}||iI
050|[coordinated its position|worked together] with {T} at the UN [on the resolution|on the crisis]|coordinate its position with {T}||I
051|praised {T} [for its role in the talks|for its efforts|for its support]|praise {T}|{T} was praised by {S}|iI
051|[welcomed|endorsed|hailed] {T}'s [proposal|decision|initiative]|welcome {T}'s proposal||iI
052|defended {T} against [criticism|the accusations|Western criticism]|defend {T}||I
053|rallied support for {T} [at the summit|among its allies]|rally support for {T}||i
054|[recognised|formally recognised] {T}'s [independence|sovereignty|new government]|recognise {T}'s independence||
054|[established|restored] diplomatic relations with {T}|establish diplomatic relations with {T}||
055|apologised to {T} for the [incident|remarks|violation of its airspace]|apologise to {T}||
056|said it [forgave|had forgiven] {T} for the [incident|remarks]|||
057|signed [a trade agreement|a memorandum of understanding|a defence pact|a treaty|an energy deal] with {T}|sign a trade agreement with {T}|a memorandum of understanding was signed by {S} and {T}|iI
057|[concluded|finalised] [an agreement|a deal] with {T} on [gas supplies|visa-free travel|border demarcation]|conclude an agreement with {T}||I
060|[cooperated|worked] with {T} on [the construction of a railway|a joint energy project]|cooperate with {T} on the project||
061|launched a joint investment fund with {T}|launch a joint investment fund with {T}||
061|[opened|began] a joint [pipeline|power plant|port] project with {T}|open a joint pipeline project with {T}||
062|held joint military exercises with {T}|hold joint military exercises with {T}||s
062|[conducted|staged] joint naval drills with {T}|conduct joint naval drills with {T}||s
063|extradited a [suspect|fugitive businessman|former official] to {T}|extradite a suspect to {T}|a suspect was extradited to {T} by {S}|s
064|shared intelligence with {T} on [the plot|the militants|the attack]|share intelligence with {T}||s
070|provided aid to {T}|provide aid to {T}|aid was provided to {T} by {S}|i
071|[granted|gave|extended] [a $500 million loan|a $1.2 billion credit line|budget support|financial assistance] to {T}|grant a loan to {T}|{T} was granted a loan by {S}|i
072|[delivered|supplied|sent] [weapons|air-defence systems|tanks|artillery shells] to {T}|supply weapons to {T}|weapons were delivered to {T} by {S}|s
073|[sent|delivered|dispatched] [humanitarian aid|food and medicine|tents and blankets] to {T}|send humanitarian aid to {T}|humanitarian aid was delivered to {T} by {S}|i
074|deployed peacekeepers to {P}|deploy peacekeepers to {P}|peacekeepers were deployed to {P} by {S}|si
075|granted asylum to {TD:refugees}|grant asylum to {TD:refugees}||s
075|granted asylum to {TD:opposition activists}|grant asylum to {TD:opposition activists}||s
080|backed down in its dispute with {T}|back down in its dispute with {T}||
081|lifted restrictions on {TD:diplomats}|lift restrictions on {TD:diplomats}||s
0811|eased restrictions on [the media|public gatherings] in the [capital|country]|ease restrictions on the media||s
0812|lifted a ban on [opposition parties|the main opposition party]|lift the ban on opposition parties||s
0813|lifted the [night-time|overnight] curfew in {HOME}|lift the curfew in {HOME}||s
0814|ended the state of emergency|end the state of emergency||s
082|[released|pardoned] jailed [opposition leaders|protesters]|release jailed protesters||s
0832|[agreed to|gave in to] {T}'s demands to change its [policy|stance]|||
0841|released [the detained|two] {TD:sailors}|release the detained {TD:sailors}|{TD:sailors} were released by {S}|s
0841|freed {TD:journalists} held [since last year|on spying charges]|free {TD:journalists}||s
0842|returned [seized ships|impounded aircraft|confiscated cargo] to {T}|return the seized ships to {T}||s
085|lifted sanctions on {T}|lift sanctions on {T}|sanctions on {T} were lifted by {S}|i
085|eased [economic sanctions|the trade embargo] against {T}|ease sanctions against {T}||i
0861|accepted [peacekeepers|a peacekeeping mission] from {T}|accept peacekeepers from {T}||sI
0862|[allowed|granted] {T} inspectors access to [the site|its nuclear facilities]|allow {T} inspectors access||sI
0863|allowed [aid convoys|humanitarian convoys] from {T} to enter|allow aid convoys from {T} to enter||sI
087|pulled back troops from the border with {TS}|pull back troops from the border with {TS}||s
0871|declared a ceasefire with {T}|declare a ceasefire with {T}||s
0872|lifted the blockade of {P}|lift the blockade of {P}||s
0873|[demobilised|disbanded] [reservist units|militias] near the border with {TS}|||s
0874|withdrew its troops from {TS}|withdraw its troops from {TS}||s
090|[opened|launched] an investigation into {T}'s [conduct|activities]|open an investigation into {T}'s activities||i
091|opened a corruption probe into {TD:officials}|open a corruption probe into {TD:officials}||i
092|launched an inquiry into alleged abuses by {TD:forces}|launch an inquiry into alleged abuses by {TD:forces}||i
093|[investigated|opened an inquiry into] the {TD:airstrike}|investigate the {TD:airstrike}||i
094|opened a war crimes investigation into {TD:forces}|open a war crimes investigation into {TD:forces}||i
100|demanded [an explanation|answers] from {T}|demand an explanation from {T}||iI
1011|demanded that {T} [reopen|restore] [trade routes|gas supplies]|demand that {T} restore gas supplies||
1031|demanded [compensation|reparations] from {T}|demand compensation from {T}||
104|demanded political reforms from {T}|demand political reforms from {T}||i
1041|demanded the resignation of {TS}'s [government|president]|demand the resignation of {TS}'s government||i
1042|demanded that {T} [change its policy|reverse its decision]|demand that {T} reverse its decision||iI
1043|demanded that {T} [respect the rights of minorities|guarantee press freedom]|||i
1053|demanded that {T} release [the detained sailors|the seized tanker|its citizens]|demand that {T} release the detained sailors||i
1054|demanded that {T} lift [sanctions|the embargo]|demand that {T} lift sanctions||I
1056|demanded that {T} [withdraw its troops|halt its offensive|pull back its forces]|demand that {T} withdraw its troops||i
106|demanded [talks|a meeting] with {T}|demand talks with {T}||I
107|demanded that {T} settle the dispute|||i
110|[expressed disapproval of|voiced concern over] {T}'s [decision|plans|conduct]|express disapproval of {T}'s plans||iI
111|[criticised|condemned|denounced] {T} [for its actions|over the decision|over the strikes]|criticise {T}|{T} was [criticised|condemned] by {S}|iI
111|[condemned|denounced|criticised] {T}'s [decision|actions|policy|remarks]|condemn {T}'s decision||iI
112|accused {T} of [breaking its promises|violating the agreement|lying]|accuse {T} of violating the agreement|{T} was accused by {S} of violating the agreement|iI
1121|accused {T} of [corruption|money laundering|smuggling]|accuse {T} of corruption||i
1122|accused {T} of [human rights abuses|torturing prisoners|persecuting minorities]|accuse {T} of human rights abuses||i
1123|accused {T} of [aggression|provoking the clashes|violating its airspace]|accuse {T} of aggression|{T} was accused of aggression by {S}|i
1124|accused {T} of war crimes|accuse {T} of war crimes||i
1125|accused {T} of [espionage|spying|running a spy ring]|accuse {T} of spying||
113|rallied [opposition|allies] against {T}|rally opposition against {T}||
114|summoned {TS}'s ambassador [over the remarks|to protest the decision|over the incident]|summon {TS}'s ambassador|{TS}'s ambassador was summoned by {S}|s
114|lodged a [formal|diplomatic] protest with {T}|lodge a formal protest with {T}||sI
114|[sent|handed] a note of protest to {T}|send a note of protest to {T}||s
115|[filed a lawsuit|brought a case] against {T} [at the International Court of Justice|at an international tribunal]|file a lawsuit against {T}||
116|found {TD:nationals} guilty of [spying|smuggling]|find {TD:nationals} guilty||s
120|rejected {T}'s [demands|claims|statement]|reject {T}'s demands||iI
1211|rejected {T}'s [trade proposal|offer of investment]|reject {T}'s trade proposal||
122|rejected {T}'s request for [aid|assistance]|reject {T}'s request for aid||iI
1222|turned down {T}'s request for [weapons|military assistance]|reject {T}'s request for weapons||
123|rejected {T}'s calls for political reform|reject {T}'s calls for reform||iI
1241|refused to lift the [curfew|state of emergency] despite {T}'s appeals|||s
1243|refused to release the detained {TD:sailors}|||s
1244|refused to lift sanctions on {T}|||i
1246|rejected {T}'s call for a ceasefire|reject {T}'s call for a ceasefire||iI
125|rejected {T}'s offer of talks|reject {T}'s offer of talks||iI
125|[turned down|declined] an invitation from {T} to [the talks|negotiations]|turn down an invitation from {T}||iI
126|rejected mediation by {T}|reject mediation by {T}||I
127|rejected {T}'s [peace plan|proposal for a settlement|ceasefire proposal]|reject {T}'s peace plan|{T}'s peace plan was rejected by {S}|iI
128|defied [a ruling|the court order] by {T}|defy the ruling by {T}||I
129|vetoed [a resolution|a draft resolution] [drafted|proposed] by {T}|veto a resolution proposed by {T}|a resolution proposed by {T} was vetoed by {S}|s
130|threatened {T}|threaten {T}||iI
130|warned {T} of [consequences|serious consequences|a response]|warn {T} of consequences||iI
1311|threatened to cut [aid|financial aid|assistance] to {T}|||i
1312|threatened {T} with [sanctions|new sanctions|an embargo|tariffs]|||i
1312|threatened to impose sanctions on {T}|||i
1313|threatened to [sever|cut] [diplomatic ties|relations] with {T}|||
134|threatened to [walk out of|pull out of] the talks with {T}|||i
137|threatened to [crack down on|punish] {TD:protesters}|||s
138|threatened {T} with military action|||s
138|threatened to use force against {T}|||s
1381|threatened to blockade {TS}'s ports|||s
1384|threatened to [strike|attack] {TD:positions}|||s
1385|threatened {T} with nuclear weapons|||s
139|gave {T} an ultimatum to [withdraw|leave the disputed area] within [48 hours|a week]|give {T} an ultimatum||s
150|[staged|held] a military parade near the border with {TS}|stage a show of force near the border with {TS}||s
152|put its forces on [high alert|full combat readiness] near {TS}|put its forces on high alert||s
153|deployed [extra|additional] police to the border with {TS}|deploy additional police to the border with {TS}||s
154|[massed|deployed] [troops|tanks|thousands of troops] near the border with {TS}|mass troops near the border with {TS}||s
154|mobilised [reservists|its armed forces] amid tensions with {T}|mobilise its reservists||s
160|downgraded [relations|ties] with {T}|downgrade relations with {T}||s
161|[expelled|ordered the expulsion of] {TS}'s ambassador|expel {TS}'s ambassador|{TS}'s ambassador was expelled by {S}|s
161|[recalled its ambassador from|severed diplomatic ties with|broke off diplomatic relations with] {T}|recall its ambassador from {T}||s
1621|cut [financial aid|economic assistance|budget support] to {T}|cut financial aid to {T}||i
1622|[suspended|halted] military aid to {T}|suspend military aid to {T}|military aid to {T} was suspended by {S}|s
1623|halted humanitarian [aid|assistance] to {T}|halt humanitarian aid to {T}||i
163|imposed [sanctions|new sanctions|an arms embargo|tariffs] on {T}|impose sanctions on {T}|{T} was hit with sanctions by {S}|i
163|[banned imports from|announced a boycott of goods from] {T}|ban imports from {T}||
164|[broke off|suspended|walked out of] talks with {T}|suspend talks with {T}||iI
165|[halted|ended] its mediation between {T} and {T2}|halt its mediation between {T} and {T2}||i
1661|ordered [UN peacekeepers|the peacekeeping mission] of {T} to leave|order the peacekeepers of {T} to leave||sI
1662|expelled {T} [inspectors|monitors|observers]|expel {T} inspectors|{T} inspectors were expelled by {S}|sI
1663|expelled aid workers of {T}|expel aid workers of {T}||sI
171|seized [property|assets] belonging to {T}|seize assets belonging to {T}||s
1711|[confiscated|seized] a {TS}-flagged [tanker|cargo ship]|seize a {TS}-flagged tanker|a {TS}-flagged tanker was seized by {S}|s
1711|froze and confiscated assets of {TD:companies}|confiscate assets of {TD:companies}||s
1712|[destroyed|demolished] [buildings|homes|a border post] belonging to {TD:villagers}|||s
172|imposed [travel restrictions|entry bans] on {TD:officials}|impose travel restrictions on {TD:officials}||s
173|[arrested|detained] [two|several|a group of] {TD:journalists}|arrest {TD:journalists}|[two|several] {TD:journalists} were [arrested|detained] by {S}|s
173|[arrested|detained] {TD:diplomats} on [spying|espionage] charges|detain {TD:diplomats}|{TD:diplomats} were detained by {S}|s
174|[deported|expelled] {TD:journalists}|deport {TD:journalists}|{TD:journalists} were deported by {S}|s
174|deported [dozens of|hundreds of] {TD:workers}|deport {TD:workers}||s
181|[seized|hijacked] a {TDEM} [cargo ship|fishing boat] and took its crew hostage|||s
185|tried to assassinate a {TDEM} [general|commander|official]|||s
186|assassinated a [senior|top] {TDEM} [general|commander|nuclear scientist]|||s
190|attacked {TS}|attack {TS}|{TS} was attacked by {S}|s
190|[launched|began] an offensive against {TD:forces}|launch an offensive against {TD:forces}|||s
190|[struck|hit] {TD:military targets}|strike {TD:military targets}|{TD:military targets} were struck by {S}|s
191|imposed a [naval|sea] blockade on {TS}|impose a naval blockade on {TS}|{TS} was put under blockade by {S}|s
192|[occupied|seized control of] [parts of|a strip of] {TS}'s territory|occupy parts of {TS}'s territory|||s
192|[annexed|occupied] a region of {TS}|annex a region of {TS}||s
193|opened fire on {TD:positions}|open fire on {TD:positions}|{TD:positions} came under fire from {S}|s
193|fired on {TD:border guards}|fire on {TD:border guards}||s
194|shelled {TD:villages}|shell {TD:villages}|{TD:villages} were shelled by {S}|s
194|[pounded|bombarded] {TD:positions} with artillery|bombard {TD:positions}||s
195|carried out [airstrikes|air strikes|drone strikes] on {TD:positions}|carry out airstrikes on {TD:positions}|{TD:positions} were hit by airstrikes carried out by {S}|s
195|bombed {TD:bases}|bomb {TD:bases}|{TD:bases} were bombed by {S}|s
196|violated the ceasefire with {T}|violate the ceasefire with {T}|the ceasefire with {T} was violated by {S}|s
196|[broke|breached] the truce with {T}|break the truce with {T}||s
200|[carried out|committed] atrocities against {TD:civilians}|commit atrocities against {TD:civilians}||s
201|[forcibly expelled|drove out] thousands of {TD:villagers}|expel thousands of {TD:villagers}|thousands of {TD:villagers} were expelled by {S}|s
202|[massacred|carried out mass killings of] {TD:civilians}|massacre {TD:civilians}|{TD:civilians} were massacred by {S}|s
203|[carried out|waged] a campaign of ethnic cleansing against {TD:villagers}|carry out ethnic cleansing against {TD:villagers}||s
2041|used chemical weapons against {TD:civilians}|use chemical weapons against {TD:civilians}|chemical weapons were used against {TD:civilians} by {S}|s
2041|[fired|launched] shells filled with [sarin|chlorine gas] at {TD:villages}|||s
2042|tested a nuclear weapon near {TS}'s [waters|border]|||s
"""

# clause templates with a generic agent source, placed in a named place (family "agents")
# {SA:word} source agent (state from the place {PL} or a demonym), {TA:word} target agent of the
# same state, {TD:word} target agent of another state, {PL} a capital of the source state
AGENT_CLAUSES = r"""
140|{SA:activists} [staged|held] a sit-in in {PL} [against the new law|over the election results]
141|[Thousands of|Hundreds of|Several thousand] {SA:protesters} [rallied|marched|gathered] in {PL} [against the government|to demand new elections|over rising prices]
141|{SA:demonstrators} gathered outside the {TDEM} embassy in {PL} to protest against {TS}'s [policies|actions]
1411|{SA:protesters} in {PL} [demanded|called for] the resignation of the [government|prime minister]
1413|{SA:students} [marched|rallied] in {PL} to demand [press freedom|the right to assemble]
142|jailed {SA:activists} in {PL} [went on|began] a hunger strike
143|{SA:workers} [went on strike|walked off the job] in {PL} [over pay|against the pension reform]
143|{SA:farmers} [blocked roads|staged a strike] across {PL} province against the import rules
144|{SA:protesters} [blocked|barricaded] the main road into {PL}
145|{SA:protesters} [clashed with|threw stones at] {TA:police} in {PL}
145|{SA:rioters} [set fire to cars|torched government buildings] in {PL}
150|{SA:troops} held a [large-scale|massive] military parade in {PL}
151|{SA:police} in {PL} were put on high alert ahead of the [vote|protests]
152|{SA:army} put its units on combat alert near {PL}
153|{SA:authorities} deployed thousands of [extra|additional] {SA2:police} in {PL}
154|{SA:military} called up [reservists|thousands of reservists] in {PL}
1723|{SA:authorities} imposed a curfew in {PL} [after the unrest|following the riots]
1724|{SA:authorities} declared a state of emergency in {PL}
173|{SA:police} [arrested|detained] [dozens of|several|more than 100] {TA:protesters} in {PL}
173|{SA:police} in {PL} detained [two|three] {TA:opposition activists}
175|{SA:riot police} [used tear gas and batons against|violently dispersed|fired rubber bullets at] {TA:protesters} in {PL}
1712|{SA:troops} [demolished|bulldozed] homes of {TA:villagers} near {PL}
180|{SA:gunmen} [attacked|stormed] a [checkpoint|police station] near {PL}, killing [three|four|two] {TA:police}
181|{SA:gunmen} [kidnapped|abducted] [two|three|several] {TD:workers} near {PL}
181|{SA:militants} took [dozens of|several] {TA:civilians} hostage near {PL}
182|{SA:police} [beat|assaulted] {TA:journalists} covering the protests in {PL}
1822|{SA:police} in {PL} tortured detained {TA:activists}, according to a rights group
1823|{SA:militants} beat [a local official|two soldiers] to death near {PL}
183|{SA:militants} [detonated a bomb|set off an explosive device] near a {TA:police} convoy in {PL}
1831|a suicide bomber sent by {SA:insurgents} struck a {TA:army} base near {PL}
1832|{SA:militants} [detonated|set off] a car bomb outside a {TA:police} station in {PL}
1833|{SA:insurgents} [planted|detonated] a roadside bomb that hit a {TA:army} patrol near {PL}
184|{SA:rebels} [used|held] {TA:civilians} as human shields near {PL}
185|{SA:gunmen} tried to kill a [regional governor|provincial official] in {PL}
186|{SA:gunmen} [shot dead|assassinated] a [senior judge|provincial governor|local mayor] in {PL}
190|{SA:rebels} [attacked|overran] {TA:army} positions near {PL}
193|{SA:troops} exchanged gunfire with {TA:rebels} near {PL}
193|{SA:separatists} opened fire on {TA:soldiers} outside {PL}
194|{SA:troops} [shelled|pounded] {TA:rebels} positions near {PL} with artillery
195|{SA:warplanes} [bombed|struck] {TA:insurgents} hideouts near {PL}
202|{SA:militants} [massacred|killed dozens of] {TA:villagers} near {PL}
201|{SA:militias} drove [thousands of|hundreds of] {TA:residents} from their homes near {PL}
"""

# reciprocal clauses: "{S} and {T} ..." -> S->T and T->S
RECIPROCAL = [
    ("046", "[held talks|negotiated] [on a peace deal|on trade|on the border]"),
    ("057", "signed [a peace treaty|a trade agreement|a memorandum of understanding]"),
    ("0311", "agreed to [expand|boost] trade"),
    ("040", "met [on the sidelines of the summit|in a closed-door session]"),
    ("193", "exchanged fire along the border"),
    ("0871", "agreed to a ceasefire"),
    ("054", "established diplomatic relations"),
    ("0841", "exchanged prisoners"),
]

# topics for hypothetical conditions that carry no event
CONDITIONS = [
    "the talks fail",
    "the situation deteriorates",
    "its conditions are met",
    "the deal is approved by parliament",
    "the security situation allows",
    "its concerns are addressed",
    "the negotiations collapse",
    "a deal is reached",
]

# hard negatives: trigger words in other senses, no political event
NEGATIVE_TRIGGER = [
    "The {IDX} [declined|fell|dropped] [0.3|0.8|1.2|2.1] percent in early trading on {WD}.",
    "Shares in {DEM} [lenders|airlines|carmakers] fell sharply after the earnings reports.",
    "The {DEM} currency [weakened|slipped|strengthened] against the dollar {DX}.",
    "{DEM} exports [rose|fell|grew] [4|7|2.5] percent year on year in the third quarter.",
    "The striker's attack on goal was blocked in the [88th|12th|45th] minute.",
    "The home side launched a late attack but could not find an equaliser.",
    "{NAME} beat {NAME2} [2-1|3-0|1-0] in a World Cup qualifier {DX}.",
    "The {DEM} national team visited the stadium ahead of Saturday's match.",
    "The {DEM} squad arrived in {CAP} for the tournament.",
    "This success demonstrates the strength of the company's business model.",
    "The study demonstrates that the new vaccine is safe for children.",
    "Analysts said the rally in oil prices was unlikely to last.",
    "The central bank [cut|raised] its key interest rate by [25|50] basis points.",
    "A fire destroyed a warehouse on the outskirts of {CAP}, the emergency services said.",
    "A storm hit the coast of {NAME} {DX}, cutting power to thousands of homes.",
    "The police drama was the most watched series in {NAME} last year.",
    "The film follows a young soldier returning home after the war.",
    "Prices for wheat [surged|jumped|plunged] on the Chicago exchange after the harvest report.",
    "The tech company threatened to leave the market if the licence fee was raised.",
    "The museum in {CAP} will host an exhibition of medieval manuscripts.",
    "Tourists flocked to {CAP} during the holiday season.",
    "Heavy rain forced organisers to cancel the marathon in {CAP}.",
    "The bank's shares hit a record high after the merger was announced.",
    "The chess champion defeated her rival in a tense final game.",
    "Scientists in {CAP} warned that the glacier was melting faster than expected.",
    "The company signed a sponsorship deal with the football club.",
    "The singer cancelled her concert in {CAP} because of illness.",
    "The airline said it would add more flights to {CAP} next summer.",
    "Investors are expected to watch inflation figures closely this week.",
    "The virus spread rapidly through the region during the winter.",
    "A cyclist won the mountain stage after a solo attack on the final climb.",
    "The novel's hero fights a dragon to rescue the village.",
]
NEGATIVE_BACKGROUND = [
    "{NAME} has a population of about [10|45|80|120] million people.",
    "{CAP} is the largest city in {NAME}.",
    "The meeting was the [second|third|fourth] of its kind this year.",
    "{NAME} is one of the largest producers of [wheat|natural gas|copper|cotton] in the region.",
    "The two countries share a border of more than [900|1,200|400] kilometres.",
    "The summit brought together leaders from more than [20|30|40] countries.",
    "The conflict has displaced hundreds of thousands of people since it began.",
    "Relations between the two countries have a long and complicated history.",
    "{NAME} holds parliamentary elections every four years.",
    "The region is home to several ethnic and religious minorities.",
    "The border crossing is the main route for trade between the two neighbours.",
    "The agreement, which runs for ten years, covers energy, transport and agriculture.",
    "The organisation was founded in [1945|1949|1967|2001] and has its headquarters in {CAP}.",
    "The foreign ministry building in {CAP} dates from the nineteenth century.",
    "{NAME}'s economy grew by [2|3.5|5] percent last year.",
    "The pipeline carries gas from the Caspian Sea to southern Europe.",
    "Officials did not give further details.",
    "The report is published every year in {CAP}.",
]
INDICES = [
    "Nikkei 225",
    "FTSE 100",
    "DAX",
    "Hang Seng index",
    "S&P 500",
    "benchmark index",
    "Borsa Istanbul 100",
]

ASSAULT_ROOTS = {"15", "17", "18", "19", "20"}

# ---------------------------------------------------------------------------------------------
# Lexicon parsing
# ---------------------------------------------------------------------------------------------


def parse_lex_line(line: str) -> tuple[str, ...]:
    # fields are separated by | outside [..] alternations
    fields, cur, depth = [], "", 0
    for ch in line:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "|" and depth == 0:
            fields.append(cur)
            cur = ""
        else:
            cur += ch
    fields.append(cur)
    return tuple(fields)


def load_lexicon() -> list[dict]:
    out = []
    for i, line in enumerate(x for x in LEXICON.strip().splitlines() if x.strip()):
        f = parse_lex_line(line) + ("",) * 5
        out.append(
            {
                "id": f"v{i}",
                "code": f[0],
                "past": f[1],
                "base": f[2],
                "passive": f[3],
                "flags": f[4],
            }
        )
    return out


def load_clauses() -> list[dict]:
    out = []
    for i, line in enumerate(x for x in AGENT_CLAUSES.strip().splitlines() if x.strip()):
        f = parse_lex_line(line)
        out.append({"id": f"a{i}", "code": f[0], "clause": f[1]})
    return out


def root_of(code: str) -> str:
    return code[:2]


INTENT_BY_CODE = {
    "045": "039",
    "057": "030",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "085": "0354",
    "163": "1312",
    "161": "1313",
    "160": "1313",
    "1621": "1311",
    "1622": "1311",
    "1623": "1311",
    "164": "134",
    "191": "1381",
    "192": "1382",
    "2041": "1385",
    "2042": "1385",
}
INTENT_BY_ROOT = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "16": "131",
    "17": "137",
    "18": "1383",
    "19": "1384",
    "20": "138",
}


def intent_code(code: str) -> str | None:
    """CAMEO code of the actor's own announcement ("will visit" -> 036), None if not coded."""
    if code in INTENT_BY_CODE:
        return INTENT_BY_CODE[code]
    r = root_of(code)
    if r == "08":
        if code.startswith("081"):
            return "0351"
        if code.startswith("084"):
            return "0353"
        if code.startswith("086"):
            return "0355"
        if code.startswith("087"):
            return "0356"
    return INTENT_BY_ROOT.get(r)


def refusal_code(code: str) -> str:
    r = root_of(code)
    if r == "04":
        return "125"
    if code in ("085",):
        return "1244"
    if code.startswith("084"):
        return "1243"
    if code.startswith("087"):
        return "1246"
    if r == "07":
        return "122"
    return "120"


# ---------------------------------------------------------------------------------------------
# Rendering with exact offsets
# ---------------------------------------------------------------------------------------------

ALT_RE = re.compile(r"\[([^\[\]]*)\]")
SLOT_RE = re.compile(r"\{([A-Z0-9]+)(?::([^}]+))?\}")


def expand_alts(rng: random.Random, s: str) -> str:
    while True:
        m = ALT_RE.search(s)
        if not m:
            return s
        s = s[: m.start()] + rng.choice(m.group(1).split("|")) + s[m.end() :]


class Sentence:
    """Builds one sentence from pieces, recording the span of every named slot."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: dict[str, tuple[int, int, str | None]] = {}

    def add(self, s: str, name: str | None = None, code: str | None = None) -> None:
        if name is not None:
            self.spans[name] = (len(self.text), len(self.text) + len(s), code)
        self.text += s

    def fill(self, template: str, fillers: dict, prefix: str = "") -> None:
        """Append a template whose {SLOT} / {SLOT:arg} are filled by fillers[SLOT](arg) -> (text, code);
        spans are recorded under prefix + SLOT (the first occurrence of a slot wins)."""
        pos = 0
        for m in SLOT_RE.finditer(template):
            self.add(template[pos : m.start()])
            name, arg = m.group(1), m.group(2)
            text, code = fillers[name](arg)
            key = prefix + name
            self.add(text, key if key not in self.spans else None, code)
            pos = m.end()
        self.add(template[pos:])

    def finish(self) -> None:
        # capitalise the first character; collapse double spaces (none expected)
        if self.text and self.text[0].islower():
            self.text = self.text[0].upper() + self.text[1:]
        if not self.text.endswith((".", "?", "!")):
            self.text += "."


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _ym(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def past_date(rng: random.Random, art: dt.date) -> tuple[str, str]:
    k = rng.choice(
        [
            "weekday",
            "weekday",
            "weekday",
            "yesterday",
            "daymonth",
            "daymonth",
            "lastweek",
            "earlier",
            "lastmonth",
            "today",
        ]
    )
    if k == "weekday":
        back = rng.randint(0, 6)
        d = art - dt.timedelta(days=back)
        return "on " + WEEKDAYS[d.weekday()], d.isoformat()
    if k == "yesterday":
        return "yesterday", (art - dt.timedelta(days=1)).isoformat()
    if k == "today":
        return "today", art.isoformat()
    if k == "daymonth":
        d = art - dt.timedelta(days=rng.randint(1, 40))
        txt = (
            f"on {d.day} {MONTHS[d.month - 1]}"
            if rng.random() < 0.6
            else f"on {MONTHS[d.month - 1]} {d.day}"
        )
        return txt, d.isoformat()
    if k == "lastweek":
        return "last week", _ym(art - dt.timedelta(days=7))
    if k == "earlier" and art.day > 7:
        return "earlier this month", _ym(art)
    first = art.replace(day=1) - dt.timedelta(days=1)
    return "last month", _ym(first)


def future_date(rng: random.Random, art: dt.date) -> tuple[str, str]:
    k = rng.choice(
        ["weekday", "weekday", "nextweek", "daymonth", "tomorrow", "nextmonth", "nextyear"]
    )
    if k == "weekday":
        d = art + dt.timedelta(days=rng.randint(1, 6))
        return "on " + WEEKDAYS[d.weekday()], d.isoformat()
    if k == "tomorrow":
        return "tomorrow", (art + dt.timedelta(days=1)).isoformat()
    if k == "nextweek":
        return "next week", _ym(art + dt.timedelta(days=7))
    if k == "daymonth":
        d = art + dt.timedelta(days=rng.randint(2, 50))
        return f"on {d.day} {MONTHS[d.month - 1]}", d.isoformat()
    if k == "nextmonth":
        d = art.replace(day=28) + dt.timedelta(days=5)
        return f"in {MONTHS[d.month - 1]}", _ym(d)
    return "next year", f"{art.year + 1:04d}"


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.t = load_tables()
        self.lex = load_lexicon()
        self.clauses = load_clauses()
        self.by_root: dict[str, list[dict]] = {}
        for e in self.lex:
            self.by_root.setdefault(root_of(e["code"]), []).append(e)
        self.clauses_by_root: dict[str, list[dict]] = {}
        for c in self.clauses:
            self.clauses_by_root.setdefault(root_of(c["code"]), []).append(c)
        self.states = sorted(STATES)

    # --- actors ------------------------------------------------------------------------------
    def sector(self, word: str) -> str | None:
        lemma = AGENT_WORDS.get(word)
        if lemma is None:
            last = word.rsplit(maxsplit=1)[-1]
            lemma = AGENT_WORDS.get(last)
        return self.t["sectors"].get(lemma) if lemma else None

    def agent_code(self, iso: str, word: str) -> str:
        sec = self.sector(word)
        return iso + sec if sec else iso

    def holders_on(self, iso: str, d: dt.date) -> list[dict]:
        hs = [h for h in self.t["holders"].get(iso, []) if h["_start"] <= d < h["_end"]]
        seen, out = set(), []
        for h in hs:
            if h["person"] not in seen:
                seen.add(h["person"])
                out.append(h)
        return out

    def state_np(
        self, iso: str, kinds: tuple[str, ...] = ("name", "name", "capital")
    ) -> tuple[str, str]:
        names, dem, cap, _ = STATES[iso]
        k = self.rng.choice(kinds)
        if k == "capital":
            return cap, iso
        if k == "seat":
            seats = [s for s, c in GOV_SEATS.items() if c == iso]
            if seats:
                return "the " + self.rng.choice(seats), iso
        if k == "gov":
            return f"the {dem} government", self.agent_code(iso, "government")
        return self.rng.choice(names), iso

    def person_np(self, h: dict, style: str | None = None) -> tuple[str, str]:
        prefix, _ = person_titles(h)
        name = h["name"]
        surname = self._surname(h)
        style = style or self.rng.choice(["title", "title", "full", "demtitle", "surname"])
        if style == "surname" and surname:
            return surname, h["iso3"]
        if style == "demtitle":
            return f"{STATES[h['iso3']][1]} {prefix} {name}", h["iso3"]
        if style == "title":
            return f"{prefix} {name}", h["iso3"]
        return name, h["iso3"]

    def _surname(self, h: dict) -> str | None:
        if not STATES[h["iso3"]][3]:
            return None
        for a in h["aliases"].split("|"):
            if a and " " not in a and a.lower() in h["name"].lower():
                return a
        parts = h["name"].split()
        return parts[-1] if len(parts) >= 2 else None

    def actor(self, d: dt.date, kinds: tuple[str, ...], exclude: set[str]) -> dict:
        """A random actor: {text, code, iso, kind, holder?}. kinds from state/person/igo/ighead/seat."""
        for _ in range(50):
            k = self.rng.choice(kinds)
            if k in ("igo", "ighead"):
                if k == "ighead":
                    heads = [
                        h
                        for h in IGO_HEADS
                        if h[4] <= d.isoformat() and (not h[5] or d.isoformat() <= h[5])
                    ]
                    if not heads:
                        continue
                    h = self.rng.choice(heads)
                    if h[0] in exclude:
                        continue
                    style = self.rng.choice(["prefix", "full", "surname"])
                    text = (
                        f"{h[3][0]} {h[1]}"
                        if style == "prefix"
                        else (h[2] if style == "surname" else h[1])
                    )
                    return {"text": text, "code": h[0], "iso": h[0], "kind": "ighead", "head": h}
                code, forms = self.rng.choice(IGOS)
                if code in exclude:
                    continue
                return {"text": self.rng.choice(forms), "code": code, "iso": code, "kind": "igo"}
            iso = self.rng.choice(self.states)
            if iso in exclude:
                continue
            if k == "person":
                hs = self.holders_on(iso, d)
                if not hs:
                    continue
                h = self.rng.choice(hs)
                text, code = self.person_np(h)
                return {"text": text, "code": code, "iso": iso, "kind": "person", "holder": h}
            if k == "seat":
                seats = [s for s, c in GOV_SEATS.items() if c == iso]
                if not seats:
                    continue
                return {
                    "text": "the " + self.rng.choice(seats),
                    "code": iso,
                    "iso": iso,
                    "kind": "state",
                }
            text, code = self.state_np(iso, ("name", "name", "name", "capital", "gov"))
            return {"text": text, "code": code, "iso": iso, "kind": "state"}
        iso = next(s for s in self.states if s not in exclude)
        return {"text": STATES[iso][0][0], "code": iso, "iso": iso, "kind": "state"}

    # --- slot fillers -------------------------------------------------------------------------
    def fillers(
        self,
        S: dict | None,
        T: dict | None,
        T2: dict | None = None,
        date_txt: str | None = None,
        home: str | None = None,
    ) -> dict:
        rng = self.rng

        def tdem(arg):
            iso = T["iso"]
            word = expand_alts(rng, arg)
            if (
                rng.random() < 0.3
                and word in AGENT_WORDS
                and word not in ("forces", "army", "military")
            ):
                return f"{word} from {STATES[iso][0][0]}", self.agent_code(iso, word)
            return f"{STATES[iso][1]} {word}", self.agent_code(iso, word)

        def place(_):
            iso = T["iso"]
            return (STATES[iso][2] if rng.random() < 0.6 else STATES[iso][0][0]), iso

        return {
            "S": lambda _: (S["text"], S["code"]),
            "T": lambda _: (T["text"], T["code"]),
            "T2": lambda _: (T2["text"], T2["code"]),
            "TS": lambda _: (STATES[T["iso"]][0][0], T["iso"]),
            "TDEM": lambda _: (STATES[T["iso"]][1], T["iso"]),
            "TD": tdem,
            "P": place,
            "HOME": lambda _: (STATES[home][2] if home else "the capital", home),
            "D": lambda _: (date_txt or "", None),
        }

    # --- event records ------------------------------------------------------------------------
    def ev(
        self,
        code: str,
        sent: int,
        src: tuple[int, int, str | None] | None,
        tgt,
        status: str,
        date_text: str | None,
        date: str | None,
        base: int,
        text: str,
    ) -> dict:
        row = self.t["cameo"][code]
        s0, s1, sc = src
        out = {
            "cameo": code,
            "plover": row["plover_event"] or None,
            "sentence": sent,
            "source_text": text[base + s0 : base + s1],
            "source_start": base + s0,
            "source_end": base + s1,
            "source_code": sc,
        }
        if tgt is not None:
            t0, t1, tc = tgt
            out.update(
                {
                    "target_text": text[base + t0 : base + t1],
                    "target_start": base + t0,
                    "target_end": base + t1,
                    "target_code": tc,
                }
            )
        else:
            out.update(
                {"target_text": None, "target_start": None, "target_end": None, "target_code": None}
            )
        out.update({"status": status, "date_text": date_text, "date": date})
        return out


TARGET_SLOTS = ("T", "TS", "P", "TD", "TA", "TDEM")


def _uses(template: str) -> set[str]:
    return {m.group(1) for m in SLOT_RE.finditer(template)}


def target_slot(template: str) -> str | None:
    used = [m.group(1) for m in SLOT_RE.finditer(template)]
    for name in used:
        if name in TARGET_SLOTS:
            return name
    return None


def third_person(vp: str) -> str:
    """'attack {TS}' -> 'attacks {TS}' (first word only)."""
    w, _, rest = vp.partition(" ")
    if w.endswith(("s", "sh", "ch", "x", "o")):
        w3 = w + "es"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        w3 = w[:-1] + "ies"
    else:
        w3 = w + "s"
    return (w3 + " " + rest).strip()


QUOTES = {
    "010": [
        "Our position on this issue is well known",
        "We are following the situation very closely",
        "This is a matter for the courts",
        "The government will set out its plans in due course",
    ],
    "012": [
        "I do not see any progress at the moment",
        "The outlook is grim",
        "Frankly, there is little reason for hope",
    ],
    "013": [
        "We are very optimistic about the coming months",
        "I believe a solution is within reach",
        "Relations are on the right track",
    ],
    "016": ["We had nothing to do with this incident", "These accusations are completely baseless"],
}

PHENOMENA = [
    # (family prefix, weight)
    ("active", 24),
    ("statement", 6),
    ("passive", 6),
    ("apposition", 5),
    ("reported", 6),
    ("hypothetical", 5),
    ("intended", 6),
    ("negated", 6),
    ("pronoun", 6),
    ("two_events", 5),
    ("agents", 7),
    ("officials", 4),
    ("igo", 4),
    ("past", 4),
    ("negative", 21),
]


class Corpus(Gen):
    """The families. Each returns (sentences, event specs, template key, root) or None (retry)."""

    def pick_date(self) -> dt.date:
        start, end = dt.date(2015, 3, 1), dt.date(2025, 10, 31)
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def source_kinds(self, e: dict, persons: bool = True) -> tuple[str, ...]:
        if "s" in e["flags"]:
            kinds: tuple[str, ...] = ("state",)
        else:
            kinds = ("state", "person", "person") if persons else ("state",)
        if "i" in e["flags"] and self.rng.random() < 0.2:
            kinds = ("igo", "ighead")
        return kinds

    def target_for(
        self, e_template: str, flags: str, d: dt.date, exclude: set[str], persons: bool = True
    ) -> dict | None:
        used = _uses(e_template)
        if not (used & set(TARGET_SLOTS)):
            return None
        if used & {"TS", "TD", "P", "TDEM"}:
            kinds: tuple[str, ...] = ("state",)
        elif "I" in flags and self.rng.random() < 0.25:
            kinds = ("igo", "ighead")
        else:
            kinds = ("state", "state", "person") if persons else ("state",)
        T = self.actor(d, kinds, exclude)
        if T["kind"] == "state" and T["text"] == STATES[T["iso"]][2] and self.rng.random() < 0.8:
            T = dict(T, text=STATES[T["iso"]][0][0])  # capitals as targets mostly read oddly
        return T

    def entry(
        self, root: str, need: str | None = None, flag: str | None = None, noflag: str | None = None
    ) -> dict | None:
        cands = [
            e
            for e in self.by_root.get(root, [])
            if (not need or e[need])
            and (not flag or flag in e["flags"])
            and (not noflag or noflag not in e["flags"])
        ]
        return self.rng.choice(cands) if cands else None

    def date_pos(self, tmpl: str, dtxt: str | None) -> str:
        if not dtxt:
            return tmpl
        if self.rng.random() < 0.25:
            return "{D}, " + tmpl
        return tmpl + " {D}"

    def tail(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return ", according to [a statement|state media|the state news agency]"
        return ""

    def spec(self, code, sent, src, tgt, status, dtxt=None, date=None) -> dict:
        return {
            "code": code,
            "sent": sent,
            "src": src,
            "tgt": tgt,
            "status": status,
            "dt": dtxt,
            "d": date,
        }

    # ------------------------------------------------------------------ simple clause families
    def clause(
        self,
        e: dict,
        form: str,
        S: dict,
        T: dict | None,
        T2: dict | None,
        d: dt.date,
        dated: bool = True,
    ) -> tuple[Sentence, list[dict]] | None:
        """One sentence with entry e in a given form; returns the sentence and its event specs."""
        rng = self.rng
        code = e["code"]
        tslot = target_slot(e["past"])
        specs: list[dict] = []
        dtxt = date = None
        if form in ("past", "passive", "neg_did", "neg_declined", "neg_refused", "neg_never"):
            if dated and rng.random() < 0.6:
                dtxt, date = past_date(rng, d)
        elif form.startswith("int_") and dated and rng.random() < 0.7:
            dtxt, date = future_date(rng, d)
        if form == "past":
            body = "{S} " + e["past"]
            status = "asserted"
        elif form == "passive":
            body = e["passive"]
            tslot = target_slot(body.replace("{S}", ""))
            status = "asserted"
        elif form == "neg_did":
            body = "{S} [did not|didn't] " + e["base"]
            status = "negated"
        elif form == "neg_never":
            body = "{S} [has never|never] " + (e["past"] if rng.random() < 0.0 else "") + ""
            body = "{S} [did not|never] " + e["base"]
            status = "negated"
        elif form == "neg_declined":
            body = "{S} declined to " + e["base"]
            status = "negated"
        elif form == "neg_refused":
            body = "{S} refused to " + e["base"]
            status = "negated"
        elif form == "int_will":
            body = "{S} will " + e["base"]
            status = "intended"
        elif form == "int_plans":
            body = "{S} [plans|intends] to " + e["base"]
            status = "intended"
        elif form == "int_expected":
            body = "{S} is [expected|due|set|scheduled] to " + e["base"]
            status = "intended"
        elif form == "int_may":
            body = "{S} [may|could|might] " + e["base"]
            status = "intended"
        elif form == "hyp_if":
            body = "{S} would " + e["base"] + " if " + rng.choice(CONDITIONS)
            status = "hypothetical"
        elif form == "hyp_could":
            body = "{S} could " + e["base"] + " if " + rng.choice(CONDITIONS)
            status = "hypothetical"
        else:
            raise ValueError(form)
        body = expand_alts(rng, body)
        body = self.date_pos(body, dtxt) + (self.tail() if form == "past" else "")
        body = expand_alts(rng, body)
        home = S["iso"] if S["iso"] in STATES else None
        sent = Sentence()
        sent.fill(body, self.fillers(S, T, T2, dtxt, home))
        sent.finish()
        specs.append(self.spec(code, 0, "S", tslot, status, "D" if dtxt else None, date))
        if form == "neg_refused":
            specs.append(
                self.spec(
                    refusal_code(code), 0, "S", tslot, "asserted", "D" if dtxt else None, date
                )
            )
        if form in ("int_will", "int_plans") and S["kind"] != "agent":
            ic = intent_code(code)
            if ic:
                specs.append(self.spec(ic, 0, "S", tslot, "asserted", None, None))
        return sent, specs

    def actors_for(self, e: dict, d: dt.date, src_kinds=None, persons=True):
        S = self.actor(d, src_kinds or self.source_kinds(e, persons), set())
        tmpl = e["past"] + " " + e["passive"] + " " + e["base"]
        T = self.target_for(tmpl, e["flags"], d, {S["iso"]}, persons)
        T2 = None
        if "{T2}" in tmpl:
            T2 = self.actor(d, ("state",), {S["iso"], T["iso"] if T else ""})
        return S, T, T2

    def f_simple(self, root: str, d: dt.date, form: str, fam: str, need: str = "past"):
        e = self.entry(root, need="base" if form not in {"past", "passive"} else need)
        if e is None:
            return None
        S, T, T2 = self.actors_for(e, d, persons=fam != "past")
        out = self.clause(e, form, S, T, T2, d)
        if out is None:
            return None
        sent, specs = out
        return [sent], specs, f"{fam}|{e['id']}|{form}", root

    def f_active(self, root, d):
        return self.f_simple(root, d, "past", "active")

    def f_passive(self, root, d):
        e = self.entry(root, need="passive")
        if e is None:
            return None
        S, T, T2 = self.actors_for(e, d)
        sent, specs = self.clause(e, "passive", S, T, T2, d)
        return [sent], specs, f"passive|{e['id']}", root

    def f_negated(self, root, d):
        form = self.rng.choice(["neg_did", "neg_did", "neg_never", "neg_declined", "neg_refused"])
        return self.f_simple(root, d, form, "negated")

    def f_intended(self, root, d):
        form = self.rng.choice(
            ["int_will", "int_will", "int_plans", "int_expected", "int_expected", "int_may"]
        )
        return self.f_simple(root, d, form, "intended")

    def f_hypothetical(self, root, d):
        rng = self.rng
        e = self.entry(root, need="base")
        if e is None:
            return None
        k = rng.random()
        S, T, T2 = self.actors_for(e, d)
        if k < 0.45:
            form = rng.choice(["hyp_if", "hyp_if", "hyp_could"])
            sent, specs = self.clause(e, form, S, T, T2, d, dated=False)
            return [sent], specs, f"hypothetical|{e['id']}|{form}", root
        if k < 0.75:
            # "If A attacks B, S will <base>"
            A = self.actor(d, ("state",), {S["iso"]})
            B = self.actor(d, ("state",), {A["iso"]})
            verb = rng.choice(
                [
                    "attacks",
                    "strikes",
                    "invades",
                    "shells",
                    "imposes sanctions on",
                    "expels the ambassador of",
                ]
            )
            vcode = {
                "attacks": "190",
                "strikes": "190",
                "invades": "190",
                "shells": "194",
                "imposes sanctions on": "163",
                "expels the ambassador of": "161",
            }[verb]
            sent = Sentence()
            fl = self.fillers(S, T, T2, None, S["iso"] if S["iso"] in STATES else None)
            fl.update(
                {"A": lambda _: (A["text"], A["code"]), "B": lambda _: (B["text"], B["code"])}
            )
            main = (
                expand_alts(rng, "{S} will " + e["base"])
                if rng.random() < 0.6
                else expand_alts(rng, "{S} would " + e["base"])
            )
            sent.fill("If {A} " + verb + " {B}, " + main, fl)
            sent.finish()
            specs = [
                self.spec(vcode, 0, "A", "B", "hypothetical"),
                self.spec(e["code"], 0, "S", target_slot(e["base"]), "hypothetical"),
            ]
            return [sent], specs, f"hypothetical|if|{verb}|{e['id']}", root
        # "S warned that it would <base> if T ..." -> threat asserted + base hypothetical
        if root not in ("16", "17", "18", "19", "20", "15", "12", "08", "07"):
            return None
        tcode = intent_code(e["code"]) if root not in ("15", "12", "08", "07") else "130"
        if root in ("07", "08", "12", "15"):
            tcode = {"07": "1311", "08": "130", "12": "130", "15": "138"}[root]
        cond = (
            rng.choice(
                [
                    "{T} did not change course",
                    "{T} crossed its red lines",
                    "{T} refused to negotiate",
                    "its demands were ignored",
                ]
            )
            if T
            else rng.choice(["its demands were ignored", "the talks failed"])
        )
        dtxt, date = past_date(rng, d) if rng.random() < 0.5 else (None, None)
        body = (
            "{S} warned" + (" {D}" if dtxt else "") + " that it would " + e["base"] + " if " + cond
        )
        body = expand_alts(rng, body)
        sent = Sentence()
        sent.fill(body, self.fillers(S, T, T2, dtxt, S["iso"] if S["iso"] in STATES else None))
        sent.finish()
        ts = target_slot(e["base"]) or ("T" if T else None)
        specs = [
            self.spec(tcode or "130", 0, "S", ts, "asserted", "D" if dtxt else None, date),
            self.spec(e["code"], 0, "S", ts, "hypothetical"),
        ]
        return [sent], specs, f"hypothetical|warn|{e['id']}", root

    # ------------------------------------------------------------------ statements
    def f_statement(self, root, d):
        rng = self.rng
        if rng.random() < 0.45:
            code = rng.choice(sorted(QUOTES))
            q = rng.choice(QUOTES[code])
            S = self.actor(d, ("person", "person", "ighead", "state"), set())
            dtxt, date = past_date(rng, d) if rng.random() < 0.6 else (None, None)
            verb = rng.choice(
                ["said", "told reporters", "said in a statement", "told a news conference"]
            )
            if rng.random() < 0.5:
                tmpl = '"' + q + '," {S} ' + verb + (" {D}" if dtxt else "")
            else:
                tmpl = "{S} " + verb + (" {D}" if dtxt else "") + ': "' + q + '."'
            sent = Sentence()
            sent.fill(tmpl, self.fillers(S, None, None, dtxt))
            sent.finish()
            return (
                [sent],
                [self.spec(code, 0, "S", None, "asserted", "D" if dtxt else None, date)],
                f"statement|quote|{code}|{q[:12]}",
                "01",
            )
        return self.f_simple("01", d, "past", "statement")

    # ------------------------------------------------------------------ apposition
    def appos(self, A: dict) -> str:
        rng = self.rng
        if A["kind"] == "ighead":
            return rng.choice(A["head"][3][1:])
        h = A["holder"]
        _, role = person_titles(h)
        names, dem, _, _ = STATES[h["iso3"]]
        return rng.choice(
            [f"the {dem} {role}", f"{names[0]}'s {role}", f"the {role} of {names[0]}"]
        )

    def f_apposition(self, root, d):
        rng = self.rng
        e = self.entry(root, need="past", noflag="s")
        if e is None:
            return None
        kinds = ("person", "person", "ighead") if "i" in e["flags"] else ("person",)
        S = self.actor(d, kinds, set())
        if S["kind"] == "person":
            S = dict(S, text=S["holder"]["name"])
        else:
            S = dict(S, text=S["head"][1])
        T = self.target_for(e["past"], e["flags"], d, {S["iso"]})
        T2 = (
            self.actor(d, ("state",), {S["iso"], T["iso"] if T else ""})
            if "{T2}" in e["past"]
            else None
        )
        past = e["past"]
        tapp = False
        if (
            T is not None
            and T["kind"] in ("person", "ighead")
            and past.endswith("{T}")
            and rng.random() < 0.6
        ):
            T = dict(T, text=T["holder"]["name"] if T["kind"] == "person" else T["head"][1])
            past = past + ", " + self.appos(T)
            tapp = True
        src_app = not tapp or rng.random() < 0.5
        dtxt, date = past_date(rng, d) if rng.random() < 0.6 else (None, None)
        body = "{S}, " + self.appos(S) + ", " + past if src_app else "{S} " + past
        body = expand_alts(rng, body + (" {D}" if dtxt else ""))
        sent = Sentence()
        sent.fill(body, self.fillers(S, T, T2, dtxt, S["iso"] if S["iso"] in STATES else None))
        sent.finish()
        return (
            [sent],
            [
                self.spec(
                    e["code"],
                    0,
                    "S",
                    target_slot(e["past"]),
                    "asserted",
                    "D" if dtxt else None,
                    date,
                )
            ],
            f"apposition|{e['id']}|{int(src_app)}{int(tapp)}",
            root,
        )

    # ------------------------------------------------------------------ reported speech
    def official(self, d: dt.date, exclude: set[str]) -> dict:
        rng = self.rng
        iso = rng.choice([s for s in self.states if s not in exclude])
        names, dem, _cap, _ = STATES[iso]
        form, word = rng.choice(
            [
                (f"{names[0]}'s deputy foreign minister", "deputy foreign minister"),
                (f"the {dem} deputy foreign minister", "deputy foreign minister"),
                (f"a spokesperson for the {dem} foreign ministry", "spokesperson"),
                (f"the {dem} foreign ministry spokesman", "spokesman"),
                (f"the {dem} foreign ministry", "foreign ministry"),
                (f"{names[0]}'s defence ministry", "defence ministry"),
                (f"a senior {dem} official", "senior official"),
                (f"{dem} officials", "officials"),
                (f"the {dem} envoy to the UN", "envoy"),
                (f"{names[0]}'s ambassador to the UN", "ambassador"),
            ]
        )
        return {"text": form, "code": self.agent_code(iso, word), "iso": iso, "kind": "agent"}

    def f_reported(self, root, d):
        rng = self.rng
        e = self.entry(root, need="past")
        if e is None:
            return None
        S, T, T2 = self.actors_for(e, d)
        spk_kind = rng.random()
        if spk_kind < 0.4:
            SP = self.official(d, {S["iso"]} if rng.random() < 0.5 else set())
        elif spk_kind < 0.85:
            SP = self.actor(d, ("person",), {S["iso"]})
        else:
            SP = self.actor(d, ("ighead",), {S["iso"]})
        if SP["iso"] == S["iso"] and SP.get("text") == S.get("text"):
            return None
        dtxt, date = past_date(rng, d) if rng.random() < 0.6 else (None, None)
        mode = rng.random()
        said = "said" + (" {D}" if dtxt else "")
        fl = self.fillers(S, T, T2, dtxt, S["iso"] if S["iso"] in STATES else None)
        fl["SP"] = lambda _: (SP["text"], SP["code"])
        specs = []
        ts = target_slot(e["past"])
        if mode < 0.45 or not e["base"]:
            body = (
                "{SP} " + said + " [that |]{S} " + e["past"]
                if rng.random() < 0.6
                else "{S} " + e["past"] + ", {SP} " + said
            )
            status = "asserted"
            key = "past"
        elif mode < 0.7:
            body = "{SP} " + said + " [that |]{S} would " + e["base"]
            status = "intended"
            key = "would"
        elif mode < 0.85 and intent_code(e["code"]) and root in ("04", "05", "06", "07", "08"):
            body = "{SP} " + said + " [that |]{S} had agreed to " + e["base"]
            status = "intended"
            key = "agreed"
            specs.append(self.spec(intent_code(e["code"]), 0, "S", ts, "asserted"))
        else:
            body = "{SP} " + said + " [that |]{S} had not [yet |]agreed to " + e["base"]
            status = "negated"
            key = "notagreed"
        sent = Sentence()
        sent.fill(expand_alts(rng, body), fl)
        sent.finish()
        specs.insert(0, self.spec(e["code"], 0, "S", ts, status))
        specs.append(self.spec("010", 0, "SP", None, "asserted", "D" if dtxt else None, date))
        return [sent], specs, f"reported|{e['id']}|{key}", root

    # ------------------------------------------------------------------ pronouns across sentences
    def f_pronoun(self, root, d):
        rng = self.rng
        e = (
            self.entry(root, need="past", noflag="s")
            if rng.random() < 0.7
            else self.entry(root, need="past")
        )
        if e is None:
            return None
        sents: list[Sentence] = []
        specs: list[dict] = []
        if "s" in e["flags"] or rng.random() < 0.2:
            iso = rng.choice(self.states)
            first = {"text": STATES[iso][0][0], "code": iso, "iso": iso, "kind": "state"}
            pron_opts = ["It", f"The {STATES[iso][1]} government"]
            pcode = [iso, self.agent_code(iso, "government")]
        else:
            first = self.actor(d, ("person",), set())
            h = first["holder"]
            first = dict(
                first, text=self.person_np(h, rng.choice(["title", "full", "demtitle"]))[0]
            )
            p = PRONOUN_OF.get(h["name"])
            _, role = person_titles(h)
            pron_opts = [p.capitalize()] if p else [f"The {role}"]
            pcode = [h["iso3"]]
            if p:
                pron_opts.append(f"The {role}")
                pcode.append(h["iso3"])
        iso = first["iso"]
        host = self.actor(d, ("state",), {iso})
        # sentence 0
        s0 = Sentence()
        k0 = rng.random()
        dtxt, date = past_date(rng, d)
        if k0 < 0.5 and first["kind"] == "person":
            tmpl = expand_alts(
                rng,
                "{S} [arrived in|flew to|travelled to] {P} "
                + "{D}"
                + "[ for talks| on an official visit|]",
            )
            s0.fill(tmpl, self.fillers(first, host, None, dtxt))
            specs.append(self.spec("042", 0, "S", "P", "asserted", "D", date))
            k = "visit"
        elif k0 < 0.75:
            tmpl = expand_alts(
                rng,
                "{S} [is under pressure over|faces criticism over|has been at odds with neighbours over] [its energy policy|the border dispute|rising prices]",
            )
            s0.fill(tmpl, self.fillers(first, host, None, None))
            k = "bg"
            dtxt = None
        else:
            e0 = self.entry(rng.choice(["04", "05", "01", "02"]), need="past", noflag="s")
            S0 = first
            T0 = (
                self.target_for(e0["past"], e0["flags"], d, {iso})
                if target_slot(e0["past"])
                else None
            )
            T0b = (
                self.actor(d, ("state",), {iso, T0["iso"] if T0 else ""})
                if "{T2}" in e0["past"]
                else None
            )
            sent0, sp0 = self.clause(e0, "past", S0, T0, T0b, d)
            s0 = sent0
            specs.extend(sp0)
            k = "ev" + e0["id"]
            host = (
                T0
                if T0 and T0["kind"] != "igo" and T0["iso"] in STATES and T0["kind"] == "state"
                else host
            )
        s0.finish()
        sents.append(s0)
        if rng.random() < 0.35:
            mid = Sentence()
            mid.add(
                expand_alts(
                    rng,
                    "[The trip is the first of its kind since 2019|The two sides have met several times this year|The talks lasted about three hours|Few details were released].",
                )
            )
            sents.append(mid)
        # last sentence: pronoun subject
        i = rng.randrange(len(pron_opts))
        P = {"text": pron_opts[i], "code": pcode[i], "iso": iso, "kind": "pron"}
        T = self.target_for(e["past"], e["flags"], d, {iso})
        T2 = (
            self.actor(d, ("state",), {iso, T["iso"] if T else ""}) if "{T2}" in e["past"] else None
        )
        dt2, date2 = past_date(rng, d) if rng.random() < 0.3 else (None, None)
        body = expand_alts(rng, "{S} [also |later |]" + e["past"] + (" {D}" if dt2 else ""))
        last = Sentence()
        last.fill(body, self.fillers(P, T, T2, dt2))
        last.finish()
        sents.append(last)
        specs.append(
            self.spec(
                e["code"],
                len(sents) - 1,
                "S",
                target_slot(e["past"]),
                "asserted",
                "D" if dt2 else None,
                date2,
            )
        )
        return sents, specs, f"pronoun|{k}|{e['id']}", root

    # ------------------------------------------------------------------ two events in a sentence
    def f_two(self, root, d):
        rng = self.rng
        k = rng.random()
        if k < 0.3:
            code, vp = rng.choice([r for r in RECIPROCAL if root_of(r[0]) == root] or RECIPROCAL)
            S = self.actor(d, ("state", "state", "person"), set())
            T = self.actor(d, ("state", "person"), {S["iso"]})
            dtxt, date = past_date(rng, d) if rng.random() < 0.6 else (None, None)
            sent = Sentence()
            sent.fill(
                expand_alts(rng, "{S} and {T} " + vp + (" {D}" if dtxt else "")),
                self.fillers(S, T, None, dtxt),
            )
            sent.finish()
            dd = "D" if dtxt else None
            specs = [
                self.spec(code, 0, "S", "T", "asserted", dd, date),
                self.spec(code, 0, "T", "S", "asserted", dd, date),
            ]
            return [sent], specs, f"two_events|recip|{code}", root_of(code)
        e1 = self.entry(root, need="past")
        if e1 is None:
            return None
        r2 = rng.choice(sorted(self.by_root))
        e2 = self.entry(r2, need="past")
        S, T, T2 = self.actors_for(e1, d)
        dtxt, date = past_date(rng, d) if rng.random() < 0.6 else (None, None)
        sent = Sentence()
        home = S["iso"] if S["iso"] in STATES else None
        first = expand_alts(rng, "{S} " + e1["past"] + (" {D}" if dtxt else ""))
        sent.fill(first, self.fillers(S, T, T2, dtxt, home))
        dd = "D" if dtxt else None
        specs = [self.spec(e1["code"], 0, "S", target_slot(e1["past"]), "asserted", dd, date)]
        if k < 0.6 and not ("s" in e2["flags"] and S["kind"] == "person"):
            # same subject, second VP
            U = self.target_for(e2["past"], e2["flags"], d, {S["iso"]})
            U2 = (
                self.actor(d, ("state",), {S["iso"], U["iso"] if U else ""})
                if "{T2}" in e2["past"]
                else None
            )
            sent.add(" and ")
            sent.fill(expand_alts(rng, e2["past"]), self.fillers(S, U, U2, None, home), prefix="b")
            specs.append(
                self.spec(
                    e2["code"],
                    0,
                    "S",
                    ("b" + target_slot(e2["past"])) if target_slot(e2["past"]) else None,
                    "asserted",
                    dd,
                    date,
                )
            )
            key = "and"
        else:
            conj = rng.choice([", while ", " after ", ", a day after "])
            S2 = self.actor(d, self.source_kinds(e2), {S["iso"]})
            U = self.target_for(e2["past"], e2["flags"], d, {S2["iso"]})
            U2 = (
                self.actor(d, ("state",), {S2["iso"], U["iso"] if U else ""})
                if "{T2}" in e2["past"]
                else None
            )
            sent.add(conj)
            sent.fill(
                expand_alts(rng, "{S} " + e2["past"]),
                self.fillers(S2, U, U2, None, S2["iso"] if S2["iso"] in STATES else None),
                prefix="b",
            )
            ts2 = target_slot(e2["past"])
            specs.append(
                self.spec(
                    e2["code"],
                    0,
                    "bS",
                    ("b" + ts2) if ts2 else None,
                    "asserted",
                    dd if conj == ", while " else None,
                    date if conj == ", while " else None,
                )
            )
            key = conj.strip(", ")
        sent.finish()
        return [sent], specs, f"two_events|{key}|{e1['id']}|{e2['id']}", root

    # ------------------------------------------------------------------ generic agents
    def f_agents(self, root, d):
        rng = self.rng
        cl = self.clauses_by_root.get(root)
        lexs = [e for e in self.by_root.get(root, []) if "s" in e["flags"]]
        if not cl and not lexs:
            return None
        if cl and (not lexs or rng.random() < 0.6):
            c = rng.choice(cl)
            iso = rng.choice(UNREST)
            _names, dem, cap, _ = STATES[iso]
            other = self.actor(d, ("state",), {iso})
            dtxt, date = past_date(rng, d) if rng.random() < 0.6 else (None, None)

            def agent(arg, with_dem):
                word = expand_alts(rng, arg)
                text = f"{dem} {word}" if with_dem else word
                return text, self.agent_code(iso, word)

            dem_src = rng.random() < 0.35
            fl = self.fillers(None, other, None, dtxt)
            fl.update(
                {
                    "SA": lambda a: agent(a, dem_src),
                    "SA2": lambda a: agent(a, False),
                    "TA": lambda a: agent(a, False),
                    "PL": lambda _: (cap, iso),
                    "TS": lambda _: (STATES[other["iso"]][0][0], other["iso"]),
                    "TDEM": lambda _: (STATES[other["iso"]][1], other["iso"]),
                }
            )
            body = expand_alts(rng, c["clause"])
            body = self.date_pos(body, dtxt)
            sent = Sentence()
            sent.fill(body, fl)
            sent.finish()
            ts = target_slot(c["clause"])
            return (
                [sent],
                [self.spec(c["code"], 0, "SA", ts, "asserted", "D" if dtxt else None, date)],
                f"agents|{c['id']}",
                root,
            )
        e = rng.choice(lexs)
        iso = rng.choice(self.states)
        word = rng.choice(
            ["troops", "forces", "soldiers", "army", "military"]
            if root != "17"
            else ["police", "authorities", "forces"]
        )
        if root == "19" and rng.random() < 0.3:
            word = rng.choice(["warplanes", "jets"])
        text = (
            f"{STATES[iso][1]} {word}"
            if word not in ("army", "military")
            else f"the {STATES[iso][1]} {word}"
        )
        S = {"text": text, "code": self.agent_code(iso, word), "iso": iso, "kind": "agent"}
        T = self.target_for(e["past"], e["flags"], d, {iso}, persons=False)
        T2 = (
            self.actor(d, ("state",), {iso, T["iso"] if T else ""}) if "{T2}" in e["past"] else None
        )
        form = rng.choice(["past", "past", "past", "passive"]) if e["passive"] else "past"
        sent, specs = self.clause(e, form, S, T, T2, d)
        return [sent], specs, f"agents|{e['id']}|{form}", root

    # ------------------------------------------------------------------ officials below minister
    def f_officials(self, root, d):
        rng = self.rng
        e = self.entry(root, need="past", noflag="s")
        if e is None:
            return None
        S = self.official(d, set())
        T = self.target_for(e["past"], e["flags"], d, {S["iso"]})
        T2 = (
            self.actor(d, ("state",), {S["iso"], T["iso"] if T else ""})
            if "{T2}" in e["past"]
            else None
        )
        form = (
            rng.choice(["past", "past", "past", "neg_did", "int_expected"]) if e["base"] else "past"
        )
        S = dict(S, kind="agent")
        sent, specs = self.clause(e, form, S, T, T2, d)
        # plural subjects ("officials") take "are"
        if form == "int_expected" and " is " in sent.text and S["text"].endswith("officials"):
            return None
        return [sent], specs, f"officials|{e['id']}|{form}", root

    # ------------------------------------------------------------------ IGOs
    def f_igo(self, root, d):
        rng = self.rng
        src = [e for e in self.by_root.get(root, []) if "i" in e["flags"]]
        tgt = [e for e in self.by_root.get(root, []) if "I" in e["flags"]]
        if not src and not tgt:
            return None
        if src and (not tgt or rng.random() < 0.6):
            e = rng.choice(src)
            S = self.actor(d, ("igo", "ighead", "ighead"), set())
            T = self.target_for(e["past"], e["flags"].replace("I", ""), d, {S["iso"]})
            side = "src"
        else:
            e = rng.choice(tgt)
            S = self.actor(d, ("state", "person"), set())
            T = (
                self.actor(d, ("igo", "ighead"), {S["iso"]})
                if not (_uses(e["past"]) & {"TS", "TD", "P"})
                else None
            )
            if T is None:
                return None
            side = "tgt"
        T2 = (
            self.actor(d, ("state",), {S["iso"], T["iso"] if T else ""})
            if "{T2}" in e["past"]
            else None
        )
        form = rng.choice(["past", "past", "past", "passive"]) if e["passive"] else "past"
        sent, specs = self.clause(e, form, S, T, T2, d)
        return [sent], specs, f"igo|{side}|{e['id']}|{form}", root

    # ------------------------------------------------------------------ past events in a present article
    REAL_PAST: ClassVar[list[tuple[str, ...]]] = [
        ("2003", "USA", "IRQ", "190", "{S} invaded {TS}", "in 2003"),
        ("2003-03", "USA", "IRQ", "190", "{S} launched its invasion of {TS}", "in March 2003"),
        ("2008-08", "RUS", "GEO", "190", "{S} fought a five-day war with {TS}", "in August 2008"),
        ("2014-03", "RUS", "UKR", "192", "{S} annexed Crimea from {TS}", "in March 2014"),
        ("2014", "RUS", "UKR", "192", "{S} seized Crimea from {TS}", "in 2014"),
        (
            "2015-11",
            "TUR",
            "RUS",
            "190",
            "{S} shot down a {TDEM} warplane near the Syrian border",
            "in November 2015",
        ),
        ("2016-01", "SAU", "IRN", "161", "{S} cut diplomatic ties with {TS}", "in January 2016"),
        ("2017-06", "SAU", "QAT", "161", "{S} severed relations with {TS}", "in June 2017"),
        (
            "2022-02",
            "RUS",
            "UKR",
            "190",
            "{S} launched its full-scale invasion of {TS}",
            "in February 2022",
        ),
        (
            "2020-09",
            "AZE",
            "ARM",
            "190",
            "{S} launched an offensive against {TDEM} forces in Karabakh",
            "in September 2020",
        ),
        (
            "2019-10",
            "TUR",
            "SYR",
            "190",
            "{S} launched a military operation in northern {TS}",
            "in October 2019",
        ),
        (
            "2021-04",
            "ARM",
            "AZE",
            "0841",
            "{S} received the prisoners returned by {TS}",
            "in April 2021",
        ),
    ]

    def f_past(self, root, d):
        rng = self.rng
        if rng.random() < 0.15:
            cands = [r for r in self.REAL_PAST if root_of(r[3]) == root]
            if cands:
                date, s_iso, t_iso, code, tmpl, dtxt = rng.choice(cands)
                art = d if d.isoformat()[:7] > date[:7] else dt.date(int(date[:4]) + 2, 6, 1)
                S = {"text": STATES[s_iso][0][0], "code": s_iso, "iso": s_iso, "kind": "state"}
                T = {"text": STATES[t_iso][0][0], "code": t_iso, "iso": t_iso, "kind": "state"}
                if code == "0841":
                    S, T = T, S  # the releasing side is the source
                    tmpl = "{S} returned prisoners to {TS}"
                body = rng.choice(
                    [
                        "{D}, " + tmpl,
                        tmpl + " {D}",
                        "Relations have been tense since " + tmpl + " {D}",
                        "The dispute dates back to "
                        + tmpl[:0]
                        + dtxt.replace("in ", "")
                        + ", when "
                        + tmpl,
                    ]
                )
                sent = Sentence()
                fl = self.fillers(S, T, None, dtxt)
                fl["D"] = lambda _: (dtxt if "dates back" not in body else "", None)
                if "dates back" in body:
                    # the date expression is the year/month after "to"
                    pre = "The dispute dates back to "
                    sent.add(pre)
                    sent.add(dtxt.replace("in ", ""), "D", None)
                    sent.fill(", when " + tmpl, self.fillers(S, T, None, None))
                else:
                    sent.fill(body, fl)
                sent.finish()
                ts = target_slot(tmpl)
                return (
                    [sent],
                    [self.spec(code, 0, "S", ts, "asserted", "D", date)],
                    f"past|real|{tmpl[:20]}",
                    root,
                    art,
                )
        e = self.entry(root, need="past", flag="s") or self.entry(root, need="past")
        if e is None:
            return None
        S = self.actor(d, ("state",), set())
        T = self.target_for(e["past"], e["flags"], d, {S["iso"]}, persons=False)
        if T is not None and T["kind"] in ("igo", "ighead"):
            return None
        T2 = (
            self.actor(d, ("state",), {S["iso"], T["iso"] if T else ""})
            if "{T2}" in e["past"]
            else None
        )
        year = rng.randint(1993, d.year - 2)
        if rng.random() < 0.35:
            m = rng.randint(1, 12)
            dtxt, date = f"in {MONTHS[m - 1]} {year}", f"{year:04d}-{m:02d}"
        else:
            dtxt, date = f"in {year}", f"{year:04d}"
        k = rng.randrange(4)
        vp = expand_alts(rng, e["past"])
        if k == 0:
            body = "{D}, {S} " + vp
        elif k == 1:
            body = "{S} " + vp + " {D}"
        elif k == 2:
            body = (
                "[Relations have been strained|Ties have remained cool|Trust has been low] since {S} "
                + vp
                + " {D}"
            )
        else:
            body = "[Analysts recall that|It was] {D} that {S} " + vp
        sents = []
        specs = []
        if rng.random() < 0.4 and T is not None:
            s0 = Sentence()
            s0.fill(
                expand_alts(
                    rng,
                    "[Tensions between {S} and {TS} remain high|{S} and {TS} have a troubled history|The anniversary was marked quietly in {TCAP}]",
                ),
                dict(self.fillers(S, T, T2, None), TCAP=lambda _: (STATES[T["iso"]][2], T["iso"])),
                prefix="x",
            )
            s0.finish()
            sents.append(s0)
        sent = Sentence()
        sent.fill(expand_alts(rng, body), self.fillers(S, T, T2, dtxt, S["iso"]))
        sent.finish()
        sents.append(sent)
        specs.append(
            self.spec(e["code"], len(sents) - 1, "S", target_slot(e["past"]), "asserted", "D", date)
        )
        return sents, specs, f"past|{e['id']}|{k}", root

    # ------------------------------------------------------------------ negatives
    def f_negative(self, d):
        rng = self.rng
        trig = rng.random() < 0.6
        pool = NEGATIVE_TRIGGER if trig else NEGATIVE_BACKGROUND
        i = rng.randrange(len(pool))
        tmpl = expand_alts(rng, pool[i])
        a, b = rng.sample(self.states, 2)
        dx, _ = past_date(rng, d)
        fl = {
            "IDX": lambda _: (rng.choice(INDICES), None),
            "DEM": lambda _: (STATES[a][1], None),
            "NAME": lambda _: (STATES[a][0][0], None),
            "NAME2": lambda _: (STATES[b][0][0], None),
            "CAP": lambda _: (STATES[a][2], None),
            "WD": lambda _: (rng.choice(WEEKDAYS[:5]), None),
            "DX": lambda _: (dx, None),
        }
        sents = []
        n = 1 if rng.random() < 0.45 else 2
        for j in range(n):
            s = Sentence()
            if j == 0:
                s.fill(tmpl, fl)
            else:
                s.fill(expand_alts(rng, rng.choice(NEGATIVE_BACKGROUND)), fl)
            s.finish()
            sents.append(s)
        fam = "negative.trigger" if trig else "negative.background"
        return sents, [], f"{fam}|{i}", None

    # ------------------------------------------------------------------ assembly
    def assemble(
        self,
        idx: int,
        sents: list[Sentence],
        specs: list[dict],
        art: dt.date,
        family: str,
        key: str,
    ) -> dict:
        text = ""
        bases = []
        for s in sents:
            if text:
                text += " "
            bases.append(len(text))
            text += s.text
        events = []
        for sp in specs:
            sent = sents[sp["sent"]]
            base = bases[sp["sent"]]
            src = sent.spans[sp["src"]]
            tgt = (
                sent.spans.get(sp["tgt"]) if sp["tgt"] else None
            )  # a base form may drop the target
            dtxt = None
            if sp["dt"]:
                d0, d1, _ = sent.spans[sp["dt"]]
                dtxt = text[base + d0 : base + d1]
            events.append(
                self.ev(
                    sp["code"],
                    sp["sent"],
                    src,
                    tgt,
                    sp["status"],
                    dtxt,
                    sp["d"] if dtxt else None,
                    base,
                    text,
                )
            )
        h = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16)
        split = "dev" if h % 100 < DEV_PERCENT else "train"
        return {
            "id": f"{VERSION}-{idx:05d}",
            "text": text,
            "article_date": art.isoformat(),
            "family": family,
            "split": split,
            "events": events,
        }

    def generate(self, n: int) -> list[dict]:
        rng = self.rng
        rows: list[dict] = []
        seen: set[str] = set()
        names = [p for p, _ in PHENOMENA]
        weights = [w for _, w in PHENOMENA]
        roots = [f"{i:02d}" for i in range(1, 21)]
        root_w = [2.2 if r == "01" else 1.0 for r in roots]
        attempts = 0
        while len(rows) < n:
            attempts += 1
            if attempts > n * 30:
                raise RuntimeError("generator stuck")
            ph = rng.choices(names, weights)[0]
            d = self.pick_date()
            if ph == "negative":
                out = self.f_negative(d)
            else:
                root = "01" if ph == "statement" else rng.choices(roots, root_w)[0]
                if ph == "agents":
                    root = rng.choice(
                        ["14", "14", "14", "14", "14", "15", "17", "17", "18", "18", "19", "20"]
                    )
                out = getattr(self, "f_" + {"two_events": "two"}.get(ph, ph))(root, d)
            if out is None:
                continue
            art = d
            if len(out) == 5:
                sents, specs, key, root, art = out
            else:
                sents, specs, key, root = out
            family = key.split("|")[0] if ph == "negative" else f"{ph}.{root}"
            row = self.assemble(len(rows), sents, specs, art, family, key)
            if row["text"] in seen or "{" in row["text"] or "[" in row["text"]:
                continue
            seen.add(row["text"])
            rows.append(row)
        return rows


def write(rows: list[dict], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "events_corpus.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def stats(rows: list[dict]) -> dict:
    from collections import Counter

    fam, root, status, split, _fam_split = Counter(), Counter(), Counter(), Counter(), Counter()
    for r in rows:
        fam[r["family"]] += 1
        split[r["split"]] += 1
        for rt in sorted({e["cameo"][:2] for e in r["events"]}):
            root[rt] += 1
        for e in r["events"]:
            status[e["status"]] += 1
        if not r["events"]:
            root["none"] += 1
    return {
        "rows": len(rows),
        "events": sum(len(r["events"]) for r in rows),
        "split": dict(sorted(split.items())),
        "root_rows": dict(sorted(root.items())),
        "status_events": dict(sorted(status.items())),
        "family_rows": dict(sorted(fam.items())),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--n", type=int, default=DEFAULT_N)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--stats", action="store_true", help="print counts as JSON")
    a = ap.parse_args(argv)
    rows = Corpus(a.seed).generate(a.n)
    path = write(rows, a.out)
    s = stats(rows)
    print(f"{VERSION}: wrote {s['rows']} rows, {s['events']} events to {path}")
    if a.stats:
        print(json.dumps(s, indent=1))


if __name__ == "__main__":
    main()
