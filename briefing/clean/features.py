"""Shallow features of a line and of the lines around it: what the cleaner's model sees.

Boilerplate research (boilerpipe's "shallow text features", jusText) found that furniture is
told by its shape and its neighbours more than by its words: it is short, has few stop words,
does not end like a sentence, is capitalized like a title, carries links, dates and digits,
repeats, and sits in runs of lines like itself away from the prose. Those features carry across
sites and languages, where a list of phrases does not. Here each line gets:

- its own shape: words, characters, mean word length, stop-word density (in the article's
  language), sentence-final punctuation, a final colon, title-likeness, prose-likeness, the
  share of capitalized words and of capital letters, digits, a date or time, URL / handle /
  e-mail tokens, separators ("|", "•", "»"), a list marker ("1.", "•"), commas, quotes, a
  kicker before a colon ("Schalke: Warum ..."), and the share of its words that are widget
  words ("share", "print", "teilen", "подписаться": ``data/furniture_words.txt``);
- which packaged rule kind fired on it (the cascade's verdict, one feature per kind);
- its place: before the first prose line (the head) or not, the distance to the nearest prose
  line above and below, how often the same line appears, its word overlap with the title, the
  length of the run of title-like lines and of non-prose lines it is in, how many lines within
  two of it the rules dropped, and the share of title-like lines, the stop-word density and the
  length of the lines within three of it;
- its topic: the share of its content words that the story's body paragraphs use (a related
  rail or a section menu is about something else), and the same for the lines within three;
- how often a line of its shape (digits aside: "Comments: 45", "Comments: 8") appears, where
  it is on the page (0 at the top, 1 at the bottom), how many body paragraphs are within five
  lines of it, its share of capitalized words and its stop-word density less the body's (German
  capitalizes every noun), and the share of its content words in the next body paragraph (a
  subhead announces its section);
- its run of non-prose lines as a whole: the share the rules dropped (a rail under a box
  heading), the run's mean topic, the spread of its lines' lengths and the share of them that end
  like a sentence (a rail's headlines are alike, a story's list often is not), and the distance to
  the nearest line the rules dropped above and below;
- where the readers' comments start: the place on the page (0 to 1) of the nearest heading of a
  comment thread above the line ("59 Comments", "Leave a Reply": a rule with ``opens_thread``),
  0 if there is none (comments are prose on the story's topic: only their place tells them);
- a few of the same for the two lines above and the two below.

``FEATURES`` names the columns; the trained model file lists the names it was trained on, so a
change here without retraining is caught when the model loads.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from itertools import groupby

from briefing.clean.cascade import Page
from briefing.clean.language import words
from briefing.clean.rules import KINDS, _is_prose, _is_title_like, _word_count, timestamp_line

_KIND_ORDER = tuple(sorted(KINDS))
_OWN = (
    "words",
    "chars",
    "mean_word_len",
    "stop_density",
    "sentence_end",
    "ends_colon",
    "title_like",
    "prose",
    "title_case",
    "caps",
    "digits",
    "date_like",
    "link_tokens",
    "separators",
    "list_marker",
    "commas",
    "quotes",
    "furniture_words",
    "kicker",
)
_PLACE = (
    "in_head",
    "prose_above",
    "prose_below",
    "repeats",
    "title_overlap",
    "title_like_run",
    "dropped_near",
    "nonprose_run",
    "window_title_like",
    "window_stop_density",
    "window_words",
    "topic",
    "window_topic",
    "shape_repeats",
    "position",
    "body_near",
    "title_case_vs_body",
    "stop_density_vs_body",
    "next_body_topic",
    "run_dropped",
    "run_topic",
    "run_words_spread",
    "run_sentence_end",
    "dropped_above",
    "dropped_below",
    "thread_at",
)
_NEIGHBOUR = (
    "exists",
    "words",
    "stop_density",
    "sentence_end",
    "title_like",
    "prose",
    "link_tokens",
    "date_like",
    "dropped",
    "furniture_words",
    "title_case",
    "topic",
)
_OFFSETS = (-2, -1, 1, 2)

FEATURES: tuple[str, ...] = (
    *_OWN,
    *(f"rule_{kind}" for kind in _KIND_ORDER),
    *_PLACE,
    *(f"{'prev' if o < 0 else 'next'}{abs(o)}_{name}" for o in _OFFSETS for name in _NEIGHBOUR),
)
"""The feature columns, in order."""

_FAR = 20
_WINDOW = 3
_DIGITS = re.compile(r"\d+")
_NEAR = 5
_STEM = 5
"""Content words are compared on their first letters: "strikes" meets "strike", "Streiks" "Streik"."""
BODY_WORDS = 12
"""A kept line of this many words is a body paragraph (``body_lines``, ``model.subheads``)."""
_OFF_TOPIC = 0.2
"""A line sharing less than this share of its content words with the body is off its topic."""
_LINK = re.compile(  # bounded repeats: a 100,000-character token must not take quadratic time
    r"https?://|www\.|\b[\w.-]{1,64}\.(?:com|org|net|co\.uk|de|fr|es|it|ru)\b"
    r"|(?:^|\s)[@#]\w|[^\s@]{1,64}@[^\s@]{1,64}\.\w"
)
_SEPARATOR = re.compile(r"[|•·»›«‹]|\s[-–—]\s.*\s[-–—]\s")
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]\s|[-•*–—]\s|\(?[a-z]\)\s)", re.IGNORECASE)
_KICKER = re.compile(r"^[^:.!?]{2,40}:\s+\S")
"""A teaser's shape: "Schalke: Warum ...", "Analysis: What ..." (a kicker, a colon, a headline)."""
_QUOTE = re.compile(r"[\"“”«»„]")
_CLOSERS = "\"')]»”’」』 "
_FINAL = ".!?…。！？｡؟।"
"""Sentence-final marks, CJK, Arabic and Devanagari ones too."""


