"""Turn a source into an Article: a title, its paragraphs, and what the source says about it.

Sources, by what they are:
1. ``-``: stdin, read as text.
2. ``http(s)://`` URLs: fetched with limits (``briefing.fetch``), then read by content type.
3. Files: ``.html``/``.htm``/``.xhtml`` (or content that starts like HTML) as web pages,
   ``.md``/``.markdown`` as Markdown, anything else as plain text.

Web pages go through trafilatura, which finds the article body and its metadata; its output
keeps headings and lists as Markdown, which is parsed like a Markdown file. The cleaner still
runs afterwards: extractors leave ad labels, "Related" lines and caption credits behind.

Odd and hostile input gets a one-line ``InputError`` (what, which file, what to do) or a
sensible reading, never a traceback:

- Size: files and stdin over ``BRIEFING_MAX_INPUT_MB`` megabytes (default 20) are refused; a
  file's size is checked before anything is read. A news article is kilobytes.
- Empty or whitespace-only input: ``NothingToNarrate``.
- Binary files (a known signature such as PDF, PNG, ZIP/.docx; NUL bytes; a high share of
  control characters) are refused as "not text".
- Encodings (``decode_text``): UTF-8 (a BOM is fine); UTF-16/32 with a BOM, or UTF-16
  without one (its NUL pattern); else ``charset-normalizer`` picks among the common legacy
  encodings (Windows code pages, KOI8-R, Shift-JIS/CP932, EUC-JP, GB18030, Big5, CP949), the
  text is decoded and a warning logged. Text that is mostly UTF-8 but has a few bad bytes,
  or that no encoding reads cleanly, is refused with the offset of the first bad byte.
- Characters (``visible_text``): C0 and C1 control characters go, except tab and line
  breaks (form feeds and other separators become line breaks), terminal colour codes go,
  and so do the bidirectional embedding, override and isolate characters, which can make
  text display in another order than it is read. Emoji and right-to-left scripts stay.
- Web pages: scripts, styles, navigation and ``<noscript>`` blocks are never read.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.errors import InputError, NothingToNarrate
from briefing.models import Article, Metadata

if TYPE_CHECKING:
    from briefing.fetch import Page

log = logging.getLogger(__name__)

MAX_INPUT_MB = 20
"""Default size limit of one input in megabytes: a news article is kilobytes; megabytes
mean a wrong file. ``BRIEFING_MAX_INPUT_MB`` overrides it."""
MAX_INPUT_ENV = "BRIEFING_MAX_INPUT_MB"
MAX_INPUT_BYTES = MAX_INPUT_MB * 1024 * 1024

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}

InputFormat = Literal["auto", "text", "markdown", "html", "feed"]
"""What an input is: ``auto`` tells it by its name, its content type and its content."""
FORMATS: tuple[InputFormat, ...] = ("auto", "text", "markdown", "html", "feed")

_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:rss\b|rdf:RDF\b|feed\b[^>]*http://www\.w3\.org/2005/Atom)",
    re.DOTALL | re.IGNORECASE,
)
_MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6} \S", re.MULTILINE),  # ATX heading
    re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]+\)"),  # [link](url)
    re.compile(r"(?:\*\*|__)[^*_\n]+(?:\*\*|__)"),  # **strong**
    re.compile(r"(?:^[ \t]*[-*+] \S.*\n){2,}", re.MULTILINE),  # a bullet list
    re.compile(r"^```", re.MULTILINE),  # a code fence
)


class IsAFeed(InputError):
    """The input is an RSS or Atom feed, not an article: read it as a feed of stories."""

    def __init__(self, source: str, data: bytes) -> None:
        super().__init__(f"{source}: an RSS or Atom feed, not an article; use --feed {source}")
        self.source = source
        self.data = data


def looks_like_feed(data: bytes) -> bool:
    """Whether the content starts like an RSS, RDF or Atom feed."""
    return bool(_FEED_START.match(data[:4096]))


def looks_like_markdown(text: str) -> bool:
    """Whether text carries Markdown: two kinds of sign at least (a heading and a link, a
    bullet list and bold words...), since any one of them turns up in plain copied text."""
    sample = text[:20000]
    return sum(1 for sign in _MARKDOWN_SIGNS if sign.search(sample)) >= 2


_HTML_START = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_HTML_LANG = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def max_input_bytes() -> int:
    """The size limit of one input: ``$BRIEFING_MAX_INPUT_MB`` megabytes, default 20."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not raw:
        return MAX_INPUT_BYTES
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = math.nan
    if not (math.isfinite(megabytes) and megabytes > 0):
        raise InputError(
            f"{MAX_INPUT_ENV}={raw!r} is not a size in megabytes; set it to a positive number "
            f"such as {MAX_INPUT_MB}, or unset it"
        )
    return int(megabytes * 1024 * 1024)


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size / (1024 * 1024):.3g} MB"


