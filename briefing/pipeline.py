"""The only place the stages meet: load, clean, segment, synthesize, assemble, export.

One briefing holds one story or several. With several, it opens with a spoken intro (show,
date, how many stories), puts a longer pause (and optionally a soft tone) between stories and
closes with an outro; each story starts with its headline.

The stages are imported where they run, so that ``stream`` can start loading the voice
before the reading and cleaning code is even imported.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefing.engines.base import build_engine, get_engine
from briefing.errors import InputError, NothingToNarrate, OutputError
from briefing.models import Article, Chapter, Clip, Episode, Segment, SegmentKind, Skipped
from briefing.settings import Settings

if TYPE_CHECKING:
    from briefing.cache import SegmentCache
    from briefing.engines.base import Engine
    from briefing.load import InputFormat
    from briefing.tags import Tags

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called with (segments done, segments total) as synthesis advances."""
Phase = Callable[[str], None]
"""Called with what the build turns to: ``story 2 of 3`` (as assembly reaches it),
``encoding``, ``tags``, ``transcripts``."""


@dataclass(frozen=True)
class Script:
    """What would be spoken: the cleaned stories and the segments (the dry run)."""

    title: str
    stories: tuple[Article, ...]
    segments: tuple[Segment, ...]
    date: dt.date = field(default_factory=dt.date.today)
    """The briefing's date, as the intro speaks it."""
    skipped: tuple[Skipped, ...] = ()
    """Feed items that failed and are left out."""
    lang: str = "en"
    """The language it is spoken in: ``--lang``, else the first story's own."""

    def settings_for(self, settings: Settings) -> Settings:
        """``settings`` with the language this script resolved (for the engine, tags, manifest)."""
        return replace(settings, voice=replace(settings.voice, lang=self.lang))

    @property
    def article(self) -> Article:
        """The first (for a single-story briefing, the only) story."""
        return self.stories[0]


_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)]
)
"""File names Windows refuses whatever the extension."""


_MAX_SLUG_BYTES = 200
"""File systems allow 255 bytes per name; this leaves room for a suffix and ``.chapters.json``."""


def _slug_char(char: str) -> str:
    """A character of a file name: Latin letters lose their accents ("é" -> "e"), letters,
    digits and marks of other scripts stay as they are, anything else becomes a dash."""
    if char.isascii():
        return char if char.isalnum() else "-"
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    if plain.isalnum():
        return plain
    return char if unicodedata.category(char)[0] in "LMN" else "-"


def slugify(title: str, max_length: int = 80) -> str:
    """A safe file stem from a title: lowercase letters, digits and dashes, length-capped,
    never a path (no separators, no dots) and never a name Windows reserves. Titles in other
    scripts keep their letters ("Новости дня" -> "новости-дня"), so they stay distinct."""
    text = unicodedata.normalize("NFC", title).lower()
    slug = re.sub(r"-+", "-", "".join(_slug_char(char) for char in text)).strip("-")
    slug = slug[:max_length]
    while len(slug.encode()) > _MAX_SLUG_BYTES:
        slug = slug[:-1]
    slug = slug.rstrip("-") or "briefing"
    return f"{slug}-briefing" if slug in _RESERVED_NAMES else slug


def speaker(settings: Settings, phonemes: bool = False) -> Callable[[str], str]:
    """Text -> what the engine receives: normalization for the ear, then the user's lexicon
    (with inline phonemes for engines that take them)."""
    from briefing.normalize import apply_lexicon, load_lexicon, normalize

    lexicon = load_lexicon(settings.lexicon) if settings.lexicon else None
    lang = settings.voice.lang or "en"

    def speak(text: str) -> str:
        if settings.normalize_text:
            text = normalize(text, lang)
        if lexicon is not None:
            text = apply_lexicon(text, lexicon, phonemes)
        return text

    return speak


