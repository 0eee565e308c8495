from __future__ import annotations

import numpy as np
import pytest
from pydub.generators import Sine

from briefing.assemble import Timeline, pause_before
from briefing.models import Clip, Pauses, Segment

PAUSES = Pauses(after_title=1000, around_heading=900, between_paragraphs=600, between_sentences=250)


def seg(index, kind, paragraph):
    return Segment(index, kind, "x", "x", paragraph)


@pytest.mark.parametrize(
    ("previous", "current", "ms"),
    [
        (seg(0, "title", -1), seg(1, "body", 0), 1000),
        (seg(0, "title", -1), seg(1, "heading", 0), 1000),
        (seg(1, "body", 0), seg(2, "body", 0), 250),
        (seg(1, "body", 0), seg(2, "body", 1), 600),
        (seg(1, "body", 0), seg(2, "heading", 1), 900),
        (seg(2, "heading", 1), seg(3, "body", 2), 900),
        (seg(0, "title", -1), seg(1, "title", -1), 250),
    ],
)
def test_pause_before(previous, current, ms):
    assert pause_before(previous, current, PAUSES) == ms


def tone(ms, rate):
    return Sine(440, sample_rate=rate).to_audio_segment(duration=ms, volume=-10)


def test_timeline_offsets_pauses_and_readback():
    segments = [seg(0, "title", -1), seg(1, "body", 0), seg(2, "body", 0), seg(3, "body", 1)]
    with Timeline(16000, PAUSES) as timeline:
        for item in segments:
            timeline.add_clip(Clip(item, tone(500, 16000)))
        assert timeline.offsets_ms == [(0, 500), (1500, 2000), (2250, 2750), (3350, 3850)]
        assert timeline.duration_ms == 3850
        samples = np.concatenate([chunk for _, chunk in timeline.chunks(frames=1000)])
        assert samples.size == timeline.frames == 3850 * 16
        silent = np.abs(samples[500 * 16 : 1500 * 16]).max()
        assert silent == 0.0 and np.abs(samples[: 500 * 16]).max() > 0.2
        summary = timeline.profile()
        assert summary.energy.size == 3851
        assert summary.energy[600:1400].max() == 0.0 and summary.energy[100:400].min() > 0


def test_clips_of_other_rates_and_channels_are_converted():
    with Timeline(22050) as timeline:
        timeline.add_clip(Clip(seg(0, "title", -1), tone(1000, 24000)))
        timeline.add_clip(Clip(seg(1, "body", 0), tone(1000, 16000).set_channels(2)))
        assert timeline.offsets_ms[1][1] - timeline.offsets_ms[1][0] == 1000
        assert timeline.frames == pytest.approx(22050 * 3, abs=2)


def test_timeline_memory_stays_on_disk():
    """Appending many clips keeps only small per-ms profiles in memory, not the audio."""
    with Timeline(16000) as timeline:
        for i in range(50):
            timeline.add_clip(Clip(seg(i, "body", i), tone(1000, 16000)))
        held = sum(p.energy.nbytes + p.peak.nbytes for _, p in timeline._profiles)
        assert held < timeline.frames * 2  # less than the 16-bit audio itself
