"""eSpeak NG: robotic but offline, tiny, and on almost every Linux box.

Useful as a last resort when Piper has no voice for a language and there is no network for
gTTS. Runs the ``espeak-ng`` (or classic ``espeak``) binary; no Python binding needed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import ClassVar

from briefing.engines.base import EngineBase, EngineInfo, EngineOptions
from briefing.errors import BadOption, EngineError, EngineUnavailable, InputError
from briefing.models import Audio
from briefing.settings import VoiceSettings

log = logging.getLogger(__name__)

BINARIES = ("espeak-ng", "espeak")
NOT_FOUND = "espeak-ng not found on PATH (apt-get install espeak-ng)"
DEFAULT_WPM = 175
"""espeak-ng's own default rate; ``speed`` 1.0 maps to it."""
WPM_RANGE = (80, 450)
"""Rates espeak-ng accepts; outside them it clamps silently, so we clamp and say so."""
_SAMPLE_VOICES = ("en-us", "en-gb", "fr-fr", "de", "es", "it", "pt", "nl", "ru", "cmn")


def find_binary() -> str | None:
    """Path of ``espeak-ng``, else of ``espeak``, else None."""
    for name in BINARIES:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass(frozen=True)
class EspeakOptions(EngineOptions):
    """espeak-ng's own settings."""

    pitch: int = field(default=50, metadata={"help": "voice pitch, 0 to 99 (espeak-ng -p)"})

    def __post_init__(self) -> None:
        if not 0 <= self.pitch <= 99:
            raise BadOption(f"espeak option pitch must be 0 to 99, not {self.pitch}")


class EspeakEngine(EngineBase[EspeakOptions]):
    """Formant synthesis through the espeak-ng command line; text goes in on stdin."""

    name: ClassVar[str] = "espeak"
    max_chars: ClassVar[int] = 2000
    """espeak-ng has no real limit; this keeps one failure from losing much text."""
    workers: ClassVar[int] = 0
    options_class = EspeakOptions

    def __init__(self, settings: VoiceSettings, options: EspeakOptions | None = None) -> None:
        super().__init__(settings, options)
        binary = find_binary()
        if binary is None:
            raise EngineUnavailable(NOT_FOUND)
        self.binary = binary
        self.voice = settings.voice or settings.lang or "en"
        wpm = round(DEFAULT_WPM * settings.speed)
        self.wpm = min(max(wpm, WPM_RANGE[0]), WPM_RANGE[1])
        if self.wpm != wpm:
            log.warning(
                "espeak speed %g is out of range; using %d words/minute", settings.speed, self.wpm
            )

    def identity(self) -> dict[str, object]:
        try:
            version = subprocess.run(
                [self.binary, "--version"], capture_output=True, text=True, timeout=5, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            version = "unknown"
        return {
            "engine": self.name,
            "espeak": version,
            "voice": self.voice,
            "wpm": self.wpm,
            "pitch": self.options.pitch,
        }

    @classmethod
    def info(cls) -> EngineInfo:
        """Whether the binary is there, and a few of its voices (``--voices`` takes ~10 ms)."""
        binary = find_binary()
        if binary is None:
            return EngineInfo(cls.name, False, False, NOT_FOUND)
        try:
            listing = subprocess.run(
                [binary, "--voices"], capture_output=True, text=True, timeout=5, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError) as error:
            return EngineInfo(cls.name, True, False, f"{binary} (cannot list voices: {error})")
        languages = {line.split()[1] for line in listing.splitlines()[1:] if len(line.split()) > 1}
        sample = ", ".join(voice for voice in _SAMPLE_VOICES if voice in languages)
        detail = f"{len(languages)} voices (e.g. {sample}; all: espeak-ng --voices)"
        return EngineInfo(cls.name, True, False, detail)

    def synthesize(self, text: str) -> Audio:
        """Text on stdin, not argv: it may be long or start with '-'; WAV comes on stdout."""
        from briefing.audio import from_segment, segment_from_wav

        command = [self.binary, "-v", self.voice, "-s", str(self.wpm), "-b", "1"]
        command += ["-p", str(self.options.pitch), "--stdout"]
        try:
            result = subprocess.run(
                command,
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=60 + len(text) / 20,
                check=False,
            )
        except FileNotFoundError as error:
            raise EngineUnavailable(NOT_FOUND) from error
        except subprocess.TimeoutExpired as error:
            raise EngineError(
                f"espeak-ng took too long ({error.timeout:.0f} s) and was stopped"
            ) from error
        stderr = result.stderr.decode(errors="replace").strip()
        if result.returncode != 0 or not result.stdout:
            if "voice does not exist" in stderr:
                raise EngineError(
                    f"espeak-ng has no voice {self.voice!r}; "
                    "see `espeak-ng --voices` or `briefing engines`"
                )
            detail = stderr.splitlines()[-1] if stderr else f"exit code {result.returncode}"
            raise EngineError(f"espeak-ng failed: {detail}")
        try:
            return from_segment(segment_from_wav(result.stdout))
        except InputError as error:
            raise EngineError(f"espeak-ng wrote audio that cannot be read: {error}") from error