def _spoken_date(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _story_count(count: int) -> str:
    from num2words import num2words

    return f"{num2words(count)} {'story' if count == 1 else 'stories'}".capitalize()


def _fill(template: str, settings: Settings, stories: Sequence[Article]) -> str:
    values = {
        "show": settings.show,
        "date": _spoken_date(settings.day),
        "count": _story_count(len(stories)),
        "titles": "; ".join(story.title for story in stories),
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise InputError(
            f"bad intro/outro template {template!r} ({error}); use {{show}}, {{date}}, "
            "{count} and {titles}"
        ) from None


def _announcement(
    kind: SegmentKind, text: str, index: int, speak: Callable[[str], str], max_chars: int
) -> list[Segment]:
    from briefing.segment import segment

    article = Article(title=text, paragraphs=())
    return [
        Segment(index + i, kind, s.text, s.spoken, -1, -1)
        for i, s in enumerate(segment(article, max_chars, speak))
    ]


@dataclass(frozen=True)
class Feed:
    """An RSS or Atom feed as a source: its ``latest`` newest items, each a story."""

    location: str
    """A path or an http(s) URL."""
    latest: int = 3


Source = str | Path | Article | Feed
"""A path, a URL, ``-`` for stdin, a feed, or an article already loaded."""


@dataclass(frozen=True)
class Loaded:
    """The sources as articles, in order, with the feed items that failed."""

    articles: list[Article]
    from_feed: list[bool]
    """Whether each article is a feed item (which may be skipped rather than fail the build)."""
    skipped: list[Skipped]


def load_sources(
    sources: Source | Sequence[Source], kind: InputFormat = "auto", latest: int = 3
) -> Loaded:
    """Every source as articles, in order; a feed gives one article per item (its ``latest``
    newest, for a feed that is found to be one). A feed item that fails is skipped; any other
    source that fails is an error. ``kind`` is what the path and URL sources are."""
    from briefing.load import IsAFeed, load

    if isinstance(sources, str | Path | Article | Feed):
        sources = [sources]
    loaded = Loaded([], [], [])

    def add_feed(location: str, count: int, data: bytes | None = None) -> None:
        from briefing.feeds import read_feed  # here: a plain article needs no feed reader

        items = read_feed(location, count, data)
        loaded.articles.extend(items.articles)
        loaded.from_feed.extend([True] * len(items.articles))
        loaded.skipped.extend(items.skipped)

    for source in sources:
        if isinstance(source, Feed):
            add_feed(source.location, source.latest)
        elif isinstance(source, Article):
            loaded.articles.append(source)
            loaded.from_feed.append(False)
        else:
            try:
                article = load(source, kind)
            except IsAFeed as feed:
                add_feed(feed.source, latest, feed.data)
                continue
            loaded.articles.append(article)
            loaded.from_feed.append(False)
    if not loaded.articles:
        raise InputError("no input given; pass an article file, a URL, - or a feed")
    return loaded


DETECT_MIN_WORDS = 40
"""Fewer words than this say too little of their language: a short note stays English."""


def article_language(stories: Sequence[Article]) -> str | None:
    """The language of the first story that says (its page's or its feed's), else the one its
    words show (the cleaner's stop-word detection), when it has enough of them."""
    from briefing.clean.language import detect
    from briefing.settings import language_code

    for story in stories:
        code = language_code(story.metadata.language)
        if code:
            return code
    lines = [line for story in stories[:1] for line in (story.title, *story.paragraphs)]
    if sum(len(line.split()) for line in lines) >= DETECT_MIN_WORDS:
        return detect(lines)
    return None


def prepare(
    sources: Source | Sequence[Source],
    settings: Settings = Settings(),
    max_chars: int | None = None,
) -> Script:
    """Load, clean and segment every source, without synthesizing anything."""
    from briefing.clean import clean
    from briefing.segment import segment

    settings = settings.dated()
    stories = []
    loaded = load_sources(sources, settings.input_format, settings.latest)
    skipped = list(loaded.skipped)
    for source, from_feed in zip(loaded.articles, loaded.from_feed, strict=True):
        article = (
            clean(source, settings.drop_patterns, lang=settings.voice.lang)
            if settings.clean
            else source
        )
        if not article.paragraphs:
            dropped = len(article.dropped)
            error = NothingToNarrate(
                f"{article.source}: only a title, nothing to narrate; put the article's "
                "paragraphs after its first line"
                if not source.paragraphs
                else f"{article.source}: nothing to narrate after cleaning ({dropped} "
                f"{'line' if dropped == 1 else 'lines'} dropped as boilerplate); check that "
                "this is the article itself, and see `briefing segments` for what was dropped "
                "and why"
            )
            if not from_feed:
                raise error
            skipped.append(Skipped(article.source, article.title, str(error)))
            continue
        stories.append(article)
    if not stories:
        raise InputError(f"nothing to narrate: every feed item failed (first: {skipped[0].reason})")
    engine_class = get_engine(settings.engine)
    voice = settings.voice.voice
    lang = (
        settings.voice.lang
        or article_language(stories)
        or (engine_class.voice_language(voice) if voice else None)
        or "en"
    )
    settings = replace(settings, voice=replace(settings.voice, lang=lang))
    if max_chars is None:
        max_chars = engine_class.max_chars
    speak = speaker(settings, engine_class.phonemes)

    framed = len(stories) > 1 or settings.framed
    segments: list[Segment] = []
    if framed and settings.intro:
        segments += _announcement(
            "intro", _fill(settings.intro, settings, stories), 0, speak, max_chars
        )
    for number, story in enumerate(stories):
        for item in segment(story, max_chars, speak):
            segments.append(
                Segment(len(segments), item.kind, item.text, item.spoken, item.paragraph, number)
            )
    if framed and settings.outro:
        outro = _fill(settings.outro, settings, stories)
        segments += _announcement("outro", outro, len(segments), speak, max_chars)
    if len(stories) == 1:
        title = stories[0].title
    else:
        title = f"{settings.show}, {_spoken_date(settings.day)}"
    return Script(title, tuple(stories), tuple(segments), settings.day, tuple(skipped), lang)


def chapters(
    script: Script, offsets_ms: Sequence[tuple[int, int]], duration_ms: int
) -> list[Chapter]:
    """One chapter per story, plus the intro and outro; each runs to the next one's start."""
    starts: list[tuple[str, int]] = []
    previous: int | None = None
    for item, (start, _) in zip(script.segments, offsets_ms, strict=True):
        group = item.story if item.story >= 0 else (-1 if item.kind == "intro" else -2)
        if group != previous:
            if item.kind == "intro":
                name = "Introduction"
            elif item.kind == "outro":
                name = "Closing"
            else:
                name = script.stories[item.story].title
            starts.append((name, 0 if not starts else start))
            previous = group
    ends = [start for _, start in starts[1:]] + [duration_ms]
    return [Chapter(name, start, end) for (name, start), end in zip(starts, ends, strict=True)]


def default_output(script: Script, settings: Settings) -> Path:
    """``<output_dir>/<title>.mp3`` for one story, ``<output_dir>/<show>-<date>.mp3`` for more."""
    return output_for(script.stories, replace(settings, date=script.date))


def output_for(stories: Sequence[Article], settings: Settings) -> Path:
    """The default output of a build of ``stories`` (a story's title is not changed by
    cleaning, so loaded articles name it as well as prepared ones)."""
    if len(stories) == 1:
        return settings.output_dir / f"{slugify(stories[0].title)}.mp3"
    return settings.output_dir / f"{slugify(settings.show)}-{settings.day.isoformat()}.mp3"


def check_free(path: Path, settings: Settings) -> None:
    """Refuse to replace an existing MP3 or sidecar unless ``settings.overwrite``."""
    if settings.overwrite:
        return
    from briefing.formats import sidecar_paths

    targets = [path, *sidecar_paths(path).values()] if settings.sidecars else [path]
    taken = next((target for target in targets if target.exists()), None)
    if taken is not None:
        raise OutputError(
            f"{taken}: already exists; add --force to replace it, or choose another name with -o"
        )


def _tags(script: Script, settings: Settings) -> Tags:
    from briefing.tags import Tags, default_cover, load_cover

    first = script.stories[0].metadata
    # Web addresses only: a local path says something about this machine, not the story.
    urls = tuple(
        url
        for story in script.stories
        if (url := story.metadata.url or story.source).startswith(("http://", "https://"))
    )
    single = len(script.stories) == 1
    return Tags(
        title=script.title,
        artist=(first.author if single and first.author else settings.show),
        album=settings.show,
        date=script.date.isoformat(),
        comment="\n".join(urls) or None,
        language=settings.voice.lang,
        cover=load_cover(settings.cover) if settings.cover else default_cover(settings.show),
        sources=urls,
    )


def narrate(
    sources: Source | Sequence[Source],
    output: Path | None = None,
    settings: Settings = Settings(),
    on_progress: Progress | None = None,
    on_phase: Phase | None = None,
) -> Episode:
    """Build one MP3 briefing from one or more sources; returns where it went and what it holds."""
    from briefing.assemble import JINGLE_LU, Timeline
    from briefing.audio import decode_file, from_segment
    from briefing.cache import SegmentCache
    from briefing.export import atomic_path, check_writable, encode_mp3
    from briefing.formats import write_sidecars
    from briefing.tags import write_tags

    clock = [("start", time.perf_counter())]
    settings = settings.dated()
    script = prepare(sources, settings)
    settings = script.settings_for(settings)
    path = output or default_output(script, settings)
    for story in script.stories:
        if story.source != "-" and path.resolve() == Path(story.source).resolve():
            raise OutputError(f"{path}: output would overwrite the input; choose another -o")
    check_free(path, settings)
    check_writable(path.parent)
    tags = _tags(script, settings)
    engine, fallback = _engines(settings)
    clock.append(("prepare", time.perf_counter()))
    log.info("narrating %d segments with %s", len(script.segments), settings.engine)
    cache = SegmentCache(settings.cache_dir) if settings.cache else None
    jingles = [
        decode_file(path) if path else None for path in (settings.intro_audio, settings.outro_audio)
    ]
    clips = _speak(engine, script.segments, cache, settings, on_progress, fallback)
    by_fallback: list[int] = []
    first = next(clips)
    gap = settings.pauses.between_stories // 2
    with Timeline(first.rate, settings.pauses, settings.chime) as timeline:
        if jingles[0] is not None:
            timeline.add_sound(from_segment(jingles[0], timeline.rate).samples, JINGLE_LU)
            timeline.add_silence(gap)
        reached = -1  # the story assembly has reached
        for clip in itertools.chain([first], clips):
            if on_phase and len(script.stories) > 1 and clip.segment.story > reached:
                reached = clip.segment.story
                on_phase(f"story {reached + 1} of {len(script.stories)}")
            timeline.add_clip(clip)
            if clip.engine != engine.name:
                by_fallback.append(clip.segment.index)
        if jingles[1] is not None:
            timeline.add_silence(gap)
            timeline.add_sound(from_segment(jingles[1], timeline.rate).samples, JINGLE_LU)
        clock.append(("synthesis", time.perf_counter()))
        marks = chapters(script, timeline.offsets_ms, timeline.duration_ms)
        with atomic_path(path) as temp:
            if on_phase:
                on_phase("encoding")
            encode_mp3(timeline, temp, settings.bitrate, settings.loudness)
            if on_phase:
                on_phase("tags")
            write_tags(temp, tags, tuple(marks))
        clock.append(("encode", time.perf_counter()))
    episode = _episode(
        script, settings, path, tuple(timeline.offsets_ms), timeline.duration_ms, marks, by_fallback
    )
    if settings.sidecars:
        if on_phase:
            on_phase("transcripts")
        episode = replace(episode, sidecars=write_sidecars(episode, settings))
    clock.append(("sidecars", time.perf_counter()))
    timings = tuple((name, end - start) for (_, start), (name, end) in itertools.pairwise(clock))
    log.info("timings: %s", ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings))
    return replace(episode, timings=timings)


def _speak(
    engine: Engine,
    segments: Sequence[Segment],
    cache: SegmentCache | None,
    settings: Settings,
    on_progress: Progress | None,
    fallback: Engine | None,
    first_alone: bool = False,
) -> Iterator[Clip]:
    """The segments' clips in order: on this machine (``first_alone``: see ``speak_all``), or
    on the Dask cluster of ``--cluster``."""
    if settings.cluster:
        from briefing.cluster import EngineSpec, speak_on_cluster

        spec = EngineSpec.of(settings.engine, settings.voice, settings.engine_options)
        return speak_on_cluster(
            settings.cluster, spec, engine, segments, cache, on_progress, fallback
        )
    from briefing.synthesize import speak_all

    return speak_all(engine, segments, cache, settings.jobs, on_progress, fallback, first_alone)


def stream(
    sources: Source | Sequence[Source],
    out: BinaryIO,
    settings: Settings = Settings(),
    on_progress: Progress | None = None,
) -> Episode:
    """Build the briefing as an MP3 stream written to ``out`` as segments are spoken (in order),
    for a player to start at once; see ``briefing.stream`` for how it differs from a file."""
    settings = settings.dated()
    early = None if settings.cluster else _warming(settings)  # a cluster loads its own voices
    from briefing.audio import decode_file, from_segment
    from briefing.cache import SegmentCache
    from briefing.stream import stream_mp3

    script = prepare(sources, settings)
    settings = script.settings_for(settings)
    engine, fallback = _engines(settings, early)
    cache = SegmentCache(settings.cache_dir) if settings.cache else None
    intro, outro = (
        from_segment(decode_file(path)) if path else None
        for path in (settings.intro_audio, settings.outro_audio)
    )
    by_fallback: list[int] = []

    def spoken() -> Iterator[Clip]:
        clips = _speak(
            engine, script.segments, cache, settings, on_progress, fallback, first_alone=True
        )
        for clip in clips:
            if clip.engine != engine.name:
                by_fallback.append(clip.segment.index)
            yield clip

    result = stream_mp3(
        spoken(),
        out,
        bitrate=settings.bitrate,
        loudness=settings.loudness,
        pauses=settings.pauses,
        chime_between_stories=settings.chime,
        metadata={"title": script.title, "album": settings.show, "date": script.date.isoformat()},
        intro=intro,
        outro=outro,
    )
    played = replace(script, segments=script.segments[: len(result.offsets_ms)])
    marks = chapters(played, result.offsets_ms, result.duration_ms)
    return _episode(
        played, settings, Path("-"), result.offsets_ms, result.duration_ms, marks, by_fallback
    )


def _warming(settings: Settings) -> Engine | None:
    """The engine the build will most likely use (English unless ``--lang`` says), already
    loading its voice in the background while the article is read: a stream's first sound
    comes that much sooner. None when it cannot be made now (the build then says why)."""
    import threading

    from briefing.errors import BriefingError

    voice = replace(settings.voice, lang=settings.voice.lang or "en")
    try:
        engine = build_engine(settings.engine, voice, settings.engine_options)
    except BriefingError:
        return None
    threading.Thread(target=_quietly, args=(engine.warm,), daemon=True).start()
    return engine


def _quietly(work: Callable[[], None]) -> None:
    import contextlib

    from briefing.errors import BriefingError

    # the build meets the same error, and reports it, when it speaks
    with contextlib.suppress(BriefingError):
        work()


def _engines(settings: Settings, early: Engine | None = None) -> tuple[Engine, Engine | None]:
    """The build's engine (``early`` when it was made for these very settings), and its
    fallback (with its own voice) when there is one."""
    if early is not None and early.settings == settings.voice:
        engine = early
    else:
        engine = build_engine(settings.engine, settings.voice, settings.engine_options)
    if not settings.fallback_engine:
        return engine, None
    voice = replace(settings.voice, voice=settings.fallback_voice)
    return engine, build_engine(settings.fallback_engine, voice)


def _episode(
    script: Script,
    settings: Settings,
    path: Path,
    offsets_ms: tuple[tuple[int, int], ...],
    duration_ms: int,
    marks: Sequence[Chapter],
    by_fallback: Sequence[int],
) -> Episode:
    """What a build made: the script's stories and segments, where they are in the audio."""
    return Episode(
        path=path,
        title=script.title,
        stories=script.stories,
        segments=script.segments,
        duration_ms=duration_ms,
        engine=settings.engine,
        date=script.date,
        skipped=script.skipped,
        lang=script.lang,
        offsets_ms=offsets_ms,
        chapters=tuple(marks),
        fallback=(settings.fallback_engine, tuple(by_fallback))
        if settings.fallback_engine and by_fallback
        else None,
    )
