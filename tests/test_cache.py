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
