"""Rewrite text for the ear: what a listener should hear where a reader sees "Brig.-Gen." or "$1.5bn".

Speech engines stumble on news typography: espeak (under Piper) reads "Gen." as "gen" followed by
a full stop and a pause, "$20" as "dollar twenty", "Elizabeth II" as "Elizabeth Roman two", and
"2019" as "two thousand nineteen". ``normalize`` fixes that with an ordered list of small
``str -> str`` rules (in the manner of gTTS's pre-processors), each testable on its own. Rules that
are lists (abbreviations, months, currencies, units, regnal names, acronyms) are data in
``data/abbreviations.toml`` and ``data/normalize_en.toml``.

Numbers: plain quantities stay digits ("955 troops", "1.5 billion", "1,000"), because every engine
reads them well. A number whose reading depends on its role is spelled out with num2words: years
("twenty nineteen"), decades ("the nineteen eighties"), ordinals ("twenty-second"), clock times
("nine thirty AM") and regnal numerals ("the Second").

Languages: the English rules run for ``en`` and its variants (``en-GB``, ``en_US``). Any other
language gets only the neutral rules, which change no word: removing invisible characters (zero
width space, word joiner, byte order mark, soft hyphen; never the zero-width joiners that Persian
or emoji need), collapsing whitespace, and dropping the editorial marker "[sic]".

Steps, in order (``rules_for("en")``):

1. ``strip_invisible``, ``collapse_whitespace``, ``remove_sic`` (neutral)
2. ``replace_words``: "Mideast" -> "Middle East", "Quds" -> "Koods" (a short listed table)
3. ``expand_war_numerals``: "World War II" -> "World War Two"
4. ``expand_regnal_numerals``: "Elizabeth II" -> "Elizabeth the Second" (listed names only)
5. ``expand_compound_titles``: "Brig.-Gen." -> "Brigadier General"
6. ``expand_name_abbreviations``: "Gen. X" -> "General X", "St. Louis" / "Main St."
7. ``expand_number_abbreviations``: "No. 5" -> "number 5", "#1" -> "number 1"
8. ``expand_other_abbreviations``: "vs.", "e.g.", "Jan." ...
9. ``expand_month_days``: "Jan 3" -> "January 3"
10. ``speak_times``: "9:30 a.m." -> "nine thirty AM"
11. ``undot_acronyms``: "U.S." -> "US" (espeak pauses after "U.S." before a capital)
12. ``undot_initials``: "George W. Bush" -> "George W Bush" (espeak ends a sentence at "W.")
13. ``speak_year_ranges``, ``speak_decades``, ``speak_years``
14. ``speak_scores_and_ranges``: "won 5-4" -> "won 5 to 4", "5-10" -> "5 to 10"
15. ``speak_money``, ``speak_percent``, ``speak_units``
16. ``speak_ordinals``, ``speak_dates``: "22nd" -> "twenty-second", "Jan. 3" -> "January third"
17. ``spell_acronyms``: "AP" -> "A-P" (listed acronyms only)
18. ``speak_acronym_suffixes``: "NATO's" -> "Nato's", "RCMP's" -> "R-C-M-P's" (espeak drops
    the "s" of an all-caps word it does not spell), ``collapse_whitespace``

A listed abbreviation that can end a sentence ("etc.", "Main St.", "U.S.") keeps a period after
its expansion when it does end one (the test is the one the sentence splitter uses), so the
engine still pauses there.

Every rule is one pass of one precompiled regex whose replacement looks at most a few dozen
characters around each match (``speak_acronym_suffixes`` also counts the letters of the clause a
match is in, once per clause), so normalizing is linear in the length of the text.

Known limits, each a guess the text cannot settle: "Main St. Louis" is "Main Street Louis" only
because "Main" is a listed street name ("East St. Louis" stays "Saint"); "In May 5 people came"
keeps "5" only after "in" or "during" and before a count word ("On May 5 people came" is the
fifth); an initial between two names loses its dot ("George W Bush") unless the word before is a
listed label noun ("Plan B. Officials said"), so "Malcolm X. Officials said" runs on; an
all-caps word of three letters or fewer is spelled with dashes before an "s" only in a clause
with few lowercase letters, where espeak would read it as a word ("For NGOs," -> "For
N-G-O's,"), so one that espeak's dictionary holds as a word still loses its "s" ("ETA's", "GO's").

The user lexicon (``load_lexicon`` / ``apply_lexicon``) runs after ``normalize``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from briefing.errors import InputError
from briefing.sentences import load_abbreviations

__all__ = [
    "Lexicon",
    "Rule",
    "apply_lexicon",
    "collapse_whitespace",
    "expand_compound_titles",
    "expand_month_days",
    "expand_name_abbreviations",
    "expand_number_abbreviations",
    "expand_other_abbreviations",
    "expand_regnal_numerals",
    "expand_war_numerals",
    "load_lexicon",
    "normalize",
    "remove_sic",
    "replace_words",
    "rules_for",
    "speak_acronym_suffixes",
    "speak_dates",
    "speak_decades",
    "speak_money",
    "speak_ordinals",
    "speak_percent",
    "speak_scores_and_ranges",
    "speak_times",
    "speak_units",
    "speak_year_ranges",
    "speak_years",
    "spell_acronyms",
    "strip_invisible",
    "undot_acronyms",
    "undot_initials",
]

Rule = Callable[[str], str]
"""One normalization step: text in, text out."""

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
    from num2words import num2words

    return str(num2words(number, lang="en", to=to))


# --- neutral rules --------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_WHITESPACE = re.compile(r"\s+")
_SIC = re.compile(r"(?<!\s)\s*[\[(]sic!?[\])]", re.IGNORECASE)  # (?<!\s): linear on long spaces


def strip_invisible(text: str) -> str:
    """Drop characters that are never heard but split words for the engine (soft hyphen...)."""
    return _INVISIBLE.sub("", text)


def collapse_whitespace(text: str) -> str:
    """One space between words, none at the ends; no-break and thin spaces become spaces."""
    return _WHITESPACE.sub(" ", text).strip()


def remove_sic(text: str) -> str:
    """Drop "[sic]" / "(sic)": it marks a quoted error for readers and means nothing aloud."""
    return _SIC.sub("", text)


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
    return bool(match) and match.group(1) in _starters()


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
def _en() -> _English:
    raw = resources.files("briefing").joinpath("data/normalize_en.toml").read_text("utf-8")
    data = tomllib.loads(raw)
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
    money_re = re.compile(
        rf"(?<![\w$€£¥₹])(?:(?P<pre>{_alternation(money['prefixes'])})\s?)?"
        rf"(?P<sym>{_alternation(money['symbols'])})\s?(?P<a>{amount})(?:\.(?P<ad>\d+))?"
        rf"(?:(?:\s?[-–]\s?(?P=sym)?|\sto\s(?P=sym)?)(?P<b>{amount})(?:\.(?P<bd>\d+))?)?"
        rf"(?:\s?(?P<scale>{_alternation(scales_words)})\b|(?P<short>{_alternation(scales_short)})\b)?"
        r"(?!\w)"
    )
    units = data["units"]
    unit_alt = _alternation(units)
    years = data["years"]
    acronyms = data["acronyms"]
    spell = frozenset(acronyms.get("spell", []))
    as_word = acronyms.get("read_as_word", [])
    words = {**data["shorthand"], **data["respell"]}
    respell = {k.lower(): v for k, v in data["respell"].items()}
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
        compound=re.compile(rf"(?<![\w.-])({titles})-({titles})(?:-({titles}))?"),
        title_pair=re.compile(rf"\s+(?:and|or|&)\s+(?:{titles})\s+[A-Z]"),
        names=re.compile(rf"(?<![\w.-])({names})(?=[\s,;:)”\"’]|$)"),
        numbers=re.compile(
            rf"(?<![\w.-])({_alternation(kinds['before-number'])})(?=\s*#?\d)|(?<![\w#&])#(?=\d)"
        ),
        others=re.compile(rf"(?<![\w.-])({_alternation(kinds['always'])})(?!\w)"),
        month_days=re.compile(rf"\b({_alternation(data['months'])})(?=\s\d{{1,2}}\b)"),
        regnal=re.compile(rf"\b({_alternation(data['regnal']['names'])})\s([IVXL]+)(?![\w-])"),
        money=money_re,
        units=re.compile(rf"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(\s?|-)({unit_alt})(\.?)(?![\w²³/])"),
        unit_names=MappingProxyType(units),
        unit_periods=frozenset(data["unit_periods"]["units"]),
        years=re.compile(
            r"(?<![\w$€£¥₹#.,:/'’])(?<!\d[-–])(1\d\d\d|20\d\d)"
            rf"(?![\w%°º²³]|[.,:]\d|\s?[%°º]|\s?(?:{unit_alt})\b)"
        ),
        year_after=frozenset(years["after"]),
        year_not_after=frozenset(years["not_after"]),
        year_not_before=frozenset(years["not_before"]),
        score_before=frozenset(data["scores"]["before"]),
        score_after=frozenset(data["scores"]["after"]),
        acronyms=(
            re.compile(rf"(?<![\w-])({_alternation([*spell, *as_word])})(?![\w-])")
            if spell or as_word
            else None
        ),
        spell=spell,
        engine_spells=frozenset(acronyms.get("engine_spells", [])),
        words=MappingProxyType(words),
        words_re=re.compile(rf"(?<!\w)({_alternation(words)})(?!\w)") if words else None,
        respell=MappingProxyType(respell),
        respell_any_case=(
            re.compile(rf"(?i)(?<!\w)({_alternation(respell)})(?!\w)") if respell else None
        ),
        street_names=frozenset(data["streets"]["names"]),
        label_nouns=frozenset(data["initials"]["not_after"]),
        regnal_names=frozenset(data["regnal"]["names"]),
        month_only_after=frozenset(data["dates"]["month_only_after"]),
    )


# --- words ----------------------------------------------------------------------------------


def replace_words(text: str) -> str:
    """Listed whole words the engine reads wrong: shorthand said in full, "Mideast" -> "Middle
    East", and respelled names, "Quds" -> "Koods", "Xi" -> "Shee" (data: ``[shorthand]``,
    ``[respell]``). Case-sensitive; "Al-Quds" counts, "Qudsi" does not."""
    en = _en()
    if en.words_re is None:
        return text
    return en.words_re.sub(lambda m: en.words[m.group(1)], text)


def _lexicon_key_variant(key: str) -> str:
    """A lexicon key with ``replace_words``' respellings applied, in any capitalization: "Quds
    Force" -> "Koods Force", "quds" -> "koods". The lexicon runs after ``normalize``, so a key
    naming a respelled word must also match the respelling. (Not shorthand: a key "Mideast"
    does not start matching every "Middle East".)"""
    en = _en()
    if en.respell_any_case is None:
        return key
    variant = en.respell_any_case.sub(lambda m: en.respell[m.group(1).lower()], key)
    return variant.lower() if key == key.lower() else variant


# --- abbreviations --------------------------------------------------------------------------


def expand_compound_titles(text: str) -> str:
    """ "Brig.-Gen." -> "Brigadier General", "Lt.-Gov." -> "Lieutenant Governor"."""
    en = _en()
    return en.compound.sub(lambda m: " ".join(en.before_name[g] for g in m.groups() if g), text)


def expand_name_abbreviations(text: str) -> str:
    """Titles and place words that depend on a neighbouring name.

    Before a capitalized word: "Gen. Soleimani" -> "General Soleimani", "St. Louis" -> "Saint
    Louis". Right after a capitalized word and not before another name: "Main St." -> "Main
    Street", "King Jr." -> "King Junior"; after a listed street name (data: ``[streets]``) even
    before one: "Main St. Louis" -> "Main Street Louis". An abbreviation that can end a sentence
    is never expanded as a title before a sentence starter ("St. The" stays). Elsewhere nothing
    changes.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        abbr = m.group(1)
        following = _NEXT_NAME.match(text, m.end())
        follower = following.group(1) if following else ""
        may_end = abbr in en.may_end
        starts = may_end and follower.strip("'’-") in _starters()
        only_after = abbr not in en.before_name
        prev = _PREV_NAME.search(text, max(0, m.start() - 60), m.start())
        prev_name = prev.group(1) if prev else ""
        street = prev_name in en.street_names
        if (
            abbr in en.after_name
            and (not follower or starts or only_after or street)
            and prev_name
            and prev_name not in _starters()
        ):
            spoken = en.after_name[abbr]
            return spoken + "." if may_end and _ends_sentence(text, m.end()) else spoken
        if abbr in en.before_name and (
            (follower and not starts) or (not may_end and en.title_pair.match(text, m.end()))
        ):
            return en.before_name[abbr]
        return abbr

    return en.names.sub(replace, text)


