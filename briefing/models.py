"""Data passed between pipeline stages: every stage takes and returns these frozen records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np

    from briefing.loudness import Profile

SegmentKind = Literal["intro", "title", "heading", "body", "outro"]


@dataclass(frozen=True)
class Dropped:
    """A line the cleaner removed, with the rule that matched it."""

    line: str
    kind: str
    """What the line is: ``ad-label``, ``read-more``, ``video``, ``caption``, ``user pattern`` ..."""
    rule: str
    """Which rule matched: a packaged rule's name (``story-continues``), a step of the cascade
    (``same as the line before``) or the user's regex."""
    index: int | None = None
    """0-based position among the article's paragraphs before cleaning, when known."""

    @property
    def reason(self) -> str:
        """The kind and rule as one line for people: ``ad-label: story-continues``."""
        return f"{self.kind}: {self.rule}"


@dataclass(frozen=True)
class Skipped:
    """A story of a feed that could not be narrated; the rest of the briefing goes on."""

    source: str
    """The item's link, or the feed and the item's title when it has none."""
    title: str | None
    reason: str
    """The one-line error, as the CLI would print it."""


@dataclass(frozen=True)
class Metadata:
    """What the source says about the article, where it says it (HTML pages, feeds)."""

    author: str | None = None
    date: str | None = None
    """Publication date as ISO 8601 (``2020-01-03``) when known."""
    site: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """An article as loaded: a title and its paragraphs in reading order."""

    title: str
    paragraphs: tuple[str, ...]
    source: str = "-"
    """Where it came from: a path, a URL or ``-`` for stdin."""
    dropped: tuple[Dropped, ...] = ()
    """What cleaning removed (empty until the article is cleaned)."""
    metadata: Metadata = field(default_factory=Metadata)
    headings: frozenset[str] = frozenset()
    """Paragraphs that are section headings (from Markdown or HTML), read as section breaks."""


@dataclass(frozen=True)
class Segment:
    """One unit handed to a speech engine."""

    index: int
    kind: SegmentKind
    text: str
    """The original wording (for transcripts)."""
    spoken: str
    """What the engine receives (rewritten for the ear once normalization runs)."""
    paragraph: int
    """Index of the paragraph it came from; the title is paragraph -1."""
    story: int = 0
    """Which story of the briefing it belongs to; -1 for the intro and outro."""


@dataclass(frozen=True, eq=False)
class Audio:
    """What an engine returns for one text: mono float samples and their rate."""

    samples: np.ndarray
    """Mono float32 samples, full scale 1.0."""
    rate: int
    """Samples per second."""

    @property
    def duration_ms(self) -> int:
        return round(self.samples.size * 1000 / self.rate) if self.rate else 0


@dataclass(frozen=True, eq=False)
class Clip:
    """A segment's audio as synthesis hands it to assembly, in segment order."""

    segment: Segment
    samples: np.ndarray
    """Mono float32 samples, full scale 1.0, exactly what 16-bit PCM holds (so a clip from
    the cache and a fresh one are the same)."""
    rate: int
    profile: Profile | None = None
    """Loudness profile, when the synthesis worker took it; else assembly takes it."""
    cached: bool = False
    """Served from the segment cache rather than synthesized."""
    engine: str = ""
    """The engine that spoke it: the fallback's name when the main engine failed."""


@dataclass(frozen=True)
class Pauses:
    """Silence inserted between clips, in milliseconds."""

    after_title: int = 1000
    around_heading: int = 900
    """Before and after a section heading."""
    between_paragraphs: int = 600
    between_sentences: int = 250
    """Between two segments cut from the same paragraph."""
    between_stories: int = 1800
    """Between stories of a briefing, and around its intro and outro."""


@dataclass(frozen=True)
class Chapter:
    """A stretch of the episode a listener can skip to: a story, the intro or the outro."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Episode:
    """A finished briefing on disk."""

    path: Path
    title: str
    stories: tuple[Article, ...]
    segments: tuple[Segment, ...]
    duration_ms: int
    engine: str
    date: dt.date
    """The briefing's date (the same in its intro, tags, file name and manifest)."""
    offsets_ms: tuple[tuple[int, int], ...] = ()
    """Start and end of each segment in the audio, in segment order."""
    chapters: tuple[Chapter, ...] = ()
    sidecars: tuple[Path, ...] = ()
    """Transcripts and manifest written beside the MP3."""
    fallback: tuple[str, tuple[int, ...]] | None = None
    """The fallback engine and the segments it narrated, when the main engine failed some."""
    timings: tuple[tuple[str, float], ...] = ()
    """Wall seconds of each phase (prepare, synthesis, encode, sidecars), for benchmarks."""
    skipped: tuple[Skipped, ...] = ()
    """Feed items left out because they failed; the build is then only partly done."""
    lang: str = "en"
    """The language it is spoken in."""

    @property
    def dropped(self) -> tuple[Dropped, ...]:
        return tuple(line for story in self.stories for line in story.dropped)


@dataclass(frozen=True)
class LoudnessTarget:
    """Delivery target; the defaults are the common podcast ones."""

    lufs: float = -16.0
    """Integrated loudness, LUFS: -70 to -5 (podcasts -16 to -19, broadcast -23)."""
    true_peak: float = -1.5
    """Ceiling for true peaks, dBTP: -20 to 0."""

    def __post_init__(self) -> None:
        from briefing.errors import InputError

        if not -70 <= self.lufs <= -5:
            raise InputError(
                f"loudness target {self.lufs:g} LUFS is out of range; give -70 to -5 "
                "(--loudness; podcasts use -16)"
            )
        if not -20 <= self.true_peak <= 0:
            raise InputError(
                f"true-peak ceiling {self.true_peak:g} dBTP is out of range; give -20 to 0 "
                "(--true-peak; -1.5 is usual)"
            )
