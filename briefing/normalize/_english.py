"""What the English rules share: the packaged data compiled once, and the look at a match's neighbours
(the word before, the word after, whether a period ends the sentence)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from briefing.sentences import load_abbreviations

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _num2words(number: int, to: str = "cardinal") -> str:
    from briefing.normalize.words import say

    return say(number, "en", to)


# --- shared helpers -------------------------------------------------------------------------

_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]*([A-Za-z]+)")
_NEXT_NAME = re.compile(r"\s+[\"“‘'(\[]*([A-Z][\w'’-]*)")
_PREV_NAME = re.compile(r"(?:^|\s)([A-Z][\w'’-]*|\d+(?:st|nd|rd|th)),?\s$")
_PREV_WORD = re.compile(r"([\w#]+)\.?[\s-]+$")
_CLOSING_QUOTES = '"”’»'


def _starters() -> frozenset[str]:
    return load_abbreviations().starters


def _ends_sentence(text: str, pos: int) -> bool:
    """Whether a period at ``text[pos - 1]`` most likely ends a sentence (see sentences.py)."""
    if pos >= len(text):
        return True
    if text[pos] in _CLOSING_QUOTES:  # a closing quote, not the apostrophe of "U.S.’s"
        return pos + 1 == len(text) or not text[pos + 1].isalnum()
    match = _NEXT_WORD.match(text, pos)
    return match is not None and match.group(1) in _starters()


def _prev_word(text: str, start: int) -> str:
    match = _PREV_WORD.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else ""


# --- English data, compiled once -----------------------------------------------------------


@dataclass(frozen=True)
class _English:
    months: Mapping[str, str]
    currencies: Mapping[str, list[str]]
    currency_prefixes: Mapping[str, str]
    scales: Mapping[str, str]
    before_name: Mapping[str, str]
    after_name: Mapping[str, str]
    before_number: Mapping[str, str]
    always: Mapping[str, str]
    may_end: frozenset[str]
    compound: re.Pattern[str]
    title_pair: re.Pattern[str]
    names: re.Pattern[str]
    numbers: re.Pattern[str]
    others: re.Pattern[str]
    month_days: re.Pattern[str]
    regnal: re.Pattern[str]
    money: re.Pattern[str]
    units: re.Pattern[str]
    unit_names: Mapping[str, list[str]]
    unit_periods: frozenset[str]
    years: re.Pattern[str]
    year_after: frozenset[str]
    year_not_after: frozenset[str]
    year_not_before: frozenset[str]
    score_before: frozenset[str]
    score_after: frozenset[str]
    acronyms: re.Pattern[str] | None
    spell: frozenset[str]
    engine_spells: frozenset[str]
    words: Mapping[str, str]
    words_re: re.Pattern[str] | None
    respell: Mapping[str, str]
    respell_any_case: re.Pattern[str] | None
    street_names: frozenset[str]
    label_nouns: frozenset[str]
    regnal_names: frozenset[str]
    month_only_after: frozenset[str]


@cache
def _data(name: str = "normalize_en") -> dict[str, Any]:
    """A packaged TOML data file (``briefing/data/<name>.toml``), read once."""
    from briefing.pycache import packaged_toml

    return packaged_toml(name)


@cache
def _en() -> _English:
    """The English data, its patterns compiled once (and kept between runs: ``regexes``)."""
    from briefing import regexes

    with regexes.store("english") as store:
        return _english(store.compile)


def _english(compile: Callable[[str], re.Pattern[str]]) -> _English:
    data = _data()
    abbreviations = load_abbreviations()
    kinds: dict[str, dict[str, str]] = {
        "before-name": {},
        "after-name": {},
        "before-number": {},
        "always": {},
    }
    for entry in abbreviations.entries:
        if entry.expand and entry.when:
            kinds[entry.when][entry.abbr] = entry.expand
    titles = _alternation(kinds["before-name"])
    names = _alternation(kinds["before-name"].keys() | kinds["after-name"].keys())

    money = data["money"]
    scales_words = [s for s in money["scales"] if len(s) > 2]
    scales_short = [s for s in money["scales"] if len(s) <= 2]
    amount = r"\d{1,3}(?:,\d{3})+|\d+"
    money_re = compile(
        rf"(?<![\w$€£¥₹])(?:(?P<pre>{_alternation(money['prefixes'])})\s?)?"
        rf"(?P<sym>{_alternation(money['symbols'])})\s?(?P<a>{amount})(?:\.(?P<ad>\d+))?"
        rf"(?:(?:\s?[-–]\s?(?P=sym)?|\sto\s(?P=sym)?)(?P<b>{amount})(?:\.(?P<bd>\d+))?)?"
        rf"(?:\s?(?P<scale>{_alternation(scales_words)})\b|(?P<short>{_alternation(scales_short)})\b)?"
        r"(?!\w)"
    )
    units = data["units"]
    unit_alt = _alternation(units)
    month_alt = _alternation(data["months"])
    years = data["years"]
    acronyms = data["acronyms"]
    spell = frozenset(acronyms.get("spell", []))
    as_word = acronyms.get("read_as_word", [])
    lexicon = _data("lexicon_en")["respell"]
    words = {**data["shorthand"], **lexicon}
    respell = {k.lower(): v for k, v in lexicon.items()}
    return _English(
        months=MappingProxyType(data["months"]),
        currencies=MappingProxyType(money["symbols"]),
        currency_prefixes=MappingProxyType(money["prefixes"]),
        scales=MappingProxyType(money["scales"]),
        before_name=MappingProxyType(kinds["before-name"]),
        after_name=MappingProxyType(kinds["after-name"]),
        before_number=MappingProxyType(kinds["before-number"]),
        always=MappingProxyType(kinds["always"]),
        may_end=abbreviations.may_end,
        compound=compile(rf"(?<![\w.-])({titles})-({titles})(?:-({titles}))?"),
        title_pair=compile(rf"\s+(?:and|or|&)\s+(?:{titles})\s+[A-Z]"),
        names=compile(rf"(?<![\w.-])({names})(?=[\s,;:)”\"’]|$)"),
        numbers=compile(
            rf"(?<![\w.-])({_alternation(kinds['before-number'])})(?=\s*#?\d)|(?<![\w#&])#(?=\d)"
        ),
        others=compile(rf"(?<![\w.-])({_alternation(kinds['always'])})(?!\w)"),
        month_days=compile(
            r"(?:(?<=(?<!\d)\d\s)|(?<=(?<!\d)\d\d\s)|\b(?="
            rf"(?:{month_alt})\s(?:\d{{1,2}}\b|(?:1[5-9]|20)\d\d\b)))({month_alt})\b"
        ),
        regnal=compile(rf"\b({_alternation(data['regnal']['names'])})\s([IVXL]+)(?![\w-])"),
        money=money_re,
        units=compile(rf"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(\s?|-)({unit_alt})(\.?)(?![\w²³/])"),
        unit_names=MappingProxyType(units),
        unit_periods=frozenset(data["unit_periods"]["units"]),
        years=compile(
            r"(?<![\w$€£¥₹#.,:/'’])(?<!\d[-–])(1\d\d\d|20\d\d)"
            rf"(?![\w%°º²³]|[.,:]\d|\s?[%°º]|\s?(?:{unit_alt})\b)"
        ),
        year_after=frozenset(years["after"]),
        year_not_after=frozenset(years["not_after"]),
        year_not_before=frozenset(years["not_before"]),
        score_before=frozenset(data["scores"]["before"]),
        score_after=frozenset(data["scores"]["after"]),
        acronyms=(
            compile(rf"(?<![\w-])({_alternation([*spell, *as_word])})(?![\w-])")
            if spell or as_word
            else None
        ),
        spell=spell,
        engine_spells=frozenset(acronyms.get("engine_spells", [])),
        words=MappingProxyType(words),
        words_re=compile(rf"(?<!\w)({_alternation(words)})(?!\w)") if words else None,
        respell=MappingProxyType(respell),
        respell_any_case=(
            compile(rf"(?i)(?<!\w)({_alternation(respell)})(?!\w)") if respell else None
        ),
        street_names=frozenset(data["streets"]["names"]),
        label_nouns=frozenset(data["initials"]["not_after"]),
        regnal_names=frozenset(data["regnal"]["names"]),
        month_only_after=frozenset(data["dates"]["month_only_after"]),
    )
