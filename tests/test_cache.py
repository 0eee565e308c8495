from __future__ import annotations

import numpy as np

from briefing.cache import CachedClip, SegmentCache
from briefing.loudness import profile


def test_profile_comes_back_as_stored_float32(tmp_path):
    """The per-ms arrays stay float32 on the way back: a long build holds many of them."""
    cache = SegmentCache(tmp_path)
    pcm = (np.sin(np.arange(8000) / 3) * 20000).astype(np.int16)
    summary = profile(pcm.astype(np.float32) / 32768, 8000)
    key = SegmentCache.key({"engine": "x"}, "hello")
    cache.put(key, CachedClip(pcm, 8000, summary))
    back = cache.get(key)
    assert back is not None
    assert back.profile.energy.dtype == back.profile.peak.dtype == np.float32
    assert np.array_equal(back.profile.energy, summary.energy)
    assert np.array_equal(back.profile.peak, summary.peak)


def entry(cache: SegmentCache, text: str, seconds: float = 1.0) -> str:
    pcm = (np.sin(np.arange(int(8000 * seconds)) / 3) * 20000).astype(np.int16)
    key = SegmentCache.key({"engine": "x"}, text)
    cache.put(key, CachedClip(pcm, 8000, profile(pcm.astype(np.float32) / 32768, 8000)))
    return key


def test_cap_prunes_least_recently_used(tmp_path):
    import os

    probe = SegmentCache(tmp_path / "probe")
    entry(probe, "size")
    size = probe.info().bytes
    cache = SegmentCache(tmp_path / "c", max_bytes=int(size * 5.5))
    keys = [entry(cache, f"segment {i}") for i in range(5)]
    for age, key in enumerate(reversed(keys)):  # segment 0 oldest ... segment 4 newest
        os.utime(cache._path(key), (1e9 - age * 100, 1e9 - age * 100))
    assert cache.get(keys[0]) is not None  # used again: now the newest
    entry(cache, "segment 5")  # 6 entries > 5.5: back under 0.9 * 5.5 = 4.95, so 4 stay
    left = {key for key in keys if cache.get(key) is not None}
    assert keys[0] in left and keys[1] not in left and keys[2] not in left
    assert cache.info().entries == 4 and cache.info().bytes <= size * 5.5 * 0.9


def test_cap_is_kept_across_builds(tmp_path):
    """A new cache object (a new build) sees what is there before adding to it."""
    probe = SegmentCache(tmp_path / "probe")
    entry(probe, "size")
    size = probe.info().bytes
    for i in range(8):
        entry(SegmentCache(tmp_path / "c", max_bytes=size * 3), f"segment {i}")
    assert SegmentCache(tmp_path / "c").info().bytes <= size * 3


def test_cap_from_the_environment(monkeypatch):
    import pytest

    from briefing.cache import DEFAULT_MAX_MB, default_max_bytes
    from briefing.errors import InputError

    monkeypatch.delenv("BRIEFING_CACHE_MAX_MB", raising=False)
    assert default_max_bytes() == DEFAULT_MAX_MB * 1_000_000
    monkeypatch.setenv("BRIEFING_CACHE_MAX_MB", "0.5")
    assert default_max_bytes() == 500_000
    monkeypatch.setenv("BRIEFING_CACHE_MAX_MB", "-3")
    with pytest.raises(InputError, match="BRIEFING_CACHE_MAX_MB='-3'"):
        default_max_bytes()


def test_clear_removes_only_what_is_ours(tmp_path):
    """BRIEFING_CACHE_DIR may point at a folder that holds other things: they stay."""
    cache = SegmentCache(tmp_path)
    entry(cache, "one")
    entry(cache, "two")
    (tmp_path / "important.txt").write_text("mine")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.md").write_text("mine too")
    (tmp_path / "ab").mkdir(exist_ok=True)
    (tmp_path / "ab" / "photo.npz").write_bytes(b"not a cache entry")
    voice = tmp_path / "voices" / "en_US-joe-medium-0123456789abcdef"
    voice.mkdir(parents=True)
    (voice / "encoder.onnx").write_bytes(b"x")
    (tmp_path / "voices" / "my-recordings").mkdir()
    assert cache.info().voices == 1
    assert cache.clear() == 2
    assert (tmp_path / "important.txt").read_text() == "mine"
    assert (tmp_path / "sub" / "notes.md").exists() and (tmp_path / "ab" / "photo.npz").exists()
    assert not voice.exists() and (tmp_path / "voices" / "my-recordings").exists()
    assert cache.info().entries == 0
