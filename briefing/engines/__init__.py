"""Speech engines and their registry."""

from briefing.engines.base import (
    Engine,
    EngineInfo,
    VoiceSettings,
    available_engines,
    get_engine,
    register_engine,
)

__all__ = [
    "Engine",
    "EngineInfo",
    "VoiceSettings",
    "available_engines",
    "get_engine",
    "register_engine",
]