@cache
def furniture_words() -> frozenset[str]:
    """``data/furniture_words.txt``: words of buttons and widgets in the cleaner's languages."""
    text = resources.files("briefing").joinpath("data/furniture_words.txt").read_text("utf-8")
    return frozenset(
        word for row in text.splitlines() if not row.startswith("#") for word in row.split()
    )


def _own(norm: str, lexical: list[str], stops: frozenset[str]) -> list[float]:
    furniture = furniture_words()
    tokens = norm.split()
    n = _word_count(norm)
    letters = [c for c in norm if c.isalpha()]
    capitalized = sum(1 for t in tokens if t[:1].isupper())
    return [
        math.log1p(n),
        math.log1p(len(norm)),
        (sum(len(t) for t in tokens) / n) if n else 0.0,  # per counted word (see _word_count)
        (sum(w in stops for w in lexical) / len(lexical)) if lexical else 0.0,
        1.0 if norm.rstrip(_CLOSERS)[-1:] in _FINAL else 0.0,
        1.0 if norm.rstrip().endswith(":") else 0.0,
        1.0 if _is_title_like(norm) else 0.0,
        1.0 if _is_prose(norm) else 0.0,
        capitalized / n if n else 0.0,
        (sum(c.isupper() for c in letters) / len(letters)) if letters else 0.0,
        (sum(c.isdigit() for c in norm) / len(norm)) if norm else 0.0,
        1.0 if timestamp_line(norm) else 0.0,
        1.0 if _LINK.search(norm) else 0.0,
        1.0 if _SEPARATOR.search(norm) else 0.0,
        1.0 if _LIST_MARKER.match(norm) else 0.0,
        norm.count(",") / n if n else 0.0,
        1.0 if _QUOTE.search(norm) else 0.0,
        (sum(w in furniture for w in lexical) / len(lexical)) if lexical else 0.0,
        1.0 if _KICKER.match(norm) else 0.0,
    ]


def _content(lexical: list[str], stops: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in lexical if len(w) >= 3 and w not in stops)


def body_lines(page: Page) -> list[bool]:
    """The lines that are the story's body paragraphs: kept, at least ``BODY_WORDS`` words."""
    return [page.kept(i) and _word_count(norm) >= BODY_WORDS for i, norm in enumerate(page.norms)]


def topic_overlap(content: Sequence[frozenset[str]], body: Sequence[bool]) -> list[float]:
    """Per line, the share of its content words that the story's body paragraphs use elsewhere.

    A related-story rail, a section menu or a job box is about something else than the story;
    a subhead, a list item or a quote of the story shares its words. ``body`` marks the body
    paragraphs (``body_lines``); a body line's own words do not count for itself. A line with no
    content words gets 0.5: it says nothing either way.
    """
    used: Counter[str] = Counter()
    for i, tokens in enumerate(content):
        if body[i]:
            used.update(tokens)
    out = []
    for i, tokens in enumerate(content):
        if not tokens:
            out.append(0.5)
            continue
        own = 1 if body[i] else 0
        out.append(sum(used[t] > own for t in tokens) / len(tokens))
    return out


