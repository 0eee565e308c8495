"""Scores and ranges of small numbers: "won 5-4", "5-10 years"."""

from __future__ import annotations

import re

from briefing.normalize._english import _en, _next_word, _prev_word

_NUMBER_PAIR = re.compile(r"(?<![\w.,/:–$€£¥₹-])(\d{1,3})[-–](\d{1,3})(?![\w]|[.,:/]\d|[-–]\d)")


def speak_scores_and_ranges(text: str) -> str:
    """ "won 5-4" / "a 5-4 vote" -> "5 to 4"; "5-10 years" -> "5 to 10 years".

    A pair whose first number is smaller is a range anywhere; otherwise it is read as a score
    only next to a score word (data: ``[scores]``), so "24-7" or "9-5" alone stay as written.
    """
    en = _en()

    def replace(m: re.Match[str]) -> str:
        first, second = m.groups()
        if (
            int(first) < int(second)
            or _prev_word(text, m.start()) in en.score_before
            or _next_word(text, m.end()).lower() in en.score_after
        ):
            return f"{first} to {second}"
        return m.group(0)

    return _NUMBER_PAIR.sub(replace, text)
