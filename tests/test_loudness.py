from __future__ import annotations

import math

import numpy as np
import pyloudnorm
import pytest
from conftest import speechlike

from briefing.loudness import (
    LIMITER_WINDOW_MS,
    MP3_MARGIN_DB,
    LoudnessTarget,
    Profile,
    apply_gain,
    integrated_loudness,
    plan_gain,
    profile,
    true_peaks,
)

RATE = 22050


def sine(freq: float, seconds: float, amplitude: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def exact_in(signal: np.ndarray, rate: int = RATE):
    return lambda ms: true_peaks(signal, rate, ms)


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100])
def test_full_scale_sine_reads_minus_3_lufs(rate):
    assert integrated_loudness(profile(sine(997, 5, 1.0, rate), rate).energy) == pytest.approx(
        -3.01, abs=0.1
    )


@pytest.mark.parametrize("amplitude", [0.01, 0.1, 0.5])
def test_matches_pyloudnorm(amplitude):
    signal = speechlike() * amplitude * 10
    ours = integrated_loudness(profile(signal, RATE).energy)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(signal.astype(np.float64))
    assert ours == pytest.approx(reference, abs=0.05)


def test_silence_is_minus_infinity_and_left_alone():
    quiet = Profile(np.zeros(5000), np.zeros(5000))
    assert integrated_loudness(quiet.energy) == -math.inf
    assert np.all(plan_gain(quiet, LoudnessTarget()) == 1.0)


@pytest.mark.parametrize(
    ("lufs", "peak"), [(-16.0, -1.5), (-19.0, -1.0), (-23.0, -2.0), (-14.0, -1.0)]
)
def test_plan_reaches_target_under_true_peak_ceiling(lufs, peak):
    signal = speechlike()
    target = LoudnessTarget(lufs, peak)
    gain = plan_gain(profile(signal, RATE), target, exact_in(signal))
    result = apply_gain(signal, RATE, gain, 0.0)
    measured = pyloudnorm.Meter(RATE).integrated_loudness(result.astype(np.float64))
    assert measured == pytest.approx(lufs, abs=0.2)
    true_peak = 20 * np.log10(true_peaks(result, RATE).max())
    assert true_peak <= peak - MP3_MARGIN_DB + 0.1


def test_limiter_acts_only_around_peaks():
    """A steady quiet tone with three isolated clicks: only the clicks are limited."""
    signal = sine(440, 10, 0.05)
    clicks_ms = (2000, 5000, 8000)
    for ms in clicks_ms:
        signal[ms * RATE // 1000] = 0.9
    gain = plan_gain(profile(signal, RATE), LoudnessTarget(), exact_in(signal))
    limited = np.flatnonzero(gain < gain.max() * 0.999)
    assert limited.size > 0
    reach = LIMITER_WINDOW_MS + 2  # the window, plus the click's ringing in its neighbours
    assert all(min(abs(ms - c) for c in clicks_ms) <= reach for ms in limited)


def test_apply_gain_interpolates_at_offset():
    samples = np.ones(RATE, dtype=np.float32)
    gain_ms = np.concatenate((np.full(1500, 2.0), np.full(1500, 4.0)))
    out = apply_gain(samples, RATE, gain_ms, start_ms=1000.0)
    assert out[: RATE // 4] == pytest.approx(2.0)
    assert out[-RATE // 4 :] == pytest.approx(4.0)


def test_apply_gain_equals_interpolating_over_the_whole_gain():
    """Each chunk interpolates over its own stretch of the gain, not the whole programme's."""
    rng = np.random.default_rng(1)
    gain_ms = rng.uniform(0.5, 4, 5000).astype(np.float32)
    centers = np.arange(gain_ms.size) + 0.5
    for start_ms, size in ((0.0, 1000), (1234.5678, 22050), (4990.0, 5000), (6000.0, 100)):
        samples = rng.uniform(-1, 1, size).astype(np.float32)
        times = start_ms + np.arange(size) * (1000.0 / RATE)
        expected = samples * np.interp(times, centers, gain_ms.astype(np.float64))
        assert np.array_equal(apply_gain(samples, RATE, gain_ms, start_ms), expected)
