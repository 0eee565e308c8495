"""Loudness to podcast targets: integrated loudness (ITU-R BS.1770-4) and a true-peak ceiling.

The episode is never held whole in memory. Each clip is summarized once, as it arrives, into a
per-millisecond *profile*: its K-weighted mean square and its true peak (4x oversampled). The
gain plan is solved on those small arrays:

1. measure the integrated loudness of the timeline (gated 400 ms blocks, 75% overlap);
2. choose a gain that reaches the target;
3. where that gain would push a peak over the ceiling, a look-ahead limiter lowers the gain
   smoothly around it (a minimum filter then a moving average of about the same width, so
   the smoothed gain never exceeds what any peak in reach allows);
4. the limiter costs some loudness, so steps 2-3 repeat until the result is within 0.05 LU.

The export then multiplies the samples by the planned gain, interpolated per sample.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from briefing.models import LoudnessTarget

OVERSAMPLING = 4
LIMITER_WINDOW_MS = 41
MP3_MARGIN_DB = 1.5
"""MP3 encoding adds overshoot; the ceiling sits this much below the requested true peak."""


@dataclass(frozen=True)
class Profile:
    """Per-millisecond summary of some audio: all the loudness plan needs to know."""

    energy: np.ndarray
    """K-weighted mean square of each millisecond."""
    peak: np.ndarray
    """True peak (linear, full scale = 1) of each millisecond."""


def _biquads(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The two K-weighting stages (high shelf, high pass) for ``rate``, per BS.1770-4."""
    from pyloudnorm.iirfilter import IIRfilter

    stages = (
        IIRfilter(4.0, 1 / math.sqrt(2), 1500.0, rate, "high_shelf"),
        IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
    )
    return [(stage.b, stage.a) for stage in stages]


def _millisecond_edges(samples: int, rate: int) -> np.ndarray:
    count = max(1, math.ceil(samples * 1000 / rate))
    return np.minimum((np.arange(count) * rate) // 1000, max(samples - 1, 0)).astype(np.int64)


def profile(samples: np.ndarray, rate: int) -> Profile:
    """Summarize float samples (full scale = 1.0) into a per-millisecond profile."""
    from scipy.signal import lfilter, resample_poly

    if samples.size == 0:
        return Profile(np.zeros(0), np.zeros(0))
    weighted = samples.astype(np.float64)
    for b, a in _biquads(rate):
        weighted = lfilter(b, a, weighted)
    edges = _millisecond_edges(samples.size, rate)
    counts = np.diff(np.append(edges, samples.size)).clip(min=1)
    energy = np.add.reduceat(weighted * weighted, edges) / counts
    upsampled = np.abs(resample_poly(samples, OVERSAMPLING, 1))
    peak = np.maximum.reduceat(upsampled, edges * OVERSAMPLING).astype(np.float64)
    return Profile(energy, peak)


def integrated_loudness(energy_ms: np.ndarray) -> float:
    """Gated integrated loudness in LUFS of a per-millisecond K-weighted energy timeline."""
    if energy_ms.size < 400:
        energy_ms = np.pad(energy_ms, (0, 400 - energy_ms.size))
    cumulative = np.concatenate(([0.0], np.cumsum(energy_ms, dtype=np.float64)))
    starts = np.arange(0, energy_ms.size - 399, 100)
    blocks = (cumulative[starts + 400] - cumulative[starts]) / 400
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loudness > -70.0]
    if gated.size == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(gated.mean()) - 10.0
    gated = blocks[(loudness > -70.0) & (loudness > relative)]
    return -0.691 + 10 * math.log10(gated.mean())


def _limit(peak_ms: np.ndarray, gain: float, ceiling: float) -> np.ndarray:
    """Per-millisecond limiter gain (<= 1) so that ``gain * limiter * peak <= ceiling``."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    with np.errstate(divide="ignore"):
        required = np.minimum(1.0, ceiling / (gain * np.maximum(peak_ms, 1e-12)))
    if required.min() >= 1.0:
        return np.ones_like(peak_ms)
    # The minimum filter reaches one millisecond further than the average, so the smoothed
    # gain at a peak *and at its neighbours* (which per-sample interpolation mixes in) stays
    # at or below what the peak allows.
    floor = minimum_filter1d(required, LIMITER_WINDOW_MS + 2)
    return np.minimum(uniform_filter1d(floor, LIMITER_WINDOW_MS), floor)


def plan_gain(timeline: Profile, target: LoudnessTarget) -> np.ndarray:
    """Per-millisecond gain that brings ``timeline`` to ``target`` under the peak ceiling."""
    measured = integrated_loudness(timeline.energy)
    if not math.isfinite(measured):
        return np.ones_like(timeline.energy)  # silence: nothing to normalize
    ceiling = 10 ** ((target.true_peak - MP3_MARGIN_DB) / 20)
    gain = 10 ** ((target.lufs - measured) / 20)
    for _ in range(20):
        limiter = _limit(timeline.peak, gain, ceiling)
        error = target.lufs - integrated_loudness(timeline.energy * (gain * limiter) ** 2)
        if abs(error) < 0.05:
            return gain * limiter
        gain = min(gain * 10 ** (error / 20), 1000.0)
    return gain * _limit(timeline.peak, gain, ceiling)


def level_gain(summary: Profile, lufs: float, true_peak: float) -> float:
    """The gain that sets a short sound (a jingle, a chime) at ``lufs``, its true peak kept
    under the ceiling. Short sounds are measured ungated: gating is for long programmes."""
    mean = float(summary.energy.mean()) if summary.energy.size else 0.0
    if mean <= 0:
        return 1.0
    gain = 10 ** ((lufs - (-0.691 + 10 * math.log10(mean))) / 20)
    ceiling = 10 ** ((true_peak - MP3_MARGIN_DB) / 20)
    peak = float(summary.peak.max())
    return min(gain, ceiling / peak) if peak > 0 else gain


def apply_gain(samples: np.ndarray, rate: int, gain_ms: np.ndarray, start_ms: float) -> np.ndarray:
    """``samples`` (starting at ``start_ms`` on the timeline) times the interpolated gain."""
    if samples.size == 0:
        return samples
    times = start_ms + np.arange(samples.size) * (1000.0 / rate)
    # only the gain points around this stretch: interpolation between them is the same
    first = min(max(0, int(times[0] - 0.5)), gain_ms.size - 1)
    last = min(gain_ms.size, max(0, int(times[-1] - 0.5)) + 2)
    gain = np.interp(times, np.arange(first, last) + 0.5, gain_ms[first:last].astype(np.float64))
    gain *= samples
    return gain
