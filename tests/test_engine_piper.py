"""The default engine: bundled voice, speed, memory budget, clause cuts, cache identity."""

from __future__ import annotations

import threading
import time

import pytest

from briefing.engines.base import VoiceSettings
from briefing.engines.piper import MemoryBudget, PiperEngine, split_phonemes
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


def test_memory_budget_admits_what_fits_and_runs_big_alone():
    budget = MemoryBudget(100)
    events: list[str] = []
    inside = threading.Event()
    release = threading.Event()

    def hold(name: str, size: float) -> None:
        with budget.reserve(size):
            events.append(f"start {name}")
            inside.set()
            release.wait(2)
            events.append(f"end {name}")

    small = threading.Thread(target=hold, args=("a", 60))
    small.start()
    inside.wait(2)
    big = threading.Thread(target=hold, args=("big", 150))  # over budget: must wait for "a"
    big.start()
    time.sleep(0.1)
    assert events == ["start a"]
    release.set()
    small.join(2)
    big.join(2)
    assert events == ["start a", "end a", "start big", "end big"]


def test_real_voice_speaks_long_sentence_cut_at_commas():
    engine = PiperEngine(VoiceSettings())
    whole = engine.synthesize(LONG)
    engine.budget = MemoryBudget(40)  # forces clause cuts
    cut = engine.synthesize(LONG)
    assert whole.frame_rate == 22050 and whole.dBFS > -40
    assert abs(len(cut) - len(whole)) < 0.25 * len(whole)


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
