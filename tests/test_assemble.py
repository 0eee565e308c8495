from __future__ import annotations

import numpy as np
import pytest
from pydub.generators import Sine
from scipy.signal import resample_poly

from briefing.assemble import Timeline, pause_before
from briefing.audio import from_segment
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


def clip(segment, audio):
    """A segment's clip from a pydub clip, converted as engines that return encoded audio do."""
    converted = from_segment(audio)
    return Clip(segment, converted.samples, converted.rate)


def test_timeline_offsets_pauses_and_readback():
    segments = [seg(0, "title", -1), seg(1, "body", 0), seg(2, "body", 0), seg(3, "body", 1)]
    with Timeline(16000, PAUSES) as timeline:
        for item in segments:
            timeline.add_clip(clip(item, tone(500, 16000)))
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
    """Stereo becomes mono (``from_segment``); other rates are resampled by the timeline."""
    with Timeline(22050) as timeline:
        timeline.add_clip(clip(seg(0, "title", -1), tone(1000, 24000)))
        timeline.add_clip(clip(seg(1, "body", 0), tone(1000, 16000).set_channels(2)))
        assert timeline.offsets_ms[1][1] - timeline.offsets_ms[1][0] == 1000
        assert timeline.frames == pytest.approx(22050 * 3, abs=2)


def test_timeline_memory_stays_on_disk():
    """Appending many clips keeps only small per-ms profiles in memory, not the audio."""
    with Timeline(16000) as timeline:
        for i in range(50):
            timeline.add_clip(clip(seg(i, "body", i), tone(1000, 16000)))
        held = timeline._energy.nbytes + timeline._peak.nbytes
        assert held < timeline.frames * 2 / 2  # under half of the 16-bit audio itself


def speech_16bit(seconds: float, rate: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    envelope = np.repeat(rng.uniform(0, 1, n // 2000 + 1) ** 3, 2000)[:n]
    signal = rng.normal(0, 0.2, n) * envelope
    signal[rng.choice(n, 10, replace=False)] = 0.9
    return (np.round(signal * 32768) / 32768).astype(np.float32)  # 16-bit, as engines give


def test_true_peaks_from_the_spool_equal_each_clip_oversampled_alone():
    """Clips end to end with no pause (their milliseconds overlap on the timeline, the later
    one winning, as in the profile) and a rate with fractional milliseconds."""
    rate = 22050
    clips = [speech_16bit(s, rate, i) for i, s in enumerate((1.2345, 0.5, 2.0001, 0.77))]
    expected = np.zeros(10_000)
    with Timeline(rate, Pauses(0, 0, 0, 0, 0)) as timeline:
        for i, clip in enumerate(clips):
            first = timeline.frames * 1000 // rate
            timeline.add(seg(i, "body", 0), clip, rate)
            edges = np.minimum(
                np.arange(-(-clip.size * 1000 // rate)) * rate // 1000, clip.size - 1
            )
            peaks = np.maximum.reduceat(np.abs(resample_poly(clip, 4, 1)), edges * 4)
            expected[first : first + peaks.size] = peaks
        summary = timeline.profile()
        expected = expected[: summary.peak.size]
        everything = np.arange(summary.peak.size)
        exact = timeline.true_peaks(everything)
        # equal to scipy's resample_poly over each whole clip, up to float rounding
        np.testing.assert_allclose(exact, expected, rtol=1e-6, atol=1e-7)
        assert np.all(summary.peak >= exact)  # the profile holds bounds
        some = everything[::7]
        assert np.array_equal(timeline.true_peaks(some), exact[some])


def test_resampled_clips_keep_a_bound_over_their_spooled_peaks():
    with Timeline(22050) as timeline:
        timeline.add(seg(0, "body", 0), speech_16bit(1.0, 24000, 5), 24000)
        timeline.add(seg(1, "body", 0), speech_16bit(1.0, 16000, 6) * 1.2, 16000)
        summary = timeline.profile()
        exact = timeline.true_peaks(np.arange(summary.peak.size))
        assert exact.max() > 0.5 and np.all(summary.peak >= exact)


def test_profile_views_survive_growth_and_reading_back_keeps_appending_in_place():
    with Timeline(16000) as timeline:
        timeline.add_clip(clip(seg(0, "body", 0), tone(300, 16000)))
        early = timeline.profile()
        before = early.energy.copy()
        timeline.true_peaks(np.arange(100))  # moves the spool's position
        for i in range(1, 40):
            timeline.add_clip(clip(seg(i, "body", i), tone(300, 16000)))
        assert np.array_equal(early.energy, before)  # grown by copying, not under the view
        late = timeline.profile()
        assert np.array_equal(late.energy[: before.size], before)
        assert late.energy.size == timeline.duration_ms + 1
        samples = np.concatenate([chunk for _, chunk in timeline.chunks()])
        assert samples.size == timeline.frames
        for start, end in timeline.offsets_ms:
            assert np.abs(samples[start * 16 + 8 : end * 16 - 8]).min() < 0.01  # a tone, not
            assert np.abs(samples[start * 16 : end * 16]).max() > 0.2  # silence or garbage
