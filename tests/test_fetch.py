"""URL input against a real HTTP server on 127.0.0.1: no test leaves this machine.

Besides ordinary pages, the server misbehaves the ways hostile or broken servers do: endless
redirects, bodies of gigabytes (declared, streamed, or a small gzip that unpacks to them),
bytes dribbled slowly enough to pass every socket timeout, redirects to other schemes,
answers that are not HTTP, bodies cut short.
"""

from __future__ import annotations

import contextlib
import gzip
import time
from http.server import BaseHTTPRequestHandler

import pytest
from conftest import local_server

from briefing.errors import InputError, NothingToNarrate
from briefing.fetch import fetch, is_url
from briefing.load import load

PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>Bridge opens | Town News</title>
<meta property="og:title" content="Bridge opens after two years of work">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge opens after two years of work</h1>
<p>The new bridge over the Mill River opened on Monday after two years of construction work.</p>
<p>Mayor Ann Lee cut the ribbon in front of a crowd of about three hundred residents.</p>
<h2>Traffic relief</h2>
<p>Engineers expect the bridge to carry twelve thousand vehicles a day by next summer.</p>
</article><footer>Copyright Town News. All rights reserved.</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def send(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8"
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.write_quietly(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self.send(200, PAGE)
        elif path == "/text":
            self.send(200, b"Plain title\n\nPlain body.", "text/plain")
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(path)}")
            self.end_headers()
        elif path == "/missing":
            self.send(404, b"not here")
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**10))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the client must count
            try:
                for _ in range(200):
                    self.wfile.write(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(2)
            self.send(200, PAGE)
        elif path == "/latin1":
            self.send(
                200, "Titre\n\nCafé ouvert.".encode("latin-1"), "text/plain; charset=iso-8859-1"
            )
        elif path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/article.html")
            self.end_headers()
        elif path == "/to-file":
            self.send_response(301)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif path == "/gzip-bomb":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(GZIP_BOMB)))
            self.end_headers()
            self.write_quietly(GZIP_BOMB)
        elif path == "/dribble-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.dribble(b"<p>" + b"x" * 400)
        elif path == "/dribble-headers":
            self.write_quietly(b"HTTP/1.1 200 OK\r\n")
            self.dribble(b"X-Slow: " + b"a" * 400)
        elif path == "/not-http":
            self.write_quietly(b"\x00\x01 this is no HTTP answer \xff\r\n\r\n")
        elif path == "/cut-short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.write_quietly(PAGE[:200])
        elif path == "/empty":
            self.send(200, b"")

    def write_quietly(self, data: bytes) -> None:
        with contextlib.suppress(OSError):  # the client gave up, as it should
            self.wfile.write(data)

    def dribble(self, data: bytes, pause: float = 0.02) -> None:
        """One byte at a time: each read returns quickly, the whole never ends in time."""
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                time.sleep(pause)
        except OSError:
            pass


GZIP_BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
"""64 MB of zeros in about 64 KB: under the size cap on the wire, far over it unpacked."""


@pytest.fixture(scope="module")
def server():
    with local_server(Handler) as base:
        yield base


def test_load_url_extracts_article_and_metadata(server):
    article = load(f"{server}/article")
    assert article.title == "Bridge opens after two years of work"
    assert article.paragraphs[0].startswith("The new bridge over the Mill River")
    assert "Traffic relief" in article.paragraphs and "Traffic relief" in article.headings
    assert not any("Copyright" in p or "Home" in p for p in article.paragraphs)
    assert article.metadata.author == "Jane Doe"
    assert article.metadata.language == "en"


def test_redirect_is_followed(server):
    page = fetch(f"{server}/moved")
    assert page.url.endswith("/article") and page.content_type == "text/html"


def test_plain_text_url(server):
    article = load(f"{server}/text")
    assert (article.title, article.paragraphs) == ("Plain title", ("Plain body.",))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "redirects"),
        ("/missing", "HTTP 404"),
        ("/image", "not a web page"),
        ("/huge-declared", "larger than"),
        ("/huge-streamed", "larger than"),
    ],
)
def test_bad_urls_give_clear_errors(server, path, message):
    with pytest.raises(InputError, match=message) as caught:
        load(f"{server}{path}")
    assert f"{server}{path}" in str(caught.value)


def test_timeout(server):
    with pytest.raises(InputError, match="no answer within"):
        fetch(f"{server}/slow", timeout=0.3)


@pytest.mark.parametrize("path", ["/dribble-body", "/dribble-headers"])
def test_deadline_holds_when_the_server_dribbles(server, path):
    """Every read returns within the socket timeout, yet the whole is cut at the deadline
    (the server would take 8 s)."""
    started = time.monotonic()
    with pytest.raises(InputError, match=r"(took longer than|no answer within) 0\.5 s"):
        fetch(f"{server}{path}", timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_gzip_bomb_is_counted_unpacked(server):
    assert len(GZIP_BOMB) < 1024 * 1024
    with pytest.raises(InputError, match="larger than 5120 KB"):
        fetch(f"{server}/gzip-bomb")


@pytest.mark.parametrize("path", ["/to-ftp", "/to-file"])
def test_redirect_to_another_scheme_is_refused(server, path):
    with pytest.raises(InputError, match="redirected to a URL that is not http"):
        fetch(f"{server}{path}")


@pytest.mark.parametrize("path", ["/not-http", "/cut-short"])
def test_broken_answers(server, path):
    with pytest.raises(InputError, match=r"cannot fetch the page \(\w+\)") as caught:
        fetch(f"{server}{path}", timeout=5)
    assert "\n" not in str(caught.value)


def test_declared_charset_is_used(server):
    page = fetch(f"{server}/latin1")
    assert page.encoding == "iso-8859-1"
    article = load(f"{server}/latin1")
    assert (article.title, article.paragraphs) == ("Titre", ("Café ouvert.",))


def test_empty_page_is_nothing_to_narrate(server):
    with pytest.raises(NothingToNarrate):
        load(f"{server}/empty")


@pytest.mark.parametrize("url", ["ftp://example.com/a.html", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_refused(url):
    with pytest.raises(InputError, match="unsupported URL scheme"):
        load(url)


@pytest.mark.parametrize(
    ("source", "expected"),
    [("https://a.b/c", True), ("http://x", True), ("ftp://x/y", True), ("a.txt", False),
     ("C:\\news\\a.txt", False), ("-", False), ("dir/http:x", False)],
)  # fmt: skip
def test_is_url(source, expected):
    assert is_url(source) is expected


def test_unreachable_host():
    with pytest.raises(InputError, match="cannot fetch"):
        fetch("http://127.0.0.1:9/", timeout=2)
