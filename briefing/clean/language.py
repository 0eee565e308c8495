"""The article's language, told by its stop words, and the stop-word lists the features use.

jusText's observation: the share of a text's words that are a language's stop words tells prose
from furniture ("the", "of", "and" fill sentences, not buttons), and which list fits best tells
the language. ``data/stopwords.json`` holds the most frequent stop words of a dozen languages
(from jusText, see ``scripts/make_stopwords.py``). No detector library is needed: the whole
article gives hundreds of words, and picking the list that covers the most of them is reliable
for the languages we have lists for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

DEFAULT = "en"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MIN_SHARE = 0.08
"""Below this share of stop words for every list, the text is in none of our languages."""


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stop words per language code (``en``, ``fr``, ``de``, ``es``, ``it``, ``pt``, ``ru`` ...)."""
    text = resources.files("briefing").joinpath("data/stopwords.json").read_text("utf-8")
    return {code: frozenset(words) for code, words in json.loads(text)["languages"].items()}


def words(text: str) -> list[str]:
    """Lowercased words (letters, maybe one apostrophe inside): what stop words are counted on."""
    return _WORD.findall(text.lower())


def detect(lines: Iterable[str]) -> str:
    """The language code whose stop words cover most of the text; ``en`` when none fits.

    A text written mostly in Cyrillic letters is taken as Russian, the one Cyrillic list here.
    """
    tokens = [w for line in lines for w in words(line)]
    if not tokens:
        return DEFAULT
    sample = " ".join(tokens[:400])
    if len(_CYRILLIC.findall(sample)) > 0.5 * len(sample.replace(" ", "")):
        return "ru"
    best, best_share = DEFAULT, 0.0
    for code, stops in stopwords().items():
        share = sum(w in stops for w in tokens) / len(tokens)
        if share > best_share:
            best, best_share = code, share
    return best if best_share >= _MIN_SHARE else DEFAULT


def stopwords_for(lang: str | None) -> frozenset[str]:
    """The stop words of ``lang`` (``fr`` or ``fr-CA``); English when there is no list for it."""
    table = stopwords()
    code = (lang or DEFAULT).lower().replace("_", "-").split("-")[0]
    return table.get(code, table[DEFAULT])
