"""``briefing serve`` in a real browser: Debian's Chromium, headless, driven by Playwright.

Open an episode, press play, see the time advance and the highlighted sentence follow it,
click a chapter and see the seek, change the speed; narrate a pasted text from the front page
and land on its episode. The server is the real one (uvicorn) on 127.0.0.1.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("starlette")
playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (scripts/test.sh installs it as root)"
)

ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required", "--mute-audio",
]  # fmt: skip


@pytest.fixture
def server(tmp_path, tone_engine):
    import uvicorn

    from briefing.pipeline import narrate
    from briefing.serve.app import create_app
    from briefing.settings import Settings

    folder = tmp_path / "pod"
    stories = []
    for n in range(2):
        story = tmp_path / f"s{n}.txt"
        story.write_text(
            f"Story number {n}\n\n"
            + "\n\n".join(f"Paragraph {i} of story {n} is read aloud here." for i in range(4))
        )
        stories.append(story)
    narrate(stories, folder / "today.mp3", Settings(engine="tone", show="Today"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(folder, settings=Settings(engine="tone"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not web.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", folder
    web.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path):
    with playwright_api.sync_playwright() as play:
        chrome = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chrome
        finally:
            chrome.close()


def test_player_follows_the_words_and_seeks_by_chapter(server, browser):
    base, _ = server
    page = browser.new_page()
    page.goto(f"{base}/episodes/today")
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    duration = page.evaluate("document.getElementById('player').duration")
    assert duration > 5
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("document.getElementById('player').currentTime > 1.2", timeout=15000)
    # Read the speaking cue in the page in one step: between two cues none is speaking.
    speaking = (
        "(document.querySelector('#transcript .cue.speaking') || {dataset: {}}).dataset.start"
    )
    first = page.wait_for_function(f"{speaking} || null", timeout=5000).json_value()
    page.wait_for_function(
        f"({speaking} || '{first}') !== '{first}'", timeout=15000
    )  # the highlight moved on to another cue with the audio
    chapters = page.locator(".chapters button")
    assert chapters.count() == 4  # introduction, two stories, closing
    target = int(chapters.nth(2).get_attribute("data-start")) / 1000
    chapters.nth(2).click()
    page.wait_for_function(
        f"Math.abs(document.getElementById('player').currentTime - {target}) < 1.0", timeout=5000
    )
    page.select_option("#speed", "1.5")
    assert page.evaluate("document.getElementById('player').playbackRate") == 1.5
    assert page.locator("details.dropped").count() == 0  # nothing was dropped from these


def test_narrate_from_the_front_page(server, browser):
    base, folder = server
    page = browser.new_page()
    page.goto(base)
    assert "Today" in page.content()
    page.fill("textarea[name=text]", "From the browser\nThis story was pasted into the page.")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/episodes/from-the-browser", timeout=60000)
    assert page.locator("h1").inner_text() == "From the browser"
    assert (folder / "from-the-browser.mp3").is_file()
