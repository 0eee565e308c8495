"""Ctrl-C and SIGTERM at any moment: no partial MP3, sidecar or cache entry; the rerun resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

DRIVER = r"""
import sys, time
import briefing  # noqa: F401  (installs the warning filter pydub needs, as the CLI does)
from pathlib import Path
import numpy as np
from briefing.engines.base import EngineBase, register_engine
from briefing.models import Audio
from briefing.cli import main

LOG = Path(sys.argv[1])

class SlowEngine(EngineBase):
    name = "slow"
    max_chars = 200
    workers = 2

    def identity(self):
        return {"engine": "slow"}

    def synthesize(self, text):
        with LOG.open("a") as log:
            log.write(text + "\n")
        time.sleep(0.15)
        t = np.arange(2400) / 8000
        return Audio((0.25 * np.sin(2 * np.pi * 300 * t)).astype(np.float32), 8000)

register_engine(SlowEngine)
sys.argv = ["briefing", "build", *sys.argv[2:]]
main()
"""


@pytest.fixture
def setup(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Long story\n\n" + "\n\n".join(f"Paragraph number {i} of the story." for i in range(40))
    )
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    env = {
        **os.environ,
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
        "BRIEFING_CONFIG": os.devnull,  # no user config
    }
    return article, driver, env, tmp_path


def run(driver, log, args, env, stop_after_calls=None, sig=signal.SIGTERM):
    process = subprocess.Popen(
        [sys.executable, str(driver), str(log), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    if stop_after_calls is not None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if log.exists() and len(log.read_text().splitlines()) >= stop_after_calls:
                break
            time.sleep(0.02)
        process.send_signal(sig)
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_leaves_nothing_and_rerun_resumes(setup, sig, code):
    article, driver, env, tmp = setup
    out_dir = tmp / "out"
    args = [str(article), "-e", "slow", "-o", str(out_dir / "story.mp3"), "-q"]
    log = tmp / "calls.log"
    returncode, _, err = run(driver, log, args, env, stop_after_calls=12, sig=sig)
    assert returncode == code
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "run the same command again to resume" in err
    leftovers = list(out_dir.glob("*")) if out_dir.exists() else []
    assert leftovers == []  # no MP3, no sidecar, no temp file
    cache = tmp / "cache"
    assert not list(cache.rglob("*.part"))
    cached = len(list(cache.rglob("*.npz")))
    assert cached >= 10
    first_calls = len(log.read_text().splitlines())
    returncode, _, err = run(driver, log, args, env)
    assert returncode == 0, err
    assert (out_dir / "story.mp3").exists() and (out_dir / "story.json").exists()
    rerun_calls = len(log.read_text().splitlines()) - first_calls
    assert rerun_calls <= 41 - cached  # only what was not cached is spoken again


def test_signal_without_the_cache_does_not_promise_a_resume(setup):
    article, driver, env, tmp = setup
    args = [str(article), "-e", "slow", "-o", str(tmp / "out3" / "story.mp3"), "-q", "--no-cache"]
    returncode, _, err = run(driver, tmp / "calls3.log", args, env, stop_after_calls=3)
    assert returncode == 143
    assert err.strip().splitlines() == [
        "Stopped by SIGTERM: no partial file was left; run the same command again."
    ]


def test_terminate_during_encoding_cleans_up(setup, monkeypatch):
    """A stop while ffmpeg encodes (after every segment is spoken) leaves no partial MP3."""
    article, driver, env, tmp = setup
    out_dir = tmp / "out2"
    log = tmp / "calls2.log"
    args = [str(article), "-e", "slow", "-o", str(out_dir / "story.mp3"), "-q"]
    assert run(driver, log, args, env)[0] == 0  # fill the cache
    (out_dir / "story.mp3").unlink()
    for sidecar in out_dir.glob("story.*"):
        sidecar.unlink()
    process = subprocess.Popen(
        [sys.executable, str(driver), str(log), *args], stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out_dir.glob(".story.mp3.*")):
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert process.returncode == 143
    assert [p.name for p in out_dir.iterdir()] == []
