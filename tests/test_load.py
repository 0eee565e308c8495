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


MARKDOWN = """# Bridge opens

The new **bridge** opened on [Monday](https://example.com).
It cost less than planned.

## Traffic relief

1. Fewer cars downtown
2. Shorter commutes

- a bullet

![a photo](photo.jpg)

```
code is not read aloud
```
"""


def test_markdown_headings_lists_and_inline_markup(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = load(path)
    assert article.title == "Bridge opens"
    assert article.paragraphs == (
        "The new bridge opened on Monday. It cost less than planned.",
        "Traffic relief",
        "1. Fewer cars downtown",
        "2. Shorter commutes",
        "a bullet",
    )
    assert article.headings == frozenset({"Traffic relief"})


def test_html_file_by_suffix_and_by_content(tmp_path):
    page = (
        "<!DOCTYPE html><html lang='fr'><head><title>Le pont</title></head><body><article>"
        "<h1>Le pont est ouvert</h1><p>Le nouveau pont a été ouvert lundi matin par la maire "
        "devant trois cents habitants.</p><p>Les travaux ont duré deux ans et coûté moins que "
        "prévu selon la mairie.</p></article></body></html>"
    )
    for name in ("page.html", "page.txt"):
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        article = load(path)
        assert article.title in ("Le pont est ouvert", "Le pont")
        assert article.paragraphs[0].startswith("Le nouveau pont a été ouvert")
        assert article.metadata.language == "fr"


def test_html_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(NothingToNarrate):
        load(path)
