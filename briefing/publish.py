"""``briefing publish SHOW.toml``: a podcast that fills itself from its sources.

A show is a TOML file (see ``load_show``) naming a folder, the address it is served from, and
its sources (feeds, pages, local folders). Each run:

1. takes the show's lock (a second run at the same time stops at once, with one line);
2. reads each source, politely: conditional GETs (ETag, If-Modified-Since), at most one
   request a second to a host, timeouts; a source that fails is recorded and the run goes on;
3. compares each item with what the state database remembers (by guid or link, and a hash of
   what the source says of it): a new item is narrated, a changed one (a correction) is
   narrated again under the same episode, with "Updated:" before its title; an item that
   fails is recorded with its reason and tried again next run;
4. in ``story`` mode makes one episode per story, in ``briefing`` mode one episode of all the
   new stories;
5. removes episodes past the retention (``keep_episodes``, ``keep_days``) with their sidecars;
6. rewrites the podcast feed atomically.

State lives in SQLite (the standard library's ``sqlite3``, WAL mode) in ``FOLDER/.briefing/``:
items seen, episodes, runs. Every episode file is written atomically and recorded after, so a
run stopped at any moment leaves the folder and the database consistent: what was not recorded
is narrated again by the next run, which also marks the stopped run as interrupted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import logging
import re
import sqlite3
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from briefing.errors import BriefingError, InputError
from briefing.files import free_name
from briefing.models import Article
from briefing.settings import Settings, VoiceSettings

log = logging.getLogger(__name__)

ALL_DONE, PARTLY_DONE, NOTHING_DONE = 0, 5, 6
"""Exit codes of a run: everything new was published (or nothing was new); some items or
sources failed and the rest was published; nothing could be done (every source or item failed,
or another run holds the show)."""

STATE_DIR = ".briefing"
MAX_ATTEMPTS = 5
"""A failing item is tried again on this many runs, then left alone (``--status`` lists it)."""


class ShowBusy(BriefingError):
    """Another run is publishing this show."""

    exit_code = NOTHING_DONE


@dataclass(frozen=True)
class Source:
    """Where stories come from: exactly one of a feed, a page, a local folder."""

    feed: str | None = None
    url: str | None = None
    folder: Path | None = None

    @property
    def name(self) -> str:
        return str(self.feed or self.url or self.folder)


@dataclass(frozen=True)
class Show:
    """A show as its TOML file describes it."""

    title: str
    base_url: str
    folder: Path
    sources: tuple[Source, ...]
    mode: Literal["story", "briefing"] = "story"
    author: str | None = None
    description: str | None = None
    language: str = "en"
    category: str = "News"
    cover: Path | None = None
    explicit: bool = False
    owner_name: str | None = None
    owner_email: str | None = None
    items_per_run: int = 5
    """At most this many new stories per source per run (the newest)."""
    keep_episodes: int | None = None
    keep_days: int | None = None
    settings: Settings = field(default_factory=Settings)
    """How episodes are built: engine, voice, intro and outro, sound."""
    config: Path | None = None


_SHOW_KEYS = {
    "title", "base_url", "folder", "mode", "author", "description", "language", "category",
    "cover", "explicit", "owner_name", "owner_email", "items_per_run", "keep_episodes",
    "keep_days", "engine", "voice", "speed", "engine_options", "intro", "outro", "intro_audio",
    "outro_audio", "bitrate", "loudness", "chime", "fallback_engine", "cluster",
}  # fmt: skip


def load_show(path: Path) -> Show:
    """The show in ``path``; every mistake is a one-line error naming the file and the key."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such show file") from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read the show ({error})") from None

    def bad(what: str) -> InputError:
        return InputError(f"{path}: {what}; see the README's 'Publish a podcast' section")

    show = data.get("show")
    if not isinstance(show, dict):
        raise bad("no [show] table")
    unknown = sorted(set(show) - _SHOW_KEYS)
    if unknown:
        raise bad(f"[show] has no key {unknown[0]!r}")
    for key in ("title", "base_url", "folder"):
        if not isinstance(show.get(key), str) or not show[key].strip():
            raise bad(f'[show] needs {key} = "..."')
    if show.get("mode", "story") not in ("story", "briefing"):
        raise bad(f'[show] mode must be "story" or "briefing", not {show["mode"]!r}')
    for key in ("items_per_run", "keep_episodes", "keep_days"):
        value = show.get(key)
        if value is not None and (not isinstance(value, int) or value < 1):
            raise bad(f"[show] {key} must be a whole number of at least 1")
    sources = []
    for number, entry in enumerate(data.get("source") or [], start=1):
        given = (
            {k: v for k, v in entry.items() if k in ("feed", "url", "folder")}
            if isinstance(entry, dict)
            else {}
        )
        if len(given) != 1 or set(entry) - {"feed", "url", "folder"}:
            raise bad(f"[[source]] number {number} needs exactly one of feed, url or folder")
        key, value = next(iter(given.items()))
        if key == "folder":
            sources.append(Source(folder=(path.parent / value).expanduser()))
        else:
            sources.append(Source(**{key: value}))
    if not sources:
        raise bad('no [[source]]: add at least one feed = "...", url = "..." or folder = "..."')
    root = path.parent
    base_url = show["base_url"]
    if not re.match(r"^https?://[^/\s]+", base_url):
        raise bad(
            f"[show] base_url must be the http(s):// address the folder is served at, not {base_url!r}"
        )
    speed = show.get("speed", 1.0)
    if isinstance(speed, bool) or not isinstance(speed, int | float) or not 0.25 <= speed <= 4:
        raise bad(f"[show] speed must be a number from 0.25 to 4, not {speed!r}")
    for key in ("explicit", "chime"):
        if key in show and not isinstance(show[key], bool):
            raise bad(f"[show] {key} must be true or false, not {show[key]!r}")
    for key in ("cover", "intro_audio", "outro_audio"):
        if key in show and not (root / str(show[key])).expanduser().is_file():
            raise bad(f"[show] {key}: no such file {root / str(show[key])}")
    base = Settings()
    try:
        settings = replace(
            base,
            engine=show.get("engine", base.engine),
            voice=VoiceSettings(
                voice=show.get("voice"),
                lang=show.get("language", "en"),
                speed=float(show.get("speed", 1.0)),
            ),
            engine_options=dict(show.get("engine_options", {})),
            show=show["title"],
            intro=show.get("intro", base.intro),
            outro=show.get("outro", base.outro),
            intro_audio=root / show["intro_audio"] if "intro_audio" in show else None,
            outro_audio=root / show["outro_audio"] if "outro_audio" in show else None,
            bitrate=show.get("bitrate", base.bitrate),
            chime=bool(show.get("chime", False)),
            fallback_engine=show.get("fallback_engine"),
            cluster=show.get("cluster"),
            cover=root / show["cover"] if "cover" in show else None,
            overwrite=True,  # the show owns its folder: an episode fixed is written again
        )
        from briefing.engines.base import build_engine

        build_engine(settings.engine, settings.voice, settings.engine_options)  # checks them all
        if settings.fallback_engine:
            build_engine(settings.fallback_engine, replace(settings.voice, voice=None))
    except (TypeError, ValueError) as error:
        raise bad(f"[show] has a value of the wrong kind ({error})") from None
    except BriefingError as error:
        raise bad(str(error)) from None
    return Show(
        title=show["title"],
        base_url=show["base_url"],
        folder=(root / show["folder"]).expanduser(),
        sources=tuple(sources),
        mode=show.get("mode", "story"),
        author=show.get("author"),
        description=show.get("description"),
        language=show.get("language", "en"),
        category=show.get("category", "News"),
        cover=settings.cover,
        explicit=bool(show.get("explicit", False)),
        owner_name=show.get("owner_name"),
        owner_email=show.get("owner_email"),
        items_per_run=show.get("items_per_run", 5),
        keep_episodes=show.get("keep_episodes"),
        keep_days=show.get("keep_days"),
        settings=settings,
        config=path,
    )


