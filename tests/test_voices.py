"""Voices by name and language: installed voices, a catalogue and downloads served from
127.0.0.1 (checksums, resuming), and languages that are refused or have no voice."""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
from functools import partial

import pytest
from click.testing import CliRunner
from conftest import local_server

from briefing import voices
from briefing.cli import cli
from briefing.engines.piper import PiperEngine, bundled_voice_path
from briefing.errors import EngineUnavailable, InputError
from briefing.settings import VoiceSettings

NAME = "en_GB-test-medium"


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with ``Range: bytes=N-`` answered by 206, as real file hosts do."""

    served: list[str] = []  # noqa: RUF012 (the test reads what was asked)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.served.append(f"{self.path} {self.headers.get('Range', '')}".strip())
        wanted = self.headers.get("Range")
        path = self.translate_path(self.path)
        if not wanted or not wanted.startswith("bytes=") or not path.endswith((".onnx", ".json")):
            return super().do_GET()
        start = int(wanted[6:].rstrip("-"))
        data = open(path, "rb").read()  # noqa: SIM115
        if start >= len(data):
            self.send_response(416)
            self.end_headers()
            return
        self.send_response(206)
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        self.wfile.write(data[start:])


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """A catalogue of one voice (the bundled model under another name, British English)."""
    model = bundled_voice_path()
    assert model is not None
    site = tmp_path / "site"
    folder = site / "en" / "en_GB" / "test" / "medium"
    folder.mkdir(parents=True)
    shutil.copy(model, folder / f"{NAME}.onnx")
    config = json.loads(model.with_name(model.name + ".json").read_text())
    config["language"] = {"code": "en_GB", "family": "en", "region": "GB"}
    (folder / f"{NAME}.onnx.json").write_text(json.dumps(config))
    files = {
        f"en/en_GB/test/medium/{f.name}": {
            "size_bytes": f.stat().st_size,
            "md5_digest": hashlib.md5(f.read_bytes()).hexdigest(),
        }
        for f in folder.iterdir()
    }
    entry = {"key": NAME, "language": {"code": "en_GB"}, "quality": "medium", "files": files}
    (site / "voices.json").write_text(json.dumps({NAME: entry, "broken": {"files": 3}}))
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path / "voices"))
    RangeHandler.served = []
    with local_server(partial(RangeHandler, directory=str(site))) as base:
        monkeypatch.setenv("BRIEFING_VOICES_URL", f"{base}/voices.json")
        yield folder


def test_bundled_voice_is_installed(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path / "none"))
    [voice] = voices.installed()
    assert voice.bundled and voice.language == "en_US" and voice.name == "en_US-joe-medium"
    assert voices.for_language("en-GB") == voice  # same language, other region
    assert voices.for_language("fr") is None


def test_list_download_and_use_by_name(catalogue, tmp_path):
    runner = CliRunner()
    listing = runner.invoke(cli, ["voices", "list", "--available"])
    assert listing.exit_code == 0, listing.output
    assert "en_US-joe-medium" in listing.output and f"{NAME}" in listing.output
    assert "available" in next(line for line in listing.output.splitlines() if NAME in line)
    done = runner.invoke(cli, ["voices", "download", NAME])
    assert done.exit_code == 0, done.output
    assert f"use it with --voice {NAME}" in done.output
    installed = tmp_path / "voices" / f"{NAME}.onnx"
    assert installed.read_bytes() == (catalogue / f"{NAME}.onnx").read_bytes()
    assert not list((tmp_path / "voices").glob("*.part"))
    mine = runner.invoke(cli, ["voices", "list", "--lang", "en-GB"])
    assert f"{NAME}" in mine.output and "installed" in mine.output
    engine = PiperEngine(VoiceSettings(voice=NAME))
    assert engine.model_path == installed
    from briefing.pipeline import prepare
    from briefing.settings import Settings

    story = tmp_path / "s.txt"
    story.write_text("Title\n\nA line of text.\n")
    assert prepare(story, Settings(voice=VoiceSettings(voice=NAME))).lang == "en-GB"  # the voice's
    assert PiperEngine(VoiceSettings(lang="en-GB")).model_path == installed  # by language
    assert PiperEngine(VoiceSettings(lang="en-US")).model_path == bundled_voice_path()
    again = runner.invoke(cli, ["voices", "download", NAME])
    assert again.exit_code == 0
    assert all(" bytes=" not in line for line in RangeHandler.served)


def test_an_interrupted_download_resumes(catalogue, tmp_path):
    folder = tmp_path / "voices"
    folder.mkdir()
    whole = (catalogue / f"{NAME}.onnx").read_bytes()
    (folder / f"{NAME}.onnx.part").write_bytes(whole[: len(whole) // 2])
    voices.download(NAME)
    assert (folder / f"{NAME}.onnx").read_bytes() == whole
    assert f"/en/en_GB/test/medium/{NAME}.onnx bytes={len(whole) // 2}-" in RangeHandler.served


def test_a_corrupt_download_is_removed(catalogue, tmp_path):
    (catalogue / f"{NAME}.onnx.json").write_text("{}")  # no longer what the catalogue says
    with pytest.raises(EngineUnavailable, match="does not match the catalogue's checksum"):
        voices.download(NAME)
    assert not (tmp_path / "voices" / f"{NAME}.onnx.json").exists()
    assert not list((tmp_path / "voices").glob("*.part"))


def test_unknown_voice_names(catalogue):
    with pytest.raises(InputError, match=r"no voice 'en_GB-test-mediun'.*did you mean en_GB-test"):
        voices.download("en_GB-test-mediun")
    with pytest.raises(EngineUnavailable, match="no installed Piper voice 'fr_FR-nope-low'"):
        PiperEngine(VoiceSettings(voice="fr_FR-nope-low"))


def test_a_language_without_a_voice_says_what_to_download(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path / "none"))
    result = CliRunner().invoke(cli, ["build", "--text", "Bonjour\nUne phrase.", "--lang", "fr"])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        "Error: no Piper voice for language 'fr' is installed; run `briefing voices download "
        "fr_FR-siwis-medium` (all: `briefing voices list --available`), or use --engine gtts"
    ]


@pytest.mark.parametrize("lang", ["xx", "english", "e", "en-"])
def test_unknown_language_codes_are_refused(lang):
    result = CliRunner().invoke(cli, ["segments", "--text", "Hi\nThere.", "--lang", lang])
    assert result.exit_code == 2
    assert f"unknown language code {lang!r}" in result.output


def test_the_catalogue_out_of_reach_is_one_line(monkeypatch):
    monkeypatch.setenv("BRIEFING_VOICES_URL", "http://127.0.0.1:9/voices.json")
    result = CliRunner().invoke(cli, ["voices", "list", "--available"])
    assert result.exit_code == 3
    assert "cannot read the voice catalogue at http://127.0.0.1:9/voices.json" in result.output


def test_a_file_the_server_does_not_have_is_not_retried(catalogue, tmp_path):
    (catalogue / f"{NAME}.onnx").unlink()  # listed, but gone from the server: 404
    with pytest.raises(EngineUnavailable) as raised:
        voices.download(NAME)
    message = str(raised.value)
    assert "HTTP 404" in message and "catalogue may be out of date" in message
    assert "run the same command again" not in message
    assert not list((tmp_path / "voices").glob("*"))  # nothing half-written
