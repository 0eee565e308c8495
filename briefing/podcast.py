"""A podcast feed (RSS 2.0 with Apple's iTunes tags and Podcasting 2.0 links) of a folder of episodes.

The folder is what gets published: the MP3s, their sidecars and the feed, served under one base
URL. Each episode is described by the JSON manifest ``build`` writes beside it; an MP3 without
one is read from its ID3 tags; an MP3 that is neither is skipped with a warning.

The feed is a function of the folder: nothing in it comes from the clock, so writing it twice
gives the same bytes, and a sync tool sees no change until an episode does.

Built with the standard library's ElementTree rather than feedgen: feedgen 1.0 has no
``podcast:`` namespace, writes ``itunes:explicit`` only as yes/no/clean where Apple now wants
true/false, silently drops an ``itunes:image`` whose URL does not end in .jpg/.png, defaults
``lastBuildDate`` to now, and switches the process-wide locale to format dates. Working around
all of that left it little to do.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree as ET

from briefing.errors import InputError
from briefing.files import atomic_path
from briefing.formats import ManifestRecord, parse_date, read_manifest, sidecar_paths

log = logging.getLogger(__name__)

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
for _prefix, _uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
    ET.register_namespace(_prefix, _uri)

DEFAULT_FEED_NAME = "feed.xml"
GUID_NAMESPACE = uuid.UUID("5b0c8f3e-4a51-5d0e-9c1a-6b7269656667")
"""Fixed namespace for episode GUIDs (uuid5), so the same episode always gets the same GUID."""

PUBLISHED_HOUR_UTC = 12
"""An episode not built on its own date is dated noon UTC: the same calendar day almost anywhere."""

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip
"""Apple Podcasts' categories and subcategories; Apple rejects a feed with any other."""


@dataclass(frozen=True)
class Channel:
    """What the feed says about the show as a whole; ``None`` means "derive it from the episodes"."""

    title: str | None = None
    """Default: the show name of the newest episode."""
    description: str | None = None
    """Default: "<title>: narrated news briefings."."""
    author: str | None = None
    """``itunes:author``. Default: the title."""
    image: str | None = None
    """Square cover art (Apple: 1400 to 3000 px), an http(s) URL or a local PNG/JPEG file; a file
    is copied into the folder unless it is already there. Default: the newest episode's cover."""
    language: str | None = None
    """RSS language code (``en``, ``en-gb``). Default: the newest episode's ``--lang``."""
    category: str = "News"
    """An Apple Podcasts category, optionally with a subcategory: ``News/Daily News``."""
    explicit: bool = False
    link: str | None = None
    """The show's web page. Default: the base URL."""
    owner_name: str | None = None
    owner_email: str | None = None
    """``itunes:owner``, written when an email is given: Apple mails it to verify ownership."""
    type: Literal["episodic", "serial"] = "episodic"
    """``itunes:type``: apps offer an episodic show newest first, a serial one from episode 1."""


@dataclass(frozen=True)
class Story:
    title: str | None
    url: str | None


@dataclass(frozen=True)
class FeedEpisode:
    """One episode as the feed sees it, read from its manifest or, failing that, its ID3 tags."""

    path: Path
    title: str
    show: str | None
    date: dt.date
    published: dt.datetime
    """The pubDate (UTC): the build time if it was built on its date, else noon UTC that day."""
    duration_s: float
    language: str | None
    author: str | None
    stories: tuple[Story, ...]

    @property
    def guid(self) -> str:
        """Stable across rebuilds and hosts, so a fixed and re-built episode is not a new one."""
        key = f"{self.show or ''}\n{self.date.isoformat()}\n{self.path.name}"
        return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, key)}"


def _is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _published(path: Path, day: dt.date) -> dt.datetime:
    built = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    if built.date() == day:
        return built.astimezone(dt.UTC).replace(microsecond=0)
    return dt.datetime(day.year, day.month, day.day, PUBLISHED_HOUR_UTC, tzinfo=dt.UTC)


