"""The ``briefing`` command: parse options, call one library function, print the result."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefing import __version__
from briefing.errors import PARTLY_DONE, BriefingError, Interrupted
from briefing.models import LoudnessTarget, Pauses
from briefing.settings import Settings, VoiceSettings

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from briefing.load import InputFormat
    from briefing.models import Episode
    from briefing.pipeline import Phase, Progress

FORMATS = ("auto", "text", "markdown", "html", "feed")
"""``briefing.load.FORMATS``, repeated so that ``--help`` need not import the loader (a test
checks that the two agree)."""
RESUME = "briefing.resume"
"""The context key of what an interrupted command says to do next."""
DEFAULTS = Settings()
"""Every option default comes from the settings dataclasses; none is repeated here."""
VOICE, PAUSES, LOUDNESS = VoiceSettings(), Pauses(), LoudnessTarget()


class BriefingGroup(click.Group):
    """Maps library errors to one line and an exit code, in one place; --debug re-raises.

    Click's own usage errors (a bad option value, a missing argument) print the usage line and
    a hint on lines of their own; here they are one line too, pointing to the command's help.
    """

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as error:
            where = f" (see `{error.ctx.command_path} --help`)" if error.ctx else ""
            click.echo(f"Error: {error.format_message()}{where}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted: nothing was changed.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefingError as error:
            if ctx.meta.get("briefing.debug"):
                raise
            exception = click.ClickException(str(error))
            exception.exit_code = error.exit_code
            raise exception from None
        except (KeyboardInterrupt, Interrupted) as stop:
            if ctx.meta.get("briefing.debug"):
                raise
            name, code = (
                (stop.signal_name, stop.exit_code)
                if isinstance(stop, Interrupted)
                else ("SIGINT", 130)
            )
            again = ctx.meta.get(RESUME, "run the same command again")
            click.echo(f"Stopped by {name}: no partial file was left; {again}.", err=True)
            ctx.exit(code)


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("-v", "--verbose", count=True, help="Log what happens (-vv for more).")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, debug: bool) -> None:
    """Turn news articles into listenable MP3 briefings."""
    ctx.meta["briefing.debug"] = debug
    from briefing.config import default_map, load_config

    # a config key is an option's long name ("format", "drop-pattern") or its parameter name
    commands = {
        name: {
            key.replace("-", "_"): p.name
            for p in command.params
            if p.name
            for key in [p.name, *(o.lstrip("-") for o in p.opts if o.startswith("--"))]
        }
        for name, command in cli.commands.items()
    }
    ctx.default_map = default_map(load_config(), commands)
    if verbose or debug:
        level = logging.DEBUG if verbose > 1 or debug else logging.INFO
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def text_options(function: Any) -> Any:
    """Options shared by every command that reads articles."""
    options = [
        click.option(
            "-e", "--engine", default=DEFAULTS.engine, show_default=True,
            help="Speech engine (see `briefing engines`).",
        ),
        click.option(
            "--lang", default=VOICE.lang,
            help="Language code of the text [default: the article's own, else en].",
        ),
        click.option(
            "--drop-pattern", "drop_patterns", multiple=True, metavar="REGEX",
            help="Also drop lines matching REGEX (repeatable).",
        ),
        click.option(
            "--lexicon",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Pronunciations (TOML: [respell], [phonemes]) applied after normalization.",
        ),
        click.option(
            "--no-normalize", is_flag=True,
            help="Send the text as written, without rewriting it for the ear.",
        ),
        click.option(
            "--from", "input_format", type=click.Choice(FORMATS), default=DEFAULTS.input_format,
            show_default=True,
            help="What the INPUTs are; auto tells by name, content type and content.",
        ),
        click.option(
            "--no-clean", is_flag=True, help="Narrate every line as given: drop nothing.",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        function = option(function)
    return function


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _float_or_off(value: str) -> float | None:
    return None if value.lower() == "off" else float(value)


def _key_values(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    """``-O key=value`` pairs as a dict (the last of a repeated key wins)."""
    pairs = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", ctx=ctx, param=param)
        pairs[key.strip()] = value
    return pairs


def feed_options(function: Any) -> Any:
    """The feed as a source, for the commands that take several inputs."""
    options = [
        click.option(
            "--feed", metavar="FEED",
            help="Add the newest items of an RSS/Atom feed (file or URL), a story each.",
        ),
        click.option(
            "--latest", type=click.IntRange(1, 50), default=3, show_default=True,
            help="With --feed: how many items.",
        ),
        click.option(
            "--text", "texts", multiple=True, metavar="TEXT",
            help="Narrate TEXT itself (its first line is the title; repeatable).",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        function = option(function)
    return function


def _inputs(
    sources: tuple[str, ...],
    feed: str | None,
    latest: int,
    texts: tuple[str, ...],
    input_format: InputFormat = "auto",
) -> list[Any]:
    from briefing.load import parse_string
    from briefing.pipeline import Feed

    inputs: list[Any] = list(sources)
    inputs += [parse_string(text, "--text", input_format) for text in texts]
    if feed:
        inputs.append(Feed(feed, latest))
    if not inputs:
        raise click.UsageError("give at least one INPUT, --text TEXT or --feed FEED")
    return inputs


@cli.command()
@click.argument("sources", metavar="[INPUT]...", nargs=-1)
@text_options
@feed_options
@click.option(
    "--voice",
    help="Engine voice: a Piper voice name (`briefing voices list`) or .onnx file, an espeak "
    "voice name [default: one for --lang].",
)
@click.option(
    "--speed",
    type=click.FloatRange(0.25, 4.0),
    default=VOICE.speed,
    show_default=True,
    help="Speaking rate (1.2 is 20% faster).",
)
@click.option(
    "-O",
    "--option",
    "engine_options",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_key_values,
    help="An option of the engine's own (repeatable; see `briefing engines --options`).",
)
@click.option("--tld", help="gtts: accent via Google domain (co.uk, com.au...); = -O tld=...")
@click.option("--slow", is_flag=True, help="gtts: read slowly; = -O slow=true.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),  # a str: a trailing slash means a folder
    help="MP3 to write, or - to stream it to stdout as it is spoken; a folder (DIR/) names it "
    "as without -o "
    "[default: <output-dir>/<title>.mp3, or <show>-<date>.mp3].",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULTS.output_dir,
    show_default=True,
    help="Folder for MP3s named after their title (when -o names no file).",
)
@click.option("-f", "--force", is_flag=True, help="Replace an existing MP3 and its sidecars.")
@click.option(
    "--show", default=DEFAULTS.show, show_default=True, help="Show name (album tag, intro)."
)
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Briefing date [default: today]."
)
@click.option(
    "--intro",
    metavar="TEMPLATE",
    help="Intro text; {show} {date} {count} {titles} are filled in. Given, it is "
    "spoken for a single story too.",
)
@click.option("--outro", metavar="TEMPLATE", help="Outro text, as --intro.")
@click.option("--no-intro", is_flag=True, help="No spoken intro.")
@click.option("--no-outro", is_flag=True, help="No spoken outro.")
@click.option("--bitrate", default=DEFAULTS.bitrate, show_default=True, help="MP3 bitrate.")
@click.option(
    "--loudness",
    default=f"{LOUDNESS.lufs:g}",
    show_default=True,
    metavar="LUFS|off",
    help="Integrated loudness target, or off.",
)
@click.option(
    "--true-peak",
    type=float,
    default=LOUDNESS.true_peak,
    show_default=True,
    metavar="DBTP",
    help="True-peak ceiling.",
)
@click.option(
    "--cover",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Cover art, PNG or JPEG [default: a plain generated one].",
)
@click.option(
    "--no-sidecars",
    is_flag=True,
    help="Skip the .vtt/.srt transcripts, chapters and .json manifest.",
)
@click.option(
    "--pause-title",
    type=click.IntRange(0, 10000),
    default=PAUSES.after_title,
    show_default=True,
    help="Silence after a headline, in ms.",
)
@click.option(
    "--pause-paragraph",
    type=click.IntRange(0, 10000),
    default=PAUSES.between_paragraphs,
    show_default=True,
    help="Silence between paragraphs, in ms.",
)
@click.option(
    "--pause-story",
    type=click.IntRange(0, 20000),
    default=PAUSES.between_stories,
    show_default=True,
    help="Silence between stories, in ms.",
)
@click.option("--chime", is_flag=True, help="A soft chime between stories.")
@click.option(
    "--fallback-engine",
    metavar="ENGINE",
    help="Narrate segments the main engine fails on with this one (e.g. piper for gtts).",
)
@click.option("--fallback-voice", metavar="VOICE", help="The fallback engine's voice.")
@click.option(
    "--cluster", metavar="ADDRESS",
    help="Synthesize on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786).",
)  # fmt: skip
@click.option(
    "--intro-audio",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Music to open with (any audio file), set a little below the voice.",
)
@click.option(
    "--outro-audio",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Music to close with, as --intro-audio.",
)
@click.option("--no-cache", is_flag=True, help="Synthesize every segment again; ignore the cache.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    help="Segments synthesized at once [default: one per core; 2 for gtts].",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(
    sources: tuple[str, ...], feed: str | None, latest: int, texts: tuple[str, ...],
    engine: str, voice: str | None,
    lang: str, speed: float, engine_options: dict[str, str], tld: str | None, slow: bool,
    drop_patterns: tuple[str, ...], input_format: Any, no_clean: bool,
    no_normalize: bool, output: str | None, output_dir: Path, force: bool, show: str,
    day: Any, intro: str | None,
    outro: str | None, no_intro: bool, no_outro: bool, bitrate: str, loudness: str,
    true_peak: float, cover: Path | None, no_sidecars: bool, pause_title: int,
    pause_paragraph: int, pause_story: int, chime: bool, fallback_engine: str | None,
    fallback_voice: str | None, cluster: str | None, intro_audio: Path | None,
    outro_audio: Path | None, lexicon: Path | None, no_cache: bool,
    jobs: int | None, quiet: bool,
) -> None:  # fmt: skip
    """Narrate one or more INPUTs (text, Markdown or HTML files, URLs, - for stdin) into one MP3.

    Several inputs, or --feed, make a briefing: an intro, each story with its headline, and
    an outro, with chapters for each.
    """
    from briefing.pipeline import narrate
    from briefing.settings import DEFAULT_INTRO, DEFAULT_OUTRO

    inputs = _inputs(sources, feed, latest, texts, input_format)
    try:
        lufs = _float_or_off(loudness)
    except ValueError:
        raise click.BadParameter(
            f"{loudness!r} is not a number or 'off'", param_hint="--loudness"
        ) from None
    target = Path(output) if output and output != "-" else None
    if output and target and (output.endswith(("/", os.sep)) or target.is_dir()):
        output_dir, target = target, None
    if target is not None and target.suffix.lower() not in ("", ".mp3"):
        raise click.BadParameter(
            f"{output!r}: briefing writes MP3; name the file .mp3", param_hint="-o"
        )
    if target is not None and output_dir != DEFAULTS.output_dir:
        raise click.UsageError("--output-dir is for named-by-title files; put the folder in -o")
    if tld is not None:
        engine_options = {"tld": tld, **engine_options}
    if slow:
        engine_options = {"slow": "true", **engine_options}
    settings = Settings(
        engine=engine,
        voice=VoiceSettings(voice=voice, lang=lang, speed=speed),
        engine_options=engine_options,
        input_format=input_format,
        latest=latest,
        clean=not no_clean,
        pauses=Pauses(
            after_title=pause_title, between_paragraphs=pause_paragraph, between_stories=pause_story
        ),
        bitrate=bitrate,
        loudness=None if lufs is None else LoudnessTarget(lufs, true_peak),
        drop_patterns=drop_patterns,
        normalize_text=not no_normalize,
        show=show,
        intro=None if no_intro else (intro or DEFAULT_INTRO),
        outro=None if no_outro else (outro or DEFAULT_OUTRO),
        date=day.date() if day else None,
        sidecars=not no_sidecars,
        output_dir=output_dir,
        overwrite=force,
        cover=cover,
        lexicon=lexicon,
        chime=chime,
        fallback_engine=fallback_engine,
        fallback_voice=fallback_voice,
        cluster=cluster,
        intro_audio=intro_audio,
        outro_audio=outro_audio,
        cache=not no_cache,
        jobs=jobs,
    )
    if not no_cache:
        click.get_current_context().meta[RESUME] = (
            "run the same command again to resume (finished segments are cached)"
        )
    to_stdout = output == "-"
    if to_stdout and sys.stdout.isatty():
        raise click.UsageError("-o - writes MP3 to stdout: pipe it to a player (| mpv -) or a file")

    def run(on_progress: Progress | None = None, on_phase: Phase | None = None) -> Episode:
        if to_stdout:
            from briefing.pipeline import stream

            return stream(inputs, sys.stdout.buffer, settings, on_progress)
        return narrate(inputs, target, settings, on_progress, on_phase)

    started = time.perf_counter()
    if quiet or not sys.stderr.isatty():
        episode = run()
    else:
        from briefing.progress import StatusLine

        with StatusLine(sys.stderr) as line:
            episode = run(line.segments, line.phase)
    if not quiet:
        seconds = episode.duration_ms / 1000
        stories = f"{len(episode.stories)} stories, " if len(episode.stories) > 1 else ""
        click.echo(
            f"{episode.path}: {int(seconds // 60)}:{seconds % 60:04.1f} of audio, {stories}"
            f"{len(episode.segments)} segments, {_count(len(episode.dropped), 'line')} dropped, "
            f"built in {time.perf_counter() - started:.1f} s",
            err=to_stdout,
        )
        if episode.fallback:
            name, indexes = episode.fallback
            click.echo(
                f"{len(indexes)} segments were narrated by the fallback engine {name} "
                f"(segments {', '.join(map(str, indexes))}); see the manifest",
                err=to_stdout,
            )
    for item in episode.skipped:
        click.echo(f"skipped {item.title or item.source!r}: {item.reason}", err=True)
    if episode.skipped:
        ctx = click.get_current_context()
        ctx.exit(PARTLY_DONE)


@cli.command()
@click.argument("sources", metavar="[INPUT]...", nargs=-1)
@text_options
@feed_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable text, or JSON for other tools.",
)
def segments(
    sources: tuple[str, ...], engine: str, lang: str, drop_patterns: tuple[str, ...],
    lexicon: Path | None, no_normalize: bool, input_format: Any, no_clean: bool,
    feed: str | None, latest: int, texts: tuple[str, ...], output_format: str,
) -> None:  # fmt: skip
    """Show what would be spoken from the INPUTs, and what was dropped, without synthesizing:
    the dry run of `briefing build` with the same inputs."""
    from briefing.pipeline import prepare

    settings = Settings(
        engine=engine,
        voice=VoiceSettings(lang=lang),
        input_format=input_format,
        latest=latest,
        clean=not no_clean,
        drop_patterns=drop_patterns,
        normalize_text=not no_normalize,
        lexicon=lexicon,
    )
    script = prepare(_inputs(sources, feed, latest, texts, input_format), settings)
    if output_format == "json":
        from briefing.formats import segments_document

        click.echo(json.dumps(segments_document(script), ensure_ascii=False, indent=2))
        if script.skipped:
            click.get_current_context().exit(PARTLY_DONE)
        return
    for item in script.segments:
        click.echo(f"[{item.index}] {item.kind}: {item.spoken}")
    for skipped in script.skipped:
        click.echo(f"skipped {skipped.title or skipped.source!r}: {skipped.reason}", err=True)
    for story in script.stories:
        if story.dropped:
            where = f" from {story.title!r}" if len(script.stories) > 1 else ""
            click.echo(f"\nDropped {len(story.dropped)} lines{where}:")
            for dropped in story.dropped:
                click.echo(f"  - {dropped.line}  ({dropped.reason})")
    if script.skipped:
        click.get_current_context().exit(PARTLY_DONE)


@cli.command()
@click.option("--options", "show_options", is_flag=True, help="Also list each engine's -O options.")
def engines(show_options: bool) -> None:
    """List speech engines, whether they work here, and their voices."""
    from briefing.engines.base import available_engines, get_engine

    for info in available_engines():
        status = "available" if info.available else "unavailable"
        network = "online" if info.needs_network else "offline"
        detail = info.detail
        if info.available and info.needs_network:
            problem = get_engine(info.name).unreachable()
            if problem:
                status, detail = (
                    "unreachable",
                    f"cannot reach its service now ({problem}); {detail}",
                )
        click.echo(f"{info.name:<8} {status:<12} {network:<8} {detail}")
        if show_options and info.available:
            for option in get_engine(info.name).describe_options():
                default = "" if option.default is None else f" [default: {option.default}]"
                click.echo(f"    -O {option.name}=<{option.type}>  {option.help}{default}")


@cli.group()
def voices() -> None:
    """Piper voices: the installed ones, and more from Piper's catalogue."""


