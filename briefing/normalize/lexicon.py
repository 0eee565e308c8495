"""Listed words said otherwise: the packaged respellings (``replace_words``) and the user lexicon."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError
from briefing.normalize._english import _en


def replace_words(text: str) -> str:
    """Listed whole words the engine reads wrong: shorthand said in full, "Mideast" -> "Middle
    East", and respelled names, "Quds" -> "Koods", "Xi" -> "Shee" (data: ``[shorthand]``,
    ``[respell]``). Case-sensitive; "Al-Quds" counts, "Qudsi" does not."""
    en = _en()
    if en.words_re is None:
        return text
    return en.words_re.sub(lambda m: en.words[m.group(1)], text)


def _lexicon_key_variant(key: str) -> str:
    """A lexicon key with ``replace_words``' respellings applied, in any capitalization: "Quds
    Force" -> "Koods Force", "quds" -> "koods". The lexicon runs after ``normalize``, so a key
    naming a respelled word must also match the respelling. (Not shorthand: a key "Mideast"
    does not start matching every "Middle East".)"""
    en = _en()
    if en.respell_any_case is None:
        return key
    variant = en.respell_any_case.sub(lambda m: en.respell[m.group(1).lower()], key)
    return variant.lower() if key == key.lower() else variant


@dataclass(frozen=True)
class Lexicon:
    """User pronunciations, applied to normalized text (``apply_lexicon``).

    Keys are words or phrases. A key written all in lowercase matches any capitalization
    ("covid" matches "COVID" and "Covid"); a key with a capital letter matches only as written
    ("Nice" the city, not "nice"). Matching is on whole words, and a phrase's spaces match any
    run of whitespace; the longest key wins where keys overlap. A key naming a word that
    ``replace_words`` respells also matches the respelling, so "Quds" still finds "Koods".
    """

    respell: Mapping[str, str] = field(default_factory=dict)
    """Word -> respelling every engine can read ("Soleimani" -> "Solay-mah-nee")."""
    phonemes: Mapping[str, str] = field(default_factory=dict)
    """Word -> IPA for engines that accept phonemes inline (Piper: ``[[ ˈkɑːsɛm ]]``)."""
    source: str = ""
    """Where it was read from, for messages."""
    _patterns: dict[bool, tuple[re.Pattern[str], dict[str, str], dict[str, str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _compiled(self, phonemes: bool) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
        if phonemes not in self._patterns:
            table = dict(self.respell)
            if phonemes:
                table.update({k: f"[[ {v} ]]" for k, v in self.phonemes.items()})
            for key, value in list(table.items()):  # "Quds" must match normalize's "Koods"
                table.setdefault(_lexicon_key_variant(key), value)
            exact = {k: v for k, v in table.items() if k != k.lower()}
            folded = {k.lower(): v for k, v in table.items() if k == k.lower()}
            alternatives = []
            for key in sorted(table, key=lambda k: (-len(k), k)):
                body = r"\s+".join(re.escape(part) for part in key.split())
                alternatives.append(body if key in exact else f"(?i:{body})")
            pattern = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
            self._patterns[phonemes] = (pattern, exact, folded)
        return self._patterns[phonemes]


def load_lexicon(path: str | Path) -> Lexicon:
    """Read a lexicon file: TOML with a ``[respell]`` and/or a ``[phonemes]`` table of strings.

    Raises ``InputError`` with a one-line message naming the file when it is missing or invalid.
    """
    import tomllib

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: lexicon file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read lexicon: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from None
    unknown = set(data) - {"respell", "phonemes"}
    if unknown:
        raise InputError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; "
            "a lexicon has only [respell] and [phonemes]"
        )
    tables: dict[str, dict[str, str]] = {}
    for name in ("respell", "phonemes"):
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise InputError(f'{path}: [{name}] must be a table of "word" = "spoken" lines')
        for key, value in table.items():
            if not isinstance(value, str) or not value.strip() or not key.strip():
                raise InputError(f"{path}: [{name}] {key!r} must map a word to a non-empty string")
            if name == "phonemes" and ("[[" in value or "]]" in value):
                raise InputError(f"{path}: [phonemes] {key!r}: write the phonemes without [[ ]]")
        tables[name] = {" ".join(k.split()): v.strip() for k, v in table.items()}
    return Lexicon(respell=tables["respell"], phonemes=tables["phonemes"], source=str(path))


def apply_lexicon(text: str, lexicon: Lexicon, phonemes: bool = False) -> str:
    """Replace lexicon words in ``text``: respellings always, phonemes (``[[ ... ]]``, winning
    over a respelling of the same word) only when ``phonemes`` is true, that is when the engine
    accepts them. Words with only a phoneme entry are left as written for other engines."""
    if not lexicon.respell and not (phonemes and lexicon.phonemes):
        return text
    pattern, exact, folded = lexicon._compiled(phonemes)

    def replace(m: re.Match[str]) -> str:
        word = " ".join(m.group(0).split())
        return exact.get(word) or folded.get(word.lower()) or m.group(0)

    return pattern.sub(replace, text)
