"""Properties that hold for any input, with hypothesis generating the text.

Two kinds of text: anything Unicode allows, and "news-shaped" text built from the tokens the
normalizer rewrites (titles, abbreviations, dates, money, units, numerals), since those are
where spoken text grows and where sentence splitting must not stumble.
"""

from __future__ import annotations

import os
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.clean import clean
from briefing.engines.piper import split_phonemes
from briefing.errors import InputError, NothingToNarrate
from briefing.load import decode_text, parse_text, visible_text
from briefing.normalize import normalize
from briefing.segment import segment
from briefing.sentences import split_sentences

QUICK = settings(
    max_examples=int(os.environ.get("BRIEFING_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
"""A modest run in the suite (about 7 s in all); BRIEFING_PROPERTY_EXAMPLES=5000 digs deeper."""

NEWS_TOKENS = [
    "Gen.", "Brig.-Gen.", "Lt.-Gen.", "U.S.", "U.N.", "Dr.", "St.", "No.", "#1", "Jan.", "Dec.",
    "Sept.", "3", "31", "2020", "1999", "1990s", "2020s", "21st", "22nd", "101st", "9:30",
    "a.m.", "p.m.", "10:05", "1-2", "3am", "$1.5", "billion", "$20", "€5", "£3bn", "C$10",
    "US$5", "100", "1,000", "km/h", "30°C", "5°", "°F", "5-km", "75mph", "3%", "II", "VIII",
    "XIV", "WWI", "World", "War", "Elizabeth", "Henry", "Louis", "[sic]", "e.g.,", "i.e.,",
    "etc.", "vs.", "approx.", "Mt.", "Ft.", "AP", "WHO", "FBI", "Sen.", "Rep.", "Gov.",
    "Prof.", "Mr.", "Mrs.", "Ms.", "Col.", "Capt.", "the", "and", "said", "on", ",", ".", "—",
    "“Why?”", "(see", "below)", "1990-1991", "2019-20", "9/11", "24/7", "1/2", "...", "…",
    "Advertisement", "READ MORE:", "By", "Photo:", "\n", "\n\n", "🎉", "שלום", "東京",
]  # fmt: skip
news_text = st.lists(
    st.one_of(st.sampled_from(NEWS_TOKENS), st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True)),
    max_size=120,
).map(" ".join)
texts = st.one_of(st.text(max_size=500), news_text)

SPOKEN_GROWTH = (6, 40)
"""``spoken`` is at most 6 x ``text`` + 40 characters. The worst case measured (200,000
random token sequences, every character alone and beside a digit) is 5.2 x: "#1 °F" ->
"number 1 degree Fahrenheit"; single tokens reach 5 x ("1999" -> "nineteen ninety-nine")."""


@QUICK
@given(text=texts, max_chars=st.integers(min_value=2, max_value=400), lang=st.sampled_from(["en", "fr"]))  # fmt: skip
def test_any_text_becomes_segments_within_the_limit(text: str, max_chars: int, lang: str) -> None:
    """From 2 characters up: with a limit of 1, a one-character title still gets its final
    stop ("0" -> "0."), one over the limit; no engine has such a limit."""
    try:
        article = parse_text(text, "any.txt")
    except NothingToNarrate:
        assert not visible_text(text).split()  # only when there is not a word in it
        return
    segments = segment(clean(article), max_chars, lambda piece: normalize(piece, lang))
    assert segments and segments[0].kind == "title"
    times, plus = SPOKEN_GROWTH
    for item in segments:
        assert item.spoken.strip(), item
        assert len(item.spoken) <= max_chars, item
        assert len(item.spoken) <= times * len(item.text) + plus, item


WORD = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=10)
PROSE_LINE = st.lists(WORD, min_size=12, max_size=30, unique=True).map(
    lambda words: " ".join(words) + "."
)


@QUICK
@given(lines=st.lists(PROSE_LINE, min_size=1, max_size=12, unique=True))
def test_cleaning_keeps_every_plain_prose_line(lines: list[str]) -> None:
    """Lines without a marker and without a structural reason (no repeats, no headline
    copy, all sentences of 12 words or more) are never dropped."""
    article = parse_text("Council approves the new flood barrier\n\n" + "\n".join(lines), "p.txt")
    cleaned = clean(article)
    assert cleaned.paragraphs == tuple(lines), cleaned.dropped


@QUICK
@given(text=texts)
def test_split_sentences_round_trips(text: str) -> None:
    sentences = split_sentences(text)
    assert " ".join(sentences) == " ".join(text.split())
    assert all(sentence and sentence == " ".join(sentence.split()) for sentence in sentences)


PHONEMES = [*"abdefhijklmnoprstuvwzæðŋɑɔəɛɪʃʊʌʒθˈˌː", " ", ",", ";", ":", "—", "–", ".", "?"]


@QUICK
@given(
    phonemes=st.lists(st.sampled_from(PHONEMES), max_size=800),
    limit=st.integers(min_value=1, max_value=300),
)
def test_split_phonemes_keeps_every_piece_within_the_limit(phonemes: list[str], limit: int) -> None:
    pieces = split_phonemes(phonemes, limit)
    assert [p for piece in pieces for p in piece] == phonemes
    assert all(len(piece) <= limit for piece in pieces)
    assert all(pieces) or phonemes == []


_UNSPEAKABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
"""What ``visible_text`` removes or turns into line feeds (tab, LF and CR stay)."""


@QUICK
@given(text=st.text(max_size=300))
def test_visible_text_leaves_no_controls_and_is_stable(text: str) -> None:
    visible = visible_text(text)
    assert not _UNSPEAKABLE.search(visible)
    assert visible_text(visible) == visible


@QUICK
@given(data=st.binary(max_size=3000))
def test_any_bytes_decode_or_give_an_input_error(data: bytes) -> None:
    try:
        text = decode_text(data, "bytes.txt")
    except InputError as error:
        message = str(error)
        assert message.startswith("bytes.txt: ") and "\n" not in message
    else:
        assert isinstance(text, str)


@QUICK
@given(text=st.text(max_size=300), encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_unicode_text_comes_back_as_written(text: str, encoding: str) -> None:
    """UTF-8 and BOM-marked UTF-16/32 decode to exactly the text, unless it is so full of
    control characters that it is refused as binary. Two readings of NULs are fair too:
    UTF-8 whose NULs fall like UTF-16's is read as UTF-16, and UTF-16 text that starts with
    U+0000 carries the bytes of the UTF-32 byte-order mark."""
    try:
        decoded = decode_text(text.encode(encoding), "u.txt")
    except InputError as error:
        assert "not text" in str(error)
        assert re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f]", text)
    else:
        ambiguous = (encoding == "utf-8" and "\x00" in text) or (
            encoding == "utf-16" and text.startswith("\x00")
        )
        assert decoded == text or ambiguous


@pytest.mark.parametrize("text", ["#1 °F", "1999", "C$10", "2019-20 1990-1991"])
def test_worst_known_growth_is_within_the_bound(text: str) -> None:
    times, plus = SPOKEN_GROWTH
    (title,) = segment(parse_text(text), 1000, normalize)
    assert len(title.spoken) <= times * len(title.text) + plus
