"""Properties of the token classes on generated news-shaped text: saying a text twice says
nothing more, and every class's words are plain enough for the rest of the chain."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.normalize import normalize
from briefing.normalize.tokens import classify

QUICK = settings(
    max_examples=int(os.environ.get("BRIEFING_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TOKENS = [
    "1-800-555-1234", "(123) 123-5678", "+44 20 7946 0958", "2016-11-03", "10/06/2005",
    "Dec. 27-29", "december", "5", "1:01:01", "2pm-5pm", "9 p.m.", "ET", "$50.00-$100.00",
    "a", "$3", "million", "renovation", "$0.5/hr", "USD 5", "1960s-1980s", "10,000-20,000",
    "4 1/2", "lbs", "100", "kg", "12KG", "3", "mbps", "5'11\"", "49m", "long", "1/2", "3/4",
    "½", "1211", "E", "Arques", "Ave", "Chapter", "IV", "Super", "Bowl", "LVIII", "Smith", "III",
    "C. S. Lewis", "[T]he", "Ph.D.", "401(k)", "9/11", "24/7", "https://example.com/a",
    "@nytimes", "#MeToo", "info@example.com", "Erdogan", "Kyiv", "won", "7-2", "a 9-5", "job",
    ".5", "call", "911", "Rocky", "the", "and", ",", ".", "2019", "in",
]  # fmt: skip
news = st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join)


@QUICK
@given(text=news)
def test_saying_twice_says_nothing_more(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@QUICK
@given(text=news, lang=st.sampled_from(["en", "fr", "de", "es", "it"]))
def test_tokens_do_not_overlap_and_keep_their_text(text: str, lang: str) -> None:
    tokens = classify(text, lang)
    ends = [0]
    for token in tokens:
        assert token.start >= ends[-1]
        assert text[token.start : token.end] == token.written
        ends.append(token.end)
    assert isinstance(normalize(text, lang), str)


FOREIGN_TOKENS = {
    "fr": ["le", "3", "janv.", "2020", "1er", "janvier", "à", "1 h 30", "9:30", "20 $", "5 %",
           "3,5", "millions", "€", "M.", "Dupont", "Mme", "etc.", "XXIe", "siècle", "1 000",
           "14/07/1789", "2e", ",", "."],
    "de": ["am", "3.", "Januar", "2020", "um", "9:30", "Uhr", "20 €", "ca.", "5 %", "Dr.",
           "Müller", "z. B.", "1,5", "Mrd.", "1.000", "Menschen", "vom", "1.", "Mai", ",", "."],
    "es": ["el", "3", "de", "enero", "2020", "a las", "9:30", "$20", "5 %", "Sr.", "García",
           "EE. UU.", "2.º", "1.ª", "3,5", "10.000", "20,50 €", "Dr.", ",", "."],
}  # fmt: skip


@QUICK
@given(data=st.data(), lang=st.sampled_from(sorted(FOREIGN_TOKENS)))
def test_foreign_saying_twice_says_nothing_more(data: st.DataObject, lang: str) -> None:
    text = " ".join(data.draw(st.lists(st.sampled_from(FOREIGN_TOKENS[lang]), max_size=30)))
    once = normalize(text, lang)
    assert normalize(once, lang) == once
