"""Fetch a web page over HTTP(S) with limits: a timeout, a size cap, few redirects."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefing import __version__
from briefing.errors import InputError

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


def is_url(source: str) -> bool:
    """Whether ``source`` looks like a URL (any scheme) rather than a file path."""
    scheme = urlsplit(source).scheme
    return len(scheme) > 1 and "://" in source


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Page:
    """GET ``url``; every failure is an ``InputError`` that names the URL and what to do."""
    import requests

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(
            f"{url}: unsupported URL scheme {scheme!r}; use an http:// or https:// URL"
        )
    deadline = time.monotonic() + timeout
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    try:
        with session.get(
            url,
            stream=True,
            timeout=(min(10.0, timeout), timeout),
            headers={"User-Agent": USER_AGENT},
        ) as response:
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
                    raise InputError(
                        f"{url}: download took longer than {timeout:g} s; try again later"
                    )
                chunks.append(chunk)
            media_type, _, _ = response.headers.get("Content-Type", "").partition(";")
            return Page(
                url=response.url,
                content=b"".join(chunks),
                content_type=media_type.strip().lower(),
                encoding=response.encoding
                if "charset" in response.headers.get("Content-Type", "")
                else None,
            )
    except requests.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects; check the address") from None
    except requests.Timeout:
        raise InputError(f"{url}: no answer within {timeout:g} s; try again later") from None
    except requests.RequestException as error:
        reason = type(error).__name__
        raise InputError(
            f"{url}: cannot fetch the page ({reason}); check the address and network"
        ) from None
    finally:
        session.close()
