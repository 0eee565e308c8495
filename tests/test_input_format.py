"""What an input is: told by content when the name does not say (Markdown on stdin, a feed
given as a plain INPUT), forced with ``--from``, and narrated uncleaned with ``--no-clean``."""

from __future__ import annotations

import json
from typing import ClassVar

import pytest
from click.testing import CliRunner
from conftest import local_server

from briefing.cli import cli
from briefing.load import looks_like_feed, looks_like_markdown

MARKDOWN = """# Council votes on the budget

The council met on **Tuesday** and voted for the [new budget](https://example.com/budget).

## What changes

- Libraries open longer.
- Two fire stations are funded.
"""

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Town</title>
<item><title>First item</title><content:encoded><![CDATA[<p>The first story is short.</p>]]>
</content:encoded></item>
<item><title>Second item</title><content:encoded><![CDATA[<p>The second one too.</p>]]>
</content:encoded></item>
</channel></rss>"""


def spoken(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [s["spoken"] for s in json.loads(result.output)["segments"]]


def test_markdown_on_stdin_is_read_as_markdown():
    result = CliRunner().invoke(cli, ["segments", "-", "--format", "json"], input=MARKDOWN)
    said = " ".join(spoken(result))
    assert "#" not in said and "**" not in said and "](" not in said
    assert "new budget" in said and "Libraries open longer." in said
    document = json.loads(result.output)
    assert [s["kind"] for s in document["segments"]][:3] == ["title", "body", "heading"]


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        (MARKDOWN, True),
        ("Plain copied text.\n\n# 1 in the charts\n\nNothing else.", False),  # one sign only
        ("* one\n* two\n\nSee [the report](https://example.com/r).", True),
        ("She said: **never**.", False),
    ],
)
def test_markdown_needs_two_kinds_of_sign(text, markdown):
    assert looks_like_markdown(text) is markdown


def test_a_feed_given_as_an_input_is_read_as_a_feed(tmp_path):
    path = tmp_path / "news"  # no suffix to tell
    path.write_text(FEED)
    assert looks_like_feed(path.read_bytes())
    result = CliRunner().invoke(cli, ["segments", str(path), "--format", "json"])
    document = json.loads(result.output)
    titles = [s["text"] for s in document["segments"] if s["kind"] == "title"]
    assert titles == ["First item", "Second item"]
    latest = CliRunner().invoke(cli, ["segments", str(path), "--latest", "1", "--format", "json"])
    assert [s["text"] for s in json.loads(latest.output)["segments"] if s["kind"] == "title"] == [
        "First item"
    ]


def test_a_feed_url_is_read_as_a_feed(tmp_path):
    from functools import partial
    from http.server import SimpleHTTPRequestHandler

    (tmp_path / "rss").write_text(FEED)

    class Handler(SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {"": "application/rss+xml"}

        def log_message(self, *args) -> None:
            pass

    with local_server(partial(Handler, directory=str(tmp_path))) as base:
        result = CliRunner().invoke(cli, ["segments", f"{base}/rss", "--format", "json"])
    assert "First item" in " ".join(spoken(result))


def test_from_forces_the_format(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "<!DOCTYPE html><html><body><article><h1>Forced page</h1>\n"
        "<p>The paragraph of the page is here.</p></article></body></html>\n"
    )
    as_html = spoken(CliRunner().invoke(cli, ["segments", str(page), "--format", "json"]))
    assert as_html[0].startswith("Forced page")  # sniffed as HTML anyway
    as_text = spoken(
        CliRunner().invoke(cli, ["segments", str(page), "--from", "text", "--format", "json"])
    )
    assert any("<p>" in line for line in as_text)  # read as it is
    notes = tmp_path / "notes.txt"
    notes.write_text("# Heading only\n\nbody text here.\n")
    forced = CliRunner().invoke(
        cli, ["segments", str(notes), "--from", "markdown", "--format", "json"]
    )
    assert "#" not in " ".join(spoken(forced))
    feed = tmp_path / "feed.txt"
    feed.write_text(FEED)
    from_feed = CliRunner().invoke(cli, ["segments", str(feed), "--from", "feed"])
    assert from_feed.exit_code == 0 and "First item" in from_feed.output
    bad = CliRunner().invoke(cli, ["segments", str(notes), "--from", "pdf"])
    assert bad.exit_code == 2 and "'pdf' is not one of" in bad.output


def test_no_clean_keeps_every_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title here\n\nAdvertisement\n\nThe story itself goes on here.\n")
    cleaned = spoken(CliRunner().invoke(cli, ["segments", str(path), "--format", "json"]))
    raw = spoken(CliRunner().invoke(cli, ["segments", str(path), "--no-clean", "--format", "json"]))
    assert "Advertisement." not in cleaned and any("Advertisement" in s for s in raw)


def test_text_option_is_sniffed_like_stdin():
    result = CliRunner().invoke(cli, ["segments", "--text", MARKDOWN, "--format", "json"])
    said = " ".join(spoken(result))
    assert "**" not in said and "](" not in said and "new budget" in said


def test_text_option_follows_from():
    def said(*options: str) -> str:
        plain = "Headline\n\nShe said: **never**."
        command = ["segments", "--text", plain, "--format", "json", *options]
        return " ".join(spoken(CliRunner().invoke(cli, command)))

    as_markdown, as_text = said("--from", "markdown"), said()
    assert "**" in as_text and "**" not in as_markdown and "never" in as_markdown


def test_text_option_cannot_be_a_feed():
    result = CliRunner().invoke(cli, ["segments", "--text", FEED, "--from", "feed"])
    assert result.exit_code == 2
    assert "a feed cannot be given as text; pass it with --feed" in result.output