# --- state ------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,          -- the item's guid, link or file name
    source TEXT NOT NULL,
    title TEXT,
    link TEXT,
    fingerprint TEXT NOT NULL,     -- a hash of what the source says of it
    first_seen TEXT NOT NULL,
    episode TEXT,                  -- the episode file that narrates it
    status TEXT NOT NULL,          -- done, failed
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS episodes (
    file TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    published TEXT NOT NULL,
    updated TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    ended TEXT,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL           -- running, done, partly done, nothing done, interrupted
);
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    body BLOB,
    error TEXT
);
"""


class State:
    """The show's SQLite database: items seen, episodes, runs, and the sources' validators."""

    def __init__(self, folder: Path) -> None:
        (folder / STATE_DIR).mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(folder / STATE_DIR / "state.sqlite3", timeout=10)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def item(self, key: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute(
            "SELECT * FROM items WHERE key = ?", (key,)
        ).fetchone()
        return row

    def runs(self, limit: int = 5) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()

    def episodes(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM episodes ORDER BY published DESC").fetchall()

    def failures(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM items WHERE status = 'failed'").fetchall()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    (folder / STATE_DIR).mkdir(parents=True, exist_ok=True)
    with (folder / STATE_DIR / "lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ShowBusy(
                f"{folder}: another run is publishing this show; wait for it to finish"
            ) from None
        yield


# --- a run ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An item a run will narrate: new, or changed since it was narrated."""

    key: str
    source: str
    title: str | None
    link: str | None
    fingerprint: str
    read: Any
    """A function that returns its ``Article`` (the page is fetched only when called)."""
    previous: sqlite3.Row | None


