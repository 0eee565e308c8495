"""``-o -``: the MP3 streamed to stdout while it is spoken, and ``--text``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_episode import ebur128

from briefing.audio import decode_mp3
from briefing.cli import cli
from briefing.pipeline import Settings, narrate, stream

ARTICLE = (
    "Harbour reopens\n\n"
    + "\n\n".join(
        f"Paragraph {i} tells how the harbour reopened after the storm." for i in range(6)
    )
    + "\n"
)


def split_runner() -> CliRunner:
    """A runner that keeps stderr apart from stdout (Click 8.2 always does; 8.1 is told to)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_stream_is_a_valid_mp3_as_long_as_the_file_build(tmp_path, article, tone_engine):
    out = io.BytesIO()
    streamed = stream(article, out, Settings(engine="tone"))
    filed = narrate(article, tmp_path / "file.mp3", Settings(engine="tone"))
    data = out.getvalue()
    assert data.startswith(b"ID3")  # title and album tags first
    audio = decode_mp3(data)
    assert abs(len(audio) - filed.duration_ms) < 100
    assert abs(streamed.duration_ms - filed.duration_ms) < 5
    assert streamed.offsets_ms == filed.offsets_ms  # the same pauses in the same places
    assert [c.title for c in streamed.chapters] == [c.title for c in filed.chapters]
    assert str(streamed.path) == "-"


def test_stream_of_real_speech_meets_the_loudness_target(tmp_path, article):
    """Each clip is set on its own; on narrated speech the whole lands near the target."""
    out = tmp_path / "s.mp3"
    with out.open("wb") as handle:
        stream(article, handle, Settings(engine="piper", cache_dir=tmp_path / "cache"))
    lufs, peak = ebur128(out)
    assert abs(lufs - (-16.0)) < 1.0 and peak <= -1.0


def test_cli_streams_to_stdout_and_writes_nothing_else(tmp_path, article, tone_engine, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = split_runner().invoke(cli, ["build", str(article), "-e", "tone", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"ID3")
    assert len(decode_mp3(result.stdout_bytes)) > 5000
    assert "-: 0:" in result.stderr and "segments" in result.stderr  # the summary on stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # no "-", no sidecars


def test_text_option(tmp_path, tone_engine):
    result = CliRunner().invoke(
        cli,
        ["segments", "--text", "Quick note\nThe meeting moved to Tuesday.", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert '"Quick note"' in result.output and "moved to Tuesday" in result.output
    out = tmp_path / "t.mp3"
    built = CliRunner().invoke(
        cli, ["build", "--text", "Hi\nA line.", "-e", "tone", "-o", str(out)]
    )
    assert built.exit_code == 0 and out.is_file()
    empty = CliRunner().invoke(cli, ["build", "--text", "  ", "-e", "tone"])
    assert empty.exit_code == 2 and "--text: empty input" in empty.output


DRIVER = r"""
import sys, time
import numpy as np
import briefing
from pathlib import Path
from briefing.engines.base import EngineBase, register_engine
from briefing.models import Audio
from briefing.cli import main

LOG = Path(sys.argv[1])

class SlowEngine(EngineBase):
    name = "slow"
    max_chars = 200

    def synthesize(self, text):
        time.sleep(0.3)
        with LOG.open("a") as log:
            log.write(text + "\n")
        t = np.arange(8000) / 8000
        return Audio((0.25 * np.sin(2 * np.pi * 300 * t)).astype(np.float32), 8000)

register_engine(SlowEngine)
sys.argv = ["briefing", "build", *sys.argv[2:]]
main()
"""


def test_audio_arrives_before_the_last_segment_is_spoken(tmp_path, article):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    log = tmp_path / "calls.log"
    env = {
        **os.environ,
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
        "BRIEFING_CONFIG": os.devnull,
    }
    process = subprocess.Popen(
        [sys.executable, str(driver), str(log), str(article), "-e", "slow", "-o", "-", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, bufsize=0,
    )  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.read(1)  # blocks until the first MP3 byte
    spoken_by_then = len(log.read_text().splitlines()) if log.exists() else 0
    rest, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert first + rest[:2] == b"ID3"
    assert spoken_by_then < 7  # 7 segments: the title and six paragraphs
    assert len(log.read_text().splitlines()) == 7


def test_a_reader_that_quits_early_is_not_an_error(tmp_path, article):
    """``briefing build x -o - | head -c 2000``: the build stops, quietly."""
    env = {
        **os.environ,
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
        "BRIEFING_CONFIG": os.devnull,
    }
    briefing = Path(sys.executable).parent / "briefing"
    command = f"'{briefing}' build '{article}' -o - -q | head -c 2000 > '{tmp_path / 'head'}'"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and done.stderr == ""
    assert (tmp_path / "head").stat().st_size == 2000


def test_a_stream_that_cannot_be_written_is_an_error(tmp_path, article):
    env = {
        **os.environ,
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
        "BRIEFING_CONFIG": os.devnull,
    }
    briefing = Path(sys.executable).parent / "briefing"
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(briefing), "build", str(article), "-e", "espeak", "-o", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, check=False,
        )  # fmt: skip
    assert done.returncode == 4
    assert done.stderr.strip().splitlines() == [
        "Error: stdout: cannot write the MP3 stream (No space left on device); check where it goes"
    ]
