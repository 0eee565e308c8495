"""The rules' cascade: what each line tells on its own, then context, repetition and position.

The steps are numbered in the package docstring (``briefing.clean``); each is a function of the
working state ``Page``, and later steps see what earlier ones dropped.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.clean.rules import (
    _BOX_MAX_LINES,
    _CLOSERS,
    _LINE_HEURISTICS,
    _SENTENCE_END,
    _WIDGET_MAX_WORDS,
    _WIDGET_MIN_REPEATS,
    Reason,
    Rule,
    _is_prose,
    _is_title_like,
    _plain,
    _word_count,
    caption_with_paren_credit,
    load_rules,
    squash,
)

_SUBHEAD_BODY_WORDS = 12
_SUBHEAD_REACH = 3
_SENTENCE_MIN_WORDS = 4

# --- working state ------------------------------------------------------------------------------


@dataclass
class Page:
    """Working state of one cleaning pass: the lines and what has been decided about each."""

    title: str
    lines: tuple[str, ...]
    norms: list[str] = field(init=False)
    squashed: list[str] = field(init=False)
    reasons: list[Reason | None] = field(init=False)
    rules: list[Rule | None] = field(init=False)
    """The packaged rule that dropped each line, if one did."""
    firm: list[bool] = field(init=False)
    """Whether the drop is firm: a marker (steps 1-6) or strong context (a video player's
    title, a repeat, an image credit). The model may overrule only the list-shaped context steps
    (10 repeated labels, 11 box runs, 14 links beside share buttons): those are where a story
    list looks like a box of links."""

    def __post_init__(self) -> None:
        self.norms = [_plain(line) for line in self.lines]
        self.squashed = [squash(line) for line in self.lines]
        self.reasons = [None] * len(self.lines)
        self.rules = [None] * len(self.lines)
        self.firm = [False] * len(self.lines)

    def kept(self, i: int) -> bool:
        return self.reasons[i] is None

    def kind(self, i: int) -> str | None:
        reason = self.reasons[i]
        return None if reason is None else reason[0]

    def drop(self, i: int, reason: Reason, rule: Rule | None = None, firm: bool = True) -> None:
        self.reasons[i] = reason
        self.rules[i] = rule
        self.firm[i] = firm

    def keep(self, i: int) -> None:
        """Undo a drop (a later step found the line to be story)."""
        self.reasons[i] = None
        self.rules[i] = None
        self.firm[i] = False

    def listed(self, i: int) -> bool:
        """Whether a list-shaped step took line ``i`` softly: a run listed under a box heading
        (11) or a link beside share buttons (14); not a marker, not a repeated label (10)."""
        reason = self.reasons[i]
        return reason is not None and not self.firm[i] and reason[1].startswith(_LISTED)

    def head_end(self) -> int:
        """Index of the first kept line that reads like body prose (the end of the page head)."""
        for i, norm in enumerate(self.norms):
            if self.kept(i) and _is_prose(norm):
                return i
        return len(self.lines)


def apply_line_rules(page: Page, users: list[tuple[str, re.Pattern[str]]]) -> None:
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


def _apply_head_rules(page: Page) -> None:
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


def video_title_repeat(page: Page) -> None:
    """Step 7: the title a "Click to play video: '...'" line quotes, repeated just below it."""
    for i, norm in enumerate(page.norms):
        match = _PLAYER_TITLE.match(norm)
        if not match:
            continue
        title = squash(match.group(1))
        for j in range(i + 1, min(i + 4, len(page.lines))):
            if page.kept(j) and page.squashed[j] == title:
                page.drop(j, ("video", "title repeated from video player"))


def same_as_previous(page: Page) -> None:
    """Step 8: a line identical to the line before it."""
    for i in range(1, len(page.lines)):
        if page.kept(i) and page.squashed[i] and page.squashed[i] == page.squashed[i - 1]:
            kind = page.kind(i - 1) or "site-furniture"
            page.drop(i, (kind, "same as the line before"), page.rules[i - 1])


def repeats_headline(page: Page) -> None:
    """Step 9: a line that is the headline again."""
    title = squash(page.title)
    for i, squashed in enumerate(page.squashed):
        if page.kept(i) and title and squashed == title:
            page.drop(i, ("site-furniture", "repeats the headline"))


def _heads_prose(page: Page, i: int) -> bool:
    """Whether a sentence follows ``i`` within a few kept lines: ``i`` reads as a subhead."""
    seen = 0
    for j in range(i + 1, len(page.lines)):
        if not page.kept(j):
            continue
        norm = page.norms[j]
        words = _word_count(norm)
        if words >= _SUBHEAD_BODY_WORDS or (
            words >= _SENTENCE_MIN_WORDS and norm.rstrip(_CLOSERS)[-1:] in _SENTENCE_END
        ):
            return True
        seen += 1
        if seen == _SUBHEAD_REACH:
            return False
    return False


def _structural(page: Page, copies: list[int], repeated: set[str]) -> bool:
    """The story's own subheads: most copies of the line head a section, another repeated
    short line stands between its copies (a template: "The issue" / "The official account"),
    and the sections are more than a paragraph long. One label alone between paragraphs
    ("Keep Scrolling"), or one between nearly every paragraph ("Article content"), is a widget."""
    if copies[-1] - copies[0] < _SECTION_MIN_LINES * (len(copies) - 1):
        return False
    heading = sum(_heads_prose(page, j) for j in copies)
    if 3 * heading < 2 * len(copies):
        return False
    own = page.squashed[copies[0]]
    return any(
        page.squashed[k] in repeated and page.squashed[k] != own
        for k in range(copies[0] + 1, copies[-1])
    )


_SECTION_MIN_LINES = 3
"""A template's sections are this many lines long on average, its heading included."""


