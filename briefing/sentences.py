"""Split a paragraph into sentences for a speech engine, without ever cutting a name in two.

Why not pysbd: it breaks after "Brig.-Gen." and is slow on long lines. News prose needs a few
decisions only, taken token by token (a token is a run of non-space characters), so the splitter
is one linear pass over ``text.split()``:

1. A sentence can end only after a token whose last character, once closing quotes and brackets
   are set aside, is ``.``, ``!``, ``?`` or ``…``, and only before a token that starts (after
   any opening quote or bracket) with an uppercase letter or a digit. So "e.g. the", "a.m. on",
   "“Why?” she asked" and "$1.5 billion" never split.
2. ``!`` and ``?`` end the sentence.
3. A period after a word the abbreviation list (``data/abbreviations.toml``) says cannot end a
   sentence (titles: "Gen.", "Dr." before a name, "vs.", "e.g."...) never ends it. For a
   hyphenated title ("Brig.-Gen.") the last part decides.
4. A period that may or may not end the sentence (a listed abbreviation that can end one, like
   "U.S.", "St.", "etc.", "Jan."; any dotted acronym such as "U.N." or "a.m."; an initial like
   "J."; an ellipsis) ends it only before a common sentence starter ("The", "He", "In"...,
   ``[sentence].starters`` in the data file). "in the U.S. The next day" splits; "the U.S. Army",
   "St. Louis", "J. R. R. Tolkien", "Jan. 3" do not. This errs toward not splitting, which is
   the cheap mistake: segments are split only to respect an engine's length limit.
5. A list number opening the paragraph ("1. Finland") does not end a sentence.
6. Any other period ends the sentence.

``" ".join(split_sentences(text)) == " ".join(text.split())`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["Abbreviation", "AbbreviationData", "load_abbreviations", "split_sentences"]

_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{¿¡—–-"
_ENDERS = ".!?…"


@dataclass(frozen=True)
class Abbreviation:
    """One meaning of an abbreviation, as listed in ``data/abbreviations.toml``."""

    abbr: str
    """The written form with its periods, matched case-sensitively."""
    expand: str
    """What the normalizer says instead; empty if it leaves the abbreviation alone."""
    when: str
    """``before-name``, ``after-name``, ``before-number``, ``always`` or empty (splitter only)."""
    ends_sentence: bool
    """Whether its period can also be the end of a sentence."""


@dataclass(frozen=True)
class AbbreviationData:
    """The parsed data file: every entry plus the sentence-starter words."""

    entries: tuple[Abbreviation, ...]
    starters: frozenset[str]

    @property
    def never_end(self) -> frozenset[str]:
        """Abbreviations none of whose meanings can end a sentence."""
        can = {e.abbr for e in self.entries if e.ends_sentence}
        return frozenset(e.abbr for e in self.entries if e.abbr not in can)

    @property
    def may_end(self) -> frozenset[str]:
        return frozenset(e.abbr for e in self.entries if e.ends_sentence)


_WHENS = {"before-name", "after-name", "before-number", "always", ""}


@cache
def load_abbreviations() -> AbbreviationData:
    """Read the packaged abbreviation list once; both the splitter and the normalizer use it."""
    from briefing.pycache import packaged_toml

    data = packaged_toml("abbreviations")
    entries = []
    for item in data.get("abbreviation", []):
        entry = Abbreviation(
            abbr=item["abbr"],
            expand=item.get("expand", ""),
            when=item.get("when", ""),
            ends_sentence=bool(item.get("ends_sentence", False)),
        )
        if entry.when not in _WHENS:
            raise ValueError(f"abbreviations.toml: unknown 'when' {entry.when!r} for {entry.abbr}")
        entries.append(entry)
    starters = frozenset(data.get("sentence", {}).get("starters", []))
    return AbbreviationData(tuple(entries), starters)


@cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_abbreviations()
    return data.never_end, data.may_end, data.starters


def _is_dotted_acronym(word: str) -> bool:
    """``U.S.``, ``a.m.``, ``J.R.R.``: single letters each followed by a period."""
    if len(word) < 4 or len(word) % 2:
        return False
    return all(word[i].isalpha() and word[i + 1] == "." for i in range(0, len(word), 2))


def _starts_sentence(token: str) -> bool:
    core = token.lstrip(_OPENERS)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _first_word(token: str) -> str:
    core = token.lstrip(_OPENERS)
    end = 0
    while end < len(core) and core[end].isalpha():
        end += 1
    return core[:end]


def _ends_after(token: str, following: str, first: bool) -> bool:
    """Whether a sentence ends between ``token`` and the ``following`` token."""
    core = token.rstrip(_CLOSERS)
    if not core or core[-1] not in _ENDERS or not _starts_sentence(following):
        return False
    if core.endswith(("...", "…")):
        return _first_word(following) in _tables()[2]
    if core[-1] != ".":
        return True
    never_end, may_end, starters = _tables()
    word = core.lstrip(_OPENERS)
    last_part = word.rsplit("-", 1)[-1]
    if word in never_end or (last_part != word and last_part in never_end):
        return False
    if (
        word in may_end
        or last_part in may_end
        or _is_dotted_acronym(word)
        or (len(word) == 2 and word[0].isupper())
    ):
        return _first_word(following) in starters
    return not (first and _is_list_marker(word))


def _is_list_marker(word: str) -> bool:
    """``1.``, ``12.``, ``a.``, ``iv.`` opening a paragraph."""
    body = word[:-1]
    if body.isdigit():
        return len(body) <= 3
    return len(body) == 1 or (0 < len(body) <= 4 and set(body) <= set("ivxlIVXL"))


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; whitespace inside each comes back as single spaces."""
    tokens = text.split()
    sentences: list[str] = []
    start = 0
    for i in range(len(tokens) - 1):
        if _ends_after(tokens[i], tokens[i + 1], first=i == 0):
            sentences.append(" ".join(tokens[start : i + 1]))
            start = i + 1
    if start < len(tokens):
        sentences.append(" ".join(tokens[start:]))
    return sentences
