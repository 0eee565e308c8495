"""What a build can be told: plain frozen dataclasses, each default defined once, here.

The CLI reads its option defaults from these classes (and a test checks that they agree), so
a default changed here changes everywhere. Kept free of heavy imports: ``briefing --help``
loads this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import InputError
from briefing.models import LoudnessTarget, Pauses

if TYPE_CHECKING:
    from briefing.load import InputFormat


ISO_639_1 = frozenset(
    [
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bh",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jv",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    ]
)
"""The two-letter language codes; a tag may add a region or script (``en-GB``, ``zh_Hant``)."""
_LANG_TAG = re.compile(r"^(?P<base>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")


def language_code(tag: str | None) -> str | None:
    """``tag`` when it is a language code (``en``, ``pt-BR``, ``zh_Hant``), else None: what a
    page says of its language is not always one (``x-default``, ``english``)."""
    if not tag:
        return None
    match = _LANG_TAG.match(tag.strip())
    if not match:
        return None
    base = match.group("base").lower()
    return tag.strip() if len(base) == 3 or base in ISO_639_1 else None


@dataclass(frozen=True)
class VoiceSettings:
    """What every engine is told about the voice: the options common to all of them."""

    voice: str | None = None
    """Engine-specific voice: a Piper ``.onnx`` path, an espeak voice name; None for the
    engine's default."""
    lang: str | None = None
    """Language code of the text; None: the article's own (its page says it, or the cleaner
    detects it), else English. A build resolves it once, before any engine is made."""
    speed: float = 1.0
    """Speaking rate: 1.0 normal, 1.2 is 20% faster."""

    def __post_init__(self) -> None:
        if self.lang is None:
            return
        tag = _LANG_TAG.match(self.lang)
        base = tag.group("base").lower() if tag else ""
        if not tag or (len(base) == 2 and base not in ISO_639_1):
            raise InputError(
                f"unknown language code {self.lang!r}; give an ISO 639 code such as en, fr or "
                "de, or a tag such as en-GB (--lang)"
            )


MP3_BITRATES = frozenset(
    f"{rate}k"
    for rate in (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 192, 224, 256, 320)
)
"""What an MP3 frame can carry (MPEG-1 and -2 layer III); LAME rounds anything else."""
DEFAULT_OUTPUT_DIR = Path("audio_out")
DEFAULT_INTRO = "This is {show} for {date}. {count} today."
DEFAULT_OUTRO = "That was {show}. Thanks for listening."


@dataclass(frozen=True)
class Settings:
    """Everything a build can be told; the CLI maps its options onto this."""

    engine: str = "piper"
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    engine_options: Mapping[str, object] = field(default_factory=dict)
    """The engine's own options (``-O key=value``), by name: see ``briefing engines --options``."""
    pauses: Pauses = field(default_factory=Pauses)
    bitrate: str = "64k"
    loudness: LoudnessTarget | None = field(default_factory=LoudnessTarget)
    """Integrated loudness and true-peak targets; None leaves levels as the engine made them."""
    input_format: InputFormat = "auto"
    """What the inputs are (``--from``): ``auto`` tells by name, content type and content."""
    latest: int = 3
    """How many items of a feed given as an input (``Feed`` sources carry their own)."""
    clean: bool = True
    """Drop what is not the story; off narrates every line as given (``--no-clean``)."""
    drop_patterns: tuple[str, ...] = ()
    normalize_text: bool = True
    """Rewrite text for the ear ("Gen." -> "General"); off sends the text as written."""
    lexicon: Path | None = None
    """User pronunciations (TOML), applied after normalization."""
    show: str = "Briefing"
    """Show name: the album tag, and ``{show}`` in the intro and outro."""
    intro: str | None = DEFAULT_INTRO
    """Spoken before the stories of a briefing; None for none."""
    outro: str | None = DEFAULT_OUTRO
    always_intro: bool | None = None
    """Speak the intro and outro for a single story too. None (the default): only when one of
    them is not the default template, since someone wrote it to be heard."""
    date: dt.date | None = None
    """The briefing's date (default: today, taken once when the build starts)."""
    sidecars: bool = True
    """Write WebVTT, SRT, chapters JSON and a JSON manifest beside the MP3."""
    output_dir: Path = DEFAULT_OUTPUT_DIR
    """Where an MP3 goes when no output path is given (named after the title, or show and date)."""
    overwrite: bool = False
    """Replace an existing MP3 and its sidecars; otherwise an existing one is an error."""
    cover: Path | None = None
    """Cover art (PNG or JPEG); a plain generated one when absent."""
    chime: bool = False
    """A soft two-note chime between stories."""
    intro_audio: Path | None = None
    """Music (any format ffmpeg reads) before everything, set a little below the speech."""
    outro_audio: Path | None = None
    """Music after everything, set like ``intro_audio``."""
    cache: bool = True
    """Reuse segments spoken before (same engine, voice, options and text)."""
    cache_dir: Path | None = None
    """Where the segment cache lives (default: ``$BRIEFING_CACHE_DIR`` or the user cache)."""
    jobs: int | None = None
    """Segments synthesized at once (default: what the engine asks for)."""
    fallback_engine: str | None = None
    """Engine that narrates the segments the main engine fails on (after its retries)."""
    fallback_voice: str | None = None
    """The fallback engine's own voice (default: its default voice)."""
    cluster: str | None = None
    """A Dask scheduler's address (``tcp://host:8786``): segments are synthesized by its
    workers instead of on this machine (``briefing.cluster``)."""

    def __post_init__(self) -> None:
        if not isinstance(self.bitrate, str) or self.bitrate.lower() not in MP3_BITRATES:
            raise InputError(
                f"bitrate {self.bitrate!r} is not an MP3 bitrate; give one of 32k, 48k, 64k, "
                "96k, 128k ... 320k (--bitrate)"
            )

    @property
    def framed(self) -> bool:
        """Whether a single story gets the intro and outro too."""
        if self.always_intro is not None:
            return self.always_intro
        return self.intro not in (None, DEFAULT_INTRO) or self.outro not in (None, DEFAULT_OUTRO)

    def dated(self) -> Settings:
        """These settings with the date fixed (today when unset), so one build has one date."""
        return self if self.date is not None else replace(self, date=dt.date.today())

    @property
    def day(self) -> dt.date:
        return self.date or dt.date.today()
