"""Percentages and units after a number: "5%", "100 km/h", "30°C"."""

from __future__ import annotations

import re

from briefing.normalize._english import _en, _ends_sentence

_PERCENT = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?|\.\d+)\s?%")


def speak_percent(text: str) -> str:
    """ "5%" -> "5 percent", "5.5 %" -> "5.5 percent"; "per cent" is left as written."""
    return _PERCENT.sub(r"\1 percent", text)


def speak_units(text: str) -> str:
    """ "100 km/h" -> "100 kilometres per hour", "30°C" -> "30 degrees Celsius", "1 kg" ->
    "1 kilogram", "a 5-km race" -> "a 5-kilometre race", "6 ft. tall" -> "6 feet tall".

    Only right after a number, so "ft" or "km" in prose stay as written.
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
        return spoken + tail

    return en.units.sub(replace, text)
