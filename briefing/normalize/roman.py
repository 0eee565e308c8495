"""Roman numerals: "World War II", "Elizabeth II"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _NEXT_NAME, _en, _num2words, _starters

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

_WAR = re.compile(r"\b(?:World War |WW ?)(II|I|2|1)\b(?![-–]\d)")


def expand_war_numerals(text: str) -> str:
    """ "World War II" / "WWII" / "WW2" -> "World War Two"; "World War I" -> "World War One"."""
    return _WAR.sub(lambda m: "World War " + ("Two" if m.group(1) in ("II", "2") else "One"), text)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral: str) -> int | None:
    """The value of a canonical Roman numeral up to 89, else None ("IIII", "VX" are not)."""
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN[char]
        if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if 0 < total < 90 and _to_roman(total) == numeral else None


def _to_roman(number: int) -> str:
    out = []
    for value, symbol in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV")):
        while number >= value:
            out.append(symbol)
            number -= value
    return "".join(out) + "I" * number


_NO_KING_REIGNS = 40
"""No monarch or pope numbered this high (John XXIII, Louis XVIII): an "L" is an initial."""
_AFTER_LONE_I = re.compile(r"$|[,.;:!?)’']|\s+of\b")


def expand_regnal_numerals(text: str) -> str:
    """ "Elizabeth II" -> "Elizabeth the Second", "Henry VIII" -> "Henry the Eighth".

    Only after a listed name, so "Rocky IV" and "Super Bowl LIV" stay; a lone "I" only when
    punctuation or "of" follows, so "Mary I think" stays; never forty or more ("John L."
    is an initial).
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        name, numeral = m.groups()
        value = _roman(numeral)
        if value is None or (numeral == "I" and not _AFTER_LONE_I.match(text, m.end())):
            return m.group(0)
        if value >= _NO_KING_REIGNS:
            return m.group(0)  # "David L. (" is an initial: nobody reigns as the Fiftieth
        if len(numeral) == 1 and text.startswith(".", m.end()):
            initial = _NEXT_NAME.match(text, m.end() + 1)  # "Henry V. Smith": an initial
            if initial and initial.group(1) not in _starters():
                return m.group(0)
        return f"{name} the {_num2words(value, 'ordinal').capitalize()}"

    return en.regnal.sub(replace, text)


# --- classified tokens ----------------------------------------------------------------------

_ROMAN_FULL = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_NUMERAL = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"


def roman_value(numeral: str) -> int | None:
    """The value of a canonical Roman numeral from 1 to 3999 ("LVIII" -> 58), else None."""
    if not numeral or not re.fullmatch(_NUMERAL, numeral):
        return None
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_FULL[char]
        following = _ROMAN_FULL[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if following > value else value
    return total or None


def _say_label(m: re.Match[str], text: str) -> str | None:
    """ "Chapter IV" -> "Chapter four", "Super Bowl LVIII" -> "Super Bowl fifty-eight"."""
    value = roman_value(m["ro_num"])
    if value is None:
        return None
    return f"{m['ro_label']} {_num2words(value)}"


def _say_suffix(m: re.Match[str], text: str) -> str | None:
    """ "Edgar Smith III" -> "Edgar Smith the Third": a generational suffix after a full name.
    After a single name ("The Rocky IV") the numeral is bare (``_bare``)."""
    from briefing.normalize._english import _data

    words = m["rs_name"].split()
    if words[0] in _starters() or words[-1] == "War" or words[-1] in _data()["roman"]["labels"]:
        bare = _bare(m["rs_num"], text, m.start("rs_num"))
        return None if bare is None else text[m.start() : m.start("rs_num")] + bare
    value = roman_value(m["rs_num"])
    if value is None:
        return None
    return f"{m['rs_name']} the {_num2words(value, 'ordinal').capitalize()}"


_ESPEAK_SPELLS = frozenset(["VI", "XXX"])  # espeak says these letter by letter: keep as written


def _say_bare(m: re.Match[str], text: str) -> str | None:
    return _bare(m["rb"], text, m.start())


def _bare(numeral: str, text: str, start: int) -> str | None:
    """ "Rocky IV" -> "Rocky four", "XIX," -> "nineteen": espeak reads a numeral of I, V and X
    as "Roman four"; said without "Roman". Not after a regnal name or "War" (their rules say
    "the Second", "Two"), and "an IV" (a drip) is spelled."""
    from briefing.normalize._english import _prev_word

    value = roman_value(numeral)
    before = _prev_word(text, start)
    if value is None or numeral in _ESPEAK_SPELLS or before in _en().regnal_names:
        return None
    if before in ("War", "WW") or text[max(0, start - 3) : start] == "WW":
        return None
    if numeral == "IV" and before in ("an", "An", "a"):
        return "I-V"
    return _num2words(value)


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize._english import _alternation, _data
    from briefing.normalize.tokens import TokenClass, first_chars

    labels = _alternation(_data()["roman"]["labels"])
    return (
        TokenClass(
            "roman",
            rf"(?<![\w-])(?P<ro_label>{labels})\s(?P<ro_num>[MDCLXVI]+)(?![\w'’-])(?!\.\s[A-Z][a-z])",
            _say_label,
            first=first_chars(_data()["roman"]["labels"]),
        ),
        TokenClass(
            "roman",
            r"(?<![\w'’.-])(?P<rs_name>[A-Z][a-z]+(?:\s[A-Z][a-z]+|\s[A-Z]\.)?\s[A-Z][a-z]+),?\s"
            r"(?P<rs_num>II|III|IV)(?![\w'’-])",
            _say_suffix,
            first="[A-Z]",
        ),
        TokenClass("roman", r"(?<![\w'’.-])(?P<rb>[IVX]{2,})(?![\w'’-])", _say_bare, first="[IVX]"),
    )
