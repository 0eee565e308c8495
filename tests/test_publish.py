"""``briefing publish``: a show filled from a feed on 127.0.0.1 that changes between runs."""

from __future__ import annotations

import fcntl
import hashlib
import http.server
import json
import threading
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import local_server

from briefing.cli import cli
from briefing.errors import InputError
from briefing.publish import (
    ALL_DONE,
    NOTHING_DONE,
    PARTLY_DONE,
    ShowBusy,
    State,
    load_show,
    parse_interval,
    run_show,
)

BODY = " ".join(["The council met on Monday to discuss the plan in detail."] * 15)


class Site:
    """A news site whose feed the test edits between runs; it answers conditional GETs."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[str, str | None]] = {}  # slug -> (title, full content)
        self.pages: dict[str, str] = {}
        self.requests: list[tuple[str, int]] = []
        self.base = ""

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{title}</title><link>{self.base}/{slug}</link><guid>{slug}</guid>"
            f"<pubDate>Mon, {10 + n:02d} Nov 2026 08:00:00 GMT</pubDate>"
            "<description>Teaser.</description>"
            + (
                f"<content:encoded><![CDATA[<p>{content}</p>]]></content:encoded>"
                if content
                else ""
            )
            + "</item>"
            for n, (slug, (title, content)) in enumerate(self.items.items())
        )
        return (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Town</title>{items}</channel></rss>"
        ).encode()

    def handler(self):
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/rss":
                    body = site.feed()
                    etag = '"' + hashlib.md5(body).hexdigest() + '"'
                    if self.headers.get("If-None-Match") == etag:
                        site.requests.append((self.path, 304))
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return
                    kind, extra = "application/rss+xml", {"ETag": etag}
                elif self.path.lstrip("/") in site.pages:
                    body, kind, extra = site.pages[self.path.lstrip("/")].encode(), "text/html", {}
                else:
                    site.requests.append((self.path, 404))
                    self.send_response(404)
                    self.end_headers()
                    return
                site.requests.append((self.path, 200))
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler


def page(title: str, text: str = BODY) -> str:
    return f"<html><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


@pytest.fixture
def site(tmp_path, tone_engine):
    news = Site()
    with local_server(news.handler()) as base:
        news.base = base
        yield news


def show_file(tmp_path, site, **extra) -> object:
    lines = [
        "[show]",
        'title = "Town News Daily"',
        'base_url = "https://example.org/pod/"',
        'folder = "shows/town"',
        'engine = "tone"',
        'author = "Town Desk"',
        *(f"{key} = {json.dumps(value)}" for key, value in extra.items()),
        "[[source]]",
        f'feed = "{site.base}/rss"',
    ]
    path = tmp_path / "town.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def feed_items(folder):
    root = ET.parse(folder / "feed.xml").getroot()
    return {item.findtext("title"): item.findtext("guid") for item in root.iter("item")}


def test_runs_narrate_exactly_what_is_new_and_what_changed(tmp_path, site):
    site.items = {"a": ("Bridge opens", None), "b": ("Budget passes", BODY)}
    site.pages = {"a": page("Bridge opens")}
    show = load_show(show_file(tmp_path, site))
    first = run_show(show)
    assert sorted(first.new) == ["Bridge opens", "Budget passes"] and first.exit_code == ALL_DONE
    folder = tmp_path / "shows" / "town"
    guids = feed_items(folder)
    assert set(guids) == {"Bridge opens", "Budget passes"}
    feed_bytes = (folder / "feed.xml").read_bytes()

    site.requests.clear()
    second = run_show(show)  # nothing changed: a 304, no synthesis, the same feed
    assert (second.new, second.updated, second.failed) == ([], [], [])
    assert site.requests == [("/rss", 304)]
    assert (folder / "feed.xml").read_bytes() == feed_bytes

    site.items["c"] = ("Park reopens", BODY)
    site.items["b"] = ("Budget passes", BODY + " A correction was made.")  # a correction
    third = run_show(show)
    assert third.new == ["Park reopens"] and third.updated == ["Updated: Budget passes"]
    after = feed_items(folder)
    assert after["Updated: Budget passes"] == guids["Budget passes"]  # the same episode guid
    assert after["Bridge opens"] == guids["Bridge opens"] and len(after) == 3
    assert len(list(folder.glob("*.mp3"))) == 3


def test_a_failing_item_is_recorded_and_the_run_goes_on(tmp_path, site):
    site.items = {"gone": ("Gone story", None), "ok": ("Good story", BODY)}
    show = load_show(show_file(tmp_path, site))
    report = run_show(show)
    assert report.new == ["Good story"] and report.exit_code == PARTLY_DONE
    assert report.failed[0][0] == "Gone story" and "404" in report.failed[0][1]
    state = State(show.folder)
    try:
        [failure] = state.failures()
        assert failure["attempts"] == 1
    finally:
        state.close()
    site.pages["gone"] = page("Gone story")  # the page is back: the next run narrates it
    again = run_show(show)
    assert again.new == ["Gone story"] and again.exit_code == ALL_DONE
    site.items = {"gone2": ("Also gone", None)}
    assert run_show(show).exit_code == NOTHING_DONE


def test_retention_keeps_the_newest(tmp_path, site):
    site.items = {f"s{n}": (f"Story {n}", BODY + f" Number {n}.") for n in range(3)}
    show = load_show(show_file(tmp_path, site, keep_episodes=2))
    report = run_show(show)
    assert len(report.new) == 3 and len(report.removed) == 1
    assert len(list(show.folder.glob("*.mp3"))) == 2
    assert len(list(show.folder.glob("*.vtt"))) == 2  # sidecars went with it
    assert len(feed_items(show.folder)) == 2
    assert run_show(show).new == []  # a removed episode's story is not narrated again


def test_briefing_mode_makes_one_episode_of_the_new_stories(tmp_path, site):
    site.items = {"a": ("First", BODY), "b": ("Second", BODY + " More.")}
    show = load_show(show_file(tmp_path, site, mode="briefing"))
    report = run_show(show)
    assert len(report.new) == 2
    [mp3] = show.folder.glob("*.mp3")
    manifest = json.loads(mp3.with_suffix(".json").read_text())
    assert [s["title"] for s in manifest["stories"]] == ["Second", "First"]


def test_the_lock_keeps_a_second_run_out(tmp_path, site):
    site.items = {"a": ("First", BODY)}
    show = load_show(show_file(tmp_path, site))
    (show.folder / ".briefing").mkdir(parents=True)
    with (show.folder / ".briefing" / "lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ShowBusy, match="another run is publishing this show"):
            run_show(show)
    assert run_show(show).new == ["First"]


def test_an_interrupted_run_is_recovered(tmp_path, site, tone_engine, monkeypatch):
    site.items = {"a": ("First", BODY), "b": ("Second", BODY + " More.")}
    show = load_show(show_file(tmp_path, site))
    calls = []
    original = tone_engine.synthesize

    def stop_on_second_story(self, text):  # newest first: "Second", then "First"
        calls.append(text)
        if "First" in text:
            raise KeyboardInterrupt
        return original(self, text)

    monkeypatch.setattr(tone_engine, "synthesize", stop_on_second_story)
    with pytest.raises(KeyboardInterrupt):
        run_show(show)
    monkeypatch.setattr(tone_engine, "synthesize", original)
    assert not list(show.folder.glob(".*.mp3*"))  # no partial file
    report = run_show(show)
    assert report.new == ["First"]  # "Second" was recorded before the stop
    state = State(show.folder)
    try:
        assert [run["status"] for run in state.runs()] == ["done", "interrupted"]
    finally:
        state.close()


def test_cli_status_and_exit_codes(tmp_path, site):
    site.items = {"a": ("First", BODY), "gone": ("Gone", None)}
    config = show_file(tmp_path, site)
    result = CliRunner().invoke(cli, ["publish", str(config)])
    assert result.exit_code == PARTLY_DONE
    assert "Town News Daily: 1 new, 0 updated, 1 failed" in result.output
    status = CliRunner().invoke(cli, ["publish", str(config), "--status"])
    assert status.exit_code == 0
    assert "1 episodes" in status.output and "partly done" in status.output
    assert "Gone:" in status.output and "404" in status.output
    both = CliRunner().invoke(cli, ["publish", str(config), "--once", "--every", "1m"])
    assert both.exit_code == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no [show] table"),
        ("[show]\ntitle = 'x'\n", "needs base_url"),
        ("[show]\ntitle='x'\nbase_url='https://x.org/'\nfolder='f'\n", "no [[source]]"),
        (
            "[show]\ntitle='x'\nbase_url='https://x.org/'\nfolder='f'\nmode='daily'\n[[source]]\nfeed='f'\n",
            "mode",
        ),
        (
            "[show]\ntitle='x'\nbase_url='https://x.org/'\nfolder='f'\ncolour=1\n[[source]]\nfeed='f'\n",
            "'colour'",
        ),
        (
            "[show]\ntitle='x'\nbase_url='https://x.org/'\nfolder='f'\n[[source]]\nfeed='f'\nurl='u'\n",
            "exactly one",
        ),
        (
            "[show]\ntitle='x'\nbase_url='https://x.org/'\nfolder='f'\nlanguage='xx'\n[[source]]\nfeed='f'\n",
            "'xx'",
        ),
    ],
)
def test_show_file_errors_name_the_file(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError) as error:
        load_show(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("", "base_url must be the http(s):// address"),
        ("engine = 'nope'", "unknown engine 'nope'"),
        ("engine = 'espeak'\nengine_options = {pitch = 500}", "pitch must be 0 to 99"),
        ("speed = 9", "speed must be a number from 0.25 to 4"),
        ("explicit = 'false'", "explicit must be true or false"),
        ("bitrate = 64", "bitrate 64 is not an MP3 bitrate"),
        ("cover = 'missing.png'", "cover: no such file"),
        ("voice = 'nope-voice'", "no installed Piper voice 'nope-voice'"),
    ],
)
def test_show_values_are_checked_before_any_work(tmp_path, extra, message):
    path = tmp_path / "show.toml"
    url = "ftp://nowhere" if not extra else "https://x.org/"
    base = f"[show]\ntitle='x'\nbase_url='{url}'\nfolder='f'\n"
    path.write_text(base + extra + "\n[[source]]\nfeed='f'\n")
    with pytest.raises(InputError) as error:
        load_show(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


def test_two_stories_with_one_title_get_two_episodes(tmp_path, tone_engine):
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "one.txt").write_text("Weather update\n\nRain all day in the valley.\n")
    (stories / ".draft.txt").write_text("Hidden\n\nNot for the show.\n")
    show_path = tmp_path / "show.toml"
    show_path.write_text(
        "[show]\ntitle='Weather'\nbase_url='https://x.org/'\nfolder='pod'\nengine='tone'\n"
        "[[source]]\nfolder='stories'\n"
    )
    show = load_show(show_path)
    assert run_show(show).new == ["Weather update"]
    (stories / "two.txt").write_text("Weather update\n\nSun all day in the valley.\n")
    assert run_show(show).new == ["Weather update"]
    files = sorted(p.name for p in show.folder.glob("*.mp3"))
    assert len(files) == 2 and files[0].endswith("weather-update-2.mp3"), files
    root = ET.parse(show.folder / "feed.xml").getroot()
    assert len(list(root.iter("item"))) == 2


def test_an_old_failure_does_not_fail_quiet_runs(tmp_path, site):
    site.items = {"gone": ("Gone story", None), "ok": ("Good story", BODY)}
    show = load_show(show_file(tmp_path, site))
    assert run_show(show).exit_code == PARTLY_DONE
    quiet = run_show(show)  # nothing new; the gone page is tried again and still fails
    assert quiet.exit_code == ALL_DONE and len(quiet.still_failing) == 1
    assert "1 still failing" in quiet.summary()


def test_briefing_mode_status_has_no_false_update(tmp_path, site):
    site.items = {"a": ("First", BODY), "b": ("Second", BODY + " More.")}
    config = show_file(tmp_path, site, mode="briefing")
    run_show(load_show(config))
    status = CliRunner().invoke(cli, ["publish", str(config), "--status"])
    assert "(updated)" not in status.output and "1 episodes" in status.output


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200
    assert parse_interval("90") == 90
    for bad in ("soon", "1s", "-5m"):
        with pytest.raises(InputError):
            parse_interval(bad)


def test_every_keeps_running_until_stopped(tmp_path, site, monkeypatch):
    """--every runs, sleeps, runs again; a stop between runs ends it cleanly."""
    from briefing.errors import Interrupted

    site.items = {"a": ("First", BODY)}
    config = show_file(tmp_path, site)
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise Interrupted("SIGTERM", 143)
        site.items["b"] = ("Second", BODY + " More.")

    monkeypatch.setattr("briefing.cli.time.sleep", sleep)
    result = CliRunner().invoke(cli, ["publish", str(config), "--every", "15m"])
    assert result.exit_code == 0, result.output
    assert sleeps == [900.0, 900.0]
    assert "1 new" in result.output and "stopped between runs" in result.output
    assert threading.active_count() >= 1


def test_a_page_source_is_fetched_once_a_run(tmp_path, site):
    site.pages = {"story": page("Harbour reopens")}
    path = tmp_path / "page.toml"
    path.write_text(
        "[show]\ntitle='Pages'\nbase_url='https://x.org/'\nfolder='pod'\nengine='tone'\n"
        f"[[source]]\nurl='{site.base}/story'\n"
    )
    show = load_show(path)
    assert run_show(show).new == ["Harbour reopens"]
    assert [r for r in site.requests if r[0] == "/story"] == [("/story", 200)]
    assert run_show(show).new == []  # unchanged: fetched again, not narrated again
    site.pages["story"] = page("Harbour reopens", BODY + " A correction.")
    assert run_show(show).updated == ["Updated: Harbour reopens"]
    assert len([r for r in site.requests if r[0] == "/story"]) == 3
