"""What the listener hears: text through Piper's own espeak phonemizer, for judging the normalizer.

The normalizer is judged by ear, not by string: "27" and "twenty-seven" are the same to a
listener, a full stop is a pause. ``heard`` phonemizes text exactly as ``PiperVoice.phonemize``
does for the bundled voice (piper's ``EspeakPhonemizer``, espeak voice ``en-us``) without loading
the ONNX model, then keeps only what the ear can tell apart:

- stress marks, syllable and word boundaries, the linking "ʲ", flapping ("ɾ" for "t" or "d"
  across a word boundary) and the reduced "ᵻ" (for "ɪ", by context) are dropped, so "twenty-seven" equals "twenty seven";
- punctuation becomes the pause it makes: "," for a clause pause (comma, colon, semicolon), "."
  for a sentence end (full stop, question, exclamation, and every sentence break espeak makes);
- an "and" inside a number ("one hundred and five") is optional, and "oh" read as a digit is
  zero ("two oh five"), as listeners take them.

Used by the tests and by ``scripts/eval_normalize.py``; piper is imported on first use.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from briefing.normalize.locale import language_parts

__all__ = ["heard", "same_to_ear", "voice_for"]

_VOICES = {"en": "en-us", "fr": "fr", "de": "de", "es": "es"}
_UNITS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
)
_AND_IN_NUMBER = re.compile(
    rf"(?i)\b(hundred|thousand|million|billion|trillion)\s+and\s+(?=(?:{_UNITS})\b|\d)"
)
_DROP = re.compile("[ˈˌ ʲ‿-]")
_PAUSE = re.compile(r"[,:;]+")
_STOP = re.compile(r"[.!?]+")
_LOCK = threading.Lock()


def voice_for(lang: str) -> str:
    """The espeak voice that reads ``lang`` (a code such as ``en``, ``fr-CA``)."""
    return _VOICES.get(language_parts(lang)[0], "en-us")


@cache
def _phonemizer() -> Any:
    from piper.phonemize_espeak import EspeakPhonemizer

    return EspeakPhonemizer()


_DIGIT_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "point",
        "hundred",
        "thousand",
    ]
)
_WORD = re.compile(r"\S+")


def _oh_is_zero(text: str) -> str:
    """ "two oh five" -> "two zero five": "oh" and "o" read as a digit mean zero."""
    words = re.sub(
        r"(?i)\b(oh?)-|-(oh?)\b", lambda m: f"{m[1]} " if m[1] else f" {m[2]}", text
    ).split(" ")
    for i, word in enumerate(words):
        if word.lower() in ("o", "oh") and any(
            0 <= j < len(words) and words[j].lower().strip(",.") in _DIGIT_WORDS
            for j in (i - 1, i + 1)
        ):
            words[i] = "zero"
    return " ".join(words)


@cache
def heard(text: str, lang: str = "en") -> str:
    """The phonemes a listener tells apart in ``text`` read by the Piper voice for ``lang``."""
    text = _oh_is_zero(_AND_IN_NUMBER.sub(r"\1 ", text))
    with _LOCK:
        sentences = _phonemizer().phonemize(voice_for(lang), text)
    spoken = []
    for sentence in sentences:
        phonemes = "".join(sentence).strip()
        phonemes = _STOP.sub(".", _PAUSE.sub(",", phonemes))
        if phonemes and not phonemes.endswith("."):
            phonemes += "."
        spoken.append(phonemes)
    out = _DROP.sub("", "".join(spoken)).replace("ɾ", "t").replace("ᵻ", "ɪ")
    out = re.sub(r"[,.]*\.[,.]*", ".", out)
    return out.rstrip(".")


def same_to_ear(ours: str, expected: str, lang: str = "en") -> bool:
    """Whether ``ours`` and ``expected`` sound the same read by the voice for ``lang``."""
    return heard(ours, lang) == heard(expected, lang)
