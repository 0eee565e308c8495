"""``briefing serve``: a listening page for every episode in a folder, and narration on demand.

Starlette routes, pages rendered on the server with Jinja2, a little JavaScript for the player
(speed, following the words, seeking by chapter); no build step, nothing from a CDN.

- ``/``: the episodes (cover, title, date, duration, stories) and a form to narrate a URL or text;
- ``/episodes/NAME``: the player with chapters, the transcript (from the episode's WebVTT, as a
  ``<track>`` too), speed, download, and what the cleaner left out and why;
- ``/files/NAME``: the folder's files, with byte ranges (206) so players can seek; nothing
  outside the folder, whatever the encoding of the path;
- ``/feed.xml``: the folder's podcast feed, when ``briefing feed`` or ``publish`` wrote one;
- ``POST /narrate``: queues a build (``jobs.py``); ``/jobs/ID`` shows it, ``/jobs/ID/events``
  streams its progress (server-sent events) until the episode is ready.

On an address other than loopback, narrating needs the token (printed when the server starts,
or given with ``--token``): as the ``token`` form field, an ``Authorization: Bearer`` header,
or once in the page's address (``/?token=...``), which sets a cookie.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from briefing.errors import BriefingError
from briefing.formats import read_manifest, sidecar_paths
from briefing.serve.jobs import Jobs
from briefing.settings import Settings

HERE = Path(__file__).parent
MAX_FORM_BYTES = 1_000_000
"""A narrate request larger than this (a pasted text of some 150,000 words) is refused."""
TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/rss+xml; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


@dataclass(frozen=True)
class Config:
    folder: Path
    token: str | None
    """Needed for narrating; None on loopback, where only this machine can reach the server."""


def create_app(
    folder: Path, token: str | None = None, settings: Settings | None = None, workers: int = 1
) -> Starlette:
    """The web app over ``folder``; ``token`` guards narration when it is set."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    config = Config(folder, token)
    jobs = Jobs(folder, settings or Settings(), workers)
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    def page(request: Request, template: str, status: int = 200, **values: Any) -> Response:
        values.setdefault("token", _token_of(request, config))
        return templates.TemplateResponse(request, template, values, status_code=status)

    async def index(request: Request) -> Response:
        from briefing.podcast import episodes

        listing = await asyncio.to_thread(episodes, folder)
        response = page(
            request,
            "index.html",
            episodes=listing,
            has_feed=(folder / "feed.xml").is_file(),
            needs_token=config.token is not None,
        )
        asked = request.query_params.get("token")
        if asked and config.token and hmac.compare_digest(asked, config.token):
            response.set_cookie("briefing_token", asked, httponly=True, samesite="strict")
        return response

    async def episode(request: Request) -> Response:
        name = request.path_params["name"]
        mp3 = _inside(folder, f"{name}.mp3")
        if mp3 is None or not mp3.is_file():
            return page(request, "missing.html", 404, what=f"episode {name!r}")
        manifest_path = sidecar_paths(mp3)["manifest"]
        record = read_manifest(manifest_path) if manifest_path.is_file() else None
        try:
            data = json.loads(manifest_path.read_text(encoding="utf-8")) if record else {}
        except (OSError, ValueError):
            data = {}
        return page(
            request,
            "episode.html",
            name=name,
            title=record.title if record else name,
            date=record.date if record else None,
            chapters=data.get("chapters", []),
            cues=[s for s in data.get("segments", []) if "start_ms" in s],
            stories=data.get("stories", []),
            has_vtt=sidecar_paths(mp3)["vtt"].is_file(),
        )

    async def cover(request: Request) -> Response:
        from briefing.podcast import _episode_cover

        mp3 = _inside(folder, f"{request.path_params['name']}.mp3")
        found = await asyncio.to_thread(_episode_cover, mp3) if mp3 and mp3.is_file() else None
        if found is None:
            return PlainTextResponse("no cover", status_code=404)
        data, kind = found
        return Response(
            data, media_type=TYPES[f".{kind}"], headers={"Cache-Control": "public, max-age=300"}
        )

    async def files(request: Request) -> Response:
        path = _inside(folder, request.path_params["path"])
        if path is None or not path.is_file():
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(
            path,
            media_type=TYPES.get(path.suffix.lower(), "application/octet-stream"),
            headers={"Cache-Control": "public, max-age=300"},
        )

    async def feed(request: Request) -> Response:
        path = folder / "feed.xml"
        if not path.is_file():
            return PlainTextResponse(
                "no feed yet: write one with `briefing feed FOLDER --base-url URL`",
                status_code=404,
            )
        return FileResponse(path, media_type=TYPES[".xml"])

    async def narrate(request: Request) -> Response:
        if not _same_origin(request):
            return page(request, "error.html", 403, message="narrate from this server's own page")
        if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
            return page(request, "error.html", 413, message="the text is too long to narrate")
        form = await request.form(max_fields=10, max_part_size=MAX_FORM_BYTES)
        if config.token is not None and not _authorized(request, config, form.get("token")):
            return page(request, "error.html", 403, message="narrating here needs the token")
        url = str(form.get("url") or "").strip()
        text = str(form.get("text") or "").strip()
        try:
            if url:
                from urllib.parse import urlsplit

                if urlsplit(url).scheme.lower() not in ("http", "https"):
                    raise BriefingError(f"{url}: not a web address; paste an http(s):// URL")
                job = jobs.submit(url, url)
            elif text:
                from briefing.load import parse_text

                job = jobs.submit(parse_text(text, "pasted text"), text.splitlines()[0])
            else:
                raise BriefingError("nothing to narrate: paste a URL or the article's text")
        except BriefingError as error:
            return page(request, "error.html", 400, message=str(error))
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def job_page(request: Request) -> Response:
        job = jobs.get(request.path_params["id"])
        if job is None:
            return page(request, "missing.html", 404, what="that narration")
        return page(request, "job.html", job=job.snapshot(), what=job.what)

    async def job_state(request: Request) -> Response:
        job = jobs.get(request.path_params["id"])
        if job is None:
            return JSONResponse({"error": "no such job"}, status_code=404)
        return JSONResponse(job.snapshot())

    async def job_events(request: Request) -> Response:
        job = jobs.get(request.path_params["id"])
        if job is None:
            return PlainTextResponse("no such job", status_code=404)

        async def events() -> Any:
            version = -1
            while True:
                snapshot = job.snapshot()
                yield f"data: {json.dumps(snapshot)}\n\n"
                if snapshot["status"] in ("done", "failed"):
                    return
                version = await asyncio.to_thread(job.wait, version, 15.0)

        return StreamingResponse(
            events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/episodes/{name:str}", episode),
            Route("/episodes/{name:str}/cover", cover),
            Route("/files/{path:path}", files),
            Route("/feed.xml", feed),
            Route("/narrate", narrate, methods=["POST"]),
            Route("/jobs/{id:str}", job_page),
            Route("/jobs/{id:str}/state", job_state),
            Route("/jobs/{id:str}/events", job_events),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        lifespan=_lifespan(jobs),
    )
    app.state.jobs = jobs
    return app


