"""Percentages and units after a number: "5%", "100 km/h", "30°C"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _en, _ends_sentence
from briefing.normalize.locale import spell_units

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

_PERCENT = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?|\.\d+)\s?%")


def speak_percent(text: str) -> str:
    """ "5%" -> "5 percent", "5.5 %" -> "5.5 percent"; "per cent" is left as written."""
    return _PERCENT.sub(r"\1 percent", text)


def speak_units(text: str) -> str:
    """ "100 km/h" -> "100 kilometers per hour", "30°C" -> "30 degrees Celsius", "1 kg" ->
    "1 kilogram", "a 5-km race" -> "a 5-kilometer race", "6 ft. tall" -> "6 feet tall".

    Only right after a number, so "ft" or "km" in prose stay as written. Metric units are
    spelled as the locale spells them (``locale.spell_units``): "kilometres" in ``en-GB``.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        number, gap, unit, period = m.groups()
        if period and unit not in en.unit_periods:
            period = ""  # "5 km." ends a sentence: the period is not the unit's
            tail = "."
        else:
            tail = ""
        one, many = en.unit_names[unit]
        name = one if number == "1" or gap == "-" else many
        spoken = f"{number}{'-' if gap == '-' else ' '}{name}"
        if period and _ends_sentence(text, m.end()):
            spoken += "."
        return spell_units(spoken) + tail

    return en.units.sub(replace, text)


# --- classified tokens ----------------------------------------------------------------------


def _units() -> dict[str, list[str]]:
    from briefing.normalize._english import _data

    data = _data()
    return {**data["units"], **data["measure"]["units"]}


def _say_measure(m: re.Match[str], text: str) -> str | None:
    spoken = _measure_words(m, text)
    return None if spoken is None else spell_units(spoken)


def _measure_words(m: re.Match[str], text: str) -> str | None:
    """What ``speak_units`` does not: fractions ("4 1/2 lbs" -> "four and a half pounds"), a
    scale before the unit ("100 million kg"), shouted or rarer units ("12KG", "3 mbps") and
    rates ("10 mg/kg" -> "10 milligrams per kilogram")."""
    from briefing.normalize.cardinal import fraction_words, mixed_words, parse_fraction

    unit, scale, per, gap = m["ms_unit"], m["ms_scale"], m["ms_per"], m["ms_gap"]
    en = _en()
    number = m["ms_num"]
    if unit == "in" and not text.startswith(")", m.end()):
        return None  # "4 in the morning"; "(4 in)" is a conversion
    if unit == "m":
        return _metres_or_million(m, text)
    if number and not scale and not per and unit in en.unit_names:
        return None  # speak_units says it
    one, many = _units()[unit]
    per_words = f" per {_per()[per]}" if per else ""
    if number is None:
        parts = parse_fraction(m, "ms")
        if parts is None:
            return None
        whole, numerator, denominator = parts
        if whole is None:
            return f"{fraction_words(numerator, denominator)} of a {one}{per_words}"
        return f"{mixed_words(whole, numerator, denominator)} {many}{per_words}"
    joiner = "-" if gap == "-" else " "
    amount = number + (f" {scale}" if scale else "")
    adjective = _ARTICLE.search(text, max(0, m.start() - 4), m.start()) and _NEXT.match(
        text, m.end()
    )  # "a 2L bottle" -> "a 2 litre bottle"
    name = one if (number == "1" and not scale) or gap == "-" or adjective else many
    return f"{amount}{joiner}{name}{per_words}"


