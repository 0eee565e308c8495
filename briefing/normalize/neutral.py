"""Rules every language gets: they change no word."""

from __future__ import annotations

import re

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
