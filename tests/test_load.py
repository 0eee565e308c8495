from __future__ import annotations

import io
import sys

import pytest

from briefing.errors import InputError, NothingToNarrate
from briefing.load import load, parse_text


@pytest.mark.parametrize(
    ("text", "title", "paragraphs"),
    [
        ("Title\n\nOne.\n\nTwo.", "Title", ("One.", "Two.")),
        ("Title\nOne.\nTwo.\n", "Title", ("One.", "Two.")),
        ("\n\n  Title  \n\n\nOne.\nTwo.\n\n\nThree.", "Title", ("One.", "Two.", "Three.")),
        ("Title\r\nOne.\r\n\r\nTwo.", "Title", ("One.", "Two.")),
        ("Title only", "Title only", ()),
        ("Title\n  spaced   out\tline ", "Title", ("spaced out line",)),
    ],
)
def test_parse_text_splits_title_and_paragraphs(text, title, paragraphs):
    article = parse_text(text, "x.txt")
    assert (article.title, article.paragraphs, article.source) == (title, paragraphs, "x.txt")


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n"])
def test_empty_input_is_nothing_to_narrate(text):
    with pytest.raises(NothingToNarrate, match="nothing to narrate"):
        parse_text(text, "empty.txt")


def test_load_accepts_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\n\nBody.".encode())
    assert load(path).title == "Title"


def test_load_names_file_and_offset_of_bad_bytes(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Title\n\nCaf\xe9 ouvert.".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert str(path) in message
    assert "offset 10" in message and "0xe9" in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.txt")


def test_folder_is_not_an_article(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        load(tmp_path)


def test_load_reads_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Title\nBody.")))
    article = load("-")
    assert (article.title, article.paragraphs, article.source) == ("Title", ("Body.",), "-")
