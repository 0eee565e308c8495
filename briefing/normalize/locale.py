"""The article's locale, for the conventions that differ between the Englishes.

``normalize(text, lang)`` sets it for the length of the call (a context variable, so threads
and the stream's background work each see their own); the class modules ask it:

- **numeric dates** (``date.py``): "10/06/2005" is October 6th in the US (``en``, ``en-US``,
  ``en-CA``, ``en-PH``) and the 10th of June everywhere else English is written (``en-GB``,
  ``en-AU``, ``en-IE``, ``en-IN``, ``en-NZ``, ``en-ZA`` ...); a number above 12 settles it
  either way ("25/12/2024", "12/25/2024"). French, German and Spanish dates are day first
  (``foreign.py``).
- **spelling of metric units** (``measure.py``): "kilometers", "liters" for the US (the
  bundled voices are American: espeak's en-us reads "kilometres" "KILL-uh-mee-ters"), and
  "kilometres", "litres" for the Commonwealth, Canada included.

A bare ``en`` is American, as the bundled voice is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["american_spelling", "day_first", "language_parts", "locale", "spell_units"]

_LOCALE: ContextVar[str] = ContextVar("briefing_normalize_locale", default="en")

_MONTH_FIRST = frozenset(["", "us", "ca", "ph", "um", "as", "gu", "pr", "vi"])
"""English regions that write the month first: the US and its territories, Canada, the
Philippines (and a bare ``en``)."""
_AMERICAN = frozenset(["", "us", "ph", "um", "as", "gu", "pr", "vi"])
"""English regions that spell "meter" and "liter"."""


def language_parts(lang: str) -> tuple[str, str]:
    """ "en-GB" -> ("en", "gb"), "fr_CA" -> ("fr", "ca"), " DE " -> ("de", "")."""
    code = lang.strip().lower().replace("_", "-").split("-")
    return code[0], code[1] if len(code) > 1 else ""


@contextmanager
def locale(lang: str) -> Iterator[None]:
    """Within this block the class modules follow the conventions of ``lang``."""
    token = _LOCALE.set(lang)
    try:
        yield
    finally:
        _LOCALE.reset(token)


def day_first() -> bool:
    """Whether an ambiguous numeric date ("10/06/2005") puts the day first here."""
    base, region = language_parts(_LOCALE.get())
    return base != "en" or region not in _MONTH_FIRST


def american_spelling() -> bool:
    """Whether units are spelled the American way here ("meters", "liters")."""
    base, region = language_parts(_LOCALE.get())
    return base == "en" and region in _AMERICAN


_RE_ENDINGS = re.compile(r"(met|lit)re(s?)\b")


def spell_units(words: str) -> str:
    """ "5 kilometres per hour" -> "5 kilometers per hour" where the spelling is American;
    unchanged elsewhere (the data is written in the Commonwealth's spelling)."""
    if not american_spelling():
        return words
    return _RE_ENDINGS.sub(lambda m: f"{m[1]}er{m[2]}", words)
