"""Numbers as words, in the article's language: the one place that calls num2words.

num2words is imported inside the functions (it loads every language's module), and every
reading is cached: news repeats its numbers.
"""

from __future__ import annotations

from functools import cache

__all__ = ["cardinal", "digits", "ordinal", "pairs", "say", "year"]

_DIGITS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
    "de": ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
}


@cache
def say(number: int | float, lang: str, to: str) -> str:
    """num2words' reading of ``number`` (``to``: cardinal, ordinal, year ...), cached."""
    from num2words import num2words

    return str(num2words(number, lang=lang, to=to))


def cardinal(number: int, lang: str = "en") -> str:
    """ "27" -> "twenty-seven" ("vingt-sept", "siebenundzwanzig", "veintisiete")."""
    return say(number, lang, "cardinal")


def ordinal(number: int, lang: str = "en") -> str:
    """ "22" -> "twenty-second"."""
    return say(number, lang, "ordinal")


def year(number: int, lang: str = "en") -> str:
    """ "2019" -> "twenty nineteen" ("deux mille dix-neuf", "zweitausendneunzehn")."""
    if lang == "es":
        return say(number, lang, "cardinal")
    return say(number, lang, "year")


def digits(text: str, lang: str = "en", zero: str | None = None) -> str:
    """ "555" -> "five five five": every digit alone ("0" as ``zero`` if given: "oh")."""
    names = _DIGITS.get(lang, _DIGITS["en"])
    return " ".join((zero if c == "0" and zero else names[int(c)]) for c in text if c.isdigit())


def pairs(number: str) -> str:
    """A house number or a flight as English says it: "1211" -> "twelve eleven", "350" ->
    "three fifty", "1600" -> "sixteen hundred", "905" -> "nine oh five", "10" -> "ten"."""
    n = int(number)
    if len(number) <= 2 or number.startswith("0") or n % 1000 == 0:
        return cardinal(n) if not number.startswith("0") else digits(number, zero="oh")
    if len(number) == 3:
        head, tail = number[0], number[1:]
    elif len(number) == 4:
        head, tail = number[:2], number[2:]
    else:
        return cardinal(n)
    if tail == "00":
        return f"{cardinal(int(head))} hundred"
    if tail.startswith("0"):
        return f"{cardinal(int(head))} oh {cardinal(int(tail))}"
    return f"{cardinal(int(head))} {cardinal(int(tail))}"
