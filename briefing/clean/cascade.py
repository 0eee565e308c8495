"""The rules' cascade: what each line tells on its own, then context, repetition and position.

The steps are numbered in the package docstring (``briefing.clean``); each is a function of the
working state ``Page``, and later steps see what earlier ones dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.clean.rules import (
    _BOX_MAX_LINES,
    _LINE_HEURISTICS,
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


def repeated_widget_label(page: Page) -> None:
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
            page.drop(i, (heading.kind, f"listed under a '{heading.name}' heading"))
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


def links_beside_share_buttons(page: Page) -> None:
    """Step 14: in the head, title-like lines right after share buttons are story links."""
    for i in range(1, page.head_end()):
        follows_share = page.kind(i - 1) == "share" or page.reasons[i - 1] == _SHARE_LINK_REASON
        if page.kept(i) and follows_share and _is_title_like(page.norms[i]):
            page.drop(i, _SHARE_LINK_REASON)


CONTEXT_STEPS: tuple[Callable[[Page], None], ...] = (
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