def expand_number_abbreviations(text: str) -> str:
    """ "No. 5" -> "number 5", "Nos. 3" -> "numbers 3", "#1" -> "number 1"; "No one" stays."""
    en = _en()

    def replace(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return "number "
        return en.before_number[m.group(1)]

    return en.numbers.sub(replace, text)


def expand_other_abbreviations(text: str) -> str:
    """ "vs." -> "versus", "e.g." -> "for example", "etc." -> "et cetera", "Jan." -> "January"."""
    en = _en()

    def replace(m: re.Match[str]) -> str:
        abbr = m.group(1)
        spoken = en.always[abbr]
        if abbr in en.may_end and _ends_sentence(text, m.end()):
            return spoken + "."
        return spoken

    return en.others.sub(replace, text)


def expand_month_days(text: str) -> str:
    """ "Jan 3" -> "January 3": an undotted month is expanded only before a day number."""
    en = _en()
    return en.month_days.sub(lambda m: en.months[m.group(1)], text)


_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?![\w])")


def undot_acronyms(text: str) -> str:
    """ "U.S." -> "US", "U.N." -> "UN": engines spell both alike, but pause after the dotted
    form as if a sentence ended ("the U.S. Army"). The period stays when one does end there."""

    def replace(m: re.Match[str]) -> str:
        bare = m.group(1).replace(".", "")
        return bare + "." if _ends_sentence(text, m.end()) else bare

    return _DOTTED.sub(replace, text)


