"""Which token classes a language gets, in priority order (see ``tokens.py``).

English gets every class. French, German and Spanish get dates, times, money, percentages,
ordinals, decimal numbers and their common abbreviations, said with num2words in the article's
language (``foreign.py``, data in ``data/normalize_<lang>.toml``). Any other language gets none:
its text is left as written rather than given another language's rules.
"""

from __future__ import annotations

from functools import cache

from briefing.normalize.locale import language_parts
from briefing.normalize.tokens import TokenClass

__all__ = ["FOREIGN", "base_language", "token_classes"]

FOREIGN = ("fr", "de", "es")
"""Languages with their own token classes besides English."""


def base_language(lang: str) -> str:
    """ "en-GB" -> "en", "fr_CA" -> "fr", " DE " -> "de"."""
    return language_parts(lang)[0]


@cache
def token_classes(lang: str) -> tuple[TokenClass, ...]:
    """The classes that find and say the non-standard words of ``lang``, first one first."""
    base = base_language(lang)
    if base == "en":
        return _english()
    if base in FOREIGN:
        from briefing.normalize.foreign import classes

        return classes(base)
    return ()


def _english() -> tuple[TokenClass, ...]:
    from briefing.normalize import (
        address,
        cardinal,
        date,
        electronic,
        letters,
        measure,
        money,
        range,
        roman,
        telephone,
        time,
    )

    letter_classes = letters._classes()
    date_classes = date._classes()
    return (
        *electronic.CLASSES,
        letter_classes[0],  # fixed forms: "9/11", "401(k)"
        *telephone.CLASSES,
        *date_classes[:2],  # numeric dates: "2016-11-03", "10/06/2005"
        *time._classes(),
        *money._classes(),
        *date_classes[2:],  # "Dec. 27-29", "27-29 December", "december 5"
        *measure._classes(),  # before ranges: "5-10 km" is one measure
        *address._classes(),  # before ranges: "7-9 Main St" is one address
        *range._classes(),
        *cardinal._classes(),
        *roman._classes(),
        *letter_classes[1:],
    )
