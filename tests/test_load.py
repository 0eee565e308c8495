from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from briefing.errors import InputError, NothingToNarrate
from briefing.load import MAX_INPUT_ENV, load, max_input_bytes, parse_text, visible_text

MB = 1024 * 1024


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


def test_load_names_file_and_offset_when_no_encoding_fits(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Title\n\nBody " + bytes(range(0x80, 0xA0)))
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not UTF-8 text (byte 0x80 at offset 12)")
    assert "iconv" in message and "\n" not in message


def test_utf8_with_stray_bytes_is_not_guessed_as_another_encoding(tmp_path):
    """A legacy reading would turn the good UTF-8 into mojibake ("CafÃ©"): say where the
    bad byte is instead."""
    path = tmp_path / "mixed.txt"
    path.write_bytes("Title\n\nCafé ".encode() + b"ouvert \xe9t\xe9.")
    with pytest.raises(InputError, match=r"byte 0xe9 at offset 20, though other parts are UTF-8"):
        load(path)


LATIN = "Le pont est ouvert\n\nÀ la fête, le garçon a mangé des crêpes très sucrées."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Title\n\nCafé ouvert.", "latin-1"),
        (LATIN, "latin-1"),
        ("Headline\n\n“Smart quotes” — an em dash, naïve, 5 €.", "cp1252"),
        ("Überschrift\n\nDie Straße wurde für den Verkehr geöffnet.", "cp1252"),
        ("Wiadomości\n\nNowy most został otwarty w poniedziałek. Żółć gęślą jaźń.", "cp1250"),
        ("Новости\n\nНовый мост открыли в понедельник после двух лет работ.", "cp1251"),
        ("Новости\n\nНовый мост открыли в понедельник после двух лет работ.", "koi8-r"),
        ("Ειδήσεις\n\nΗ νέα γέφυρα άνοιξε τη Δευτέρα μετά από δύο χρόνια.", "cp1253"),
        ("חדשות\n\nהגשר החדש נפתח ביום שני לאחר שנתיים של עבודה.", "cp1255"),
        (
            "東京の新しい橋\n\n新しい橋が月曜日に開通しました。市長がテープカットを行いました。",
            "shift_jis",
        ),
        (
            "東京の新しい橋\n\n新しい橋が月曜日に開通しました。市長がテープカットを行いました。",
            "euc-jp",
        ),
        ("新闻标题\n\n新桥于星期一开通，市长出席了剪彩仪式。", "gb18030"),
        ("新聞標題\n\n新橋於星期一開通，市長出席了剪綵儀式。", "big5"),
        ("서울 뉴스\n\n새로운 다리가 월요일에 개통되었습니다.", "euc-kr"),
        ("Title\n\nHello 世界, café.", "utf-16"),  # with a BOM
        ("Title\n\nHello 世界, café.", "utf-32"),
        ("Title\n\nHello world, this is text, café.", "utf-16-le"),  # no BOM
        ("Title\n\nHello world, this is text, café.", "utf-16-be"),
        ("新闻标题\n\n新桥于星期一开通，市长出席了剪彩仪式。", "utf-16-le"),
    ],
)
def test_other_encodings_are_detected_and_logged(tmp_path, caplog, text, encoding):
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    with caplog.at_level("WARNING", logger="briefing.load"):
        article = load(path)
    title, _, body = text.partition("\n\n")
    assert (article.title, article.paragraphs) == (title, (body,))
    if not encoding.startswith("utf"):
        assert "not UTF-8; read as" in caplog.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfeT\x00i\x00\n", "starts like UTF-16-LE .* but is not valid UTF-16-LE"),
        (b"\xef\xbb\xbfTitle\n\nCaf\xe9.", "starts like UTF-8 .* but is not valid UTF-8"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not text: looks like a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text: looks like a PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive .*docx"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "not text: looks like an RTF document"),
        (b"Title\n\nBody\x00 text.", "not text: looks like a binary file"),
        (bytes(range(1, 9)) * 20 + b"text", "not text: looks like a binary file"),
    ],
)
def test_undecodable_and_binary_input(tmp_path, data, message):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("plain text", "plain text"),
        ("a\x1b[31mred\x1b[0m b", "ared b"),  # terminal colour codes
        ("\x1b]0;window title\x07done", "done"),
        ("x\x00y\x07z\x08", "xyz"),
        ("tab\tand\nnewline\r\nkept", "tab\tand\nnewline\r\nkept"),
        ("page\x0cbreak\x0bvertical", "page\nbreak\nvertical"),
        ("next\x85line\u2028and\u2029more", "next\nline\nand\nmore"),
        ("c1\x80\x9f and del\x7f", "c1 and del"),
        ("\u202eevil\u202c and \u2066isolate\u2069 \u202d\u202a\u202b", "evil and isolate "),
        ("emoji 🎉👨\u200d👩\u200d👧 שלום مرحبا", "emoji 🎉👨\u200d👩\u200d👧 שלום مرحبا"),
    ],
)
def test_visible_text(text, visible):
    assert visible_text(text) == visible


