"""Find the non-standard words of a text, tag each with its class, and let that class say it.

The shape of the WFST text normalizers (Sproat et al., "Normalization of non-standard words",
2001; the semiotic classes of Google's text-normalization data), done with one regex: every
class contributes a pattern, the patterns are joined in priority order into one alternation,
and a single left-to-right scan finds each token once. The leftmost token wins, and of tokens
starting at the same place the class listed first, so "1-800-555-1234" is a telephone number
before any range can see "1-800", and "$50.00-$100.00" is one money range. A token's words
are final: no later rule reads inside it (the chain runs after, on the words around tokens).

A class's ``speak(match, text)`` returns the words, or ``None`` when the match is not of that
class after all: the place is then offered to the classes after it, and what no class claims
is left to the rest of the chain.

Classes (module: examples), in priority order (``languages.py``):

- electronic (``electronic.py``): URLs, @handles, #hashtags; an e-mail address is kept as
  written, which espeak reads right
- fixed (``letters.py``, data ``[fixed]``): forms said as a whole, "9/11", "24/7", "401(k)"
- telephone (``telephone.py``): "(123) 123-5678", "1-800-555-1234", "+44 20 7946 0958", "call 911"
- date (``date.py``): "2016-11-03", "10/06/2005", "11-25-2020"
- time (``time.py``): "9.30am", "1:01:01", "2pm-5pm"
- money (``money.py``): "99¢", "$50.00-$100.00", "$0.5/hr", "a $3 million renovation", "USD 5"
- date again: "Dec. 27-29", "27-29 December", "december 5"
- measure (``measure.py``): "5-10 km", "4 1/2 lbs", "100 million kg", "12KG", "3 mbps", "5%-10%",
  "30C", "3x", "5'11\"", "49m long" / "5m people"
- address (``address.py``): "1211 E Arques Ave", "7-9 Main St"
- range (``range.py``): "1960s-1980s", "10,000-20,000", "a 9-5 job", "Boeing 737-800", "3:1"
- cardinal, decimal, fraction (``cardinal.py``): "~5", "±3", ".5", "007", "1/2", "2½",
  "3/4 mile"
- roman (``roman.py``): "Chapter IV", "Super Bowl LVIII", "Edgar Smith III", "Rocky IV"
- letters (``letters.py``): "C. S. Lewis", "[T]he"

Language: the English classes run for English; ``fr``, ``de`` and ``es`` have their own
(``languages.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

__all__ = ["Token", "TokenClass", "classify", "first_chars", "speak_tokens"]

Speak = Callable[[re.Match[str], str], str | None]


@dataclass(frozen=True)
class TokenClass:
    """One semiotic class: how to find its tokens and how to say one."""

    kind: str
    """The class name, as in the evaluation table ("telephone", "money" ...)."""
    pattern: str
    """A regex; its named groups must be unique across classes (prefix them)."""
    speak: Speak
    """(match, whole text) -> words, or None to leave the token to the rest of the chain."""
    first: str = ""
    """A regex for the token's first character ("\\d", "[$€£]"), checked before the pattern:
    the scan tries every class at every position, and most positions fail this at once."""


@dataclass(frozen=True)
class Token:
    """A non-standard word found in a text."""

    kind: str
    start: int
    end: int
    written: str
    spoken: str


def first_chars(words: object) -> str:
    """A character class of the first characters of ``words``: a ``first`` for listed forms."""
    return "[" + "".join(sorted({re.escape(str(w)[0]) for w in words})) + "]"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Scanner:
    pattern: re.Pattern[str]
    """All classes in one alternation, each a named group ``K<i>``."""
    classes: tuple[TokenClass, ...]
    guarded: tuple[str, ...]
    """Each class's pattern by itself, to ask the next classes about a place one declined."""
    _alone: dict[int, re.Pattern[str]] = field(default_factory=dict)

    def alone(self, index: int) -> re.Pattern[str]:
        """Class ``index``'s own pattern, compiled when first needed: most texts never ask."""
        found = self._alone.get(index)
        if found is None:
            found = self._alone[index] = re.compile(rf"(?<!\w){self.guarded[index]}")
        return found


@cache
def _compiled(lang: str) -> _Scanner:
    from briefing import regexes
    from briefing.normalize.languages import token_classes

    classes = token_classes(lang)
    if not classes:
        return _Scanner(re.compile(r"(?!)"), (), ())  # a language without classes
    guarded = [f"{f'(?={c.first})' if c.first else ''}(?:{c.pattern})" for c in classes]
    alternation = "|".join(f"(?P<K{i}>{g})" for i, g in enumerate(guarded))
    # Every token begins at a word start (or at a symbol) with one of the classes' first
    # characters: two checks rule out the inside of words, spaces and most punctuation before
    # any class is tried.
    firsts = "|".join(sorted({c.first or r"\S" for c in classes}))
    with regexes.store(f"tokens-{lang}") as store:  # the longest pattern: kept between runs
        pattern = store.compile(rf"(?<!\w)(?=(?:{firsts}))(?:{alternation})")
    return _Scanner(pattern, classes, tuple(guarded))


def _scan(text: str, lang: str) -> Iterator[Token]:
    """The tokens of ``text`` left to right. A class that declines a match (its ``speak``
    returns None: "2019 9/11" is no fraction) leaves the place to the classes after it, then
    to any token starting later: what it matched is not claimed."""
    scanner = _compiled(lang)
    pos = 0
    while (m := scanner.pattern.search(text, pos)) is not None:
        index = int((m.lastgroup or "K0")[1:])
        token_class = scanner.classes[index]
        spoken = token_class.speak(m, text)
        if spoken is None:
            for later_index in range(index + 1, len(scanner.classes)):
                later = scanner.classes[later_index]
                other = scanner.alone(later_index).match(text, m.start())
                if other is not None and other.end() > other.start():
                    spoken = later.speak(other, text)
                    if spoken is not None:
                        m, token_class = other, later
                        break
        if spoken is None:
            pos = m.start() + 1
            continue
        yield Token(token_class.kind, m.start(), m.end(), m.group(0), spoken)
        pos = max(m.end(), m.start() + 1)


def classify(text: str, lang: str = "en") -> list[Token]:
    """The tokens of ``text``, left to right, each with its class and its spoken form."""
    return list(_scan(text, lang))


def speak_tokens(text: str, lang: str = "en") -> str:
    """Each non-standard word said by its class; the words around are left as they are."""
    parts = []
    pos = 0
    for token in _scan(text, lang):
        parts.append(text[pos : token.start])
        parts.append(token.spoken or "")
        pos = token.end
    parts.append(text[pos:])
    return "".join(parts)
