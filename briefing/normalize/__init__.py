"""Rewrite text for the ear: what a listener should hear where a reader sees "Brig.-Gen." or "$1.5bn".

Speech engines stumble on news typography: espeak (under Piper) reads "Gen." as "gen" followed by
a full stop and a pause, "$20" as "dollar twenty", "1-800-555-1234" as "one dash eight hundred
dash ...", "Chapter IV" as "Chapter Roman four" and "2019" as "two thousand nineteen".
``normalize`` fixes that in two stages.

1. **Classify, then verbalize** (``speak_classified``, ``tokens.py``): one scan finds the
   non-standard words, tags each with its semiotic class and lets the class's module say it:
   electronic, fixed forms, telephone, numeric dates, durations and time ranges, money ranges,
   rates and adjectives, ranges, measures, fractions, addresses, roman numerals, initials. The
   leftmost token wins and its words are final, so rules cannot step on each other's output
   ("1-800" is a telephone number, not a range).
2. **Contextual rules** on the words around the tokens: an ordered list of small ``str -> str``
   functions (in the manner of gTTS's pre-processors), each testable on its own, for what needs a
   neighbouring word: titles before names, "St." as Saint or Street, years, ordinals, clock
   times, plain money, units and acronyms.

Rules that are lists are data: ``data/abbreviations.toml`` (shared with the sentence splitter),
``data/normalize_en.toml``, the pronunciation lexicon ``data/lexicon_en.toml`` (names espeak gets
wrong, each respelling checked through the phonemizer), ``data/normalize_{fr,de,es}.toml``.

Numbers: plain quantities stay digits ("955 troops", "1.5 billion", "1,000"), because every engine
reads them well. A number whose reading depends on its role is spelled out with num2words
(``words.py``): years ("twenty nineteen"), decades, ordinals, clock times, telephone digits,
fractions, house numbers ("twelve eleven") and roman numerals.

Languages (``rules_for``): English and its variants (``en-GB``, ``en_US``) get everything;
French, German and Spanish their own token classes (``foreign.py``: dates, times, money,
percentages, ordinals, comma decimals, common abbreviations, said in that language); any other
language only the neutral rules, which change no word: removing invisible characters (zero
width space, word joiner, byte order mark, soft hyphen; never the zero-width joiners that Persian
or emoji need), collapsing whitespace, and dropping the editorial marker "[sic]".

The English chain (``rules_for("en")``):

1. ``strip_invisible``, ``collapse_whitespace``, ``remove_sic`` (neutral)
2. ``speak_classified``: the token classes above (``tokens.py``, ``languages.py``)
3. ``replace_words``: shorthand ("Mideast" -> "Middle East") and the packaged lexicon ("Quds" ->
   "Koods", "Erdogan" -> "Air-doh-wahn")
4. ``expand_war_numerals``, ``expand_regnal_numerals``: "World War Two", "Elizabeth the Second"
5. ``expand_compound_titles``, ``expand_name_abbreviations``, ``expand_number_abbreviations``,
   ``expand_other_abbreviations``, ``expand_month_days``: "Brigadier General", "General X",
   "Saint Louis" / "Main Street", "number 5", "versus", "January 3"
6. ``speak_times``, ``spell_time_zones``: "nine thirty AM", "9 PM E-T"
7. ``undot_acronyms``, ``undot_initials``, ``say_letter_a``: "U.S." -> "US", "George W. Bush" ->
   "George W Bush", "Plan A." -> "Plan Eh." (the letter, not the article)
8. ``speak_year_ranges``, ``speak_decades``, ``speak_years``
9. ``speak_scores_and_ranges``, ``speak_money``, ``speak_percent``, ``speak_units``
10. ``speak_ordinals``, ``speak_dates``: "twenty-second", "January third"
11. ``spell_acronyms``, ``spell_unpronounceable``, ``speak_acronym_suffixes``: "A-P", "the
    N-C-Eh-Eh" (an all-caps word English cannot say as a word), "Nato's", ``collapse_whitespace``

A listed abbreviation that can end a sentence ("etc.", "Main St.", "U.S.") keeps a period after
its expansion when it does end one (the test is the one the sentence splitter uses), so the
engine still pauses there.

Every rule is one pass of one precompiled regex whose replacement looks at most a few dozen
characters around each match; the token scan tries its classes only at word starts that begin
with one of their first characters. So normalizing is linear in the length of the text.

Judged by ear: ``ear.py`` phonemizes text as Piper does for the bundled voice; the tests and
``scripts/eval_normalize.py`` compare the phonemes of our output with those of the expected
spoken form.

Known limits, each a guess the text cannot settle: "Main St. Louis" is "Main Street Louis" only
because "Main" is a listed street name ("East St. Louis" stays "Saint"); "In May 5 people came"
keeps "5" only after "in" or "during" and before a count word ("On May 5 people came" is the
fifth); an initial between two names loses its dot ("George W Bush") unless the word before is a
listed label noun ("Plan B. Officials said"), so "Malcolm X. Officials said" runs on, and so
does a letter ending a sentence before a first name and a surname ("a grade of B. New York
schools"), taken for "J. Edgar Hoover"; an
all-caps word of three letters or fewer is spelled with dashes before an "s" only in a clause
with few lowercase letters, where espeak would read it as a word ("For NGOs," -> "For
N-G-O's,"), so one that espeak's dictionary holds as a word still loses its "s" ("ETA's", "GO's");
"10/06/2005" is read month first for US English and day first elsewhere (``locale.py``) unless
one number cannot be a month; "5m" is metres
before "long" or "sprint", millions before a plural noun, else left as written; "3/4" is always
a fraction, never March fourth.

The user lexicon (``load_lexicon`` / ``apply_lexicon``) runs after ``normalize`` and so wins.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.normalize.abbreviations import (
    expand_compound_titles,
    expand_month_days,
    expand_name_abbreviations,
    expand_number_abbreviations,
    expand_other_abbreviations,
)
from briefing.normalize.cardinal import speak_ordinals
from briefing.normalize.date import speak_dates, speak_decades, speak_year_ranges, speak_years
from briefing.normalize.languages import base_language
from briefing.normalize.letters import (
    say_letter_a,
    speak_acronym_suffixes,
    spell_acronyms,
    spell_unpronounceable,
    undot_acronyms,
    undot_initials,
)
from briefing.normalize.lexicon import Lexicon, apply_lexicon, load_lexicon, replace_words
from briefing.normalize.locale import locale as _locale
from briefing.normalize.measure import speak_percent, speak_units
from briefing.normalize.money import speak_money
from briefing.normalize.neutral import collapse_whitespace, remove_sic, strip_invisible
from briefing.normalize.range import speak_scores_and_ranges
from briefing.normalize.roman import expand_regnal_numerals, expand_war_numerals
from briefing.normalize.time import speak_times, spell_time_zones
from briefing.normalize.tokens import speak_tokens

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
    "say_letter_a",
    "speak_acronym_suffixes",
    "speak_classified",
    "speak_dates",
    "speak_decades",
    "speak_money",
    "speak_ordinals",
    "speak_percent",
    "speak_scores_and_ranges",
    "speak_times",
    "speak_tokens",
    "speak_units",
    "speak_year_ranges",
    "speak_years",
    "spell_acronyms",
    "spell_time_zones",
    "spell_unpronounceable",
    "strip_invisible",
    "undot_acronyms",
    "undot_initials",
]

Rule = Callable[[str], str]
"""One normalization step: text in, text out."""

# --- the chain ------------------------------------------------------------------------------

NEUTRAL_RULES: tuple[Rule, ...] = (strip_invisible, collapse_whitespace, remove_sic)
"""What every language gets: no word is changed."""


def speak_classified(text: str) -> str:
    """Every non-standard word the English token classes find, said by its class: telephone
    numbers, URLs, numeric dates, durations, money ranges, fractions, measures, addresses,
    roman numerals, initials (``tokens.py``)."""
    return speak_tokens(text, "en")


def speak_classified_fr(text: str) -> str:
    """French dates, times, money, percentages, ordinals and abbreviations (``foreign.py``)."""
    return speak_tokens(text, "fr")


def speak_classified_de(text: str) -> str:
    """German dates, times, money, percentages, ordinals and abbreviations (``foreign.py``)."""
    return speak_tokens(text, "de")


def speak_classified_es(text: str) -> str:
    """Spanish dates, times, money, percentages, ordinals and abbreviations (``foreign.py``)."""
    return speak_tokens(text, "es")


ENGLISH_RULES: tuple[Rule, ...] = (
    *NEUTRAL_RULES,
    speak_classified,
    replace_words,
    expand_war_numerals,
    expand_regnal_numerals,
    expand_compound_titles,
    expand_name_abbreviations,
    expand_number_abbreviations,
    expand_other_abbreviations,
    expand_month_days,
    speak_times,
    spell_time_zones,
    undot_acronyms,
    undot_initials,
    say_letter_a,
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
    spell_unpronounceable,
    speak_acronym_suffixes,
    collapse_whitespace,
)


FOREIGN_RULES: dict[str, tuple[Rule, ...]] = {
    "fr": (*NEUTRAL_RULES, speak_classified_fr, collapse_whitespace),
    "de": (*NEUTRAL_RULES, speak_classified_de, collapse_whitespace),
    "es": (*NEUTRAL_RULES, speak_classified_es, collapse_whitespace),
}
"""French, German, Spanish: their own token classes, no English rule."""


def rules_for(lang: str) -> tuple[Rule, ...]:
    """The ordered rules ``normalize`` applies for ``lang`` (a code such as ``en``, ``en-GB``,
    ``fr``): English in full, French, German and Spanish their own classes, any other
    language only the neutral rules."""
    base = base_language(lang)
    if base == "en":
        return ENGLISH_RULES
    return FOREIGN_RULES.get(base, NEUTRAL_RULES)


def normalize(text: str, lang: str = "en") -> str:
    """What the speech engine should receive for ``text`` in ``lang`` (a code such as ``en``,
    ``en-GB``, ``fr``; its region sets the conventions of ``locale.py``: "10/06/2005" is June
    10th in ``en-GB``, October 6th in ``en-US``)."""
    with _locale(lang):
        for rule in rules_for(lang):
            text = rule(text)
    return text
