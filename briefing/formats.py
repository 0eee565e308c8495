"""The files a build writes beside its MP3, written and read in this one place.

- the manifest ``<stem>.json``: everything about a build (sources, settings, stories with what
  was dropped, chapters, segments with their times), versioned by ``"format"``; the podcast
  feed reads episodes back from it;
- transcripts: WebVTT ``<stem>.vtt`` and SRT ``<stem>.srt``, a cue per segment in its original
  wording; Podcasting 2.0 chapters ``<stem>.chapters.json``;
- the segments document that ``briefing segments --format json`` prints (a stable interface
  for other tools, versioned the same way).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.models import Chapter, Episode, Segment
    from briefing.pipeline import Script
    from briefing.settings import Settings

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
"""Bumped when a key changes meaning or goes away (adding keys keeps the number). Manifests
written before the key existed have the layout of format 1."""
SEGMENTS_FORMAT = 1

# --- manifest ---------------------------------------------------------------------------------


def manifest(episode: Episode, settings: Settings) -> dict[str, Any]:
    """Everything about a build, for feeds and for people: sources, settings, timings."""
    fallback_engine, by_fallback = episode.fallback or (None, ())
    return {
        "format": MANIFEST_FORMAT,
        "title": episode.title,
        "show": settings.show,
        "date": episode.date.isoformat(),
        "audio": episode.path.name,
        "duration_ms": episode.duration_ms,
        "engine": episode.engine,
        "voice": settings.voice.voice,
        "settings": {
            "lang": episode.lang,
            "speed": settings.voice.speed,
            "engine_options": {key: str(value) for key, value in settings.engine_options.items()},
            "bitrate": settings.bitrate,
            "loudness_lufs": settings.loudness.lufs if settings.loudness else None,
            "true_peak_dbtp": settings.loudness.true_peak if settings.loudness else None,
            "normalize_text": settings.normalize_text,
            "drop_patterns": list(settings.drop_patterns),
        },
        "fallback": {"engine": fallback_engine, "segments": list(by_fallback)}
        if by_fallback
        else None,
        "skipped": [
            {"source": s.source, "title": s.title, "reason": s.reason} for s in episode.skipped
        ],
        "stories": [
            {
                "title": story.title,
                "source": story.source,
                "url": story.metadata.url,
                "author": story.metadata.author,
                "published": story.metadata.date,
                "site": story.metadata.site,
                "dropped": [
                    {"line": d.line, "kind": d.kind, "rule": d.rule, "reason": d.reason}
                    for d in story.dropped
                ],
            }
            for story in episode.stories
        ],
        "chapters": [
            {"title": c.title, "start_ms": c.start_ms, "end_ms": c.end_ms} for c in episode.chapters
        ],
        "segments": [
            {
                "index": s.index,
                "kind": s.kind,
                "story": s.story,
                "text": s.text,
                "spoken": s.spoken,
                "engine": fallback_engine if s.index in by_fallback else episode.engine,
                "start_ms": start,
                "end_ms": end,
            }
            for s, (start, end) in zip(episode.segments, episode.offsets_ms, strict=True)
        ],
    }


@dataclass(frozen=True)
class StoryRecord:
    """A story as a manifest lists it."""

    title: str | None
    source: str | None
    url: str | None
    author: str | None
    published: str | None


@dataclass(frozen=True)
class ManifestRecord:
    """What a manifest says about its episode: what the feed and other tools read back."""

    format: int
    title: str
    show: str | None
    date: dt.date
    audio: str | None
    duration_ms: int
    engine: str | None
    lang: str | None
    stories: tuple[StoryRecord, ...]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def parse_date(text: str) -> dt.date | None:
    """ISO dates as manifests and ID3 TDRC frames hold them: a day, a month or only a year."""
    text = text.strip()
    for size, fill in ((10, ""), (7, "-01"), (4, "-01-01")):
        if len(text) >= size:
            try:
                return dt.date.fromisoformat(text[:size] + fill)
            except ValueError:
                continue
    return None


def parse_manifest(data: object) -> ManifestRecord | None:
    """A manifest's record, or None when ``data`` is not a briefing manifest this version reads
    (no title, date or duration; a newer format, which is logged)."""
    if not isinstance(data, dict):
        return None
    version = data.get("format", 1)
    if not isinstance(version, int) or version > MANIFEST_FORMAT:
        log.warning("manifest format %r is newer than this briefing reads (%d)", version, 1)
        return None
    title, day, duration = data.get("title"), data.get("date"), data.get("duration_ms")
    if not (isinstance(title, str) and isinstance(day, str) and isinstance(duration, int)):
        return None
    date = parse_date(day)
    if date is None:
        return None
    settings = data.get("settings")
    stories = [s for s in data.get("stories") or [] if isinstance(s, dict)]
    return ManifestRecord(
        format=version,
        title=title,
        show=_text(data.get("show")),
        date=date,
        audio=_text(data.get("audio")),
        duration_ms=duration,
        engine=_text(data.get("engine")),
        lang=_text(settings.get("lang")) if isinstance(settings, dict) else None,
        stories=tuple(
            StoryRecord(
                _text(s.get("title")),
                _text(s.get("source")),
                _text(s.get("url")),
                _text(s.get("author")),
                _text(s.get("published")),
            )
            for s in stories
        ),
    )


def read_manifest(path: Path) -> ManifestRecord | None:
    """The manifest at ``path``; None (with a logged warning) when it is unreadable or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        log.warning("%s: unreadable manifest (%s)", path, error)
        return None
    record = parse_manifest(data)
    if record is None:
        log.warning("%s: not a briefing manifest", path)
    return record


