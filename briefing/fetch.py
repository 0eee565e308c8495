"""Fetch a web page over HTTP(S) with limits: a timeout, a size cap, few redirects.

The limits hold against hostile servers:

- Only ``http`` and ``https``, also after a redirect; at most ``MAX_REDIRECTS`` redirects.
- ``MAX_BYTES`` of body, counted after decompression (a small gzip answer can unpack to
  gigabytes); a larger ``Content-Length`` is refused before reading.
- One deadline for the whole exchange, connecting, headers and body, however the server
  paces its bytes. Socket timeouts only bound the wait for each read, so a server that
  dribbles a byte a second would pass them forever; a watchdog thread shuts the connection's
  sockets down when the deadline passes, which ends whatever read is waiting.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from briefing import __version__
from briefing.errors import InputError

if TYPE_CHECKING:
    from requests.adapters import HTTPAdapter

USER_AGENT = f"briefing/{__version__} (article narration)"
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Page:
    """A fetched response body and what the server said it is."""

    url: str
    """The final URL, after redirects."""
    content: bytes
    content_type: str
    """Media type without parameters, lowercased (``text/html``)."""
    encoding: str | None
    """The charset the server declared, if any."""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    """The server answered 304 to a conditional request: ``content`` is empty, the copy the
    caller holds is current."""


@dataclass(frozen=True)
class Validators:
    """What a previous answer said of itself, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


class Pace:
    """At least ``interval`` seconds between the starts of two requests to one host."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last.get(host, -math.inf) + self.interval)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)


_pace: contextvars.ContextVar[Pace | None] = contextvars.ContextVar("briefing_pace", default=None)


@contextlib.contextmanager
def polite(interval: float = 1.0) -> Iterator[Pace]:
    """Within this block, every ``fetch`` keeps ``interval`` seconds between requests to a
    host (a show's run, which may fetch many pages of one site)."""
    pace = Pace(interval)
    token = _pace.set(pace)
    try:
        yield pace
    finally:
        _pace.reset(token)


def is_url(source: str) -> bool:
    """Whether ``source`` looks like a URL (any scheme) rather than a file path."""
    scheme = urlsplit(source).scheme
    return len(scheme) > 1 and "://" in source


class _Watchdog:
    """Shuts down every socket it watches once ``seconds`` have passed, so that no read,
    however the server paces its bytes, outlives the deadline."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self.answered = False
        """Whether the headers came (the deadline then cuts a download, not a wait)."""
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    # OSError: already closed, or detached by the TLS wrapper that replaced it
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked recv, unlike close()


def _watched_adapter(watchdog: _Watchdog) -> HTTPAdapter:
    """A requests adapter whose connections show their sockets to ``watchdog``."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
    from urllib3.poolmanager import pool_classes_by_scheme

    class Watched:
        def _new_conn(self) -> socket.socket:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
            watchdog.watch(sock)  # the plain socket, also during a TLS handshake
            return sock

        def connect(self) -> None:
            super().connect()  # type: ignore[misc]
            watchdog.watch(self.sock)  # type: ignore[attr-defined]  # the TLS socket

    class Connection(Watched, HTTPConnection):
        pass

    class TLSConnection(Watched, HTTPSConnection):
        pass

    class Pool(HTTPConnectionPool):
        ConnectionCls = Connection

    class TLSPool(HTTPSConnectionPool):
        ConnectionCls = TLSConnection

    def watched(manager: Any) -> Any:
        if manager.pool_classes_by_scheme == pool_classes_by_scheme:  # not a SOCKS proxy
            manager.pool_classes_by_scheme = {"http": Pool, "https": TLSPool}
        return manager

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            watched(self.poolmanager)

        def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
            return watched(super().proxy_manager_for(proxy, **kwargs))

    return Adapter(max_retries=0)


def fetch(
    url: str,
    timeout: float | None = None,
    max_bytes: int | None = None,
    validators: Validators | None = None,
) -> Page:
    """GET ``url`` within ``timeout`` seconds in all (default ``TIMEOUT_SECONDS``), at most
    ``max_bytes`` of body (default ``MAX_BYTES``); every failure is an ``InputError`` that
    names the URL and what to do. With ``validators`` the request is conditional, and a 304
    answer is a page with ``not_modified`` set."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(
            f"{url}: unsupported URL scheme {scheme!r}; use an http:// or https:// URL"
        )
    pace = _pace.get()
    if pace is not None:
        pace.wait(url)
    with _Watchdog(timeout) as watchdog:
        try:
            return _get(url, timeout, max_bytes, watchdog, validators)
        except Exception as error:
            if watchdog.expired:  # whatever broke, it broke because the watchdog cut in
                raise _too_slow(url, timeout, watchdog.answered) from None
            if isinstance(error, InputError):
                raise
            # a server can break the protocol in ways requests does not wrap
            raise InputError(
                f"{url}: cannot fetch the page ({type(error).__name__}); "
                "check the address and network"
            ) from None


def _too_slow(url: str, timeout: float, answered: bool = True) -> InputError:
    if not answered:
        return InputError(f"{url}: no answer within {timeout:g} s; try again later")
    return InputError(f"{url}: download took longer than {timeout:g} s; try again later")


def _get(
    url: str, timeout: float, max_bytes: int, watchdog: _Watchdog, validators: Validators | None
) -> Page:
    import requests

    headers = {"User-Agent": USER_AGENT}
    if validators is not None and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    deadline = time.monotonic() + timeout
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    adapter = _watched_adapter(watchdog)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    try:
        with session.get(
            url,
            stream=True,
            timeout=(min(10.0, timeout), timeout),
            headers=headers,
        ) as response:
            watchdog.answered = True
            if response.status_code == 304 and validators is not None:
                return Page(response.url, b"", "", None, not_modified=True,
                            etag=response.headers.get("ETag") or validators.etag,
                            last_modified=response.headers.get("Last-Modified")
                            or validators.last_modified)  # fmt: skip
            if response.status_code >= 400:
                raise InputError(
                    f"{url}: the server answered HTTP {response.status_code} {response.reason}; "
                    "check the address"
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(
                    f"{url}: page larger than {max_bytes // 1024} KB; refusing to download"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(
                        f"{url}: page larger than {max_bytes // 1024} KB; refusing to download"
                    )
                if time.monotonic() > deadline:
                    raise _too_slow(url, timeout)
                chunks.append(chunk)
            if watchdog.expired:  # the watchdog cut the body short: it is not the page
                raise _too_slow(url, timeout)
            media_type, _, _ = response.headers.get("Content-Type", "").partition(";")
            return Page(
                url=response.url,
                content=b"".join(chunks),
                content_type=media_type.strip().lower(),
                encoding=response.encoding
                if "charset" in response.headers.get("Content-Type", "")
                else None,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except requests.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects; check the address") from None
    except requests.exceptions.InvalidSchema:
        raise InputError(
            f"{url}: redirected to a URL that is not http:// or https://; refusing to follow"
        ) from None
    except requests.Timeout:
        raise InputError(f"{url}: no answer within {timeout:g} s; try again later") from None
    except requests.RequestException as error:
        reason = type(error).__name__
        raise InputError(
            f"{url}: cannot fetch the page ({reason}); check the address and network"
        ) from None
    finally:
        session.close()
