"""Letters: dotted acronyms, initials between names, acronyms to spell, an "s" after capitals."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _en, _ends_sentence, _starters
from briefing.normalize.roman import _ROMAN

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass

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
