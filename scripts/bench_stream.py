"""Time to first audio when streaming (``briefing build ARTICLE -o -``), against the file build.

Each run is a fresh process, as a user runs it, with the default engine and no segment cache
(``--no-cache``; the voice has been split at its vocoder once beforehand, as after any first
use). Prints, over ``--runs`` runs (median, and the range):

- first byte: seconds from the start of the process to the first MP3 byte on its stdout;
- whole stream: seconds until the stream ends;
- the file build's wall time, and the durations of both MP3s as ffmpeg decodes them (the
  stream must be a valid MP3 as long as the file).

    python scripts/bench_stream.py [ARTICLE] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = REPO.parent / "shared" / "articles" / "globalnews_soleimani.txt"
BRIEFING = str(Path(sys.executable).parent / "briefing")


def streamed(article: Path, env: dict[str, str]) -> tuple[float, float, bytes]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [BRIEFING, "build", str(article), "-o", "-", "-q", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, bufsize=0,
    )  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.read(1)
    first_at = time.perf_counter() - start
    rest, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"stream failed: {err.decode(errors='replace').strip()}")
    return first_at, time.perf_counter() - start, first + rest


def seconds_of(data: bytes) -> float:
    sys.path.insert(0, str(REPO))
    from briefing.audio import decode_mp3

    return len(decode_mp3(data)) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(Path(work) / "cache"),
               "BRIEFING_CONFIG": os.devnull}  # fmt: skip
        mp3 = Path(work) / "file.mp3"
        subprocess.run(
            [BRIEFING, "build", str(args.article), "-o", str(mp3), "-q"], env=env, check=True
        )  # fmt: skip  (splits the voice once)
        start = time.perf_counter()
        subprocess.run([BRIEFING, "build", str(args.article), "-o", str(mp3), "-q", "--force",
                        "--no-cache"], env=env, check=True)  # fmt: skip
        file_wall = time.perf_counter() - start
        runs = [streamed(args.article, env) for _ in range(args.runs)]
        firsts, wholes = [r[0] for r in runs], [r[1] for r in runs]
        print(f"article: {args.article.name}, {args.runs} runs\n")
        print("| measure | median | range |\n| --- | ---: | --- |")
        print(f"| first MP3 byte on stdout | {statistics.median(firsts):.2f} s | "
              f"{min(firsts):.2f}-{max(firsts):.2f} s |")  # fmt: skip
        print(f"| whole stream | {statistics.median(wholes):.2f} s | "
              f"{min(wholes):.2f}-{max(wholes):.2f} s |")  # fmt: skip
        print(f"| file build (-o FILE) | {file_wall:.2f} s | one run |")
        print(f"| duration: stream / file | {seconds_of(runs[0][2]):.1f} s / "
              f"{seconds_of(mp3.read_bytes()):.1f} s | |")  # fmt: skip


if __name__ == "__main__":
    main()
