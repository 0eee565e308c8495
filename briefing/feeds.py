"""RSS and Atom feeds in: the newest items as articles.

An item's own full content (``content:encoded``, Atom ``content``) is used whenever the feed
has it, however short; when the feed gives only a summary of fewer than
``FULL_CONTENT_WORDS`` words, the item's link is fetched and extracted instead. An item that
fails (its page cannot be fetched or holds no article) is skipped and reported, so one bad
item never stops the others.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from typing import Any

from briefing.errors import BriefingError, InputError
from briefing.fetch import fetch, is_url
from briefing.load import load, parse_html, read_source
from briefing.models import Article, Metadata, Skipped

log = logging.getLogger(__name__)

FULL_CONTENT_WORDS = 120
"""An item with only a summary of fewer words than this is a teaser: fetch the story."""


@dataclass(frozen=True)
class FeedItems:
    """The newest items of a feed: those read, and those that failed."""

    articles: list[Article]
    skipped: list[Skipped]


def _published(entry: Any) -> float:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return calendar.timegm(parsed) if parsed else float("-inf")


def _content(entry: Any) -> str:
    """The richest HTML the item carries: full content, else the summary."""
    bodies = [part.get("value", "") for part in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    return str(max(bodies, key=len))


def _has_full_content(entry: Any) -> bool:
    return any(part.get("value", "").strip() for part in entry.get("content", []))


def _article_from_entry(entry: Any, feed: Any, source: str) -> Article:
    title = " ".join(entry.get("title", "").split())
    link = entry.get("link")
    html = _content(entry)
    words = len(html.split())
    if link and not _has_full_content(entry) and words < FULL_CONTENT_WORDS:
        log.info("feed item %r has only a summary; fetching %s", title, link)
        article = load(link)
    else:
        page = f"<html><body><article><h1>{title}</h1>{html}</article></body></html>"
        article = parse_html(page.encode(), f"{source}#{title}", url=link)
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    metadata = Metadata(
        author=entry.get("author") or article.metadata.author,
        date=f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
        if published
        else article.metadata.date,
        site=feed.get("title") or article.metadata.site,
        url=link or article.metadata.url,
        language=feed.get("language") or article.metadata.language,
    )
    return Article(
        title=title or article.title,
        paragraphs=article.paragraphs,
        source=link or article.source,
        metadata=metadata,
        headings=article.headings,
    )


def load_feed(source: str, latest: int = 3) -> list[Article]:
    """The ``latest`` newest items of the RSS/Atom feed at ``source`` that could be read."""
    return read_feed(source, latest).articles


@dataclass(frozen=True)
class Entry:
    """One item of a feed, before its story is read: what identifies it and what it says."""

    key: str
    """Its guid, else its link, else its title: what stays the same when the story is fixed."""
    title: str | None
    link: str | None
    fingerprint: str
    """A hash of what the feed says of it (title, content, updated date): a correction changes it."""
    raw: Any
    """feedparser's entry."""


def parse_feed(source: str, data: bytes) -> tuple[Any, list[Entry]]:
    """The feed's channel and its items, newest first; not a feed with items is an
    ``InputError``."""
    import hashlib

    import feedparser

    parsed = feedparser.parse(data)
    raw = [e for e in parsed.entries if e.get("link") or _content(e).strip()]
    if not raw:
        problem = str(parsed.get("bozo_exception", "")).strip().splitlines()
        reason = f" ({problem[0]})" if problem else ""
        raise InputError(f"{source}: not an RSS or Atom feed with items{reason}; check the address")
    entries = []
    for entry in sorted(raw, key=_published, reverse=True):
        title = " ".join(entry.get("title", "").split()) or None
        link = entry.get("link")
        updated = dict.get(entry, "updated", "")  # not feedparser's published fallback
        said = "\n".join([title or "", _content(entry), str(updated)])
        entries.append(
            Entry(
                key=str(entry.get("id") or link or title),
                title=title,
                link=link,
                fingerprint=hashlib.sha256(said.encode()).hexdigest()[:32],
                raw=entry,
            )
        )
    return parsed.feed, entries


def read_entry(entry: Entry, channel: Any, source: str) -> Article:
    """The story of one item: its own full content, or its page when the feed has a teaser."""
    return _article_from_entry(entry.raw, channel, source)


def read_feed(source: str, latest: int = 3, data: bytes | None = None) -> FeedItems:
    """The ``latest`` newest items of the RSS/Atom feed at ``source`` (a path or URL; ``data``
    when it was read already); an item that fails is skipped with its reason. A feed that
    cannot be read, has no items, or none that can be read is an ``InputError``."""
    if data is None:
        data = fetch(source).content if is_url(source) else read_source(source)
    channel, entries = parse_feed(source, data)
    entries = entries[:latest]
    items = FeedItems([], [])
    for entry in entries:
        try:
            items.articles.append(read_entry(entry, channel, source))
        except BriefingError as error:
            where = entry.link or f"{source}#{entry.title or 'item'}"
            log.warning("feed item %s skipped: %s", where, error)
            items.skipped.append(Skipped(where, entry.title, str(error)))
    if not items.articles:
        first = items.skipped[0].reason
        raise InputError(
            f"{source}: none of the {len(entries)} newest items could be read (first: {first})"
        )
    return items
