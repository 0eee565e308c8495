"""Drop what is not the story from a copied news article, and say why for every line dropped.

A page copied from a browser brings its furniture along: ad labels, "READ MORE" links, video
player text, share buttons, newsletter boxes, photo credits, timestamps, related-story boxes.
Read aloud, each of these breaks the story, so the cleaner removes them before segmentation.
Precision matters as much as recall: a listener who loses a paragraph of the story is worse
off than one who hears "Advertisement", so every rule describes a whole line of furniture, or
the start or end that marks one, and never a word that prose can use ("a sign advertised...",
"'Watch out,' he said", a sentence that starts with "Facebook").

Most of the knowledge is data: ``data/boilerplate.toml`` holds regex rules, each with a name
and a kind (the categories of the labelled articles: ad-label, read-more, video, newsletter,
share, site-furniture, author-bio, metadata, credit, caption, spam). The code adds what a
single line cannot tell: context, repetition and position. Every paragraph gets at most one
reason, a kind and a rule (shown as ``"<kind>: <rule>"``); the first step that fires wins, and later steps see what the
earlier ones dropped.

The cascade:

1. User patterns (``--drop-pattern REGEX``, ``re.search``, case-insensitive), tried first so
   the user always gets the last word: reason ``user pattern: <regex>``.
2. Separator lines: no letter or digit at all ("___", "* * *", "—").
3. Timestamp lines: once dates, clock times, "N hours ago", time zones and the words
   "published / updated / posted" are taken out, nothing is left, or at most four words of an
   outlet or place name ("CNNMoney (New York) First published February 1, 2016: 1:28 AM ET").
   A sentence that mentions a date keeps its other words and stays.
4. Packaged rules, in file order (rules marked ``where = "head"`` wait for step 6).
5. Photo captions whose end carries a credit in parentheses: "(Name/Agency)",
   "(AP Photo/Jane Doe)", "(... via AP)", "(Photo: ...)".
6. Head-only rules (section labels, breadcrumbs) on the lines before the first body paragraph
   (a kept line of 12 or more words that ends like a sentence).
7. Video titles: a line that repeats the quoted title of a "Click to play video: '...'" line
   just above it.
8. A line identical to the one before it (galleries print captions twice; pages repeat
   buttons). It takes the reason of its twin when the twin was dropped.
9. A line that repeats the headline.
10. Widget labels: a short line (six words at most, not a sentence) found three or more times
    in the article ("Next On BuzzFeed News ›", "Tweet").
11. Boxes: after a box heading (a rule with ``opens_box``: "Related", "Most Read", "More from
    ...", "What to Read Next", "We Recommend", "Related Topics", "Sponsored Links"...), the run
    of short title-like lines (at most 20 words, not ending in a period) is the box's
    headlines, source lines and tags. The run goes on over lines already dropped and ends at
    the first line that reads like prose.
12. Video titles between player controls: a short title-like line with video furniture both
    just before and just after it ("Replay" / title / "Your video will play in 00:25").
13. Picture credits: a short line right after an image label (a rule with ``image_label``,
    e.g. "View this image ›").
14. Story links beside share buttons: in the head, short title-like lines that follow share
    buttons are the previous/next story links such pages put there.

Policy on lines the labels call optional (not boilerplate, not story):

- Bylines marked with "By" or "Written by" ("By Jane Doe", "BY JANE DOE, Associated Press")
  are dropped (kind ``byline``): the narration has its own intro. Unmarked name lines ("Jane
  Doe", "Our Foreign Staff") are kept, since a bare name cannot be told from a one-line
  paragraph safely; a line that is only an agency name ("Associated Press", "Reuters") goes as
  a bare photo credit.
- Captions without a credit or label are kept, except AP-style "In this ... photo" and
  "FILE - ..." captions, which are dropped (kind ``caption``).
- Correction notes ("This version corrects ...") are kept: the newsroom wrote them about this
  story.

The title is never dropped, and kept paragraphs are never rewritten.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

from briefing.errors import InputError
from briefing.models import Article, Dropped

Reason = tuple[str, str]
"""Why a line goes: (kind, rule), as in :class:`briefing.models.Dropped`."""

__all__ = ["KINDS", "Rule", "clean", "load_rules", "parse_rules", "squash"]

logger = logging.getLogger(__name__)

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


def parse_rules(data: Mapping[str, Any]) -> tuple[Rule, ...]:
    """Validate and compile the parsed TOML of a rule file; raises ``ValueError`` on bad data."""
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
        }
        if unknown:
            raise ValueError(f"rule {name!r}: unknown field(s) {sorted(unknown)}")
        source = _expand_macros(entry["pattern"], macros, name)
        flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
        try:
            compiled = re.compile(source, flags)
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
            )
        )
    return tuple(rules)


@cache
def load_rules() -> tuple[Rule, ...]:
    """The packaged rules of ``briefing/data/boilerplate.toml``, compiled once."""
    text = resources.files("briefing").joinpath("data/boilerplate.toml").read_text("utf-8")
    return parse_rules(tomllib.loads(text))


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
_NON_WORD = re.compile(r"[\W_]+")
_CLOSERS = " \"')]}*"
_SENTENCE_END = ".!?…"
# A final period that belongs to an abbreviation, not to a sentence: "U.S.", "Inc.", "Jr.".
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|vs|No|Dr|Mr|Mrs|Ms|Bros|Mt|Ft)\.)$"
)


def _plain(line: str) -> str:
    """Straight quotes, plain single spaces: the form every rule is matched against."""
    return " ".join(line.translate(_PLAIN).split())


def squash(line: str) -> str:
    """Lowercase, straight quotes, runs of non-word characters to one space (the README's form)."""
    return _NON_WORD.sub(" ", line.translate(_PLAIN).lower()).strip()


def _word_count(norm: str) -> int:
    return len(norm.split())


def _is_title_like(norm: str) -> bool:
    """Short and not ending like a sentence: a headline, a tag list, a source name, a button."""
    if _word_count(norm) > _TITLE_LIKE_MAX_WORDS:
        return False
    core = norm.rstrip(_CLOSERS)
    if not core:
        return False
    if core.endswith(("...", "…")):
        return True  # a truncated headline
    if core[-1] == ".":
        return _ABBREVIATION_END.search(core) is not None
    return core[-1] not in ":;,"


def _is_prose(norm: str) -> bool:
    return _word_count(norm) >= _PROSE_MIN_WORDS and norm.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


# --- line heuristics (steps 2, 3, 5) ----------------------------------------------------------

_HAS_WORD = re.compile(r"[^\W_]")


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
_STRONG_DATE = re.compile(
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
_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b", re.IGNORECASE)
_STAMP_WORD = re.compile(
    r"\b(?:(?:first|last|originally)\s+)?(?:published|updated|posted|modified|edited|uploaded)\b",
    re.IGNORECASE,
)
_STAMP_FILLER = re.compile(
    r"""\b(?:on|at|the|of|in|et|edt|est|ct|cdt|cst|mt|mdt|mst|pt|pdt|pst|gmt|utc|bst|cet|cest
        |aest|aedt|ist|jst|hkt|sgt|local\s+time)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_READING_TIME = re.compile(r"\b\d+\s*-?\s*min(?:ute)?s?\.?\s+(?:read|listen)\b", re.IGNORECASE)
_BARE_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_STAMP_MAX_NAME_WORDS = 4


def timestamp_line(norm: str) -> Reason | None:
    """Step 3: a line that is a date or time, maybe with "Updated" and an outlet or place."""
    if _BARE_CLOCK.match(norm) or not _STRONG_DATE.search(norm):
        return None  # "02:13" alone is more likely a video's duration (a packaged rule)
    rest = _READING_TIME.sub(" ", norm)
    rest = _STRONG_DATE.sub(" ", rest)
    rest = _DAY_NUMBER.sub(" ", rest)
    has_stamp_word = _STAMP_WORD.search(rest) is not None
    rest = _STAMP_WORD.sub(" ", rest)
    rest = _STAMP_FILLER.sub(" ", rest)
    residue = _NON_WORD.sub(" ", rest).split()
    if not residue:
        return ("metadata", "timestamp")
    ends_sentence = rest.rstrip(_CLOSERS + " ,:;|•·-–—")[-1:] in _SENTENCE_END
    if has_stamp_word and len(residue) <= _STAMP_MAX_NAME_WORDS and not ends_sentence:
        return ("metadata", "publication timestamp")
    return None


_TRAILING_PAREN = re.compile(r"\(([^()]{2,200})\)\s*\.?\s*$")
_SOCIAL = (
    r"(?:Twitter|X|Facebook|Instagram|TikTok|YouTube|Reddit|Threads|Bluesky|Telegram|email|Zoom)"
)
_PAREN_CREDIT = (
    # "(Office of the Iranian Supreme Leader via AP)", "(... photo via Getty Images)"
    re.compile(rf"\bvia\s+(?!{_SOCIAL}\b)[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*\s*$"),
    # "(Jane Doe/Reuters)", "(AP Photo/Evan Vucci)", "(Oleg Urusov/ Roscosmos ... via AP)"
    re.compile(
        r"^(?=.*\s)[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*)*\s*/\s*[A-Z][\w.'&-]*"
        r"(?:\s*(?:/|\s)\s*(?:[A-Z][\w.'&-]*|for|of|the|and|via|photo|de|van|von))*$"
    ),
    # "(Getty Images)", "(Reuters)", "(AFP via Getty Images)"
    re.compile(
        r"^(?:AP|AFP|Reuters|Getty Images|Getty|EPA(?:-EFE)?|Shutterstock|Alamy|PA(?: Media| Wire)?"
        r"|Bloomberg|Xinhua|Supplied|Handout|iStock(?:photo)?)(?:\s*(?:/|via)\s*[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)?$"
    ),
    # "(Photo: Getty Images)", "(Courtesy of the family)", "(AP Photo)"
    re.compile(
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


# --- the cascade ------------------------------------------------------------------------------


@dataclass
class _Page:
    """Working state of one cleaning pass: the lines and what has been decided about each."""

    title: str
    lines: tuple[str, ...]
    norms: list[str] = field(init=False)
    squashed: list[str] = field(init=False)
    reasons: list[Reason | None] = field(init=False)
    rules: list[Rule | None] = field(init=False)
    """The packaged rule that dropped each line, if one did."""

    def __post_init__(self) -> None:
        self.norms = [_plain(line) for line in self.lines]
        self.squashed = [squash(line) for line in self.lines]
        self.reasons = [None] * len(self.lines)
        self.rules = [None] * len(self.lines)

    def kept(self, i: int) -> bool:
        return self.reasons[i] is None

    def kind(self, i: int) -> str | None:
        reason = self.reasons[i]
        return None if reason is None else reason[0]

    def drop(self, i: int, reason: Reason, rule: Rule | None = None) -> None:
        self.reasons[i] = reason
        self.rules[i] = rule

    def head_end(self) -> int:
        """Index of the first kept line that reads like body prose (the end of the page head)."""
        for i, norm in enumerate(self.norms):
            if self.kept(i) and _is_prose(norm):
                return i
        return len(self.lines)


def _apply_line_rules(page: _Page, users: list[tuple[str, re.Pattern[str]]]) -> None:
    """Steps 1-5: everything a line tells on its own."""
    rules = load_rules()
    tail_start = len(page.lines) // 2
    for i, (line, norm) in enumerate(zip(page.lines, page.norms, strict=True)):
        for source, pattern in users:
            if pattern.search(line) or pattern.search(norm):
                page.drop(i, ("user pattern", source))
                break
        if not page.kept(i):
            continue
        for heuristic in _LINE_HEURISTICS:
            reason = heuristic(norm)
            if reason:
                page.drop(i, reason)
                break
        if not page.kept(i):
            continue
        words = _word_count(norm)
        for rule in rules:
            if rule.where == "head" or (rule.where == "tail" and i < tail_start):
                continue
            if rule.matches(norm, words):
                page.drop(i, rule.reason, rule)
                break
        if page.kept(i):
            reason = caption_with_paren_credit(norm)
            if reason:
                page.drop(i, reason)


def _apply_head_rules(page: _Page) -> None:
    """Step 6: rules that are safe only before the story starts (section labels, breadcrumbs)."""
    head_rules = [rule for rule in load_rules() if rule.where == "head"]
    for i in range(page.head_end()):
        if not page.kept(i):
            continue
        words = _word_count(page.norms[i])
        for rule in head_rules:
            if rule.matches(page.norms[i], words):
                page.drop(i, rule.reason, rule)
                break


_PLAYER_TITLE = re.compile(
    r"^click (?:here )?to (?:play|watch) (?:the )?video\s*:\s*['\"](.+?)['\"]\s*$", re.IGNORECASE
)


def video_title_repeat(page: _Page) -> None:
    """Step 7: the title a "Click to play video: '...'" line quotes, repeated just below it."""
    for i, norm in enumerate(page.norms):
        match = _PLAYER_TITLE.match(norm)
        if not match:
            continue
        title = squash(match.group(1))
        for j in range(i + 1, min(i + 4, len(page.lines))):
            if page.kept(j) and page.squashed[j] == title:
                page.drop(j, ("video", "title repeated from video player"))


def same_as_previous(page: _Page) -> None:
    """Step 8: a line identical to the line before it."""
    for i in range(1, len(page.lines)):
        if page.kept(i) and page.squashed[i] and page.squashed[i] == page.squashed[i - 1]:
            kind = page.kind(i - 1) or "site-furniture"
            page.drop(i, (kind, "same as the line before"), page.rules[i - 1])


def repeats_headline(page: _Page) -> None:
    """Step 9: a line that is the headline again."""
    title = squash(page.title)
    for i, squashed in enumerate(page.squashed):
        if page.kept(i) and title and squashed == title:
            page.drop(i, ("site-furniture", "repeats the headline"))


def repeated_widget_label(page: _Page) -> None:
    """Step 10: a short non-sentence line found three or more times in the article."""
    counts = Counter(page.squashed)
    for i, norm in enumerate(page.norms):
        count = counts[page.squashed[i]]
        if (
            page.kept(i)
            and count >= _WIDGET_MIN_REPEATS
            and page.squashed[i]
            and _word_count(norm) <= _WIDGET_MAX_WORDS
            and _is_title_like(norm)
        ):
            page.drop(i, ("site-furniture", f"short line repeated {count} times"))


def box_runs(page: _Page) -> None:
    """Step 11: the headlines, sources and tags listed under a box heading."""
    heading: Rule | None = None
    heading_at = 0
    for i, norm in enumerate(page.norms):
        rule = page.rules[i]
        if rule is not None and rule.opens_box:
            heading, heading_at = rule, i
            continue
        if heading is None:
            continue
        if i - heading_at > _BOX_MAX_LINES:
            heading = None
        elif not page.kept(i):
            continue  # furniture inside the box ("Undo", "Sponsored") does not end it
        elif _is_title_like(norm):
            page.drop(i, (heading.kind, f"listed under a '{heading.name}' heading"))
        else:
            heading = None


def video_title_between_controls(page: _Page) -> None:
    """Step 12: a title with video player furniture right above and right below it."""
    for i in range(1, len(page.lines) - 1):
        if (
            page.kept(i)
            and page.kind(i - 1) == "video"
            and page.kind(i + 1) == "video"
            and _is_title_like(page.norms[i])
        ):
            page.drop(i, ("video", "title between player controls"))


_CREDIT_MAX_WORDS = 8


def credit_after_image_label(page: _Page) -> None:
    """Step 13: the short credit line under an image label ("View this image ›")."""
    for i in range(1, len(page.lines)):
        rule = page.rules[i - 1]
        if (
            page.kept(i)
            and rule is not None
            and rule.image_label
            and _word_count(page.norms[i]) <= _CREDIT_MAX_WORDS
            and _is_title_like(page.norms[i])
        ):
            page.drop(i, ("caption", "credit under an image label"))


_SHARE_LINK_REASON = ("read-more", "story link beside share buttons")


def links_beside_share_buttons(page: _Page) -> None:
    """Step 14: in the head, title-like lines right after share buttons are story links."""
    for i in range(1, page.head_end()):
        follows_share = page.kind(i - 1) == "share" or page.reasons[i - 1] == _SHARE_LINK_REASON
        if page.kept(i) and follows_share and _is_title_like(page.norms[i]):
            page.drop(i, _SHARE_LINK_REASON)


_CONTEXT_STEPS: tuple[Callable[[_Page], None], ...] = (
    _apply_head_rules,
    video_title_repeat,
    same_as_previous,
    repeats_headline,
    repeated_widget_label,
    box_runs,
    video_title_between_controls,
    credit_after_image_label,
    links_beside_share_buttons,
)


def clean(article: Article, extra_patterns: Sequence[str] = ()) -> Article:
    """Return the article with boilerplate paragraphs moved to ``dropped``, each with a reason.

    ``extra_patterns`` are user regexes (``--drop-pattern``), matched with ``re.search``,
    case-insensitive; an invalid one raises :class:`InputError`. ``Dropped.index`` is the
    paragraph's position in ``article.paragraphs``.
    """
    users = _compile_user_patterns(extra_patterns)
    page = _Page(article.title, tuple(article.paragraphs))
    _apply_line_rules(page, users)
    for step in _CONTEXT_STEPS:
        step(page)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for i, (line, reason) in enumerate(zip(page.lines, page.reasons, strict=True)):
        if reason is None:
            kept.append(line)
        else:
            kind, rule = reason
            dropped.append(Dropped(line=line, kind=kind, rule=rule, index=i))
            logger.debug("dropped paragraph %d (%s: %s): %.60s", i, kind, rule, line)
    logger.info("cleaning %s: kept %d of %d paragraphs", article.source, len(kept), len(page.lines))
    return replace(article, paragraphs=tuple(kept), dropped=tuple(dropped))
