"""How synthesis scales on a Dask cluster (issue 15): a four-story briefing on one worker and
on two, each a process with one thread, on this machine's loopback.

Each build uses the default voice, no segment cache, and a fresh client; the workers are
started first and their voice loaded by a warm-up build, so the figures are the steady state
of a cluster that is up. The workers run as the README tells: one thread each, with
``briefing.cluster.QUIET_DASK`` (``--dask-defaults`` keeps Dask's own settings). Prints the
wall time of each, the ratio (target: two workers in at most 0.6x the time of one), and the
audio seconds per wall second per worker, from which the note estimates throughput on more
machines.

    python scripts/bench_cluster.py [STORY.txt ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_STORIES = sorted((REPO.parent / "shared" / "articles").glob("*.txt"))[:4]


def timed_build(stories: list[Path], address: str, out: Path) -> tuple[float, float]:
    from briefing.pipeline import narrate
    from briefing.settings import Settings

    settings = Settings(cache=False, cluster=address, overwrite=True, show="Bench")
    start = time.perf_counter()
    episode = narrate(stories, out, settings)
    return time.perf_counter() - start, episode.duration_ms / 1000


def main() -> None:
    import dask
    from distributed import LocalCluster

    from briefing.cluster import QUIET_DASK

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--dask-defaults", action="store_true",
                        help="Dask's own settings, not briefing.cluster.QUIET_DASK")  # fmt: skip
    args = parser.parse_args()
    if not args.dask_defaults:
        dask.config.set(QUIET_DASK)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "bench.mp3"
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              host="127.0.0.1", dashboard_address=None,
                              silence_logs=40) as cluster:  # fmt: skip
                timed_build(args.stories[:1], cluster.scheduler_address, out)  # warm-up
                wall, audio = timed_build(args.stories, cluster.scheduler_address, out)
                rows.append((workers, wall, audio))
    settings = "Dask's defaults" if args.dask_defaults else "QUIET_DASK"
    print(f"{len(args.stories)} stories, {rows[0][2]:.0f} s of audio; {settings}\n")
    print("| workers | wall | audio s per wall s per worker |\n| ---: | ---: | ---: |")
    for workers, wall, audio in rows:
        print(f"| {workers} | {wall:.1f} s | {audio / wall / workers:.1f} |")
    print(f"\ntwo workers / one: {rows[1][1] / rows[0][1]:.2f} (target <= 0.60)")


if __name__ == "__main__":
    main()
