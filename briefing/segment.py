"""Break a cleaned article into narrated segments that fit an engine's input limit.

1. The title is its own segment (kind ``title``); section headings are ``heading`` segments.
   Both get a final stop when they lack one, so voices close their intonation.
2. Each paragraph is one ``body`` segment when its spoken form fits the limit.
3. A longer paragraph is cut into sentences (never after abbreviations such as "Gen." or
   "U.S."), and consecutive sentences are packed into segments as large as the limit allows.
4. A sentence that alone exceeds the limit is cut at clause punctuation, then between words;
   only a single "word" longer than the limit (no spaces at all) is cut inside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from briefing.models import Article, Segment, SegmentKind
from briefing.sentences import split_sentences

Speak = Callable[[str], str]
"""Rewrites original text into what the engine receives (normalization)."""

_CLAUSE_END = re.compile(r"(?<=[,;:—–])\s+")
_TERMINAL = (".", "!", "?", "…", ":", ";")
_CLOSERS = "\"'”’)]»"


def _identity(text: str) -> str:
    return text


def with_final_stop(text: str) -> str:
    """End with sentence punctuation so voices close the intonation (headlines often lack it)."""
    if text.rstrip(_CLOSERS).endswith(_TERMINAL):
        return text
    return text + "."


def _split_long(text: str, max_chars: int) -> list[str]:
    """Cut one over-long sentence at clause breaks, then spaces, then (last resort) anywhere."""
    if len(text) <= max_chars:
        return [text]
    for pattern in (_CLAUSE_END, re.compile(r"\s+")):
        parts = pattern.split(text)
        if len(parts) > 1:
            return [
                piece for part in _pack(parts, max_chars) for piece in _split_long(part, max_chars)
            ]
    return [text[i : i + max_chars] for i in range(0, len(text), max_chars)]


def _pack(parts: list[str], max_chars: int) -> list[str]:
    """Join consecutive parts with spaces into chunks of at most ``max_chars`` where possible."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for part in parts:
        extra = len(part) + (1 if current else 0)
        if current and size + extra > max_chars:
            chunks.append(" ".join(current))
            current, size = [], 0
            extra = len(part)
        current.append(part)
        size += extra
    if current:
        chunks.append(" ".join(current))
    return chunks


def _pieces(paragraph: str, max_chars: int, speak: Speak) -> Iterator[tuple[str, str]]:
    """(text, spoken) pieces of a paragraph, each spoken piece within ``max_chars``."""
    spoken = speak(paragraph)
    if len(spoken) <= max_chars:
        yield paragraph, spoken
        return
    text_parts: list[str] = []
    spoken_parts: list[str] = []
    size = 0
    for sentence in split_sentences(paragraph):
        said = speak(sentence)
        for text_piece, spoken_piece in _fit(sentence, said, max_chars, speak):
            extra = len(spoken_piece) + (1 if spoken_parts else 0)
            if spoken_parts and size + extra > max_chars:
                yield " ".join(text_parts), " ".join(spoken_parts)
                text_parts, spoken_parts, size = [], [], 0
                extra = len(spoken_piece)
            text_parts.append(text_piece)
            spoken_parts.append(spoken_piece)
            size += extra
    if spoken_parts:
        yield " ".join(text_parts), " ".join(spoken_parts)


def _fit(sentence: str, spoken: str, max_chars: int, speak: Speak) -> list[tuple[str, str]]:
    """A sentence as (text, spoken) pieces that fit; rarely more than one."""
    if len(spoken) <= max_chars:
        return [(sentence, spoken)]
    # Cut the original so both forms stay aligned; leave room for normalization growth.
    pieces: list[tuple[str, str]] = []
    for part in _split_long(sentence, max(1, max_chars * len(sentence) // len(spoken))):
        said = speak(part)
        if len(said) > max_chars:  # normalization grew this piece past the limit after all
            pieces.extend((chunk, chunk) for chunk in _split_long(said, max_chars))
        else:
            pieces.append((part, said))
    return pieces


def segment(article: Article, max_chars: int, speak: Speak = _identity) -> list[Segment]:
    """The article as segments in reading order, each ``spoken`` at most ``max_chars`` long."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    segments: list[Segment] = []
    for text, spoken in _pieces(article.title, max(1, max_chars - 1), speak):
        segments.append(Segment(len(segments), "title", text, with_final_stop(spoken), -1))
    for number, paragraph in enumerate(article.paragraphs):
        heading = paragraph in article.headings
        for text, spoken in _pieces(paragraph, max_chars - heading, speak):
            if spoken.strip():
                kind: SegmentKind = "heading" if heading else "body"
                said = with_final_stop(spoken) if heading else spoken
                segments.append(Segment(len(segments), kind, text, said, number))
    return segments
