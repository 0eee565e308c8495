"""Turn a source into an Article: a title, its paragraphs, and what the source says about it.

Sources, by what they are:
1. ``-``: stdin, read as text.
2. ``http(s)://`` URLs: fetched with limits (``briefing.fetch``), then read by content type.
3. Files: ``.html``/``.htm``/``.xhtml`` (or content that starts like HTML) as web pages,
   ``.md``/``.markdown`` as Markdown, anything else as plain text.

Web pages go through trafilatura, which finds the article body and its metadata; its output
keeps headings and lists as Markdown, which is parsed like a Markdown file. The cleaner still
runs afterwards: extractors leave ad labels, "Related" lines and caption credits behind.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from briefing.errors import InputError, NothingToNarrate
from briefing.models import Article, Metadata

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Refuse larger inputs: a news article is kilobytes; megabytes mean a wrong file."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def read_source(source: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The raw bytes of a file path or of stdin (``-``), refusing anything over ``max_bytes``."""
    if str(source) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file; check the path") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder; pass an article file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied; check the file's permissions") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{source}: larger than {max_bytes // (1024 * 1024)} MB; is this really an article?"
        )
    return data


def decode_text(data: bytes, source: str | Path) -> str:
    """UTF-8 text (a BOM is fine); any other bytes are an error naming the offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None


def _squash(line: str) -> str:
    return " ".join(line.split())


def _same_words(a: str, b: str) -> bool:
    """Equal but for case, punctuation and quote style (a headline repeated in the body)."""
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


def _is_heading(text: str) -> bool:
    """A real section heading is short and not a sentence; extractors promote decks and
    captions to headings, which must be read as paragraphs."""
    return len(text.split()) <= 12 and not text.rstrip("\"'”’)").endswith((".", ":"))


def _article(title: str, paragraphs: list[str], source: str, **extra: object) -> Article:
    if not title and paragraphs:
        title, paragraphs = paragraphs[0], paragraphs[1:]
    if not title:
        raise NothingToNarrate(f"{source}: empty input; nothing to narrate")
    return Article(title=title, paragraphs=tuple(paragraphs), source=source, **extra)  # type: ignore[arg-type]


def parse_text(text: str, source: str = "-") -> Article:
    """First non-empty line is the title; every other non-empty line is a paragraph.

    Copied pages separate paragraphs by blank lines, single newlines or both, so any line
    break ends a paragraph.
    """
    lines = [line for line in map(_squash, text.splitlines()) if line]
    if not lines:
        raise NothingToNarrate(f"{source}: empty input; nothing to narrate")
    return _article(lines[0], lines[1:], source)


def markdown_blocks(text: str, indented_code: bool = True) -> list[tuple[str, str]]:
    """(kind, text) for each block of Markdown: kind is ``heading`` or ``body``.

    Inline markup goes (links keep their text, images and code blocks are not read aloud),
    ordered list items keep their numbers ("1. Finland"). Extracted web text can start lines
    with spaces that mean nothing: ``indented_code=False`` reads them as text.
    """
    from markdown_it import MarkdownIt

    blocks: list[tuple[str, str]] = []
    kind = "body"
    counters: list[int | None] = []  # one per open list: next number, or None if bulleted
    prefix = ""
    parser = MarkdownIt("commonmark")
    if not indented_code:
        parser.disable("code")
    for token in parser.parse(text):
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "heading_close":
            kind = "body"
        elif token.type == "ordered_list_open":
            counters.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            counters.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            counters.pop()
        elif token.type == "list_item_open" and counters and counters[-1] is not None:
            prefix = f"{counters[-1]}. "
            counters[-1] += 1
        elif token.type == "inline":
            words = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or ()
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            words = _squash(words)
            if words:
                blocks.append((kind, prefix + words))
            prefix = ""
    return blocks


def parse_markdown(
    text: str,
    source: str = "-",
    title: str | None = None,
    indented_code: bool = True,
    **extra: object,
) -> Article:
    """Markdown: the first heading (else the first block) is the title, later headings are
    section breaks."""
    blocks = markdown_blocks(text, indented_code)
    if title is None:
        first_heading = next((i for i, (kind, _) in enumerate(blocks) if kind == "heading"), 0)
        title = blocks.pop(first_heading)[1] if blocks else ""
    elif blocks and _same_words(blocks[0][1], title):
        blocks.pop(0)  # extractors repeat the headline at the top of the body
    paragraphs = [words for _, words in blocks]
    headings = frozenset(
        words for kind, words in blocks if kind == "heading" and _is_heading(words)
    )
    return _article(_squash(title), paragraphs, source, headings=headings, **extra)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:4096]))


def headline(page: bytes, title: str | None, site: str | None) -> str | None:
    """The story's headline: the page title, unless that is the site's own title (it names
    the site) and the page has a headline-sized ``<h1>`` saying something else."""
    if not title or not site or site.casefold() not in title.casefold():
        return title
    import lxml.html

    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return title
    for element in tree.iter("h1"):
        text = " ".join(element.text_content().split())
        if 3 <= len(text.split()) <= 25 and text.casefold() not in title.casefold():
            return text
    return title


def parse_html(data: bytes, source: str = "-", url: str | None = None) -> Article:
    """A web page: trafilatura finds the article and its metadata; the body keeps its headings."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    document = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=True,  # else blocks whose class mentions "caption" lose their text
        include_formatting=True,
        favor_recall=True,
        deduplicate=False,
    )
    if document is None or document.body is None:
        raise NothingToNarrate(f"{source}: no article text found in the page; nothing to narrate")
    language = _HTML_LANG.search(data[:65536])
    metadata = Metadata(
        author=document.author,
        date=document.date,
        site=document.sitename or document.hostname,
        url=document.url or url,
        language=document.language or (language.group(1).decode().lower() if language else None),
    )
    title = headline(data, document.title, metadata.site)
    body = xmltotxt(document.body, True)
    article = parse_markdown(body, source, title, metadata=metadata, indented_code=False)
    if not article.paragraphs:
        raise NothingToNarrate(f"{source}: no article text found in the page; nothing to narrate")
    return article


def load(source: str | Path) -> Article:
    """Load an article from a file path, ``-`` (stdin) or an http(s) URL."""
    from briefing.fetch import fetch, is_url

    name = str(source)
    if name != "-" and is_url(name):
        page = fetch(name)
        if page.content_type in HTML_TYPES or looks_like_html(page.content):
            return parse_html(page.content, name, url=page.url)
        if page.content_type in ("text/plain", "text/markdown"):
            text = decode_text(page.content, name)
            if page.content_type == "text/markdown":
                return parse_markdown(text, name)
            return parse_text(text, name)
        raise InputError(
            f"{name}: not a web page (content type {page.content_type or 'unknown'}); "
            "pass the article's HTML page"
        )
    data = read_source(source)
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and looks_like_html(data)):
        return parse_html(data, name)
    text = decode_text(data, name)
    if suffix in MARKDOWN_SUFFIXES:
        return parse_markdown(text, name)
    return parse_text(text, name)