@dataclass
class RunReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(item or source, reason): what failed for the first time in this run."""
    still_failing: list[tuple[str, str]] = field(default_factory=list)
    """Items that failed before and failed again: reported, but they do not make a quiet run
    a failed one (cron and systemd would count every later run as failed)."""
    removed: list[str] = field(default_factory=list)
    attempted: int = 0

    @property
    def exit_code(self) -> int:
        if not self.failed:
            return ALL_DONE
        done = len(self.new) + len(self.updated)
        tried = self.attempted - len(self.still_failing)
        return PARTLY_DONE if done or tried > len(self.failed) else NOTHING_DONE

    def summary(self) -> str:
        parts = [f"{len(self.new)} new", f"{len(self.updated)} updated"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.still_failing:
            parts.append(f"{len(self.still_failing)} still failing")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        return ", ".join(parts)


def run_show(show: Show) -> RunReport:
    """One run of the show (steps 1-6 of the module docstring)."""
    from briefing.fetch import polite

    show.folder.mkdir(parents=True, exist_ok=True)
    with _locked(show.folder):
        state = State(show.folder)
        try:
            with state.db:
                state.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
                run = state.db.execute(
                    "INSERT INTO runs (started, status) VALUES (?, 'running')",
                    (_now().isoformat(),),
                ).lastrowid
            report = RunReport()
            with polite(1.0):
                candidates = [c for s in show.sources for c in _candidates(show, s, state, report)]
                _narrate(show, candidates, state, report)
            report.removed = _retain(show, state)
            _write_feed(show)
            status = {ALL_DONE: "done", PARTLY_DONE: "partly done"}.get(
                report.exit_code, "nothing done"
            )
            with state.db:
                state.db.execute(
                    "UPDATE runs SET ended = ?, new = ?, updated = ?, failed = ?, removed = ?, "
                    "status = ? WHERE id = ?",
                    (_now().isoformat(), len(report.new), len(report.updated), len(report.failed),
                     len(report.removed), status, run),
                )  # fmt: skip
            return report
        finally:
            state.close()


def _candidates(show: Show, source: Source, state: State, report: RunReport) -> list[Candidate]:
    """The new and changed items of ``source``, newest first, at most ``items_per_run``."""
    try:
        found = list(_items(source, state))
    except BriefingError as error:
        log.warning("%s: %s", source.name, error)
        report.failed.append((source.name, str(error)))
        report.attempted += 1
        return []
    wanted = []
    for candidate in found:
        previous = candidate.previous
        if (
            previous is not None
            and previous["fingerprint"] == candidate.fingerprint
            and (previous["status"] == "done" or previous["attempts"] >= MAX_ATTEMPTS)
        ):
            continue  # narrated already, or given up on
        wanted.append(candidate)
    return wanted[: show.items_per_run]


def _items(source: Source, state: State) -> Iterator[Candidate]:
    from briefing.fetch import Validators, fetch, is_url
    from briefing.load import load, read_page, read_source

    if source.feed is not None:
        from briefing.feeds import parse_feed, read_entry

        data = _conditional(source.feed, state) if is_url(source.feed) else read_source(source.feed)
        channel, entries = parse_feed(source.feed, data)
        for entry in entries:
            yield Candidate(
                entry.key, source.name, entry.title, entry.link, entry.fingerprint,
                lambda entry=entry: read_entry(entry, channel, source.feed or ""),
                state.item(entry.key),
            )  # fmt: skip
    elif source.url is not None:
        row = state.db.execute("SELECT * FROM sources WHERE name = ?", (source.url,)).fetchone()
        validators = Validators(row["etag"], row["last_modified"]) if row else None
        page = fetch(source.url, validators=validators)
        if page.not_modified:
            return
        with state.db:
            state.db.execute(
                "INSERT OR REPLACE INTO sources (name, etag, last_modified) VALUES (?, ?, ?)",
                (source.url, page.etag, page.last_modified),
            )
        article = read_page(page, source.url)  # the page just fetched, not a second request
        yield Candidate(
            source.url, source.name, article.title, source.url, _hash_article(article),
            lambda article=article: article, state.item(source.url),
        )  # fmt: skip
    elif source.folder is not None:
        if not source.folder.is_dir():
            raise InputError(f"{source.folder}: no such folder of stories")
        for path in sorted(source.folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
            if path.name.startswith(".") or path.suffix.lower() not in (
                ".txt", ".md", ".markdown", ".html", ".htm",
            ):  # fmt: skip
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
            yield Candidate(
                f"file:{path.name}", source.name, path.stem, None, digest,
                lambda path=path: load(path), state.item(f"file:{path.name}"),
            )  # fmt: skip


def _conditional(url: str, state: State) -> bytes:
    """The feed at ``url``: fetched again only when the server says it changed (304 keeps
    the copy the database holds)."""
    from briefing.fetch import Validators, fetch

    row = state.db.execute("SELECT * FROM sources WHERE name = ?", (url,)).fetchone()
    validators = Validators(row["etag"], row["last_modified"]) if row and row["body"] else None
    page = fetch(url, validators=validators)
    if page.not_modified and row is not None:
        log.info("%s: not modified", url)
        body: bytes = row["body"]
        return body
    with state.db:
        state.db.execute(
            "INSERT OR REPLACE INTO sources (name, etag, last_modified, body) VALUES (?, ?, ?, ?)",
            (url, page.etag, page.last_modified, page.content),
        )
    return page.content


def _hash_article(article: Article) -> str:
    text = "\n".join([article.title, *article.paragraphs])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _narrate(show: Show, candidates: list[Candidate], state: State, report: RunReport) -> None:
    if not candidates:
        return  # nothing new: nothing to load for synthesis
    from briefing.pipeline import narrate, slugify

    today = _now().date()
    ready: list[tuple[Candidate, Article]] = []
    for candidate in candidates:
        report.attempted += 1
        try:
            article = candidate.read()
        except BriefingError as error:
            _failed(state, candidate, str(error), report)
            continue
        if candidate.previous is not None and candidate.previous["status"] == "done":
            article = replace(article, title=f"Updated: {article.title}")
        ready.append((candidate, article))
    if show.mode == "briefing" and ready:
        name = f"{slugify(show.title)}-{_now():%Y-%m-%d-%H%M%S}.mp3"
        try:
            episode = narrate(
                [article for _, article in ready],
                show.folder / name,
                replace(show.settings, date=today),
            )
        except BriefingError as error:
            for candidate, _ in ready:
                _failed(state, candidate, str(error), report)
            return
        for candidate, article in ready:
            _done(state, candidate, name, article.title, report)
        _episode(state, name, episode.title, episode.duration_ms)
        return
    for candidate, article in ready:
        previous = candidate.previous
        first_seen = dt.date.fromisoformat(previous["first_seen"][:10]) if previous else today
        file: str | None = previous["episode"] if previous and previous["episode"] else None
        if file is None:  # a new story: its own file, even when another has its title
            stem = f"{first_seen.isoformat()}-{slugify(article.title.removeprefix('Updated: '))}"
            file = free_name(show.folder / f"{stem}.mp3", lambda p: _taken(state, p)).name
        try:
            episode = narrate(article, show.folder / file, replace(show.settings, date=first_seen))
        except BriefingError as error:
            _failed(state, candidate, str(error), report)
            continue
        _done(state, candidate, file, episode.title, report)
        _episode(state, file, episode.title, episode.duration_ms)


def _failed(state: State, candidate: Candidate, reason: str, report: RunReport) -> None:
    log.warning("%s: %s", candidate.link or candidate.key, reason)
    previous = candidate.previous
    again = previous is not None and previous["status"] == "failed"
    (report.still_failing if again else report.failed).append(
        (candidate.title or candidate.key, reason)
    )
    with state.db:
        if previous is None:
            state.db.execute(
                "INSERT INTO items (key, source, title, link, fingerprint, first_seen, status, "
                "error, attempts) VALUES (?, ?, ?, ?, ?, ?, 'failed', ?, 1)",
                (candidate.key, candidate.source, candidate.title, candidate.link,
                 candidate.fingerprint, _now().isoformat(), reason),
            )  # fmt: skip
        elif previous["status"] != "done":  # a fix that fails keeps the episode it had
            state.db.execute(
                "UPDATE items SET status = 'failed', error = ?, attempts = attempts + 1, "
                "fingerprint = ? WHERE key = ?",
                (reason, candidate.fingerprint, candidate.key),
            )


def _taken(state: State, path: Path) -> bool:
    """Whether an episode file of that name exists or is remembered (it may be retained away)."""
    known = state.db.execute("SELECT 1 FROM items WHERE episode = ?", (path.name,)).fetchone()
    return path.exists() or known is not None


def _done(state: State, candidate: Candidate, file: str, title: str, report: RunReport) -> None:
    now = _now().isoformat()
    updated = candidate.previous is not None and candidate.previous["status"] == "done"
    (report.updated if updated else report.new).append(title)
    with state.db:
        state.db.execute(
            "INSERT INTO items (key, source, title, link, fingerprint, first_seen, episode, "
            "status, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 'done', 1) ON CONFLICT(key) DO "
            "UPDATE SET fingerprint = excluded.fingerprint, episode = excluded.episode, "
            "status = 'done', error = NULL, title = excluded.title",
            (candidate.key, candidate.source, candidate.title, candidate.link,
             candidate.fingerprint, now, file),
        )  # fmt: skip


def _episode(state: State, file: str, title: str, duration_ms: int) -> None:
    """Record an episode written; one written again (a correction) keeps its first date."""
    now = _now().isoformat()
    with state.db:
        state.db.execute(
            "INSERT INTO episodes (file, title, duration_ms, published) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(file) DO UPDATE SET title = excluded.title, "
            "duration_ms = excluded.duration_ms, updated = ?",
            (file, title, duration_ms, now, now),
        )


def _retain(show: Show, state: State) -> list[str]:
    """Remove the episodes past the show's retention, with their sidecars."""
    from briefing.formats import sidecar_paths

    episodes = state.episodes()  # newest first
    keep = episodes
    if show.keep_episodes is not None:
        keep = keep[: show.keep_episodes]
    if show.keep_days is not None:
        oldest = _now() - dt.timedelta(days=show.keep_days)
        keep = [e for e in keep if dt.datetime.fromisoformat(e["published"]) >= oldest]
    kept = {e["file"] for e in keep}
    removed = []
    for episode in episodes:
        if episode["file"] in kept:
            continue
        mp3 = show.folder / episode["file"]
        for path in (mp3, *sidecar_paths(mp3).values()):
            path.unlink(missing_ok=True)
        with state.db:
            state.db.execute("DELETE FROM episodes WHERE file = ?", (episode["file"],))
            # the items stay known (so they are not narrated again), without an episode
            state.db.execute(
                "UPDATE items SET episode = NULL WHERE episode = ?", (episode["file"],)
            )
        removed.append(episode["file"])
    return removed


