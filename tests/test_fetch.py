"""URL input against a real HTTP server on 127.0.0.1: no test leaves this machine."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefing.errors import InputError
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
        self.wfile.write(body)

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


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


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
