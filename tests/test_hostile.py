"""Hostile and odd input: each case ends in a one-line error that names the input and says
what to do, or in a sensible reading; never in a traceback.

Every row of the table goes through the library (``prepare``: load, clean, segment, no
audio) and through the command line (``briefing segments INPUT``). Files are made in a
temporary folder; URLs are served from 127.0.0.1, so nothing leaves this machine.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import local_server

from briefing.cli import cli
from briefing.errors import BriefingError, InputError, NothingToNarrate
from briefing.pipeline import Script, prepare

MAX_CHARS = 200
"""A small engine limit, so that long lines are cut many times."""
FETCH_TIMEOUT = 0.5
"""The fetch deadline in these tests (20 s in real use)."""
MB = 1024 * 1024

Make = Callable[[Path, str], str]
"""Makes the input in a temporary folder (or names a URL on the server): the source."""


@dataclass(frozen=True)
class Refused:
    """The input is refused: this error, its message matching ``message`` (a regex)."""

    error: type[BriefingError]
    message: str


@dataclass(frozen=True)
class Reads:
    """The input is read; ``check`` looks at what would be spoken."""

    check: Callable[[Script], object] = field(default=lambda script: None)


@dataclass(frozen=True)
class Case:
    name: str
    make: Make
    expect: Refused | Reads


def file(data: bytes | str, suffix: str = ".txt") -> Make:
    def make(folder: Path, server: str) -> str:
        path = folder / f"input{suffix}"
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return str(path)

    return make


def url(path: str) -> Make:
    return lambda folder, server: f"{server}{path}"


def literal(source: str) -> Make:
    return lambda folder, server: source


def body(script: Script) -> str:
    """The original wording of every body segment, in order."""
    return " ".join(s.text for s in script.segments if s.kind == "body")


def spoken(script: Script) -> str:
    return " ".join(s.spoken for s in script.segments)


# -- inputs --------------------------------------------------------------------------------

STORY = "Bridge opens\n\nThe new bridge opened on Monday after two years of work.\n"
WORDS = ["river", "council", "budget", "bridge", "tram", "school", "harbour", "market"]
rng = random.Random(7)
LONG_LINE = " ".join(rng.choice(WORDS) for _ in range(16_000))[:100_000].rsplit(" ", 1)[0]
TOKEN = "ab" * 50_000
RANDOM_BYTES = bytes(rng.randrange(256) for _ in range(4096))
RANDOM_NO_NUL = RANDOM_BYTES.replace(b"\0", b"\1")

HTML_NOISE = b"""<!DOCTYPE html><html><head><title>Real headline here</title>
<style>body{color:red} .x:after{content:'Styled words never spoken'}</style>
<script>document.write('Script words should never be read aloud.')</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Real headline here</h1>
<p>The first real paragraph of the story is long enough to be kept by the extractor.</p>
<script>var s = 'Inline script words here';</script>
<noscript>Please enable JavaScript to read this site.</noscript>
<style>p { display: none }</style>
<p>The second paragraph continues the story with more words about the town.</p>
</article><script src="tracker.js"></script></body></html>"""
HTML_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><html><body><article><h1>Laughs</h1>
<p>The council met on Monday to discuss the new bridge &d; over the river.</p>
<p>Another paragraph of real prose about the bridge and what it will cost.</p>
</article></body></html>"""
HTML_CP1252 = (
    '<html><head><meta charset="windows-1252"><title>Café</title></head><body><article>'
    "<h1>Le café est ouvert</h1><p>Le nouveau café a été ouvert lundi matin par la maire "
    "devant trois cents habitants, dit-elle.</p><p>Les travaux ont duré deux ans et coûté "
    "moins que prévu selon la mairie.</p></article></body></html>"
).encode("cp1252")


def sparse(size: int) -> Make:
    def make(folder: Path, server: str) -> str:
        path = folder / "huge.txt"
        with path.open("wb") as handle:
            handle.truncate(size)  # no disk used
        return str(path)

    return make