_ARTICLE = re.compile(r"\b[Aa]n? $")
_METRE_EVENT = frozenset(
    [
        "sprint",
        "race",
        "dash",
        "hurdles",
        "freestyle",
        "backstroke",
        "breaststroke",
        "butterfly",
        "relay",
        "final",
        "event",
        "record",
        "title",
        "heat",
        "medley",
        "run",
    ]
)
_METRE_AFTER = frozenset(
    [
        "long",
        "high",
        "tall",
        "deep",
        "wide",
        "away",
        "above",
        "below",
        "from",
        "of",
        "in",
        "into",
        "across",
        "down",
        "up",
        "under",
        "over",
        "short",
        "thick",
    ]
)
_COUNT_NOUNS = frozenset(["people", "children", "men", "women"])
_NOT_PLURAL = frozenset(
    [
        "plus",
        "minus",
        "versus",
        "this",
        "thus",
        "across",
        "unless",
        "whereas",
        "does",
        "goes",
        "says",
        "gets",
        "makes",
        "takes",
        "hers",
        "ours",
        "yours",
        "less",
        "has",
        "was",
        "always",
        "perhaps",
    ]
)
_NEXT = re.compile(r"\s+([a-z]+)")


def _metres_or_million(m: re.Match[str], text: str) -> str | None:
    """ "49m long" -> "49 metres long", "the 100m sprint" -> "the 100 metre sprint", "5m
    people" -> "5 million people" (British news writes millions so, never "6000m" for 6
    billion: "6000m peaks" are metres), "27 m)" -> "27 metres)" (a measure ends its clause or
    is bracketed as a conversion); else as written."""
    number, scale, gap = m["ms_num"], m["ms_scale"], m["ms_gap"]
    if number is None or scale or m["ms_per"]:
        return None
    following = _NEXT.match(text, m.end())
    word = following.group(1) if following else ""
    if word in _METRE_EVENT:
        return f"{number}{'-' if gap == '-' else ' '}metre"
    ends = text[m.end() : m.end() + 3].lstrip()[:1] in _CLAUSE_END
    if word in _METRE_AFTER or ends:
        return f"{number} {'metre' if number == '1' else 'metres'}"
    plural = word.endswith("s") and len(word) > 3 and word not in _NOT_PLURAL
    count = plural or word in _COUNT_NOUNS
    if not gap and word not in _units() and count and _below_a_thousand(number):
        return f"{number} million"
    if count and not _below_a_thousand(number):
        return f"{number} metre"  # "6000m peaks": nobody writes 6000 million so
    return None


_CLAUSE_END = frozenset(["", ".", ",", ";", ":", ")", "(", "!", "?", "]", "["])
"""What may follow "27 m" for it to be metres: a clause ends, or a conversion is bracketed
("27 m (89 ft)", "89 ft (27 m)"); millions are written "£27m" or "27m people"."""


def _below_a_thousand(number: str) -> bool:
    return float(number.replace(",", "")) < 1000


def _say_range(m: re.Match[str], text: str) -> str | None:
    spoken = _range_words(m, text)
    return None if spoken is None else spell_units(spoken)


def _range_words(m: re.Match[str], text: str) -> str | None:
    """ "5-10 km" -> "5 to 10 kilometres", "10,000-20,000 mbps" -> "10,000 to 20,000 megabits
    per second": the range and its unit as one token."""
    unit = m["mg_unit"]
    if unit in ("in", "m"):
        return None  # "5-10 in the": the word; "5-10m": metres or millions, see above
    one, many = _units()[unit]
    per = f" per {_per()[m['mg_per']]}" if m["mg_per"] else ""
    second = m["mg_b"] + (f" {m['mg_scale']}" if m["mg_scale"] else "")
    if m["mg_gap"] == "-":
        return f"{m['mg_a']} to {second}-{one}{per}"  # "a 5-10-km walk"
    return f"{m['mg_a']} to {second} {many}{per}"


def _say_percent_range(m: re.Match[str], text: str) -> str:
    """ "5%-10%" -> "5 to 10 percent" (espeak: "five percent, ten percent")."""
    return f"{m['pc_a']} to {m['pc_b']} percent"


