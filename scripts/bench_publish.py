"""How long ``briefing publish`` takes when nothing is new (issue 13: under 1 s, no synthesis).

Serves a feed of three short stories from 127.0.0.1 (answering conditional GETs), runs
``briefing publish SHOW.toml`` once to narrate them with the default engine, then ``--runs``
more times with nothing new, each in a fresh process as cron would start it, and prints the
median and range of those, and whether the server answered 304.

    python scripts/bench_publish.py [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BRIEFING = str(Path(sys.executable).parent / "briefing")
STORY = "The council met on Monday and voted to repair the old bridge before winter."


def feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/{n}</link><guid>story-{n}</guid>"
        f"<pubDate>Mon, 0{n + 1} Jun 2026 08:00:00 GMT</pubDate><content:encoded><![CDATA["
        f"<p>{STORY} Story {n} ends here.</p>]]></content:encoded></item>"
        for n in range(3)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>'
        f"{items}</channel></rss>"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    answers: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *rest: object) -> None:
            pass

        def do_GET(self) -> None:
            body = feed(f"http://127.0.0.1:{self.server.server_address[1]}")
            etag = '"' + hashlib.md5(body).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                answers.append(304)
                self.send_response(304)
                self.end_headers()
                return
            answers.append(200)
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as work:
        show = Path(work) / "show.toml"
        show.write_text(
            f'[show]\ntitle = "Bench"\nbase_url = "https://example.org/"\nfolder = "pod"\n'
            f'[[source]]\nfeed = "http://127.0.0.1:{server.server_address[1]}/rss"\n'
        )
        env = {**os.environ, "BRIEFING_CACHE_DIR": str(Path(work) / "cache"),
               "BRIEFING_CONFIG": os.devnull}  # fmt: skip
        start = time.perf_counter()
        subprocess.run([BRIEFING, "publish", str(show)], env=env, check=True, capture_output=True)
        first = time.perf_counter() - start
        walls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run([BRIEFING, "publish", str(show)], env=env, capture_output=True,
                                  text=True, check=True)  # fmt: skip
            walls.append(time.perf_counter() - start)
            assert "0 new, 0 updated" in done.stderr + done.stdout, done.stderr
    server.shutdown()
    print("| measure | value |\n| --- | --- |")
    print(f"| first run (3 stories narrated) | {first:.2f} s |")
    print(f"| nothing new, median of {args.runs} | {statistics.median(walls):.2f} s "
          f"({min(walls):.2f}-{max(walls):.2f} s) |")  # fmt: skip
    print(f"| answers to the later runs | {sorted(set(answers[1:]))} |")


if __name__ == "__main__":
    main()