def _too_large(label: str, size: int | None, limit: int) -> InputError:
    what = f"{_megabytes(size)}, more than" if size else "more than"
    return InputError(
        f"{label}: {what} the {_megabytes(limit)} limit for one article; check that this is "
        f"the right file, or raise the limit with {MAX_INPUT_ENV}"
    )


def _label(source: str | Path) -> str:
    return "stdin" if str(source) == "-" else str(source)


def read_source(source: str | Path, max_bytes: int | None = None) -> bytes:
    """The raw bytes of a file path or of stdin (``-``), refusing anything over ``max_bytes``
    (default: ``max_input_bytes()``). A file's size is checked before it is read."""
    limit = max_input_bytes() if max_bytes is None else max_bytes
    if str(source) == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > limit:  # regular files: refused before reading a byte
                    raise _too_large(str(path), size, limit)
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file; check the path") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder; pass an article file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied; check the file's permissions") from None
        except OSError as error:  # name too long, I/O error, a socket...
            reason = error.strerror or type(error).__name__
            raise InputError(f"{path}: cannot read ({reason}); check the path") from None
        except ValueError as error:  # a NUL in the path
            raise InputError(f"{source!r}: not a usable file name ({error})") from None
    if len(data) > limit:
        raise _too_large(_label(source), None, limit)
    return data


# -- what the bytes are --------------------------------------------------------------------

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (Word .docx, .odt and .epub files are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xef\xbb\xbf", "utf-8"),
)
LEGACY_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r",
    "cp932", "euc_jp", "gb18030", "big5", "cp949", "utf_16", "utf_32",
)  # fmt: skip
"""What ``charset-normalizer`` may choose from, in order of preference among equally good
readings: the encodings text files in the wild actually use. Left to itself it picks rare
ones (DOS Baltic cp775, Mac Cyrillic) for short Western or Russian text."""

_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
"""C0 and C1 control characters but tab, line feed, carriage return and the line breaks."""
_INVISIBLE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?)"  # terminal codes
    f"|[{_CONTROLS}{_BIDI_CONTROLS}]"
)
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_BINARY_CONTROLS = "\x00-\x08\x0e-\x1a\x1c-\x1f\x7f"
"""Control characters that text hardly ever holds (ESC is left out: colour codes use it)."""
_BINARY_CONTROL = re.compile(f"[{_BINARY_CONTROLS}\x80-\x84\x86-\x9f]")
_NOT_BINARY_CONTROL = bytes(b for b in range(256) if not re.match(f"[{_BINARY_CONTROLS}]", chr(b)))
CONTROL_SHARE = 0.05
"""More of those control characters than this share of the text (and more than a handful)
means binary data; a few stray ones in text are simply removed."""


def visible_text(text: str) -> str:
    """``text`` without control characters (tab and line breaks stay; form feeds and other
    separators become line breaks), terminal colour codes, or bidi embedding, override and
    isolate characters."""
    return _LINE_BREAK.sub("\n", _INVISIBLE.sub("", text))