def folder(folder: Path, server: str) -> str:
    (folder / "a-folder").mkdir()
    return str(folder / "a-folder")


def symlink_loop(folder: Path, server: str) -> str:
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    return str(folder / "a")


def unreadable(folder: Path, server: str) -> str:
    path = folder / "secret.txt"
    path.write_text(STORY)
    path.chmod(0)
    return str(path)


def no_article_words(script: Script) -> None:
    text = spoken(script) + body(script)
    for junk in ("Script words", "Styled words", "Inline script", "enable JavaScript", "tracker"):
        assert junk not in text
    assert body(script).startswith("The first real paragraph")
    assert body(script).endswith("more words about the town.")


def same_words(expected: str) -> Callable[[Script], None]:
    def check(script: Script) -> None:
        assert body(script).split() == expected.split()

    return check


def contains(*parts: str) -> Callable[[Script], None]:
    def check(script: Script) -> None:
        text = script.title + "\n" + body(script)
        for part in parts:
            assert part in text, (part, text[:300])

    return check


def paragraphs(count: int) -> Callable[[Script], None]:
    def check(script: Script) -> None:
        assert len(script.article.paragraphs) == count, script.article.paragraphs

    return check


def refused(error: type[BriefingError], message: str) -> Refused:
    return Refused(error, message)


NOT_TEXT = refused(InputError, r"not text: looks like a binary file; save the article as")
EMPTY = refused(NothingToNarrate, r"nothing to narrate")

