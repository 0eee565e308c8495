"""The status line: fits the terminal, shows the phase, and never has a log line glued to it."""

from __future__ import annotations

import io
import logging
import os
import pty
import subprocess
import sys
import threading

from briefing.progress import StatusLine


def redraws(text: str) -> list[str]:
    """What each redraw left on the line: the pieces between erase codes, minus newlines."""
    return [piece.split("\n")[-1] for piece in text.split("\r\x1b[K") if piece]


def test_every_redraw_fits_the_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "30")
    out = io.StringIO()
    with StatusLine(out) as line:
        for done in range(0, 41, 5):
            line.segments(done, 40)
        line.phase("story 2 of 3")
        line.phase("encoding")
    drawn = redraws(out.getvalue())
    assert drawn and all(len(text) <= 29 for text in drawn)
    assert any(text.startswith("Narrating  [") for text in drawn)
    assert out.getvalue().endswith("\r\x1b[K")  # cleared at the end: the summary gets a clean line


def test_phases_and_story(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = io.StringIO()
    with StatusLine(out) as line:
        line.segments(3, 10)
        line.phase("story 2 of 3")
        line.segments(10, 10)
        line.phase("encoding")
    drawn = redraws(out.getvalue())
    assert "Narrating  [=======>                ]  3/10 segments" in drawn
    assert any(text.endswith("10/10 segments  story 2 of 3") for text in drawn)
    assert "Narrating  encoding..." in drawn


def test_log_records_get_lines_of_their_own(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    root = logging.getLogger()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    try:
        with StatusLine(out) as line:
            line.segments(1, 4)
            logging.getLogger("briefing.test").warning("a warning")
            line.segments(4, 4)
        assert handler in root.handlers  # given back afterwards
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    lines = out.getvalue().split("\n")
    warning = next(piece for piece in lines if "a warning" in piece)
    assert warning.split("\r\x1b[K")[-1] == "WARNING a warning"  # nothing glued before it
    assert "segments" in lines[-1]  # the status line came back below it


DRIVER = r"""
import sys
import numpy as np
from briefing.engines.base import EngineBase, register_engine
from briefing.models import Audio
from briefing.cli import main

class Tone(EngineBase):
    name = "tone"
    def synthesize(self, text):
        t = np.arange(1600) / 16000
        return Audio((0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), 16000)

register_engine(Tone)
sys.argv = ["briefing", *sys.argv[1:]]
main()
"""


def test_a_real_terminal_build(tmp_path):
    """Under a pseudo-terminal 40 columns wide, the build's status fits and then makes way
    for the summary."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    stories = []
    for n in range(3):
        story = tmp_path / f"s{n}.txt"
        story.write_text(f"Story {n}\n\n" + "\n\n".join(f"Paragraph {i}." for i in range(5)))
        stories.append(str(story))
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "40", "BRIEFING_CONFIG": os.devnull,
           "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    seen: list[bytes] = []

    def read() -> None:  # as a terminal does, while the build runs: a full pty would block it
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = subprocess.run(
        [sys.executable, str(driver), "build", *stories, "-e", "tone", "-o", str(tmp_path / "b.mp3")],
        stderr=follower, stdout=subprocess.PIPE, env=env, timeout=120, check=False,
    )  # fmt: skip
    os.close(follower)
    reader.join(timeout=10)
    os.close(leader)
    assert done.returncode == 0
    text = b"".join(seen).decode()
    drawn = redraws(text.replace("\r\n", "\n"))
    assert drawn and all(len(piece) <= 39 for piece in drawn)
    assert any("story 3 of 3" in piece for piece in drawn) or any("encoding" in p for p in drawn)
    assert "3 stories" in done.stdout.decode()
