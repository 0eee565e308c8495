"""Find ffmpeg and decode audio with it, so that only one binary is ever needed; convert PCM.

pydub's ``AudioSegment.from_file`` asks ``ffprobe`` about every non-WAV input, but the ffmpeg
shipped by ``imageio-ffmpeg`` comes without ``ffprobe``. So decoding here runs ffmpeg directly
to 16-bit WAV on a pipe and builds the ``AudioSegment`` from those bytes; pydub is still used
for everything else (slicing, overlays, export, which needs only ``ffmpeg``).

PCM: the pipeline carries mono float32 samples at full scale 1.0 and stores 16-bit PCM (spool,
cache); ``to_pcm16`` and ``from_pcm16`` are the one place the two meet, at 32768 to full scale.
"""

from __future__ import annotations

import functools
import logging
import shutil
import struct
import subprocess
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefing.errors import InputError, OutputError
from briefing.models import Audio

if TYPE_CHECKING:
    from pydub import AudioSegment

log = logging.getLogger(__name__)

FULL_SCALE = 32768.0
"""16-bit PCM value of float 1.0: int16 spans [-32768, 32767], so -1.0 maps exactly."""


def to_pcm16(samples: np.ndarray, *, scratch: bool = False) -> np.ndarray:
    """Float samples (full scale 1.0) as little-endian 16-bit PCM, rounded and clipped.

    ``scratch``: the float32 ``samples`` may be overwritten, which saves a copy of them.
    """
    if scratch and samples.dtype == np.float32:
        scaled = samples
        scaled *= FULL_SCALE
    else:
        scaled = np.asarray(samples, dtype=np.float32) * FULL_SCALE
    np.round(scaled, out=scaled)
    np.clip(scaled, -32768, 32767, out=scaled)
    return scaled.astype("<i2")


def from_pcm16(pcm: np.ndarray | bytes) -> np.ndarray:
    """16-bit PCM (an array or raw little-endian bytes) as float32 samples, full scale 1.0."""
    if isinstance(pcm, bytes | bytearray | memoryview):
        pcm = np.frombuffer(pcm, dtype="<i2")
    return pcm.astype(np.float32) / FULL_SCALE


def from_segment(audio: AudioSegment, rate: int | None = None) -> Audio:
    """A pydub clip (any channels, sample width or rate) as mono float samples, at ``rate``
    when given: how engines that get encoded audio back (MP3, WAV) return it."""
    audio = audio.set_channels(1).set_sample_width(2)
    if rate is not None and audio.frame_rate != rate:
        audio = audio.set_frame_rate(rate)
    return Audio(from_pcm16(audio.raw_data), audio.frame_rate)


_WAVE_FORMAT_PCM = 0x0001
_WAVE_FORMAT_EXTENSIBLE = 0xFFFE


@functools.cache
def ffmpeg_path() -> str:
    """The ffmpeg executable: PATH first, then imageio-ffmpeg's (looked up once)."""
    path = shutil.which("ffmpeg")
    if path is None:
        try:
            import imageio_ffmpeg

            path = imageio_ffmpeg.get_ffmpeg_exe()
        except (ImportError, RuntimeError) as error:
            raise OutputError(
                "ffmpeg not found: install it (apt-get install ffmpeg) or "
                f"pip install imageio-ffmpeg ({error})"
            ) from error
    log.debug("using ffmpeg at %s", path)
    return path


@functools.cache
def ensure_ffmpeg() -> str:
    """``ffmpeg_path()``, and make pydub use it (once per process)."""
    path = ffmpeg_path()
    with warnings.catch_warnings():
        # pydub warns at import when ffmpeg is not on PATH (we point it at one next) and
        # about audioop's deprecation on Python 3.11-3.12; neither is the user's concern.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        from pydub import AudioSegment
    AudioSegment.converter = path
    return path


def decode_mp3(data: bytes, *, tempo: float = 1.0) -> AudioSegment:
    """Decode MP3 (or any ffmpeg-readable) bytes; ``tempo`` != 1 changes speed, not pitch."""
    return _decode(["-f", "mp3", "-i", "pipe:0"], data, tempo=tempo, what="MP3 data")


def decode_file(path: str | Path, *, tempo: float = 1.0) -> AudioSegment:
    """Decode any audio file ffmpeg can read, without ffprobe."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"audio file not found: {path}")
    return _decode(["-i", str(path)], None, tempo=tempo, what=str(path))


def _decode(inputs: list[str], data: bytes | None, *, tempo: float, what: str) -> AudioSegment:
    command = [ffmpeg_path(), "-hide_banner", "-loglevel", "error", "-nostdin", *inputs]
    if tempo != 1.0:
        if not 0.5 <= tempo <= 2.0:
            raise ValueError(f"tempo must be between 0.5 and 2.0, not {tempo}")
        command += ["-filter:a", f"atempo={tempo:g}"]
    command += ["-vn", "-acodec", "pcm_s16le", "-f", "wav", "pipe:1"]
    result = subprocess.run(command, input=data, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {result.returncode}"
        raise InputError(f"cannot decode {what} with ffmpeg: {detail}")
    return segment_from_wav(result.stdout)


def segment_from_wav(data: bytes) -> AudioSegment:
    """Build an ``AudioSegment`` from PCM WAV bytes written to a pipe.

    Programs streaming WAV to a pipe (ffmpeg, espeak-ng) cannot seek back to fill in the
    sizes, so they write a placeholder; pydub trusts that size, we take the bytes present.
    """
    ensure_ffmpeg()
    from pydub import AudioSegment

    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise InputError("not WAV audio (no RIFF/WAVE header)")
    position = 12
    fmt: tuple[int, int, int, int] | None = None
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        (size,) = struct.unpack_from("<I", data, position + 4)
        body = position + 8
        if chunk_id == b"fmt ":
            fmt = struct.unpack_from("<HHI6xH", data, body)
        elif chunk_id == b"data":
            if fmt is None:
                raise InputError("WAV audio has no format chunk before its data")
            audio_format, channels, rate, bits = fmt
            if audio_format not in (_WAVE_FORMAT_PCM, _WAVE_FORMAT_EXTENSIBLE) or bits != 16:
                raise InputError(f"unsupported WAV encoding (format {audio_format}, {bits} bit)")
            samples = data[body : body + min(size, len(data) - body)]
            frame = channels * 2
            samples = samples[: len(samples) - len(samples) % frame]
            return AudioSegment(data=samples, sample_width=2, frame_rate=rate, channels=channels)
        position = body + size + (size & 1)
    raise InputError("WAV audio has no data chunk")
