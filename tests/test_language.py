"""The language follows the article: its page's (or feed's) language picks the text rules and
the voice, unless --lang says otherwise."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.pipeline import prepare
from briefing.settings import Settings, VoiceSettings, language_code

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>{text}</p></article></body></html>"""


def page(tmp_path, lang, title, text):
    path = tmp_path / f"{lang}.html"
    path.write_text(PAGE.format(lang=lang, title=title, text=text), encoding="utf-8")
    return path


def test_a_french_page_is_spoken_in_french(tmp_path):
    path = page(tmp_path, "fr", "Le conseil vote", "Le conseil a voté le 3 janvier 2024 à 18 h 30.")
    script = prepare(path, Settings(engine="gtts"))
    assert script.lang == "fr"
    said = " ".join(s.spoken for s in script.segments)
    assert "janvier" in said and "deux mille vingt-quatre" in said  # French rules, not English
    english = prepare(path, Settings(engine="gtts", voice=VoiceSettings(lang="en")))
    assert english.lang == "en"  # --lang wins


def test_an_english_page_keeps_the_bundled_voice(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path / "none"))
    path = page(tmp_path, "en-GB", "Council votes", "The council voted on Tuesday.")
    assert prepare(path, Settings()).lang == "en"  # trafilatura reads en-GB as en
    out = tmp_path / "e.mp3"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.with_suffix(".json").read_text())["settings"]["lang"] == "en"


def test_no_voice_for_the_pages_language_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_VOICES_DIR", str(tmp_path / "none"))
    path = page(tmp_path, "de", "Der Rat", "Der Rat hat am Dienstag abgestimmt.")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "d.mp3")])
    assert result.exit_code == 3
    assert "no Piper voice for language 'de'" in result.output
    assert "briefing voices download de_DE-thorsten-medium" in result.output
    forced = CliRunner().invoke(
        cli, ["build", str(path), "--lang", "en", "-o", str(tmp_path / "d.mp3"), "-q"]
    )
    assert forced.exit_code == 0, forced.output


def test_text_without_a_language_is_english(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nThe council met on Jan. 3.\n")
    script = prepare(path, Settings(engine="gtts"))
    assert script.lang == "en" and "January third" in script.segments[1].spoken


@pytest.mark.parametrize(
    ("tag", "code"),
    [("fr", "fr"), ("pt-BR", "pt-BR"), ("x-default", None), ("english", None), ("", None),
     (None, None), ("cmn", "cmn"), (" en-GB ", "en-GB")],
)  # fmt: skip
def test_language_code(tag, code):
    assert language_code(tag) == code


def test_a_french_text_without_metadata_is_detected(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le conseil municipal vote le budget\n\n"
        "Le conseil municipal a voté mardi soir le budget de la ville pour l'année prochaine. "
        "Les élus de la majorité ont défendu une hausse des dépenses pour les écoles et les "
        "transports, tandis que l'opposition a dénoncé une augmentation des impôts locaux qui "
        "pèsera sur les familles et sur les commerces du centre.\n"
    )
    assert prepare(path, Settings(engine="gtts")).lang == "fr"
    short = tmp_path / "short.txt"
    short.write_text("Note\n\nLe conseil a voté.\n")  # too few words to tell: English
    assert prepare(short, Settings(engine="gtts")).lang == "en"
