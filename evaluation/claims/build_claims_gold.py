"""Builds claims_gold.jsonl from the passages below (offsets are computed, never typed by hand).

Written by the project from public knowledge; see SOURCE.md. Never use this set to build or tune
the claim finder. Run: python evaluation/claims/build_claims_gold.py
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("claims_gold.jsonl")

S, X, M, N = "supported", "contradicted", "mixed", "not checkable"


def C(type_, states, refers_to, verdict, why):
    return {"type": type_, "states": states, "refers_to": refers_to, "verdict": verdict, "why": why}


def OP(states, refers_to, why="opinion: a value judgement, not checked"):
    return C("opinion", states, refers_to, N, why)


def QT(states, refers_to, why):
    return C("quantity", states, refers_to, N, why)


# Each passage: (article date, [(sentence, None | claim | [claims])]).
PASSAGES = [
    (
        "2019-05-14",
        [
            (
                "Tbilisi hosted a delegation of defence officials from Brussels on Tuesday under grey spring skies.",
                None,
            ),
            (
                "Georgia, which has taken part in NATO's Partnership for Peace since 1994, wants the next summit to offer a clear path to membership.",
                C(
                    "membership",
                    ["GEO", "PfP"],
                    "2019-05-14",
                    S,
                    "Georgia joined the Partnership for Peace on 1994-03-23 and remains a partner",
                ),
            ),
            (
                "As a full member of the alliance, Georgia already contributes troops to every NATO operation, the deputy minister said.",
                C(
                    "membership",
                    ["GEO", "NATO"],
                    "2019-05-14",
                    X,
                    "Georgia is not a NATO member; PfP partner since 1994, aspirant since the 2008 Bucharest summit",
                ),
            ),
            (
                "The government expects the new training centre near Krtsanisi to open in the autumn.",
                None,
            ),
        ],
    ),
    (
        "2008-09-05",
        [
            (
                "Georgia broke off diplomatic relations with Russia at the end of August, the foreign ministry confirmed.",
                C(
                    "relations",
                    ["GEO", "RUS"],
                    "2008-08-29",
                    S,
                    "Georgia severed diplomatic relations with Russia on 2008-08-29 after the August war",
                ),
            ),
            (
                "Georgia remains, for now, a member of the Commonwealth of Independent States, whose exit procedure takes twelve months.",
                C(
                    "membership",
                    ["GEO", "CIS"],
                    "2008-09-05",
                    S,
                    "Georgia notified withdrawal in August 2008; its CIS membership ended on 2009-08-18",
                ),
            ),
            (
                "Relief convoys continued to reach Gori, where many residents spent another night outdoors.",
                None,
            ),
        ],
    ),
    (
        "2024-01-10",
        [
            (
                "Georgia, granted EU candidate status in December, has pledged to carry out the nine steps set out by the Commission.",
                C(
                    "membership",
                    ["GEO", "EU"],
                    "2024-01-10",
                    S,
                    "the European Council granted Georgia candidate status on 2023-12-14",
                ),
            ),
            (
                "Georgia was also a founding member of GUAM, alongside Ukraine, Azerbaijan and Moldova.",
                C(
                    "membership",
                    ["GEO", "UKR", "AZE", "MDA", "GUAM"],
                    "1997",
                    S,
                    "GUAM was founded in October 1997 by Georgia, Ukraine, Azerbaijan and Moldova",
                ),
            ),
            ("Snow closed the Rikoti pass for several hours on Wednesday.", None),
            (
                "Our partnership with the European Union is the cornerstone of Georgia's future.",
                OP(["GEO", "EU"], "2024-01-10"),
            ),
        ],
    ),
    (
        "2012-06-20",
        [
            (
                "Kyiv reaffirmed on Wednesday the non-bloc status written into Ukrainian law in 2010.",
                C(
                    "alignment",
                    ["UKR"],
                    "2012-06-20",
                    S,
                    "the 2010 law on the principles of domestic and foreign policy fixed Ukraine's non-bloc status (repealed 2014-12-23)",
                ),
            ),
            (
                "Ukraine is not a member of NATO and cooperates with it through the Partnership for Peace.",
                C(
                    "membership",
                    ["UKR", "NATO", "PfP"],
                    "2012-06-20",
                    S,
                    "Ukraine is not a NATO member; PfP partner since 1994-02-08",
                ),
            ),
            (
                "The European football championship, co-hosted with Poland, has filled hotels in Kyiv and Lviv.",
                None,
            ),
            (
                "Ukraine intends to sign its association agreement with the European Union before the end of the year.",
                None,
            ),
        ],
    ),
    (
        "2016-03-01",
        [
            (
                "Ukraine continues its policy of non-bloc neutrality, the spokesman told reporters.",
                C(
                    "alignment",
                    ["UKR"],
                    "2016-03-01",
                    X,
                    "the Verkhovna Rada abandoned the non-bloc status on 2014-12-23",
                ),
            ),
            (
                "In March 2014 a large majority of the General Assembly, including Ukraine's neighbour Moldova, adopted resolution 68/262 affirming Ukraine's territorial integrity.",
                C(
                    "vote",
                    ["MDA"],
                    "2014-03-27",
                    S,
                    "A/RES/68/262 (2014-03-27, 100-11-58): Moldova voted yes",
                ),
            ),
            (
                "Armenia and Belarus were among the eleven states that voted against that resolution.",
                C(
                    "vote",
                    ["ARM", "BLR"],
                    "2014-03-27",
                    S,
                    "A/RES/68/262: 11 votes against, including Armenia and Belarus",
                ),
            ),
            ("Farmers in the south are worried about a dry spring.", None),
        ],
    ),
    (
        "2024-01-13",
        [
            (
                "Ukraine and the United Kingdom signed a bilateral agreement on security cooperation in Kyiv on Friday.",
                C(
                    "alliance",
                    ["UKR", "GBR"],
                    "2024-01-12",
                    S,
                    "UK-Ukraine Agreement on Security Co-operation signed in Kyiv on 2024-01-12",
                ),
            ),
            (
                "Ukraine was granted EU candidate status in June 2022.",
                C(
                    "membership",
                    ["UKR", "EU"],
                    "2022-06-23",
                    S,
                    "the European Council granted Ukraine candidate status on 2022-06-23",
                ),
            ),
            ("Air-raid sirens sounded twice in the capital during the visit.", None),
            ("Britain has been a steadfast friend to Ukraine.", OP(["GBR", "UKR"], "2024-01-13")),
        ],
    ),
    (
        "2022-06-24",
        [
            (
                "EU leaders on Thursday granted candidate status to Moldova and Ukraine.",
                C(
                    "membership",
                    ["MDA", "UKR", "EU"],
                    "2022-06-23",
                    S,
                    "European Council of 2022-06-23 granted both candidate status",
                ),
            ),
            (
                "Moldova's constitution declares the country permanently neutral, and Chisinau says candidacy does not change that.",
                C(
                    "alignment",
                    ["MDA"],
                    "2022-06-24",
                    S,
                    "Article 11 of the 1994 Moldovan constitution proclaims permanent neutrality",
                ),
            ),
            (
                "Moldova has also been an observer at the Eurasian Economic Union since 2018.",
                C(
                    "membership",
                    ["MDA", "EAEU"],
                    "2022-06-24",
                    S,
                    "Moldova received EAEU observer status on 2018-05-14",
                ),
            ),
            ("Gas prices remain the government's most pressing concern ahead of winter.", None),
        ],
    ),
    (
        "2024-11-01",
        [
            (
                "Moldova abstained this week when the General Assembly voted on ending the United States embargo against Cuba.",
                C(
                    "vote",
                    ["MDA"],
                    "2024-10-30",
                    S,
                    "A/RES/79/7 (2024-10-30, 187-2-1): Moldova was the only abstention",
                ),
            ),
            (
                "Moldova is a full member of the Eurasian Economic Union.",
                C(
                    "membership",
                    ["MDA", "EAEU"],
                    "2024-11-01",
                    X,
                    "Moldova is only an EAEU observer (since 2018); members are ARM, BLR, KAZ, KGZ, RUS",
                ),
            ),
            ("The second round of the presidential election is due on Sunday.", None),
            (
                "Moldova also sits in GUAM alongside Georgia, Ukraine and Azerbaijan.",
                C(
                    "membership",
                    ["MDA", "GUAM"],
                    "2024-11-01",
                    S,
                    "Moldova is a GUAM member since its founding in 1997",
                ),
            ),
        ],
    ),
    (
        "2023-05-20",
        [
            (
                "Armenia, a member of the Collective Security Treaty Organization, has complained that its allies failed to respond to the incursions of 2022.",
                C(
                    "membership",
                    ["ARM", "CSTO"],
                    "2023-05-20",
                    S,
                    "Armenia was a CSTO member; it froze its participation only in February 2024",
                ),
            ),
            (
                "Armenia has been a member of the Eurasian Economic Union since January 2015.",
                C(
                    "membership",
                    ["ARM", "EAEU"],
                    "2023-05-20",
                    S,
                    "Armenia joined the EAEU on 2015-01-02",
                ),
            ),
            (
                "Armenia has no diplomatic relations with Turkey, although special envoys have met several times since 2022.",
                C(
                    "relations",
                    ["ARM", "TUR"],
                    "2023-05-20",
                    S,
                    "Armenia and Turkey never established diplomatic relations; normalisation envoys named in 2021-22",
                ),
            ),
            ("Yerevan will host a regional wine festival next month.", None),
        ],
    ),
    (
        "2024-06-15",
        [
            (
                "Armenia continues to participate fully in all activities of the CSTO.",
                C(
                    "membership",
                    ["ARM", "CSTO"],
                    "2024-06-15",
                    X,
                    "Armenia froze its participation in the CSTO in February 2024",
                ),
            ),
            (
                "Armenia also keeps observer status in the Non-Aligned Movement.",
                C(
                    "membership",
                    ["ARM", "NAM"],
                    "2024-06-15",
                    S,
                    "Armenia is a NAM observer, not a member",
                ),
            ),
            (
                "Armenia was one of the five countries that abstained on the General Assembly's March 2022 resolution on Ukraine.",
                C(
                    "vote",
                    ["ARM"],
                    "2022-03-02",
                    M,
                    "Armenia abstained on A/RES/ES-11/1 (141-5-35), but 35 states abstained, not five",
                ),
            ),
            ("The prime minister said Armenia would diversify its security partnerships.", None),
        ],
    ),
    (
        "2020-10-05",
        [
            (
                "Fighting between Armenia and Azerbaijan has continued for more than a week along the line of contact.",
                C(
                    "relations",
                    ["ARM", "AZE"],
                    "2020-10-05",
                    S,
                    "the second Karabakh war began on 2020-09-27 and lasted until 2020-11-10",
                ),
            ),
            (
                "Before this autumn, the 1994 ceasefire had held without serious armed clashes.",
                C(
                    "relations",
                    ["ARM", "AZE"],
                    "2020",
                    X,
                    "deadly clashes in April 2016 (four-day war) and July 2020 (Tovuz)",
                ),
            ),
            (
                "Armenia and Russia are bound by a 1997 treaty of friendship, cooperation and mutual assistance.",
                C(
                    "alliance",
                    ["ARM", "RUS"],
                    "1997-08-29",
                    S,
                    "Russia-Armenia Treaty of Friendship, Cooperation and Mutual Assistance, 1997-08-29",
                ),
            ),
            ("Many families in Stepanakert have moved into basements.", None),
        ],
    ),
    (
        "2021-06-16",
        [
            (
                "Azerbaijan and Turkey signed the Shusha Declaration on allied relations on Tuesday, including a pledge of mutual military assistance.",
                C(
                    "alliance",
                    ["AZE", "TUR"],
                    "2021-06-15",
                    S,
                    "Shusha Declaration on Allied Relations signed 2021-06-15, with a mutual-assistance clause",
                ),
            ),
            (
                "Azerbaijan has chaired the Non-Aligned Movement since October 2019.",
                C(
                    "membership",
                    ["AZE", "NAM"],
                    "2021-06-16",
                    S,
                    "Azerbaijan took the NAM chair at the Baku summit on 2019-10-25",
                ),
            ),
            (
                "Both countries are founding members of the Turkic Council, established in 2009.",
                C(
                    "membership",
                    ["AZE", "TUR", "OTS"],
                    "2009",
                    S,
                    "the Nakhchivan Agreement of 2009-10-03 founded the Turkic Council: AZE, KAZ, KGZ, TUR",
                ),
            ),
            (
                "Official Baku has diplomatic relations with more than 180 countries.",
                QT(["AZE"], "2021-06-16", "number of diplomatic relations: not in the records"),
            ),
            ("Turkey is Azerbaijan's most reliable ally.", OP(["TUR", "AZE"], "2021-06-16")),
        ],
    ),
    (
        "2022-02-23",
        [
            (
                "Presidents Aliyev and Putin signed a declaration on allied interaction in Moscow on Tuesday.",
                C(
                    "alliance",
                    ["AZE", "RUS"],
                    "2022-02-22",
                    S,
                    "Declaration on Allied Interaction between Azerbaijan and Russia, signed 2022-02-22",
                ),
            ),
            (
                "Azerbaijan is not a member of the CSTO, having left the Collective Security Treaty in 1999.",
                C(
                    "membership",
                    ["AZE", "CSTO"],
                    "2022-02-23",
                    S,
                    "Azerbaijan did not renew the Collective Security Treaty in 1999 and never joined the CSTO",
                ),
            ),
            (
                "The document runs to forty-three points, from energy to education.",
                QT(["AZE", "RUS"], "2022-02-22", "the length of a document is not in the records"),
            ),
            ("Moscow was cold and overcast as the motorcade crossed the city.", None),
        ],
    ),
    (
        "2014-03-28",
        [
            (
                "Azerbaijan voted on Thursday in favour of the General Assembly resolution supporting the territorial integrity of Ukraine.",
                C(
                    "vote",
                    ["AZE"],
                    "2014-03-27",
                    S,
                    "A/RES/68/262 (2014-03-27): Azerbaijan voted yes",
                ),
            ),
            (
                "In March 2008 Armenia, Russia and the United States voted against the Assembly resolution on the occupied territories of Azerbaijan.",
                C(
                    "vote",
                    ["ARM", "RUS", "USA"],
                    "2008-03-14",
                    S,
                    "A/RES/62/243 (2008-03-14): ARM, RUS and USA among the 7 no votes",
                ),
            ),
            ("A light rain fell over Baku as the parliament opened its spring session.", None),
        ],
    ),
    (
        "2023-02-01",
        [
            (
                "Azerbaijan evacuated its embassy in Tehran after last week's armed attack that killed a security officer.",
                C(
                    "relations",
                    ["AZE", "IRN"],
                    "2023-01-27",
                    S,
                    "gunman attacked Azerbaijan's embassy in Tehran on 2023-01-27; staff evacuated",
                ),
            ),
            (
                "Relations between Baku and Tehran have been untroubled this winter.",
                C(
                    "relations",
                    ["AZE", "IRN"],
                    "2023-02-01",
                    X,
                    "embassy attack of 2023-01-27 and a year of mutual recriminations and military drills",
                ),
            ),
            (
                "Trade between the two neighbours was about 500 million dollars last year.",
                QT(["AZE", "IRN"], "2022", "trade volume: not in the records"),
            ),
        ],
    ),
    (
        "2011-05-26",
        [
            (
                "Azerbaijan was admitted this week as a full member of the Non-Aligned Movement at the ministerial conference in Bali.",
                C(
                    "membership",
                    ["AZE", "NAM"],
                    "2011-05-25",
                    S,
                    "Azerbaijan joined NAM at the Bali ministerial conference in May 2011",
                ),
            ),
            (
                "With Fiji also admitted, the movement now counts 120 members.",
                C(
                    "count",
                    ["NAM"],
                    "2011-05-26",
                    S,
                    "118 members plus Azerbaijan and Fiji in May 2011 = 120",
                ),
            ),
            (
                "Azerbaijan remains a participant in NATO's Partnership for Peace.",
                C(
                    "membership",
                    ["AZE", "PfP"],
                    "2011-05-26",
                    S,
                    "Azerbaijan joined PfP on 1994-05-04",
                ),
            ),
            ("Officials in Baku said the decision had been prepared for several years.", None),
        ],
    ),
    (
        "2019-09-10",
        [
            (
                "Kazakhstan pursues a multi-vector foreign policy, balancing its ties with Russia, China, the United States and the European Union.",
                C(
                    "alignment",
                    ["KAZ"],
                    "2019-09-10",
                    M,
                    "CSTO/EAEU ally of Russia and SCO member, yet PfP partner since 1994; UN votes close to Russia (no on Crimea rights resolutions)",
                ),
            ),
            (
                "Kazakhstan is a member of the Collective Security Treaty Organization, the Eurasian Economic Union and the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["KAZ", "CSTO", "EAEU", "SCO"],
                    "2019-09-10",
                    S,
                    "Kazakhstan is a founding member of all three",
                ),
            ),
            (
                "Kazakhstan has never been party to a military alliance.",
                C(
                    "alliance",
                    ["KAZ"],
                    "2019-09-10",
                    X,
                    "party to the Collective Security Treaty since 1992 and a CSTO member",
                ),
            ),
            ("Early frosts reached the capital this week.", None),
            (
                "Kazakhstan has attracted more than 300 billion dollars of foreign direct investment since independence.",
                QT(["KAZ"], "2019-09-10", "investment totals: not in the records"),
            ),
        ],
    ),
    (
        "2022-04-08",
        [
            (
                "Kazakhstan voted on Thursday against suspending Russia from the Human Rights Council.",
                C(
                    "vote",
                    ["KAZ"],
                    "2022-04-07",
                    S,
                    "A/RES/ES-11/3 (2022-04-07, 93-24-58): Kazakhstan voted no",
                ),
            ),
            (
                "Kazakhstan also voted against the resolution of 2 March demanding Russia's withdrawal from Ukraine.",
                C("vote", ["KAZ"], "2022-03-02", X, "A/RES/ES-11/1: Kazakhstan abstained"),
            ),
            ("The tenge has recovered part of its losses since February.", None),
            (
                "Vietnam likewise voted against the suspension.",
                C("vote", ["VNM"], "2022-04-07", S, "A/RES/ES-11/3: Vietnam voted no"),
            ),
        ],
    ),
    (
        "2022-09-15",
        [
            (
                "Pope Francis is in Astana this week for the Congress of Leaders of World and Traditional Religions.",
                None,
            ),
            (
                "Kazakhstan is a founding member of the Organization of Turkic States.",
                C(
                    "membership",
                    ["KAZ", "OTS"],
                    "2022-09-15",
                    S,
                    "founder of the Turkic Council (2009), renamed OTS in 2021",
                ),
            ),
            (
                "Kazakhstan is a full member of the Non-Aligned Movement.",
                C(
                    "membership",
                    ["KAZ", "NAM"],
                    "2022-09-15",
                    X,
                    "Kazakhstan is a NAM observer, not a member",
                ),
            ),
            ("Kazakhstan is a bridge between East and West.", OP(["KAZ"], "2022-09-15")),
        ],
    ),
    (
        "2022-03-03",
        [
            (
                "Serbia voted on Wednesday for the General Assembly resolution condemning Russia's aggression against Ukraine.",
                C("vote", ["SRB"], "2022-03-02", S, "A/RES/ES-11/1 (2022-03-02): Serbia voted yes"),
            ),
            ("The president said the decision had been a difficult one.", None),
            (
                "Serbia remains committed to the military neutrality proclaimed by its parliament in 2007.",
                C(
                    "alignment",
                    ["SRB"],
                    "2022-03-03",
                    S,
                    "National Assembly resolution of 2007-12-26 declared military neutrality; Serbia joined no military bloc",
                ),
            ),
            (
                "Serbia has been an EU candidate country since 2012.",
                C(
                    "membership",
                    ["SRB", "EU"],
                    "2022-03-03",
                    S,
                    "Serbia was granted candidate status on 2012-03-01",
                ),
            ),
            ("China is Serbia's iron-clad friend.", OP(["CHN", "SRB"], "2022-03-03")),
        ],
    ),
    (
        "2014-03-29",
        [
            (
                "Serbia was among the countries that did not take part in Thursday's vote on Ukraine's territorial integrity.",
                C("vote", ["SRB"], "2014-03-27", S, "A/RES/68/262: Serbia did not vote"),
            ),
            (
                "Serbia has observer status in the Non-Aligned Movement, which was founded in Belgrade in 1961.",
                C(
                    "membership",
                    ["SRB", "NAM"],
                    "2014-03-29",
                    S,
                    "Serbia is a NAM observer; the first NAM summit was held in Belgrade in September 1961",
                ),
            ),
            (
                "Serbia is a member of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["SRB", "CSTO"],
                    "2014-03-29",
                    X,
                    "Serbia is not a CSTO member (only observer in its Parliamentary Assembly)",
                ),
            ),
            ("The Sava is expected to rise after heavy rain in the mountains.", None),
        ],
    ),
    (
        "2016-12-20",
        [
            (
                "Serbia voted against Monday's General Assembly resolution on human rights in Crimea.",
                C(
                    "vote",
                    ["SRB"],
                    "2016-12-19",
                    S,
                    "A/RES/71/205 (2016-12-19, 70-26-77): Serbia voted no",
                ),
            ),
            (
                "Serbia joined NATO's Partnership for Peace in 2006.",
                C("membership", ["SRB", "PfP"], "2006-12-14", S, "Serbia joined PfP on 2006-12-14"),
            ),
            (
                "Serbia's exports to Russia grew by about a tenth this year.",
                QT(["SRB", "RUS"], "2016", "trade growth: not in the records"),
            ),
        ],
    ),
    (
        "2017-06-06",
        [
            (
                "Montenegro became the 29th member of NATO on Monday.",
                [
                    C(
                        "membership",
                        ["MNE", "NATO"],
                        "2017-06-05",
                        S,
                        "Montenegro acceded to NATO on 2017-06-05",
                    ),
                    C(
                        "count",
                        ["NATO"],
                        "2017-06-05",
                        S,
                        "NATO had 29 members from 2017-06-05 to 2020-03-27",
                    ),
                ],
            ),
            (
                "Neighbouring Serbia also became a NATO member this year.",
                C(
                    "membership",
                    ["SRB", "NATO"],
                    "2017-06-06",
                    X,
                    "Serbia is not a NATO member; PfP partner since 2006",
                ),
            ),
            ("The ceremony in Washington lasted less than an hour.", None),
        ],
    ),
    (
        "2022-03-04",
        [
            (
                "India abstained on Wednesday's General Assembly resolution on Russia's aggression against Ukraine.",
                C("vote", ["IND"], "2022-03-02", S, "A/RES/ES-11/1: India abstained"),
            ),
            (
                "India, a founding member of the Non-Aligned Movement, has called for dialogue and diplomacy.",
                C(
                    "membership",
                    ["IND", "NAM"],
                    "1961",
                    S,
                    "India was a founder of NAM at Belgrade in 1961",
                ),
            ),
            (
                "India has been a member of the Shanghai Cooperation Organisation since 2017 and is a founding member of BRICS.",
                C(
                    "membership",
                    ["IND", "SCO", "BRICS"],
                    "2022-03-04",
                    S,
                    "India joined the SCO on 2017-06-09; BRIC founder 2009",
                ),
            ),
            ("Markets in Mumbai fell sharply as oil prices rose.", None),
        ],
    ),
    (
        "2022-10-13",
        [
            (
                "India voted in favour of Wednesday's resolution rejecting Russia's annexation of four Ukrainian regions.",
                C(
                    "vote",
                    ["IND"],
                    "2022-10-12",
                    X,
                    "A/RES/ES-11/4 (2022-10-12, 143-5-35): India abstained",
                ),
            ),
            (
                "South Africa abstained on the same resolution.",
                C("vote", ["ZAF"], "2022-10-12", S, "A/RES/ES-11/4: South Africa abstained"),
            ),
            (
                "Turkey backed the text.",
                C("vote", ["TUR"], "2022-10-12", S, "A/RES/ES-11/4: Turkey voted yes"),
            ),
            ("Delegates said the debate had been unusually tense.", None),
        ],
    ),
    (
        "2020-06-20",
        [
            (
                "Twenty Indian soldiers died in a clash with Chinese troops in the Galwan valley on Monday night.",
                C(
                    "relations",
                    ["IND", "CHN"],
                    "2020-06-15",
                    S,
                    "Galwan valley clash of 2020-06-15: 20 Indian soldiers killed",
                ),
            ),
            (
                "India does not belong to any military alliance.",
                C(
                    "alignment",
                    ["IND"],
                    "2020-06-20",
                    S,
                    "India has no defence pact with any state; NAM founder; the Quad is not an alliance",
                ),
            ),
            ("India is a reliable and responsible power.", OP(["IND"], "2020-06-20")),
            ("The monsoon reached Mumbai a few days ahead of schedule.", None),
        ],
    ),
    (
        "2017-12-22",
        [
            (
                "India voted in favour of the General Assembly resolution on the status of Jerusalem on Thursday.",
                C(
                    "vote",
                    ["IND"],
                    "2017-12-21",
                    S,
                    "A/RES/ES-10/19 (2017-12-21, 128-9-35): India voted yes",
                ),
            ),
            (
                "Hungary abstained in the same vote.",
                C("vote", ["HUN"], "2017-12-21", S, "A/RES/ES-10/19: Hungary abstained"),
            ),
            (
                "Azerbaijan and Kazakhstan both voted in favour.",
                C("vote", ["AZE", "KAZ"], "2017-12-21", S, "A/RES/ES-10/19: both voted yes"),
            ),
            ("Parliament's winter session opened in New Delhi under heavy smog.", None),
        ],
    ),
    (
        "2023-10-28",
        [
            (
                "India abstained on Friday's General Assembly resolution calling for a humanitarian truce in Gaza.",
                C(
                    "vote",
                    ["IND"],
                    "2023-10-27",
                    S,
                    "A/RES/ES-10/21 (2023-10-27, 120-14-45): India abstained",
                ),
            ),
            (
                "India is not a member of the Organisation of Islamic Cooperation.",
                C(
                    "membership",
                    ["IND", "OIC"],
                    "2023-10-28",
                    S,
                    "India is not an OIC member or observer",
                ),
            ),
            (
                "Indian diplomats said the text lacked an explicit condemnation of the attacks of 7 October.",
                None,
            ),
            (
                "Austria was one of fourteen countries that voted against the resolution.",
                C(
                    "vote",
                    ["AUT"],
                    "2023-10-27",
                    S,
                    "A/RES/ES-10/21: Austria among the 14 no votes",
                ),
            ),
        ],
    ),
    (
        "2023-12-13",
        [
            (
                "India voted in favour of Tuesday's General Assembly resolution demanding an immediate humanitarian ceasefire in Gaza.",
                C(
                    "vote",
                    ["IND"],
                    "2023-12-12",
                    S,
                    "A/RES/ES-10/22 (2023-12-12, 153-10-23): India voted yes",
                ),
            ),
            (
                "Hungary abstained, having voted against the October resolution on a humanitarian truce.",
                C(
                    "vote",
                    ["HUN"],
                    "2023-12-12",
                    S,
                    "Hungary abstained on A/RES/ES-10/22 and voted no on A/RES/ES-10/21 (2023-10-27)",
                ),
            ),
            (
                "Georgia voted in favour this time.",
                C("vote", ["GEO"], "2023-12-12", X, "A/RES/ES-10/22: Georgia abstained"),
            ),
            ("Budapest's Christmas markets opened last week.", None),
            (
                "Hungary is Israel's most reliable friend in Europe.",
                OP(["HUN", "ISR"], "2023-12-13"),
            ),
        ],
    ),
    (
        "2019-11-08",
        [
            (
                "Turkey voted with the majority on Thursday to call for an end to the United States embargo against Cuba.",
                C(
                    "vote",
                    ["TUR"],
                    "2019-11-07",
                    S,
                    "A/RES/74/7 (2019-11-07, 187-3-2): Turkey voted yes",
                ),
            ),
            (
                "Brazil joined the United States and Israel in voting against the resolution.",
                C(
                    "vote",
                    ["BRA"],
                    "2019-11-07",
                    S,
                    "A/RES/74/7: Brazil voted no, with USA and ISR",
                ),
            ),
            (
                "Turkey has been a NATO member since 1952.",
                C(
                    "membership",
                    ["TUR", "NATO"],
                    "1952-02-18",
                    S,
                    "Turkey joined NATO on 1952-02-18",
                ),
            ),
            (
                "Turkey is a full member of the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["TUR", "SCO"],
                    "2019-11-08",
                    X,
                    "Turkey is only an SCO dialogue partner (since 2012-2013)",
                ),
            ),
            ("Ankara wants to resettle refugees in a zone in northern Syria.", None),
        ],
    ),
    (
        "2022-10-14",
        [
            (
                "Turkey, a member of NATO, has kept open channels to Moscow.",
                C("membership", ["TUR", "NATO"], "2022-10-14", S, "NATO member since 1952"),
            ),
            (
                "Turkey has been a candidate for EU membership since 1999.",
                C(
                    "membership",
                    ["TUR", "EU"],
                    "1999-12-11",
                    S,
                    "Helsinki European Council recognised Turkey as a candidate in December 1999",
                ),
            ),
            ("The lira fell to a new record low this week.", None),
            (
                "Turkey and Ukraine are strategic partners, the minister said.",
                OP(["TUR", "UKR"], "2022-10-14"),
            ),
        ],
    ),
    (
        "2019-03-12",
        [
            (
                "Hungary marks twenty years of NATO membership today.",
                C(
                    "membership",
                    ["HUN", "NATO"],
                    "1999-03-12",
                    S,
                    "Hungary joined NATO on 1999-03-12",
                ),
            ),
            (
                "Hungary has been an observer in the Turkic Council since 2018.",
                C(
                    "membership",
                    ["HUN", "OTS"],
                    "2019-03-12",
                    S,
                    "Hungary became a Turkic Council observer at the Cholpon-Ata summit in September 2018",
                ),
            ),
            (
                "Hungary joined the European Union in 2007.",
                C(
                    "membership",
                    ["HUN", "EU"],
                    "2004-05-01",
                    X,
                    "Hungary joined the EU on 2004-05-01",
                ),
            ),
            ("The Danube has risen after a wet winter.", None),
        ],
    ),
    (
        "2025-02-25",
        [
            (
                "Hungary voted on Monday against the General Assembly resolution on a comprehensive peace in Ukraine, joining the United States and Russia.",
                C(
                    "vote",
                    ["HUN", "USA", "RUS"],
                    "2025-02-24",
                    S,
                    "A/RES/ES-11/7 (2025-02-24, 93-18-65): HUN, USA and RUS voted no",
                ),
            ),
            (
                "Until this week Hungary had backed every Assembly resolution on the war adopted since 2022.",
                C("vote", ["HUN"], "2022", S, "Hungary voted yes on A/RES/ES-11/1 to ES-11/6"),
            ),
            (
                "Hungary is a full member of the Organization of Turkic States.",
                C(
                    "membership",
                    ["HUN", "OTS"],
                    "2025-02-25",
                    X,
                    "Hungary is an OTS observer (since 2018), not a member",
                ),
            ),
            ("The prime minister will travel to Washington in the spring.", None),
        ],
    ),
    (
        "2023-04-05",
        [
            (
                "Finland became the 31st member of NATO on Tuesday.",
                C(
                    "membership",
                    ["FIN", "NATO"],
                    "2023-04-04",
                    S,
                    "Finland acceded to NATO on 2023-04-04",
                ),
            ),
            (
                "The alliance now has 31 members.",
                C("count", ["NATO"], "2023-04-05", S, "31 members from 2023-04-04 to 2024-03-07"),
            ),
            (
                "Sweden's application still awaits ratification by Turkey and Hungary.",
                C(
                    "membership",
                    ["SWE", "NATO"],
                    "2023-04-05",
                    S,
                    "Sweden joined only on 2024-03-07 after Turkish and Hungarian ratification",
                ),
            ),
            (
                "Finland's border with Russia is about 1,340 kilometres long.",
                QT(["FIN", "RUS"], "2023-04-05", "border length: not in the records"),
            ),
            ("Helsinki saw its first sunny day in weeks.", None),
        ],
    ),
    (
        "2019-11-01",
        [
            (
                "Finland remains militarily non-aligned and is not a member of NATO.",
                C(
                    "alignment",
                    ["FIN"],
                    "2019-11-01",
                    S,
                    "Finland was militarily non-aligned until it joined NATO on 2023-04-04",
                ),
            ),
            (
                "Finland joined the European Union in 1995 together with Austria and Sweden.",
                C(
                    "membership",
                    ["FIN", "AUT", "SWE", "EU"],
                    "1995-01-01",
                    S,
                    "all three joined the EU on 1995-01-01",
                ),
            ),
            (
                "Finland has been a NATO partner since 1994.",
                C(
                    "membership",
                    ["FIN", "PfP"],
                    "1994-05-09",
                    S,
                    "Finland joined PfP on 1994-05-09",
                ),
            ),
            ("The Finnish government will present its budget next week.", None),
        ],
    ),
    (
        "1960-05-01",
        [
            (
                "Finland's 1948 treaty of friendship, cooperation and mutual assistance with the Soviet Union remains in force.",
                C(
                    "alliance",
                    ["FIN", "RUS"],
                    "1960-05-01",
                    S,
                    "Finno-Soviet YYA treaty of 1948-04-06, in force until 1992",
                ),
            ),
            (
                "Finland is still not a member of the United Nations.",
                C(
                    "membership",
                    ["FIN", "UN"],
                    "1960-05-01",
                    X,
                    "Finland was admitted to the UN on 1955-12-14",
                ),
            ),
            ("The ice has left the harbour in Helsinki earlier than usual.", None),
        ],
    ),
    (
        "2015-06-10",
        [
            (
                "Sweden has stayed outside military alliances for two centuries.",
                C(
                    "alignment",
                    ["SWE"],
                    "2015-06-10",
                    S,
                    "no military alliance since 1814; joined NATO only in 2024",
                ),
            ),
            (
                "Sweden is a member of the European Union, which has 28 member states.",
                [
                    C("membership", ["SWE", "EU"], "2015-06-10", S, "EU member since 1995-01-01"),
                    C(
                        "count",
                        ["EU"],
                        "2015-06-10",
                        S,
                        "28 EU members from 2013-07-01 (Croatia) to 2020-01-31 (Brexit)",
                    ),
                ],
            ),
            (
                "Sweden takes part in NATO's Partnership for Peace.",
                C("membership", ["SWE", "PfP"], "2015-06-10", S, "PfP since 1994-05-09"),
            ),
            ("Midsummer preparations have begun across the country.", None),
        ],
    ),
    (
        "2024-03-08",
        [
            (
                "Sweden formally became NATO's 32nd member on Thursday.",
                [
                    C(
                        "membership",
                        ["SWE", "NATO"],
                        "2024-03-07",
                        S,
                        "Sweden acceded to NATO on 2024-03-07",
                    ),
                    C("count", ["NATO"], "2024-03-07", S, "32 members since 2024-03-07"),
                ],
            ),
            (
                "Sweden signed a defence cooperation agreement with the United States in December.",
                C(
                    "alliance",
                    ["SWE", "USA"],
                    "2023-12-05",
                    S,
                    "US-Sweden Defence Cooperation Agreement signed 2023-12-05",
                ),
            ),
            (
                "Finland signed a similar agreement with Washington in the same month.",
                C(
                    "alliance",
                    ["FIN", "USA"],
                    "2023-12-18",
                    S,
                    "US-Finland Defence Cooperation Agreement signed 2023-12-18",
                ),
            ),
            ("Stockholm woke to a fresh layer of snow.", None),
        ],
    ),
    (
        "2024-09-20",
        [
            (
                "Sweden, which remains militarily non-aligned, will send observers to the exercise.",
                C(
                    "alignment",
                    ["SWE"],
                    "2024-09-20",
                    X,
                    "Sweden has been a NATO member since 2024-03-07",
                ),
            ),
            (
                "Austria and Sweden are both NATO members.",
                C(
                    "membership",
                    ["AUT", "SWE", "NATO"],
                    "2024-09-20",
                    M,
                    "Sweden is a member since 2024-03-07; Austria is neutral and not a member",
                ),
            ),
            ("The exercise will take place in northern Norway.", None),
        ],
    ),
    (
        "2002-09-11",
        [
            (
                "Switzerland was admitted on Tuesday as the 190th member of the United Nations.",
                [
                    C(
                        "membership",
                        ["CHE", "UN"],
                        "2002-09-10",
                        S,
                        "Switzerland was admitted to the UN on 2002-09-10",
                    ),
                    C(
                        "count",
                        ["UN"],
                        "2002-09-10",
                        S,
                        "Switzerland was the 190th member; Timor-Leste became the 191st on 2002-09-27",
                    ),
                ],
            ),
            (
                "Switzerland remains a permanently neutral state.",
                C(
                    "alignment",
                    ["CHE"],
                    "2002-09-11",
                    S,
                    "permanent neutrality recognised since 1815",
                ),
            ),
            (
                "Switzerland is not a member of the European Union.",
                C("membership", ["CHE", "EU"], "2002-09-11", S, "Switzerland never joined the EU"),
            ),
            (
                "Switzerland joined the Partnership for Peace in 1996.",
                C(
                    "membership",
                    ["CHE", "PfP"],
                    "1996-12-11",
                    S,
                    "Switzerland joined PfP on 1996-12-11",
                ),
            ),
        ],
    ),
    (
        "2022-03-03",
        [
            (
                "Switzerland voted on Wednesday for the General Assembly resolution on Russia's aggression against Ukraine.",
                C("vote", ["CHE"], "2022-03-02", S, "A/RES/ES-11/1: Switzerland voted yes"),
            ),
            (
                "Switzerland is a member of NATO.",
                C(
                    "membership",
                    ["CHE", "NATO"],
                    "2022-03-03",
                    X,
                    "Switzerland is neutral and not a NATO member; PfP partner since 1996",
                ),
            ),
            ("Switzerland is a trusted host for peace talks.", OP(["CHE"], "2022-03-03")),
            ("Geneva's lakeshore was crowded on the first mild day of March.", None),
        ],
    ),
    (
        "2023-11-02",
        [
            (
                "Austria has been permanently neutral since 1955.",
                C(
                    "alignment",
                    ["AUT"],
                    "1955-10-26",
                    S,
                    "Federal Constitutional Law on Neutrality of 1955-10-26",
                ),
            ),
            (
                "Austria joined NATO's Partnership for Peace in 1995.",
                C(
                    "membership",
                    ["AUT", "PfP"],
                    "1995-02-10",
                    S,
                    "Austria joined PfP on 1995-02-10",
                ),
            ),
            (
                "Austria is a member of the European Union and the Council of Europe.",
                C(
                    "membership",
                    ["AUT", "EU", "CoE"],
                    "2023-11-02",
                    S,
                    "EU since 1995, CoE since 1956",
                ),
            ),
            (
                "Austria's trade with Israel reached 900 million euros last year.",
                QT(["AUT", "ISR"], "2022", "trade volume: not in the records"),
            ),
            ("The chancellor will visit Jerusalem next week.", None),
        ],
    ),
    (
        "1995-01-02",
        [
            (
                "Austria, Finland and Sweden joined the European Union on Sunday, bringing the union to fifteen members.",
                [
                    C(
                        "membership",
                        ["AUT", "FIN", "SWE", "EU"],
                        "1995-01-01",
                        S,
                        "the three joined on 1995-01-01",
                    ),
                    C("count", ["EU"], "1995-01-01", S, "12 + 3 = 15 members from 1995-01-01"),
                ],
            ),
            ("Celebrations in Vienna were muted by freezing fog.", None),
            ("Shops in Helsinki opened late after the holiday.", None),
        ],
    ),
    (
        "2012-07-02",
        [
            (
                "Uzbekistan has suspended its membership of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["UZB", "CSTO"],
                    "2012-06-28",
                    S,
                    "Uzbekistan suspended its CSTO membership in June 2012",
                ),
            ),
            (
                "Uzbekistan was a member of GUAM until 2005.",
                C(
                    "membership",
                    ["UZB", "GUAM"],
                    "2005",
                    S,
                    "Uzbekistan joined GUAM in 1999 and withdrew in 2005",
                ),
            ),
            (
                "Uzbekistan is a founding member of the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["UZB", "SCO"],
                    "2001-06-15",
                    S,
                    "SCO founded 2001-06-15 with Uzbekistan as a founder",
                ),
            ),
            ("The cotton harvest is expected to begin in September.", None),
        ],
    ),
    (
        "2021-01-15",
        [
            (
                "Uzbekistan obtained observer status in the Eurasian Economic Union in December.",
                C(
                    "membership",
                    ["UZB", "EAEU"],
                    "2020-12-11",
                    S,
                    "EAEU observer status granted 2020-12-11",
                ),
            ),
            (
                "Uzbekistan joined the Turkic Council in 2019.",
                C(
                    "membership",
                    ["UZB", "OTS"],
                    "2019",
                    S,
                    "Uzbekistan became a full member of the Turkic Council in 2019",
                ),
            ),
            (
                "Uzbekistan's foreign policy concept bars it from joining military blocs or hosting foreign bases.",
                C(
                    "alignment",
                    ["UZB"],
                    "2021-01-15",
                    S,
                    "2012 foreign policy concept: no military-political blocs, no foreign bases",
                ),
            ),
            (
                "Uzbekistan is a member of the Non-Aligned Movement.",
                C("membership", ["UZB", "NAM"], "2021-01-15", S, "NAM member since 1993"),
            ),
            (
                "Our relations with Russia are at their best ever level.",
                OP(["UZB", "RUS"], "2021-01-15"),
            ),
        ],
    ),
    (
        "2005-11-15",
        [
            (
                "Uzbekistan and Russia signed a treaty on allied relations in Moscow on Monday.",
                C(
                    "alliance",
                    ["UZB", "RUS"],
                    "2005-11-14",
                    S,
                    "Treaty on Allied Relations between Russia and Uzbekistan, signed 2005-11-14",
                ),
            ),
            (
                "Uzbekistan is a member of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["UZB", "CSTO"],
                    "2005-11-15",
                    X,
                    "Uzbekistan left the treaty in 1999 and rejoined the CSTO only in 2006",
                ),
            ),
            ("Tashkent was bright and cold as the delegation returned.", None),
        ],
    ),
    (
        "1995-11-06",
        [
            (
                "Uzbekistan joined the United States and Israel this week in voting against the resolution on the embargo against Cuba.",
                C(
                    "vote",
                    ["UZB"],
                    "1995-11-02",
                    S,
                    "A/RES/50/10 (1995, 117-3-38): Uzbekistan voted no with USA and ISR",
                ),
            ),
            (
                "Georgia and Armenia abstained.",
                C("vote", ["GEO", "ARM"], "1995-11-02", S, "A/RES/50/10: both abstained"),
            ),
            ("The debate in New York lasted most of the day.", None),
        ],
    ),
    (
        "2014-03-30",
        [
            (
                "Belarus voted against the General Assembly resolution on the territorial integrity of Ukraine.",
                C("vote", ["BLR"], "2014-03-27", S, "A/RES/68/262: Belarus voted no"),
            ),
            (
                "Belarus, a member of the Non-Aligned Movement since 1998, called for dialogue.",
                C("membership", ["BLR", "NAM"], "1998", S, "Belarus joined NAM in 1998"),
            ),
            (
                "Belarus and Russia form a Union State under a treaty signed in 1999.",
                C(
                    "alliance",
                    ["BLR", "RUS"],
                    "1999-12-08",
                    S,
                    "Treaty on the Creation of a Union State, 1999-12-08",
                ),
            ),
            ("Minsk hopes to host talks between the parties.", None),
        ],
    ),
    (
        "2023-06-01",
        [
            (
                "Belarus pursues a non-aligned foreign policy and belongs to no military bloc.",
                C(
                    "alignment",
                    ["BLR"],
                    "2023-06-01",
                    M,
                    "Belarus is a NAM member (since 1998) but also a CSTO member and in a Union State with Russia",
                ),
            ),
            (
                "Belarus is a member of the Eurasian Economic Union.",
                C("membership", ["BLR", "EAEU"], "2023-06-01", S, "founding member, 2015-01-01"),
            ),
            (
                "Belarus is a member of the Council of Europe.",
                C(
                    "membership",
                    ["BLR", "CoE"],
                    "2023-06-01",
                    X,
                    "Belarus has never been a CoE member; special guest status suspended in 1997",
                ),
            ),
            ("The harvest campaign will start early this year.", None),
        ],
    ),
    (
        "2024-07-05",
        [
            (
                "Belarus became the tenth full member of the Shanghai Cooperation Organisation in Astana on Thursday.",
                [
                    C(
                        "membership",
                        ["BLR", "SCO"],
                        "2024-07-04",
                        S,
                        "Belarus admitted at the Astana summit, 2024-07-04",
                    ),
                    C(
                        "count",
                        ["SCO"],
                        "2024-07-04",
                        S,
                        "10 members after Belarus (Iran was the ninth in 2023)",
                    ),
                ],
            ),
            ("Russia is Belarus's closest ally.", OP(["RUS", "BLR"], "2024-07-05")),
            ("Astana was hot and windy throughout the summit.", None),
        ],
    ),
    (
        "2009-07-17",
        [
            (
                "Egypt took over the chairmanship of the Non-Aligned Movement at the summit in Sharm el-Sheikh this week.",
                C(
                    "membership",
                    ["EGY", "NAM"],
                    "2009-07-16",
                    S,
                    "Egypt chaired NAM from the July 2009 Sharm el-Sheikh summit to August 2012",
                ),
            ),
            (
                "The movement, which now counts 120 members, adopted a final document of more than a hundred pages.",
                C(
                    "count",
                    ["NAM"],
                    "2009-07-17",
                    X,
                    "NAM had 118 members in 2009; Azerbaijan and Fiji joined in 2011 making 120",
                ),
            ),
            (
                "Egypt was a founding member of the movement at Belgrade in 1961.",
                C(
                    "membership",
                    ["EGY", "NAM"],
                    "1961",
                    S,
                    "Egypt (UAR) was a founder at the 1961 Belgrade conference",
                ),
            ),
            ("Temperatures on the Red Sea coast exceeded forty degrees.", None),
        ],
    ),
    (
        "2024-01-02",
        [
            (
                "Egypt formally joined BRICS on January 1, together with Iran, Ethiopia and the United Arab Emirates.",
                C(
                    "membership",
                    ["EGY", "IRN", "ETH", "ARE", "BRICS"],
                    "2024-01-01",
                    S,
                    "the four joined BRICS on 2024-01-01",
                ),
            ),
            (
                "Egypt voted in favour of the March 2022 General Assembly resolution demanding Russia's withdrawal from Ukraine.",
                C("vote", ["EGY"], "2022-03-02", S, "A/RES/ES-11/1: Egypt voted yes"),
            ),
            (
                "Egypt abstained on suspending Russia from the Human Rights Council in April 2022.",
                C("vote", ["EGY"], "2022-04-07", S, "A/RES/ES-11/3: Egypt abstained"),
            ),
            (
                "Egypt's trade with the BRICS countries exceeds 30 billion dollars a year.",
                QT(["EGY"], "2023", "trade volume: not in the records"),
            ),
        ],
    ),
    (
        "2023-07-05",
        [
            (
                "Egypt and Turkey named ambassadors to each other's capitals on Tuesday, for the first time in a decade.",
                C(
                    "relations",
                    ["EGY", "TUR"],
                    "2023-07-04",
                    S,
                    "ambassadors appointed on 2023-07-04 after ties were downgraded in 2013",
                ),
            ),
            (
                "Egypt and Iran maintain full diplomatic relations at ambassador level.",
                C(
                    "relations",
                    ["EGY", "IRN"],
                    "2023-07-05",
                    X,
                    "Egypt and Iran have had no ambassadors since 1980; only interest sections",
                ),
            ),
            (
                "Egypt is a member of the Organisation of Islamic Cooperation.",
                C("membership", ["EGY", "OIC"], "2023-07-05", S, "founding member, 1969"),
            ),
            ("Cairo is a pillar of stability in the region.", OP(["EGY"], "2023-07-05")),
        ],
    ),
    (
        "2022-03-05",
        [
            (
                "Brazil voted for this week's resolution on Russia's aggression against Ukraine.",
                C("vote", ["BRA"], "2022-03-02", S, "A/RES/ES-11/1: Brazil voted yes"),
            ),
            (
                "Brazil is a full member of the Non-Aligned Movement.",
                C(
                    "membership",
                    ["BRA", "NAM"],
                    "2022-03-05",
                    X,
                    "Brazil is a NAM observer, not a member",
                ),
            ),
            (
                "Brazil is a founding member of BRICS.",
                C("membership", ["BRA", "BRICS"], "2009", S, "BRIC founded 2009 with Brazil"),
            ),
            ("The soybean harvest is forecast to be a record.", None),
            (
                "Brazil and India both voted for the resolution.",
                C(
                    "vote",
                    ["BRA", "IND"],
                    "2022-03-02",
                    M,
                    "A/RES/ES-11/1: Brazil yes, India abstained",
                ),
            ),
        ],
    ),
    (
        "2014-03-31",
        [
            (
                "Brazil abstained in last week's General Assembly vote on Ukraine's territorial integrity.",
                C("vote", ["BRA"], "2014-03-27", S, "A/RES/68/262: Brazil abstained"),
            ),
            (
                "Brazil, India and South Africa all voted against the resolution.",
                C(
                    "vote",
                    ["BRA", "IND", "ZAF"],
                    "2014-03-27",
                    X,
                    "A/RES/68/262: all three abstained",
                ),
            ),
            (
                "Serbia and Hungary both voted for it.",
                C(
                    "vote",
                    ["SRB", "HUN"],
                    "2014-03-27",
                    M,
                    "A/RES/68/262: Hungary yes, Serbia did not vote",
                ),
            ),
            ("The BRICS summit will be held in Fortaleza in July.", None),
        ],
    ),
    (
        "2021-06-24",
        [
            (
                "Brazil abstained on Wednesday when the General Assembly called again for an end to the embargo against Cuba.",
                C(
                    "vote",
                    ["BRA"],
                    "2021-06-23",
                    S,
                    "A/RES/75/289 (2021-06-23, 184-2-3): Brazil abstained",
                ),
            ),
            (
                "Ukraine also abstained.",
                C("vote", ["UKR"], "2021-06-23", S, "A/RES/75/289: Ukraine abstained"),
            ),
            ("The vote had been postponed from last autumn because of the pandemic.", None),
        ],
    ),
    (
        "2025-01-08",
        [
            (
                "Indonesia became a full member of BRICS this week.",
                C(
                    "membership",
                    ["IDN", "BRICS"],
                    "2025-01-06",
                    S,
                    "Brazil announced Indonesia's admission on 2025-01-06",
                ),
            ),
            (
                "Indonesia, a founding member of the Non-Aligned Movement, says it will keep a free and active foreign policy.",
                C(
                    "membership",
                    ["IDN", "NAM"],
                    "1961",
                    S,
                    "Indonesia was a founder of NAM in 1961",
                ),
            ),
            (
                "Indonesia is also a member of the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["IDN", "SCO"],
                    "2025-01-08",
                    X,
                    "Indonesia is not an SCO member, observer or dialogue partner",
                ),
            ),
            ("Heavy rain flooded parts of Jakarta on Tuesday.", None),
        ],
    ),
    (
        "2022-04-09",
        [
            (
                "Indonesia abstained on the resolution suspending Russia from the Human Rights Council.",
                C("vote", ["IDN"], "2022-04-07", S, "A/RES/ES-11/3: Indonesia abstained"),
            ),
            (
                "Indonesia voted in favour of the March 2 resolution demanding Russia's withdrawal.",
                C("vote", ["IDN"], "2022-03-02", S, "A/RES/ES-11/1: Indonesia voted yes"),
            ),
            (
                "Saudi Arabia and Brazil also abstained on the suspension.",
                C("vote", ["SAU", "BRA"], "2022-04-07", S, "A/RES/ES-11/3: both abstained"),
            ),
            (
                "Armenia and Azerbaijan voted against the suspension.",
                C(
                    "vote",
                    ["ARM", "AZE"],
                    "2022-04-07",
                    X,
                    "A/RES/ES-11/3: neither Armenia nor Azerbaijan voted",
                ),
            ),
        ],
    ),
    (
        "2020-12-17",
        [
            (
                "Indonesia voted against the General Assembly resolution on human rights in Iran on Wednesday.",
                C(
                    "vote",
                    ["IDN"],
                    "2020-12-16",
                    S,
                    "A/RES/75/191 (2020-12-16, 82-30-64): Indonesia voted no",
                ),
            ),
            (
                "Hungary and Moldova supported the resolution.",
                C("vote", ["HUN", "MDA"], "2020-12-16", S, "A/RES/75/191: both voted yes"),
            ),
            (
                "Indonesia chaired the Non-Aligned Movement in the early 1990s.",
                C(
                    "membership",
                    ["IDN", "NAM"],
                    "1993",
                    S,
                    "Indonesia chaired NAM from the 1992 Jakarta summit to 1995",
                ),
            ),
            ("Jakarta's new rail line is due to open next year.", None),
        ],
    ),
    (
        "2011-04-15",
        [
            (
                "South Africa attended its first BRICS summit in Sanya on Thursday as a full member.",
                C(
                    "membership",
                    ["ZAF", "BRICS"],
                    "2011-04-14",
                    S,
                    "South Africa joined BRIC(S) after the December 2010 invitation; Sanya summit 2011-04-14",
                ),
            ),
            (
                "With South Africa, the group now has five members.",
                C("count", ["BRICS"], "2011-04-15", S, "BRICS had five members from 2011 to 2023"),
            ),
            (
                "South Africa chaired the Non-Aligned Movement from 1998 to 2003.",
                C(
                    "membership",
                    ["ZAF", "NAM"],
                    "1998",
                    S,
                    "South Africa chaired NAM from the 1998 Durban summit to the 2003 Kuala Lumpur summit",
                ),
            ),
            ("Sanya's beaches were crowded with tourists despite the security.", None),
        ],
    ),
    (
        "2022-10-20",
        [
            (
                "South Africa voted against the March resolution on Russia's aggression against Ukraine.",
                C("vote", ["ZAF"], "2022-03-02", X, "A/RES/ES-11/1: South Africa abstained"),
            ),
            (
                "South Africa pursues a non-aligned foreign policy.",
                C(
                    "alignment",
                    ["ZAF"],
                    "2022-10-20",
                    S,
                    "NAM member since 1994, no defence alliance, abstained on ES-11 resolutions",
                ),
            ),
            ("Load-shedding continued across Gauteng this week.", None),
            (
                "South Africa has 125 diplomatic missions abroad.",
                QT(["ZAF"], "2022-10-20", "number of missions: not in the records"),
            ),
        ],
    ),
    (
        "2019-11-26",
        [
            (
                "Vietnam's new defence white paper reaffirms that it joins no military alliance and allows no foreign bases on its soil.",
                C(
                    "alignment",
                    ["VNM"],
                    "2019-11-25",
                    S,
                    "2019 National Defence white paper: the 'four nos', no alliances, no foreign bases",
                ),
            ),
            (
                "Vietnam has been a member of the Non-Aligned Movement since 1976.",
                C("membership", ["VNM", "NAM"], "1976", S, "Vietnam joined NAM in 1976"),
            ),
            ("Hanoi's autumn has been unusually dry.", None),
        ],
    ),
    (
        "2022-03-05",
        [
            (
                "Vietnam abstained on the General Assembly resolution of 2 March.",
                C("vote", ["VNM"], "2022-03-02", S, "A/RES/ES-11/1: Vietnam abstained"),
            ),
            (
                "Mongolia also abstained.",
                C("vote", ["MNG"], "2022-03-02", S, "A/RES/ES-11/1: Mongolia abstained"),
            ),
            (
                "Mongolia is a member of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["MNG", "CSTO"],
                    "2022-03-05",
                    X,
                    "Mongolia has never been a CSTO member",
                ),
            ),
            (
                "Uzbekistan and Azerbaijan did not take part in the vote.",
                C("vote", ["UZB", "AZE"], "2022-03-02", S, "A/RES/ES-11/1: both did not vote"),
            ),
        ],
    ),
    (
        "2025-06-20",
        [
            (
                "Vietnam became a BRICS partner country this month.",
                C(
                    "membership",
                    ["VNM", "BRICS"],
                    "2025-06-13",
                    S,
                    "Brazil announced Vietnam as a BRICS partner on 2025-06-13",
                ),
            ),
            (
                "Vietnam is not a member of any military alliance.",
                C("alignment", ["VNM"], "2025-06-20", S, "'four nos' defence policy; no alliance"),
            ),
            ("Vietnam is a reliable partner for investors.", OP(["VNM"], "2025-06-20")),
            (
                "Exports of electronics rose 20 percent in the first five months.",
                QT(["VNM"], "2025", "export growth: not in the records"),
            ),
        ],
    ),
    (
        "2012-11-22",
        [
            (
                "Mongolia became the 57th participating State of the OSCE on Wednesday.",
                [
                    C(
                        "membership",
                        ["MNG", "OSCE"],
                        "2012-11-21",
                        S,
                        "Mongolia joined the OSCE on 2012-11-21",
                    ),
                    C(
                        "count",
                        ["OSCE"],
                        "2012-11-21",
                        S,
                        "57 participating States since Mongolia joined",
                    ),
                ],
            ),
            (
                "Mongolia has been an observer of the Shanghai Cooperation Organisation since 2004.",
                C("membership", ["MNG", "SCO"], "2004", S, "SCO observer since 2004"),
            ),
            (
                "Mongolia is a member of the Non-Aligned Movement.",
                C("membership", ["MNG", "NAM"], "2012-11-22", S, "NAM member since 1993"),
            ),
            ("Snow covered Ulaanbaatar for the first time this season.", None),
        ],
    ),
    (
        "2016-01-05",
        [
            (
                "Saudi Arabia cut diplomatic relations with Iran on Sunday after its embassy in Tehran was stormed.",
                C(
                    "relations",
                    ["SAU", "IRN"],
                    "2016-01-03",
                    S,
                    "Saudi Arabia severed ties with Iran on 2016-01-03",
                ),
            ),
            (
                "Saudi Arabia is a founding member of the Organisation of Islamic Cooperation, which has its headquarters in Jeddah.",
                C(
                    "membership",
                    ["SAU", "OIC"],
                    "1969",
                    S,
                    "OIC founded 1969; Saudi Arabia founder; secretariat in Jeddah",
                ),
            ),
            ("Oil prices fell further on Monday.", None),
            ("Analysts expect the dispute to weigh on talks about Yemen.", None),
        ],
    ),
    (
        "2023-03-11",
        [
            (
                "Saudi Arabia and Iran agreed in Beijing on Friday to restore diplomatic relations within two months.",
                C("relations", ["SAU", "IRN"], "2023-03-10", S, "Beijing agreement of 2023-03-10"),
            ),
            (
                "Iran is already a full member of the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["IRN", "SCO"],
                    "2023-03-11",
                    X,
                    "Iran became an SCO member only on 2023-07-04",
                ),
            ),
            ("China presented the agreement as a triumph of its diplomacy.", None),
        ],
    ),
    (
        "2025-09-18",
        [
            (
                "Saudi Arabia and Pakistan signed a strategic mutual defence agreement in Riyadh on Wednesday.",
                C(
                    "alliance",
                    ["SAU", "PAK"],
                    "2025-09-17",
                    S,
                    "Strategic Mutual Defence Agreement signed 2025-09-17",
                ),
            ),
            (
                "Saudi Arabia is a member of the Non-Aligned Movement.",
                C("membership", ["SAU", "NAM"], "2025-09-18", S, "founding NAM member, 1961"),
            ),
            (
                "Saudi Arabia voted against the General Assembly resolution on Russia's aggression in 2022.",
                C("vote", ["SAU"], "2022-03-02", X, "A/RES/ES-11/1: Saudi Arabia voted yes"),
            ),
            (
                "The kingdom's economy grew by about four percent last quarter.",
                QT(["SAU"], "2025", "growth figures: not in the records"),
            ),
        ],
    ),
    (
        "2012-08-31",
        [
            (
                "Iran took over the chairmanship of the Non-Aligned Movement at the Tehran summit this week.",
                C(
                    "membership",
                    ["IRN", "NAM"],
                    "2012-08-30",
                    S,
                    "Iran chaired NAM from the Tehran summit (August 2012) to September 2016",
                ),
            ),
            (
                "The movement has 120 members.",
                C("count", ["NAM"], "2012-08-31", S, "120 members since 2011"),
            ),
            (
                "Iran is a member of the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["IRN", "SCO"],
                    "2012-08-31",
                    X,
                    "Iran was an SCO observer from 2005; member only from 2023-07-04",
                ),
            ),
            ("The UN Secretary-General attended despite objections from Washington.", None),
        ],
    ),
    (
        "2023-07-05",
        [
            (
                "Iran was admitted as a full member of the Shanghai Cooperation Organisation on Tuesday.",
                C(
                    "membership",
                    ["IRN", "SCO"],
                    "2023-07-04",
                    S,
                    "admitted at the virtual summit of 2023-07-04",
                ),
            ),
            (
                "The organisation now has nine members.",
                C("count", ["SCO"], "2023-07-05", S, "9 members from 2023-07-04 to 2024-07-04"),
            ),
            (
                "Iran has been a member of BRICS since 2015.",
                C("membership", ["IRN", "BRICS"], "2015", X, "Iran joined BRICS on 2024-01-01"),
            ),
            ("The summit was held by video link.", None),
        ],
    ),
    (
        "2025-01-18",
        [
            (
                "Iran and Russia signed a comprehensive strategic partnership treaty in Moscow on Friday.",
                C(
                    "alliance",
                    ["IRN", "RUS"],
                    "2025-01-17",
                    S,
                    "Treaty on Comprehensive Strategic Partnership signed 2025-01-17",
                ),
            ),
            (
                "The treaty obliges each side to come to the other's military defence if attacked.",
                C(
                    "alliance",
                    ["IRN", "RUS"],
                    "2025-01-17",
                    X,
                    "the treaty has no mutual-defence clause, only a pledge not to help an aggressor",
                ),
            ),
            (
                "Iran joined BRICS a year ago.",
                C("membership", ["IRN", "BRICS"], "2024-01-01", S, "BRICS member since 2024-01-01"),
            ),
            ("Heavy snow fell in the Alborz mountains north of Tehran.", None),
        ],
    ),
    (
        "2016-09-19",
        [
            (
                "Venezuela took over the rotating chairmanship of the Non-Aligned Movement at the summit on Margarita Island.",
                C(
                    "membership",
                    ["VEN", "NAM"],
                    "2016-09-18",
                    S,
                    "Venezuela chaired NAM from the September 2016 summit to October 2019",
                ),
            ),
            (
                "Venezuela has been a member of the movement since 1989.",
                C("membership", ["VEN", "NAM"], "1989", S, "NAM member since 1989"),
            ),
            (
                "The movement's 120 member states were represented mostly by ministers.",
                C("count", ["NAM"], "2016-09-19", S, "120 members since 2011"),
            ),
            ("Only a handful of heads of state attended.", None),
        ],
    ),
    (
        "2019-02-24",
        [
            (
                "Venezuela's government broke off diplomatic relations with Colombia on Saturday.",
                C(
                    "relations",
                    ["VEN", "COL"],
                    "2019-02-23",
                    S,
                    "Maduro broke relations with Colombia on 2019-02-23",
                ),
            ),
            ("Aid trucks were stopped on the bridges at the border.", None),
            ("Cuba is a loyal friend of Venezuela.", OP(["CUB", "VEN"], "2019-02-24")),
        ],
    ),
    (
        "2025-02-10",
        [
            (
                "Venezuela became a BRICS partner country in January.",
                C(
                    "membership",
                    ["VEN", "BRICS"],
                    "2025-02-10",
                    X,
                    "Venezuela is not among the BRICS partner countries; its bid was blocked at Kazan in October 2024",
                ),
            ),
            (
                "Belarus, Cuba and Uzbekistan became partner countries on 1 January.",
                C(
                    "membership",
                    ["BLR", "CUB", "UZB", "BRICS"],
                    "2025-01-01",
                    S,
                    "all three are on the BRICS partner list from 2025-01-01",
                ),
            ),
            (
                "Venezuela is a member of the Non-Aligned Movement.",
                C("membership", ["VEN", "NAM"], "2025-02-10", S, "NAM member since 1989"),
            ),
            ("Inflation remains in double digits every month.", None),
        ],
    ),
    (
        "2006-09-17",
        [
            (
                "Cuba assumed the chairmanship of the Non-Aligned Movement at the Havana summit this weekend.",
                C(
                    "membership",
                    ["CUB", "NAM"],
                    "2006-09-16",
                    S,
                    "Cuba chaired NAM from the September 2006 Havana summit to July 2009",
                ),
            ),
            (
                "With Antigua and Barbuda and Dominica admitted, the movement has 118 members.",
                C("count", ["NAM"], "2006-09-17", S, "118 members from 2006 to 2011"),
            ),
            (
                "Cuba chaired the movement once before, from 1979.",
                C(
                    "membership",
                    ["CUB", "NAM"],
                    "1979",
                    S,
                    "Cuba chaired NAM from the 1979 Havana summit to 1983",
                ),
            ),
            ("The summit was held without Fidel Castro, who is recovering from surgery.", None),
        ],
    ),
    (
        "2021-01-05",
        [
            (
                "Cuba received observer status at the Eurasian Economic Union in December.",
                C(
                    "membership",
                    ["CUB", "EAEU"],
                    "2020-12-11",
                    S,
                    "EAEU observer status granted 2020-12-11",
                ),
            ),
            (
                "Cuba is a member of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["CUB", "CSTO"],
                    "2021-01-05",
                    X,
                    "Cuba has never been a CSTO member",
                ),
            ),
            ("Tourism has collapsed during the pandemic.", None),
        ],
    ),
    (
        "2015-07-21",
        [
            (
                "Cuba and the United States restored diplomatic relations on Monday.",
                C("relations", ["CUB", "USA"], "2015-07-20", S, "embassies reopened on 2015-07-20"),
            ),
            (
                "Only the United States and Israel voted against last year's General Assembly resolution on the embargo.",
                C(
                    "vote",
                    ["USA", "ISR"],
                    "2014-10-28",
                    S,
                    "A/RES/69/5 (2014-10-28, 188-2-3): only USA and ISR voted no",
                ),
            ),
            ("The Cuban flag was raised in Washington in front of several hundred guests.", None),
        ],
    ),
    (
        "2022-02-25",
        [
            (
                "Ukraine broke off diplomatic relations with Russia on Thursday after Russian forces invaded.",
                C(
                    "relations",
                    ["UKR", "RUS"],
                    "2022-02-24",
                    S,
                    "Ukraine severed diplomatic relations on 2022-02-24",
                ),
            ),
            (
                "Ukraine and Russia have no territorial disputes.",
                C(
                    "relations",
                    ["UKR", "RUS"],
                    "2022-02-25",
                    X,
                    "Russia annexed Crimea in 2014 and invaded on 2022-02-24",
                ),
            ),
            ("Queues formed at petrol stations in the west of the country.", None),
        ],
    ),
    (
        "2022-03-17",
        [
            (
                "Russia was expelled from the Council of Europe on Wednesday.",
                C(
                    "membership",
                    ["RUS", "CoE"],
                    "2022-03-16",
                    S,
                    "Committee of Ministers decision of 2022-03-16",
                ),
            ),
            (
                "The Council now has 46 member states.",
                C("count", ["CoE"], "2022-03-17", S, "47 minus Russia = 46"),
            ),
            (
                "Belarus has never been a member of the Council.",
                C(
                    "membership",
                    ["BLR", "CoE"],
                    "2022-03-17",
                    S,
                    "Belarus is not and never was a CoE member",
                ),
            ),
            ("The decision was taken in Strasbourg.", None),
        ],
    ),
    (
        "2020-03-28",
        [
            (
                "North Macedonia joined NATO on Friday as its 30th member.",
                [
                    C(
                        "membership",
                        ["MKD", "NATO"],
                        "2020-03-27",
                        S,
                        "North Macedonia acceded on 2020-03-27",
                    ),
                    C(
                        "count",
                        ["NATO"],
                        "2020-03-27",
                        S,
                        "30 members from 2020-03-27 to 2023-04-04",
                    ),
                ],
            ),
            ("The ceremony was held without guests because of the pandemic.", None),
        ],
    ),
    (
        "2021-11-15",
        [
            (
                "The 150-member Non-Aligned Movement is the largest grouping of states after the United Nations.",
                C("count", ["NAM"], "2021-11-15", X, "NAM had 120 members in 2021"),
            ),
            (
                "Azerbaijan and Georgia are both members of the Commonwealth of Independent States.",
                C(
                    "membership",
                    ["AZE", "GEO", "CIS"],
                    "2021-11-15",
                    M,
                    "Azerbaijan is a CIS member; Georgia left on 2009-08-18",
                ),
            ),
            ("Leaders gathered in Istanbul under a cold drizzle.", None),
        ],
    ),
    (
        "2020-09-30",
        [
            (
                "Kazakhstan and Uzbekistan are both members of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["KAZ", "UZB", "CSTO"],
                    "2020-09-30",
                    M,
                    "Kazakhstan is a member; Uzbekistan suspended its membership in 2012",
                ),
            ),
            (
                "The six-member CSTO will hold its annual exercises this autumn.",
                C("count", ["CSTO"], "2020-09-30", S, "CSTO members: ARM, BLR, KAZ, KGZ, RUS, TJK"),
            ),
            (
                "Turkey and Hungary are both full members of the Turkic Council.",
                C(
                    "membership",
                    ["TUR", "HUN", "OTS"],
                    "2020-09-30",
                    M,
                    "Turkey is a founding member; Hungary only an observer",
                ),
            ),
            ("Observers from several partner states have been invited.", None),
        ],
    ),
    (
        "2015-05-15",
        [
            (
                "NATO's 35 members met in Antalya this week.",
                C("count", ["NATO"], "2015-05-15", X, "NATO had 28 members in 2015"),
            ),
            (
                "The OSCE's 56 participating States are divided over Ukraine.",
                C(
                    "count",
                    ["OSCE"],
                    "2015-05-15",
                    X,
                    "the OSCE has had 57 participating States since 2012",
                ),
            ),
            (
                "The five BRICS countries will meet in Ufa in July.",
                C("count", ["BRICS"], "2015-05-15", S, "BRICS had five members in 2015"),
            ),
            ("The foreign ministers posed for photographs by the sea.", None),
        ],
    ),
    (
        "2021-09-20",
        [
            (
                "The European Union's 28 member states agreed a joint statement on Afghanistan.",
                C(
                    "count",
                    ["EU"],
                    "2021-09-20",
                    X,
                    "27 members since the United Kingdom left on 2020-01-31",
                ),
            ),
            (
                "The 57-member Organisation of Islamic Cooperation called an extraordinary meeting.",
                C("count", ["OIC"], "2021-09-20", S, "the OIC has 57 member states"),
            ),
            (
                "All 193 members of the United Nations were invited to the high-level week.",
                C("count", ["UN"], "2021-09-20", S, "193 UN members since 2011"),
            ),
            ("Traffic around the UN headquarters was heavier than last year.", None),
        ],
    ),
    (
        "2023-05-16",
        [
            (
                "The 47-member Council of Europe holds its fourth summit in Reykjavik.",
                C(
                    "count",
                    ["CoE"],
                    "2023-05-16",
                    X,
                    "46 members since Russia's expulsion on 2022-03-16",
                ),
            ),
            (
                "The five members of the Eurasian Economic Union will meet in Moscow next week.",
                C("count", ["EAEU"], "2023-05-16", S, "EAEU members: ARM, BLR, KAZ, KGZ, RUS"),
            ),
            (
                "GUAM, which has four members, has met rarely in recent years.",
                C(
                    "count",
                    ["GUAM"],
                    "2023-05-16",
                    S,
                    "GEO, UKR, AZE, MDA since Uzbekistan left in 2005",
                ),
            ),
            ("Iceland's prime minister welcomed the leaders at the airport.", None),
        ],
    ),
    (
        "2022-09-16",
        [
            (
                "The nine-member Shanghai Cooperation Organisation opened its summit in Samarkand.",
                C(
                    "count",
                    ["SCO"],
                    "2022-09-16",
                    X,
                    "the SCO had eight members in 2022; Iran became the ninth in July 2023",
                ),
            ),
            (
                "Kyrgyzstan and Tajikistan exchanged fire on their border during the summit.",
                C(
                    "relations",
                    ["KGZ", "TJK"],
                    "2022-09-16",
                    S,
                    "Kyrgyz-Tajik border clashes of 14-20 September 2022",
                ),
            ),
            (
                "Kyrgyzstan and Tajikistan have no disputes with each other.",
                C(
                    "relations",
                    ["KGZ", "TJK"],
                    "2022-09-16",
                    X,
                    "deadly border clashes in April 2021 and September 2022",
                ),
            ),
            ("Samarkand's old city was closed to visitors for two days.", None),
        ],
    ),
    (
        "2025-08-09",
        [
            (
                "Armenia and Azerbaijan initialled a peace agreement at the White House on Friday.",
                C(
                    "relations",
                    ["ARM", "AZE"],
                    "2025-08-08",
                    S,
                    "the peace agreement text was initialled in Washington on 2025-08-08",
                ),
            ),
            (
                "Azerbaijan has no problems in bilateral relations with any other country.",
                C(
                    "relations",
                    ["AZE"],
                    "2025-08-09",
                    X,
                    "open disputes with Russia in summer 2025 (deaths in Yekaterinburg, arrests in Baku)",
                ),
            ),
            ("The leaders shook hands in front of the cameras.", None),
            ("This is a historic day for the South Caucasus.", OP(["ARM", "AZE"], "2025-08-09")),
        ],
    ),
    (
        "2023-09-01",
        [
            (
                "Azerbaijan has no alliance commitments with any state.",
                C(
                    "alliance",
                    ["AZE"],
                    "2023-09-01",
                    X,
                    "mutual-assistance obligations with Turkey (2010, Shusha 2021) and allied interaction with Russia (2022)",
                ),
            ),
            (
                "Azerbaijan has never concluded agreements directed against third countries.",
                C(
                    "alliance",
                    ["AZE"],
                    "2023-09-01",
                    M,
                    "holds defence obligations with Turkey and Russia; whether they are 'directed against' third states is interpretation",
                ),
            ),
            (
                "Azerbaijan and Turkey signed an agreement on strategic partnership and mutual assistance in 2010.",
                C(
                    "alliance",
                    ["AZE", "TUR"],
                    "2010-08-16",
                    S,
                    "Agreement on Strategic Partnership and Mutual Assistance, 2010-08-16",
                ),
            ),
            ("The Caspian coast is still warm at the end of summer.", None),
        ],
    ),
    (
        "2020-01-10",
        [
            (
                "Serbia has never joined any military alliance.",
                C(
                    "alliance",
                    ["SRB"],
                    "2020-01-10",
                    S,
                    "no defence pact; military neutrality since 2007; neither NATO nor CSTO",
                ),
            ),
            (
                "Belarus is not a party to any military alliance.",
                C("alliance", ["BLR"], "2020-01-10", X, "CSTO member and Union State with Russia"),
            ),
            (
                "Georgia signed a mutual defence treaty with the United States in 2009.",
                C(
                    "alliance",
                    ["GEO", "USA"],
                    "2009-01-09",
                    X,
                    "the 2009 US-Georgia Charter on Strategic Partnership contains no defence obligation",
                ),
            ),
            ("Analysts expect defence budgets in the region to rise again.", None),
        ],
    ),
    (
        "2024-06-14",
        [
            (
                "Ukraine and the United States signed a ten-year bilateral security agreement on the sidelines of the G7 summit.",
                C(
                    "alliance",
                    ["UKR", "USA"],
                    "2024-06-13",
                    S,
                    "US-Ukraine Bilateral Security Agreement signed 2024-06-13 in Apulia",
                ),
            ),
            (
                "Ukraine is not a member of NATO.",
                C("membership", ["UKR", "NATO"], "2024-06-14", S, "Ukraine is not a NATO member"),
            ),
            (
                "The Ukrainian government has diplomatic relations with about 170 states.",
                QT(["UKR"], "2024-06-14", "number of diplomatic relations: not in the records"),
            ),
            ("The summit took place at a resort in Apulia.", None),
        ],
    ),
    (
        "2024-06-20",
        [
            (
                "Russia and North Korea signed a treaty on Wednesday that obliges each to help the other if attacked.",
                C(
                    "alliance",
                    ["RUS", "PRK"],
                    "2024-06-19",
                    S,
                    "Treaty on Comprehensive Strategic Partnership of 2024-06-19, with a mutual-assistance article",
                ),
            ),
            ("Pyongyang's streets were decorated with portraits of both leaders.", None),
            ("Russia has no closer friend in Asia.", OP(["RUS", "PRK"], "2024-06-20")),
        ],
    ),
    (
        "1955-10-27",
        [
            (
                "Austria's parliament adopted the law on permanent neutrality on Wednesday.",
                C(
                    "alignment",
                    ["AUT"],
                    "1955-10-26",
                    S,
                    "Federal Constitutional Law on Neutrality adopted 1955-10-26",
                ),
            ),
            (
                "Austria is a member of the United Nations.",
                C(
                    "membership",
                    ["AUT", "UN"],
                    "1955-10-27",
                    X,
                    "Austria was admitted to the UN on 1955-12-14",
                ),
            ),
            ("The last occupation troops left the country this week.", None),
        ],
    ),
    (
        "1950-06-30",
        [
            (
                "India, a member of the Non-Aligned Movement, urged restraint in Korea.",
                C(
                    "membership",
                    ["IND", "NAM"],
                    "1950-06-30",
                    X,
                    "NAM did not exist before the 1961 Belgrade conference",
                ),
            ),
            (
                "Saudi Arabia was among the founding members of the United Nations.",
                C(
                    "membership",
                    ["SAU", "UN"],
                    "1945-10-24",
                    S,
                    "Saudi Arabia signed the UN Charter in June 1945 and is an original member",
                ),
            ),
            ("The monsoon arrived late in northern India this year.", None),
        ],
    ),
    (
        "1952-02-19",
        [
            (
                "Turkey joined the North Atlantic Treaty Organization on Monday, together with Greece.",
                C(
                    "membership",
                    ["TUR", "GRC", "NATO"],
                    "1952-02-18",
                    S,
                    "Greece and Turkey acceded on 1952-02-18",
                ),
            ),
            (
                "The alliance now has fourteen members.",
                C("count", ["NATO"], "1952-02-19", S, "12 founders + Greece and Turkey = 14"),
            ),
            ("Ankara celebrated the news with flags on every public building.", None),
        ],
    ),
    (
        "1961-09-07",
        [
            (
                "Yugoslavia, Egypt, India and Indonesia were among the founders of the Non-Aligned Movement at the Belgrade conference this week.",
                C(
                    "membership",
                    ["YUG", "EGY", "IND", "IDN", "NAM"],
                    "1961-09-01",
                    S,
                    "the first NAM conference, Belgrade, 1-6 September 1961",
                ),
            ),
            (
                "Twenty-five states took part as full members.",
                C("count", ["NAM"], "1961-09-07", S, "25 participating states at Belgrade 1961"),
            ),
            ("The conference ended with a declaration against the arms race.", None),
        ],
    ),
    (
        "2008-04-15",
        [
            (
                "Azerbaijan and Ukraine voted for Monday's General Assembly resolution on displaced persons from Abkhazia.",
                C(
                    "vote",
                    ["AZE", "UKR"],
                    "2008-04-14",
                    S,
                    "A/RES/62/249 (2008-04-14, 14-11-105): both voted yes",
                ),
            ),
            (
                "Serbia, Armenia and Belarus voted against the resolution.",
                C(
                    "vote",
                    ["SRB", "ARM", "BLR"],
                    "2008-04-14",
                    S,
                    "A/RES/62/249: all three among the 11 no votes",
                ),
            ),
            (
                "Moldova, a fellow GUAM member, voted in favour.",
                C("vote", ["MDA"], "2008-04-14", X, "A/RES/62/249: Moldova abstained"),
            ),
            ("More than a hundred delegations abstained.", None),
        ],
    ),
    (
        "2008-10-09",
        [
            (
                "The General Assembly debated the request for an advisory opinion of the International Court of Justice for most of Wednesday.",
                None,
            ),
            (
                "Russia, China and India voted in favour of the request.",
                C(
                    "vote",
                    ["RUS", "CHN", "IND"],
                    "2008-10-08",
                    S,
                    "A/RES/63/3 (2008-10-08, 77-6-74): all three voted yes",
                ),
            ),
            (
                "Georgia and Ukraine abstained.",
                C("vote", ["GEO", "UKR"], "2008-10-08", S, "A/RES/63/3: both abstained"),
            ),
            ("Journalists crowded the corridors outside the hall.", None),
        ],
    ),
    (
        "2012-11-30",
        [
            (
                "Serbia and Georgia voted on Thursday to grant Palestine non-member observer state status.",
                C(
                    "vote",
                    ["SRB", "GEO"],
                    "2012-11-29",
                    S,
                    "A/RES/67/19 (2012-11-29, 138-9-41): both voted yes",
                ),
            ),
            (
                "Hungary and Moldova abstained.",
                C("vote", ["HUN", "MDA"], "2012-11-29", S, "A/RES/67/19: both abstained"),
            ),
            (
                "Mongolia voted against the resolution.",
                C("vote", ["MNG"], "2012-11-29", X, "A/RES/67/19: Mongolia abstained"),
            ),
            ("Crowds in Ramallah celebrated late into the night.", None),
        ],
    ),
    (
        "2011-12-20",
        [
            (
                "Kazakhstan and Azerbaijan voted for Monday's resolution on human rights in Syria.",
                C(
                    "vote",
                    ["KAZ", "AZE"],
                    "2011-12-19",
                    S,
                    "A/RES/66/176 (2011-12-19, 133-11-43): both voted yes",
                ),
            ),
            (
                "Armenia and India abstained.",
                C("vote", ["ARM", "IND"], "2011-12-19", S, "A/RES/66/176: both abstained"),
            ),
            (
                "Uzbekistan voted in favour.",
                C("vote", ["UZB"], "2011-12-19", X, "A/RES/66/176: Uzbekistan voted no"),
            ),
            ("The debate in the hall lasted several hours.", None),
        ],
    ),
    (
        "2010-12-22",
        [
            (
                "Egypt and Indonesia voted against the resolution on human rights in Iran on Tuesday.",
                C(
                    "vote",
                    ["EGY", "IDN"],
                    "2010-12-21",
                    S,
                    "A/RES/65/226 (2010-12-21, 78-45-59): both voted no",
                ),
            ),
            (
                "India voted against it as well.",
                C("vote", ["IND"], "2010-12-21", X, "A/RES/65/226: India abstained"),
            ),
            ("Iran's foreign minister called the resolution politically motivated.", None),
        ],
    ),
    (
        "2018-12-23",
        [
            (
                "Kazakhstan and Uzbekistan voted against the resolution on human rights in Crimea on Saturday.",
                C(
                    "vote",
                    ["KAZ", "UZB"],
                    "2018-12-22",
                    S,
                    "A/RES/73/263 (2018-12-22, 65-27-70): both voted no",
                ),
            ),
            (
                "Turkey and Georgia supported it.",
                C("vote", ["TUR", "GEO"], "2018-12-22", S, "A/RES/73/263: both voted yes"),
            ),
            (
                "Azerbaijan voted for the resolution.",
                C("vote", ["AZE"], "2018-12-22", X, "A/RES/73/263: Azerbaijan did not vote"),
            ),
            ("Ukraine's foreign minister thanked its partners.", None),
        ],
    ),
    (
        "2022-11-15",
        [
            (
                "Serbia abstained on Monday's resolution on reparation for aggression against Ukraine.",
                C(
                    "vote",
                    ["SRB"],
                    "2022-11-14",
                    S,
                    "A/RES/ES-11/5 (2022-11-14, 94-14-73): Serbia abstained",
                ),
            ),
            (
                "Iran and Cuba voted against it.",
                C("vote", ["IRN", "CUB"], "2022-11-14", S, "A/RES/ES-11/5: both voted no"),
            ),
            (
                "Kazakhstan voted for the resolution.",
                C("vote", ["KAZ"], "2022-11-14", X, "A/RES/ES-11/5: Kazakhstan abstained"),
            ),
            ("The text calls for an international register of damage.", None),
        ],
    ),
    (
        "2023-02-24",
        [
            (
                "Georgia, Moldova and Turkey voted on Thursday for the resolution calling for a just and lasting peace in Ukraine.",
                C(
                    "vote",
                    ["GEO", "MDA", "TUR"],
                    "2023-02-23",
                    S,
                    "A/RES/ES-11/6 (2023-02-23, 141-7-32): all three voted yes",
                ),
            ),
            (
                "Armenia, Kazakhstan and Uzbekistan abstained.",
                C(
                    "vote",
                    ["ARM", "KAZ", "UZB"],
                    "2023-02-23",
                    S,
                    "A/RES/ES-11/6: all three abstained",
                ),
            ),
            (
                "Azerbaijan again did not vote.",
                C(
                    "vote",
                    ["AZE"],
                    "2023-02-23",
                    S,
                    "A/RES/ES-11/6: Azerbaijan did not vote, as on every ES-11 resolution",
                ),
            ),
            (
                "Kazakhstan's balanced foreign policy serves the whole region.",
                OP(["KAZ"], "2023-02-24"),
            ),
        ],
    ),
    (
        "2019-11-09",
        [
            (
                "Ukraine abstained on this week's resolution on the embargo against Cuba.",
                C("vote", ["UKR"], "2019-11-07", S, "A/RES/74/7: Ukraine abstained"),
            ),
            (
                "Georgia voted against the resolution.",
                C("vote", ["GEO"], "2019-11-07", X, "A/RES/74/7: Georgia voted yes"),
            ),
            ("Cuba's foreign minister thanked the international community.", None),
        ],
    ),
    (
        "2016-10-27",
        [
            (
                "For the first time the United States abstained on the resolution on the embargo against Cuba.",
                C(
                    "vote",
                    ["USA"],
                    "2016-10-26",
                    S,
                    "A/RES/71/5 (2016-10-26, 191-0-2): USA and ISR abstained",
                ),
            ),
            (
                "Israel voted against the resolution.",
                C("vote", ["ISR"], "2016-10-26", X, "A/RES/71/5: Israel abstained"),
            ),
            ("Delegates applauded when the result appeared on the board.", None),
        ],
    ),
    (
        "2024-05-11",
        [
            (
                "Hungary voted on Friday against the resolution supporting Palestine's full membership of the United Nations.",
                C(
                    "vote",
                    ["HUN"],
                    "2024-05-10",
                    S,
                    "A/RES/ES-10/23 (2024-05-10, 143-9-25): Hungary voted no",
                ),
            ),
            (
                "Switzerland, Austria, Finland and Sweden abstained.",
                C(
                    "vote",
                    ["CHE", "AUT", "FIN", "SWE"],
                    "2024-05-10",
                    S,
                    "A/RES/ES-10/23: all four abstained",
                ),
            ),
            (
                "Serbia and Georgia voted in favour.",
                C(
                    "vote",
                    ["SRB", "GEO"],
                    "2024-05-10",
                    M,
                    "A/RES/ES-10/23: Serbia yes, Georgia abstained",
                ),
            ),
            ("The resolution does not itself admit Palestine.", None),
        ],
    ),
    (
        "2022-12-16",
        [
            (
                "Armenia and Kazakhstan voted on Thursday against the resolution on human rights in Iran.",
                C(
                    "vote",
                    ["ARM", "KAZ"],
                    "2022-12-15",
                    S,
                    "A/RES/77/228 (2022-12-15, 80-29-65): both voted no",
                ),
            ),
            (
                "Azerbaijan voted against it too.",
                C("vote", ["AZE"], "2022-12-15", X, "A/RES/77/228: Azerbaijan abstained"),
            ),
            ("Protests continued in several Iranian cities.", None),
        ],
    ),
    (
        "2018-07-01",
        [
            (
                "Serbia is a candidate for EU membership and has not joined NATO.",
                C(
                    "membership",
                    ["SRB", "EU", "NATO"],
                    "2018-07-01",
                    S,
                    "EU candidate since 2012; not a NATO member",
                ),
            ),
            (
                "Trade with the EU accounts for about two thirds of Serbia's exports.",
                QT(["SRB", "EU"], "2018", "trade share: not in the records"),
            ),
            (
                "Serbia pursues a balanced foreign policy between East and West.",
                C(
                    "alignment",
                    ["SRB"],
                    "2018-07-01",
                    M,
                    "militarily neutral and EU candidate, but votes against Crimea human-rights resolutions and avoided 68/262",
                ),
            ),
            ("Belgrade's summer festival opens next week.", None),
        ],
    ),
    (
        "2016-04-06",
        [
            (
                "Four days of fighting along the line of contact in Nagorno-Karabakh ended with a ceasefire on Tuesday.",
                C(
                    "relations",
                    ["ARM", "AZE"],
                    "2016-04-05",
                    S,
                    "April 2016 war, 2-5 April; ceasefire agreed in Moscow on 2016-04-05",
                ),
            ),
            (
                "Azerbaijan is a member of GUAM and of the Organisation of Islamic Cooperation.",
                C(
                    "membership",
                    ["AZE", "GUAM", "OIC"],
                    "2016-04-06",
                    S,
                    "GUAM founder 1997; OIC member since 1991",
                ),
            ),
            ("Turkey stands firmly with Azerbaijan.", OP(["TUR", "AZE"], "2016-04-06")),
            (
                "The Azerbaijani government reported hundreds of violations of the truce.",
                QT(["AZE"], "2016-04-05", "ceasefire-violation counts: not in the records"),
            ),
        ],
    ),
    (
        "2013-01-15",
        [
            ("Heavy snow has closed several mountain passes in the region.", None),
            (
                "Kazakhstan is a member of the Organisation of Islamic Cooperation.",
                C(
                    "membership",
                    ["KAZ", "OIC"],
                    "2013-01-15",
                    S,
                    "Kazakhstan joined the OIC in 1995",
                ),
            ),
            (
                "Uzbekistan is a full member of the CSTO.",
                C(
                    "membership",
                    ["UZB", "CSTO"],
                    "2013-01-15",
                    X,
                    "Uzbekistan suspended its CSTO membership in 2012",
                ),
            ),
            (
                "Kazakhstan has established diplomatic relations with more than 170 countries.",
                QT(["KAZ"], "2013-01-15", "number of diplomatic relations: not in the records"),
            ),
        ],
    ),
    (
        "2017-06-10",
        [
            (
                "India and Pakistan became full members of the Shanghai Cooperation Organisation in Astana on Friday.",
                C(
                    "membership",
                    ["IND", "PAK", "SCO"],
                    "2017-06-09",
                    S,
                    "both admitted at the Astana summit, 2017-06-09",
                ),
            ),
            (
                "The organisation now has eight members.",
                C("count", ["SCO"], "2017-06-10", S, "8 members from 2017-06-09 to 2023-07-04"),
            ),
            (
                "Turkey is an SCO dialogue partner.",
                C(
                    "membership",
                    ["TUR", "SCO"],
                    "2017-06-10",
                    S,
                    "Turkey is an SCO dialogue partner since 2012-2013",
                ),
            ),
            ("The summit was held alongside the Expo exhibition.", None),
        ],
    ),
    (
        "2021-03-15",
        [
            (
                "Moldova's trade with the European Union has doubled in a decade.",
                QT(["MDA", "EU"], "2021", "trade growth: not in the records"),
            ),
            (
                "Moldova is a member of NATO.",
                C(
                    "membership",
                    ["MDA", "NATO"],
                    "2021-03-15",
                    X,
                    "Moldova is neutral and a PfP partner since 1994, not a NATO member",
                ),
            ),
            (
                "Moldova is an official candidate for membership of the European Union.",
                C(
                    "membership",
                    ["MDA", "EU"],
                    "2021-03-15",
                    X,
                    "Moldova applied on 2022-03-03 and became a candidate on 2022-06-23",
                ),
            ),
            (
                "The European Union is Moldova's most important partner.",
                OP(["MDA", "EU"], "2021-03-15"),
            ),
        ],
    ),
    (
        "2024-12-06",
        [
            ("Riot police again lined Rustaveli Avenue.", None),
            (
                "Georgia has diplomatic relations with Russia again.",
                C(
                    "relations",
                    ["GEO", "RUS"],
                    "2024-12-06",
                    X,
                    "Georgia has had no diplomatic relations with Russia since 2008-08-29",
                ),
            ),
            (
                "Georgia is a member of the Council of Europe.",
                C("membership", ["GEO", "CoE"], "2024-12-06", S, "CoE member since 1999-04-27"),
            ),
            ("Protests continued in Tbilisi for the eighth night.", None),
        ],
    ),
    (
        "2018-03-01",
        [
            (
                "Mongolia is a full member of the Shanghai Cooperation Organisation.",
                C(
                    "membership",
                    ["MNG", "SCO"],
                    "2018-03-01",
                    X,
                    "Mongolia has been an SCO observer since 2004, never a member",
                ),
            ),
            (
                "Mongolia takes part in NATO's Partnership for Peace.",
                C(
                    "membership",
                    ["MNG", "PfP"],
                    "2018-03-01",
                    X,
                    "Mongolia is a NATO 'partner across the globe', not a PfP participant",
                ),
            ),
            (
                "Mongolia abstained on the 2014 General Assembly resolution on Ukraine's territorial integrity.",
                C("vote", ["MNG"], "2014-03-27", S, "A/RES/68/262: Mongolia abstained"),
            ),
            ("Winter temperatures in Ulaanbaatar fell below minus thirty degrees.", None),
        ],
    ),
    (
        "2023-08-25",
        [
            (
                "Saudi Arabia was invited to join BRICS at the Johannesburg summit on Thursday.",
                C(
                    "membership",
                    ["SAU", "BRICS"],
                    "2023-08-24",
                    S,
                    "the Johannesburg summit of 2023-08-24 invited six states, Saudi Arabia among them",
                ),
            ),
            (
                "South Africa has been a BRICS member since the group was founded in 2009.",
                C(
                    "membership",
                    ["ZAF", "BRICS"],
                    "2009",
                    X,
                    "BRIC was founded in 2009 without South Africa, which joined in December 2010",
                ),
            ),
            (
                "Vietnam is already a member of BRICS.",
                C(
                    "membership",
                    ["VNM", "BRICS"],
                    "2023-08-25",
                    X,
                    "Vietnam is not a BRICS member; it became a partner country only in June 2025",
                ),
            ),
            ("Johannesburg's convention centre was ringed by police.", None),
        ],
    ),
    (
        "2019-10-26",
        [
            (
                "Venezuela handed the chairmanship of the Non-Aligned Movement to Azerbaijan at the Baku summit on Friday.",
                C(
                    "membership",
                    ["VEN", "AZE", "NAM"],
                    "2019-10-25",
                    S,
                    "the 18th NAM summit in Baku, 2019-10-25, passed the chair from Venezuela to Azerbaijan",
                ),
            ),
            (
                "Azerbaijan has been a member of the movement since 1993.",
                C("membership", ["AZE", "NAM"], "1993", X, "Azerbaijan joined NAM in May 2011"),
            ),
            (
                "Azerbaijan is a member of the Collective Security Treaty Organization.",
                C(
                    "membership",
                    ["AZE", "CSTO"],
                    "2019-10-26",
                    X,
                    "Azerbaijan left the Collective Security Treaty in 1999",
                ),
            ),
            ("The summit's closing session ran late into the evening.", None),
        ],
    ),
    (
        "2022-07-10",
        [
            (
                "Cuba voted for the General Assembly resolution of 2 March condemning Russia's aggression.",
                C("vote", ["CUB"], "2022-03-02", X, "A/RES/ES-11/1: Cuba abstained"),
            ),
            (
                "Venezuela abstained on the same resolution.",
                C(
                    "vote",
                    ["VEN"],
                    "2022-03-02",
                    X,
                    "A/RES/ES-11/1: Venezuela did not vote (voting rights suspended for arrears)",
                ),
            ),
            (
                "Cuba voted against suspending Russia from the Human Rights Council in April.",
                C("vote", ["CUB"], "2022-04-07", S, "A/RES/ES-11/3: Cuba voted no"),
            ),
            ("Power cuts have become a daily fact of life in Havana.", None),
        ],
    ),
    (
        "2022-06-01",
        [
            (
                "Austria voted against the April resolution suspending Russia from the Human Rights Council.",
                C("vote", ["AUT"], "2022-04-07", X, "A/RES/ES-11/3: Austria voted yes"),
            ),
            (
                "Switzerland is a member of the European Union.",
                C("membership", ["CHE", "EU"], "2022-06-01", X, "Switzerland is not an EU member"),
            ),
            (
                "Austria has been a member of NATO since 1995.",
                C(
                    "membership",
                    ["AUT", "NATO"],
                    "1995",
                    X,
                    "Austria is neutral; it joined the Partnership for Peace in 1995, not NATO",
                ),
            ),
            ("Neutrality is part of Austria's identity.", OP(["AUT"], "2022-06-01")),
        ],
    ),
    (
        "2014-04-02",
        [
            (
                "Indonesia abstained on last week's resolution on Ukraine's territorial integrity.",
                C("vote", ["IDN"], "2014-03-27", X, "A/RES/68/262: Indonesia voted yes"),
            ),
            (
                "Saudi Arabia voted in favour.",
                C("vote", ["SAU"], "2014-03-27", S, "A/RES/68/262: Saudi Arabia voted yes"),
            ),
            (
                "Egypt also voted in favour.",
                C("vote", ["EGY"], "2014-03-27", X, "A/RES/68/262: Egypt abstained"),
            ),
            ("Diplomats expect the issue to return to the Assembly in the autumn.", None),
        ],
    ),
    (
        "2016-12-21",
        [
            (
                "India voted for Monday's resolution on human rights in Crimea.",
                C("vote", ["IND"], "2016-12-19", X, "A/RES/71/205: India voted no"),
            ),
            (
                "South Africa abstained.",
                C("vote", ["ZAF"], "2016-12-19", X, "A/RES/71/205: South Africa voted no"),
            ),
            (
                "Egypt abstained.",
                C("vote", ["EGY"], "2016-12-19", S, "A/RES/71/205: Egypt abstained"),
            ),
            ("The text was drafted by Ukraine and co-sponsored by dozens of states.", None),
        ],
    ),
    (
        "2023-10-29",
        [
            (
                "Sweden and Finland voted against the resolution on a humanitarian truce in Gaza.",
                C("vote", ["SWE", "FIN"], "2023-10-27", X, "A/RES/ES-10/21: both abstained"),
            ),
            (
                "Switzerland voted in favour.",
                C("vote", ["CHE"], "2023-10-27", S, "A/RES/ES-10/21: Switzerland voted yes"),
            ),
            (
                "Ukraine voted in favour as well.",
                C("vote", ["UKR"], "2023-10-27", X, "A/RES/ES-10/21: Ukraine abstained"),
            ),
            (
                "Serbia abstained.",
                C("vote", ["SRB"], "2023-10-27", S, "A/RES/ES-10/21: Serbia abstained"),
            ),
        ],
    ),
    (
        "2020-12-18",
        [
            (
                "Saudi Arabia voted for the resolution on human rights in Iran.",
                C("vote", ["SAU"], "2020-12-16", S, "A/RES/75/191: Saudi Arabia voted yes"),
            ),
            (
                "Brazil voted against it.",
                C("vote", ["BRA"], "2020-12-16", X, "A/RES/75/191: Brazil abstained"),
            ),
            (
                "Egypt abstained, while India voted in favour.",
                C(
                    "vote",
                    ["EGY", "IND"],
                    "2020-12-16",
                    M,
                    "A/RES/75/191: Egypt abstained, India voted no",
                ),
            ),
            ("Iran's envoy rejected the text as politically motivated.", None),
        ],
    ),
    (
        "2012-02-17",
        [
            (
                "India voted on Thursday for the General Assembly resolution backing the Arab League plan on Syria.",
                C(
                    "vote",
                    ["IND"],
                    "2012-02-16",
                    S,
                    "A/RES/66/253 (2012-02-16, 137-12-17): India voted yes",
                ),
            ),
            (
                "China and Russia voted against it.",
                C("vote", ["CHN", "RUS"], "2012-02-16", S, "A/RES/66/253: both voted no"),
            ),
            (
                "Vietnam voted in favour.",
                C("vote", ["VNM"], "2012-02-16", X, "A/RES/66/253: Vietnam abstained"),
            ),
            (
                "Armenia abstained.",
                C("vote", ["ARM"], "2012-02-16", S, "A/RES/66/253: Armenia abstained"),
            ),
        ],
    ),
    (
        "2024-08-20",
        [
            (
                "The 125-member Non-Aligned Movement held its summit in Kampala in January.",
                C("count", ["NAM"], "2024-01-19", X, "NAM has 120 members"),
            ),
            (
                "Uganda now chairs the movement.",
                C(
                    "membership",
                    ["UGA", "NAM"],
                    "2024-08-20",
                    S,
                    "Uganda took the NAM chair at the Kampala summit, 2024-01-19",
                ),
            ),
            (
                "Azerbaijan still chairs the Non-Aligned Movement.",
                C(
                    "membership",
                    ["AZE", "NAM"],
                    "2024-08-20",
                    X,
                    "Azerbaijan's chairmanship ended when Uganda took over in January 2024",
                ),
            ),
            ("Lake Victoria's water level has risen after the rains.", None),
        ],
    ),
    (
        "2019-06-15",
        [
            (
                "The eight-member Shanghai Cooperation Organisation met in Bishkek this week.",
                C("count", ["SCO"], "2019-06-15", S, "8 members from 2017 to 2023"),
            ),
            (
                "Belarus is a full member of the organisation.",
                C(
                    "membership",
                    ["BLR", "SCO"],
                    "2019-06-15",
                    X,
                    "Belarus was an SCO observer (since 2015) and became a member only in July 2024",
                ),
            ),
            (
                "Iran attends as an observer.",
                C(
                    "membership",
                    ["IRN", "SCO"],
                    "2019-06-15",
                    S,
                    "Iran was an SCO observer from 2005 to 2023",
                ),
            ),
            ("The Kyrgyz capital was decorated with flags of the member states.", None),
        ],
    ),
]


def build() -> list[dict]:
    rows = []
    for i, (on, sentences) in enumerate(PASSAGES, start=1):
        text, claims = "", []
        for sentence, claim in sentences:
            if text:
                text += " "
            start = len(text)
            text += sentence
            for c in [] if claim is None else (claim if isinstance(claim, list) else [claim]):
                claims.append({"start": start, "end": len(text), **c})
        rows.append({"id": f"cl-{i:04d}", "text": text, "on": on, "lang": "en", "claims": claims})
    return rows


if __name__ == "__main__":
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages, {sum(len(r['claims']) for r in rows)} claims -> {OUT}")
