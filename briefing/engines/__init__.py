"""Speech engines and their registry."""

from briefing.engines.base import (
    Engine,
    EngineBase,
    EngineInfo,
    EngineOptions,
    OptionInfo,
    available_engines,
    build_engine,
    get_engine,
    register_engine,
)
from briefing.settings import VoiceSettings

__all__ = [
    "Engine",
    "EngineBase",
    "EngineInfo",
    "EngineOptions",
    "OptionInfo",
    "VoiceSettings",
    "available_engines",
    "build_engine",
    "get_engine",
    "register_engine",
]