def test_parse_text_drops_controls_and_bidi_overrides():
    article = parse_text("Ti\x07tle\x0cFirst \u202eparagraph\u202c.\x00\n", "x.txt")
    assert (article.title, article.paragraphs) == ("Title", ("First paragraph.",))


@pytest.mark.parametrize(
    ("value", "limit"),
    [(None, 20 * MB), ("", 20 * MB), ("1", MB), ("0.5", MB // 2), ("100", 100 * MB)],
)
def test_size_limit_from_environment(monkeypatch, value, limit):
    if value is None:
        monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    else:
        monkeypatch.setenv(MAX_INPUT_ENV, value)
    assert max_input_bytes() == limit


@pytest.mark.parametrize("value", ["abc", "0", "-3", "nan", "inf"])
def test_bad_size_limit_says_what_to_set(monkeypatch, tmp_path, value):
    monkeypatch.setenv(MAX_INPUT_ENV, value)
    (tmp_path / "a.txt").write_text("Title\nBody.")
    with pytest.raises(InputError, match=f"{MAX_INPUT_ENV}=.* positive number"):
        load(tmp_path / "a.txt")


def test_large_file_refused_by_its_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * MB)  # sparse: costs no disk
    reads = []
    real_open = Path.open

    def counting_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read
        handle.read = lambda *a: reads.append(a) or real_read(*a)  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    with pytest.raises(InputError) as caught:
        load(path)
    assert reads == []
    assert str(caught.value) == (
        f"{path}: 50 MB, more than the 20 MB limit for one article; check that this is the "
        f"right file, or raise the limit with {MAX_INPUT_ENV}"
    )


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text("Title\n\n" + "A sentence of the story. " * 100)  # 2.5 KB
    monkeypatch.setenv(MAX_INPUT_ENV, "0.001")
    with pytest.raises(InputError, match=r"2\.45 KB, more than the 1\.02 KB limit"):
        load(path)
    monkeypatch.setenv(MAX_INPUT_ENV, "0.01")
    assert load(path).title == "Title"


def test_stdin_reads_no_more_than_the_limit(monkeypatch):
    class Endless(io.RawIOBase):
        """stdin that never ends: ``yes | briefing segments -``."""

        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"y\n" * (len(buffer) // 2) + b"y" * (len(buffer) % 2)
            Endless.served += len(buffer)
            return len(buffer)

    monkeypatch.setenv(MAX_INPUT_ENV, "1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    with pytest.raises(InputError, match=r"^stdin: more than the 1 MB limit"):
        load("-")
    assert Endless.served <= MB + 64 * 1024


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file; nothing to narrate"),
        (b"  \n\t\r\n  ", "only whitespace; nothing to narrate"),
        ("\u00a0\u3000\n\u2028 ".encode(), "only whitespace; nothing to narrate"),
        ("\u00a0 \n".encode("utf-16"), "only whitespace; nothing to narrate"),
    ],
)
def test_empty_and_blank_files(tmp_path, data, message):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(NothingToNarrate, match=message) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_name_too_long_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"cannot read .*name too long"):
        load(tmp_path / ("x" * 5000 + ".txt"))


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
