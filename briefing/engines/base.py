"""The engine interface and the registry that finds engines through entry points.

Built-in engines register exactly like plugins: under the ``briefing.engines`` entry-point
group in ``pyproject.toml``. A plugin package adds its own entry there, e.g.::

    [project.entry-points."briefing.engines"]
    myvoice = "briefing_myvoice:MyVoiceEngine"

Engine modules must keep heavy imports inside methods so that listing engines stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from briefing.errors import UnknownEngine

if TYPE_CHECKING:
    from pydub import AudioSegment

ENTRY_POINT_GROUP = "briefing.engines"


@dataclass(frozen=True)
class VoiceSettings:
    """What the user asked of the voice; each engine reads the fields it understands."""

    voice: str | None = None
    """Engine-specific voice: a Piper ``.onnx`` path, an espeak voice name."""
    lang: str = "en"
    """Language code (gTTS, espeak)."""
    speed: float = 1.0
    """Speaking rate: 1.0 normal, 1.2 is 20% faster."""
    tld: str = "com"
    """Google top-level domain, which picks the accent (gTTS)."""
    slow: bool = False
    """Slower reading (gTTS)."""


@dataclass(frozen=True)
class EngineInfo:
    """What ``briefing engines`` shows for one engine."""

    name: str
    available: bool
    needs_network: bool
    detail: str
    """Voices or languages when available, else why it is not."""


@runtime_checkable
class Engine(Protocol):
    """A text-to-speech backend. Knows nothing of articles: text in, audio out.

    ``__init__`` checks the settings and raises ``EngineError``/``EngineUnavailable`` before
    any synthesis starts (missing voice or binary, unknown language, speed out of range).
    """

    name: ClassVar[str]
    needs_network: ClassVar[bool]
    max_chars: ClassVar[int]
    """Longest text one ``synthesize`` call accepts; the segmenter cuts below it."""
    workers: ClassVar[int]
    """How many segments to synthesize at once: 0 for one per CPU core (local engines),
    a small number for online services (politeness, rate limits)."""

    def __init__(self, settings: VoiceSettings) -> None: ...

    @classmethod
    def info(cls) -> EngineInfo:
        """Availability and voices, without loading models or touching the network."""
        ...

    phonemes: ClassVar[bool]
    """Whether ``[[ ... ]]`` phoneme blocks in the text are read as phonemes (optional)."""

    def synthesize(self, text: str) -> AudioSegment:
        """Speak ``text``; raise ``EngineError`` with an actionable message on failure.

        May be called from several threads at once (up to ``workers``).
        """
        ...

    def identity(self) -> Mapping[str, object] | None:
        """Everything besides the text that shapes the audio (engine and voice versions,
        options), for the segment cache; None disables caching for this engine."""
        ...


_registered: dict[str, type[Engine]] = {}


def register_engine(engine: type[Engine]) -> type[Engine]:
    """Register an engine class by its ``name`` (usable as a decorator)."""
    _registered[engine.name] = engine
    return engine


def _entry_point_names() -> dict[str, object]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def engine_names() -> list[str]:
    """All known engine names, from entry points and explicit registration."""
    return sorted(set(_entry_point_names()) | set(_registered))


def get_engine(name: str) -> type[Engine]:
    """The engine class called ``name``; raises ``UnknownEngine`` listing the known names."""
    if name in _registered:
        return _registered[name]
    point = _entry_point_names().get(name)
    if point is None:
        known = ", ".join(engine_names()) or "none"
        raise UnknownEngine(f"unknown engine {name!r}; known engines: {known}")
    engine = point.load()  # type: ignore[attr-defined]
    _registered[name] = engine
    return engine


def available_engines() -> list[EngineInfo]:
    """Info for every known engine; an engine that fails to load is shown as unavailable."""
    infos = []
    for name in engine_names():
        try:
            infos.append(get_engine(name).info())
        except Exception as error:  # a broken plugin must not break the listing
            infos.append(EngineInfo(name, False, False, f"failed to load: {error}"))
    return infos
