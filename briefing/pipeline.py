"""The only place the stages meet: load, clean, segment, synthesize, assemble, export."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefing.assemble import Timeline
from briefing.clean import clean
from briefing.engines.base import Engine, VoiceSettings, get_engine
from briefing.errors import NothingToNarrate, OutputError
from briefing.export import check_writable, write_mp3
from briefing.load import load
from briefing.loudness import LoudnessTarget
from briefing.models import Article, Clip, Episode, Pauses, Segment
from briefing.normalize import normalize
from briefing.segment import segment

log = logging.getLogger(__name__)

DEFAULT_OUTPUT_DIR = Path("audio_out")

Progress = Callable[[int, int], None]
"""Called with (segments done, segments total) as synthesis advances."""


@dataclass(frozen=True)
class Settings:
    """Everything a build can be told; the CLI maps its options onto this."""

    engine: str = "piper"
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    pauses: Pauses = field(default_factory=Pauses)
    bitrate: str = "64k"
    loudness: LoudnessTarget | None = field(default_factory=LoudnessTarget)
    """Integrated loudness and true-peak targets; None leaves levels as the engine made them."""
    drop_patterns: tuple[str, ...] = ()
    normalize_text: bool = True
    """Rewrite text for the ear ("Gen." -> "General"); off sends the text as written."""


@dataclass(frozen=True)
class Script:
    """What would be spoken: the cleaned article and its segments (the dry run)."""

    article: Article
    segments: tuple[Segment, ...]


def slugify(title: str, max_length: int = 80) -> str:
    """A safe file stem from a title: ASCII letters, digits and dashes, length-capped."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "briefing"


def prepare(
    source: str | Path, settings: Settings = Settings(), max_chars: int | None = None
) -> Script:
    """Load, clean and segment ``source`` without synthesizing anything."""
    article = clean(load(source), settings.drop_patterns)
    if not article.paragraphs:
        raise NothingToNarrate(
            f"{article.source}: nothing to narrate after cleaning "
            f"({len(article.dropped)} lines dropped as boilerplate)"
        )
    if max_chars is None:
        max_chars = get_engine(settings.engine).max_chars
    speak = partial(normalize, lang=settings.voice.lang) if settings.normalize_text else str
    return Script(article, tuple(segment(article, max_chars, speak)))


def synthesize(
    engine: Engine, segments: Sequence[Segment], on_progress: Progress | None = None
) -> Iterator[Clip]:
    """One clip per segment, in segment order."""
    for done, item in enumerate(segments, start=1):
        yield Clip(item, engine.synthesize(item.spoken))
        if on_progress:
            on_progress(done, len(segments))


def narrate(
    source: str | Path,
    output: Path | None = None,
    settings: Settings = Settings(),
    on_progress: Progress | None = None,
) -> Episode:
    """Build one MP3 briefing from ``source``; returns where it went and what it holds."""
    engine_class = get_engine(settings.engine)
    script = prepare(source, settings, engine_class.max_chars)
    path = output or DEFAULT_OUTPUT_DIR / f"{slugify(script.article.title)}.mp3"
    if str(source) != "-" and path.resolve() == Path(source).resolve():
        raise OutputError(f"{path}: output would overwrite the input; choose another -o")
    check_writable(path.parent)
    engine = engine_class(settings.voice)
    log.info("narrating %d segments with %s", len(script.segments), settings.engine)
    clips = synthesize(engine, script.segments, on_progress)
    first = next(clips)
    with Timeline(first.audio.frame_rate, settings.pauses) as timeline:
        timeline.add(first)
        for clip in clips:
            timeline.add(clip)
        write_mp3(timeline, path, settings.bitrate, settings.loudness)
    return Episode(
        path=path,
        article=script.article,
        segments=script.segments,
        duration_ms=timeline.duration_ms,
        engine=settings.engine,
        offsets_ms=tuple(timeline.offsets_ms),
    )
