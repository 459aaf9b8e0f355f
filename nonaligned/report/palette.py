"""The colours of every chart, in one place: Okabe-Ito for categories, viridis for scales.

Okabe & Ito (2008), "Color Universal Design": eight colours that stay distinguishable under the
common colour-vision deficiencies. Each pole keeps its colour on every chart (the West in blues,
Russia and its blocs in vermillion, China reddish purple, Turkey and the Turkic states orange, the
NAM bluish green); a pole not in the table, or one whose colour is already taken on the same
chart, gets the next unused spare. Continuous values (similarity on the map) use viridis, whose
lowest value is a dark purple, so a small S never looks like the grey of "no votes".
"""

from __future__ import annotations

from collections.abc import Iterable

BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
SKY_BLUE = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#999999"

OKABE_ITO = (ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, BLACK)

# pole code -> colour; the one table every chart reads
POLE_COLOURS = {
    "USA": BLUE,
    "NATO": BLUE,
    "EU": SKY_BLUE,
    "RUS": VERMILLION,
    "CSTO": VERMILLION,
    "CIS": VERMILLION,
    "EAEU": VERMILLION,
    "CHN": REDDISH_PURPLE,
    "TUR": ORANGE,
    "OTS": ORANGE,
    "NAM": BLUISH_GREEN,
    "balance": BLACK,  # the balance index, where it shares a chart with poles
}
SPARE = (BLACK, YELLOW, GREY, BLUE, SKY_BLUE, VERMILLION, REDDISH_PURPLE, ORANGE, BLUISH_GREEN)

STATUS_COLOURS = {
    "member": BLUE,
    "observer": ORANGE,
    "partner": BLUISH_GREEN,
    "associate": REDDISH_PURPLE,
    "candidate": SKY_BLUE,
    "guest": YELLOW,
    "suspended": GREY,
}

# the map: no votes in a neutral light grey (with its own legend entry), S in viridis
NO_DATA = "#d9d9d9"
SEQUENTIAL = "viridis"


def pole_colours(codes: Iterable[str]) -> list[str]:
    """One colour per pole code, in order: the table's colour, or the next unused spare when the
    code is not in the table or its colour is already used on this chart."""
    out: list[str] = []
    for code in codes:
        colour = POLE_COLOURS.get(code) or POLE_COLOURS.get(code.upper())
        if colour is None or colour in out:
            colour = next((c for c in SPARE if c not in out), GREY)
        out.append(colour)
    return out


def category_colours(n: int) -> list[str]:
    """``n`` colours for categories with no fixed colour (e.g. states compared side by side)."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


__all__ = [
    "NO_DATA",
    "OKABE_ITO",
    "POLE_COLOURS",
    "SEQUENTIAL",
    "STATUS_COLOURS",
    "category_colours",
    "pole_colours",
]
