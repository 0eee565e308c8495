"""Telephone numbers, digit by digit in their groups: "(123) 123-5678" -> "one two three, one
two three, five six seven eight".

espeak reads each group as a quantity ("five hundred fifty-five dash ...") and "1-800" as a
range would. A group is read digit by digit with "oh" for zero, the groups apart with a pause
(a comma), and the toll-free "800" as people say it ("one, eight hundred"). Found by shape: an
area code in brackets or a 3-3-4 or 1-3-3-4 grouping with dashes, dots or spaces, or a "+"
and a country code; emergency numbers ("911") only after "call" or "dial".
"""

from __future__ import annotations

import re

from briefing.normalize.tokens import TokenClass
from briefing.normalize.words import digits

_GROUP = re.compile(r"\d+")


def _say(m: re.Match[str], text: str) -> str:
    number = m.group(0)
    groups = _GROUP.findall(number)
    spoken = []
    for i, group in enumerate(groups):
        if group == "800" and ((i == 1 and groups[0] == "1") or i == 0):
            spoken.append("eight hundred")
        else:
            spoken.append(digits(group, zero="oh"))
    head = "plus " if number.startswith("+") else ""
    return head + ", ".join(spoken)


def _say_emergency(m: re.Match[str], text: str) -> str:
    return m["em_call"] + " " + digits(m["em_number"])


CLASSES = (
    TokenClass(
        "telephone",
        r"(?<![\w.,/+-])(?:"
        r"\+\d{1,3}(?:[ .-]\(?\d{1,5}\)?){1,4}[ .-]\d{2,8}"
        r"|(?:1[ .-])?\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}"
        r"|(?:1[ .-])?\d{3}(?P<tel_sep>[.-])\d{3}(?P=tel_sep)\d{4}"
        r")(?![\w-]|[.,]\d)",
        _say,
        first=r"[+(\d]",
    ),
    TokenClass(
        "telephone",
        r"(?P<em_call>\b(?:[Cc]all(?:ed|ing|s)?|[Dd]ial(?:l?ed|l?ing|s)?))\s(?P<em_number>911|999|112|000)\b",
        _say_emergency,
        first="[CcDd]",
    ),
)
