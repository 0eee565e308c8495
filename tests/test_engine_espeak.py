"""The espeak engine: real synthesis when espeak-ng is installed, a fake binary everywhere."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import dbfs

from briefing.engines import VoiceSettings, get_engine
from briefing.engines.espeak import NOT_FOUND, EspeakEngine
from briefing.errors import EngineError, EngineUnavailable

requires_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None and shutil.which("espeak") is None,
    reason="espeak-ng not installed (apt-get install espeak-ng)",
)

SENTENCE = "This is a short test of the offline speech engine."


# -- everywhere ----------------------------------------------------------------------------


def test_info_unavailable_without_binary(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "")
    info = EspeakEngine.info()
    assert not info.available
    assert not info.needs_network
    assert info.detail == NOT_FOUND
    assert "apt-get install espeak-ng" in info.detail


def test_constructing_without_binary_is_unavailable(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(EngineUnavailable, match="apt-get install espeak-ng"):
        EspeakEngine(VoiceSettings())


def test_registered_through_entry_point() -> None:
    assert get_engine("espeak") is EspeakEngine


def test_module_import_is_cheap() -> None:
    code = "import sys, briefing.engines.espeak; print('pydub' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


FAKE = """#!{python}
import json, os, struct, sys
text = sys.stdin.buffer.read().decode("utf-8")
with open(os.environ["FAKE_ESPEAK_LOG"], "w") as log:
    json.dump({{"argv": sys.argv[1:], "stdin": text}}, log)
if "-v" in sys.argv and sys.argv[sys.argv.index("-v") + 1] == "nope":
    sys.stderr.write("Error: The specified espeak-ng voice does not exist.\\n")
    sys.exit(1)
frames = b"\\x00\\x10" * 22050  # one second, 22050 Hz mono
fmt = struct.pack("<HHIIHH", 1, 1, 22050, 44100, 2, 16)
sys.stdout.buffer.write(
    b"RIFF" + struct.pack("<I", 0x7FFFF024) + b"WAVEfmt " + struct.pack("<I", 16) + fmt
    + b"data" + struct.pack("<I", 0x7FFFF000) + frames
)
"""


@pytest.fixture
def fake_espeak(tmp_path: Path, monkeypatch) -> Path:
    """A stand-in ``espeak-ng`` that records argv and stdin, answering like the real one."""
    binary = tmp_path / "bin" / "espeak-ng"
    binary.parent.mkdir()
    binary.write_text(FAKE.format(python=sys.executable))
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    record = tmp_path / "call.json"
    monkeypatch.setenv("PATH", str(binary.parent))
    monkeypatch.setenv("FAKE_ESPEAK_LOG", str(record))
    return record


@pytest.mark.parametrize(
    ("settings", "voice", "wpm"),
    [
        (VoiceSettings(), "en", "175"),
        (VoiceSettings(lang="fr", speed=1.2), "fr", "210"),
        (VoiceSettings(voice="en-gb-scotland", lang="fr"), "en-gb-scotland", "175"),
        (VoiceSettings(speed=0.1), "en", "80"),  # clamped to espeak-ng's range
        (VoiceSettings(speed=5.0), "en", "450"),
    ],
)
def test_command_line(fake_espeak: Path, settings: VoiceSettings, voice: str, wpm: str) -> None:
    audio = EspeakEngine(settings).synthesize(SENTENCE)
    call = json.loads(fake_espeak.read_text())
    argv = call["argv"]
    assert argv[argv.index("-v") + 1] == voice
    assert argv[argv.index("-s") + 1] == wpm
    assert "--stdout" in argv
    assert SENTENCE not in argv
    assert call["stdin"] == SENTENCE
    assert audio.duration_ms == 1000  # the placeholder data size was not trusted


def test_text_starting_with_dash_goes_to_stdin(fake_espeak: Path) -> None:
    text = "--help -v nope — and ünïcode " + "long " * 2000
    EspeakEngine(VoiceSettings()).synthesize(text)
    call = json.loads(fake_espeak.read_text())
    assert call["stdin"] == text
    assert call["argv"][call["argv"].index("-v") + 1] == "en"


def test_unknown_voice_is_engine_error(fake_espeak: Path) -> None:
    with pytest.raises(EngineError, match=r"no voice 'nope'.*espeak-ng --voices"):
        EspeakEngine(VoiceSettings(voice="nope")).synthesize(SENTENCE)


def test_binary_vanishing_is_unavailable(fake_espeak: Path, monkeypatch) -> None:
    engine = EspeakEngine(VoiceSettings())
    os.remove(engine.binary)
    with pytest.raises(EngineUnavailable, match="apt-get install espeak-ng"):
        engine.synthesize(SENTENCE)


# -- with the real binary ------------------------------------------------------------------


@requires_espeak
def test_real_synthesis_is_speech_length_and_not_silent() -> None:
    audio = EspeakEngine(VoiceSettings()).synthesize(SENTENCE)
    # ten words at 175 words per minute: about 3.4 s
    assert 1500 < audio.duration_ms < 6000
    assert dbfs(audio.samples) > -40
    assert audio.rate == 22050


@requires_espeak
def test_real_speed_shortens() -> None:
    normal = EspeakEngine(VoiceSettings()).synthesize(SENTENCE).duration_ms
    fast = EspeakEngine(VoiceSettings(speed=2.0)).synthesize(SENTENCE).duration_ms
    assert fast < 0.75 * normal


@requires_espeak
def test_real_text_starting_with_dash_is_spoken() -> None:
    audio = EspeakEngine(VoiceSettings()).synthesize("-v xx --help is not an option here.")
    assert audio.duration_ms > 1000
    assert dbfs(audio.samples) > -40


@requires_espeak
def test_real_unknown_voice() -> None:
    with pytest.raises(EngineError, match="no voice 'xx-nonexistent'"):
        EspeakEngine(VoiceSettings(voice="xx-nonexistent")).synthesize(SENTENCE)


@requires_espeak
def test_real_other_language() -> None:
    audio = EspeakEngine(VoiceSettings(lang="fr")).synthesize("Bonjour à tous.")
    assert audio.duration_ms > 500


@requires_espeak
def test_real_info_lists_voices() -> None:
    info = EspeakEngine.info()
    assert info.available and not info.needs_network
    assert "voices" in info.detail
    assert "en-us" in info.detail
