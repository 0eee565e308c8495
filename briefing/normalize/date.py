"""Years, decades, year ranges and dates: "2019", "the 1980s", "2019-20", "January 3"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing import regexes
from briefing.normalize._english import _MONTHS, _en, _next_word, _num2words, _prev_word
from briefing.normalize.locale import day_first as _day_first

_KEPT = regexes.Store("normalize-date")
"""The module's patterns, kept compiled between runs (saved at the end of the module)."""

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass


def _year(number: int) -> str:
    return _num2words(number, "year")


def _plural(words: str) -> str:
    """ "nineteen eighty" -> "nineteen eighties", "two thousand" -> "two thousands"."""
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


_YEAR_RANGE = _KEPT.compile(
    r"(?<![\w$€£¥₹#.,:/–-])(1\d\d\d|20\d\d)\s?[-–/]\s?(1\d\d\d|20\d\d|\d\d)"
    r"(?![\w%°]|[.,:]\d|[-–/]\d)"
)


def speak_year_ranges(text: str) -> str:
    """ "2019-2020" -> "twenty nineteen to twenty twenty", "1990-91" -> "nineteen ninety to
    ninety-one", "2019/20" likewise, "1980-04" -> "nineteen eighty to oh four": an end written
    with two digits is said with two, as a reader says it (the century is the first year's, or
    the next one's: the listener knows which)."""

    def replace(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        if second == "00":  # "1999-00": "nineteen ninety-nine to two thousand"
            return f"{_year(int(first))} to {_year(int(first) // 100 * 100 + 100)}"
        if len(second) == 2:
            end = f"oh {_num2words(int(second))}" if second[0] == "0" else _num2words(int(second))
            return f"{_year(int(first))} to {end}"
        return f"{_year(int(first))} to {_year(int(second))}"

    return _YEAR_RANGE.sub(replace, text)


_DECADE = _KEPT.compile(
    r"(?:(?<![\w$€£¥₹#.,])(1\d\d0|20\d0)|(?<![\w$€£¥₹#.,-])['’]?([1-9]0))['’]?s\b"
)


def speak_decades(text: str) -> str:
    """ "the 1980s" / "1980's" -> "the nineteen eighties", "the '90s" -> "the nineties",
    "in her 30s" -> "in her thirties", "the 2000s" -> "the two thousands"."""

    def replace(m: re.Match[str]) -> str:
        if m.group(1):
            return _plural(_year(int(m.group(1))))
        return _plural(_num2words(int(m.group(2))))

    return _DECADE.sub(replace, text)


def speak_years(text: str) -> str:
    """ "in 2019" -> "in twenty nineteen", "1066" -> "ten sixty-six".

    A four-digit number from 1000 to 2099 is a year unless a currency symbol, "#", a decimal
    point, a percent sign, a degree sign or a unit touches it, or the word before it says
    otherwise ("Flight 1549", "No. 1999"); after a word such as "in", "since" or a month it is
    always a year, and before a count word ("1500 troops") it otherwise stays digits.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        before = _prev_word(text, m.start())
        if before in en.year_not_after:
            return m.group(0)
        if before not in en.year_after and _next_word(text, m.end()) in en.year_not_before:
            return m.group(0)
        return _year(int(m.group(1)))

    return en.years.sub(replace, text)


_MONTH_ALT = "|".join(_MONTHS)
_MONTH_DAY = _KEPT.compile(rf"\b({_MONTH_ALT}) ([1-9]|[12]\d|3[01])(?![\w:]|[.,]\d)")
_DAY_MONTH = _KEPT.compile(rf"(?<![\w.,:$€£])(the )?([1-9]|[12]\d|3[01]) ({_MONTH_ALT})\b")


def speak_dates(text: str) -> str:
    """ "January 3" -> "January third", "3 January" -> "the third of January".

    After "in" or "during" (data: ``[dates]``) and before a count word ("people", "troops",
    "percent": ``[years].not_before``) a month and a number are a month and a count: "In May 5
    people came" stays ("On May 5 people came" is a date)."""
    en = _en()

    def month_day(m: re.Match[str]) -> str:
        if (
            _prev_word(text, m.start()) in en.month_only_after
            and _next_word(text, m.end()) in en.year_not_before
        ):
            return m.group(0)
        return f"{m.group(1)} {_num2words(int(m.group(2)), 'ordinal')}"

    text = _MONTH_DAY.sub(month_day, text)
    return _DAY_MONTH.sub(
        lambda m: f"the {_num2words(int(m.group(2)), 'ordinal')} of {m.group(3)}", text
    )


# --- classified tokens ----------------------------------------------------------------------

_MONTH_ABBR = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS, 1)} | _MONTH_ABBR
_LOWER_MONTHS = [m.lower() for m in _MONTHS if m not in ("May", "March")]
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MONTH_WORD = (
    "(?:"
    + "|".join(_MONTHS)
    + "|"
    + "|".join(rf"{a}\.?" for a in _MONTH_ABBR)
    + "|"
    + "|".join(_LOWER_MONTHS)
    + ")"
)


def _month(word: str) -> str:
    return _MONTHS[_MONTH_NUMBER[word.rstrip(".").capitalize()] - 1]