# A capitalized word, one to three spaced initials (never "A.", which undotted reads as the
# article), and the capitalized word after them, which is only looked at.
_INITIALS = re.compile(
    r"(?<![\w'’.-])([A-Z][^\W\d_]+) ((?:[B-Z]\. ){1,3})(?=([A-Z][^\W\d_]*[^\W\d_A-Z]))"
)


def undot_initials(text: str) -> str:
    """ "George W. Bush" -> "George W Bush", "George R. R. Martin" -> "George R R Martin".

    espeak ends a sentence at "W." and pauses as if the name were over; without the dot it reads
    the letter ("W", "F", "J") in one breath with the name. Only between two capitalized words,
    and never before a sentence starter ("Plan B. The"), after a label noun such as "Plan" or
    "Vitamin" (data: ``[initials]``), or for a letter a regnal name could take as a numeral
    ("Henry V. Smith"), so that normalizing twice changes nothing more.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        before, run, after = m.groups()
        if (
            before.isupper()
            or before in en.label_nouns
            or after in _starters()
            or (before in en.regnal_names and any(c in _ROMAN for c in run))
        ):
            return m.group(0)
        return f"{before} {run.replace('.', '')}"

    return _INITIALS.sub(replace, text)


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


_AFTER_LONE_I = re.compile(r"$|[,.;:!?)’']|\s+of\b")


def expand_regnal_numerals(text: str) -> str:
    """ "Elizabeth II" -> "Elizabeth the Second", "Henry VIII" -> "Henry the Eighth".

    Only after a listed name, so "Rocky IV" and "Super Bowl LIV" stay; a lone "I" only when
    punctuation or "of" follows, so "Mary I think" stays.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        name, numeral = m.groups()
        value = _roman(numeral)
        if value is None or (numeral == "I" and not _AFTER_LONE_I.match(text, m.end())):
            return m.group(0)
        if len(numeral) == 1 and text.startswith(".", m.end()):
            initial = _NEXT_NAME.match(text, m.end() + 1)  # "Henry V. Smith": an initial
            if initial and initial.group(1) not in _starters():
                return m.group(0)
        return f"{name} the {_num2words(value, 'ordinal').capitalize()}"

    return en.regnal.sub(replace, text)


