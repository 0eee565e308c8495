"""The store of compiled regexes: what it gives back is what ``re.compile`` gives, always."""

from __future__ import annotations

import marshal
import re
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from briefing import pycache, regexes
from briefing.clean.rules import _expand_macros, load_rules, parse_rules

PATTERNS = [
    (r"^(?:read more|see also)\b", re.IGNORECASE),
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P=month))?", 0),
    (r"(?i)(?<!\w)(caf\u00e9|na\u00efve)(?!\w)", 0),
    (r"\bx+\b", re.IGNORECASE | re.VERBOSE),
]


@pytest.fixture(autouse=True)
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the stores keep their files in: a fresh one for each test."""
    monkeypatch.setattr(pycache, "folder", lambda: tmp_path)
    return pycache.path("regex-set")


@pytest.fixture
def writable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _fill() -> None:
    with regexes.store("set") as store:
        for source, flags in PATTERNS:
            store.compile(source, flags)


@pytest.mark.usefixtures("writable")
def test_a_kept_pattern_equals_re_compile(kept: Path) -> None:
    _fill()
    assert kept.exists()
    store = regexes.Store("set")
    for source, flags in PATTERNS:
        pattern = store.compile(source, flags)
        assert pattern == re.compile(source, flags)  # same pattern, flags and program
        assert pattern.groupindex == re.compile(source, flags).groupindex
    assert not store._new  # every one came from the file
    assert store.compile(PATTERNS[1][0]).match("2020-01-01")["year"] == "2020"  # type: ignore[index]


@pytest.mark.usefixtures("writable")
def test_the_packaged_rules_come_back_the_same() -> None:
    text = resources.files("briefing").joinpath("data/boilerplate.toml").read_text("utf-8")
    data = tomllib.loads(text)
    with regexes.store("boilerplate") as store:
        parse_rules(data, store.compile)
    again = regexes.Store("boilerplate")
    assert parse_rules(data, again.compile) == parse_rules(data) == load_rules()
    assert not again._new
    macros = data["macros"]
    sources = {_expand_macros(rule["pattern"], macros, "") for rule in data["rule"]}
    assert len(again._known) == len(sources)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps(("another Python", (0, 0, 0), {})),
        marshal.dumps(["a list"]),
        None,  # this Python's tag, but programs _sre refuses
    ],
)
@pytest.mark.usefixtures("writable")
def test_a_foreign_or_broken_file_falls_back_to_re_compile(
    kept: Path, content: bytes | None
) -> None:
    if content is None:
        bad = {(s, int(f)): (s, int(f), [1, 2, 3], 0, {}, (None,)) for s, f in PATTERNS}
        content = marshal.dumps((sys.version, regexes._key(), bad))
    kept.write_bytes(content)
    with regexes.store("set") as store:
        for source, flags in PATTERNS:
            assert store.compile(source, flags) == re.compile(source, flags)
    assert regexes.Store("set")._known.keys() == {(s, int(f)) for s, f in PATTERNS}  # rewritten


def test_nothing_is_written_without_bytecode(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _fill()
    assert not kept.exists()


@pytest.mark.usefixtures("writable")
def test_an_unwritable_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(pycache, "folder", lambda: blocker / "__pycache__")
    _fill()  # the folder cannot be made: nothing is written, nothing raised


def test_a_bad_pattern_raises_as_re_compile_does() -> None:
    with pytest.raises(re.error), regexes.store("set") as store:
        store.compile("(unclosed")


@pytest.mark.usefixtures("writable")
def test_only_the_patterns_asked_for_are_kept() -> None:
    _fill()
    with regexes.store("set") as store:
        store.compile(*PATTERNS[0])
    assert regexes.Store("set")._known.keys() == {(PATTERNS[0][0], int(PATTERNS[0][1]))}


@pytest.mark.usefixtures("writable")
def test_packaged_toml_is_parsed_again_when_the_file_changes() -> None:
    fresh = pycache.packaged_toml("lexicon_en")
    assert pycache.path("data-lexicon_en").exists()
    assert (
        pycache.packaged_toml("lexicon_en")
        == fresh
        == tomllib.loads(
            resources.files("briefing").joinpath("data/lexicon_en.toml").read_text("utf-8")
        )
    )
    pycache.write("data-lexicon_en", "an older text", {"respell": {}})
    assert pycache.packaged_toml("lexicon_en") == fresh
