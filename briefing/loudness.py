"""Loudness to podcast targets: integrated loudness (ITU-R BS.1770-4) and a true-peak ceiling.

The episode is never held whole in memory. Each clip is summarized once, as it arrives, into a
per-millisecond *profile*: its K-weighted mean square and a cheap upper bound of its true peak
(4x oversampled). The gain plan is solved on those small arrays:

1. measure the integrated loudness of the timeline (gated 400 ms blocks, 75% overlap);
2. choose a gain that reaches the target;
3. where that gain would push a peak over the ceiling, a look-ahead limiter lowers the gain
   smoothly around it (a minimum filter then a moving average of about the same width, so
   the smoothed gain never exceeds what any peak in reach allows). Only milliseconds whose
   bound times the gain could pass the ceiling need their exact true peak; those are
   computed then, from the audio itself (``exact``), and the limiter is the one the exact
   peaks everywhere would give;
4. the limiter costs some loudness, so steps 2-3 repeat (secant steps on the gain in dB)
   until the result is within 0.01 LU.

The plan works through the timeline a minute at a time, so its scratch memory does not grow
with the episode. The export then multiplies the samples by the planned gain, interpolated
per sample.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from briefing.audio import FULL_SCALE
from briefing.models import LoudnessTarget

OVERSAMPLING = 4
LIMITER_WINDOW_MS = 41
MP3_MARGIN_DB = 1.5
"""MP3 encoding adds overshoot; the ceiling sits this much below the requested true peak."""
TOLERANCE_LU = 0.01
MAX_GAIN_DB = 60.0
CHUNK_MS = 60_000
"""The plan's unit of work: a multiple of the 100 ms loudness step."""
EXACT_BATCH_MS = 16384
"""Exact true peaks are computed this much audio at a time (about 10 MB of scratch)."""

_MIN_HALF = (LIMITER_WINDOW_MS + 2) // 2
_AVG_HALF = LIMITER_WINDOW_MS // 2
_HALO = _MIN_HALF + _AVG_HALF
_QUANTUM = 0.5 / FULL_SCALE
"""Rounding to 16 bits (how the timeline keeps audio) moves a sample by at most this."""
_ROUNDING = 1e-5
"""Relative margin for float32 arithmetic in the oversampling filter."""

Exact = Callable[[np.ndarray], np.ndarray]
"""Given sorted millisecond indices, their exact true peaks."""


@dataclass(frozen=True)
class Profile:
    """Per-millisecond summary of some audio: all the loudness plan needs to know."""

    energy: np.ndarray
    """K-weighted mean square of each millisecond (float32)."""
    peak: np.ndarray
    """True peak (linear, full scale = 1) of each millisecond, or an upper bound of it
    (float32): exact when taken with ``profile(..., exact=True)``; ``plan_gain`` replaces
    bounds by exact values where they matter."""


@dataclass(frozen=True)
class _Interpolation:
    """What bounds the 4x oversampling filter of ``oversample`` (read off its impulse
    response)."""

    reach: int
    """Input samples on each side that one oversampled output depends on."""
    worst: float
    """Largest sum of absolute taps of any phase: |output| <= worst * sample peak."""
    level: float
    curve: float
    """|output| <= level * sample peak + curve * largest |second difference| in reach."""