def _full_year(text: str) -> int:
    number = int(text)
    if len(text) == 2:
        number += 2000 if number < 30 else 1900
    return number


def _date(month: int, day: int, year: int | None) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    spoken = f"{_MONTHS[month - 1]} {_num2words(day, 'ordinal')}"
    return f"{spoken}, {_year(year)}" if year is not None else spoken


def _say_iso(m: re.Match[str], text: str) -> str | None:
    return _date(int(m["iso_m"]), int(m["iso_d"]), int(m["iso_y"]))


def _say_numeric(m: re.Match[str], text: str) -> str | None:
    """The order of the article's locale (``locale.day_first``): month first in US English
    ("10/06/2005" -> "October sixth, two thousand five"), day first elsewhere ("June tenth"),
    and day first wherever the date is written with dots, the European way ("03.11.2016"). A
    number above 12 is the day whatever the locale says ("25/12/2024", "12/25/2024")."""
    if m["nd_y2"]:
        first, second, year = int(m["nd_a"]), int(m["nd_b2"]), int(m["nd_y2"])  # "11-25-2020"
        european = False
    else:
        first, second, year = int(m["nd_a"]), int(m["nd_b"]), _full_year(m["nd_y"])
        european = m["nd_sep"] == "."
    day_first = european or _day_first()
    if first > 12 or (day_first and second <= 12):
        first, second = second, first  # (month, day)
    return _date(first, second, year)


def _say_day_range(m: re.Match[str], text: str) -> str:
    month = _month(m["dr_m"])
    first = _num2words(int(m["dr_a"]), "ordinal")
    second = _num2words(int(m["dr_b"]), "ordinal")
    if m["dr_m2"]:
        return f"{month} {first} to {_month(m['dr_m2'])} {second}"
    return f"{month} {first} to {second}"


def _say_range_day_month(m: re.Match[str], text: str) -> str:
    first = _num2words(int(m["rd_a"]), "ordinal")
    second = _num2words(int(m["rd_b"]), "ordinal")
    return f"the {first} to the {second} of {_month(m['rd_m'])}"


def _say_day_of_month(m: re.Match[str], text: str) -> str:
    """ "on 3rd January" -> "on the third of January", as the British write and say it."""
    the = "" if text[max(0, m.start() - 4) : m.start()].lower() == "the " else "the "
    return f"{the}{_num2words(int(m['do_d']), 'ordinal')} of {_month(m['do_m'])}"


def _say_lower_month(m: re.Match[str], text: str) -> str:
    return f"{_month(m['lm_m'])} {_num2words(int(m['lm_d']), 'ordinal')}"


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize._english import _alternation
    from briefing.normalize.tokens import TokenClass

    ordinal = r"(?:st|nd|rd|th)?"
    counts = _alternation(
        [*_en().year_not_before, "cents", "pence", "yen", "dollar", "euro", "US", "Canadian"]
    )
    return (
        TokenClass(
            "date",
            r"(?<![\w./:-])(?P<iso_y>1\d{3}|20\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
            r"(?![\w:-]|[.,]\d)",
            _say_iso,
            first=r"\d",
        ),
        TokenClass(
            "date",
            rf"(?<![\w./:-])(?P<nd_a>{_DAY})(?:(?P<nd_sep>[/.])(?P<nd_b>{_DAY})(?P=nd_sep)"
            rf"(?P<nd_y>1\d{{3}}|20\d\d|\d\d)|-(?P<nd_b2>{_DAY})-(?P<nd_y2>1\d{{3}}|20\d\d))"
            r"(?![\w/:-]|[.,]\d)",
            _say_numeric,
            first=r"\d",
        ),
        TokenClass(
            "date",
            rf"\b(?P<dr_m>{_MONTH_WORD})\s(?P<dr_a>{_DAY}){ordinal}\s?[-–]\s?"
            rf"(?:(?P<dr_m2>{_MONTH_WORD})\s)?(?P<dr_b>{_DAY}){ordinal}(?![\w:]|[-–.,]\d)",
            _say_day_range,
            first="[JFMASONDjfmasond]",
        ),
        TokenClass(
            "date",
            rf"(?<![\w.,:$€£-])(?P<rd_a>{_DAY}){ordinal}\s?[-–]\s?(?P<rd_b>{_DAY}){ordinal}\s"
            rf"(?P<rd_m>{'|'.join(_MONTHS)})\b",
            _say_range_day_month,
            first=r"\d",
        ),
        TokenClass(
            "date",
            rf"(?<![\w.,:$€£-])(?P<do_d>{_DAY})(?:st|nd|rd|th)\s(?:of\s)?(?P<do_m>{'|'.join(_MONTHS)})\b",
            _say_day_of_month,
            first=r"\d",
        ),
        TokenClass(
            "date",
            rf"\b(?P<lm_m>{'|'.join(_LOWER_MONTHS)})\s(?P<lm_d>{_DAY}){ordinal}(?![\w:]|[.,/–-]\d)"
            rf"(?!\s(?:{counts})\b)",
            _say_lower_month,
            first="[jfaosnd]",
        ),
    )


_KEPT.save()
