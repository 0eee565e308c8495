"""Join clips into one episode with pauses, in a single pass, at one sample format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.models import Clip, Pauses, Segment

if TYPE_CHECKING:
    from pydub import AudioSegment

PEAK_DBFS = -1.0
"""Headroom left by peak normalization of the whole episode."""


@dataclass(frozen=True)
class Assembled:
    """The joined audio and where each segment sits in it."""

    audio: AudioSegment
    offsets_ms: tuple[tuple[int, int], ...]


def pause_before(previous: Segment, current: Segment, pauses: Pauses) -> int:
    """Milliseconds of silence between two consecutive segments."""
    if previous.kind == "title" and current.kind != "title":
        return pauses.after_title
    if previous.paragraph != current.paragraph and "heading" in (previous.kind, current.kind):
        return pauses.around_heading
    if previous.paragraph == current.paragraph:
        return pauses.between_sentences
    return pauses.between_paragraphs


def assemble(clips: Sequence[Clip], pauses: Pauses = Pauses(), normalize: bool = True) -> Assembled:
    """One AudioSegment from ``clips`` in order, with pauses; raw bytes are joined once.

    Every clip is brought to the first clip's sample rate and to mono 16-bit, so engines
    that return different formats still yield one consistent stream.
    """
    from pydub import AudioSegment, effects

    if not clips:
        raise ValueError("no clips to assemble")
    rate = clips[0].audio.frame_rate
    parts: list[bytes] = []
    offsets: list[tuple[int, int]] = []
    position = 0  # in frames, so rounding never drifts
    previous: Segment | None = None
    for clip in clips:
        if previous is not None:
            gap = int(pause_before(previous, clip.segment, pauses) * rate / 1000)
            parts.append(b"\0\0" * gap)
            position += gap
        audio = clip.audio.set_frame_rate(rate).set_channels(1).set_sample_width(2)
        parts.append(audio.raw_data)
        frames = len(audio.raw_data) // 2
        offsets.append((round(position * 1000 / rate), round((position + frames) * 1000 / rate)))
        position += frames
        previous = clip.segment
    joined = AudioSegment(data=b"".join(parts), sample_width=2, frame_rate=rate, channels=1)
    del parts
    if normalize:
        joined = effects.normalize(joined, headroom=-PEAK_DBFS)
    return Assembled(joined, tuple(offsets))
