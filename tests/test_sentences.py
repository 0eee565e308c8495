"""Sentence splitting: where a paragraph may be cut for a speech engine, and where never."""

from __future__ import annotations

import pytest

from briefing.normalize import normalize
from briefing.sentences import load_abbreviations, split_sentences

# (text, expected sentences)
SPLITS = [
    # plain sentences
    ("One. Two.", ["One.", "Two."]),
    ("One! Two? Three.", ["One!", "Two?", "Three."]),
    ("It rained. 2020 was wet.", ["It rained.", "2020 was wet."]),
    ("It ended. (Then it began.)", ["It ended.", "(Then it began.)"]),
    ("Is it? Yes.", ["Is it?", "Yes."]),
    ("Stop! Now.", ["Stop!", "Now."]),
    ("Single sentence without a period", ["Single sentence without a period"]),
    ("Ends with a period.", ["Ends with a period."]),
    # titles and ranks never end a sentence
    (
        "The killing of Gen. Qassem Soleimani shook the region. Iran vowed revenge.",
        ["The killing of Gen. Qassem Soleimani shook the region.", "Iran vowed revenge."],
    ),
    (
        "He appointed Brig.-Gen. Esmail Ghaani, his deputy. It was quick.",
        ["He appointed Brig.-Gen. Esmail Ghaani, his deputy.", "It was quick."],
    ),
    ("Lt.-Gen. Jane Smith spoke. She left.", ["Lt.-Gen. Jane Smith spoke.", "She left."]),
    ("Lt. Gen. Jane Smith spoke.", ["Lt. Gen. Jane Smith spoke."]),
    ("Maj.-Gen. A. Smith spoke.", ["Maj.-Gen. A. Smith spoke."]),
    ("Dr. Smith and Mr. Jones met Mrs. Brown.", ["Dr. Smith and Mr. Jones met Mrs. Brown."]),
    ("Ms. Lee met Sen. Warren and Rep. Omar.", ["Ms. Lee met Sen. Warren and Rep. Omar."]),
    ("Gov. Newsom and Prof. Xu spoke.", ["Gov. Newsom and Prof. Xu spoke."]),
    (
        "Sgt. Pepper met Capt. Hook and Col. Mustard.",
        ["Sgt. Pepper met Capt. Hook and Col. Mustard."],
    ),
    ("Adm. The Name is odd.", ["Adm. The Name is odd."]),
    ("Mr. The Bear.", ["Mr. The Bear."]),
    # dotted acronyms: split only before a common sentence starter
    ("U.S. forces struck. Iran answered.", ["U.S. forces struck.", "Iran answered."]),
    ("The U.S. Army said so.", ["The U.S. Army said so."]),
    ("The U.S. Senate voted.", ["The U.S. Senate voted."]),
    (
        "It happened in the U.S. The next day, it spread.",
        ["It happened in the U.S.", "The next day, it spread."],
    ),
    ("He flew to the U.K. He landed.", ["He flew to the U.K.", "He landed."]),
    (
        "He flew to the U.K. Prime Minister's office.",
        ["He flew to the U.K. Prime Minister's office."],
    ),
    ("The U.N. Security Council met.", ["The U.N. Security Council met."]),
    ("Talks at the U.N. In the end, nothing.", ["Talks at the U.N.", "In the end, nothing."]),
    ("It left the U.S. 5 times.", ["It left the U.S. 5 times."]),
    ("“In the U.S.” The crowd cheered.", ["“In the U.S.”", "The crowd cheered."]),
    # times
    ("At 9 a.m. on Friday it began.", ["At 9 a.m. on Friday it began."]),
    (
        "It began at 9 a.m. The end came at 5 p.m. Police said so.",
        ["It began at 9 a.m.", "The end came at 5 p.m. Police said so."],
    ),
    ("At 9:30 p.m. Eastern time.", ["At 9:30 p.m. Eastern time."]),
    # Latin and general abbreviations
    ("Fruit, e.g. apples. Then more.", ["Fruit, e.g. apples.", "Then more."]),
    ("Fruit, e.g. Apples and Pears.", ["Fruit, e.g. Apples and Pears."]),
    ("That is, i.e. The One.", ["That is, i.e. The One."]),
    ("Canada vs. Mexico ended.", ["Canada vs. Mexico ended."]),
    ("Apples, pears, etc. The list goes on.", ["Apples, pears, etc.", "The list goes on."]),
    ("Apples, pears, etc. and more.", ["Apples, pears, etc. and more."]),
    ("It weighs approx. 5 kg.", ["It weighs approx. 5 kg."]),
    ("See p. 5 and pp. 6-7.", ["See p. 5 and pp. 6-7."]),
    ("Smith et al. Found it.", ["Smith et al. Found it."]),
    ("Smith et al. The paper.", ["Smith et al.", "The paper."]),
    # numbers
    ("He was No. 5 on the list.", ["He was No. 5 on the list."]),
    ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    ("They said No. The answer was final.", ["They said No.", "The answer was final."]),
    ("It cost $1.5 billion. Then it rose.", ["It cost $1.5 billion.", "Then it rose."]),
    ("Pi is 3.14159 or so. Really.", ["Pi is 3.14159 or so.", "Really."]),
    ("Version 2.0. Released today.", ["Version 2.0.", "Released today."]),
    ("1. Finland", ["1. Finland"]),
    ("2. Denmark is second. Norway is third.", ["2. Denmark is second.", "Norway is third."]),
    ("a. First item", ["a. First item"]),
    ("iv. Fourth item", ["iv. Fourth item"]),
    ("The score was 5. Then 6.", ["The score was 5.", "Then 6."]),
    # months
    ("On Jan. 3, 2020, it happened.", ["On Jan. 3, 2020, it happened."]),
    ("On Dec. 25 we rest.", ["On Dec. 25 we rest."]),
    ("It ended in Dec. The year was over.", ["It ended in Dec.", "The year was over."]),
    ("Since Sept. 11 things changed.", ["Since Sept. 11 things changed."]),
    ("Born Aug. 4, 1961. He grew up.", ["Born Aug. 4, 1961.", "He grew up."]),
    # places
    ("He went to St. Louis. Then home.", ["He went to St. Louis.", "Then home."]),
    ("St. Patrick's Day.", ["St. Patrick's Day."]),
    ("He lives on Main St. The house is red.", ["He lives on Main St.", "The house is red."]),
    ("He lives on Main St. in Toronto.", ["He lives on Main St. in Toronto."]),
    ("They climbed Mt. Everest. Then rested.", ["They climbed Mt. Everest.", "Then rested."]),
    ("Ft. McMurray burned.", ["Ft. McMurray burned."]),
    ("Sault Ste. Marie is far.", ["Sault Ste. Marie is far."]),
    ("Martin Luther King Jr. Day is soon.", ["Martin Luther King Jr. Day is soon."]),
    ("Acme Inc. Shares rose.", ["Acme Inc. Shares rose."]),
    ("He founded Acme Inc. The firm grew.", ["He founded Acme Inc.", "The firm grew."]),
    # initials
    ("J. R. R. Tolkien wrote books.", ["J. R. R. Tolkien wrote books."]),
    ("George W. Bush spoke. He left.", ["George W. Bush spoke.", "He left."]),
    ("J.R.R. Tolkien wrote.", ["J.R.R. Tolkien wrote."]),
    ("It is Plan B. The other failed.", ["It is Plan B.", "The other failed."]),
    ("World War I. The war ended.", ["World War I.", "The war ended."]),
    # quotes and brackets
    (
        "“We call on all sides,” he said. “Our goal is peace.”",
        ["“We call on all sides,” he said.", "“Our goal is peace.”"],
    ),
    ('"Go," he said. "Now."', ['"Go," he said.', '"Now."']),
    ("he said.” Then it ended.", ["he said.”", "Then it ended."]),
    ("“Why?” she asked.", ["“Why?” she asked."]),
    ("“Why?” Smith asked.", ["“Why?”", "Smith asked."]),
    ("“Stop!” he shouted. It worked.", ["“Stop!” he shouted.", "It worked."]),
    ("(It worked.) Then we left.", ["(It worked.)", "Then we left."]),
    ("It was done [sic]. Then we left.", ["It was done [sic].", "Then we left."]),
    ("He said: ‘go.’ Then left.", ["He said: ‘go.’", "Then left."]),
    ("He said «non.» Then left.", ["He said «non.»", "Then left."]),
    # ellipses
    ("He paused... and then spoke.", ["He paused... and then spoke."]),
    ("He paused… and then spoke.", ["He paused… and then spoke."]),
    ("We will ... Canada is strong.", ["We will ... Canada is strong."]),
    ("He waited... The door opened.", ["He waited...", "The door opened."]),
    # never inside a word
    ("Visit example.com today.", ["Visit example.com today."]),
    ("Use U.S.-led forces. Then stop.", ["Use U.S.-led forces.", "Then stop."]),
    ("The Gen Z crowd left. No one stayed.", ["The Gen Z crowd left.", "No one stayed."]),
    ("He said no. Then left.", ["He said no.", "Then left."]),
    # whitespace
    ("  One.   Two.\n\nThree.  ", ["One.", "Two.", "Three."]),
    ("", []),
    ("   ", []),
    ("One.\u00a0Two.", ["One.", "Two."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(("text", "_expected"), SPLITS)
def test_round_trip(text: str, _expected: list[str]) -> None:
    assert " ".join(split_sentences(text)) == " ".join(text.split())


# (text, expected sentences of normalize(text)): what the normalizer writes for the ear still
# splits where the written text does, and does not split anywhere new.
NORMALIZED_SPLITS = [
    ("George W. Bush spoke. He left.", ["George W Bush spoke.", "He left."]),
    ("Plan B. The other failed.", ["Plan B.", "The other failed."]),
    ("He lives on Main St. Louis is far.", ["He lives on Main Street Louis is far."]),
    ("He lives on Main St. The house is red.", ["He lives on Main Street.", "The house is red."]),
    ("In May 5 people came. They left.", ["In May 5 people came.", "They left."]),
    ("NATO's mission ended. It was over.", ["Nato's mission ended.", "It was over."]),
    (
        "The RCMP's officers left. Then NGOs came.",
        ["The R-C-M-P's officers left.", "Then NGOs came."],
    ),
    ("The NGOs. The end.", ["The N-G-O's.", "The end."]),
    (
        "It was in the Mideast. The Quds Force left.",
        ["It was in the Middle East.", "The Koods Force left."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NORMALIZED_SPLITS)
def test_normalized_text_splits_like_the_original(text: str, expected: list[str]) -> None:
    assert split_sentences(normalize(text)) == expected
    assert len(split_sentences(text)) == len(expected)


LISTED = [e.abbr for e in load_abbreviations().entries]


@pytest.mark.parametrize("abbr", sorted(set(LISTED)))
def test_no_listed_abbreviation_splits_before_a_lowercase_word_or_number(abbr: str) -> None:
    for text in (f"This {abbr} the end.", f"This {abbr} 42 more."):
        assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "abbr",
    sorted({e.abbr for e in load_abbreviations().entries} - load_abbreviations().may_end),
)
def test_titles_never_split_even_before_a_sentence_starter(abbr: str) -> None:
    text = f"He met {abbr} The Rock."
    assert split_sentences(text) == [text]


def test_data_file_is_consistent() -> None:
    data = load_abbreviations()
    assert {"Gen.", "Brig.", "Lt.", "Dr.", "Mr.", "St.", "No.", "vs.", "e.g.", "i.e."} <= set(
        LISTED
    )
    assert "The" in data.starters
    assert all(e.abbr.endswith(".") for e in data.entries)
    assert "Gen." in data.never_end
    assert "St." in data.may_end


def test_sample_article_paragraph() -> None:
    text = (
        "Iran’s Supreme Leader Ayatollah Ali Khamenei warned that “harsh retaliation is waiting” "
        "for the U.S. and declared three days of public mourning. He appointed Brig.-Gen. Esmail "
        "Ghaani, Soleimani’s deputy, to replace him as head of the Quds Force."
    )
    assert split_sentences(text) == [
        "Iran’s Supreme Leader Ayatollah Ali Khamenei warned that “harsh retaliation is waiting” "
        "for the U.S. and declared three days of public mourning.",
        "He appointed Brig.-Gen. Esmail Ghaani, Soleimani’s deputy, to replace him as head of the "
        "Quds Force.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "word " * 20_000,
        "." * 100_000,
        "a. " * 33_000,
        "U.S. " * 20_000,
        "A." * 50_000,
        "… " * 50_000,
        "Gen. " * 20_000,
    ],
    ids=[
        "one-token",
        "no-punctuation",
        "periods",
        "short-sentences",
        "acronyms",
        "dotted",
        "ellipses",
        "titles",
    ],
)
def test_long_lines_complete(text: str) -> None:
    result = split_sentences(text)
    assert " ".join(result) == " ".join(text.split())