_LABELS = frozenset(
    [
        "Gate",
        "Row",
        "Seat",
        "Section",
        "Room",
        "Flight",
        "Apartment",
        "Apt",
        "Unit",
        "Platform",
        "Terminal",
        "Bus",
        "Route",
        "Level",
        "Floor",
        "Block",
        "Suite",
        "Pier",
        "Bay",
        "Stand",
        "Ward",
        "Box",
        "Lot",
        "Grade",
        "Class",
        "Type",
        "Size",
    ]
)


def _say_temperature(m: re.Match[str], text: str) -> str | None:
    """ "temperatures of 30C" -> "30 degrees Celsius" (British news drops the degree sign);
    not after a capitalized word or a label ("Row 12C" is a seat)."""
    from briefing.normalize._english import _prev_word

    before = _prev_word(text, m.start())
    if before in _LABELS or any(c.isupper() for c in before[1:]) or before[:1].isupper():
        return None  # "Row 12C", "iPhone 5C", "Model 3C": a label, not a temperature
    number = m["tc_n"]
    scale = "Celsius" if m["tc_u"] == "C" else "Fahrenheit"
    return f"{number} {'degree' if number in ('1', '-1') else 'degrees'} {scale}"


def _say_times(m: re.Match[str], text: str) -> str:
    """ "a 3x increase" -> "a 3 times increase"."""
    return f"{m['mx_n']} times"


def _say_feet_inches(m: re.Match[str], text: str) -> str:
    feet, inches = int(m["fi_f"]), int(m["fi_i"])
    return (
        f"{feet} {'foot' if feet == 1 else 'feet'} {inches} {'inch' if inches == 1 else 'inches'}"
    )


def _per() -> dict[str, str]:
    from briefing.normalize._english import _data

    per: dict[str, str] = _data()["measure"]["per"]
    return per


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize._english import _alternation
    from briefing.normalize.cardinal import fraction_pattern
    from briefing.normalize.tokens import TokenClass

    units = _alternation(_units())
    per = _alternation(_per())
    number = r"\d[\d,]*(?:\.\d+)?"
    return (
        TokenClass(
            "measure",
            rf"(?<![\w.,/$€£¥₹:–-])(?P<mg_a>{number})\s?[-–]\s?(?P<mg_b>{number})"
            r"(?:\s(?P<mg_scale>thousand|million|billion))?"
            rf"(?P<mg_gap>\s?|-)(?P<mg_unit>{units})(?:/(?P<mg_per>{per}))?(?![\w²³/])",
            _say_range,
            first=r"\d",
        ),
        TokenClass(
            "measure",
            rf"(?<![\w.,/$€£¥₹])(?:{fraction_pattern('ms')}|(?P<ms_num>\d[\d,]*(?:\.\d+)?))"
            r"(?:\s(?P<ms_scale>thousand|million|billion))?"
            rf"(?P<ms_gap>\s?|-)(?P<ms_unit>{units})(?:/(?P<ms_per>{per}))?(?![\w²³/])",
            _say_measure,
            first="[\\d½¼¾⅓⅔⅛⅜⅝⅞⅕⅖⅗⅘⅙⅚]",
        ),
        TokenClass(
            "measure",
            rf"(?<![\w.,])(?P<pc_a>{number})\s?%\s?[-–]\s?(?P<pc_b>{number})\s?%",
            _say_percent_range,
            first=r"\d",
        ),
        TokenClass(
            "measure",
            r"(?<![\w.,-])(?P<tc_n>-?\d{1,3}(?:\.\d)?)(?P<tc_u>[CF])(?![\w'’-])",
            _say_temperature,
            first=r"[\d-]",
        ),
        TokenClass(
            "measure",
            r"(?<![\w.,])(?P<mx_n>\d+(?:\.\d+)?)x(?![\w-])",
            _say_times,
            first=r"\d",
        ),
        TokenClass(
            "measure",
            r"(?<![\w'’])(?P<fi_f>\d)\s?['’′]\s?(?P<fi_i>1[01]|\d)\s?(?:[\"”″]|'')(?!\w)",
            _say_feet_inches,
            first=r"\d",
        ),
    )
