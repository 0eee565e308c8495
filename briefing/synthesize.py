"""Speak segments through an engine: in parallel, through the segment cache, in order.

1. Each segment is looked up in the cache by (engine identity, spoken text). A segment the
   engine fails on goes to the fallback engine, when there is one.
2. Misses are synthesized by a pool of worker threads (one per core for local engines, a few
   for online ones); the worker also converts the clip to samples and takes its loudness
   profile, so that work runs beside synthesis rather than after it.
3. Results are handed back strictly in segment order, while at most a small window of
   segments is in flight, so memory stays flat however long the article is.
4. Progress is reported as each segment finishes, in whatever order they finish.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from briefing.audio import from_pcm16, to_pcm16
from briefing.cache import CachedClip, SegmentCache
from briefing.engines.base import Engine
from briefing.errors import EngineError
from briefing.loudness import profile
from briefing.models import Clip, Segment

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (segments done, segments total)."""

WINDOW_PER_WORKER = 4


def worker_count(engine: Engine, jobs: int | None = None) -> int:
    """``jobs`` if given, else what the engine asks for (0 meaning one per core)."""
    if jobs:
        return max(1, jobs)
    wanted = engine.workers
    return wanted if wanted > 0 else max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _Voice:
    """An engine with its cache identity, taken once per build."""

    engine: Engine
    identity: Mapping[str, object] | None

    @classmethod
    def of(cls, engine: Engine, cache: SegmentCache | None) -> _Voice:
        return cls(engine, engine.identity() if cache is not None else None)


def _with(voice: _Voice, segment: Segment, cache: SegmentCache | None) -> Clip:
    """The segment's clip from the cache, else from the engine, quantized to 16 bits either
    way (so a rebuild from the cache is the same audio)."""
    key = SegmentCache.key(voice.identity, segment.spoken) if cache and voice.identity else None
    if cache is not None and key is not None:
        hit = cache.get(key)
        if hit is not None:
            samples = from_pcm16(hit.pcm)
            return Clip(segment, samples, hit.rate, hit.profile, True, voice.engine.name)
    audio = voice.engine.synthesize(segment.spoken)
    pcm = to_pcm16(audio.samples)
    samples = from_pcm16(pcm)
    summary = profile(samples, audio.rate)
    if cache is not None and key is not None:
        cache.put(key, CachedClip(pcm, audio.rate, summary))
    return Clip(segment, samples, audio.rate, summary, False, voice.engine.name)


def _speak(
    voice: _Voice, fallback: _Voice | None, segment: Segment, cache: SegmentCache | None
) -> Clip:
    try:
        return _with(voice, segment, cache)
    except EngineError as error:
        if fallback is None:
            raise
        log.warning(
            "segment %d: %s; narrating it with %s", segment.index, error, fallback.engine.name
        )
        return _with(fallback, segment, cache)


def speak_all(
    engine: Engine,
    segments: Sequence[Segment],
    cache: SegmentCache | None = None,
    jobs: int | None = None,
    on_progress: Progress | None = None,
    fallback: Engine | None = None,
    first_alone: bool = False,
) -> Iterator[Clip]:
    """Every segment's audio, in segment order (steps 1-4 of the module docstring).

    ``first_alone``: the first segment is spoken before any other starts, so it has the
    machine to itself (a stream's listener waits for it; on a busy machine it comes up to
    twice as soon); the window then fills as usual."""
    voice = _Voice.of(engine, cache)
    backup = _Voice.of(fallback, cache) if fallback is not None else None
    workers = worker_count(engine, jobs)
    window = workers * WINDOW_PER_WORKER
    total = len(segments)
    pending: dict[int, Future[Clip]] = {}
    counted: set[Future[Clip]] = set()  # finished, reported, not yet handed back
    done = 0

    def count(finished: Iterable[Future[Clip]]) -> None:
        nonlocal done
        for future in finished:
            if future not in counted:
                counted.add(future)
                done += 1
                if on_progress:
                    on_progress(done, total)

    pool = ThreadPoolExecutor(workers, thread_name_prefix="briefing-speak")
    try:
        submitted = 0

        def submit_up_to(last: int) -> None:
            nonlocal submitted
            while submitted < min(total, last):
                item = segments[submitted]
                pending[submitted] = pool.submit(_speak, voice, backup, item, cache)
                submitted += 1

        submit_up_to(1 if first_alone else window)
        for index in range(total):
            future = pending.pop(index)
            while not future.done():
                # Wait only on futures not yet counted: a finished one would return at once
                # and turn this loop into a busy wait that takes a core from synthesis.
                running = [f for f in (future, *pending.values()) if f not in counted]
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                count(finished)
            count([future])
            counted.discard(future)  # hold no finished audio longer than needed
            submit_up_to(index + 1 + window)  # before it is handed back: the pool stays busy
            yield future.result()
    finally:
        # On error or interrupt, drop what has not started; running segments finish and
        # (being complete) may still be cached.
        pool.shutdown(wait=False, cancel_futures=True)
