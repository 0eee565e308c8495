"""Stream a briefing as MP3 while it is being synthesized (``briefing build -o -``).

A file build measures the whole programme before it sets the gain (EBU R128 integrated
loudness needs all of it); a stream cannot wait. So a stream sets each segment's level on its
own: the file build's gain plan, limiter included, run on each clip alone (its loudness at
the target, its true peaks under the ceiling), which on narrated speech lands within a
loudness unit or so of the file build.
Clips go to one ffmpeg process as they arrive, in order, with the pauses between them, and
ffmpeg flushes every MP3 packet, so a player starts as soon as the headline is spoken. A
stream has ID3 title and album tags at its start, but no chapters and no sidecars (their
times are not known until the end).
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import BinaryIO

import numpy as np

from briefing.assemble import CHIME_LU, JINGLE_LU, chime, pause_before, resample
from briefing.audio import ffmpeg_path, to_pcm16
from briefing.errors import OutputError
from briefing.export import LAME_QUALITY
from briefing.loudness import Profile, apply_gain, exact_peaks, level_gain, plan_gain, profile
from briefing.models import Audio, Clip, LoudnessTarget, Pauses, Segment

log = logging.getLogger(__name__)

COPY_CHUNK = 4096
"""Bytes copied from ffmpeg to the output at a time: under a second of 64 kbit/s audio."""


@dataclass(frozen=True)
class Streamed:
    """What a stream held, once it ended."""

    duration_ms: int
    offsets_ms: tuple[tuple[int, int], ...]
    complete: bool
    """False when the reader closed the stream early (a player quit): not an error."""


class _Encoder:
    """One ffmpeg process: 16-bit PCM in, MP3 out to ``out`` as it is made."""

    def __init__(self, out: BinaryIO, rate: int, bitrate: str, metadata: dict[str, str]) -> None:
        tags = [arg for key, value in metadata.items() for arg in ("-metadata", f"{key}={value}")]
        command = [
            ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-nostdin",
            "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
            "-codec:a", "libmp3lame", "-b:a", bitrate, "-compression_level", str(LAME_QUALITY),
            *tags, "-id3v2_version", "3", "-write_xing", "0", "-flush_packets", "1",
            "-f", "mp3", "pipe:1",
        ]  # fmt: skip
        self.rate = rate
        self.frames = 0
        self.closed_early = False
        self.write_error: OSError | None = None
        """Why writing to ``out`` failed, when it was not the reader going away."""
        self._out = out
        self._errors: list[bytes] = []
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._copier = threading.Thread(target=self._copy, name="briefing-stream", daemon=True)
        self._copier.start()
        self._stderr = threading.Thread(target=self._drain, daemon=True)
        self._stderr.start()

    def _copy(self) -> None:
        assert self._process.stdout is not None
        source = self._process.stdout.fileno()
        while chunk := os.read(source, COPY_CHUNK):  # what is there, not a full buffer
            try:
                self._out.write(chunk)
                self._out.flush()
            except (BrokenPipeError, ValueError):  # the reader went away (a player quit)
                self.closed_early = True
                self._process.kill()
                return
            except OSError as error:  # a full disk, a device that refuses: a real failure
                self.write_error = error
                self.closed_early = True
                self._process.kill()
                return

    def _drain(self) -> None:
        assert self._process.stderr is not None
        self._errors.append(self._process.stderr.read())

    def write(self, samples: np.ndarray) -> None:
        if self.closed_early:
            return
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(to_pcm16(samples).tobytes())
            self.frames += samples.size
        except BrokenPipeError:
            self.closed_early = True

    def silence(self, ms: int) -> None:
        self.write(np.zeros(ms * self.rate // 1000, np.float32))

    def ms(self) -> int:
        return round(self.frames * 1000 / self.rate)

    def finish(self) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            self.closed_early = True
        code = self._process.wait()
        self._copier.join()
        self._stderr.join()
        if self.write_error is not None:
            reason = self.write_error.strerror or type(self.write_error).__name__
            raise OutputError(
                f"stdout: cannot write the MP3 stream ({reason}); check where it goes"
            )
        if code != 0 and not self.closed_early:
            lines = b"".join(self._errors).decode(errors="replace").strip().splitlines()
            raise OutputError(
                f"MP3 stream: encoding failed ({lines[-1] if lines else 'ffmpeg error'}); "
                "check --bitrate"
            )

    def kill(self) -> None:
        self._process.kill()
        self._process.wait()


def stream_mp3(
    clips: Iterable[Clip],
    out: BinaryIO,
    *,
    bitrate: str = "64k",
    loudness: LoudnessTarget | None = LoudnessTarget(),
    pauses: Pauses = Pauses(),
    chime_between_stories: bool = False,
    metadata: dict[str, str] | None = None,
    intro: Audio | None = None,
    outro: Audio | None = None,
) -> Streamed:
    """Encode ``clips`` (in segment order) to ``out`` as they come; ``intro`` and ``outro``
    are music, set ``JINGLE_LU`` below the speech."""
    encoder: _Encoder | None = None
    previous: Segment | None = None
    offsets: list[tuple[int, int]] = []
    tone: np.ndarray | None = None
    try:
        for clip in clips:
            if encoder is None:
                encoder = _Encoder(out, clip.rate, bitrate, metadata or {})
                tone = chime(clip.rate) if chime_between_stories else None
                if intro is not None:
                    encoder.write(_set(_at(intro, encoder.rate), encoder.rate, loudness, JINGLE_LU))
                    encoder.silence(pauses.between_stories // 2)
            samples, summary = clip.samples, clip.profile
            if clip.rate != encoder.rate:
                samples, summary = resample(samples, clip.rate, encoder.rate), None
            if previous is not None:
                pause = pause_before(previous, clip.segment, pauses)
                new_story = previous.story != clip.segment.story
                if tone is not None and new_story and min(previous.story, clip.segment.story) >= 0:
                    chime_ms = tone.size * 1000 // encoder.rate
                    encoder.silence(max(0, pause - chime_ms) // 2)
                    encoder.write(_set(tone, encoder.rate, loudness, CHIME_LU))
                    encoder.silence(max(0, pause - chime_ms) - max(0, pause - chime_ms) // 2)
                else:
                    encoder.silence(pause)
            start = encoder.ms()
            encoder.write(_set(samples, encoder.rate, loudness, 0.0, summary))
            offsets.append((start, encoder.ms()))
            previous = clip.segment
            if encoder.closed_early:
                if encoder.write_error is None:
                    log.info("the stream's reader closed it; stopping")
                break
        if encoder is None:
            raise OutputError("MP3 stream: nothing to encode")
        if outro is not None and not encoder.closed_early:
            encoder.silence(pauses.between_stories // 2)
            encoder.write(_set(_at(outro, encoder.rate), encoder.rate, loudness, JINGLE_LU))
        encoder.finish()
    except BaseException:
        if encoder is not None:
            encoder.kill()
        raise
    return Streamed(encoder.ms(), tuple(offsets), not encoder.closed_early)


def _at(audio: Audio, rate: int) -> np.ndarray:
    return audio.samples if audio.rate == rate else resample(audio.samples, audio.rate, rate)


def _set(
    samples: np.ndarray,
    rate: int,
    loudness: LoudnessTarget | None,
    relative_lu: float,
    summary: Profile | None = None,
) -> np.ndarray:
    """``samples`` at the target loudness (plus ``relative_lu``), true peak under the ceiling:
    the file build's gain plan with its limiter, on this clip alone."""
    if loudness is None or samples.size == 0:
        return samples
    summary = summary if summary is not None else profile(samples, rate)
    target = replace(loudness, lufs=loudness.lufs + relative_lu)
    # the plan tightens the peak bounds it is given in place: give it a copy
    plan = Profile(summary.energy, summary.peak.copy())
    gain = plan_gain(
        plan, target, lambda ms: exact_peaks(lambda a, b: samples[a:b], samples.size, rate, ms)
    )
    if gain.size and np.all(gain == 1.0):  # too short to measure gated: set it as a whole
        return samples * np.float32(level_gain(summary, target.lufs, target.true_peak))
    return apply_gain(samples, rate, gain, 0.0)
