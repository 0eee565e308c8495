"""Abbreviations said in full where their neighbours settle the meaning: "Gen. X", "Main St.",
"No. 5", "vs.", "Jan 3"."""

from __future__ import annotations

import re

from briefing.normalize._english import _NEXT_NAME, _PREV_NAME, _en, _ends_sentence, _starters


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
    """ "Jan 3" -> "January 3", "Oct 2011" -> "October 2011", "1 Jan 1996" -> "1 January
    1996": an undotted month is expanded only before a day number or a year, or after a day
    number."""
    en = _en()
    return en.month_days.sub(lambda m: en.months[m.group(1)], text)
