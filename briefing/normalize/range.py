"""Scores and ranges of small numbers: "won 5-4", "5-10 years"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _en, _next_word, _prev_word
from briefing.normalize.words import cardinal, pairs

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

_NUMBER_PAIR = re.compile(r"(?<![\w.,/:–$€£¥₹-])(\d{1,3})[-–](\d{1,3})(?![\w]|[.,:/]\d|[-–]\d)")


def speak_scores_and_ranges(text: str) -> str:
    """ "won 5-4" / "a 5-4 vote" -> "5 to 4"; "5-10 years" -> "5 to 10 years".

    A pair whose first number is smaller is a range anywhere; otherwise it is read as a score
    only next to a score word (data: ``[scores]``), so "24-7" or "9-5" alone stay as written.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        first, second = m.groups()
        if (
            int(first) < int(second)
            or _prev_word(text, m.start()) in en.score_before
            or _next_word(text, m.end()).lower() in en.score_after
        ):
            return f"{first} to {second}"
        return m.group(0)

    return _NUMBER_PAIR.sub(replace, text)


# --- classified tokens ----------------------------------------------------------------------

_BIG = r"\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{4,}"


def _say_decades(m: re.Match[str], text: str) -> str:
    """ "1960s-1980s" -> "the nineteen sixties to nineteen eighties" (the words, not "s")."""
    from briefing.normalize.date import speak_decades

    return f"{speak_decades(m['dc_a'])} to {speak_decades(m['dc_b'])}"


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize.tokens import TokenClass

    decade = r"(?:1\d\d0|20\d0)['’]?s"
    return (
        TokenClass(
            "range",
            rf"(?<![\w$€£¥₹#.,])(?P<dc_a>{decade})\s?[-–]\s?(?P<dc_b>{decade}|['’]\d0s)\b",
            _say_decades,
            first=r"\d",
        ),
        TokenClass(
            "range",
            rf"(?<![\w.,/:$€£¥₹#–-])(?P<bg_a>{_BIG}|\d+)\s?[-–]\s?(?P<bg_b>{_BIG})(?![\w/]|[.,:]\d|[-–]\d)"
            rf"|(?<![\w.,/:$€£¥₹#–-])(?P<bg_c>{_BIG})\s?[-–]\s?(?P<bg_d>\d+)(?![\w/]|[.,:]\d|[-–]\d)",
            _say_big,
            first=r"\d",
        ),
        TokenClass(
            "range",
            r"(?<![\w.,/:–$€£¥₹#-])(?P<pr_a>\d{1,4})\s?[-–]\s?(?P<pr_b>\d{1,4})(?![\w/]|[.,:]\d|[-–]\d)",
            _say_pair,
            first=r"\d",
        ),
        TokenClass(
            "range",
            r"(?<![\w:.,])(?P<ra_a>\d{1,2}):(?P<ra_b>\d)(?![\w:]|[.,]\d)",
            _say_ratio,
            first=r"\d",
        ),
    )


_PAGES = frozenset(["pages", "page", "pp", "p", "Pages", "Page"])


def _say_pair(m: re.Match[str], text: str) -> str | None:
    """ "a 9-5 job" -> "a 9 to 5 job", "8-0" -> "8 to 0": espeak reads the hyphen as "dash",
    never right between two numbers in a range or a score (a smaller second number is a score:
    "lost 101-98", "245-9"); years and telephone-like pairs are left to their rules, a model
    number after its maker is said as one ("Boeing 737-800"), and after "pages" an abbreviated
    end is read in full ("pages 210-15")."""
    first, second = m["pr_a"], m["pr_b"]
    if re.fullmatch(r"1\d{3}|20\d\d", first) and re.fullmatch(r"1\d{3}|20\d\d|\d\d", second):
        return None
    if len(first) == 3 and len(second) == 4:
        return None
    before = _prev_word(text, m.start())
    if before in _en_models():
        return _model(first, second)  # "Boeing 737-800", "Boeing 787-9"
    if before in _PAGES and 2 <= len(second) < len(first):  # "pages 210-15": the end, abbreviated
        end = first[: len(first) - len(second)] + second
        if int(end) > int(first):  # in words, or the year rule reads "1023 to 1045"
            return f"{cardinal(int(first))} to {cardinal(int(end))}"
    return f"{first} to {second}"


def _model(first: str, second: str) -> str:
    """ "737-800" -> "seven thirty-seven eight hundred", as a model number is said."""
    return f"{pairs(first)} {pairs(second)}"


def _en_models() -> frozenset[str]:
    from briefing.normalize._english import _data

    return frozenset(_data()["range"]["model_makers"])


def _say_ratio(m: re.Match[str], text: str) -> str:
    """ "a 3:1 ratio" -> "a 3 to 1 ratio": one digit after the colon is no clock time."""
    return f"{m['ra_a']} to {m['ra_b']}"


def _say_big(m: re.Match[str], text: str) -> str | None:
    """ "10,000-20,000" -> "10,000 to 20,000", "1.5-2" -> "1.5 to 2": numbers too big or too
    precise for ``speak_scores_and_ranges``; year ranges are left to ``speak_year_ranges``."""
    first = m["bg_a"] or m["bg_c"]
    second = m["bg_b"] or m["bg_d"]
    if re.fullmatch(r"1\d{3}|20\d\d", first) and re.fullmatch(r"1\d{3}|20\d\d|\d\d", second):
        return None
    if not re.search(r"[,.]", first + second) and (
        int(first) >= int(second) or (len(first) == 3 and len(second) == 4)
    ):
        return None  # "555-1234" is a telephone number, "24-7" is not a range
    return f"{first} to {second}"