@voices.command("list")
@click.option("--available", is_flag=True, help="Also list the catalogue's voices (online).")
@click.option("--lang", metavar="CODE", help="Only voices of this language (fr, en-GB...).")
def voices_list(available: bool, lang: str | None) -> None:
    """List installed voices (name, language, where), and with --available the catalogue's."""
    from briefing import voices as store

    family = lang.replace("-", "_").split("_")[0].lower() if lang else None
    mine = [v for v in store.installed() if family in (None, v.family)]
    for voice in mine:
        where = "bundled" if voice.bundled else str(voice.model)
        click.echo(f"{voice.name:<32} {voice.language:<6} installed  {where}")
    if not mine:
        click.echo(f"no installed voice{f' for {lang!r}' if lang else ''}", err=True)
    if available:
        names = {v.name for v in mine}
        for entry in store.catalogue():
            if family in (None, entry.family) and entry.name not in names:
                megabytes = sum(size for size, _ in entry.files.values()) / 1e6
                click.echo(f"{entry.name:<32} {entry.language:<6} available  {megabytes:.0f} MB")


@voices.command("download")
@click.argument("name")
def voices_download(name: str) -> None:
    """Download voice NAME from Piper's catalogue (checked, resumable) for --voice NAME."""
    from briefing import voices as store

    if sys.stderr.isatty():
        bar: ProgressBar[int]
        with click.progressbar(length=1, label=f"Downloading {name}", file=sys.stderr) as bar:

            def on_progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            voice = store.download(name, on_progress)
    else:
        voice = store.download(name)
    click.echo(f"{voice.model}: installed; use it with --voice {voice.name}")