# --- transcripts and chapters -----------------------------------------------------------------

Cue = tuple[int, int, str]
"""(start ms, end ms, text)."""


def cues(segments: Sequence[Segment], offsets_ms: Sequence[tuple[int, int]]) -> list[Cue]:
    """One cue per segment, in its original wording, at its place in the audio."""
    return [(start, end, s.text) for s, (start, end) in zip(segments, offsets_ms, strict=True)]


def _clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line ends a cue and "-->" starts timing in both formats: keep them out of text.
    return " ".join(text.split()).replace("-->", "->")


def to_vtt(items: Sequence[Cue]) -> str:
    blocks = ["WEBVTT"]
    for number, (start, end, text) in enumerate(items, start=1):
        blocks.append(f"{number}\n{_clock(start, '.')} --> {_clock(end, '.')}\n{_one_line(text)}")
    return "\n\n".join(blocks) + "\n"


def to_srt(items: Sequence[Cue]) -> str:
    blocks = [
        f"{number}\n{_clock(start, ',')} --> {_clock(end, ',')}\n{_one_line(text)}"
        for number, (start, end, text) in enumerate(items, start=1)
    ]
    return "\n\n".join(blocks) + "\n"


def chapters_json(chapters: Sequence[Chapter]) -> dict[str, Any]:
    """Podcasting 2.0 JSON chapters (``podcast:chapters``, version 1.2.0)."""
    return {
        "version": "1.2.0",
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
            for c in chapters
        ],
    }


def sidecar_paths(mp3: Path) -> dict[str, Path]:
    """Where each sidecar of ``mp3`` goes, by kind."""
    stem = mp3.with_suffix("")
    return {
        "vtt": stem.with_suffix(".vtt"),
        "srt": stem.with_suffix(".srt"),
        "chapters": stem.with_suffix(".chapters.json"),
        "manifest": stem.with_suffix(".json"),
    }


def write_sidecars(episode: Episode, settings: Settings) -> tuple[Path, ...]:
    """WebVTT, SRT, Podcasting 2.0 chapters and the manifest, each written atomically."""
    from briefing.files import write_atomic

    items = cues(episode.segments, episode.offsets_ms)
    paths = sidecar_paths(episode.path)
    files = {
        paths["vtt"]: to_vtt(items),
        paths["srt"]: to_srt(items),
        paths["chapters"]: json.dumps(chapters_json(episode.chapters), indent=2),
        paths["manifest"]: json.dumps(manifest(episode, settings), ensure_ascii=False, indent=2),
    }
    return tuple(write_atomic(path, text) for path, text in files.items())


# --- the segments document --------------------------------------------------------------------


def segments_document(script: Script) -> dict[str, Any]:
    """What ``briefing segments --format json`` prints: what would be spoken, and what was
    dropped and why, for each story."""
    return {
        "format": SEGMENTS_FORMAT,
        "title": script.title,
        "segments": [
            {"index": s.index, "kind": s.kind, "story": s.story, "text": s.text, "spoken": s.spoken}
            for s in script.segments
        ],
        "dropped": [
            {
                "story": number,
                "index": d.index,
                "line": d.line,
                "kind": d.kind,
                "rule": d.rule,
                "reason": d.reason,
            }
            for number, story in enumerate(script.stories)
            for d in story.dropped
        ],
        "skipped": [
            {"source": s.source, "title": s.title, "reason": s.reason} for s in script.skipped
        ],
    }
