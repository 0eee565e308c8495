"""The cheap loudness stage against the straightforward one it replaced.

The reference below is the previous implementation: K-weighting by two float64 ``lfilter``
passes, the true peak of every millisecond from ``resample_poly`` over the whole clip, and a
limiter from ``scipy.ndimage`` filters over the whole programme, iterated until within
0.05 LU. The new stage must give the same true peaks where it computes them, never a bound
below them, the same limiter, and the same loudness.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tracemalloc

import numpy as np
import pytest
from conftest import speechlike
from pyloudnorm.iirfilter import IIRfilter
from scipy.io import wavfile
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import lfilter, resample_poly

import briefing.loudness as loudness
from briefing.loudness import (
    LIMITER_WINDOW_MS,
    MP3_MARGIN_DB,
    LoudnessTarget,
    Profile,
    integrated_loudness,
    plan_gain,
    profile,
    true_peaks,
)

RATE = 22050
CEILING = 10 ** ((LoudnessTarget().true_peak - MP3_MARGIN_DB) / 20)


def reference_energy(samples: np.ndarray, rate: int) -> np.ndarray:
    from pyloudnorm.iirfilter import IIRfilter

    weighted = samples.astype(np.float64)
    for stage in (
        IIRfilter(4.0, 1 / math.sqrt(2), 1500.0, rate, "high_shelf"),
        IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
    ):
        weighted = lfilter(stage.b, stage.a, weighted)
    edges = loudness._millisecond_edges(samples.size, rate)
    counts = np.diff(np.append(edges, samples.size))
    return np.add.reduceat(weighted * weighted, edges) / counts


def reference_peaks(samples: np.ndarray, rate: int) -> np.ndarray:
    edges = loudness._millisecond_edges(samples.size, rate)
    return np.maximum.reduceat(np.abs(resample_poly(samples, 4, 1)), edges * 4)


def reference_limit(peak_ms: np.ndarray, gain: float, ceiling: float) -> np.ndarray:
    with np.errstate(divide="ignore"):
        required = np.minimum(1.0, ceiling / (gain * np.maximum(peak_ms, 1e-12)))
    floor = minimum_filter1d(required, LIMITER_WINDOW_MS + 2)
    return np.minimum(uniform_filter1d(floor, LIMITER_WINDOW_MS), floor)


def reference_plan(energy: np.ndarray, peak: np.ndarray, target: LoudnessTarget) -> np.ndarray:
    measured = integrated_loudness(energy)
    ceiling = 10 ** ((target.true_peak - MP3_MARGIN_DB) / 20)
    gain = 10 ** ((target.lufs - measured) / 20)
    for _ in range(20):
        limiter = reference_limit(peak, gain, ceiling)
        error = target.lufs - integrated_loudness(energy * (gain * limiter) ** 2)
        if abs(error) < 0.05:
            return gain * limiter
        gain = min(gain * 10 ** (error / 20), 1000.0)
    return gain * reference_limit(peak, gain, ceiling)


@pytest.fixture(scope="module")
def speech(tmp_path_factory) -> np.ndarray:
    """Real synthetic speech (espeak-ng, 22050 Hz), full of inter-sample peaks, at about
    -1 dBFS sample peak so that the 16-bit rounding and the ceiling both matter."""
    binary = shutil.which("espeak-ng") or shutil.which("espeak")
    if binary is None:
        pytest.skip("espeak-ng not installed")
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    text = (
        "Sixteen sharp shells, she said, and the quick brown fox jumps over the lazy dog. "
        "Officials confirmed on Friday that the talks would resume next week."
    )
    subprocess.run([binary, "-w", str(path), text], check=True, capture_output=True)
    rate, pcm = wavfile.read(path)
    assert rate == RATE
    samples = pcm.astype(np.float32) / 32768
    scale = 0.89 / np.abs(samples).max()
    return (np.round(samples * scale * 32768) / 32768).astype(np.float32)


def quantized(samples: np.ndarray) -> np.ndarray:
    """What the timeline spools: 16 bits."""
    return (np.clip(np.round(samples * 32768), -32768, 32767) / 32768).astype(np.float32)


def adversarial(rate: int) -> dict[str, np.ndarray]:
    """Signals that overshoot their samples as much as any can."""
    rng = np.random.default_rng(7)
    n = rate // 2
    t = np.arange(n) / rate
    taps = loudness._taps(np.dtype(np.float64))[2::4]  # the midway phase: the worst one
    worst = np.tile(np.sign(taps[::-1]), n // taps.size + 1)[:n]
    return {
        "alternating full scale": np.where(np.arange(n) % 2, 1.0, -1.0),
        "worst sign pattern": worst,
        "white noise at full scale": rng.uniform(-1, 1, n),
        "sine near nyquist": 0.99 * np.sin(2 * np.pi * 0.45 * rate * t + 0.3),
        "clipped sine (beyond full scale)": np.clip(3 * np.sin(2 * np.pi * 300 * t), -1.5, 1.5),
        "lone impulse": np.eye(1, n, n // 3)[0],
        "impulse opening a millisecond": np.eye(1, n, rate // 10)[0],  # reaches 2 ms back at 8 kHz
        "short": np.array([0.5, -1.0, 1.0]),
    }


@pytest.mark.parametrize("rate", [8000, 16000, 22050, 44100, 48000])
def test_bound_is_never_below_the_true_peak(rate):
    for name, signal in adversarial(rate).items():
        signal = signal.astype(np.float32)
        bound = profile(signal, rate).peak
        for audio in (signal, quantized(signal)):  # as given, and as the spool holds it
            exact = reference_peaks(audio, rate)
            assert np.all(exact <= bound), name


def test_bound_holds_on_speech_and_is_reasonably_tight(speech):
    bound = profile(speech, RATE).peak
    exact = reference_peaks(speech, RATE)
    assert np.all(exact <= bound)
    assert np.all(reference_peaks(quantized(speech), RATE) <= bound)
    loud = exact > 0.05
    assert np.median(bound[loud] / exact[loud]) < 1.6  # the worst case would be 2.24


def test_true_peaks_of_some_milliseconds_equal_oversampling_the_whole_clip(speech):
    full = true_peaks(speech, RATE)
    # our numpy oversampler is scipy's resample_poly up to float rounding
    np.testing.assert_allclose(full, reference_peaks(speech, RATE), rtol=1e-6, atol=1e-7)
    rng = np.random.default_rng(3)
    for share in (0.01, 0.2, 0.7):
        ms = np.flatnonzero(rng.uniform(size=full.size) < share)
        ms = np.unique(np.concatenate((ms, [0, full.size - 1])))  # both ends of the clip
        assert np.array_equal(true_peaks(speech, RATE, ms), full[ms])
    overshoot = (
        full
        > np.maximum.reduceat(np.abs(speech), loudness._millisecond_edges(speech.size, RATE)) * 1.01
    )
    assert overshoot.mean() > 0.1  # the test means something: many inter-sample peaks


@pytest.mark.parametrize("rate", [16000, 22050, 44100])
def test_k_weighting_within_a_hundredth_of_lu_of_float64(rate, speech):
    t = np.arange(10 * rate) / rate
    signals = [
        speechlike(),
        (0.5 * np.sin(2 * np.pi * 40 * t) + 0.3).astype(np.float32),  # low, with a DC offset
        (0.9 * np.sin(2 * np.pi * 997 * t)).astype(np.float32),
    ]
    if rate == RATE:
        signals.append(speech)
    for signal in signals:
        ours = integrated_loudness(profile(signal, rate).energy)
        reference = integrated_loudness(reference_energy(signal, rate))
        assert ours == pytest.approx(reference, abs=0.01)


@pytest.mark.parametrize("rate", [16000, 22050, 48000])
def test_k_weighting_impulse_response_equals_the_two_biquads(rate, speech):
    """The FFT convolution gives the samples scipy's lfilter gives through both stages."""
    t = np.arange(3 * rate) / rate
    signals = [speechlike()[: 3 * rate], (0.5 * np.sin(2 * np.pi * 40 * t) + 0.3), speech]
    stages = (
        IIRfilter(4.0, 1 / math.sqrt(2), 1500.0, rate, "high_shelf"),
        IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
    )
    for signal in signals:
        expected = np.asarray(signal, np.float64)
        for stage in stages:
            expected = lfilter(stage.b, stage.a, expected)
        ours = loudness._k_weighted(np.asarray(signal, np.float32), rate)
        assert np.abs(ours - expected).max() < 1e-6 * np.abs(expected).max()