@cli.group()
def cache() -> None:
    """The segment cache that makes rebuilds fast (BRIEFING_CACHE_DIR moves it)."""


@cache.command("info")
def cache_info() -> None:
    """Where the cache is and how much it holds."""
    from briefing.cache import SegmentCache

    info = SegmentCache().info()
    click.echo(
        f"{info.path}: {info.entries} segments, {info.bytes / 1e6:.1f} MB "
        f"(cap {info.max_bytes / 1e6:.0f} MB, BRIEFING_CACHE_MAX_MB); "
        f"{info.voices} split voices, {info.voice_bytes / 1e6:.1f} MB"
    )


@cache.command("clear")
@click.option("-y", "--yes", is_flag=True, help="Do not ask first.")
def cache_clear(yes: bool) -> None:
    """Delete every cached segment and split voice."""
    from briefing.cache import SegmentCache

    store = SegmentCache()
    info = store.info()
    if not yes:
        click.confirm(
            f"Delete {info.entries} segments and {info.voices} split voices "
            f"({(info.bytes + info.voice_bytes) / 1e6:.1f} MB) in {store.root}?",
            abort=True,
            err=True,
        )
    click.echo(f"{store.root}: removed {store.clear()} segments and {info.voices} voices")


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-url",
    required=True,
    metavar="URL",
    help="Where FOLDER is published, e.g. https://example.com/podcast/.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Feed to write [default: FOLDER/feed.xml].",
)
@click.option("--title", help="Podcast title [default: the episodes' show name].")
@click.option("--description", help="Podcast description.")
@click.option("--author", help="itunes:author [default: the title].")
@click.option("--image", metavar="URL|FILE", help="Podcast artwork [default: the newest cover].")
@click.option("--language", help="Language code [default: the episodes' language].")
@click.option(
    "--category",
    default="News",
    show_default=True,
    help="Apple Podcasts category, optionally 'Parent/Sub' (News/Daily News).",
)
@click.option("--explicit/--clean", default=False, show_default=True, help="itunes:explicit.")
@click.option("--owner-name", help="itunes:owner name.")
@click.option("--owner-email", help="itunes:owner email (Apple uses it to verify you).")
def feed(
    folder: Path, base_url: str, output: Path | None, title: str | None,
    description: str | None, author: str | None, image: str | None, language: str | None,
    category: str, explicit: bool, owner_name: str | None, owner_email: str | None,
) -> None:  # fmt: skip
    """Write a podcast RSS feed of the briefings in FOLDER (idempotent)."""
    from briefing.podcast import Channel, write_feed

    channel = Channel(
        title=title, description=description, author=author, image=image, language=language,
        category=category, explicit=explicit, owner_name=owner_name, owner_email=owner_email,
    )  # fmt: skip
    path = write_feed(folder, base_url, output, channel)
    click.echo(f"{path}: podcast feed written")