# --- numbers --------------------------------------------------------------------------------

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


def speak_money(text: str) -> str:
    """ "$1.5 billion" -> "1.5 billion dollars", "$20" -> "20 dollars", "$3.50" -> "3 dollars
    and 50 cents", "€2 million" -> "2 million euros", "£40" -> "40 pounds", "US$5" -> "5 US
    dollars", "C$1" -> "1 Canadian dollar", "£3bn" -> "3 billion pounds", "$5-10 million" ->
    "5 to 10 million dollars"."""
    en = _en()

    def replace(m: re.Match[str]) -> str:
        one, many, minor_one, minor_many = en.currencies[m["sym"]]
        adjective = en.currency_prefixes[m["pre"]] + " " if m["pre"] else ""
        first = m["a"] + ("." + m["ad"] if m["ad"] else "")
        scale = m["scale"] or (en.scales[m["short"]] if m["short"] else None)
        if m["b"] is not None:
            second = m["b"] + ("." + m["bd"] if m["bd"] else "")
            amount = f"{first} to {second}" + (f" {scale}" if scale else "")
            return f"{amount} {adjective}{many}"
        if scale:
            return f"{first} {scale} {adjective}{many}"
        if m["ad"] and len(m["ad"]) == 2 and minor_one:
            major, minor = int(m["a"].replace(",", "")), int(m["ad"])
            parts = []
            if major or not minor:
                parts.append(f"{m['a']} {adjective}{one if major == 1 else many}")
            if minor:
                parts.append(f"{minor} {minor_one if minor == 1 else minor_many}")
            return " and ".join(parts)
        return f"{first} {adjective}{one if first == '1' else many}"

    return en.money.sub(replace, text)


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


