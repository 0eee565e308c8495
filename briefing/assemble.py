"""Lay clips and pauses end to end on one timeline, in a single pass, at one sample format.

The timeline spools 16-bit mono PCM to a temporary file as clips arrive, so a long episode
costs disk, not memory, and joining is linear: nothing is ever copied twice. Each clip's
loudness profile is taken on arrival and laid straight into the timeline's own per-millisecond
arrays (float32, grown in place), so the loudness plan needs only a second look at the few
stretches of audio whose exact true peak matters (``true_peaks``), read back from the spool.

Sounds that are not speech (a jingle, the chime between stories) are *set at a level*
relative to the speech instead of joining its loudness plan, so music never pulls the voice
up or down.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from briefing.audio import from_pcm16, to_pcm16
from briefing.loudness import Profile, exact_peaks, profile
from briefing.models import Clip, Pauses, Segment


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


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Change the sample rate (polyphase filtering, so no aliasing)."""
    from math import gcd

    from scipy.signal import resample_poly

    common = gcd(rate, target)
    resampled: np.ndarray = resample_poly(samples, target // common, rate // common)
    return resampled.astype(np.float32)


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
        self._energy = np.zeros(0, np.float32)
        self._peak = np.zeros(0, np.float32)
        self._clips: list[tuple[int, int]] = []
        """(start frame, frames) of each clip whose profile is in the arrays."""
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

    def _write(self, data: bytes) -> None:
        self._spool.seek(0, os.SEEK_END)  # reading back may have moved the position
        self._spool.write(data)
        self.frames += len(data) // 2

    def _reserve(self, size: int, exact: bool = False) -> None:
        """Make the profile arrays ``size`` milliseconds long or more: grown in place by at
        least an eighth (so the slack stays small), or to exactly ``size`` with ``exact``."""
        for name in ("_energy", "_peak"):
            held = getattr(self, name).size  # no named reference: resize() must see none
            if exact:
                wanted = size
            elif size <= held:
                continue
            else:
                wanted = max(size, held * 9 // 8 + 4096)
            if wanted == held:
                continue
            try:
                getattr(self, name).resize(wanted, refcheck=True)  # zero-filled, in place
            except ValueError:  # a profile() handed out still looks at it: copy instead
                grown = np.zeros(wanted, np.float32)
                grown[: min(wanted, held)] = getattr(self, name)[:wanted]
                setattr(self, name, grown)

    def add_silence(self, ms: int) -> None:
        self._write(bytes(2 * (ms * self.rate // 1000)))

    def add_samples(self, samples: np.ndarray, summary: Profile | None = None) -> tuple[int, int]:
        """Append float samples at the timeline's rate; returns their (start, end) in ms."""
        start = self.frames
        pcm = to_pcm16(samples)
        self._write(pcm.tobytes())
        if summary is None:
            summary = profile(samples, self.rate)
        first = start * 1000 // self.rate
        end = first + summary.energy.size
        self._reserve(end)
        self._energy[first:end] = summary.energy
        self._peak[first:end] = summary.peak
        self._clips.append((start, pcm.size))
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
        pcm = to_pcm16(samples)
        self._write(pcm.tobytes())
        summary = profile(samples, self.rate, exact=True)  # short; set by its peak
        self.sounds.append(Sound(self._ms(start), self._ms(self.frames), summary, relative_lu))

    def add_clip(self, clip: Clip) -> None:
        """Append a segment's clip (at any rate) after the pause it calls for."""
        self.add(clip.segment, clip.samples, clip.rate, clip.profile)

    def profile(self) -> Profile:
        """The whole timeline's per-millisecond profile, silences included: views of the
        timeline's own arrays, not copies. Its peaks are bounds; see ``true_peaks``."""
        length = self.duration_ms + 1
        self._reserve(length, exact=True)
        return Profile(self._energy[:length], self._peak[:length])

    def _read(self, start: int, stop: int) -> np.ndarray:
        """Float samples ``start:stop`` (frames) read back from the spool."""
        self._spool.flush()
        self._spool.seek(2 * start)
        data = self._spool.read(2 * (stop - start))
        return from_pcm16(data)

    def _read_from(self, origin: int, start: int, stop: int) -> np.ndarray:
        """Float samples ``start:stop`` (frames) of the clip that begins at frame ``origin``."""
        return self._read(origin + start, origin + stop)

    def true_peaks(self, ms: np.ndarray) -> np.ndarray:
        """Exact true peaks of timeline milliseconds ``ms`` (sorted), from the 16-bit audio
        as it will be encoded: each clip oversampled on its own, as its profile was taken."""
        peaks = np.zeros(ms.size, np.float32)
        first_ms = [start * 1000 // self.rate for start, _ in self._clips]
        clip = np.searchsorted(first_ms, ms, side="right") - 1  # the last one wins
        bounds = np.flatnonzero(np.diff(clip)) + 1
        for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, ms.size], strict=True):
            if hi == lo or clip[lo] < 0:
                continue
            start, frames = self._clips[clip[lo]]
            local = ms[lo:hi] - first_ms[clip[lo]]
            inside = local < -(-frames * 1000 // self.rate)
            peaks[lo:hi][inside] = exact_peaks(
                functools.partial(self._read_from, start),
                frames,
                self.rate,
                local[inside],
            )
        return peaks

    def chunks(self, frames: int = 1 << 18) -> Iterator[tuple[int, np.ndarray]]:
        """(start frame, float samples) in order, ``frames`` at a time, read back from disk."""
        self._spool.flush()
        self._spool.seek(0)
        position = 0
        while data := self._spool.read(2 * frames):
            samples = from_pcm16(data)
            yield position, samples
            position += samples.size