def _write_feed(show: Show) -> None:
    from briefing.podcast import Channel, episodes, write_feed

    if not episodes(show.folder):
        return
    channel = Channel(
        title=show.title,
        description=show.description,
        author=show.author,
        image=str(show.cover) if show.cover else None,
        language=show.language,
        category=show.category,
        explicit=show.explicit,
        owner_name=show.owner_name,
        owner_email=show.owner_email,
    )
    write_feed(show.folder, show.base_url, None, channel)


# --- status and scheduling ----------------------------------------------------------------------


def status(show: Show) -> str:
    """What ``--status`` prints: episodes, the last runs, failures."""
    if not (show.folder / STATE_DIR / "state.sqlite3").exists():
        return f"{show.title}: never run (run `briefing publish {show.config}`)"
    state = State(show.folder)
    try:
        episodes, runs, failures = state.episodes(), state.runs(), state.failures()
    finally:
        state.close()
    minutes = sum(e["duration_ms"] for e in episodes) / 60000
    lines = [f"{show.title}: {len(episodes)} episodes, {minutes:.1f} min, in {show.folder}"]
    for episode in episodes[:5]:
        note = " (updated)" if episode["updated"] else ""
        lines.append(f"  {episode['published'][:16]}  {episode['file']}{note}")
    lines.append("last runs:")
    for run in runs:
        lines.append(
            f"  {run['started'][:19]}  {run['status']}: {run['new']} new, {run['updated']} "
            f"updated, {run['failed']} failed, {run['removed']} removed"
        )
    if failures:
        lines.append("failing items (tried again next run):")
        for item in failures:
            gave_up = " (given up)" if item["attempts"] >= MAX_ATTEMPTS else ""
            lines.append(f"  {item['title'] or item['key']}: {item['error']}{gave_up}")
    return "\n".join(lines)


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")


def parse_interval(text: str) -> float:
    """``90s``, ``15m``, ``2h``, ``1d`` (or plain seconds) as seconds; at least 10 s."""
    match = _INTERVAL.match(text)
    if not match:
        raise InputError(f"--every {text!r}: give a duration such as 15m, 1h or 90s")
    seconds = (
        float(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2) or "s"]
    )
    if seconds < 10:
        raise InputError(f"--every {text!r}: at least 10 s between runs, to be polite")
    return seconds
