"""The engine base class, engine options, and the registry that finds engines by name.

An engine turns text into audio and knows nothing of articles. It subclasses ``EngineBase``,
which gives every attribute a default, and may declare its own options as a frozen dataclass
(``Options``), which users set with ``-O key=value`` (llm's pattern)::

    @dataclass(frozen=True)
    class MyOptions(EngineOptions):
        pitch: int = field(default=50, metadata={"help": "0 to 99"})

        def __post_init__(self) -> None:
            if not 0 <= self.pitch <= 99:
                raise BadOption(f"myvoice pitch must be 0 to 99, not {self.pitch}")

    class MyVoiceEngine(EngineBase[MyOptions]):
        name = "myvoice"
        options_class = MyOptions

        def synthesize(self, text: str) -> Audio:
            ...  # mono float32 samples at full scale 1.0, and their rate

Built-in engines register exactly like plugins: under the ``briefing.engines`` entry-point
group in ``pyproject.toml``. A plugin package adds its own entry there::

    [project.entry-points."briefing.engines"]
    myvoice = "briefing_myvoice:MyVoiceEngine"

Engine modules keep heavy imports inside methods so that listing engines stays cheap.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from briefing.errors import BadOption, EngineError, UnknownEngine
from briefing.settings import VoiceSettings

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from briefing.models import Audio

__all__ = [
    "Engine",
    "EngineBase",
    "EngineInfo",
    "EngineOptions",
    "OptionInfo",
    "VoiceSettings",
    "available_engines",
    "build_engine",
    "engine_names",
    "get_engine",
    "register_engine",
]

ENTRY_POINT_GROUP = "briefing.engines"


@dataclass(frozen=True)
class EngineOptions:
    """An engine's own settings. Subclass with typed fields (``str``, ``int``, ``float``,
    ``bool``, optionally ``| None``), each with ``metadata={"help": ...}``, and validate them in
    ``__post_init__`` by raising ``BadOption``."""


@dataclass(frozen=True)
class OptionInfo:
    """One engine option as ``briefing engines --options`` lists it."""

    name: str
    type: str
    default: object
    help: str


@dataclass(frozen=True)
class EngineInfo:
    """What ``briefing engines`` shows for one engine."""

    name: str
    available: bool
    needs_network: bool
    detail: str
    """Voices or languages when available, else why it is not."""


OptionsT = TypeVar("OptionsT", bound=EngineOptions)

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class EngineBase(Generic[OptionsT]):
    """A text-to-speech backend: text in, audio out.

    ``__init__`` checks the settings and raises ``EngineError``/``EngineUnavailable`` before
    any synthesis starts (missing voice or binary, unknown language, speed out of range).
    """

    name: ClassVar[str] = ""
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int] = 1000
    """Longest text one ``synthesize`` call accepts; the segmenter cuts below it."""
    workers: ClassVar[int] = 1
    """How many segments to synthesize at once: 0 for one per CPU core (local engines),
    a small number for online services (politeness, rate limits)."""
    phonemes: ClassVar[bool] = False
    """Whether ``[[ ... ]]`` phoneme blocks in the text are read as phonemes."""
    options_class: ClassVar[type[EngineOptions]] = EngineOptions

    def __init__(self, settings: VoiceSettings, options: OptionsT | None = None) -> None:
        self.settings = settings
        self.options: OptionsT = (
            options if options is not None else typing.cast("OptionsT", self.options_class())
        )

    @classmethod
    def info(cls) -> EngineInfo:
        """Availability and voices, without loading models or touching the network."""
        return EngineInfo(cls.name, True, cls.needs_network, "")

    @classmethod
    def voice_language(cls, voice: str) -> str | None:
        """The language a voice of this engine speaks, when the voice says (a Piper voice's
        config does): the text is then read by that language's rules. None: unknown."""
        return None

    @classmethod
    def unreachable(cls, timeout: float = 2.0) -> str | None:
        """For an online engine, why its service cannot be reached right now, in a few words;
        None when it can (or when the engine needs no network). Takes at most ``timeout``."""
        return None

    def warm(self) -> None:
        """Load what the first ``synthesize`` would (a model), so that a stream can do it
        while the article is still being read; the default does nothing."""

    def identity(self) -> Mapping[str, object] | None:
        """Everything besides the text that shapes the audio (engine and voice versions,
        options), for the segment cache; None (the default) disables caching."""
        return None

    def synthesize(self, text: str) -> Audio:
        """Speak ``text``; raise ``EngineError`` with an actionable message on failure.

        May be called from several threads at once (up to ``workers``).
        """
        raise NotImplementedError(f"engine {self.name!r} does not implement synthesize")

    @classmethod
    def describe_options(cls) -> list[OptionInfo]:
        """The engine's options, their types, defaults and help."""
        hints = typing.get_type_hints(cls.options_class)
        return [
            OptionInfo(
                f.name,
                _type_name(hints[f.name]),
                f.default if f.default is not dataclasses.MISSING else None,
                str(f.metadata.get("help", "")),
            )
            for f in dataclasses.fields(cls.options_class)
        ]

    @classmethod
    def parse_options(cls, values: Mapping[str, object]) -> OptionsT:
        """The engine's options from ``values``: strings as given to ``-O key=value`` (converted
        to each field's type) or values of the right type already. Unknown names, values that do
        not convert and values the options refuse raise ``BadOption``."""
        hints = typing.get_type_hints(cls.options_class)
        known = {f.name for f in dataclasses.fields(cls.options_class)}
        converted: dict[str, Any] = {}
        for key, value in values.items():
            name = key.replace("-", "_")
            if name not in known:
                listing = ", ".join(sorted(known)) or "none"
                raise BadOption(
                    f"engine {cls.name!r} has no option {key!r} (its options: {listing}); "
                    "see `briefing engines --options`"
                )
            converted[name] = _convert(cls.name, key, value, hints[name])
        return typing.cast("OptionsT", cls.options_class(**converted))