def _from_manifest(path: Path, record: ManifestRecord) -> FeedEpisode:
    stories = tuple(
        Story(s.title, next((u for u in (s.url, s.source) if u and _is_http(u)), None))
        for s in record.stories
    )
    authors = [s.author for s in record.stories]
    return FeedEpisode(
        path=path,
        title=record.title,
        show=record.show,
        date=record.date,
        published=_published(path, record.date),
        duration_s=record.duration_ms / 1000,
        language=record.lang,
        author=authors[0] if len(authors) == 1 and authors[0] else None,
        stories=stories,
    )


def _from_tags(path: Path) -> FeedEpisode | None:
    """The ID3 tags ``build`` writes: title, show (album) and date are what make it a briefing."""
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        audio = MP3(path)
    except MutagenError as error:
        log.warning("%s: skipped, not a readable MP3 (%s)", path, error)
        return None
    tags = audio.tags
    if tags is None:
        log.warning("%s: skipped, no manifest and no ID3 tags", path)
        return None

    def text(frame: str) -> str | None:
        found = tags.get(frame)
        return str(found.text[0]) if found is not None and found.text else None

    title, show, day = text("TIT2"), text("TALB"), text("TDRC")
    date = parse_date(day) if day else None
    if not (title and show and date):
        log.warning("%s: skipped, no manifest and no briefing tags (title, show, date)", path)
        return None
    urls = [str(frame.url) for frame in tags.getall("WXXX")]
    if not urls:
        comments = "\n".join(line for frame in tags.getall("COMM") for line in frame.text)
        urls = [line.strip() for line in comments.splitlines() if _is_http(line.strip())]
    artist = text("TPE1")
    return FeedEpisode(
        path=path,
        title=title,
        show=show,
        date=date,
        published=_published(path, date),
        duration_s=audio.info.length,
        language=None,
        author=artist if artist and artist != show else None,
        stories=tuple(Story(None, url) for url in urls),
    )


def read_episode(path: Path) -> FeedEpisode | None:
    """The episode at ``path`` (an MP3), or None with a logged warning if it is not a briefing."""
    manifest = sidecar_paths(path)["manifest"]
    if manifest.is_file():
        record = read_manifest(manifest)
        if record is not None:
            return _from_manifest(path, record)
        log.warning("%s: reading the MP3's tags instead", path)
    return _from_tags(path)


def episodes(folder: Path) -> list[FeedEpisode]:
    """Every briefing MP3 directly in ``folder``, newest first (ties by file name)."""
    found = [
        episode
        for path in sorted(folder.glob("*.mp3"))
        if path.is_file() and not path.name.startswith(".")
        if (episode := read_episode(path)) is not None
    ]
    return sorted(found, key=lambda e: (e.published, e.path.name), reverse=True)