@pytest.mark.parametrize("length", [1, 7, 30, 100, 999, 5000])
@pytest.mark.parametrize("gain", [0.5, 3.0, 40.0])
def test_limiter_equals_the_scipy_one(length, gain, monkeypatch):
    """Same limiter, including at the programme's ends and across the plan's chunks."""
    monkeypatch.setattr(loudness, "CHUNK_MS", 300)
    rng = np.random.default_rng(length)
    peak = (rng.uniform(0, 1, length) ** 4).astype(np.float32)
    ours = np.concatenate(
        [
            loudness._limiter(peak, start, min(length, start + 300), gain, CEILING)
            for start in range(0, length, 300)
        ]
    )
    reference = reference_limit(peak.astype(np.float64), gain, CEILING)
    np.testing.assert_allclose(ours, reference, rtol=1e-9, atol=1e-12)


def test_sliding_max_is_exact():
    rng = np.random.default_rng(0)
    for size, width in ((1, 1), (10, 3), (100, 43), (1000, 43), (43, 43), (86, 43)):
        values = rng.uniform(size=size)
        expected = [values[i : i + width].max() for i in range(size - width + 1)]
        assert np.array_equal(loudness._sliding_max(values, width), expected)


def test_lazy_plan_equals_the_plan_on_exact_peaks_and_asks_only_where_needed(speech, monkeypatch):
    clip = np.concatenate([speech, np.zeros(RATE // 2, np.float32), speech * 0.3, speech])
    exact = true_peaks(clip, RATE)  # the same oversampler the lazy plan asks, over it all
    summary = profile(clip, RATE)
    bound = summary.peak.copy()
    asked: list[np.ndarray] = []
    tried: list[float] = []
    refine = loudness._Plan.refine

    def spy(plan: loudness._Plan, gain: float) -> None:
        tried.append(gain)
        refine(plan, gain)

    def ask(ms: np.ndarray) -> np.ndarray:
        asked.append(ms)
        return true_peaks(clip, RATE, ms)

    monkeypatch.setattr(loudness._Plan, "refine", spy)
    lazy = plan_gain(summary, LoudnessTarget(), ask)
    full = plan_gain(Profile(summary.energy, exact), LoudnessTarget())
    assert np.array_equal(lazy, full)  # same limiter, so the same steps to the same gain
    wanted = np.concatenate(asked)
    assert np.unique(wanted).size == wanted.size  # none twice
    assert 0 < wanted.size < 0.8 * exact.size
    assert np.all(max(tried) * bound[wanted].astype(np.float64) > CEILING)  # only those
    np.testing.assert_array_equal(summary.peak[wanted], exact[wanted])  # written back


@pytest.mark.parametrize("target", [LoudnessTarget(), LoudnessTarget(-23.0, -2.0)])
def test_plan_matches_the_previous_algorithm(speech, target):
    clip = np.concatenate([speech, np.zeros(RATE, np.float32), speechlike(10) * 4])
    energy = reference_energy(clip, RATE)
    peaks = reference_peaks(clip, RATE).astype(np.float64)
    previous = reference_plan(energy, peaks, target)
    summary = profile(clip, RATE)
    ours = plan_gain(summary, target, lambda ms: true_peaks(clip, RATE, ms)).astype(np.float64)
    ours_lufs = integrated_loudness(energy * ours**2)
    assert ours_lufs == pytest.approx(integrated_loudness(energy * previous**2), abs=0.05)
    assert ours_lufs == pytest.approx(target.lufs, abs=loudness.TOLERANCE_LU)
    ceiling = 10 ** ((target.true_peak - MP3_MARGIN_DB) / 20)
    assert (ours * peaks).max() <= ceiling * (1 + 1e-6)  # the limiter still catches every peak
    limited = previous < previous.max() * 0.999
    assert limited.any()
    assert np.mean((ours < ours.max() * 0.999) != limited) < 0.02  # acting in the same places


def test_unreachable_target_stops_at_the_gain_cap():
    """Every millisecond a full-scale click: the limiter takes all the gain back."""
    clicks = np.zeros(3 * RATE, np.float32)
    clicks[:: RATE // 1000] = 1.0
    gain = plan_gain(
        profile(clicks, RATE), LoudnessTarget(), lambda ms: true_peaks(clicks, RATE, ms)
    )
    assert np.all(np.isfinite(gain)) and gain.max() <= 10 ** (loudness.MAX_GAIN_DB / 20)
    assert (gain * reference_peaks(clicks, RATE)).max() <= CEILING * (1 + 1e-6)


def test_plan_memory_grows_with_length_only_by_its_output():
    """An hour of speech-like profile: scratch memory stays a few MB; the float32 gain it
    returns is the only thing proportional to the length."""
    length = 3_600_000
    rng = np.random.default_rng(0)
    envelope = np.repeat(rng.uniform(0, 1, length // 200 + 1) ** 3, 200)[:length]
    summary = Profile(
        (envelope * 1e-3).astype(np.float32),
        (envelope * 0.3 * rng.uniform(0.5, 2.0, length)).astype(np.float32),
    )
    del envelope
    tracemalloc.start()
    try:
        gain = plan_gain(summary, LoudnessTarget(), lambda ms: summary.peak[ms] * 0.8)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert gain.dtype == np.float32
    assert peak < gain.nbytes + 8_000_000  # the previous plan needed about 50 bytes a ms
