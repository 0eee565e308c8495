"""Shared fixtures: the labelled articles in ../shared/articles and the ``net`` marker."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_ARTICLES = Path(
    os.environ.get("BRIEFING_SHARED_ARTICLES", REPO.parent / "shared" / "articles")
)
SAMPLE_ARTICLE = REPO / "samples" / "sample_article.txt"


def speechlike(seconds: float = 20, seed: int = 1, rate: int = 22050):
    """Noise in syllable-like bursts with sharp peaks: a crest factor like real speech."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    envelope = np.repeat(rng.uniform(0, 1, n // 2205 + 1) ** 3, 2205)[:n]
    signal = rng.normal(0, 0.05, n) * envelope
    clicks = rng.choice(n, 40, replace=False)
    signal[clicks] = rng.choice([-0.7, 0.7], 40)
    return signal.astype(np.float32)


def dbfs(samples) -> float:
    """RMS level of float samples (full scale 1.0) in dBFS, as pydub's ``dBFS`` measures it."""
    import numpy as np

    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if samples.size else 0.0
    return 20 * np.log10(rms) if rms > 0 else float("-inf")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-net", action="store_true", help="run tests that need the internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-net"):
        return
    skip = pytest.mark.skip(reason="needs the internet; run with --run-net")
    for item in items:
        if "net" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or fill the user's real segment cache."""
    root = tmp_path_factory.mktemp("segment-cache")
    previous = os.environ.get("BRIEFING_CACHE_DIR")
    os.environ["BRIEFING_CACHE_DIR"] = str(root)
    yield root
    if previous is None:
        os.environ.pop("BRIEFING_CACHE_DIR", None)
    else:
        os.environ["BRIEFING_CACHE_DIR"] = previous


@contextlib.contextmanager
def local_server(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 in a thread; yields the base URL. Tests never leave
    this machine."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def labelled_articles() -> list[Path]:
    """The ``.txt`` files of ../shared/articles that have an ``.expected.json`` beside them."""
    if not SHARED_ARTICLES.is_dir():
        return []
    return sorted(
        p for p in SHARED_ARTICLES.glob("*.txt") if p.with_suffix(".expected.json").exists()
    )


def load_labels(article: Path) -> dict:
    return json.loads(article.with_suffix(".expected.json").read_text(encoding="utf-8"))


requires_shared = pytest.mark.skipif(
    not SHARED_ARTICLES.is_dir(),
    reason=f"labelled articles not found at {SHARED_ARTICLES} (set BRIEFING_SHARED_ARTICLES)",
)


def _tone_engine_class():
    """The fake ``tone`` engine, built on first use so that conftest imports stay cheap."""
    import numpy as np

    from briefing.engines.base import EngineBase, EngineInfo
    from briefing.models import Audio

    class ToneEngine(EngineBase):
        """A fake engine: a 440 Hz tone of 10 ms per character, for exact timing checks. It
        uses the base class's defaults (one worker, no phonemes, no cache identity)."""

        name = "tone"
        max_chars = 200
        ms_per_char = 10
        rate = 16000

        def __init__(self, settings, options=None) -> None:
            super().__init__(settings, options)
            self.calls: list[str] = []

        @classmethod
        def info(cls):
            return EngineInfo(cls.name, True, False, "test tone")

        def synthesize(self, text: str) -> Audio:
            self.calls.append(text)
            t = np.arange(len(text) * self.ms_per_char * self.rate // 1000) / self.rate
            return Audio((0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), self.rate)

    return ToneEngine


@pytest.fixture
def tone_engine():
    """Register the fake ``tone`` engine for the duration of a test."""
    from briefing.engines import base

    engine = _tone_engine_class()
    base.register_engine(engine)
    yield engine
    base._registered.pop(engine.name, None)