def _lifespan(jobs: Jobs) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            jobs.close()

    return lifespan


def _inside(folder: Path, relative: str) -> Path | None:
    """``folder / relative`` when it is inside ``folder`` (after resolving ``..``, links and
    the decoded ``%2e%2e``), else None."""
    if "\x00" in relative:
        return None
    candidate = (folder / relative).resolve()
    if not candidate.is_relative_to(folder) or candidate == folder:
        return None
    if any(part.startswith(".") for part in candidate.relative_to(folder).parts):
        return None  # hidden files and folders (a show's state) are not published
    return candidate


def _same_origin(request: Request) -> bool:
    """Whether a form post comes from this server's own page: another site open in the
    listener's browser must not start builds here (a cross-site request forgery). Browsers send
    ``Origin`` with every POST; a client without one (curl) is let through."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc == request.headers.get("host", "")


def _token_of(request: Request, config: Config) -> str:
    """The token to put in the page's forms, when the visitor has shown it."""
    if config.token is None:
        return ""
    given = request.cookies.get("briefing_token") or request.query_params.get("token") or ""
    return given if hmac.compare_digest(given, config.token) else ""


def _authorized(request: Request, config: Config, field: object) -> bool:
    assert config.token is not None
    header = request.headers.get("authorization", "")
    offered = [
        str(field or ""),
        header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else "",
        request.cookies.get("briefing_token", ""),
    ]
    return any(o and hmac.compare_digest(o, config.token) for o in offered)
