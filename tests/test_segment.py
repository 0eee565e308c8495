from __future__ import annotations

import pytest

from briefing.models import Article
from briefing.segment import segment, with_final_stop

LONG = (
    "Brig.-Gen. Esmail Ghaani was appointed on Jan. 3 to replace him. "
    "The U.S. Army said the strike near Baghdad was ordered by President Trump. "
    "Gen. Soleimani had led the Quds Force since 1998, according to Dr. Smith of St. Andrews. "
    "Canada has approximately 955 troops serving across six operations in the region."
)


def words(text: str) -> list[str]:
    return text.split()


def test_title_then_one_segment_per_paragraph():
    article = Article("A headline", ("First paragraph.", "Second one."))
    result = segment(article, max_chars=500)
    assert [(s.index, s.kind, s.text, s.paragraph) for s in result] == [
        (0, "title", "A headline", -1),
        (1, "body", "First paragraph.", 0),
        (2, "body", "Second one.", 1),
    ]


@pytest.mark.parametrize(
    ("title", "spoken"),
    [
        ("Headline without stop", "Headline without stop."),
        ("Is it over?", "Is it over?"),
        ("He said ‘no.’", "He said ‘no.’"),
        ("Wow!", "Wow!"),
    ],
)
def test_title_spoken_ends_with_punctuation(title, spoken):
    assert with_final_stop(title) == spoken
    assert segment(Article(title, ("Body.",)), 500)[0].spoken == spoken


@pytest.mark.parametrize("limit", [60, 90, 120, 200, 1000])
def test_long_paragraph_splits_within_limit_at_sentences(limit):
    result = segment(Article("T", (LONG,)), max_chars=limit)
    body = [s for s in result if s.kind == "body"]
    assert all(len(s.spoken) <= limit for s in body)
    assert words(" ".join(s.text for s in body)) == words(LONG)  # nothing lost, nothing cut
    for item in body:
        for abbreviation in ("Brig.-Gen.", "Jan.", "U.S.", "Gen.", "Dr.", "St."):
            assert not item.text.endswith(abbreviation), item.text
    if limit >= 200:  # every sentence fits: cuts fall only at sentence ends
        assert all(s.text.endswith(".") for s in body)


def test_sentences_are_packed_not_split_one_by_one():
    result = segment(Article("T", (LONG,)), max_chars=200)
    assert len(result) - 1 == 2  # four sentences of ~70-90 chars fit two per segment


def test_overlong_sentence_cut_between_words():
    sentence = " ".join(f"word{i}" for i in range(200)) + "."
    result = segment(Article("T", (sentence,)), max_chars=100)
    assert all(len(s.spoken) <= 100 for s in result)
    assert words(" ".join(s.text for s in result[1:])) == words(sentence)


def test_unbreakable_text_still_fits():
    blob = "x" * 450
    result = segment(Article("T", (blob,)), max_chars=100)
    assert all(len(s.spoken) <= 100 for s in result)
    assert "".join(s.text for s in result[1:]) == blob


def test_spoken_form_comes_from_speak_and_respects_limit():
    def speak(text: str) -> str:
        return text.replace("Gen.", "General")

    result = segment(Article("Gen. X", ("Gen. Y spoke. " * 30,)), max_chars=80, speak=speak)
    assert result[0].spoken == "General X."
    assert all(len(s.spoken) <= 80 and "Gen." not in s.spoken for s in result)
    assert all("General" in s.spoken for s in result[1:])
    assert all(s.text.count("Gen.") == s.spoken.count("General") for s in result[1:])


def test_indexes_are_consecutive():
    result = segment(Article("T", (LONG, "Short.", LONG)), max_chars=120)
    assert [s.index for s in result] == list(range(len(result)))
    assert [s.paragraph for s in result] == sorted(s.paragraph for s in result)