def _type_name(hint: Any) -> str:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return " | ".join(_type_name(arg) for arg in typing.get_args(hint))
    return "none" if hint is type(None) else getattr(hint, "__name__", str(hint))


def _convert(engine: str, key: str, value: object, hint: Any) -> object:
    """``value`` as ``hint`` (a str, int, float or bool, maybe ``| None``); strings come from
    the command line and config files, typed values from library callers."""
    allowed = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if value is None and type(None) in allowed:
        return None
    if isinstance(value, bool):
        if bool in allowed:
            return value
    elif isinstance(value, int) and int in allowed:
        return value
    elif isinstance(value, int | float) and float in allowed:
        return float(value)
    elif isinstance(value, str):
        text = value.strip()
        if type(None) in allowed and text.lower() in ("", "none", "default"):
            return None
        for kind in allowed:
            if kind is bool and text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            if kind in (int, float, str):
                try:
                    return kind(text)
                except ValueError:
                    continue
    wanted = " or ".join(_type_name(a) for a in allowed if a is not type(None))
    raise BadOption(f"engine {engine!r} option {key!r} must be {wanted}, not {value!r}")


Engine = EngineBase[Any]
"""Any engine, whatever its options."""

_registered: dict[str, type[Engine]] = {}

BUILT_IN = {
    "piper": "briefing.engines.piper:PiperEngine",
    "gtts": "briefing.engines.gtts:GTTSEngine",
    "espeak": "briefing.engines.espeak:EspeakEngine",
}
"""The engines briefing ships, as its own entry points name them (a test checks they agree):
looked up without scanning every installed package's entry points, some 60 ms of a dry run.
A plugin cannot take over these names."""


def register_engine(engine: type[Engine]) -> type[Engine]:
    """Register an engine class by its ``name`` (usable as a decorator)."""
    _registered[engine.name] = engine
    return engine


def _entry_point_names() -> dict[str, EntryPoint]:
    from importlib.metadata import entry_points  # slow to import: only when engines are looked up

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def engine_names() -> list[str]:
    """All known engine names, from entry points and explicit registration."""
    return sorted(set(_entry_point_names()) | set(_registered))


def get_engine(name: str) -> type[Engine]:
    """The engine class called ``name``; raises ``UnknownEngine`` listing the known names."""
    if name in _registered:
        return _registered[name]
    if name in BUILT_IN:
        import importlib

        module, _, attribute = BUILT_IN[name].partition(":")
        engine: type[Engine] = getattr(importlib.import_module(module), attribute)
        _registered[name] = engine
        return engine
    point = _entry_point_names().get(name)
    if point is None:
        known = ", ".join(engine_names()) or "none"
        raise UnknownEngine(f"unknown engine {name!r}; known engines: {known}")
    loaded = point.load()
    if not (isinstance(loaded, type) and issubclass(loaded, EngineBase)):
        raise EngineError(
            f"engine {name!r} ({point.value}) is not an EngineBase subclass; "
            "update or uninstall the plugin that provides it"
        )
    _registered[name] = loaded
    return loaded


def build_engine(
    name: str, settings: VoiceSettings, options: Mapping[str, object] | None = None
) -> Engine:
    """The engine ``name``, set up with ``settings`` and its own ``options`` (``-O`` values)."""
    engine_class = get_engine(name)
    return engine_class(settings, engine_class.parse_options(options or {}))


def available_engines() -> list[EngineInfo]:
    """Info for every known engine; an engine that fails to load is shown as unavailable."""
    infos = []
    for name in engine_names():
        try:
            infos.append(get_engine(name).info())
        except Exception as error:  # a broken plugin must not break the listing
            infos.append(EngineInfo(name, False, False, f"failed to load: {error}"))
    return infos
