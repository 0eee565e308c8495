"""``briefing serve``: the pages, byte ranges, traversal, the token and the narration queue, over
HTTP (Starlette's test client); then a real browser on a real server (tests/test_serve_browser.py)."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from briefing.pipeline import narrate
from briefing.serve.app import create_app
from briefing.settings import Settings

ARTICLE = (
    "Harbour reopens\n\nStory continues below advertisement\n\n"
    + "\n\n".join(f"Paragraph {i} tells how the harbour reopened." for i in range(3))
    + "\n"
)


@pytest.fixture
def folder(tmp_path, tone_engine):
    out = tmp_path / "pod"
    story = tmp_path / "a.txt"
    story.write_text(ARTICLE)
    other = tmp_path / "b.txt"
    other.write_text("Second story\n\nIt has one paragraph of its own.\n")
    narrate([story, other], out / "morning.mp3", Settings(engine="tone", show="Morning"))
    (tmp_path / "secret.txt").write_text("not for the web")
    for hidden in (
        out / ".briefing" / "state.sqlite3",
        out / ".hidden" / "f.txt",
        out / ".hidden.txt",
    ):
        hidden.parent.mkdir(parents=True, exist_ok=True)
        hidden.write_text("not for the web")
    return out


@pytest.fixture
def client(folder):
    with TestClient(create_app(folder, settings=Settings(engine="tone"))) as client:
        yield client


def wait_done(client, location: str) -> dict:
    job = location.rsplit("/", 1)[-1]
    for _ in range(600):
        state = client.get(f"/jobs/{job}/state").json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def test_index_lists_episodes(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Morning" in page.text and 'href="/episodes/morning"' in page.text
    assert "Harbour reopens" in page.text and "Second story" in page.text


def test_episode_page(client):
    page = client.get("/episodes/morning")
    assert page.status_code == 200
    text = page.text
    assert '<audio id="player"' in text and 'src="/files/morning.mp3"' in text
    assert '<track kind="subtitles"' in text and 'src="/files/morning.vtt"' in text
    assert text.count('class="cue"') >= 6 and 'data-start="' in text
    assert "Introduction" in text and "Closing" in text  # chapters
    assert "What was left out" in text and "Story continues below advertisement" in text
    assert "ad-label" in text  # and why
    assert client.get("/episodes/nothing").status_code == 404


def test_audio_is_served_with_ranges(client, folder):
    whole = (folder / "morning.mp3").read_bytes()
    full = client.get("/files/morning.mp3")
    assert full.status_code == 200 and full.headers["content-type"] == "audio/mpeg"
    assert full.headers["accept-ranges"] == "bytes" and int(full.headers["content-length"]) == len(
        whole
    )
    assert "max-age" in full.headers["cache-control"]
    part = client.get("/files/morning.mp3", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == whole[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(whole)}"
    tail = client.get("/files/morning.mp3", headers={"Range": f"bytes={len(whole) - 10}-"})
    assert tail.status_code == 206 and tail.content == whole[-10:]
    assert client.get("/files/morning.vtt").headers["content-type"].startswith("text/vtt")
    assert client.get("/episodes/morning/cover").headers["content-type"] == "image/png"


@pytest.mark.parametrize(
    "path",
    ["/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/..%2fsecret.txt",
     "/files/%2e%2e%2fsecret.txt", "/files//etc/passwd", "/files/.briefing/state.sqlite3",
     "/files/nope.mp3", "/episodes/..%2fsecret", "/files/.hidden/f.txt",
     "/files/%2ebriefing/state.sqlite3", "/files/.hidden.txt"],
)  # fmt: skip
def test_nothing_outside_the_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "not for the web" not in response.text


def test_feed(client, folder):
    assert client.get("/feed.xml").status_code == 404
    from briefing.podcast import write_feed

    write_feed(folder, "https://example.org/pod/")
    feed = client.get("/feed.xml")
    assert feed.status_code == 200 and "<rss" in feed.text
    assert "/feed.xml" in client.get("/").text


def test_narrate_text_from_the_page(client, folder):
    response = client.post(
        "/narrate", data={"text": "Pasted story\nIt was pasted into the page."},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303
    state = wait_done(client, response.headers["location"])
    assert state["status"] == "done", state
    assert (folder / state["episode"]).is_file() and state["episode"] == "pasted-story.mp3"
    page = client.get(response.headers["location"])  # a reload shows the finished job
    assert "pasted-story" in page.text
    events = client.get(response.headers["location"] + "/events")
    assert events.headers["content-type"].startswith("text/event-stream")
    assert '"status": "done"' in events.text.strip().splitlines()[-1]
    again = client.post(
        "/narrate", data={"text": "Pasted story\nOnce more."}, follow_redirects=False
    )
    assert wait_done(client, again.headers["location"])["episode"] == "pasted-story-2.mp3"


def test_narrate_errors_are_the_cli_line(client):
    bad = client.post("/narrate", data={"url": "ftp://example.org/x"})
    assert bad.status_code == 400 and "not a web address" in bad.text
    empty = client.post("/narrate", data={"text": "   "})
    assert empty.status_code == 400 and "nothing to narrate" in empty.text
    gone = client.post("/narrate", data={"url": "http://127.0.0.1:9/story"}, follow_redirects=False)
    state = wait_done(client, gone.headers["location"])
    assert state["status"] == "failed" and "cannot fetch the page" in state["error"]
    huge = client.post("/narrate", data={"text": "x" * 1_100_000})
    assert huge.status_code == 413


def test_the_token_guards_narration(folder):
    app = create_app(folder, token="s3cret", settings=Settings(engine="tone"))
    with TestClient(app) as client:
        refused = client.post("/narrate", data={"text": "A\nB."})
        assert refused.status_code == 403
        wrong = client.post("/narrate", data={"text": "A\nB.", "token": "guess"})
        assert wrong.status_code == 403
        form = client.post(
            "/narrate", data={"text": "A\nB.", "token": "s3cret"}, follow_redirects=False
        )
        assert form.status_code == 303
        bearer = client.post(
            "/narrate", data={"text": "C\nD."}, headers={"Authorization": "Bearer s3cret"},
            follow_redirects=False,
        )  # fmt: skip
        assert bearer.status_code == 303
        visit = client.get("/?token=s3cret")
        assert "briefing_token" in visit.headers.get("set-cookie", "")
        assert 'value="s3cret"' in visit.text
        cookie = client.post("/narrate", data={"text": "E\nF."}, follow_redirects=False)
        assert cookie.status_code == 303
        assert client.get("/").status_code == 200  # listening needs no token


def test_cli_serve_needs_a_token_off_loopback(monkeypatch, folder):
    """Off loopback a token is made and printed; uvicorn is not really started here."""
    from click.testing import CliRunner

    from briefing.cli import cli

    started = {}

    def run(app, host, port, log_level):
        started.update(host=host, port=port, app=app)

    monkeypatch.setattr("uvicorn.run", run)
    result = CliRunner().invoke(cli, ["serve", str(folder), "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "?token=" in result.output and started["port"] == 8123
    local = CliRunner().invoke(cli, ["serve", str(folder)])
    assert "?token=" not in local.output and "http://127.0.0.1:8000/" in local.output


def test_a_broken_manifest_is_not_a_server_error(client, folder):
    import shutil

    shutil.copy(folder / "morning.mp3", folder / "broken.mp3")
    (folder / "broken.json").write_text("{ not json")
    page = client.get("/episodes/broken")
    assert page.status_code == 200 and '<audio id="player"' in page.text


def test_cli_serve_refuses_a_busy_port_and_a_missing_folder(tmp_path, folder):
    import socket

    from click.testing import CliRunner

    from briefing.cli import cli

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(folder), "--port", str(port)])
    assert result.exit_code == 1 and "Serving" not in result.output
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    missing = CliRunner().invoke(cli, ["serve", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such folder of episodes" in missing.output
    assert not (tmp_path / "nope").exists()


def test_another_sites_page_cannot_start_a_build(client):
    forged = client.post(
        "/narrate", data={"text": "Forged\nFrom another site."},
        headers={"Origin": "https://evil.example"}, follow_redirects=False,
    )  # fmt: skip
    assert forged.status_code == 403 and "this server&#39;s own page" in forged.text
    own = client.post(
        "/narrate", data={"text": "Own page\nFrom here."},
        headers={"Origin": "http://testserver"}, follow_redirects=False,
    )  # fmt: skip
    assert own.status_code == 303
