"""Street addresses: "1211 E Arques Ave" -> "twelve eleven East Arques Avenue".

A house number of three or four digits is said in pairs, as people say it ("twelve eleven",
"sixteen hundred"), not as a quantity; a compass letter before the street name is the
direction, and the street type is said in full with or without its period. Only with a number,
a capitalized name and a listed street type (data: ``[address]``), so "5 E" or "the Main St"
alone are left to the other rules.
"""

from __future__ import annotations

import re

from briefing.normalize._english import _alternation, _data, _ends_sentence
from briefing.normalize.tokens import TokenClass
from briefing.normalize.words import pairs


def _say(m: re.Match[str], text: str) -> str:
    data = _data()["address"]
    number = m["ad_n"]
    spoken = [pairs(number) if len(number) >= 3 else number]
    if m["ad_n2"]:  # "7-9 Main St": a range of house numbers
        second = m["ad_n2"]
        spoken.append(f"to {pairs(second) if len(second) >= 3 else second}")
    if m["ad_dir"]:
        spoken.append(data["directions"][m["ad_dir"]])
    spoken.append(m["ad_name"])
    spoken.append(data["street_types"][m["ad_type"]])
    out = " ".join(spoken)
    if m["ad_dot"] and _ends_sentence(text, m.end()):
        out += "."
    return out


def _classes() -> tuple[TokenClass, ...]:
    data = _data()["address"]
    types = _alternation(data["street_types"])
    directions = _alternation(data["directions"])
    return (
        TokenClass(
            "address",
            rf"(?<![\w,.$€£#-])(?P<ad_n>\d{{1,5}})(?:[-–](?P<ad_n2>\d{{1,5}}))?\s(?:(?P<ad_dir>{directions})\.?\s)?"
            rf"(?P<ad_name>(?:[A-Z][a-z][\w'’-]*\s){{0,2}}[A-Z][a-z][\w'’-]*|\d{{1,3}}(?:st|nd|rd|th))\s(?P<ad_type>{types})"
            r"(?P<ad_dot>\.)?(?![\w'’-])",
            _say,
            first=r"\d",
        ),
    )
