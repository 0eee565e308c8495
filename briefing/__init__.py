"""briefing: turn news articles into listenable MP3 briefings.

The library API, for use without the command line::

    from briefing import Settings, narrate

    episode = narrate("article.txt", settings=Settings(show="Morning Notes"))
    print(episode.path, episode.duration_ms)

Names are imported on first use, so ``import briefing`` (and ``briefing --help``) stays fast.
"""

from __future__ import annotations

import importlib
import logging
import warnings
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger("briefing").addHandler(logging.NullHandler())
# pydub warns at import when ffmpeg is not on PATH; briefing.audio points it at the bundled one.
warnings.filterwarnings("ignore", message="Couldn't find ffmpeg or avconv", category=RuntimeWarning)

if TYPE_CHECKING:
    from briefing.engines.base import (
        EngineBase,
        EngineInfo,
        EngineOptions,
        build_engine,
        get_engine,
        register_engine,
    )
    from briefing.errors import (
        BadOption,
        BriefingError,
        EngineError,
        EngineUnavailable,
        InputError,
        NothingToNarrate,
        OutputError,
        UnknownEngine,
    )
    from briefing.models import (
        Article,
        Audio,
        Chapter,
        Clip,
        Dropped,
        Episode,
        LoudnessTarget,
        Metadata,
        Pauses,
        Segment,
    )
    from briefing.pipeline import Feed, Script, narrate, prepare
    from briefing.settings import Settings, VoiceSettings

_EXPORTS = {
    "briefing.pipeline": ("Feed", "Script", "narrate", "prepare"),
    "briefing.settings": ("Settings", "VoiceSettings"),
    "briefing.models": (
        "Article",
        "Audio",
        "Chapter",
        "Clip",
        "Dropped",
        "Episode",
        "LoudnessTarget",
        "Metadata",
        "Pauses",
        "Segment",
    ),
    "briefing.errors": (
        "BadOption",
        "BriefingError",
        "EngineError",
        "EngineUnavailable",
        "InputError",
        "NothingToNarrate",
        "OutputError",
        "UnknownEngine",
    ),
    "briefing.engines.base": (
        "EngineBase",
        "EngineInfo",
        "EngineOptions",
        "build_engine",
        "get_engine",
        "register_engine",
    ),
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "Article",
    "Audio",
    "BadOption",
    "BriefingError",
    "Chapter",
    "Clip",
    "Dropped",
    "EngineBase",
    "EngineError",
    "EngineInfo",
    "EngineOptions",
    "EngineUnavailable",
    "Episode",
    "Feed",
    "InputError",
    "LoudnessTarget",
    "Metadata",
    "NothingToNarrate",
    "OutputError",
    "Pauses",
    "Script",
    "Segment",
    "Settings",
    "UnknownEngine",
    "VoiceSettings",
    "build_engine",
    "get_engine",
    "narrate",
    "prepare",
    "register_engine",
]


def __getattr__(name: str) -> Any:
    """Import an exported name from its module the first time it is asked for (PEP 562)."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
