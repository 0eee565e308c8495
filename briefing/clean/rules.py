"""The packaged markers: rules as data (``data/boilerplate.toml``) and the line tests a line
passes or fails on its own (separators, timestamps, captions with a credit).

These are the cleaner's high-precision part: each describes a whole line of furniture. The
shared text helpers (``squash``, title-like, prose) live here too, since rules, features and the
cascade all use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from briefing import regexes
from briefing.errors import InputError

Reason = tuple[str, str]
"""Why a line goes: (kind, rule), as in :class:`briefing.models.Dropped`."""

KINDS = frozenset(
    {
        "ad-label",
        "read-more",
        "video",
        "newsletter",
        "share",
        "site-furniture",
        "author-bio",
        "metadata",
        "credit",
        "caption",
        "spam",
        "byline",
    }
)
"""Rule kinds: the boilerplate categories of the labelled articles, plus ``byline`` (optional)."""

Where = Literal["anywhere", "head", "tail"]

_TITLE_LIKE_MAX_WORDS = 20
_PROSE_MIN_WORDS = 12
_WIDGET_MAX_WORDS = 6
_WIDGET_MIN_REPEATS = 3
_BOX_MAX_LINES = 30


# --- rules as data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One entry of ``data/boilerplate.toml``."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    where: Where = "anywhere"
    """``head``: only before the first body paragraph; ``tail``: only in the second half."""
    max_words: int | None = None
    """The line must have at most this many words; keeps long prose out of reach."""
    opens_box: bool = False
    """The line heads a box whose short title-like lines follow it (cascade step 11)."""
    image_label: bool = False
    """The line labels a picture; a short line after it is the credit (cascade step 13)."""
    opens_thread: bool = False
    """The line heads the readers' comments: the model sees, below it, where the thread starts
    (comments are prose on the story's topic, so only their place tells them)."""

    @property
    def reason(self) -> Reason:
        return (self.kind, self.name)

    def matches(self, norm: str, words: int) -> bool:
        if self.max_words is not None and words > self.max_words:
            return False
        return self.pattern.search(norm) is not None


_MACRO = re.compile(r"%([A-Z][A-Z0-9_]*)%")
_WHERE = ("anywhere", "head", "tail")


def _expand_macros(pattern: str, macros: Mapping[str, str], rule: str) -> str:
    for _ in range(10):
        names = _MACRO.findall(pattern)
        if not names:
            return pattern
        unknown = sorted(set(names) - set(macros))
        if unknown:
            raise ValueError(f"rule {rule!r}: unknown macro %{unknown[0]}%")
        pattern = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
    raise ValueError(f"rule {rule!r}: macros nest too deeply (a macro that uses itself?)")


def parse_rules(
    data: Mapping[str, Any], compile: Callable[[str, int], re.Pattern[str]] = re.compile
) -> tuple[Rule, ...]:
    """Validate and compile the parsed TOML of a rule file; raises ``ValueError`` on bad data.

    ``compile`` is ``re.compile`` or one that behaves the same (``briefing.regexes.Store``)."""
    macros = {str(k): str(v) for k, v in data.get("macros", {}).items()}
    rules: list[Rule] = []
    seen: set[str] = set()
    for entry in data.get("rule", []):
        name = entry.get("name")
        if not name or name in seen:
            raise ValueError(f"rule names must be present and unique, got {name!r}")
        seen.add(name)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ValueError(f"rule {name!r}: kind {kind!r} is not one of {sorted(KINDS)}")
        where = entry.get("where", "anywhere")
        if where not in _WHERE:
            raise ValueError(f"rule {name!r}: where must be one of {_WHERE}, got {where!r}")
        unknown = set(entry) - {
            "name",
            "kind",
            "pattern",
            "where",
            "max_words",
            "case_sensitive",
            "opens_box",
            "image_label",
            "opens_thread",
        }
        if unknown:
            raise ValueError(f"rule {name!r}: unknown field(s) {sorted(unknown)}")
        source = _expand_macros(entry["pattern"], macros, name)
        flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
        try:
            compiled = compile(source, flags)
        except re.error as exc:
            raise ValueError(f"rule {name!r}: invalid pattern: {exc}") from exc
        rules.append(
            Rule(
                name=name,
                kind=kind,
                pattern=compiled,
                where=where,
                max_words=entry.get("max_words"),
                opens_box=bool(entry.get("opens_box", False)),
                image_label=bool(entry.get("image_label", False)),
                opens_thread=bool(entry.get("opens_thread", False)),
            )
        )
    return tuple(rules)


@cache
def load_rules() -> tuple[Rule, ...]:
    """The packaged rules of ``briefing/data/boilerplate.toml``, compiled once (and kept
    compiled between runs: ``briefing.regexes``)."""
    from briefing import pycache

    with regexes.store("boilerplate") as store:
        return parse_rules(pycache.packaged_toml("boilerplate"), store.compile)


def _compile_user_patterns(patterns: Sequence[str]) -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for pattern in patterns:
        if not pattern.strip():
            raise InputError(
                "invalid --drop-pattern '': an empty pattern would drop every line; "
                "give a regex such as '^Advertisement$'"
            )
        try:
            compiled.append((pattern, re.compile(pattern, re.IGNORECASE)))
        except re.error as exc:
            message = " ".join(str(exc).split())
            raise InputError(f"invalid --drop-pattern '{pattern}': {message}") from exc
    return compiled


# --- text helpers -----------------------------------------------------------------------------

_KEPT = regexes.Store("clean-rules")
"""The module's own patterns, kept compiled between runs (saved at the end of the module)."""

_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
    }
)
_NON_WORD = _KEPT.compile(r"[\W_]+")
_CLOSERS = " \"')]}*"
_SENTENCE_END = ".!?…。！？"
_FULL_WIDTH_END = "。！？"  # Chinese and Japanese: a sentence, whatever its (space-split) words
# A final period that belongs to an abbreviation, not to a sentence: "U.S.", "Inc.", "Jr.".
_ABBREVIATION_END = _KEPT.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|vs|No|Dr|Mr|Mrs|Ms|Bros|Mt|Ft)\.)$"
)


