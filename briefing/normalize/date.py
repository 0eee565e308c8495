"""Years, decades, year ranges and dates: "2019", "the 1980s", "2019-20", "January 3"."""

from __future__ import annotations

import re

from briefing.normalize._english import _MONTHS, _en, _next_word, _num2words, _prev_word


def _year(number: int) -> str:
    return _num2words(number, "year")


def _plural(words: str) -> str:
    """ "nineteen eighty" -> "nineteen eighties", "two thousand" -> "two thousands"."""
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


_YEAR_RANGE = re.compile(
    r"(?<![\w$€£¥₹#.,:/–-])(1\d\d\d|20\d\d)\s?[-–/]\s?(1\d\d\d|20\d\d|\d\d)"
    r"(?![\w%°]|[.,:]\d|[-–/]\d)"
)


def speak_year_ranges(text: str) -> str:
    """ "2019-2020" -> "twenty nineteen to twenty twenty", "1990-91" -> "... to nineteen
    ninety-one", "2019/20" likewise."""

    def replace(m: re.Match[str]) -> str:
        first = int(m.group(1))
        second = int(m.group(2))
        if second < 100:
            second += first // 100 * 100
            if second < first:
                second += 100
        return f"{_year(first)} to {_year(second)}"

    return _YEAR_RANGE.sub(replace, text)


_DECADE = re.compile(r"(?:(?<![\w$€£¥₹#.,])(1\d\d0|20\d0)|(?<![\w$€£¥₹#.,-])['’]?([1-9]0))['’]?s\b")


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
_MONTH_DAY = re.compile(rf"\b({_MONTH_ALT}) ([1-9]|[12]\d|3[01])(?![\w:]|[.,]\d)")
_DAY_MONTH = re.compile(rf"(?<![\w.,:$€£])(the )?([1-9]|[12]\d|3[01]) ({_MONTH_ALT})\b")


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