def _next_body_topic(content: Sequence[frozenset[str]], body: Sequence[bool]) -> list[float]:
    """Per line, the share of its content words in the next body paragraph (within three lines).

    A subhead announces the section under it; a related link sits above a paragraph on
    another subject. -1 when no body paragraph follows closely, 0.5 for no content words.
    """
    n = len(content)
    out = [-1.0] * n
    nxt: int | None = None
    for i in range(n - 1, -1, -1):
        if nxt is not None and nxt - i <= _WINDOW:
            tokens = content[i]
            out[i] = len(tokens & content[nxt]) / len(tokens) if tokens else 0.5
        if body[i]:
            nxt = i
    return out


def _run_summary(
    log_words: list[float], ends: list[float], dropped: list[float], topic: list[float]
) -> list[float]:
    """A run of non-prose lines as a whole: dropped share, mean topic, length spread, sentence ends."""
    size = len(log_words)
    mean = sum(log_words) / size
    spread = math.sqrt(sum((w - mean) ** 2 for w in log_words) / size)
    return [sum(dropped) / size, sum(topic) / size, spread, sum(ends) / size]


def _runs(flags: list[bool]) -> Iterator[range]:
    """The spans of consecutive flagged lines."""
    start = 0
    for flag, group in groupby(flags):
        size = sum(1 for _ in group)
        if flag:
            yield range(start, start + size)
        start += size


def _distances(marked: list[bool]) -> list[int]:
    """Per line, how many lines back the nearest marked line is (capped at ``_FAR``)."""
    out = []
    last = None
    for i, mark in enumerate(marked):
        out.append(_FAR if last is None else min(_FAR, i - last))
        if mark:
            last = i
    return out


def _thread_start(page: Page) -> list[float]:
    """Per line, the place on the page of the nearest comment-thread heading above it, else 0."""
    n = len(page.lines)
    out = [0.0] * n
    at = 0.0
    for i in range(n):
        out[i] = at
        rule = page.rules[i]
        if rule is not None and rule.opens_thread:
            at = (i + 1) / n
    return out