def _sniff_image(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def _episode_cover(path: Path) -> tuple[bytes, str] | None:
    from mutagen import MutagenError
    from mutagen.id3 import ID3

    try:
        frames = ID3(path).getall("APIC")
    except MutagenError:
        return None
    for frame in frames:
        kind = _sniff_image(frame.data)
        if kind:
            return frame.data, kind
    return None


def _write_public(path: Path, data: bytes) -> None:
    """Atomically, readable by the web server that will publish the folder."""
    if path.is_file() and path.read_bytes() == data:
        return
    with atomic_path(path) as temp:
        temp.write_bytes(data)
        temp.chmod(0o644)


def _image_url(
    folder: Path, base_url: str, image: str | None, newest: FeedEpisode, show: str
) -> str:
    """The cover's URL; a local or embedded image is put in the folder under a content name."""
    if image and _is_http(image):
        return image
    if image:
        source = Path(image).expanduser()
        try:
            data = source.read_bytes()
        except OSError as error:
            raise InputError(
                f"{image}: cannot read the image ({error.strerror}); pass a PNG/JPEG file or an "
                "http(s) URL with --image"
            ) from None
        kind = _sniff_image(data)
        if kind is None:
            raise InputError(f"{image}: the image must be a PNG or JPEG file (--image)")
        if source.resolve().parent == folder.resolve():
            return base_url + quote(source.name)
    else:
        from briefing.tags import default_cover

        embedded = _episode_cover(newest.path)
        if embedded:
            data, kind = embedded
        else:
            data, kind = default_cover(show).data, "png"
    name = f"cover-{hashlib.sha256(data).hexdigest()[:12]}.{kind}"
    _write_public(folder / name, data)
    return base_url + quote(name)


def _category(value: str) -> tuple[str, str | None]:
    parent, _, sub = (part.strip() for part in value.partition("/"))
    canonical = {name.lower(): name for name in APPLE_CATEGORIES}
    found = canonical.get(parent.lower())
    if found is None:
        raise InputError(
            f"unknown podcast category {parent!r}; use one of Apple's: "
            + ", ".join(APPLE_CATEGORIES)
        )
    if not sub:
        return found, None
    subs = {name.lower(): name for name in APPLE_CATEGORIES[found]}
    if sub.lower() not in subs:
        choices = ", ".join(APPLE_CATEGORIES[found]) or "none"
        raise InputError(f"unknown subcategory {sub!r} of {found!r}; use one of: {choices}")
    return found, subs[sub.lower()]


def _rfc822(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def _description(episode: FeedEpisode) -> str:
    """HTML (escaped in the XML), the subset Apple allows: the stories with links to them."""
    if not episode.stories:
        return f"<p>{html.escape(episode.title)}</p>"
    items = []
    for story in episode.stories:
        label = html.escape(story.title or story.url or "")
        if story.url:
            url = html.escape(story.url)
            link = f'<a href="{url}">{url}</a>'
            items.append(f"<li>{label} ({link})</li>" if story.title else f"<li>{link}</li>")
        else:
            items.append(f"<li>{label}</li>")
    heading = "Stories in this briefing:" if len(items) > 1 else "In this briefing:"
    return f"<p>{heading}</p><ol>{''.join(items)}</ol>"


def _sub(parent: ET.Element, tag: str, content: str | None = None, /, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if content is not None:
        element.text = content
    return element


def _item(channel: ET.Element, episode: FeedEpisode, number: int, base_url: str) -> None:
    url = base_url + quote(episode.path.name)
    item = _sub(channel, "item")
    _sub(item, "title", episode.title)
    _sub(item, "description", _description(episode))
    linked = [s.url for s in episode.stories if s.url]
    if len(linked) == 1:
        _sub(item, "link", linked[0])
    _sub(item, "guid", episode.guid, isPermaLink="false")
    _sub(item, "pubDate", _rfc822(episode.published))
    _sub(item, "enclosure", url=url, length=str(episode.path.stat().st_size), type="audio/mpeg")
    _sub(item, f"{{{ITUNES}}}title", episode.title)
    if episode.author:
        _sub(item, f"{{{ITUNES}}}author", episode.author)
    _sub(item, f"{{{ITUNES}}}duration", str(round(episode.duration_s)))
    _sub(item, f"{{{ITUNES}}}episode", str(number))
    _sub(item, f"{{{ITUNES}}}episodeType", "full")
    stem = episode.path.with_suffix("")
    language = {"language": episode.language} if episode.language else {}
    for suffix, mime in ((".vtt", "text/vtt"), (".srt", "application/x-subrip")):
        sidecar = stem.with_suffix(suffix)
        if sidecar.is_file():
            _sub(
                item,
                f"{{{PODCAST}}}transcript",
                url=base_url + quote(sidecar.name),
                type=mime,
                **language,
                rel="captions",
            )
    chapters = stem.with_suffix(".chapters.json")
    if chapters.is_file():
        _sub(
            item,
            f"{{{PODCAST}}}chapters",
            url=base_url + quote(chapters.name),
            type="application/json+chapters",
        )


def _check_base_url(base_url: str) -> str:
    if not _is_http(base_url):
        raise InputError(
            f"base URL {base_url!r} is not an http(s) URL; pass where the folder is published, "
            "e.g. --base-url https://example.com/briefings/"
        )
    # Spaces and other unsafe characters are escaped; existing %XX escapes are kept.
    base_url = quote(base_url, safe=":/?#[]@!$&'()*+,;=%~")
    return base_url if base_url.endswith("/") else base_url + "/"


def feed_xml(
    folder: Path, base_url: str, channel: Channel | None = None, self_name: str | None = None
) -> str:
    """The feed's text. May write the cover image into ``folder``; see :func:`write_feed`."""
    from briefing import __version__

    base_url = _check_base_url(base_url)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder; pass the folder that holds the episodes")
    found = episodes(folder)
    if not found:
        raise InputError(
            f"{folder}: no briefing episodes found (MP3s with a manifest or briefing tags); "
            f"build some with: briefing build ARTICLE -o {folder}/NAME.mp3"
        )
    channel = channel or Channel()
    category, subcategory = _category(channel.category)
    newest = found[0]
    title = channel.title or newest.show or "Briefing"
    author = channel.author or title
    language = channel.language or next((e.language for e in found if e.language), None) or "en"
    link = channel.link or base_url
    image = _image_url(folder, base_url, channel.image, newest, title)

    rss = ET.Element("rss", version="2.0")
    root = _sub(rss, "channel")
    _sub(root, "title", title)
    _sub(root, "link", link)
    _sub(root, "description", channel.description or f"{title}: narrated news briefings.")
    _sub(root, "language", language)
    _sub(root, "generator", f"briefing {__version__}")
    _sub(root, "lastBuildDate", _rfc822(newest.published))
    _sub(root, "pubDate", _rfc822(newest.published))
    if self_name:
        href = base_url + quote(self_name)
        _sub(root, f"{{{ATOM}}}link", href=href, rel="self", type="application/rss+xml")
    picture = _sub(root, "image")
    _sub(picture, "url", image)
    _sub(picture, "title", title)
    _sub(picture, "link", link)
    _sub(root, f"{{{ITUNES}}}author", author)
    _sub(root, f"{{{ITUNES}}}image", href=image)
    parent = _sub(root, f"{{{ITUNES}}}category", text=category)
    if subcategory:
        _sub(parent, f"{{{ITUNES}}}category", text=subcategory)
    _sub(root, f"{{{ITUNES}}}explicit", "true" if channel.explicit else "false")
    _sub(root, f"{{{ITUNES}}}type", channel.type)
    if channel.owner_email:
        owner = _sub(root, f"{{{ITUNES}}}owner")
        _sub(owner, f"{{{ITUNES}}}name", channel.owner_name or author)
        _sub(owner, f"{{{ITUNES}}}email", channel.owner_email)
    for number, episode in zip(range(len(found), 0, -1), found, strict=True):
        _item(root, episode, number, base_url)
    ET.indent(rss, space="  ")
    body = ET.tostring(rss, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def write_feed(
    folder: Path, base_url: str, output: Path | None = None, channel: Channel | None = None
) -> Path:
    """Write the podcast feed of every briefing MP3 in ``folder``; returns where it went.

    ``base_url`` is where ``folder`` is published: enclosure, transcript, chapters and cover
    URLs are it plus the file name. ``output`` defaults to ``folder/feed.xml``; when the feed is
    in the folder it links to itself (``atom:link rel="self"``). Unless ``channel.image`` is a
    URL, the cover is written into the folder as ``cover-<hash>.png`` (or ``.jpg``).
    """
    output = output or folder / DEFAULT_FEED_NAME
    in_folder = folder.is_dir() and output.resolve().parent == folder.resolve()
    text = feed_xml(folder, base_url, channel, output.name if in_folder else None)
    _write_public(output, text.encode("utf-8"))
    return output
