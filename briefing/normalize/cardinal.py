"""Ordinals written with digits: "22nd" -> "twenty-second"."""

from __future__ import annotations

import re

from briefing.normalize._english import _num2words

_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b")


def speak_ordinals(text: str) -> str:
    """ "1st" -> "first", "22nd" -> "twenty-second", "the 21st century" -> "the twenty-first
    century"."""
    return _ORDINAL.sub(lambda m: _num2words(int(m.group(1).replace(",", "")), "ordinal"), text)
