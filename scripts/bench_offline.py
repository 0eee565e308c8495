"""How fast an online engine gives up when the machine is offline (issue 12, item 4).

Times, each in a fresh process as a user runs it, on a machine with no route to Google:

(a) ``briefing build ARTICLE --engine gtts``: the one-line error and its exit code;
(b) ``briefing build ARTICLE --engine gtts --fallback-engine piper``: the whole build, every
    segment handed to Piper;
(c) ``briefing build ARTICLE --engine piper``: the same build with Piper alone, for scale;
(d) ``briefing engines``: the listing, with its reachability check.

    python scripts/bench_offline.py [ARTICLE]

It refuses to run when translate.google.com answers (the numbers would not be offline ones).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - start, done.returncode, (done.stderr or done.stdout).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "article", nargs="?", type=Path, default=REPO / "samples/sample_article.txt"
    )
    args = parser.parse_args()
    try:
        socket.create_connection(("translate.google.com", 443), timeout=3).close()
    except OSError:
        pass
    else:
        sys.exit("translate.google.com is reachable: run this on an offline machine")
    briefing = str(BIN / "briefing")
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(Path(work) / "cache")}
        out = Path(work)
        rows = [
            ("(a) gtts offline: error", [briefing, "build", str(args.article), "-e", "gtts",
                                         "-o", str(out / "a.mp3"), "-q"]),
            ("(b) gtts offline + --fallback-engine piper", [
                briefing, "build", str(args.article), "-e", "gtts", "--fallback-engine",
                "piper", "-o", str(out / "b.mp3"), "-q", "--no-cache"]),
            ("(c) piper alone", [briefing, "build", str(args.article), "-e", "piper",
                                 "-o", str(out / "c.mp3"), "-q", "--no-cache"]),
            ("(d) briefing engines", [briefing, "engines"]),
        ]  # fmt: skip
        print("| measure | wall s | exit | output |\n| --- | ---: | ---: | --- |")
        for name, command in rows:
            wall, code, text = timed(command, env)
            first = text.splitlines()[0] if text else ""
            if name.startswith("(d)"):
                first = next((line for line in text.splitlines() if line.startswith("gtts")), "")
            print(f"| {name} | {wall:.2f} | {code} | {first[:110]} |")


if __name__ == "__main__":
    main()
