"""Ordinals written with digits: "22nd" -> "twenty-second"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _num2words

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b")


def speak_ordinals(text: str) -> str:
    """ "1st" -> "first", "22nd" -> "twenty-second", "the 21st century" -> "the twenty-first
    century"."""
    return _ORDINAL.sub(lambda m: _num2words(int(m.group(1).replace(",", "")), "ordinal"), text)


# --- classified tokens: fractions -----------------------------------------------------------

_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}
_UNICODE = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅛": (1, 8),
            "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8), "⅕": (1, 5), "⅖": (2, 5), "⅗": (3, 5),
            "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6)}  # fmt: skip
_COMMON = frozenset([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 32, 64, 100, 1000])


def fraction_words(numerator: int, denominator: int) -> str:
    """ "1/2" -> "one half", "3/4" -> "three quarters", "2/3" -> "two thirds"."""
    if denominator in _DENOMINATORS:
        one, many = _DENOMINATORS[denominator]
    else:
        one = _num2words(denominator, "ordinal").removeprefix("one ")  # "one hundredth"
        many = one + "s"
    return f"{_num2words(numerator)} {one if numerator == 1 else many}"


def mixed_words(whole: int | None, numerator: int, denominator: int) -> str:
    """ "4 1/2" -> "four and a half", "2 3/4" -> "two and three quarters"."""
    if whole is None:
        return fraction_words(numerator, denominator)
    part = fraction_words(numerator, denominator)
    if numerator == 1:
        part = "a " + part.split(" ", 1)[1]
    return f"{_num2words(whole)} and {part}"


def parse_fraction(m: re.Match[str], prefix: str) -> tuple[int | None, int, int] | None:
    """(whole, numerator, denominator) from a match of ``FRACTION`` with group ``prefix``."""
    whole = m[f"{prefix}_w"]
    if m[f"{prefix}_u"]:
        numerator, denominator = _UNICODE[m[f"{prefix}_u"]]
    else:
        numerator, denominator = int(m[f"{prefix}_n"]), int(m[f"{prefix}_d"])
        if not (0 < numerator < denominator and denominator in _COMMON):
            return None
    return (int(whole) if whole else None), numerator, denominator


def fraction_pattern(prefix: str) -> str:
    """A fraction, plain or mixed: "1/2", "4 1/2", "2½", "½"; groups named after ``prefix``."""
    unicode = "".join(_UNICODE)
    return (
        rf"(?:(?P<{prefix}_w>\d+)(?:\s|-|(?=[{unicode}])))?"
        rf"(?:(?P<{prefix}_n>\d{{1,3}})/(?P<{prefix}_d>\d{{1,4}})|(?P<{prefix}_u>[{unicode}]))"
    )


_SINGULAR_UNIT = re.compile(
    r"\s(?:mile|inch|foot|pound|ounce|cup|teaspoon|tablespoon|hour|minute|second|acre|gallon|"
    r"litre|liter|metre|meter|kilometre|kilometer|kilogram|gram|point|percent|percentage point|"
    r"degree|ton|tonne|yard|day|week|month|year)\b"
)


def _say_fraction(m: re.Match[str], text: str) -> str | None:
    """ "1/2" -> "one half", "2 1/2" -> "two and a half"; "3/4 mile" -> "three quarters of a
    mile" (a fraction of one unit takes "of a")."""
    parts = parse_fraction(m, "fr")
    if parts is None:
        return None
    spoken = mixed_words(*parts)
    unit = _SINGULAR_UNIT.match(text, m.end())
    if parts[0] is None and unit:
        spoken += " of an" if unit.group(0)[1] in "aeiou" else " of a"
    return spoken


_LEADING_POINT = re.compile(r"(?<![\w.,])\.(\d+)")


def _say_point(m: re.Match[str], text: str) -> str:
    """ ".5" -> "point five", "a .300 hitter" -> "a point three zero zero hitter"."""
    from briefing.normalize.words import digits

    return f"point {digits(m['pt_d'])}"


def _say_leading_zero(m: re.Match[str], text: str) -> str:
    """ "Agent 007" -> "Agent oh oh seven", "Base 068" -> "Base oh six eight": a number
    written with a leading zero is a code, said digit by digit (espeak: "sixty-eight")."""
    from briefing.normalize.words import digits

    return digits(m["lz"], zero="oh")


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize.tokens import TokenClass

    return (
        TokenClass("cardinal", r"~\s?(?=\d)", lambda m, t: "about ", first="~"),
        TokenClass("cardinal", r"±\s?(?=\d)", lambda m, t: "plus or minus ", first="±"),
        TokenClass(
            "decimal",
            r"(?<![\w.,])\.(?P<pt_d>\d+)(?![\w.,]\d|\w)",
            _say_point,
            first=r"\.",
        ),
        TokenClass(
            "cardinal",
            r"(?<!\d\s)(?<![\w.,:/$€£¥₹#–-])(?P<lz>0\d+)(?![\w%°/:–-]|[.,]\d|\s\d)",
            _say_leading_zero,
            first="0",
        ),
        TokenClass(
            "fraction",
            rf"(?<![\w/.,-]){fraction_pattern('fr')}(?![\w/]|[.,]\d)",
            _say_fraction,
            first="[\\d½¼¾⅓⅔⅛⅜⅝⅞⅕⅖⅗⅘⅙⅚]",
        ),
    )