@functools.cache
def _interpolation() -> _Interpolation:
    middle = 64
    impulse = np.zeros(2 * middle + 1)
    impulse[middle] = 1.0
    response = oversample(impulse)
    outputs = np.flatnonzero(response)
    reach = int(np.abs(middle - outputs // OVERSAMPLING).max())
    offsets = np.arange(-reach - 2, reach + 3)  # output n is sum over k of taps[k] * x[n + k]
    worst = level = curve = 0.0
    for phase in range(OVERSAMPLING):
        index = OVERSAMPLING * (middle - offsets) + phase
        taps = np.where((index >= 0) & (index < response.size), response[index.clip(0)], 0.0)
        worst = max(worst, float(np.abs(taps).sum()))
        # taps = linear interpolation + a*delta0 + b*(delta1 - delta0) + second differences
        t = phase / OVERSAMPLING
        rest = taps - (1 - t) * (offsets == 0) - t * (offsets == 1)
        a = rest.sum()
        rest = rest - a * (offsets == 0)
        b = (offsets * rest).sum()
        rest = rest - b * ((offsets == 1).astype(float) - (offsets == 0))
        level = max(level, 1 + abs(a) + 2 * abs(b))  # |x[n+1] - x[n]| <= 2 * sample peak
        curve = max(curve, float(np.abs(np.cumsum(np.cumsum(rest))).sum()))
    return _Interpolation(reach, worst, level, curve)


@functools.cache
def _taps(dtype: np.dtype) -> np.ndarray:
    """The 4x interpolation low-pass, scaled for the upsampling: the filter scipy's
    ``resample_poly`` designs (``firwin(81, 1/4, window=("kaiser", 5.0))``), made with numpy
    so a build need not import scipy.signal (half a second, some 80 MB)."""
    half = 10 * OVERSAMPLING
    offsets = np.arange(-half, half + 1)
    taps = np.sinc(offsets / OVERSAMPLING) * np.kaiser(2 * half + 1, 5.0)
    scaled: np.ndarray = (taps * (OVERSAMPLING / taps.sum())).astype(dtype)
    return scaled


def oversample(samples: np.ndarray) -> np.ndarray:
    """``samples`` at four times the rate (polyphase FIR, aligned like ``resample_poly``)."""
    taps = _taps(np.result_type(samples.dtype, np.float32))
    half = (taps.size - 1) // 2
    out = np.empty(OVERSAMPLING * samples.size, dtype=taps.dtype)
    for phase in range(OVERSAMPLING):
        tap, shift = (phase + half) % OVERSAMPLING, (phase + half) // OVERSAMPLING
        full = np.convolve(samples, taps[tap::OVERSAMPLING])
        out[phase::OVERSAMPLING] = full[shift : shift + samples.size]
    return out


def _biquads(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The K-weighting stages as (b, a) coefficients: a 4 dB high shelf at 1500 Hz and a
    38 Hz high pass, designed with the Audio EQ Cookbook formulas as pyloudnorm does."""
    shelf, cut = 2 * np.pi * 1500.0 / rate, 2 * np.pi * 38.0 / rate
    gain = 10 ** (4.0 / 40)
    alpha = np.sin(shelf) / (2 * (1 / math.sqrt(2)))
    root, cos = 2 * math.sqrt(gain) * alpha, np.cos(shelf)
    high_shelf = (
        gain * np.array([(gain + 1) + (gain - 1) * cos + root, -2 * ((gain - 1) + (gain + 1) * cos),
                         (gain + 1) + (gain - 1) * cos - root]),
        np.array([(gain + 1) - (gain - 1) * cos + root, 2 * ((gain - 1) - (gain + 1) * cos),
                  (gain + 1) - (gain - 1) * cos - root]),
    )  # fmt: skip
    alpha, cos = np.sin(cut) / (2 * 0.5), np.cos(cut)
    high_pass = (
        np.array([(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]),
        np.array([1 + alpha, -2 * cos, 1 - alpha]),
    )
    return [high_shelf, high_pass]


@functools.cache
def _k_weighting(rate: int) -> np.ndarray:
    """The two K-weighting stages (high shelf, high pass) for ``rate``, per BS.1770-4, as
    one impulse response: the filters' frequency response sampled densely and transformed
    back, cut where it has decayed below 1e-9 of its peak (some 1,700 taps at 22.05 kHz).
    Convolving with it equals running the two biquads within about 1e-7 (tested), without
    scipy.signal, whose import costs half a second and some 80 MB. 2**15 points leave the
    response's time aliasing (the impulse beyond 32,768 taps) far under that cut, and take
    8 ms instead of the 70 ms of 2**18: a stream's first clip waits for it."""
    size = 1 << 15
    delay = np.exp(-1j * np.pi * np.arange(size // 2 + 1) / (size // 2))  # z^-1 on the circle
    response = np.ones_like(delay)
    for b, a in _biquads(rate):
        response *= np.polyval(b[::-1], delay) / np.polyval(a[::-1], delay)
    impulse = np.fft.irfft(response, size)
    return impulse[: np.flatnonzero(np.abs(impulse) > 1e-9 * np.abs(impulse).max()).max() + 1]


def _k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` through the K-weighting filter (FFT convolution, float32 out)."""
    taps = _k_weighting(rate)
    size = 1 << (samples.size + taps.size - 2).bit_length()
    spectrum = np.fft.rfft(samples, size) * np.fft.rfft(taps, size)
    return np.fft.irfft(spectrum, size)[: samples.size].astype(np.float32)


def _millisecond_edges(samples: int, rate: int) -> np.ndarray:
    count = max(1, math.ceil(samples * 1000 / rate))
    return np.minimum((np.arange(count) * rate) // 1000, max(samples - 1, 0)).astype(np.int64)


def _dilate(values: np.ndarray, radius: int) -> np.ndarray:
    """Each element's maximum over ``radius`` neighbours on each side."""
    out = values.copy()
    for shift in range(1, min(radius, values.size - 1) + 1):
        np.maximum(out[shift:], values[:-shift], out=out[shift:])
        np.maximum(out[:-shift], values[shift:], out=out[:-shift])
    return out


def _peak_bound(samples: np.ndarray, edges: np.ndarray, rate: int) -> np.ndarray:
    """An upper bound of each millisecond's true peak, from its sample peak and second
    differences: smooth audio (speech) barely overshoots its samples; only sharp corners can
    overshoot by up to ``worst``. It also holds for the samples rounded to 16 bits."""
    shape = _interpolation()
    level = np.maximum.reduceat(np.abs(samples), edges)
    bend = np.empty_like(samples)  # x[i-1] - 2 x[i] + x[i+1], silence beyond the clip
    if samples.size > 1:
        slope = np.diff(samples)
        np.subtract(slope[1:], slope[:-1], out=bend[1:-1])
        bend[0], bend[-1] = samples[1] - 2 * samples[0], samples[-2] - 2 * samples[-1]
    else:
        bend[0] = -2 * samples[0]
    curve = np.maximum.reduceat(np.abs(bend), edges)
    curve[[0, -1]] = np.maximum(curve[[0, -1]], np.abs(samples[[0, -1]]))
    radius = -(-(shape.reach + 1) // max(1, rate // 1000))
    level = _dilate(level, radius).astype(np.float64)
    curve = _dilate(curve, radius).astype(np.float64)
    smooth = shape.level * level + shape.curve * curve
    if level.size and level.max() * FULL_SCALE > FULL_SCALE - 1:  # clipped to 16 bits: corners
        smooth = np.full_like(smooth, np.inf)
    bound = np.minimum(shape.worst * level, smooth) * (1 + _ROUNDING)
    return np.where(level > 0, bound + 4 * shape.worst * _QUANTUM, 0.0).astype(np.float32)


def profile(samples: np.ndarray, rate: int, exact: bool = False) -> Profile:
    """Summarize float samples (full scale = 1.0) into a per-millisecond profile; with
    ``exact``, true peaks rather than bounds (four times the work)."""
    if samples.size == 0:
        return Profile(np.zeros(0, np.float32), np.zeros(0, np.float32))
    samples = np.asarray(samples)
    weighted = _k_weighted(samples, rate)
    edges = _millisecond_edges(samples.size, rate)
    counts = np.diff(np.append(edges, samples.size)).clip(min=1)
    np.square(weighted, out=weighted)
    energy = (np.add.reduceat(weighted, edges) / counts).astype(np.float32)
    if exact:
        return Profile(energy, true_peaks(samples, rate))
    return Profile(energy, _peak_bound(samples, edges, rate))


def true_peaks(samples: np.ndarray, rate: int, ms: np.ndarray | None = None) -> np.ndarray:
    """Exact true peaks (4x oversampled) of milliseconds ``ms`` (sorted; all if None)."""
    frames = samples.size
    if ms is None:
        ms = np.arange(_millisecond_edges(frames, rate).size)
    return exact_peaks(lambda lo, hi: samples[lo:hi], frames, rate, ms)


def exact_peaks(
    read: Callable[[int, int], np.ndarray], frames: int, rate: int, ms: np.ndarray
) -> np.ndarray:
    """True peaks of milliseconds ``ms`` (sorted) of a clip of ``frames`` samples, of which
    ``read(lo, hi)`` returns samples ``lo:hi``: equal to oversampling the whole clip, since
    each stretch is oversampled with all the samples the filter reaches (silence beyond the
    clip's ends), but only those stretches are read and oversampled, a few seconds at a time.
    """
    ms = np.asarray(ms, dtype=np.int64)
    peaks = np.zeros(ms.size, np.float32)
    if ms.size == 0 or frames == 0:
        return peaks
    bins = np.append(_millisecond_edges(frames, rate), frames)
    cuts = np.searchsorted(ms, np.arange(EXACT_BATCH_MS, ms[-1] + 1, EXACT_BATCH_MS))
    for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, ms.size], strict=True):
        if hi > lo:
            peaks[lo:hi] = _exact_batch(read, frames, bins, ms[lo:hi])
    return peaks


def _exact_batch(
    read: Callable[[int, int], np.ndarray], frames: int, bins: np.ndarray, ms: np.ndarray
) -> np.ndarray:
    reach = _interpolation().reach
    breaks = np.flatnonzero(np.diff(ms) > 2) + 1  # a one-ms gap costs less than a new stretch
    first, last = ms[np.r_[0, breaks]], ms[np.r_[breaks - 1, ms.size - 1]]
    lo, hi = bins[first] - reach, bins[last + 1] + reach
    lengths = hi - lo
    offsets = np.cumsum(lengths) - lengths
    index = np.arange(lengths.sum()) + np.repeat(lo - offsets, lengths)  # clip sample of each
    start, stop = max(0, int(lo[0])), min(frames, int(hi[-1]))
    span = read(start, stop)
    inside = (index >= 0) & (index < frames)
    stretches = np.zeros(index.size, span.dtype)
    stretches[inside] = span[index[inside] - start]
    upsampled = np.abs(oversample(stretches))
    counts = last - first + 1
    run = np.repeat(np.arange(counts.size), counts)
    every = np.arange(counts.sum()) + np.repeat(first - (np.cumsum(counts) - counts), counts)
    starts = offsets[run] + bins[every] - lo[run]
    ends = offsets + lengths - reach  # each stretch's trailing context: its own bin, dropped
    marks = np.insert(starts, np.cumsum(counts), ends) * OVERSAMPLING
    peaks = np.maximum.reduceat(upsampled, marks)
    peaks = np.delete(peaks, np.cumsum(counts) + np.arange(counts.size))
    return peaks[np.searchsorted(every, ms)]


def _hundreds(energy_ms: np.ndarray) -> np.ndarray:
    """Sums of each 100 ms (float64), the last one possibly partial."""
    whole = energy_ms.size // 100 * 100
    sums = energy_ms[:whole].reshape(-1, 100).sum(axis=1, dtype=np.float64)  # casts in pieces
    if whole < energy_ms.size:
        sums = np.append(sums, energy_ms[whole:].sum(dtype=np.float64))
    result: np.ndarray = sums
    return result


def _gated(hundreds: np.ndarray, length_ms: int) -> float:
    """Gated integrated loudness in LUFS from 100 ms energy sums of ``length_ms``."""
    count = (length_ms - 400) // 100 + 1 if length_ms >= 400 else 1
    padded = np.zeros(count + 3)
    padded[: min(hundreds.size, count + 3)] = hundreds[: count + 3]
    blocks = (padded[:count] + padded[1 : count + 1] + padded[2 : count + 2] + padded[3:]) / 400
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loudness > -70.0]
    if gated.size == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(gated.mean()) - 10.0
    gated = blocks[(loudness > -70.0) & (loudness > relative)]
    return -0.691 + 10 * math.log10(gated.mean())


def integrated_loudness(energy_ms: np.ndarray) -> float:
    """Gated integrated loudness in LUFS of a per-millisecond K-weighted energy timeline."""
    return _gated(_hundreds(energy_ms), energy_ms.size)


def _sliding_max(values: np.ndarray, width: int) -> np.ndarray:
    """Maximum of every ``width`` consecutive values (van Herk / Gil-Werman: O(n))."""
    count = values.size - width + 1
    blocks = -(-values.size // width)
    padded = np.zeros(blocks * width, values.dtype)
    padded[: values.size] = values
    rows = padded.reshape(blocks, width)
    ahead = np.maximum.accumulate(rows, axis=1).ravel()
    behind = np.maximum.accumulate(rows[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.maximum(behind[:count], ahead[width - 1 : width - 1 + count])


def _limiter(peak: np.ndarray, start: int, stop: int, gain: float, ceiling: float) -> np.ndarray:
    """The limiter (<= 1) for milliseconds ``start:stop`` of ``peak``, so that
    ``gain * limiter * peak <= ceiling``.

    The minimum filter reaches one millisecond further than the average, so the smoothed
    gain at a peak *and at its neighbours* (which per-sample interpolation mixes in) stays
    at or below what the peak allows. Both filters reflect at the ends of the programme.
    """
    size = peak.size
    lo, hi = start - _HALO, stop + _HALO
    window = np.zeros(hi - lo, np.float64)
    window[max(0, -lo) : window.size - max(0, hi - size)] = peak[max(0, lo) : min(size, hi)]
    # min over the window of min(1, c / (g p)) is the same function of the window's max p
    loudest = np.maximum(_sliding_max(window, 2 * _MIN_HALF + 1), 1e-12)
    floor = np.minimum(1.0, ceiling / (gain * loudest))  # milliseconds start-20 : stop+20
    before, after = max(0, _AVG_HALF - start), max(0, stop + _AVG_HALF - size)
    if before or after:
        floor = np.pad(floor[before : floor.size - after], (before, after), mode="symmetric")
    sums = np.concatenate(([0.0], np.cumsum(floor)))
    width = 2 * _AVG_HALF + 1
    average = (sums[width:] - sums[:-width]) / width
    result: np.ndarray = np.minimum(average, floor[_AVG_HALF:-_AVG_HALF])
    return result


def _chunks(size: int) -> range:
    return range(0, size, CHUNK_MS)


def _reaches_ceiling(peak: np.ndarray, start: int, stop: int, gain: float, c: float) -> bool:
    nearby = peak[max(0, start - _HALO) : stop + _HALO]
    return bool(nearby.size) and gain * float(nearby.max()) > c


class _Plan:
    """The loudness of the timeline as a function of the gain, peaks refined on the way."""

    def __init__(self, summary: Profile, ceiling: float, exact: Exact | None) -> None:
        self.energy, self.peak = summary.energy, summary.peak
        self.ceiling, self.exact = ceiling, exact
        self.hundreds = _hundreds(self.energy)
        self.refined = 0.0  # every bound that this gain could lift over the ceiling is exact
        self.done = np.zeros(-(-self.peak.size // 8), np.uint8)  # one bit per exact peak

    def refine(self, gain: float) -> None:
        """Make exact every peak that ``gain`` could lift over the ceiling (once each)."""
        if self.exact is None or gain <= self.refined:
            return
        for start in _chunks(self.peak.size):
            part = self.peak[start : start + CHUNK_MS]
            bits = slice(start // 8, -(-(start + part.size) // 8))
            done = np.unpackbits(self.done[bits], count=part.size).view(bool)
            wanted = (gain * part.astype(np.float64) > self.ceiling) & ~done
            if wanted.any():
                where = np.flatnonzero(wanted)
                part[where] = self.exact(start + where)
                self.done[bits] = np.packbits(done | wanted)
        self.refined = gain

    def limiter(self, start: int, stop: int, gain: float) -> np.ndarray | None:
        """The limiter over ``start:stop``, or None where it does nothing."""
        if not _reaches_ceiling(self.peak, start, stop, gain, self.ceiling):
            return None
        return _limiter(self.peak, start, stop, gain, self.ceiling)

    def loudness(self, gain: float) -> float:
        self.refine(gain)
        hundreds = self.hundreds.copy()
        for start in _chunks(self.energy.size):
            stop = min(self.energy.size, start + CHUNK_MS)
            limiter = self.limiter(start, stop, gain)
            if limiter is not None:
                limited = self.energy[start:stop] * np.square(limiter)
                hundreds[start // 100 : -(-stop // 100)] = _hundreds(limited)
        return _gated(hundreds * gain**2, self.energy.size)

    def gain(self, gain: float) -> np.ndarray:
        self.refine(gain)
        out = np.full(self.energy.size, gain, np.float32)
        for start in _chunks(self.energy.size):
            stop = min(self.energy.size, start + CHUNK_MS)
            limiter = self.limiter(start, stop, gain)
            if limiter is not None:
                out[start:stop] = gain * limiter
        return out


def _solve(error: Callable[[float], float], start: float) -> float:
    """The gain in dB where ``error`` (LU too quiet) is within tolerance: secant steps on a
    rising curve whose slope is at most 1 dB per dB, kept inside the bracket found so far."""
    below, above = -math.inf, math.inf
    best, best_error = start, math.inf
    previous: tuple[float, float] | None = None
    slope = 1.0
    db = start
    for _ in range(30):
        missing = error(db)
        if abs(missing) < best_error:
            best, best_error = db, abs(missing)
        if best_error < TOLERANCE_LU:
            break
        if missing > 0:
            below = max(below, db)
        else:
            above = min(above, db)
        if previous is not None and db != previous[0]:
            slope = min(1.0, max(1e-3, (previous[1] - missing) / (db - previous[0])))
        step = db + missing / slope
        if not below < step < above:
            step = (below + above) / 2 if math.isfinite(below + above) else step
        step = min(step, MAX_GAIN_DB)
        if step == db:
            break
        previous, db = (db, missing), step
    return best


def plan_gain(summary: Profile, target: LoudnessTarget, exact: Exact | None = None) -> np.ndarray:
    """Per-millisecond gain (float32) that brings ``summary`` to ``target`` under the peak
    ceiling.

    ``exact(ms)`` gives the exact true peaks of those milliseconds, where ``summary.peak``
    holds bounds: it is asked only where a bound could reach the ceiling, and the answers
    are written into ``summary.peak`` (still an upper bound, only a tighter one). Without
    it the peaks are taken as they are.
    """
    measured = integrated_loudness(summary.energy)
    if not math.isfinite(measured):
        return np.ones(summary.energy.size, np.float32)  # silence: nothing to normalize
    ceiling = 10 ** ((target.true_peak - MP3_MARGIN_DB) / 20)
    plan = _Plan(summary, ceiling, exact)
    db = _solve(
        lambda db: target.lufs - plan.loudness(10 ** (db / 20)),
        min(target.lufs - measured, MAX_GAIN_DB),
    )
    return plan.gain(10 ** (db / 20))


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
    result: np.ndarray = gain
    return result
