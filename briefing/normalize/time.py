"""Clock times: "9:30 a.m." -> "nine thirty AM", "14:30" -> "fourteen thirty"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _ends_sentence, _num2words

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

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


# --- classified tokens ----------------------------------------------------------------------

_MERIDIEM = r"(?:a\.m\.|p\.m\.|a\.m|p\.m|A\.M\.|P\.M\.|am|pm|AM|PM)"


def _plural_unit(number: int, unit: str) -> str:
    return f"{_num2words(number)} {unit}{'' if number == 1 else 's'}"


def _say_duration(m: re.Match[str], text: str) -> str | None:
    """ "1:01:01" -> "one hour, one minute and one second": h:mm:ss is a duration in news
    (a race, a film), never a clock time."""
    hours, minutes, seconds = int(m["du_h"]), int(m["du_m"]), int(m["du_s"])
    parts = [_plural_unit(n, u) for n, u in ((hours, "hour"), (minutes, "minute")) if n]
    if seconds or not parts:
        parts.append(_plural_unit(seconds, "second"))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _say_range(m: re.Match[str], text: str) -> str | None:
    """ "2pm-5pm" -> "two PM to five PM", "9:30am–5pm" -> "nine thirty AM to five PM"."""
    spoken = []
    for hour, minute, meridiem in (("tr_h1", "tr_m1", "tr_x1"), ("tr_h2", "tr_m2", "tr_x2")):
        h = int(m[hour])
        if not 1 <= h <= 12:
            return None
        word = " PM" if m[meridiem][0] in "pP" else " AM"
        spoken.append(_clock(h, int(m[minute] or 0), True) + word)
    out = " to ".join(spoken)
    if m["tr_x2"].endswith(".") and _ends_sentence(text, m.end()):
        out += "."
    return out


def _say_dotted(m: re.Match[str], text: str) -> str | None:
    """ "9.30am" -> "nine thirty AM": the British way of writing a clock time."""
    hour = int(m["bt_h"])
    if not 1 <= hour <= 12:
        return None
    spoken = _clock(hour, int(m["bt_m"]), True) + (" PM" if m["bt_x"][0] in "pP" else " AM")
    if m["bt_x"].endswith(".") and _ends_sentence(text, m.end()):
        spoken += "."
    return spoken


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize.tokens import TokenClass

    clock = r"(?P<{h}>\d{{1,2}})(?::(?P<{m}>[0-5]\d))?\s?(?P<{x}>" + _MERIDIEM + ")"
    return (
        TokenClass(
            "time",
            rf"(?<![\w:.,])(?P<bt_h>\d{{1,2}})\.(?P<bt_m>[0-5]\d)\s?(?P<bt_x>{_MERIDIEM})(?!\w)",
            _say_dotted,
            first=r"\d",
        ),
        TokenClass(
            "time",
            r"(?<![\w:.,])(?P<du_h>\d{1,2}):(?P<du_m>[0-5]\d):(?P<du_s>[0-5]\d)(?![\w:]|[.,]\d)",
            _say_duration,
            first=r"\d",
        ),
        TokenClass(
            "time",
            r"(?<![\w:.,$€£–-])"
            + clock.format(h="tr_h1", m="tr_m1", x="tr_x1")
            + r"\s?(?:[-–]|to)\s?"
            + clock.format(h="tr_h2", m="tr_m2", x="tr_x2")
            + r"(?!\w)",
            _say_range,
            first=r"\d",
        ),
    )


_ZONE = re.compile(r"(?<=\b[AP]M )(ET|PT|CT|MT|EST|PST|CST|MST|EDT|PDT|CDT|MDT|CET|IST|JST)\b")


def spell_time_zones(text: str) -> str:
    """ "9 PM ET" -> "9 PM E-T": after a clock time, espeak reads "ET" as "et" and "PT" as
    "pt"; spelled, each letter is heard."""
    return _ZONE.sub(lambda m: "-".join(m.group(1)), text)