def _plain(line: str) -> str:
    """Straight quotes, plain single spaces: the form every rule is matched against."""
    return " ".join(line.translate(_PLAIN).split())


def squash(line: str) -> str:
    """Lowercase, straight quotes, runs of non-word characters to one space (the README's form)."""
    return _NON_WORD.sub(" ", line.translate(_PLAIN).lower()).strip()


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Kana and Han characters: Chinese and Japanese write words without spaces between them."""


def _word_count(norm: str) -> int:
    """Words between spaces; in Chinese and Japanese, one per two characters (about a word's
    length there, rounded up), so that "政府は来年度の予算案を閣議決定した。" reads as a sentence, not one word."""
    tokens = norm.split()
    if not _CJK.search(norm):
        return len(tokens)
    return sum((n + 1) // 2 if (n := len(_CJK.findall(t))) else 1 for t in tokens)


def _is_title_like(norm: str) -> bool:
    """Short and not ending like a sentence: a headline, a tag list, a source name, a button."""
    if _word_count(norm) > _TITLE_LIKE_MAX_WORDS:
        return False
    core = norm.rstrip(_CLOSERS)
    if not core:
        return False
    if core.endswith(("...", "…")):
        return True  # a truncated headline
    if core[-1] in _FULL_WIDTH_END:
        return False
    if core[-1] == ".":
        return _ABBREVIATION_END.search(core) is not None
    return core[-1] not in ":;,"


def _is_prose(norm: str) -> bool:
    return _word_count(norm) >= _PROSE_MIN_WORDS and norm.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


# --- line heuristics (steps 2, 3, 5) ----------------------------------------------------------

_HAS_WORD = _KEPT.compile(r"[^\W_]")


def separator_line(norm: str) -> Reason | None:
    """Step 2: a line with no letter or digit."""
    if not _HAS_WORD.search(norm):
        return ("site-furniture", "separator line")
    return None


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
)
_NUMBER_WORD = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several)"
# Tokens that make a line a timestamp; a bare day number ("21") does not count on its own.
_STRONG_DATE = _KEPT.compile(
    rf"""
      \b\d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    | \b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b
    | \b\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:\s*[ap]\.?\s?m\b\.?)?
    | \b\d{{1,2}}\s*[ap]\.?\s?m\b\.?
    | \b(?:about\s|over\s|nearly\s|almost\s|just\s)?{_NUMBER_WORD}\s*
        (?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|mos?|years?|yrs?)
        \s+ago\b
    | \bjust\s+now\b | \bmoments?\s+ago\b | \byesterday\b | \btoday\b
    | \b{_MONTH}\b\.?
    | \b{_WEEKDAY}\b\.?
    | \b(?:19|20)\d{{2}}\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Dates in other languages: month and weekday names count only on a line with a digit ("3 mars
# 2020", "Montag, 3. Februar 2020"), since "Mars", "Mai" or "Domingo" alone may be a subhead.
_INTL_DATE = _KEPT.compile(
    r"""
      \b(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre
        |novembre|décembre|decembre|januar|jänner|februar|märz|juni|juli|oktober|dezember
        |enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre
        |noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre
        |dicembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro
        |dezembro|январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?
        |сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|januari|februari|maret|mei|agustus
        |oktober|desember|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag
        |dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lunes|martes
        |miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì
        |sabato|domenica|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira
        |понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|senin|selasa|rabu
        |kamis|jumat|sabtu|minggu)\b\.?
    | \b\d{1,2}h\d{2}\b | \b\d{4}\.\d{1,2}\.\d{1,2}\.? | \d+\s*(?:년|월|일|시|분)
    | 오전 | 오후 | \b(?:il\s+y\s+a|hace|vor|há|fa|назад)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT = _KEPT.compile(r"\d")
# What a line of date words needs besides weekday and month names and bare years to be a
# timestamp: a day number, a clock time, a relative time ("3 hours ago", "today").
_NAMES_ONLY = _KEPT.compile(
    r"(?<![\d-])(?!(?:19|20)\d{2}\b)\d{1,2}(?!\d)|\b\d{4}-\d{2}-\d{2}|\bago\b|\bnow\b|\btoday\b"
    r"|\byesterday\b|오전|오후|назад|\bvor\b|\bhace\b|\bhá\b|\bil y a\b",
    re.IGNORECASE,
)
_DAY_NUMBER = _KEPT.compile(r"\b\d{1,2}(?:st|nd|rd|th|er|e|º|ª)?\b\.?", re.IGNORECASE)
_STAMP_WORD = _KEPT.compile(
    r"\b(?:(?:first|last|originally)\s+)?(?:published|updated|posted|modified|edited|uploaded)\b"
    r"|(?:^|\s)(?:publié|mis à jour|modifié|veröffentlicht|aktualisiert|zuletzt aktualisiert|stand"
    r"|publicado|actualizado|atualizado|pubblicato|aggiornato|опубликовано|обновлено|diperbarui"
    r"|diterbitkan|gepubliceerd|bijgewerkt|입력|수정|업데이트|기사입력)(?=\s|:|$)",
    re.IGNORECASE,
)
_STAMP_FILLER = _KEPT.compile(
    r"""\b(?:on|at|the|of|in|et|edt|est|ct|cdt|cst|mt|mdt|mst|pt|pdt|pst|gmt|utc|bst|cet|cest
        |aest|aedt|ist|jst|hkt|sgt|local\s+time|le|à|am|um|uhr|el|de|del|a\s+las|em|às|il
        |alle|ore|ch|mez|mesz|msk|wib|kst|в|г|года|pukul)(?=\W|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_READING_TIME = _KEPT.compile(r"\b\d+\s*-?\s*min(?:ute)?s?\.?\s+(?:read|listen)\b", re.IGNORECASE)
_BARE_CLOCK = _KEPT.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_STAMP_MAX_NAME_WORDS = 4


@lru_cache(maxsize=4096)
def timestamp_line(norm: str) -> Reason | None:
    """Step 3: a line that is a date or time, maybe with "Updated" and an outlet or place."""
    intl = _DIGIT.search(norm) is not None and _INTL_DATE.search(norm) is not None
    if _BARE_CLOCK.match(norm) or not (_STRONG_DATE.search(norm) or intl):
        return None  # "02:13" alone is more likely a video's duration (a packaged rule)
    rest = _READING_TIME.sub(" ", norm)
    rest = _STRONG_DATE.sub(" ", rest)
    if intl:
        rest = _INTL_DATE.sub(" ", rest)
    rest = _DAY_NUMBER.sub(" ", rest)
    has_stamp_word = _STAMP_WORD.search(rest) is not None
    rest = _STAMP_WORD.sub(" ", rest)
    rest = _STAMP_FILLER.sub(" ", rest)
    residue = _NON_WORD.sub(" ", rest).split()
    if not residue:
        if not has_stamp_word and _NAMES_ONLY.search(norm) is None:
            return None  # "Sunday", "THURSDAY", "1990-1994": a schedule's or a career's subhead
        return ("metadata", "timestamp")
    ends_sentence = rest.rstrip(_CLOSERS + " ,:;|•·-–—")[-1:] in _SENTENCE_END
    if has_stamp_word and len(residue) <= _STAMP_MAX_NAME_WORDS and not ends_sentence:
        return ("metadata", "publication timestamp")
    return None


_TRAILING_PAREN = _KEPT.compile(r"\(([^()]{2,200})\)\s*\.?\s*$")
_SOCIAL = (
    r"(?:Twitter|X|Facebook|Instagram|TikTok|YouTube|Reddit|Threads|Bluesky|Telegram|email|Zoom)"
)
_PAREN_CREDIT = (
    # "(Office of the Iranian Supreme Leader via AP)", "(... photo via Getty Images)"
    _KEPT.compile(rf"\bvia\s+(?!{_SOCIAL}\b)[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*\s*$"),
    # "(Jane Doe/Reuters)", "(AP Photo/Evan Vucci)", "(Oleg Urusov/ Roscosmos ... via AP)"
    _KEPT.compile(
        r"^(?=.*\s)[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*)*\s*/\s*[A-Z][\w.'&-]*"
        r"(?:\s*(?:/|\s)\s*(?:[A-Z][\w.'&-]*|for|of|the|and|via|photo|de|van|von))*$"
    ),
    # "(Getty Images)", "(Reuters)", "(AFP via Getty Images)"
    _KEPT.compile(
        r"^(?:AP|AFP|Reuters|Getty Images|Getty|EPA(?:-EFE)?|Shutterstock|Alamy|PA(?: Media| Wire)?"
        r"|Bloomberg|Xinhua|Supplied|Handout|iStock(?:photo)?)(?:\s*(?:/|via)\s*[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)?$"
    ),
    # "(Photo: Getty Images)", "(Courtesy of the family)", "(AP Photo)"
    _KEPT.compile(
        r"^(?:(?:AP|AFP|Reuters|Getty Images|EPA|PA)\s+)?(?:photo|photograph|image|picture|pic"
        r"|credit|courtesy|handout|screenshot|screen\s?grab|illustration|file\s+photo)\b",
        re.IGNORECASE,
    ),
)


def caption_with_paren_credit(norm: str) -> Reason | None:
    """Step 5: a caption whose end carries a photo credit in parentheses."""
    match = _TRAILING_PAREN.search(norm)
    if match is None:
        return None
    credit = match.group(1).strip()
    before = norm[: match.start()]
    if _word_count(before) < 4:
        return None
    if any(pattern.search(credit) for pattern in _PAREN_CREDIT):
        return ("caption", "credit in parentheses")
    return None


_LINE_HEURISTICS: tuple[Callable[[str], Reason | None], ...] = (separator_line, timestamp_line)

_KEPT.save()
