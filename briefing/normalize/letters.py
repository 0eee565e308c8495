"""Letters: dotted acronyms, initials between names, acronyms to spell, an "s" after capitals."""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import TYPE_CHECKING

from briefing import regexes
from briefing.normalize._english import _en, _ends_sentence, _prev_word, _starters

_KEPT = regexes.Store("normalize-letters")
"""The module's patterns, kept compiled between runs (saved at the end of the module)."""

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

_DOTTED = _KEPT.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?![\w])")


def undot_acronyms(text: str) -> str:
    """ "U.S." -> "US", "U.N." -> "UN": engines spell both alike, but pause after the dotted
    form as if a sentence ended ("the U.S. Army"). The period stays when one does end there."""

    def replace(m: re.Match[str]) -> str:
        bare = m.group(1).replace(".", "")
        return bare + "." if _ends_sentence(text, m.end()) else bare

    return _DOTTED.sub(replace, text)


# A capitalized word, one to three spaced initials, and the capitalized word after them,
# which is only looked at.
_INITIALS = _KEPT.compile(
    r"(?<![\w'’.-])([A-Z][^\W\d_]+)(,?) ((?:[A-Z]\. ){1,3})(?=([A-Z][^\W\d_]*[^\W\d_A-Z]))"
)
# An initial (not "I") before a first name and a surname ("J. Edgar Hoover", "F. Scott
# Fitzgerald"), after "and" or "by" before a name ("by J. Smith", "and C. Tait"), or before a
# surname that a pause closes ("Coach: T. Brennan (interim)", "M. Okafor; photos"): a new
# sentence does not start with one capitalized word and a comma or a bracket.
_INITIAL_BEFORE_NAMES = _KEPT.compile(
    r"(?<![\w.'’-])(?P<letter>[A-HJ-Z])\. (?=(?P<name>[A-Z][a-z]+) [A-Z][a-z]+\b)"
    r"|(?:(?<=\band )|(?<=\bby ))(?P<letter2>[A-HJ-Z])\. (?=(?P<name2>[A-Z][a-z]+)\b)"
    r"|(?<![\w.'’-])(?P<letter3>[A-HJ-Z])\. (?=(?P<name3>(?:Mc|Mac|O')?[A-Z][a-z]+)(?:[,;:]| \())"
)
# An initial before a comma, a semicolon, a colon or a closing bracket: "Smith, J., and".
_INITIAL_BEFORE_PAUSE = _KEPT.compile(r"(?<![\w.'’-])([A-Z])\.(?=[,;:)])")