def _looks_binary(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        controls = len(text.translate(None, _NOT_BINARY_CONTROL))
    else:
        controls = len(_BINARY_CONTROL.findall(text))
    return controls > 8 and controls > CONTROL_SHARE * len(text)


def binary_kind(data: bytes) -> str | None:
    """What ``data`` looks like if it is not text ("a PDF document"), else None."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in data and not _utf16_without_bom(data):
        return "a binary file"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: Latin text shows its NUL high bytes at every other
    position; other scripts are left to ``charset-normalizer``. Only asked of data with
    NUL bytes, which 8-bit text never has."""
    sample = data[: 64 * 1024]
    sample = sample[: len(sample) // 2 * 2]
    half = len(sample) // 2
    if half < 8:  # too short to tell "a\0b\0" from UTF-8 with NULs in it
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None  # 8-bit text with NULs in it, which UTF-16 would read as CJK
    from charset_normalizer import from_bytes

    match = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be"]).best()
    return match.encoding.replace("_", "-") if match else None


def _not_text(label: str, kind: str) -> InputError:
    return InputError(
        f"{label}: not text: looks like {kind}; save the article as plain text, "
        "HTML or Markdown and pass that"
    )


def decode_text(data: bytes, source: str | Path, declared: str | None = None) -> str:
    """Text from bytes: UTF-8 (a BOM is fine), UTF-16/32 by BOM or pattern, a ``declared``
    charset (a server's), else the legacy encoding ``charset-normalizer`` finds (logged).

    Binary data and bytes no encoding reads cleanly raise ``InputError``; the message names
    the offset of the first byte that is not UTF-8, and the suspected encoding if any.
    """
    label = _label(source)
    kind = binary_kind(data)
    if kind:
        raise _not_text(label, kind)
    text = _decode(data, label, declared)
    if _looks_binary(text):
        raise _not_text(label, "a binary file")
    return text


def _decode(data: bytes, label: str, declared: str | None) -> str:
    failed: tuple[str, int] | None = None
    for bom, encoding in _BOMS:  # FF FE 00 00 is UTF-32's mark, or UTF-16's and a NUL
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                failed = failed or (encoding.upper(), error.start + len(bom))
    if failed:
        encoding, offset = failed
        raise InputError(
            f"{label}: starts like {encoding} (byte-order mark) but is not valid {encoding} "
            f"(at offset {offset}); save it again as UTF-8"
        )
    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise _not_text(label, "a binary file") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            log.warning("%s: not UTF-8; read as %s, as the server declared", label, declared)
            return text
    bad = f"byte 0x{data[first_bad.start]:02x} at offset {first_bad.start}"
    if _mostly_utf8(data):
        raise InputError(
            f"{label}: not UTF-8 text ({bad}, though other parts are UTF-8); "
            "fix or remove the bad bytes, or save the file again as UTF-8"
        )
    if _looks_binary(data):
        raise _not_text(label, "a binary file")
    detected, trusted = _detect(data)
    if detected and trusted:
        try:
            text = data.decode(detected)
        except UnicodeDecodeError:
            pass
        else:
            log.warning("%s: not UTF-8; read as %s (detected)", label, detected)
            return text
    if detected:
        raise InputError(
            f"{label}: not UTF-8 text ({bad}; it may be {detected}, but that does not read "
            f"cleanly); convert it, e.g. iconv -f {detected} -t utf-8"
        )
    raise InputError(f"{label}: not UTF-8 text ({bad}); convert it, e.g. iconv -f latin1 -t utf-8")


_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with stray bytes, which a legacy encoding would turn into mojibake: valid
    multi-byte sequences are there, at least one for every four bad bytes. (In 8-bit text a
    valid sequence is a rare accident: an accented capital followed by a symbol.)"""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text))
    return good >= 1 and 4 * good >= bad


def _detect(data: bytes) -> tuple[str | None, bool]:
    """The likely legacy encoding of ``data``, and whether it reads cleanly enough to use."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS), threshold=0.5))
    if not matches:
        return None, False
    best = min(matches, key=lambda m: (round(m.chaos, 2), -round(m.coherence, 2)))
    ties = [
        m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01
    ]
    rank = {name: i for i, name in enumerate(LEGACY_ENCODINGS)}
    names = {name for m in ties for name in m.could_be_from_charset} | {m.encoding for m in ties}
    encoding = min(names, key=lambda name: rank.get(name, len(rank)))
    return encoding, best.chaos <= 0.2


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
        raise NothingToNarrate(
            f"{source}: empty input; nothing to narrate: pass the article's text"
        )
    return Article(title=title, paragraphs=tuple(paragraphs), source=source, **extra)  # type: ignore[arg-type]


def parse_text(text: str, source: str = "-") -> Article:
    """First non-empty line is the title; every other non-empty line is a paragraph.

    Copied pages separate paragraphs by blank lines, single newlines or both, so any line
    break ends a paragraph. Control characters go first (``visible_text``).
    """
    lines = [line for line in map(_squash, visible_text(text).splitlines()) if line]
    if not lines:
        raise NothingToNarrate(
            f"{source}: empty input; nothing to narrate: pass the article's text"
        )
    return _article(lines[0], lines[1:], source)


def parse_string(text: str, source: str = "--text", kind: InputFormat = "auto") -> Article:
    """An article given as a string (``--text``): read as ``kind``, or, for ``auto``, as HTML
    or Markdown when it starts like one, else as plain text."""
    if kind == "feed":
        raise InputError(f"{source}: a feed cannot be given as text; pass it with --feed")
    if kind == "auto":
        if looks_like_html(text):
            kind = "html"
        else:
            kind = "markdown" if looks_like_markdown(text) else "text"
    if kind == "html":
        return parse_html(text.encode("utf-8"), source)
    return parse_markdown(text, source) if kind == "markdown" else parse_text(text, source)


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
    section breaks. Control characters go first (``visible_text``)."""
    blocks = markdown_blocks(visible_text(text), indented_code)
    if title is not None:
        title = visible_text(title)
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


def looks_like_html(data: bytes | str) -> bool:
    """Whether the content starts like an HTML document (a doctype or an ``<html>`` tag)."""
    start = data[:4096]
    if isinstance(start, bytes):
        start = start.decode("latin-1")
    return bool(_HTML_START.match(start))


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


_NO_ARTICLE = (
    "no article text found in the page; nothing to narrate: pass the story's own page, "
    "or its text in a .txt file"
)


def parse_html(data: bytes, source: str = "-", url: str | None = None) -> Article:
    """A web page: trafilatura finds the article and its metadata; the body keeps its headings."""
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import load_html
    from trafilatura.xml import xmltotxt

    tree = load_html(data)
    if tree is None:
        raise NothingToNarrate(f"{source}: {_NO_ARTICLE}")
    # <noscript> holds "please enable JavaScript" notes and tracking pixels; left in, it also
    # makes trafilatura fall back to an extraction that runs all paragraphs together.
    for element in list(tree.iter("noscript")):
        element.drop_tree()
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=True,  # else blocks whose class mentions "caption" lose their text
        include_formatting=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not isinstance(document, Document) or document.body is None:
        raise NothingToNarrate(f"{source}: {_NO_ARTICLE}")
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
        raise NothingToNarrate(f"{source}: {_NO_ARTICLE}")
    return article


def load(source: str | Path, kind: InputFormat = "auto") -> Article:
    """Load an article from a file path, ``-`` (stdin) or an http(s) URL.

    ``kind`` says what it is; ``auto`` goes by the URL's content type, then the file's
    suffix, then the content: a feed raises ``IsAFeed`` (the pipeline reads it as a feed),
    a page that starts like HTML is HTML, text with Markdown signs on stdin or in a file
    without a known suffix is Markdown.
    """
    name = str(source)
    if name != "-" and "://" in name:  # a URL has one: a path alone needs no network code
        from briefing.fetch import fetch, is_url

        if is_url(name):
            return read_page(fetch(name), name, kind)
    data = read_source(source)
    label = _label(name)
    if not data.strip():
        what = "only whitespace" if data else ("empty input" if name == "-" else "empty file")
        raise NothingToNarrate(f"{label}: {what}; nothing to narrate: pass the article's text")
    if kind != "auto":
        return _parse_as(kind, data, name)
    if looks_like_feed(data):
        raise IsAFeed(name, data)
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        binary = binary_kind(data)
        if binary:
            raise _not_text(label, binary)
        return parse_html(data, name)  # trafilatura reads the page's declared charset
    text = decode_text(data, name)
    if not text.strip():
        raise NothingToNarrate(
            f"{label}: only whitespace; nothing to narrate: pass the article's text"
        )
    if suffix not in MARKDOWN_SUFFIXES and looks_like_html(text):
        return parse_html(data, name)
    if suffix in MARKDOWN_SUFFIXES or (suffix in ("", ".txt") and looks_like_markdown(text)):
        return parse_markdown(text, name)
    return parse_text(text, name)


def read_page(page: Page, name: str, kind: InputFormat = "auto") -> Article:
    """The article of a fetched page: by its content type, then its content (``load`` for a
    URL, and ``publish``, which fetches conditionally itself)."""
    if kind != "auto":
        return _parse_as(kind, page.content, name, url=page.url, declared=page.encoding)
    if page.content_type in FEED_TYPES or looks_like_feed(page.content):
        raise IsAFeed(name, page.content)
    if page.content_type in HTML_TYPES or looks_like_html(page.content):
        return parse_html(page.content, name, url=page.url)
    if page.content_type in ("text/plain", "text/markdown"):
        text = decode_text(page.content, name, page.encoding)
        if page.content_type == "text/markdown":
            return parse_markdown(text, name)
        return parse_text(text, name)
    raise InputError(
        f"{name}: not a web page (content type {page.content_type or 'unknown'}); "
        "pass the article's HTML page"
    )


def _parse_as(
    kind: InputFormat, data: bytes, name: str, url: str | None = None, declared: str | None = None
) -> Article:
    """``data`` read as ``kind``, whatever its name or content type says (``--from``)."""
    if kind == "feed":
        raise IsAFeed(name, data)
    if kind == "html":
        binary = binary_kind(data)
        if binary:
            raise _not_text(_label(name), binary)
        return parse_html(data, name, url=url)
    text = decode_text(data, name, declared)
    return parse_markdown(text, name) if kind == "markdown" else parse_text(text, name)