def line_features(page: Page, stops: frozenset[str]) -> list[list[float]]:
    """One feature row per line of ``page`` (after the rules' cascade has run on it)."""
    n = len(page.lines)
    if n == 0:
        return []
    lexicals = [words(norm) for norm in page.norms]
    own = [_own(norm, lexical, stops) for norm, lexical in zip(page.norms, lexicals, strict=True)]
    i_words, i_stop, i_end, i_title, i_prose, i_link, i_date, i_furn, i_case = (
        _OWN.index(name)
        for name in (
            "words",
            "stop_density",
            "sentence_end",
            "title_like",
            "prose",
            "link_tokens",
            "date_like",
            "furniture_words",
            "title_case",
        )
    )
    prose = [row[i_prose] > 0 and page.kept(i) for i, row in enumerate(own)]
    prose_at = [i for i, p in enumerate(prose) if p]
    first_prose = prose_at[0] if prose_at else n
    above = _distances(prose)
    below = _distances(prose[::-1])[::-1]
    counts = Counter(page.squashed)
    shapes = [_DIGITS.sub("0", squashed) for squashed in page.squashed]
    shape_counts = Counter(shapes)
    title_words = set(words(page.title)) if page.title else set()
    run = [0] * n
    for span in _runs([row[i_title] > 0 for row in own]):
        for k in span:
            run[k] = len(span)
    dropped = [0.0 if page.kept(i) else 1.0 for i in range(n)]
    body = body_lines(page)
    content = [_content(lexical, stops) for lexical in lexicals]
    topic = topic_overlap(content, body)
    nonprose = [0] * n
    run_rows = [[0.0] * 4 for _ in range(n)]
    for span in _runs([row[i_prose] == 0 for row in own]):
        summary = _run_summary(
            [own[k][i_words] for k in span],
            [own[k][i_end] for k in span],
            [dropped[k] for k in span],
            [topic[k] for k in span],
        )
        for k in span:
            nonprose[k] = len(span)
            run_rows[k] = summary
    dropped_above = _distances([d > 0 for d in dropped])
    dropped_below = _distances([d > 0 for d in dropped[::-1]])[::-1]
    # The body's own capitals and stop words: German capitalizes every noun, so a line's share
    # of capitalized words says "title-like" only next to what the page's prose does.
    body_rows = [own[i] for i in range(n) if body[i]] or own
    body_case = sum(r[i_case] for r in body_rows) / len(body_rows)
    body_stop = sum(r[i_stop] for r in body_rows) / len(body_rows)
    next_body = _next_body_topic(content, body)
    thread_at = _thread_start(page)
    rows = []
    for i in range(n):
        kind = page.kind(i)
        line_words = set(lexicals[i])
        overlap = (
            len(line_words & title_words) / len(line_words | title_words)
            if line_words and title_words
            else 0.0
        )
        near = sum(dropped[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i)
        window = [own[j] for j in range(max(0, i - _WINDOW), min(n, i + _WINDOW + 1)) if j != i]
        size = len(window) or 1
        row = [
            *own[i],
            *(1.0 if kind == k else 0.0 for k in _KIND_ORDER),
            1.0 if i < first_prose else 0.0,
            math.log1p(above[i]),
            math.log1p(below[i]),
            float(min(3, counts[page.squashed[i]] - 1)) if page.squashed[i] else 0.0,
            overlap,
            math.log1p(run[i]),
            near,
            math.log1p(nonprose[i]),
            sum(r[i_title] for r in window) / size,
            sum(r[i_stop] for r in window) / size,
            sum(r[i_words] for r in window) / size,
            topic[i],
            sum(topic[j] for j in range(max(0, i - _WINDOW), min(n, i + _WINDOW + 1)) if j != i)
            / size,
            float(min(3, shape_counts[shapes[i]] - 1)) if shapes[i] else 0.0,
            i / n,
            sum(body[j] for j in range(max(0, i - _NEAR), min(n, i + _NEAR + 1)) if j != i),
            own[i][i_case] - body_case,
            own[i][i_stop] - body_stop,
            next_body[i],
            *run_rows[i],
            math.log1p(dropped_above[i]),
            math.log1p(dropped_below[i]),
            thread_at[i],
        ]
        for o in _OFFSETS:
            j = i + o
            if 0 <= j < n:
                r = own[j]
                row += [
                    1.0,
                    r[i_words],
                    r[i_stop],
                    r[i_end],
                    r[i_title],
                    r[i_prose],
                    r[i_link],
                    r[i_date],
                    dropped[j],
                    r[i_furn],
                    r[i_case],
                    topic[j],
                ]
            else:
                row += [0.0] * len(_NEIGHBOUR)
        rows.append(row)
    return rows


def describe(row: Sequence[float]) -> str:
    """A few words on what a line looks like, from its features: the reason a model drop gives."""
    f = dict(zip(FEATURES, row, strict=True))
    n_words = round(math.expm1(f["words"]))
    parts = []
    if n_words <= 3:
        parts.append("very short")
    elif n_words <= 8:
        parts.append("short")
    if f["date_like"]:
        parts.append("date-like")
    elif f["link_tokens"]:
        parts.append("link-like")
    elif f["title_like"]:
        parts.append("title-like")
    elif not f["sentence_end"]:
        parts.append("unfinished")
    if f["stop_density"] < 0.1 and n_words >= 3:
        parts.append("few stop words")
    what = " ".join(parts[:2]) + " line" if parts else "line"
    if f["repeats"] >= 1:
        what += f" repeated {int(f['repeats']) + 1} times"
    elif f["topic"] < _OFF_TOPIC and f["body_near"] > 0:
        what += " off the story's topic"
    context = []
    near_furniture = f["prev1_dropped"] + f["next1_dropped"]
    if near_furniture >= 2:
        context.append("between dropped lines")
    elif near_furniture == 1:
        context.append("next to a dropped line")
    elif f["prev1_title_like"] and f["next1_title_like"]:
        context.append("between title-like lines")
    if f["thread_at"]:
        context.insert(0, "below a comments heading")
    if f["in_head"]:
        context.append("before the story's first paragraph")
    elif f["prose_below"] >= math.log1p(_FAR):
        context.append("after the story's last paragraph")
    elif f["prose_above"] > math.log1p(5) and f["prose_below"] > math.log1p(5):
        context.append("far from the prose")
    return what + (", " + ", ".join(context[:2]) if context else "")
