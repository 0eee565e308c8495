"""Lay clips and pauses end to end on one timeline, in a single pass, at one sample format.

The timeline spools 16-bit mono PCM to a temporary file as clips arrive, so a long episode
costs disk, not memory, and joining is linear: nothing is ever copied twice. Each clip's
loudness profile is taken on arrival, so the loudness plan needs no second look at the audio.

Sounds that are not speech (a jingle, the chime between stories) are *set at a level*
relative to the speech instead of joining its loudness plan, so music never pulls the voice
up or down.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from briefing.loudness import Profile, profile
from briefing.models import Clip, Pauses, Segment

if TYPE_CHECKING:
    from pydub import AudioSegment

FULL_SCALE = 32768.0


def pause_before(previous: Segment, current: Segment, pauses: Pauses) -> int:
    """Milliseconds of silence between two consecutive segments."""
    if previous.story != current.story:
        return pauses.between_stories
    if previous.kind == "title" and current.kind != "title":
        return pauses.after_title
    if previous.paragraph != current.paragraph and "heading" in (previous.kind, current.kind):
        return pauses.around_heading
    if previous.paragraph == current.paragraph:
        return pauses.between_sentences
    return pauses.between_paragraphs


def to_samples(audio: AudioSegment, rate: int) -> np.ndarray:
    """Float samples (full scale 1.0), mono, at ``rate``, whatever format the engine returned."""
    audio = audio.set_channels(1).set_sample_width(2)
    if audio.frame_rate != rate:
        audio = audio.set_frame_rate(rate)
    return np.frombuffer(audio.raw_data, dtype=np.int16).astype(np.float32) / FULL_SCALE


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Change the sample rate (polyphase filtering, so no aliasing)."""
    from math import gcd

    from scipy.signal import resample_poly

    common = gcd(rate, target)
    return resample_poly(samples, target // common, rate // common).astype(np.float32)


@dataclass(frozen=True)
class Sound:
    """A stretch of the timeline that is set at a level rather than normalized with speech."""

    start_ms: int
    end_ms: int
    profile: Profile
    relative_lu: float
    """Loudness relative to the speech (negative: quieter)."""


CHIME_LU = -9.0
"""The chime between stories sits this far below the speech."""
JINGLE_LU = -2.0
"""Intro and outro music sits this far below the speech."""


def chime(rate: int) -> np.ndarray:
    """A soft two-note chime (about 0.45 s) marking the change of story."""
    notes = []
    for frequency, seconds in ((659.25, 0.18), (880.0, 0.27)):
        t = np.arange(int(seconds * rate)) / rate
        envelope = np.minimum(1.0, t / 0.01) * np.exp(-t * 9)
        notes.append(0.3 * envelope * np.sin(2 * np.pi * frequency * t))
    return np.concatenate(notes).astype(np.float32)


class Timeline:
    """The episode being built: PCM on disk, segment offsets, and loudness profiles."""

    def __init__(
        self, rate: int, pauses: Pauses = Pauses(), chime_between_stories: bool = False
    ) -> None:
        self.rate = rate
        self.pauses = pauses
        self.frames = 0
        self.offsets_ms: list[tuple[int, int]] = []
        self.sounds: list[Sound] = []
        self._chime = chime(rate) if chime_between_stories else None
        self._profiles: list[tuple[int, Profile]] = []
        self._previous: Segment | None = None
        self._spool = tempfile.TemporaryFile(prefix="briefing-", suffix=".pcm")  # noqa: SIM115 (closed by close())

    def __enter__(self) -> Timeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()

    def _ms(self, frames: int) -> int:
        return round(frames * 1000 / self.rate)

    @property
    def duration_ms(self) -> int:
        return self._ms(self.frames)

    def add_silence(self, ms: int) -> None:
        frames = ms * self.rate // 1000
        self._spool.write(bytes(2 * frames))
        self.frames += frames

    def add_samples(self, samples: np.ndarray, summary: Profile | None = None) -> tuple[int, int]:
        """Append float samples at the timeline's rate; returns their (start, end) in ms."""
        start = self.frames
        pcm = np.clip(np.round(samples * FULL_SCALE), -32768, 32767).astype("<i2")
        self._spool.write(pcm.tobytes())
        self.frames += pcm.size
        self._profiles.append(
            (start, summary if summary is not None else profile(samples, self.rate))
        )
        return self._ms(start), self._ms(self.frames)

    def add(
        self, segment: Segment, samples: np.ndarray, rate: int, summary: Profile | None = None
    ) -> None:
        """Append a segment's samples after the pause it calls for.

        ``summary`` is the samples' loudness profile when already taken (the synthesis
        workers take it); audio at another rate is resampled and profiled here.
        """
        if self._previous is not None:
            pause = pause_before(self._previous, segment, self.pauses)
            between_stories = min(self._previous.story, segment.story) >= 0
            if (
                self._chime is not None
                and between_stories
                and self._previous.story != segment.story
            ):
                chime_ms = self._chime.size * 1000 // self.rate
                self.add_silence(max(0, pause - chime_ms) // 2)
                self.add_sound(self._chime, CHIME_LU)
                self.add_silence(max(0, pause - chime_ms) - max(0, pause - chime_ms) // 2)
            else:
                self.add_silence(pause)
        if rate != self.rate:
            samples = resample(samples, rate, self.rate)
            summary = None
        self.offsets_ms.append(self.add_samples(samples, summary))
        self._previous = segment

    def add_sound(self, samples: np.ndarray, relative_lu: float) -> None:
        """Append a non-speech sound, to be set ``relative_lu`` from the speech's loudness."""
        start = self.frames
        pcm = np.clip(np.round(samples * FULL_SCALE), -32768, 32767).astype("<i2")
        self._spool.write(pcm.tobytes())
        self.frames += pcm.size
        summary = profile(samples, self.rate)
        self.sounds.append(Sound(self._ms(start), self._ms(self.frames), summary, relative_lu))

    def add_clip(self, clip: Clip) -> None:
        """Append an engine's clip (any rate, channels or sample width)."""
        self.add(clip.segment, to_samples(clip.audio, self.rate), self.rate)

    def profile(self) -> Profile:
        """The whole timeline's per-millisecond profile, silences included."""
        length = self.duration_ms + 1
        energy = np.zeros(length)
        peak = np.zeros(length)
        for start, part in self._profiles:
            first = start * 1000 // self.rate
            count = min(part.energy.size, length - first)
            energy[first : first + count] = part.energy[:count]
            peak[first : first + count] = part.peak[:count]
        return Profile(energy, peak)

    def chunks(self, frames: int = 1 << 18) -> Iterator[tuple[int, np.ndarray]]:
        """(start frame, float samples) in order, ``frames`` at a time, read back from disk."""
        self._spool.flush()
        self._spool.seek(0)
        position = 0
        while data := self._spool.read(2 * frames):
            samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / FULL_SCALE
            yield position, samples
            position += samples.size
