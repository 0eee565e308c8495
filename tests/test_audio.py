"""ffmpeg discovery and decoding without ffprobe, checked on real audio."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefing import audio
from briefing.errors import InputError, OutputError


def tone_mp3(seconds: float, frequency: int = 440) -> bytes:
    """A real MP3 of a sine tone, made by the same ffmpeg the package uses."""
    command = [
        audio.ensure_ffmpeg(),
        "-hide_banner",
        "-loglevel",
        "error",
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency={frequency}:duration={seconds}",
        "-f",
        "mp3",
        "pipe:1",
    ]
    return subprocess.run(command, capture_output=True, check=True).stdout


@pytest.fixture
def clean_cache():
    audio.ensure_ffmpeg.cache_clear()
    audio.ffmpeg_path.cache_clear()
    yield
    audio.ensure_ffmpeg.cache_clear()
    audio.ffmpeg_path.cache_clear()


def test_ensure_ffmpeg_points_pydub_at_the_binary() -> None:
    path = audio.ensure_ffmpeg()
    from pydub import AudioSegment

    assert Path(path).is_file()
    assert AudioSegment.converter == path


def test_ensure_ffmpeg_falls_back_to_imageio(monkeypatch, clean_cache) -> None:
    import imageio_ffmpeg

    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    assert audio.ensure_ffmpeg() == imageio_ffmpeg.get_ffmpeg_exe()


def test_ensure_ffmpeg_without_any_ffmpeg_says_what_to_do(monkeypatch, clean_cache) -> None:
    import imageio_ffmpeg

    def missing() -> str:
        raise RuntimeError("No ffmpeg exe could be found")

    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", missing)
    with pytest.raises(OutputError, match="install it"):
        audio.ensure_ffmpeg()


@pytest.mark.parametrize("seconds", [0.3, 1.0, 2.5])
def test_decode_mp3_keeps_duration_and_sound(seconds: float) -> None:
    segment = audio.decode_mp3(tone_mp3(seconds))
    assert abs(len(segment) - seconds * 1000) <= 60
    assert segment.dBFS > -30  # a full-scale-ish tone, not silence
    assert segment.sample_width == 2


def test_decode_file_reads_a_path(tmp_path: Path) -> None:
    path = tmp_path / "tone.mp3"
    path.write_bytes(tone_mp3(1.0))
    segment = audio.decode_file(path)
    assert abs(len(segment) - 1000) <= 60
    assert segment.dBFS > -30


def test_decode_mp3_tempo_shortens_without_silencing() -> None:
    segment = audio.decode_mp3(tone_mp3(2.0), tempo=2.0)
    assert abs(len(segment) - 1000) <= 80
    assert segment.dBFS > -30


@pytest.mark.parametrize("data", [b"", b"not audio at all" * 10])
def test_decode_mp3_rejects_garbage(data: bytes) -> None:
    with pytest.raises(InputError, match="cannot decode"):
        audio.decode_mp3(data)


def test_decode_file_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        audio.decode_file(tmp_path / "nope.mp3")


def wav_bytes(frames: bytes, rate: int, channels: int, data_size: int) -> bytes:
    import struct

    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * 2, channels * 2, 16)
    return (
        b"RIFF"
        + struct.pack("<I", 0xFFFFFFFF)
        + b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", data_size)
        + frames
    )


@pytest.mark.parametrize(
    ("data_size", "expected_frames"),
    [
        (400, 100),  # honest size
        (0xFFFFFFFF, 100),  # ffmpeg's placeholder on a pipe
        (0x7FFFF000, 100),  # espeak-ng's placeholder
        (0, 0),  # declared empty
    ],
)
def test_segment_from_wav_trusts_bytes_not_placeholders(data_size: int, expected_frames: int):
    frames = b"\x01\x00\x02\x00" * 100  # 100 stereo frames
    segment = audio.segment_from_wav(wav_bytes(frames + b"\x07", 8000, 2, data_size))
    assert segment.frame_count() == expected_frames
    assert (segment.frame_rate, segment.channels) == (8000, 2)


def test_segment_from_wav_rejects_non_wav() -> None:
    with pytest.raises(InputError, match="not WAV"):
        audio.segment_from_wav(b"ID3\x04" + b"\x00" * 40)