FILES = [
    # empty, blank
    Case("empty", file(b""), refused(NothingToNarrate, r"empty file; nothing to narrate")),
    Case("spaces-tabs-newlines", file(" \t\n\r\n  \n"), refused(NothingToNarrate, "only whitespace")),
    Case("unicode-whitespace", file("\u00a0\u3000\n\u2028\u2003 "), refused(NothingToNarrate, "only whitespace")),
    Case("utf16-whitespace", file("  \n\u00a0".encode("utf-16")), refused(NothingToNarrate, "only whitespace")),
    Case("dev-null", literal("/dev/null"), refused(NothingToNarrate, r"empty file")),
    Case("zero-width-only", file("\u200b\u200b\n\u200b\ufeff\n"), EMPTY),
    Case("punctuation-only", file("...\n---\n***\n"), EMPTY),
    Case("title-only", file("Just a title\n"), EMPTY),
    Case("emoji-only", file("🎉🎉🎉\n"), EMPTY),
    # binary
    Case("nul-bytes", file(b"Title\n\nBody\x00 text with a NUL."), NOT_TEXT),
    Case("png", file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + RANDOM_BYTES), refused(InputError, "looks like a PNG image")),
    Case("jpeg", file(b"\xff\xd8\xff\xe0\x00\x10JFIF" + RANDOM_BYTES), refused(InputError, "looks like a JPEG image")),
    Case("pdf", file(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n" + RANDOM_BYTES), refused(InputError, "looks like a PDF document")),
    Case("docx-zip", file(b"PK\x03\x04\x14\x00\x06\x00" + RANDOM_BYTES, ".docx"), refused(InputError, r"looks like a ZIP archive \(Word \.docx")),
    Case("gzip", file(gzip.compress(STORY.encode())), refused(InputError, "looks like a gzip archive")),
    Case("rtf", file(rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Hello \par }"), refused(InputError, "looks like an RTF document")),
    Case("elf", file(b"\x7fELF\x02\x01\x01" + RANDOM_BYTES), refused(InputError, "looks like a program")),
    Case("random-bytes", file(RANDOM_BYTES), NOT_TEXT),
    Case("random-bytes-no-nul", file(RANDOM_NO_NUL), NOT_TEXT),
    Case("control-characters", file(bytes(range(1, 9)) * 30 + b"some text"), NOT_TEXT),
    Case("dev-zero", literal("/dev/zero"), refused(InputError, r"more than the 20 MB limit")),
    Case("png-named-html", file(b"\x89PNG\r\n\x1a\n" + RANDOM_BYTES, ".html"), refused(InputError, "looks like a PNG image")),
    Case("binary-named-md", file(RANDOM_BYTES, ".md"), NOT_TEXT),
    # encodings
    Case("latin-1", file("Le pont\n\nÀ la fête, le garçon a mangé des crêpes.".encode("latin-1")), Reads(contains("fête", "garçon", "crêpes"))),
    Case("cp1252-quotes", file("Headline\n\n“Smart quotes” — naïve café, 5 €.".encode("cp1252")), Reads(contains("“Smart quotes”", "€"))),
    Case("utf-8-bom-crlf", file("\ufeffTitle\r\n\r\nBody line one.\r\nBody line two.\r\n".encode()), Reads(paragraphs(2))),
    Case("utf-16-bom", file("Title\n\nHello 世界, café.".encode("utf-16")), Reads(contains("世界", "café"))),
    Case("utf-16-be-no-bom", file("Title\n\nHello world, café.".encode("utf-16-be")), Reads(contains("café"))),
    Case("utf-32-bom", file("Title\n\nHello 世界.".encode("utf-32")), Reads(contains("世界"))),
    Case("shift-jis", file("東京の新しい橋\n\n新しい橋が月曜日に開通しました。市長がテープカットを行いました。".encode("shift_jis")), Reads(contains("開通しました"))),
    Case("gb18030", file("新闻标题\n\n新桥于星期一开通，市长出席了剪彩仪式。".encode("gb18030")), Reads(contains("剪彩仪式"))),
    Case("cp1251", file("Новости\n\nНовый мост открыли в понедельник после двух лет работ.".encode("cp1251")), Reads(contains("Новый мост"))),
    Case("koi8-r", file("Новости\n\nНовый мост открыли в понедельник после двух лет работ.".encode("koi8-r")), Reads(contains("Новый мост"))),
    Case("utf-8-with-stray-byte", file("Title\n\nCafé ".encode() + b"ouvert \xe9t\xe9."), refused(InputError, r"not UTF-8 text \(byte 0xe9 at offset 20, though other parts are UTF-8\)")),
    Case("no-encoding-fits", file(b"Title\n\nBody " + bytes(range(0x80, 0xA0))), refused(InputError, r"not UTF-8 text \(byte 0x80 at offset 12\); convert it")),
    Case("broken-utf-16", file(b"\xff\xfeT\x00i\x00\n"), refused(InputError, r"starts like UTF-16-LE .* save it again as UTF-8")),
    # shape
    Case("100k-line-no-punctuation", file("Long line\n\n" + LONG_LINE + "\n"), Reads(same_words(LONG_LINE))),
    Case("100k-character-token", file("Long token\n\n" + TOKEN + "\n"), Reads(lambda s: body(s).replace(" ", "") == TOKEN or pytest.fail("token lost"))),
    Case("100k-character-title", file(LONG_LINE + "\n\nBody.\n"), Reads(lambda s: s.segments[0].kind == "title")),
    Case("cr-line-endings", file("Title\rFirst paragraph.\rSecond paragraph."), Reads(paragraphs(2))),
    Case("form-feed-and-vertical-tab", file("Title\fFirst paragraph.\x0bSecond paragraph.\x1cThird."), Reads(paragraphs(3))),
    Case("5000-lines", file("Title\n" + "".join(f"Line {i} says something new about item {i}.\n" for i in range(5000))), Reads(paragraphs(5000))),
    # characters
    Case("emoji", file("Celebration 🎉\n\nThe team won 🏆 and fans cheered 👏👏. Family: 👨\u200d👩\u200d👧."), Reads(contains("🎉", "🏆 and fans cheered"))),
    Case("right-to-left", file("חדשות היום\n\nהגשר החדש נפתח ביום שני. أخبار اليوم: تم افتتاح الجسر."), Reads(contains("חדשות היום", "تم افتتاح الجسر"))),
    Case("bidi-overrides", file("Title\n\nAccess level: \u202euser\u2066 \u2069admin\u202c end of line.\u202d\u202a\u202b"), Reads(contains("Access level: user admin end of line."))),
    Case("control-characters-in-text", file("Ti\x07tle\n\nA \x1b[31mred\x1b[0m word and a bell\x07 and\x08 backspace.\x7f"), Reads(contains("Title", "A red word and a bell and backspace."))),
    Case("c1-controls-in-utf-8", file("Title\n\nParagraph one is here.\u0085Paragraph two and \u0080\u009fjunk."), Reads(contains("Paragraph one is here.", "Paragraph two and junk."))),
    Case("invisible-characters", file("Ti\u200btle\n\nZero\u200bwidth and soft\u00adhyphen and \ufeffBOM inside."), Reads(lambda s: "\u200b" not in spoken(s) and "\ufeff" not in spoken(s))),
    # HTML and Markdown
    Case("html-scripts-styles-noscript", file(HTML_NOISE, ".html"), Reads(no_article_words)),
    Case("html-in-txt-file", file(HTML_NOISE, ".txt"), Reads(no_article_words)),
    Case("html-utf-16", file(HTML_NOISE.decode().encode("utf-16"), ".html"), Reads(no_article_words)),
    Case("html-cp1252-meta", file(HTML_CP1252, ".html"), Reads(contains("a été ouvert lundi"))),
    Case("html-entity-expansion", file(HTML_LAUGHS, ".html"), Reads(lambda s: "aaaaaaaaaa" not in spoken(s))),
    Case("html-empty", file(b"", ".html"), refused(NothingToNarrate, "empty file")),
    Case("html-only-scripts", file(b"<html><head><script>alert('Read me aloud please now');</script></head><body><nav>Home</nav></body></html>", ".html"), refused(NothingToNarrate, "no article text found")),
    Case("html-100k-nested-divs", file(b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep.</p>" + b"</div>" * 100_000 + b"</body></html>", ".html"), refused(NothingToNarrate, "no article text found")),
    Case("markdown-controls", file("# Ti\x07tle\n\nA \u202eparagraph\u202c with a \x1b[1mbold\x1b[0m word.\n", ".md"), Reads(contains("Title", "A paragraph with a bold word."))),
    Case("markdown-nesting-bomb", file("# Title\n\n" + ">" * 100_000 + " quoted\n\n" + "- " * 50_000 + "item\n", ".md"), EMPTY),
    # the file itself
    Case("50-mb-file", sparse(50 * MB), refused(InputError, r"50 MB, more than the 20 MB limit for one article; .*BRIEFING_MAX_INPUT_MB")),
    Case("folder", folder, refused(InputError, "is a folder; pass an article file")),
    Case("missing", literal("/nonexistent/story.txt"), refused(InputError, "no such file; check the path")),
    Case("name-too-long", literal("/tmp/" + "x" * 5000 + ".txt"), refused(InputError, r"cannot read \(File name too long\)")),
    Case("symlink-loop", symlink_loop, refused(InputError, r"cannot read \(Too many levels of symbolic links\)")),
    pytest.param(
        Case("unreadable", unreadable, refused(InputError, "permission denied")),
        marks=pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file"),
    ),
]  # fmt: skip

URLS = [
    Case("redirects-forever", url("/loop"), refused(InputError, "more than 5 redirects")),
    Case("gigabytes-declared", url("/huge-declared"), refused(InputError, "larger than 5120 KB")),
    Case("gigabytes-streamed", url("/endless"), refused(InputError, "larger than 5120 KB")),
    Case("gzip-bomb", url("/gzip-bomb"), refused(InputError, "larger than 5120 KB")),
    Case("dribbles-body", url("/dribble-body"), refused(InputError, r"took longer than 0\.5 s")),
    Case("dribbles-headers", url("/dribble-headers"), refused(InputError, r"(took longer than|no answer within) 0\.5 s")),
    Case("never-answers", url("/silent"), refused(InputError, r"no answer within 0\.5 s")),
    Case("redirect-to-file", url("/to-file"), refused(InputError, "redirected to a URL that is not http")),
    Case("redirect-to-ftp", url("/to-ftp"), refused(InputError, "redirected to a URL that is not http")),
    Case("not-http", url("/not-http"), refused(InputError, r"cannot fetch the page \(\w+\)")),
    Case("cut-short", url("/cut-short"), refused(InputError, r"cannot fetch the page \(\w+\)")),
    Case("server-error", url("/error"), refused(InputError, "HTTP 500")),
    Case("image", url("/image"), refused(InputError, r"not a web page \(content type image/png\)")),
    Case("binary-as-text", url("/binary-text"), NOT_TEXT),
    Case("empty-page", url("/empty"), refused(NothingToNarrate, "nothing to narrate")),
    Case("scripts-page", url("/noise"), Reads(no_article_words)),
    Case("latin-1-declared", url("/latin1"), Reads(contains("Café ouvert."))),
    Case("ftp-scheme", literal("ftp://127.0.0.1/story.html"), refused(InputError, "unsupported URL scheme 'ftp'")),
    Case("file-scheme", literal("file:///etc/passwd"), refused(InputError, "unsupported URL scheme 'file'")),
    Case("gopher-scheme", literal("gopher://127.0.0.1/1"), refused(InputError, "unsupported URL scheme 'gopher'")),
    Case("javascript-pseudo-url", literal("javascript:alert(1)"), refused(InputError, "no such file")),
    Case("connection-refused", literal("http://127.0.0.1:9/story"), refused(InputError, "cannot fetch the page")),
]  # fmt: skip

CASES = FILES + URLS


def case_id(case: Case | object) -> str:
    return case.name if isinstance(case, Case) else str(case)


# -- a misbehaving server ------------------------------------------------------------------

GZIP_BOMB = gzip.compress(b"\0" * (64 * MB), compresslevel=9)


class Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # the client hung up, as it should
            self.wfile.write(data)

    def answer(self, status: int, data: bytes, content_type: str = "text/html", **headers: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.write(data)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def dribble(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            for byte in data:
                self.wfile.write(bytes([byte]))
                time.sleep(0.02)

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/loop"):
            self.redirect(f"/loop{len(path)}")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**12))
            self.end_headers()
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                while True:
                    self.wfile.write(b"<p>" + b"x" * 65536)
        elif path == "/gzip-bomb":
            self.answer(200, GZIP_BOMB, Content_Encoding="gzip")
        elif path == "/dribble-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.dribble(b"<html><body><p>" + b"x" * 1000)
        elif path == "/dribble-headers":
            self.write(b"HTTP/1.1 200 OK\r\n")
            self.dribble(b"X-Slow: " + b"a" * 1000)
        elif path == "/silent":
            time.sleep(3)
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/to-ftp":
            self.redirect("ftp://127.0.0.1/story.html")
        elif path == "/not-http":
            self.write(b"\x00\x01 no HTTP here \xff\r\n\r\n")
        elif path == "/cut-short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.write(HTML_NOISE[:300])
        elif path == "/error":
            self.answer(500, b"oops")
        elif path == "/image":
            self.answer(200, b"\x89PNG\r\n\x1a\n" + RANDOM_BYTES, "image/png")
        elif path == "/binary-text":
            self.answer(200, RANDOM_BYTES, "text/plain")
        elif path == "/empty":
            self.answer(200, b"")
        elif path == "/noise":
            self.answer(200, HTML_NOISE)
        elif path == "/latin1":
            text = "Titre\n\nCafé ouvert.".encode("latin-1")
            self.answer(200, text, "text/plain; charset=iso-8859-1")


@pytest.fixture(scope="module")
def server():
    with local_server(Hostile) as base:
        yield base


@pytest.fixture(autouse=True)
def quick_fetch(monkeypatch):
    monkeypatch.setattr("briefing.fetch.TIMEOUT_SECONDS", FETCH_TIMEOUT)
    monkeypatch.delenv("BRIEFING_MAX_INPUT_MB", raising=False)


# -- checks --------------------------------------------------------------------------------

_UNSPEAKABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_one_line(message: str, source: str) -> None:
    """One line: which input, what is wrong, and (after a semicolon) what to do."""
    assert message and "\n" not in message and "Traceback" not in message
    assert source in message or "stdin" in message, (source[:80], message)
    assert ";" in message, f"no advice: {message}"


def assert_sensible(script: Script) -> None:
    assert script.segments
    for item in script.segments:
        assert item.spoken.strip() and len(item.spoken) <= MAX_CHARS, item
        assert not _UNSPEAKABLE.search(item.spoken + item.text), item


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_library(case: Case, tmp_path: Path, server: str) -> None:
    source = case.make(tmp_path, server)
    started = time.monotonic()
    if isinstance(case.expect, Refused):
        with pytest.raises(case.expect.error) as caught:
            prepare(source, max_chars=MAX_CHARS)
        message = str(caught.value)
        assert re.search(case.expect.message, message), message
        assert_one_line(message, source[:200])
    else:
        script = prepare(source, max_chars=MAX_CHARS)
        assert_sensible(script)
        case.expect.check(script)
    assert time.monotonic() - started < 10


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cli(case: Case, tmp_path: Path, server: str, runner: CliRunner) -> None:
    source = case.make(tmp_path, server)
    result = runner.invoke(cli, ["segments", source])
    assert "Traceback" not in result.output
    if isinstance(case.expect, Refused):
        assert result.exit_code == case.expect.error.exit_code, result.output
        assert isinstance(result.exception, SystemExit)
        (line,) = result.output.splitlines()
        assert line.startswith("Error: "), line
        assert re.search(case.expect.message, line), line
        assert_one_line(line, source[:200])
    else:
        assert result.exit_code == 0, result.output
        assert result.output.startswith("[0] title: ")


# -- stdin ---------------------------------------------------------------------------------

STDIN = [
    (b"", refused(NothingToNarrate, r"^stdin: empty input; nothing to narrate")),
    (b"  \n\t\n", refused(NothingToNarrate, r"^stdin: only whitespace")),
    (RANDOM_BYTES, refused(InputError, r"^stdin: not text: looks like a binary file")),
    (b"%PDF-1.4\n" + RANDOM_BYTES, refused(InputError, r"^stdin: not text: looks like a PDF")),
    (b"y\n" * (MB // 2 + 1), refused(InputError, r"^stdin: more than the 1 MB limit")),
    (STORY.encode("utf-16"), Reads(contains("The new bridge opened on Monday"))),
    ("Café\n\nÀ la fête, le garçon a mangé.".encode("cp1252"), Reads(contains("fête", "garçon"))),
]


@pytest.mark.parametrize(("data", "expect"), STDIN, ids=[f"stdin-{i}" for i in range(len(STDIN))])
def test_stdin(data: bytes, expect: Refused | Reads, monkeypatch, runner: CliRunner) -> None:
    monkeypatch.setenv("BRIEFING_MAX_INPUT_MB", "1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    if isinstance(expect, Refused):
        with pytest.raises(expect.error, match=expect.message):
            prepare("-", max_chars=MAX_CHARS)
    else:
        expect.check(prepare("-", max_chars=MAX_CHARS))
    result = runner.invoke(cli, ["segments", "-"], input=data)
    assert "Traceback" not in result.output
    if isinstance(expect, Refused):
        assert result.exit_code == expect.error.exit_code
        (line,) = result.output.splitlines()
        assert re.search(expect.message.replace("^", "^Error: "), line), line
    else:
        assert result.exit_code == 0, result.output


def test_size_limit_setting_is_checked(monkeypatch, runner: CliRunner, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFING_MAX_INPUT_MB", "lots")
    path = file(STORY)(tmp_path, "")
    result = runner.invoke(cli, ["segments", path])
    assert result.exit_code == 2
    assert result.output == (
        "Error: BRIEFING_MAX_INPUT_MB='lots' is not a size in megabytes; set it to a positive "
        "number such as 20, or unset it\n"
    )


def test_table_size() -> None:
    """The counts reported for this suite (hostile inputs: files, URLs, stdin)."""
    assert (len(FILES), len(URLS), len(STDIN)) == (64, 22, 7)
