"""Parallel synthesis through the segment cache: order, progress, bounded window, resume."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from briefing.cache import CachedClip, SegmentCache
from briefing.engines.base import EngineBase, VoiceSettings, register_engine
from briefing.errors import EngineError
from briefing.loudness import Profile
from briefing.models import Audio, Segment
from briefing.pipeline import Settings, narrate
from briefing.synthesize import WINDOW_PER_WORKER, speak_all, worker_count


def tone(ms: int, rate: int = 8000) -> Audio:
    t = np.arange(ms * rate // 1000) / rate
    return Audio((0.25 * np.sin(2 * np.pi * 300 * t)).astype(np.float32), rate)


class CountingEngine(EngineBase):
    """Tone of 20 ms per character; records calls; can sleep and fail on demand."""

    name = "counting"
    max_chars = 300
    workers = 3
    fail_on: str | None = None

    def __init__(self, settings: VoiceSettings, options=None) -> None:
        super().__init__(settings, options)
        self.calls: list[str] = []
        self.lock = threading.Lock()
        self.active = 0
        self.most_active = 0

    def identity(self):
        return {"engine": self.name, "speed": self.settings.speed}

    def synthesize(self, text: str):
        with self.lock:
            self.calls.append(text)
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            time.sleep(0.002 * (len(text) % 7))  # finish out of order
            if self.fail_on and self.fail_on in text:
                raise EngineError(f"engine failed on {text!r}")
            return tone(20 * len(text))
        finally:
            with self.lock:
                self.active -= 1


def segments(count: int) -> list[Segment]:
    return [
        Segment(i, "body", f"Segment number {i}.", f"Segment number {i}.", i) for i in range(count)
    ]


@pytest.fixture
def cache(tmp_path):
    return SegmentCache(tmp_path / "cache")


def test_results_in_order_with_progress_for_each(cache):
    engine = CountingEngine(VoiceSettings())
    items = segments(25)
    progress: list[tuple[int, int]] = []
    results = list(
        speak_all(engine, items, cache, on_progress=lambda d, t: progress.append((d, t)))
    )
    assert [r.segment.index for r in results] == list(range(25))
    assert [d for d, _ in progress] == list(range(1, 26)) and {t for _, t in progress} == {25}
    assert engine.most_active > 1  # really parallel
    assert all(r.rate == 8000 and r.samples.dtype == np.float32 for r in results)
    lengths = [r.samples.size for r in results]
    assert lengths == [len(s.spoken) * 20 * 8 for s in items]


def test_second_run_comes_from_cache_and_is_identical(cache):
    first_engine = CountingEngine(VoiceSettings())
    first = list(speak_all(first_engine, segments(10), cache))
    again_engine = CountingEngine(VoiceSettings())
    again = list(speak_all(again_engine, segments(10), cache))
    assert again_engine.calls == []
    assert all(r.cached for r in again) and not any(r.cached for r in first)
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(a.samples, b.samples)
        assert np.allclose(a.profile.energy, b.profile.energy, rtol=1e-5)


def test_edit_one_segment_synthesizes_only_it(cache):
    list(speak_all(CountingEngine(VoiceSettings()), segments(10), cache))
    edited = segments(10)
    edited[4] = Segment(4, "body", "A fixed word.", "A fixed word.", 4)
    engine = CountingEngine(VoiceSettings())
    list(speak_all(engine, edited, cache))
    assert engine.calls == ["A fixed word."]


def test_other_options_do_not_share_entries(cache):
    list(speak_all(CountingEngine(VoiceSettings()), segments(3), cache))
    faster = CountingEngine(VoiceSettings(speed=1.3))
    list(speak_all(faster, segments(3), cache))
    assert len(faster.calls) == 3


def test_no_cache_synthesizes_everything(cache):
    list(speak_all(CountingEngine(VoiceSettings()), segments(4), cache))
    engine = CountingEngine(VoiceSettings())
    list(speak_all(engine, segments(4), None))
    assert len(engine.calls) == 4


def test_window_bounds_work_ahead_of_the_consumer(cache):
    engine = CountingEngine(VoiceSettings())
    stream = speak_all(engine, segments(60), None, jobs=2)
    next(stream)
    time.sleep(0.3)  # let the workers run as far ahead as they may
    assert len(engine.calls) <= 1 + 2 * WINDOW_PER_WORKER
    stream.close()


class TracingEngine(CountingEngine):
    """Records which segments are being spoken while each one starts."""

    def __init__(self, settings: VoiceSettings, options=None) -> None:
        super().__init__(settings, options)
        self.speaking: set[str] = set()
        self.alongside: dict[str, set[str]] = {}

    def synthesize(self, text: str):
        with self.lock:
            self.alongside[text] = set(self.speaking)
            self.speaking.add(text)
        time.sleep(0.05)
        try:
            return super().synthesize(text)
        finally:
            with self.lock:
                self.speaking.discard(text)


@pytest.mark.parametrize("first_alone", [False, True])
def test_first_segment_alone_has_the_pool_to_itself(first_alone):
    engine = TracingEngine(VoiceSettings())
    items = segments(12)
    clips = list(speak_all(engine, items, None, jobs=3, first_alone=first_alone))
    assert [c.segment.index for c in clips] == list(range(12))
    first = items[0].spoken
    started_beside_first = {t for t, beside in engine.alongside.items() if first in beside}
    assert bool(started_beside_first) is not first_alone
    assert engine.most_active == 3  # the pool is full after it either way


def test_failure_propagates_and_finished_segments_are_kept(cache):
    engine = CountingEngine(VoiceSettings())
    engine.fail_on = "number 12."
    with pytest.raises(EngineError, match="number 12"):
        list(speak_all(engine, segments(20), cache))
    assert cache.info().entries >= 12  # everything before the failure was kept
    retry = CountingEngine(VoiceSettings())
    list(speak_all(retry, segments(20), cache))
    # the rerun resumes: the failed segment again, at most the ones after it, nothing before
    assert "Segment number 12." in retry.calls and len(retry.calls) <= 8


def test_worker_count():
    engine = CountingEngine(VoiceSettings())
    assert worker_count(engine) == 3 and worker_count(engine, 5) == 5
    CountingEngine.workers = 0
    try:
        assert worker_count(engine) >= 1
    finally:
        CountingEngine.workers = 3


def test_interrupted_build_leaves_nothing_and_resumes(tmp_path, cache):
    """A build that dies mid-way writes no MP3; the next run reuses what was spoken."""
    register_engine(CountingEngine)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\n" + "\n\n".join(f"Paragraph {i} is here." for i in range(12)))
    CountingEngine.fail_on = "Paragraph 9"
    settings = Settings(engine="counting", cache_dir=cache.root)
    try:
        with pytest.raises(EngineError):
            narrate(article, tmp_path / "out.mp3", settings)
        assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob(".out*"))
        cached = cache.info().entries
        assert cached >= 9
        CountingEngine.fail_on = None
        episode = narrate(article, tmp_path / "out.mp3", settings)
        assert episode.path.exists()
        assert cache.info().entries == 13
    finally:
        CountingEngine.fail_on = None


def test_cache_roundtrip_corruption_and_clear(cache):
    pcm = (np.arange(800) % 200 - 100).astype(np.int16)
    clip = CachedClip(pcm, 8000, Profile(np.ones(100), np.full(100, 0.5)))
    key = SegmentCache.key({"engine": "x"}, "hello")
    assert key != SegmentCache.key({"engine": "x"}, "hello!")
    assert key != SegmentCache.key({"engine": "y"}, "hello")
    assert cache.get(key) is None
    cache.put(key, clip)
    back = cache.get(key)
    assert back is not None and back.rate == 8000 and np.array_equal(back.pcm, pcm)
    assert np.allclose(back.profile.peak, 0.5)
    entry = next(cache.root.glob("*/*.npz"))
    entry.write_bytes(b"torn")
    assert cache.get(key) is None  # unreadable entries miss rather than fail
    assert cache.info().entries == 1
    assert cache.clear() == 1 and cache.info().entries == 0


def test_concurrent_writers_share_the_cache_safely(cache):
    pcm = np.zeros(8000, dtype=np.int16)
    clip = CachedClip(pcm, 8000, Profile(np.zeros(1000), np.zeros(1000)))
    key = SegmentCache.key({"engine": "x"}, "same")
    threads = [threading.Thread(target=cache.put, args=(key, clip)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get(key) is not None
    assert not list(cache.root.rglob("*.part"))


class BackupEngine(CountingEngine):
    name = "backup"
    fail_on = None

    def identity(self):
        return {"engine": self.name}


def test_fallback_engine_narrates_failed_segments(tmp_path, cache):
    import json

    register_engine(CountingEngine)
    register_engine(BackupEngine)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\n" + "\n\n".join(f"Paragraph {i} is here." for i in range(6)))
    CountingEngine.fail_on = "Paragraph 3"
    try:
        settings = Settings(engine="counting", fallback_engine="backup", cache_dir=cache.root)
        episode = narrate(article, tmp_path / "out.mp3", settings)
    finally:
        CountingEngine.fail_on = None
    assert episode.fallback == ("backup", (4,))  # segment 4 is paragraph 3 (0 is the title)
    manifest = json.loads((tmp_path / "out.json").read_text())
    assert [s["engine"] for s in manifest["segments"]] == ["counting"] * 4 + ["backup"] + [
        "counting"
    ] * 2
    assert manifest["fallback"] == {"engine": "backup", "segments": [4]}


def test_without_fallback_the_failure_is_the_error(tmp_path, cache):
    register_engine(CountingEngine)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nParagraph 3 fails.\n")
    CountingEngine.fail_on = "Paragraph 3"
    try:
        with pytest.raises(EngineError, match="Paragraph 3"):
            narrate(
                article, tmp_path / "out.mp3", Settings(engine="counting", cache_dir=cache.root)
            )
    finally:
        CountingEngine.fail_on = None
    assert not list(tmp_path.glob("out*"))
