"""Clock times: "9:30 a.m." -> "nine thirty AM", "14:30" -> "fourteen thirty"."""

from __future__ import annotations

import re

from briefing.normalize._english import _ends_sentence, _num2words

_TIME = re.compile(
    r"(?<![\w:.,$€£–-])(?:(?P<h1>\d{1,2})(?::(?P<m1>[0-5]\d))?\s?[-–]\s?)?"
    r"(?:(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s?"
    r"(?P<mer>a\.m\.|p\.m\.|a\.m|p\.m|A\.M\.|P\.M\.|am|pm|AM|PM)(?!\w)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d))(?![\w:]|[.,]\d)"
)


def _clock(hour: int, minute: int, meridiem: bool) -> str:
    """ "nine", "nine thirty", "ten oh five", "nine o'clock", "eighteen hundred"."""
    words = _num2words(hour)
    if minute == 0:
        if meridiem:
            return words
        return words + (" o'clock" if hour <= 12 else " hundred")
    return f"{words} {'oh ' if minute < 10 else ''}{_num2words(minute)}"


def speak_times(text: str) -> str:
    """ "9:30 a.m." -> "nine thirty AM", "10:05 p.m." -> "ten oh five PM", "9 a.m." -> "nine
    AM", "1-2 p.m." -> "one to two PM", "14:30" -> "fourteen thirty", "9:00" -> "nine
    o'clock". "AM", because espeak reads "a.m." as a sentence end and "A M" as "uh M"."""

    def replace(m: re.Match[str]) -> str:
        meridiem = m["mer"]
        hour = int(m["h"] if meridiem else m["h24"])
        minute = int((m["m"] if meridiem else m["m24"]) or 0)
        first = int(m["h1"]) if m["h1"] else None
        limit = 12 if meridiem else 23
        if not (meridiem is None or 1 <= hour <= 12) or (first is not None and first > limit):
            return m.group(0)
        spoken = _clock(hour, minute, meridiem is not None)
        if first is not None:
            spoken = f"{_clock(first, int(m['m1'] or 0), True)} to {spoken}"
        if meridiem is not None:
            spoken += " PM" if meridiem[0] in "pP" else " AM"
            if meridiem.endswith(".") and _ends_sentence(text, m.end()):
                spoken += "."
        return spoken

    return _TIME.sub(replace, text)