_BOX_RUN = "listed under a"
"""How step 11's reasons start."""


def repeated_widget_label(page: Page) -> None:
    """Step 10: a short non-sentence line found three or more times in the article.

    Repeated subheads stay: when two thirds of the copies of the line are followed by a
    paragraph within three lines and another repeated line stands between them ("Pre-Workout
    Meal", "The issue" / "<topic>" / "The official account" / paragraph), it is the story's
    structure. A label between every other paragraph ("Article content") is not.
    """
    counts = Counter(page.squashed)
    at: dict[str, list[int]] = {}
    for i, squashed in enumerate(page.squashed):
        at.setdefault(squashed, []).append(i)
    repeated = {
        squashed
        for squashed, copies in at.items()
        if squashed
        and len(copies) >= 2
        and page.kept(copies[0])
        and _word_count(page.norms[copies[0]]) <= _WIDGET_MAX_WORDS
        and _is_title_like(page.norms[copies[0]])
    }

    @functools.cache
    def structural(squashed: str) -> bool:  # once per distinct line, not once per copy
        return _structural(page, at[squashed], repeated)

    for i, norm in enumerate(page.norms):
        squashed = page.squashed[i]
        count = counts[squashed]
        if (
            page.kept(i)
            and count >= _WIDGET_MIN_REPEATS
            and squashed
            and _word_count(norm) <= _WIDGET_MAX_WORDS
            and _is_title_like(norm)
            and not structural(squashed)
        ):
            page.drop(i, ("site-furniture", f"short line repeated {count} times"), firm=False)


_CALENDAR_MIN_DATES = 3
_TABLE_MIN_NUMBERS = 4
_BARE_NUMBER = re.compile(r"^[\d.,:+-]+%?$")


def number_table(page: Page) -> None:
    """Step 10c: four or more bare numbers are a table's cells, not share counts.

    One "4,512" between paragraphs is a share counter; a page of them (scores, standings,
    results, a line per cell) is a table the story prints.
    """
    numbers = [
        i
        for i, norm in enumerate(page.norms)
        if page.reasons[i] == ("share", "share-count") and _BARE_NUMBER.match(norm)
    ]
    if len(numbers) >= _TABLE_MIN_NUMBERS:
        for i in numbers:
            page.keep(i)


def calendar_dates(page: Page) -> None:
    """Step 10b: three or more date lines after the story has started, with other lines
    between them, are a calendar or a timeline the story lists.

    Publication stamps sit before the story or once after it; a list of dates each followed by
    its place and hours ("Saturday, January 19, 2008" / "Chinguacousy Wellness Centre" /
    "10:00 am - 3:00 pm") is the story.
    """
    start = page.head_end()
    dates = [
        i
        for i in range(start + 1, len(page.lines))
        if (reason := page.reasons[i]) is not None and reason[1] == "timestamp"
    ]
    spaced = sum(1 for a, b in itertools.pairwise(dates) if b - a > 1)
    if len(dates) >= _CALENDAR_MIN_DATES and spaced >= _CALENDAR_MIN_DATES - 1:
        for i in dates:
            page.keep(i)


def box_runs(page: Page) -> None:
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
            page.drop(i, (heading.kind, f"{_BOX_RUN} '{heading.name}' heading"), firm=False)
        else:
            heading = None


def video_title_between_controls(page: Page) -> None:
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


def credit_after_image_label(page: Page) -> None:
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
_LISTED = (_BOX_RUN, _SHARE_LINK_REASON[1])
"""The list-shaped steps' reasons: the model weighs their soft drops apart from the repeated
labels' (``Model.list_veto`` against ``Model.veto``)."""


def links_beside_share_buttons(page: Page) -> None:
    """Step 14: in the head, title-like lines right after share buttons are story links."""
    for i in range(1, page.head_end()):
        follows_share = page.kind(i - 1) == "share" or page.reasons[i - 1] == _SHARE_LINK_REASON
        if page.kept(i) and follows_share and _is_title_like(page.norms[i]):
            page.drop(i, _SHARE_LINK_REASON, firm=False)


CONTEXT_STEPS: tuple[Callable[[Page], None], ...] = (
    _apply_head_rules,
    video_title_repeat,
    same_as_previous,
    repeats_headline,
    repeated_widget_label,
    calendar_dates,
    number_table,
    box_runs,
    video_title_between_controls,
    credit_after_image_label,
    links_beside_share_buttons,
)


def run_rules(
    title: str, paragraphs: tuple[str, ...], users: Sequence[tuple[str, re.Pattern[str]]] = ()
) -> Page:
    """Steps 1-14 on an article's paragraphs: the page with the rules' verdict on every line."""
    page = Page(title, paragraphs)
    apply_line_rules(page, list(users))
    for step in CONTEXT_STEPS:
        step(page)
    return page
