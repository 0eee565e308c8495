"""RSS and Atom feeds in: the newest items as articles.

An item's own full content (``content:encoded``, Atom ``content``) is used when it carries the
story; when the feed gives only a summary, the item's link is fetched and extracted instead.
"""

from __future__ import annotations

import calendar
import logging
from typing import Any

from briefing.errors import InputError
from briefing.fetch import fetch, is_url
from briefing.load import load, parse_html, read_source
from briefing.models import Article, Metadata

log = logging.getLogger(__name__)

FULL_CONTENT_WORDS = 120
"""An item whose content has fewer words than this is a teaser: fetch the story instead."""


def _published(entry: Any) -> float:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return calendar.timegm(parsed) if parsed else float("-inf")


def _content(entry: Any) -> str:
    """The richest HTML the item carries: full content, else the summary."""
    bodies = [part.get("value", "") for part in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    return str(max(bodies, key=len))


def _article_from_entry(entry: Any, feed: Any, source: str) -> Article:
    title = " ".join(entry.get("title", "").split())
    link = entry.get("link")
    html = _content(entry)
    words = len(html.split())
    if words < FULL_CONTENT_WORDS and link:
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
    """The ``latest`` newest items of the RSS/Atom feed at ``source`` (a path or URL)."""
    import feedparser

    data = fetch(source).content if is_url(source) else read_source(source)
    parsed = feedparser.parse(data)
    entries = [e for e in parsed.entries if e.get("link") or _content(e).strip()]
    if not entries:
        problem = str(parsed.get("bozo_exception", "")).strip().splitlines()
        reason = f" ({problem[0]})" if problem else ""
        raise InputError(f"{source}: not an RSS or Atom feed with items{reason}; check the address")
    entries = sorted(entries, key=_published, reverse=True)[:latest]
    return [_article_from_entry(entry, parsed.feed, source) for entry in entries]
