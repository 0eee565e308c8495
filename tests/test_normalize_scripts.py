"""The pure helpers of scripts/heldout_normalize.py and scripts/eval_normalize.py."""

from __future__ import annotations

import importlib.util
import io
import pickle
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


heldout = _load("heldout_normalize")
evaluate = _load("eval_normalize")


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["$", "5", "-", "10"], "$5-10"),
        (["1573", "-", "1595", "."], "1573-1595."),
        (["(", "vol", "35", ")"], "(vol 35)"),
        (["at", "3", ":", "30"], "at 3:30"),
    ],
)
def test_detokenize_glues_what_news_writes_as_one(tokens: list[str], expected: str) -> None:
    assert heldout._detokenize(tokens) == expected


@pytest.mark.parametrize(
    ("written", "said", "kind"),
    [
        ("$5", "five dollars", "money"),
        ("2016-11-03", "the third of november twenty sixteen", "date"),
        ("12:30", "twelve thirty", "time"),
        ("12 kg", "twelve kilograms", "measure"),
        ("22nd", "twenty second", "ordinal"),
        ("3.5", "three point five", "decimal"),
        ("XIV", "fourteen", "roman"),
        ("1,000", "one thousand", "cardinal"),
        ("NASA", "n a s a", "abbreviations"),
        ("hello", "hi", None),
    ],
)
def test_kind_from_the_written_shape(written: str, said: str, kind: str | None) -> None:
    assert heldout._kind(written, said) == kind


def test_cases_take_changed_runs_with_unchanged_neighbours() -> None:
    written = [["It", "cost", "$", "5", "in", "2019", "."]]
    spoken = [["It", "cost", "dollar", "five", "in", "twenty nineteen", ""]]
    assert heldout.cases(written, spoken) == [
        ("money", "It cost $5 in", "It cost dollar five in"),
        ("date", "in 2019.", "in twenty nineteen."),
    ]


def test_spelled_letters_are_written_as_capitals() -> None:
    assert heldout._letters_as_heard("u s a") == "U-S-Eh"
    assert heldout._letters_as_heard("a") == "Eh"
    assert heldout._letters_as_heard("k.") == "K."
    assert heldout._letters_as_heard("twenty") == "twenty"


def test_spelled_a_is_heard_as_the_letter_before_a_word() -> None:
    from briefing.normalize.ear import heard

    spoken = heldout._letters_as_heard("u s a")
    assert heard(f"the {spoken} partners") == heard("the USA partners")


def test_dev_part_is_the_first_sixty_percent(tmp_path: Path) -> None:
    sentences = [[f"{n}kg", "."] for n in range(10)]
    said = [[f"{n} kilograms", ""] for n in range(10)]
    for name, data in (("unnorm_list.pkl", sentences), ("norm_list.pkl", said)):
        (tmp_path / name).write_bytes(pickle.dumps(data))
    found = {}
    for part in ("dev", "test"):
        out = tmp_path / f"{part}.tsv"
        argv = ["heldout_normalize.py", str(tmp_path), "-o", str(out), "--part", part]
        old, sys.argv = sys.argv, argv
        try:
            heldout.main()
        finally:
            sys.argv = old
        found[part] = {line.split("\t")[1] for line in out.read_text().splitlines()[1:]}
    assert found["dev"] == {f"{n}kg." for n in range(6)}
    assert found["test"] == {f"{n}kg." for n in range(6, 10)}


def test_unpickler_refuses_anything_but_data() -> None:
    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    with pytest.raises(pickle.UnpicklingError):
        heldout._SafeUnpickler(io.BytesIO(pickle.dumps(Evil()))).load()
    assert heldout._SafeUnpickler(io.BytesIO(pickle.dumps([["a", "b"]]))).load() == [["a", "b"]]


@pytest.mark.parametrize(
    ("ours", "expected", "same"),
    [
        ("20 dollars", "twenty dollars", True),
        ("one hundred and five", "one hundred five", True),
        ("3.5 km", "three point five km", True),
        ("Nine-eleven.", "nine eleven", True),
        ("20 dollars", "twenty euros", False),
    ],
)
def test_by_string_compares_words(ours: str, expected: str, same: bool) -> None:
    assert evaluate.by_string(ours, expected) is same


def test_read_cases_and_render(tmp_path: Path) -> None:
    path = tmp_path / "cases.tsv"
    path.write_text("class\twritten\tspoken\nmoney\t$5\tfive dollars\n", encoding="utf-8")
    cases = evaluate.read_cases(path)
    assert cases == [("money", "en", "$5", "five dollars")]
    table, failures = evaluate.score(cases)
    assert table == {"money": [1, 1, 1, 0]} and failures == []
    markdown = evaluate.render("Ours", table, markdown=True)
    assert "| money | 1 | 1 (100%) | 1 (100%) | 0 (0%) |" in markdown
    assert "| all | 1 |" in markdown


def test_an_initials_stop_inside_a_sentence_is_not_heard() -> None:
    written = [["by", "Ulysses", "S", ".", "Grant", "."], ["by", "Plan", "B", "."]]
    spoken = [["by", "Ulysses", "s", "", "Grant", ""], ["by", "Plan", "b", ""]]
    assert heldout.cases(written, spoken) == [
        ("abbreviations", "by Ulysses S. Grant.", "by Ulysses S Grant."),
        ("abbreviations", "by Plan B.", "by Plan B."),
    ]
