"""How fast ``briefing serve`` answers with 100 episodes in its folder (issue 14: under 100 ms).

Builds one short episode with espeak (or the default voice with ``--engine piper``), copies it
with its sidecars under 100 names, starts the real server (uvicorn) on 127.0.0.1 and times, over
``--runs`` requests each (after one warm-up), the episode list, an episode page, a 64 KB range
of an MP3, and the feed. Optionally saves a screenshot of an episode page taken in headless
Chromium (``--screenshot FILE``), as the README shows.

    python scripts/bench_serve.py [--runs 20] [--screenshot docs/serve-episode.png]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

STORY = """Harbour reopens after the storm

The harbour reopened on Tuesday, three days after the storm closed it to every ship.

Story continues below advertisement

Crews worked through the night to clear the channel, the port authority said.

Fishing boats were the first to leave, followed by the morning ferry to the islands.
"""


def fill(folder: Path, engine: str, count: int) -> None:
    from briefing.formats import sidecar_paths
    from briefing.pipeline import narrate
    from briefing.podcast import write_feed
    from briefing.settings import Settings

    story = folder.parent / "story.txt"
    story.write_text(STORY)
    first = folder / "episode-000.mp3"
    narrate([story, story], first, Settings(engine=engine, show="Harbour Daily"))
    for number in range(1, count):
        mp3 = folder / f"episode-{number:03d}.mp3"
        shutil.copy(first, mp3)
        for kind, path in sidecar_paths(first).items():
            shutil.copy(path, sidecar_paths(mp3)[kind])
    write_feed(folder, "https://example.org/pod/")


def timed(url: str, runs: int, headers: dict[str, str] | None = None) -> list[float]:
    times = []
    for _ in range(runs + 1):
        request = urllib.request.Request(url, headers=headers or {})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
        times.append(time.perf_counter() - start)
    return times[1:]


def main() -> None:
    import uvicorn

    from briefing.serve.app import create_app

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--engine", default="espeak")
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "pod"
        fill(folder, args.engine, args.episodes)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(folder), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        pages = {
            "episode list (/)": (f"{base}/", None),
            "episode page": (f"{base}/episodes/episode-050", None),
            "MP3, 64 KB range": (f"{base}/files/episode-050.mp3", {"Range": "bytes=0-65535"}),
            "feed.xml": (f"{base}/feed.xml", None),
        }
        print(f"{args.episodes} episodes, {args.runs} requests each\n")
        print("| page | median | slowest |\n| --- | ---: | ---: |")
        for name, (url, headers) in pages.items():
            times = timed(url, args.runs, headers)
            print(f"| {name} | {statistics.median(times) * 1000:.1f} ms | "
                  f"{max(times) * 1000:.1f} ms |")  # fmt: skip
        if args.screenshot:
            screenshot(f"{base}/episodes/episode-000", args.screenshot)
        server.should_exit = True


def screenshot(url: str, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium on PATH for the screenshot")
    with sync_playwright() as play:
        browser = play.chromium.launch(
            executable_path=chromium,
            args=["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        )  # fmt: skip
        page = browser.new_page(viewport={"width": 900, "height": 1000})
        page.goto(url)
        page.wait_for_function("document.getElementById('player').readyState >= 1")
        page.evaluate("document.getElementById('player').currentTime = 9")
        page.evaluate("document.querySelector('details.dropped')?.setAttribute('open', '')")
        page.wait_for_selector(".cue.speaking")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        browser.close()
    print(f"\nscreenshot: {target}")


if __name__ == "__main__":
    main()
