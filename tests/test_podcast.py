"""The podcast feed of a folder of real episodes, read back with feedparser and ElementTree."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import os
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import feedparser
import pytest
from mutagen.id3 import ID3

from briefing.errors import InputError, OutputError
from briefing.models import Article, Metadata
from briefing.pipeline import Settings, narrate
from briefing.podcast import ITUNES, PODCAST, Channel, write_feed

BASE = "https://pods.example/morning notes"
"""Without a trailing slash and with a space: both are normalized."""
BASE_URL = "https://pods.example/morning%20notes/"
SHOW = "Morning Notes"
NS = {"itunes": ITUNES, "podcast": PODCAST, "atom": "http://www.w3.org/2005/Atom"}


def story(title: str, body: str, url: str | None = None, author: str | None = None) -> Article:
    return Article(
        title=title,
        paragraphs=(body,),
        source=url or "/home/someone/private/notes.txt",
        metadata=Metadata(author=author, url=url),
    )


BRIDGE = story(
    "Bridge opens", "The new bridge opened on Monday.", "https://news.example/bridge", "Ann Lee"
)
RAIN = story(
    "Rain expected", "Heavy rain is expected on Tuesday.", "https://news.example/rain?a=1&b=2"
)
SCHOOL = story("School reopens", "The school reopened after repairs.")
MARKET = story("Market moves", "Shares rose slightly.", "https://news.example/market")

EPISODES = {
    # file name: (date, stories)
    "bridge opens.mp3": (dt.date(2020, 3, 1), [BRIDGE]),
    "morning-notes-2020-03-02.mp3": (dt.date(2020, 3, 2), [RAIN, SCHOOL, MARKET]),
    "market.mp3": (dt.date(2020, 3, 3), [MARKET]),
}
NEWEST_FIRST = ["market.mp3", "morning-notes-2020-03-02.mp3", "bridge opens.mp3"]


def build(folder: Path, name: str, day: dt.date, stories: list[Article], **settings) -> Path:
    path = folder / name
    narrate(stories, path, Settings(engine="tone", date=day, show=SHOW, **settings))
    return path


@pytest.fixture
def folder(tmp_path, tone_engine) -> Path:
    out = tmp_path / "site"
    for name, (day, stories) in EPISODES.items():
        build(out, name, day, stories)
    return out


def manifest(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def local(folder: Path, url: str) -> Path:
    """The file in ``folder`` that a published URL points at."""
    assert url.startswith(BASE_URL), url
    return folder / unquote(url.removeprefix(BASE_URL))


def xml_items(feed: Path) -> dict[str, ET.Element]:
    root = ET.parse(feed).getroot()
    return {
        unquote(item.find("enclosure").get("url").removeprefix(BASE_URL)): item
        for item in root.iter("item")
    }


def test_channel_has_what_apple_requires(folder):
    feed = write_feed(folder, BASE)
    assert feed == folder / "feed.xml"
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.title == SHOW
    assert channel.link == BASE_URL
    assert channel.description == f"{SHOW}: narrated news briefings."
    assert channel.language == "en"
    assert channel.author == SHOW  # itunes:author
    assert [tag.term for tag in channel.tags] == ["News"]
    cover = local(folder, channel.image.href)
    assert cover.read_bytes().startswith(b"\x89PNG")
    assert cover.read_bytes() == ID3(folder / "market.mp3").getall("APIC")[0].data

    root = ET.parse(feed).getroot().find("channel")
    assert root.find("image/url").text == channel.image.href
    assert root.find("itunes:image", NS).get("href") == channel.image.href
    assert root.find("itunes:explicit", NS).text == "false"
    assert root.find("itunes:type", NS).text == "episodic"
    assert root.find("itunes:category", NS).get("text") == "News"
    assert root.find("itunes:owner", NS) is None
    self_link = root.find("atom:link", NS)
    assert (self_link.get("href"), self_link.get("rel")) == (BASE_URL + "feed.xml", "self")
    newest = parsed.entries[0].published
    assert root.find("lastBuildDate").text == newest


def test_items_match_the_files_newest_first(folder):
    parsed = feedparser.parse(write_feed(folder, BASE).read_bytes())
    entries = parsed.entries
    assert [local(folder, e.enclosures[0].href).name for e in entries] == NEWEST_FIRST
    assert entries[0].enclosures[0].href == BASE_URL + "market.mp3"
    assert entries[2].enclosures[0].href == BASE_URL + "bridge%20opens.mp3"
    dates = [email.utils.parsedate_to_datetime(e.published) for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert [d.date() for d in dates] == [EPISODES[name][0] for name in NEWEST_FIRST]
    for entry, name in zip(entries, NEWEST_FIRST, strict=True):
        path = folder / name
        data = manifest(path)
        (enclosure,) = entry.enclosures
        assert int(enclosure.length) == path.stat().st_size
        assert enclosure.type == "audio/mpeg"
        assert entry.title == data["title"]
        assert entry.id.startswith("urn:uuid:")
        assert abs(int(entry.itunes_duration) - data["duration_ms"] / 1000) <= 1
    assert [int(e.itunes_episode) for e in entries] == [3, 2, 1]
    assert len({e.id for e in entries}) == 3


def test_description_lists_stories_and_source_urls(folder):
    parsed = feedparser.parse(write_feed(folder, BASE).read_bytes())
    several = parsed.entries[1].summary
    for item in (RAIN, SCHOOL, MARKET):
        assert item.title in several
    assert 'href="https://news.example/rain?a=1&amp;b=2"' in several
    assert "https://news.example/market" in several
    assert "private/notes.txt" not in (folder / "feed.xml").read_text()  # no local paths leak
    single = parsed.entries[2]
    assert BRIDGE.title in single.summary and "https://news.example/bridge" in single.summary
    assert single.link == "https://news.example/bridge"
    assert single.author == "Ann Lee"


def test_transcript_and_chapters_links_resolve(folder):
    items = xml_items(write_feed(folder, BASE))
    assert sorted(items) == sorted(EPISODES)
    for name, item in items.items():
        transcripts = item.findall("podcast:transcript", NS)
        assert [(t.get("type"), t.get("rel")) for t in transcripts] == [
            ("text/vtt", "captions"),
            ("application/x-subrip", "captions"),
        ]
        vtt, srt = (local(folder, t.get("url")) for t in transcripts)
        assert vtt == (folder / name).with_suffix(".vtt") and vtt.read_text().startswith("WEBVTT")
        assert srt == (folder / name).with_suffix(".srt") and srt.is_file()
        (chapters,) = item.findall("podcast:chapters", NS)
        assert chapters.get("type") == "application/json+chapters"
        data = json.loads(local(folder, chapters.get("url")).read_text())
        assert data["chapters"][0]["startTime"] == 0
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.find("itunes:episodeType", NS).text == "full"


def test_missing_sidecars_are_not_linked(tmp_path, tone_engine):
    build(tmp_path, "bare.mp3", dt.date(2020, 3, 4), [MARKET], sidecars=False)
    item = next(iter(xml_items(write_feed(tmp_path, BASE)).values()))
    assert item.find("podcast:transcript", NS) is None
    assert item.find("podcast:chapters", NS) is None
    assert item.find("title").text == MARKET.title  # from the ID3 tags


def test_rewriting_gives_identical_bytes(folder):
    first = write_feed(folder, BASE).read_bytes()
    covers = sorted(folder.glob("cover-*"))
    second = write_feed(folder, BASE).read_bytes()
    assert first == second
    assert sorted(folder.glob("cover-*")) == covers
    assert not list(folder.glob(".*.part"))


def test_guids_survive_rebuilds_and_moving_host(folder, tone_engine):
    before = {e.id for e in feedparser.parse(write_feed(folder, BASE).read_bytes()).entries}
    size = (folder / "market.mp3").stat().st_size
    build(folder, "market.mp3", *EPISODES["market.mp3"], bitrate="96k", overwrite=True)
    assert (folder / "market.mp3").stat().st_size != size
    moved = write_feed(folder, "https://other.example/feed/")
    after = {e.id for e in feedparser.parse(moved.read_bytes()).entries}
    assert before == after


def test_episode_without_manifest_is_read_from_its_tags(folder):
    path = folder / "morning-notes-2020-03-02.mp3"
    expected = manifest(path)
    guid = feedparser.parse(write_feed(folder, BASE).read_bytes()).entries[1].id
    path.with_suffix(".json").unlink()
    parsed = feedparser.parse(write_feed(folder, BASE).read_bytes())
    entry = parsed.entries[1]
    assert entry.id == guid
    assert entry.enclosures[0].href == BASE_URL + "morning-notes-2020-03-02.mp3"
    assert entry.title == expected["title"]
    assert email.utils.parsedate_to_datetime(entry.published).date() == dt.date(2020, 3, 2)
    assert abs(int(entry.itunes_duration) - expected["duration_ms"] / 1000) <= 1
    for url in ("https://news.example/rain?a=1&b=2", "https://news.example/market"):
        assert url in entry.summary.replace("&amp;", "&")


def test_other_mp3s_are_skipped_with_a_warning(folder, caplog):
    (folder / "noise.mp3").write_bytes(os.urandom(4000))
    untagged = folder / "untagged.mp3"
    untagged.write_bytes((folder / "market.mp3").read_bytes())
    ID3(untagged).delete()
    (folder / "broken.json").write_text("{not json")
    broken = folder / "broken.mp3"
    broken.write_bytes(untagged.read_bytes())
    with caplog.at_level(logging.WARNING, logger="briefing.podcast"):
        items = xml_items(write_feed(folder, BASE))
    assert sorted(items) == sorted(EPISODES)
    warned = " ".join(r.getMessage() for r in caplog.records)
    for name in ("noise.mp3", "untagged.mp3", "broken.mp3", "broken.json"):
        assert name in warned


def test_pubdate_is_the_build_time_on_the_episode_date(folder):
    path = folder / "market.mp3"
    built = dt.datetime(2020, 3, 3, 7, 5, 9).astimezone()  # local time on its date
    os.utime(path, (built.timestamp(), built.timestamp()))
    entries = feedparser.parse(write_feed(folder, BASE).read_bytes()).entries
    assert email.utils.parsedate_to_datetime(entries[0].published) == built
    noon = dt.datetime(2020, 3, 1, 12, tzinfo=dt.UTC)
    assert email.utils.parsedate_to_datetime(entries[2].published) == noon


def test_channel_options(folder, tmp_path):
    art = tmp_path / "art.jpg"
    art.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    channel = Channel(
        title="Valley News",
        description="The valley, read aloud.",
        author="Valley Desk",
        image=str(art),
        language="en-gb",
        category="news/daily news",
        explicit=True,
        link="https://valley.example/",
        owner_name="Sam",
        owner_email="sam@valley.example",
        type="serial",
    )
    output = tmp_path / "elsewhere" / "valley.rss"
    assert write_feed(folder, BASE, output, channel) == output
    parsed = feedparser.parse(output.read_bytes())
    assert not parsed.bozo
    assert (parsed.feed.title, parsed.feed.subtitle) == ("Valley News", "The valley, read aloud.")
    assert (parsed.feed.language, parsed.feed.link) == ("en-gb", "https://valley.example/")
    assert local(folder, parsed.feed.image.href).read_bytes() == art.read_bytes()
    assert parsed.feed.image.href.endswith(".jpg")
    root = ET.parse(output).getroot().find("channel")
    assert root.find("itunes:author", NS).text == "Valley Desk"
    category = root.find("itunes:category", NS)
    assert category.get("text") == "News"
    assert category.find("itunes:category", NS).get("text") == "Daily News"
    assert root.find("itunes:explicit", NS).text == "true"
    assert root.find("itunes:type", NS).text == "serial"
    assert root.find("itunes:owner/itunes:name", NS).text == "Sam"
    assert root.find("itunes:owner/itunes:email", NS).text == "sam@valley.example"
    assert root.find("atom:link", NS) is None  # not published beside the episodes: URL unknown


def test_image_url_and_image_in_the_folder(folder):
    url = "https://cdn.example/show.png"
    root = ET.parse(write_feed(folder, BASE, channel=Channel(image=url))).getroot()
    assert root.find("channel/itunes:image", NS).get("href") == url
    assert not list(folder.glob("cover-*"))
    (folder / "my art.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    channel = Channel(image=str(folder / "my art.png"))
    root = ET.parse(write_feed(folder, BASE, channel=channel)).getroot()
    assert root.find("channel/image/url").text == BASE_URL + "my%20art.png"
    assert not list(folder.glob("cover-*"))


@pytest.mark.parametrize(
    "base_url", ["ftp://pods.example/", "pods.example/briefings", "https://", "file:///srv/pods/"]
)
def test_base_url_must_be_http(folder, base_url):
    with pytest.raises(InputError, match=r"is not an http\(s\) URL.*--base-url https://"):
        write_feed(folder, base_url)
    assert not (folder / "feed.xml").exists()


def test_folder_errors(tmp_path):
    with pytest.raises(InputError, match="no such folder"):
        write_feed(tmp_path / "missing", BASE)
    with pytest.raises(InputError, match=r"no briefing episodes found.*briefing build"):
        write_feed(tmp_path, BASE)
    (tmp_path / "song.mp3").write_bytes(os.urandom(2000))
    with pytest.raises(InputError, match="no briefing episodes found"):
        write_feed(tmp_path, BASE)
    assert not (tmp_path / "feed.xml").exists()


@pytest.mark.parametrize(
    ("channel", "message"),
    [
        (Channel(category="Gossip"), "unknown podcast category 'Gossip'"),
        (Channel(category="News/Weather"), "unknown subcategory 'Weather' of 'News'"),
        (Channel(image="/no/such/art.png"), "cannot read the image"),
        (Channel(image=__file__), "must be a PNG or JPEG"),
    ],
)
def test_channel_errors(folder, channel, message):
    with pytest.raises(InputError, match=message):
        write_feed(folder, BASE, channel=channel)


def test_unwritable_output_is_an_output_error(folder):
    (folder / "plain-file").write_text("x")
    with pytest.raises(OutputError, match="choose another"):
        write_feed(folder, BASE, folder / "plain-file" / "feed.xml")


def test_errors_are_one_line(tmp_path):
    with pytest.raises(InputError) as caught:
        write_feed(tmp_path, BASE)
    assert "\n" not in str(caught.value)