_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b")


def speak_ordinals(text: str) -> str:
    """ "1st" -> "first", "22nd" -> "twenty-second", "the 21st century" -> "the twenty-first
    century"."""
    return _ORDINAL.sub(lambda m: _num2words(int(m.group(1).replace(",", "")), "ordinal"), text)


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


_WORDS = re.compile(r"[^\W\d_]{2,}")


def _spelled(word: str) -> str:
    """ "AP" -> "A-P", "CAF" -> "C-Eh-F": letter by letter. espeak reads an "A" that does not
    begin the word as the article ("C-A-F" is "see uh eff"); "Eh" is said like the letter."""
    return "-".join("Eh" if char == "A" and i else char for i, char in enumerate(word))


def spell_acronyms(text: str) -> str:
    """Listed acronyms an engine would read as a word: "AP" -> "A-P", "WHO" -> "W-H-O", "EPA" ->
    "E-P-Eh" (see ``_spelled``).

    Nothing changes in text that is mostly capitals (a shouted headline): there "WHO" is a word.
    Unlisted acronyms are left to the engine, which spells "RCMP" and says "NATO" correctly.
    """
    en = _en()
    if en.acronyms is None:
        return text
    upper = sum(1 for c in text if c.isupper())
    if upper > 3 * sum(1 for c in text if c.islower()) and len(_WORDS.findall(text)) >= 3:
        return text

    def replace(m: re.Match[str]) -> str:
        word = m.group(1)
        return _spelled(word) if word in en.spell else word.capitalize()

    return en.acronyms.sub(replace, text)


