"""Our table of news cases, class by class, judged by ear: what the Piper voice makes of
``normalize(written)`` must be what it makes of the spoken form (``briefing.normalize.ear``),
so "27" and "twenty-seven" count the same and a full stop counts as the pause it is.

The table is ``tests/normalize_cases.tsv`` (class, language, written, spoken), written for this
project from the semiotic classes of the taxonomy (Sproat et al. 2001; Google's text
normalization data) and from news usage. ``scripts/eval_normalize.py`` prints it per class
beside the held-out suite.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from briefing.normalize import normalize
from briefing.normalize.ear import heard, same_to_ear

CASES_FILE = Path(__file__).with_name("normalize_cases.tsv")
NEWS_CLASSES = [
    "money", "date", "time", "measure", "range", "ordinal", "cardinal", "decimal", "fraction",
    "telephone", "address", "abbreviations", "roman",
]  # fmt: skip


def _cases() -> list[tuple[str, str, str, str]]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["class"], r["lang"], r["written"], r["spoken"]) for r in rows]


CASES = _cases()


def test_at_least_forty_cases_per_news_class() -> None:
    counts = Counter(kind for kind, *_ in CASES)
    assert {kind: counts[kind] for kind in NEWS_CLASSES if counts[kind] < 40} == {}


def test_cases_are_unique() -> None:
    duplicates = [c for c, n in Counter((k, lang, w) for k, lang, w, _ in CASES).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize(
    ("kind", "lang", "written", "spoken"), CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES]
)
def test_heard_right(kind: str, lang: str, written: str, spoken: str) -> None:
    ours = normalize(written, lang)
    assert same_to_ear(ours, spoken, lang), (ours, heard(ours, lang), heard(spoken, lang))
    assert normalize(ours, lang) == ours  # said once, nothing more to say


def test_raw_text_is_often_misheard() -> None:
    """The table is not trivial: most of its written forms, given raw to the voice, are heard
    wrong (espeak's own reading: "one dash eight hundred", "Roman four", "dollar twenty")."""
    raw_right = sum(same_to_ear(written, spoken, lang) for _, lang, written, spoken in CASES)
    assert raw_right < len(CASES) / 2
