"""The default engine: bundled voice, speed, the vocoder run in chunks, clause cuts, identity."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import dbfs

from briefing.engines import piper
from briefing.engines.base import VoiceSettings
from briefing.engines.piper import PiperEngine, PiperOptions, SplitModel, split_phonemes
from briefing.errors import EngineError, EngineUnavailable

LONG = (
    "The priest, Fidelis Mukonori, is acting as a middle-man between Mr Mugabe and the generals, "
    "who seized power in a targeted operation against criminals in his entourage, a senior "
    "political source told Reuters, adding that talks could go on for days."
)


@pytest.mark.parametrize("limit", [5, 12, 30, 80, 1000])
def test_split_phonemes_keeps_everything_within_limit(limit):
    phonemes = list(
        "ðə pɹˈiːst, fᵻdˈɛliz mjˌuːkənˈɔːɹi, ɪz ˈæktɪŋ æz ɐ mˈɪdəlmˈæn; ðə dʒˈɛnɚɹəlz sˈɛd."
    )
    pieces = split_phonemes(phonemes, limit)
    assert [p for piece in pieces for p in piece] == phonemes
    assert all(len(piece) <= limit for piece in pieces)


def test_split_prefers_clause_breaks():
    phonemes = list("ab cd, ef gh, ij kl.")
    assert ["".join(p) for p in split_phonemes(phonemes, 8)] == ["ab cd,", " ef gh,", " ij kl."]


@pytest.fixture(scope="module")
def quiet_engine() -> PiperEngine:
    """The bundled voice with its randomness off, so two runs of one text can be compared."""
    engine = PiperEngine(VoiceSettings(), PiperOptions(noise_scale=0.0, noise_w=0.0))
    assert engine.voice is not None  # loads the voice, split at its vocoder, now
    return engine


def whole_model_run(engine: PiperEngine, text: str) -> np.ndarray:
    """The voice's unsplit model, one run per sentence, as Piper itself runs it."""
    session = piper._session(engine.model_path)
    voice = engine.voice
    runs = [
        session.run(None, engine._inputs(voice.phonemes_to_ids(sentence)))[0].reshape(-1)
        for sentence in voice.phonemize(text)
    ]
    return np.concatenate(runs)


def test_bundled_voice_is_split_at_its_vocoder(quiet_engine):
    assert isinstance(quiet_engine._split, SplitModel)
    assert quiet_engine._split.latent in {i.name for i in quiet_engine._split.vocoder.get_inputs()}
    assert quiet_engine._split.extras == ()


def test_chunked_vocoder_equals_whole_model(quiet_engine, monkeypatch):
    """Run in chunks (several per sentence here), the split voice gives the whole model's
    samples: the context frames cover everything the vocoder looks at."""
    monkeypatch.setattr(piper, "CHUNK_FRAMES", 40)
    whole = whole_model_run(quiet_engine, LONG)
    split = quiet_engine.synthesize(LONG).samples
    frames = quiet_engine._split.encoder.run(
        None,
        quiet_engine._inputs(
            quiet_engine.voice.phonemes_to_ids(next(iter(quiet_engine.voice.phonemize(LONG))))
        ),
    )[0].shape[-1]
    assert frames > 3 * 40  # the sentence really went through several chunks
    assert split.size == whole.size
    assert np.abs(split - np.clip(whole, -1, 1)).max() < 2e-4  # int16 rounding, no more


def stored_graphs() -> list:
    from briefing.cache import default_cache_dir

    return sorted((default_cache_dir() / "voices").glob("*/*.ort-*.onnx"))


def test_optimized_graphs_are_stored_and_give_the_same_voice(quiet_engine):
    """The voice's halves, as onnxruntime optimizes them, are kept after the first load; a
    voice loaded from them speaks as the unsplit, freshly optimized model does."""
    assert [p.name.split(".ort-")[0] for p in stored_graphs()] == ["encoder", "vocoder"]
    again = PiperEngine(VoiceSettings(), PiperOptions(noise_scale=0.0, noise_w=0.0))
    spoken = again.synthesize(LONG).samples
    whole = whole_model_run(quiet_engine, LONG)
    assert spoken.size == whole.size
    assert np.abs(spoken - np.clip(whole, -1, 1)).max() < 2e-4


def test_a_damaged_stored_graph_is_optimized_again(quiet_engine):
    encoder = next(p for p in stored_graphs() if p.name.startswith("encoder"))
    encoder.write_bytes(b"not a model")
    engine = PiperEngine(VoiceSettings(), PiperOptions(noise_scale=0.0, noise_w=0.0))
    audio = engine.synthesize("The council met on Tuesday.")
    assert audio.duration_ms > 500 and dbfs(audio.samples) > -40
    assert encoder.stat().st_size > 1_000_000  # stored anew, whole
    assert not list(encoder.parent.glob("*.part"))


def test_too_little_context_would_show(quiet_engine, monkeypatch):
    """The check above can fail: with no context frames the chunk edges differ."""
    monkeypatch.setattr(piper, "CHUNK_FRAMES", 40)
    monkeypatch.setattr(piper, "CONTEXT_FRAMES", 0)
    whole = whole_model_run(quiet_engine, LONG)
    split = quiet_engine.synthesize(LONG).samples
    assert np.abs(split - np.clip(whole, -1, 1)).max() > 1e-2


def test_a_voice_of_another_layout_runs_whole(tmp_path):
    """A model without Piper's vocoder node names is not split, and still speaks."""
    import onnx

    model = onnx.load(str(piper.bundled_voice_path()))
    for node in model.graph.node:
        node.name = node.name.replace("/dec/", "/vocoder/")
    path = tmp_path / "renamed.onnx"
    onnx.save(model, str(path))
    path.with_name("renamed.onnx.json").write_bytes(
        piper.bundled_voice_path().with_name(piper.bundled_voice_path().name + ".json").read_bytes()
    )
    engine = PiperEngine(VoiceSettings(voice=str(path)))
    audio = engine.synthesize("The council met on Tuesday.")
    assert engine._split is None
    assert audio.rate == 22050 and audio.duration_ms > 500 and dbfs(audio.samples) > -40


def test_real_voice_speaks_long_sentence_cut_at_commas(monkeypatch):
    engine = PiperEngine(VoiceSettings())
    whole = engine.synthesize(LONG)
    monkeypatch.setattr(piper, "MAX_PHONEMES", 40)  # forces clause cuts
    cut = engine.synthesize(LONG)
    assert whole.rate == 22050 and dbfs(whole.samples) > -40
    assert abs(cut.duration_ms - whole.duration_ms) < 0.25 * whole.duration_ms


def test_identity_changes_with_speed_not_with_instance():
    a, b = PiperEngine(VoiceSettings()), PiperEngine(VoiceSettings())
    assert a.identity() == b.identity()
    assert a.identity() != PiperEngine(VoiceSettings(speed=1.2)).identity()


def test_bad_settings_fail_before_synthesis(tmp_path):
    with pytest.raises(EngineUnavailable, match="voice file not found"):
        PiperEngine(VoiceSettings(voice=str(tmp_path / "missing.onnx")))
    model = tmp_path / "v.onnx"
    model.write_bytes(b"x")
    with pytest.raises(EngineUnavailable, match=r"\.onnx\.json"):
        PiperEngine(VoiceSettings(voice=str(model)))
    with pytest.raises(EngineError, match="speed"):
        PiperEngine(VoiceSettings(speed=0))
