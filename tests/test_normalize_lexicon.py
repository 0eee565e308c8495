"""The packaged pronunciation lexicon, checked through Piper's own phonemizer, and the user
lexicon winning over it."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from briefing.normalize import Lexicon, apply_lexicon, normalize
from briefing.normalize.ear import heard

DATA = tomllib.loads(
    resources.files("briefing").joinpath("data/lexicon_en.toml").read_text("utf-8")
)
RESPELL: dict[str, str] = DATA["respell"]
HEARD: dict[str, str] = DATA["heard"]


def test_every_respelling_says_what_it_is_heard_as() -> None:
    assert RESPELL.keys() == HEARD.keys()
    assert len(RESPELL) >= 50


@pytest.mark.parametrize("name", sorted(RESPELL))
def test_respelling_is_heard_as_listed_and_not_as_written(name: str) -> None:
    """What the Piper voice makes of the respelling is the listed pronunciation, and differs
    from what it makes of the name as written (else the entry is useless)."""
    assert heard(RESPELL[name]) == HEARD[name]
    assert heard(RESPELL[name]) != heard(name)


@pytest.mark.parametrize("name", sorted(RESPELL))
def test_normalize_says_the_respelling(name: str) -> None:
    assert normalize(f"Then {name} said so.") == f"Then {RESPELL[name]} said so."
    assert normalize(f"{name}’s office") == f"{RESPELL[name]}’s office"


@pytest.mark.parametrize("name", ["Erdogan", "Xinhua", "Der Spiegel", "Kyiv", "Quds", "Macron"])
def test_user_lexicon_wins(name: str) -> None:
    """The user's lexicon runs after normalize; its key still finds the name respelled."""
    mine = Lexicon(respell={name: "Mine"})
    assert apply_lexicon(normalize(f"{name} said"), mine) == "Mine said"
    ipa = Lexicon(phonemes={name: "mˈaɪn"})
    assert apply_lexicon(normalize(f"{name} said"), ipa, phonemes=True) == "[[ mˈaɪn ]] said"


@pytest.mark.parametrize("text", ["Qatari", "Kyivan", "macron", "the merz", "XINHUA", "Sunaks"])
def test_only_whole_words_as_written(text: str) -> None:
    assert normalize(text) == text


def test_other_languages_keep_names_as_written() -> None:
    """The respellings are for the English voice; a French voice reads "Macron" right."""
    assert normalize("Macron et Erdogan", "fr") == "Macron et Erdogan"
