"""Feeds that survive their items: a failing item is skipped and reported, the rest is built;
an item's own full content is used however short it is."""

from __future__ import annotations

import json
from functools import partial
from http.server import SimpleHTTPRequestHandler

import pytest
from click.testing import CliRunner
from conftest import local_server

from briefing.cli import cli
from briefing.errors import PARTLY_DONE
from briefing.feeds import read_feed

BODY = " ".join(["The council met on Monday to discuss the plan in detail."] * 15)

ITEM = """<item><title>{title}</title><link>{base}/{slug}.html</link><guid>{slug}</guid>
<pubDate>Mon, {day:02d} Nov 2026 08:00:00 GMT</pubDate><description>Short teaser.</description>
{content}</item>"""


@pytest.fixture
def site(tmp_path):
    """A feed on 127.0.0.1: a teaser whose page exists, a teaser whose page is gone (404), and
    an item with short full content whose page says something else; requests are counted."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "good.html").write_text(
        f"<html><body><article><h1>Good story</h1><p>Fetched: {BODY}</p></article></body></html>"
    )
    (folder / "short.html").write_text("<html><body><p>The page, not the feed.</p></body></html>")
    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            super().do_GET()

        def log_message(self, *args) -> None:
            pass

    with local_server(partial(Handler, directory=str(folder))) as base:
        items = [
            ITEM.format(title="Good story", base=base, slug="good", day=20, content=""),
            ITEM.format(title="Gone story", base=base, slug="gone", day=21, content=""),
            ITEM.format(
                title="Short full story", base=base, slug="short", day=22,
                content="<content:encoded><![CDATA[<p>Only two sentences here. "
                "They are the whole story.</p>]]></content:encoded>",
            ),
        ]  # fmt: skip
        (folder / "feed.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Valley</title>{''.join(items)}</channel></rss>"
        )
        yield base, requested


def test_a_failing_item_is_skipped_and_reported(site):
    base, _ = site
    items = read_feed(f"{base}/feed.xml", latest=3)
    assert [a.title for a in items.articles] == ["Short full story", "Good story"]
    assert [(s.title, s.source) for s in items.skipped] == [("Gone story", f"{base}/gone.html")]
    assert "404" in items.skipped[0].reason


def test_short_full_content_is_used_not_fetched(site):
    base, requested = site
    items = read_feed(f"{base}/feed.xml", latest=3)
    short = next(a for a in items.articles if a.title == "Short full story")
    assert short.paragraphs == ("Only two sentences here. They are the whole story.",)
    assert "/short.html" not in requested and "/good.html" in requested


def test_build_is_partly_done(site, tmp_path, tone_engine):
    base, _ = site
    out = tmp_path / "b.mp3"
    result = CliRunner().invoke(
        cli, ["build", "--feed", f"{base}/feed.xml", "-e", "tone", "-o", str(out)]
    )
    assert result.exit_code == PARTLY_DONE, result.output
    assert "2 stories" in result.output
    assert "skipped 'Gone story':" in result.output and "404" in result.output
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert [s["title"] for s in manifest["skipped"]] == ["Gone story"]
    assert [s["title"] for s in manifest["stories"]] == ["Short full story", "Good story"]
    dry = CliRunner().invoke(cli, ["segments", "--feed", f"{base}/feed.xml", "--format", "json"])
    assert dry.exit_code == PARTLY_DONE


def test_nothing_readable_is_an_error(site, tmp_path):
    base, _ = site
    feed = tmp_path / "bad.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>x</title>'
        + ITEM.format(title="Gone", base=base, slug="gone", day=1, content="")
        + "</channel></rss>"
    )
    result = CliRunner().invoke(cli, ["segments", "--feed", str(feed)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "none of the 1 newest items could be read" in lines[0]