@cli.command()
@click.argument("config", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--once", is_flag=True, help="One run, then exit (the default; for cron).")
@click.option("--every", metavar="INTERVAL", help="Keep running: a run every 15m, 1h...")
@click.option("--status", "show_status", is_flag=True, help="Show episodes, runs and failures.")
def publish(config: Path, once: bool, every: str | None, show_status: bool) -> None:
    """Publish the podcast described in CONFIG (TOML): narrate what is new, update the feed.

    Exit codes: 0 all done (or nothing new), 5 partly done (some items failed), 6 nothing
    could be done.
    """
    from briefing.publish import load_show, parse_interval, run_show, status

    if once and every:
        raise click.UsageError("--once and --every exclude each other")
    show = load_show(config)
    if show_status:
        click.echo(status(show))
        return
    interval = parse_interval(every) if every else None
    while True:
        started = time.perf_counter()
        report = run_show(show)
        click.echo(
            f"{show.title}: {report.summary()} in {time.perf_counter() - started:.1f} s",
            err=report.exit_code != 0,
        )
        for item, reason in report.failed:
            click.echo(f"  failed {item!r}: {reason}", err=True)
        if interval is None:
            if report.exit_code:
                click.get_current_context().exit(report.exit_code)
            return
        try:
            time.sleep(interval)
        except Interrupted:
            click.echo(f"{show.title}: stopped between runs", err=True)
            return


@cli.command()
@click.argument(
    "folder", type=click.Path(file_okay=False, path_type=Path), default=DEFAULTS.output_dir
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", help="Token narrating needs [default: a new one, off loopback].")
@text_options
def serve(
    folder: Path, host: str, port: int, token: str | None, engine: str, lang: str,
    drop_patterns: tuple[str, ...], lexicon: Path | None, no_normalize: bool, input_format: Any,
    no_clean: bool,
) -> None:  # fmt: skip
    """Listen in a browser: a page for every episode in FOLDER, and narrate from the page."""
    import ipaddress
    import secrets

    try:
        import uvicorn

        from briefing.serve.app import create_app
    except ImportError as error:
        raise click.ClickException(
            f"briefing serve needs its extra ({error.name} is missing): pip install 'briefing[serve]'"
        ) from None
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback and token is None:
        token = secrets.token_urlsafe(16)
    settings = Settings(
        engine=engine,
        voice=VoiceSettings(lang=lang),
        input_format=input_format,
        clean=not no_clean,
        drop_patterns=drop_patterns,
        normalize_text=not no_normalize,
        lexicon=lexicon,
    )
    if not folder.is_dir() and folder != DEFAULTS.output_dir:
        raise click.BadParameter(f"{folder}: no such folder of episodes", param_hint="FOLDER")
    import socket

    try:  # say so now, in one line, rather than after "Serving ..."
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({error.strerror or error}); choose another --port"
        ) from None
    app = create_app(folder, token if not loopback or token else None, settings)
    where = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"Serving {folder} at {where} (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise Interrupted("SIGTERM", 128 + signum)


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    cli(prog_name="briefing")