# A clause as espeak counts its letters: up to a comma, a stop, a colon, a dash, a bracket or a
# quote (espeak does not end a clause at every one of these; a smaller clause only errs toward
# spelling, which is always heard right).
_CLAUSE = re.compile(r"[^.,;:!?…—–()\[\]{}\"“”«»]+")
_ACRONYM_S = re.compile(r"(?<![\w'’-])([A-Z]{2,})(['’]s|s)(?![\w'’-])")


def speak_acronym_suffixes(text: str) -> str:
    """An all-caps word before "'s" or a plural "s", written so that espeak says the "s".

    espeak strips that "s" from an all-caps word and puts it back only when it spells the word
    out, which it does for the abbreviations in its dictionary (``[acronyms].engine_spells``:
    "ESPN's", "OECDs", left as written) and for words of three letters or fewer in a clause with
    more than three lowercase letters and no more capitals than lowercase. Any other such word is
    read as a word and loses its "s" ("NATO's" is heard "NATO"). So:

    - four letters or more, with a vowel: title case, "NATO's" -> "Nato's", "UNESCOs" ->
      "Unesco's" (espeak reads "Nato" as it reads "NATO", right or wrong);
    - four letters or more without one: letter by letter, "RCMP's" -> "R-C-M-P's";
    - three letters or fewer, in a clause where espeak would read the word: letter by letter,
      "For NGOs," -> "For N-G-O's,"; elsewhere ("many NGOs said") nothing changes.

    A plural is written with an apostrophe ("R-C-M-Ps" is heard "R C M P S"); it sounds the same.
    """
    en = _en()

    def clause(c: re.Match[str]) -> str:
        part = c.group(0)
        counts: list[int] = []

        def spelled_here() -> bool:
            if not counts:
                counts.append(sum(1 for char in part if char.islower()))
                counts.append(sum(1 for char in part if char.isupper()))
            lower, upper = counts
            return lower > 3 and upper <= lower

        def replace(m: re.Match[str]) -> str:
            word, suffix = m.groups()
            ending = "'s" if suffix == "s" else suffix
            if word in en.engine_spells:
                return m.group(0)
            if word in en.spell:
                return _spelled(word) + ending
            if len(word) <= 3:
                return m.group(0) if spelled_here() else _spelled(word) + ending
            if any(char in "AEIOU" for char in word):
                return word.capitalize() + ending
            return _spelled(word) + ending

        return _ACRONYM_S.sub(replace, part)

    return _CLAUSE.sub(clause, text)


# --- the chain ------------------------------------------------------------------------------

NEUTRAL_RULES: tuple[Rule, ...] = (strip_invisible, collapse_whitespace, remove_sic)
"""What every language gets: no word is changed."""

ENGLISH_RULES: tuple[Rule, ...] = (
    *NEUTRAL_RULES,
    replace_words,
    expand_war_numerals,
    expand_regnal_numerals,
    expand_compound_titles,
    expand_name_abbreviations,
    expand_number_abbreviations,
    expand_other_abbreviations,
    expand_month_days,
    speak_times,
    undot_acronyms,
    undot_initials,
    speak_year_ranges,
    speak_decades,
    speak_years,
    speak_scores_and_ranges,
    speak_money,
    speak_percent,
    speak_units,
    speak_ordinals,
    speak_dates,
    spell_acronyms,
    speak_acronym_suffixes,
    collapse_whitespace,
)


def _is_english(lang: str) -> bool:
    return lang.strip().lower().replace("_", "-").split("-")[0] == "en"


def rules_for(lang: str) -> tuple[Rule, ...]:
    """The ordered rules ``normalize`` applies for ``lang`` (a code such as ``en``, ``en-GB``,
    ``fr``)."""
    return ENGLISH_RULES if _is_english(lang) else NEUTRAL_RULES


