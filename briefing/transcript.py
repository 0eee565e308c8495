"""Sidecars beside the MP3: WebVTT and SRT transcripts, chapters JSON, and a JSON manifest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefing.models import Chapter, Segment

Cue = tuple[int, int, str]
"""(start ms, end ms, text)."""


def cues(segments: Sequence[Segment], offsets_ms: Sequence[tuple[int, int]]) -> list[Cue]:
    """One cue per segment, in its original wording, at its place in the audio."""
    return [(start, end, s.text) for s, (start, end) in zip(segments, offsets_ms, strict=True)]


def _clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line ends a cue and "-->" starts timing in both formats: keep them out of text.
    return " ".join(text.split()).replace("-->", "->")


def to_vtt(items: Sequence[Cue]) -> str:
    blocks = ["WEBVTT"]
    for number, (start, end, text) in enumerate(items, start=1):
        blocks.append(f"{number}\n{_clock(start, '.')} --> {_clock(end, '.')}\n{_one_line(text)}")
    return "\n\n".join(blocks) + "\n"


def to_srt(items: Sequence[Cue]) -> str:
    blocks = [
        f"{number}\n{_clock(start, ',')} --> {_clock(end, ',')}\n{_one_line(text)}"
        for number, (start, end, text) in enumerate(items, start=1)
    ]
    return "\n\n".join(blocks) + "\n"


def chapters_json(chapters: Sequence[Chapter]) -> dict[str, Any]:
    """Podcasting 2.0 JSON chapters (``podcast:chapters``, version 1.2.0)."""
    return {
        "version": "1.2.0",
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
            for c in chapters
        ],
    }
