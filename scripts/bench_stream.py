"""Time to first audio when streaming (``briefing build ARTICLE -o -``), against the file build.

Each run is a fresh process, as a user runs it, with the default engine and no segment cache
(``--no-cache``; the voice has been split at its vocoder once beforehand, as after any first
use). Prints, over ``--runs`` runs (median, and the range):

- first byte: seconds from the start of the process to the first MP3 byte on its stdout;
- first audio frame: seconds to the first byte after the stream's ID3 tag, the first sound a
  player can decode (ffmpeg writes the tag when the first clip arrives, so the two are close);
- whole stream: seconds until the stream ends;
- the file build's wall time, and the durations of both MP3s as ffmpeg decodes them (the
  stream must be a valid MP3 as long as the file).

    python scripts/bench_stream.py [ARTICLE] [--runs 5] [--first-only]
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


def streamed(
    article: Path, env: dict[str, str], first_only: bool = False
) -> tuple[float, float, float, bytes]:
    """Seconds to the first byte, to the first MP3 audio frame (after the ID3 tag: what a
    player needs to start) and to the end; and the stream."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [BRIEFING, "build", str(article), "-o", "-", "-q", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, bufsize=0,
    )  # fmt: skip
    assert process.stdout is not None
    head = process.stdout.read(1)
    first_at = time.perf_counter() - start
    while len(head) < 10:
        head += process.stdout.read(10 - len(head))
    tag_end = 0
    if head.startswith(b"ID3"):  # syncsafe size: 7 bits a byte
        tag_end = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(head[6:10]))
    while len(head) <= tag_end:
        chunk = process.stdout.read(tag_end + 1 - len(head))
        if not chunk:
            break
        head += chunk
    audio_at = time.perf_counter() - start
    if first_only:
        process.kill()
        process.communicate()
        return first_at, audio_at, float("nan"), head
    rest, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"stream failed: {err.decode(errors='replace').strip()}")
    return first_at, audio_at, time.perf_counter() - start, head + rest


def seconds_of(data: bytes) -> float:
    sys.path.insert(0, str(REPO))
    from briefing.audio import decode_mp3

    return len(decode_mp3(data)) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--first-only", action="store_true",
                        help="stop each stream at its first audio frame; no file build")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(Path(work) / "cache"),
               "BRIEFING_CONFIG": os.devnull}  # fmt: skip
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its compiled modules
        mp3 = Path(work) / "file.mp3"
        warm_up = (
            ["--text", "Warm up\nThe voice is split once."]
            if args.first_only
            else [str(args.article)]
        )
        subprocess.run(
            [BRIEFING, "build", *warm_up, "-o", str(mp3), "-q"], env=env, check=True
        )  # fmt: skip  (splits the voice once)
        file_wall = None
        if not args.first_only:
            start = time.perf_counter()
            subprocess.run([BRIEFING, "build", str(args.article), "-o", str(mp3), "-q", "--force",
                            "--no-cache"], env=env, check=True)  # fmt: skip
            file_wall = time.perf_counter() - start
        runs = [streamed(args.article, env, args.first_only) for _ in range(args.runs)]
        firsts, audios, wholes = ([r[i] for r in runs] for i in range(3))
        print(f"article: {args.article.name}, {args.runs} runs\n")
        print("| measure | median | range |\n| --- | ---: | --- |")
        print(f"| first MP3 byte on stdout | {statistics.median(firsts):.2f} s | "
              f"{min(firsts):.2f}-{max(firsts):.2f} s |")  # fmt: skip
        print(f"| first audio frame (after the ID3 tag) | {statistics.median(audios):.2f} s | "
              f"{min(audios):.2f}-{max(audios):.2f} s |")  # fmt: skip
        if file_wall is None:
            return
        print(f"| whole stream | {statistics.median(wholes):.2f} s | "
              f"{min(wholes):.2f}-{max(wholes):.2f} s |")  # fmt: skip
        print(f"| file build (-o FILE) | {file_wall:.2f} s | one run |")
        print(f"| duration: stream / file | {seconds_of(runs[0][3]):.1f} s / "
              f"{seconds_of(mp3.read_bytes()):.1f} s | |")  # fmt: skip


if __name__ == "__main__":
    main()