def normalize(text: str, lang: str = "en") -> str:
    """What the speech engine should receive for ``text`` in ``lang``."""
    for rule in rules_for(lang):
        text = rule(text)
    return text


# --- user lexicon ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """User pronunciations, applied to normalized text (``apply_lexicon``).

    Keys are words or phrases. A key written all in lowercase matches any capitalization
    ("covid" matches "COVID" and "Covid"); a key with a capital letter matches only as written
    ("Nice" the city, not "nice"). Matching is on whole words, and a phrase's spaces match any
    run of whitespace; the longest key wins where keys overlap. A key naming a word that
    ``replace_words`` respells also matches the respelling, so "Quds" still finds "Koods".
    """

    respell: Mapping[str, str] = field(default_factory=dict)
    """Word -> respelling every engine can read ("Soleimani" -> "Solay-mah-nee")."""
    phonemes: Mapping[str, str] = field(default_factory=dict)
    """Word -> IPA for engines that accept phonemes inline (Piper: ``[[ ˈkɑːsɛm ]]``)."""
    source: str = ""
    """Where it was read from, for messages."""
    _patterns: dict[bool, tuple[re.Pattern[str], dict[str, str], dict[str, str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _compiled(self, phonemes: bool) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
        if phonemes not in self._patterns:
            table = dict(self.respell)
            if phonemes:
                table.update({k: f"[[ {v} ]]" for k, v in self.phonemes.items()})
            for key, value in list(table.items()):  # "Quds" must match normalize's "Koods"
                table.setdefault(_lexicon_key_variant(key), value)
            exact = {k: v for k, v in table.items() if k != k.lower()}
            folded = {k.lower(): v for k, v in table.items() if k == k.lower()}
            alternatives = []
            for key in sorted(table, key=lambda k: (-len(k), k)):
                body = r"\s+".join(re.escape(part) for part in key.split())
                alternatives.append(body if key in exact else f"(?i:{body})")
            pattern = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
            self._patterns[phonemes] = (pattern, exact, folded)
        return self._patterns[phonemes]


def load_lexicon(path: str | Path) -> Lexicon:
    """Read a lexicon file: TOML with a ``[respell]`` and/or a ``[phonemes]`` table of strings.

    Raises ``InputError`` with a one-line message naming the file when it is missing or invalid.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: lexicon file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read lexicon: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from None
    unknown = set(data) - {"respell", "phonemes"}
    if unknown:
        raise InputError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; "
            "a lexicon has only [respell] and [phonemes]"
        )
    tables: dict[str, dict[str, str]] = {}
    for name in ("respell", "phonemes"):
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise InputError(f'{path}: [{name}] must be a table of "word" = "spoken" lines')
        for key, value in table.items():
            if not isinstance(value, str) or not value.strip() or not key.strip():
                raise InputError(f"{path}: [{name}] {key!r} must map a word to a non-empty string")
            if name == "phonemes" and ("[[" in value or "]]" in value):
                raise InputError(f"{path}: [phonemes] {key!r}: write the phonemes without [[ ]]")
        tables[name] = {" ".join(k.split()): v.strip() for k, v in table.items()}
    return Lexicon(respell=tables["respell"], phonemes=tables["phonemes"], source=str(path))


def apply_lexicon(text: str, lexicon: Lexicon, phonemes: bool = False) -> str:
    """Replace lexicon words in ``text``: respellings always, phonemes (``[[ ... ]]``, winning
    over a respelling of the same word) only when ``phonemes`` is true, that is when the engine
    accepts them. Words with only a phoneme entry are left as written for other engines."""
    if not lexicon.respell and not (phonemes and lexicon.phonemes):
        return text
    pattern, exact, folded = lexicon._compiled(phonemes)

    def replace(m: re.Match[str]) -> str:
        word = " ".join(m.group(0).split())
        return exact.get(word) or folded.get(word.lower()) or m.group(0)

    return pattern.sub(replace, text)