def undot_initials(text: str) -> str:
    """ "George W. Bush" -> "George W Bush", "George R. R. Martin" -> "George R R Martin",
    "Jane A. Smith" -> "Jane Eh Smith" (an "A" undotted is read as the article; "Eh" is said
    as the letter).

    espeak ends a sentence at "W." and pauses as if the name were over; without the dot it reads
    the letter ("W", "F", "J") in one breath with the name. Only between two capitalized words
    (the first may take a comma, as a list of authors does: "Gray, T. Cecil" -> "Gray, T
    Cecil") or before a comma, a semicolon, a colon or a closing bracket, whose pause is the one
    heard ("Smith, J.; Jones" -> "Smith, J; Jones"), and never before a sentence starter ("Plan B. The"), after a label noun such as "Plan" or
    "Vitamin" (data: ``[initials]``), or for a letter a regnal name could take as a numeral
    ("Henry V. Smith"), so that normalizing twice changes nothing more.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        before, comma, run, after = m.groups()
        if (
            before.isupper()
            or before in en.label_nouns
            or after in _starters()
            or (before in en.regnal_names and any(c in "IVX" for c in run) and not comma)
        ):
            return m.group(0)
        letters = ("Eh" if c == "A" else c for c in re.findall("[A-Z]", run))
        return f"{before}{comma} {' '.join(letters)} "

    def before_name(m: re.Match[str]) -> str:
        letter = m["letter"] or m["letter2"] or m["letter3"]
        name = m["name"] or m["name2"] or m["name3"]
        before = _prev_word(text, m.start())
        if name in _starters() or before in en.label_nouns or before in en.regnal_names:
            return m.group(0)
        return ("Eh" if letter == "A" else letter) + " "

    text = _INITIALS.sub(replace, text)
    text = _INITIAL_BEFORE_NAMES.sub(before_name, text)
    return _INITIAL_BEFORE_PAUSE.sub(lambda m: "Eh" if m[1] == "A" else m[1], text)


_LETTER_A = _KEPT.compile(r"(?<![\w.'’-])A\.(?![\w.'’-])")


def say_letter_a(text: str) -> str:
    """ "Smith, A., ed." -> "Smith, Eh., ed.", "Plan A." -> "Plan Eh.": a capital "A" with a
    full stop is the letter (the article never takes one), but espeak reads it as the article
    ("uh"); "Eh" it says as the letter. The stop and its pause stay."""
    return _LETTER_A.sub("Eh.", text)


_WORDS = _KEPT.compile(r"[^\W\d_]{2,}")


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


@cache
def _sounds() -> tuple[frozenset[str], frozenset[str]]:
    from briefing.normalize._english import _data

    table = _data()["acronyms"]["pronounceable"]
    return frozenset(table["onsets"]), frozenset(table["codas"])


_VOWEL_RUN = _KEPT.compile(r"[AEIOU]+|(?<=[B-DF-HJ-NP-TV-Z])Y")
_ODD_VOWELS = _KEPT.compile(r"[AEIOUY]{3}|AA|II|UU")


def pronounceable(word: str) -> bool:
    """Whether English could say an all-caps ``word`` as a word ("NATO", "NASDAQ", "COVID")
    rather than only letter by letter ("ECFMG", "NCAA", "UKTV", "HSBC"): its consonant runs
    are English onsets and codas (data: ``[acronyms.pronounceable]``)."""
    onsets, codas = _sounds()
    word = word.replace("QU", "Q")  # "QU" is a consonant onset: "SQUID", "QANON"
    vowels = [m.span() for m in _VOWEL_RUN.finditer(word)]
    if not vowels or _ODD_VOWELS.search(word):
        return False

    def fits(run: str, table: frozenset[str]) -> bool:
        return not run or run.replace("Q", "QU") in table or run in table

    if not fits(word[: vowels[0][0]], onsets) or not fits(word[vowels[-1][1] :], codas):
        return False
    for (_, end), (start, _) in itertools.pairwise(vowels):
        run = word[end:start]
        if len(run) > 3 or not any(
            fits(run[:k], codas) and fits(run[k:], onsets) for k in range(len(run) + 1)
        ):
            return False
    return True


_ROMAN_WORD = _KEPT.compile(r"M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
_CAPS_WORD = _KEPT.compile(r"(?<![\w'’-])([A-Z]{2,})(?![\w'’-])")


_HAS_VOWEL = _KEPT.compile("[AEIOUY]")


def _english_words() -> frozenset[str]:
    from briefing.clean.language import stopwords

    return stopwords()["en"]


def _espeak_spells_short(clause: str) -> bool:
    """Whether espeak spells an all-caps word of three letters or fewer in ``clause``: only
    where the clause has more than three lowercase letters and no more capitals than them
    ("Redway, CA:" is read "kah")."""
    lower = sum(1 for char in clause if char.islower())
    upper = sum(1 for char in clause if char.isupper())
    return lower > 3 and upper <= lower


def spell_unpronounceable(text: str) -> str:
    """An unlisted all-caps word that espeak would read as a word although it is letters,
    letter by letter:

    - one that English cannot say as a word (``pronounceable``): "the NCAA" -> "the
      N-C-Eh-Eh" (espeak: "en-kah"), "ECFMG" -> "E-C-F-M-G", "UKTV" -> "U-K-T-V";
    - one of two or three letters in a clause where espeak reads such a word as a word (see
      ``_espeak_spells_short``), unless it is a common English word (the English stop words of
      ``briefing.clean.language``: "OF", "NEW", "WAR"): "Redway, CA:" -> "Redway, C-Eh:".

    Left alone: words English can say ("NATO", "COVID": the engine reads or spells them from
    its dictionary), those espeak spells with its dictionary (``engine_spells``), roman
    numerals, and every word of a text that is mostly capitals (a shouted headline). Before
    "'s" or a plural "s" see ``speak_acronym_suffixes``.
    """
    en = _en()
    upper = sum(1 for c in text if c.isupper())
    if upper > 3 * sum(1 for c in text if c.islower()) and len(_WORDS.findall(text)) >= 3:
        return text

    def clause(c: re.Match[str]) -> str:
        part = c.group(0)

        def replace(m: re.Match[str]) -> str:
            word = m.group(1)
            if (
                word in en.engine_spells
                or _ROMAN_WORD.fullmatch(word)
                or not _HAS_VOWEL.search(word)  # espeak spells "HSBC", "GMT" itself
            ):
                return word
            if len(word) <= 3:
                if _espeak_spells_short(part) or word.lower() in _english_words():
                    return word  # "A CENTURY OF U.": "OF" shouted is a word
                return _spelled(word)
            return word if pronounceable(word) else _spelled(word)

        return _CAPS_WORD.sub(replace, part)

    return _CLAUSE.sub(clause, text)


# A clause as espeak counts its letters: up to a comma, a stop, a colon, a dash, a bracket or a
# quote (espeak does not end a clause at every one of these; a smaller clause only errs toward
# spelling, which is always heard right).
_CLAUSE = _KEPT.compile(r"[^.,;:!?…—–()\[\]{}\"“”«»]+")
_ACRONYM_S = _KEPT.compile(r"(?<![\w'’-])([A-Z]{2,})(['’]s|s)(?![\w'’-])")


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
            if pronounceable(word):
                return word.capitalize() + ending
            return _spelled(word) + ending

        return _ACRONYM_S.sub(replace, part)

    return _CLAUSE.sub(clause, text)


# --- classified tokens ----------------------------------------------------------------------


def _say_fixed(m: re.Match[str], text: str) -> str:
    from briefing.normalize._english import _data

    spoken: str = _data()["fixed"][m["fx"]]
    if m["fx"].endswith(".") and _ends_sentence(text, m.end()):
        spoken += "."  # "a Ph.D. The" keeps its full stop
    return spoken


def _say_initials(m: re.Match[str], text: str) -> str:
    """ "C. S. Lewis" -> "C S Lewis": espeak ends a sentence at each "C." (an "A" is written
    "Eh", which espeak says as the letter, not the article)."""
    letters = re.findall(r"[A-Z]", m["in_run"])
    return " ".join("Eh" if c == "A" else c for c in letters) + " "


def _say_bracketed(m: re.Match[str], text: str) -> str:
    """ "[T]he" -> "The": an editor's bracket inside a word is not heard."""
    return m["br_l"] + m["br_rest"]


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize._english import _alternation, _data
    from briefing.normalize.tokens import TokenClass, first_chars

    fixed = _alternation(_data()["fixed"])
    return (
        TokenClass(
            "fixed",
            rf"(?<![\w/.-])(?P<fx>{fixed})(?![\w/-]|\(|\.\w)",
            _say_fixed,
            first=first_chars(_data()["fixed"]),
        ),
        TokenClass(
            "letters",
            r"(?<![\w.'’-])(?P<in_run>(?:[A-Z]\.\s){2,3})(?=[A-Z][a-z])",
            _say_initials,
            first="[A-Z]",
        ),
        TokenClass(
            "letters",
            r"(?<![\w\]])\[(?P<br_l>[A-Za-z])\](?P<br_rest>[a-z]+)\b",
            _say_bracketed,
            first=r"\[",
        ),
    )


_KEPT.save()
