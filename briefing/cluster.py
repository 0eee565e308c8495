"""Synthesis on a Dask cluster (``--cluster ADDRESS``): segments spoken by many machines.

The client (the machine running ``briefing build`` or ``publish``) does everything but speak:
it loads, cleans and segments, looks each segment up in its segment cache, sends the misses
to the cluster's workers one segment a task, and assembles, normalizes loudness and writes as
a local build does. Segments are the unit, not stories: they are many and short, so two
workers stay busy whatever the stories' lengths, and a lost worker costs seconds of work.

- Order: tasks are submitted a window ahead and handed back strictly in segment order, as
  local synthesis does, so memory stays flat.
- The cache stays on the client: workers need no shared storage, and a rebuild after a
  cluster run is as fast as after a local one (the audio is the same bytes).
- Voices load once per worker process: the engine is kept in the worker between tasks,
  keyed by everything that shapes its audio.
- Failures: Dask reruns the tasks of a worker that dies on the others; a task that raises an
  engine error goes to the fallback engine (on the client) when there is one; a scheduler that
  cannot be reached is a one-line error at once.

Workers are started with Dask's own commands on any machine with briefing installed::

    export DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False   # see QUIET_DASK, on every machine
    export DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=100ms
    export DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL=5s
    export DASK_DISTRIBUTED__WORKER__MEMORY__MONITOR_INTERVAL=1s
    dask scheduler                                   # on one machine: tcp://HOST:8786
    dask worker tcp://HOST:8786 --nthreads 1 --nworkers auto   # on each, one per core
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.errors import EngineError, EngineUnavailable
from briefing.models import Clip, Segment
from briefing.settings import VoiceSettings

if TYPE_CHECKING:
    from briefing.cache import SegmentCache
    from briefing.engines.base import Engine
    from briefing.synthesize import Progress

log = logging.getLogger(__name__)

QUIET_DASK = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "100ms",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings for synthesis workers (the README's environment variables). Dask's defaults
sample every worker's stack every 10 ms, check each event loop every 20 ms and poll psutil
twice a second: an idle cluster of two workers took 13% of a core here, 4% with these; a
busy worker's profiler alone 10 to 15% of its CPU. All they cost is the dashboard's
profile page and finer resource plots."""
CONNECT_SECONDS = 3.0
WINDOW_PER_WORKER = 4


@dataclass(frozen=True)
class EngineSpec:
    """What a worker needs to build the engine itself: its name and settings."""

    name: str
    settings: VoiceSettings
    options: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, name: str, settings: VoiceSettings, options: Mapping[str, object]) -> EngineSpec:
        return cls(name, settings, tuple(sorted((k, str(v)) for k, v in options.items())))


_engines: dict[EngineSpec, Engine] = {}
_engines_lock = threading.Lock()


def speak_on_worker(spec: EngineSpec, text: str) -> tuple[bytes, int, Any, Any]:
    """A task: the segment's 16-bit PCM, its rate and its loudness profile (energy, peaks),
    spoken by this worker's engine (built on its first task, then kept)."""
    from briefing.audio import from_pcm16, to_pcm16
    from briefing.engines.base import build_engine
    from briefing.loudness import profile

    with _engines_lock:
        engine = _engines.get(spec)
        if engine is None:
            engine = build_engine(spec.name, spec.settings, dict(spec.options))
            _engines[spec] = engine
    audio = engine.synthesize(text)
    pcm = to_pcm16(audio.samples)
    summary = profile(from_pcm16(pcm), audio.rate)
    return pcm.tobytes(), audio.rate, summary.energy, summary.peak


def connect(address: str) -> Any:
    """A Dask client of the scheduler at ``address``; one line when it cannot be reached."""
    try:
        from distributed import Client
    except ImportError:
        raise EngineUnavailable(
            "--cluster needs Dask's distributed package: pip install 'briefing[cluster]'"
        ) from None
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise EngineUnavailable(
            f"cannot reach the Dask scheduler at {address} ({reason[:120]}); start it with "
            "`dask scheduler` and workers with `dask worker ADDRESS`, or build without --cluster"
        ) from None


def speak_on_cluster(
    address: str,
    spec: EngineSpec,
    engine: Engine,
    segments: Sequence[Segment],
    cache: SegmentCache | None = None,
    on_progress: Progress | None = None,
    fallback: Engine | None = None,
) -> Iterator[Clip]:
    """Every segment's audio, in segment order, spoken on the cluster at ``address``; ``engine``
    is the local copy of the engine, for its cache identity (and nothing is synthesized by it)."""
    import numpy as np

    from briefing.audio import from_pcm16
    from briefing.cache import CachedClip
    from briefing.loudness import Profile
    from briefing.synthesize import _speak, _Voice

    client = connect(address)
    futures: dict[int, Any] = {}
    backup = _Voice.of(fallback, cache) if fallback is not None else None
    try:
        workers = max(1, sum(client.nthreads().values()))
        window = workers * WINDOW_PER_WORKER
        identity = engine.identity() if cache is not None else None
        keys = [
            cache.key(identity, s.spoken) if cache is not None and identity else None
            for s in segments
        ]
        total = len(segments)
        submitted = 0

        def hit(index: int) -> Clip | None:
            key = keys[index]
            found = cache.get(key) if cache is not None and key is not None else None
            if found is None:
                return None
            return Clip(segments[index], from_pcm16(found.pcm), found.rate, found.profile, True,
                        engine.name)  # fmt: skip

        cached: dict[int, Clip] = {}
        for index in range(total):
            while submitted < min(total, index + window):
                clip = hit(submitted)
                if clip is not None:
                    cached[submitted] = clip
                else:
                    futures[submitted] = client.submit(
                        speak_on_worker, spec, segments[submitted].spoken, pure=False
                    )
                submitted += 1
            if index in cached:
                result = cached.pop(index)
            else:
                future = futures.pop(index)
                try:
                    data, rate, energy, peak = future.result()
                except EngineError as error:
                    if backup is None:
                        raise
                    log.warning("segment %d: %s; narrating it with %s", index, error,
                                backup.engine.name)  # fmt: skip
                    result = _speak(backup, None, segments[index], cache)
                else:
                    pcm = np.frombuffer(data, dtype="<i2")
                    summary = Profile(energy, peak)
                    if cache is not None and keys[index] is not None:
                        cache.put(keys[index] or "", CachedClip(pcm, rate, summary))
                    result = Clip(segments[index], from_pcm16(pcm), rate, summary, False,
                                  engine.name)  # fmt: skip
            if on_progress is not None:
                on_progress(index + 1, total)  # handed back in order: index + 1 are done
            yield result
    finally:  # on an error or a stop, drop what is still queued
        for future in futures.values():
            future.cancel()
        client.close()
