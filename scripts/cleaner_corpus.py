"""Build the cleaner's labelled corpus: public labelled pages turned into copied text, one label a line.

Usage::

    # the sources, as checkouts (or `git archive` copies) outside the repository
    git clone https://github.com/geodrome/page-signal /work/corpus/page-signal      # L3S-GN1
    git clone https://github.com/adbar/trafilatura /work/corpus/trafilatura          # tests/eval
    git clone https://github.com/flairNLP/fundus /work/corpus/fundus                 # tests/resources
    git clone https://github.com/Murrough-Foley/web-content-extraction-benchmark /work/corpus/wcxb
    .venv/bin/python scripts/cleaner_corpus.py --l3s /work/corpus/page-signal \\
        --trafilatura /work/corpus/trafilatura --fundus /work/corpus/fundus \\
        --wcxb /work/corpus/wcxb --out /work/corpus/cleaner_corpus.jsonl --labels scripts/cleaner_labels.jsonl

The corpus (page text) stays outside the repository; ``--labels`` writes what is committed:
per page its id, site, split, and one letter per line (no text). ``--check-labels`` rebuilds
the corpus and fails if the labels differ from the committed ones.

Sources
=======

- **L3S-GN1** (Kohlschütter et al., "Boilerplate Detection using Shallow Text Features",
  WSDM 2010; research-use licence): 621 English news pages from 408 sites, annotated by people
  with ``<span class="x-nc-selN">``: 1 headline, 2 full text, 3 supplemental (captions, dates,
  decks), 4 related content, 5 comments, unmarked text is boilerplate. Read from the
  ``annotated/`` pages of the geodrome/page-signal repository's copy; ``url-mapping.txt`` gives
  each page's URL and so its site.
- **trafilatura's evaluation set** (adbar/trafilatura ``tests/eval/*.html`` with
  ``tests/evaldata.json``, Apache-2.0): about 900 pages from about 800 sites in many languages;
  each has a few snippets that must be in the main text (``with``) and a few that must not
  (``without``). Only the lines holding a snippet are labelled; the rest are context. Pages
  named by a bare hash (``0a12df42....html``) are left out: their provenance is not stated.
- **fundus's parser tests** (flairNLP/fundus ``tests/resources/parser/test_data``, MIT for
  the repository; the saved pages are the publishers' and only their labels are committed
  here): 258 news pages saved in 2023-2026 from 181 publishers in 45 countries and many
  languages (most German, then English), each with the article its hand-written per-publisher
  parser must give (title, summary, section headings and paragraphs, image captions). A gold
  text labels every line (``gold_labels``), so these pages are labelled densely, like L3S's;
  ``meta.info`` gives each page's URL. 252 pages of 180 sites pass ``MIN_GOLD_COVER``; 36 of
  those sites are also in the other sources and keep their split (the split is by site).
- **WCXB** (Murrough-Foley/web-content-extraction-benchmark v1.0, CC-BY-4.0; the pages are the
  publishers'): 2,008 pages saved in 2025-2026 from about 1,600 sites, each with a main content
  reviewed by people (title, paragraphs and headings a line each). Only its ``article`` pages
  are read (``WCXB_PAGE_TYPE``): about 900 news articles, blog posts and guides of about 830
  sites, labelled densely through the same ``gold_labels`` as fundus's. Its own dev/test split
  is not used: the pages take this corpus's split by site like every other source.

This corpus is not ``chatnoir-eu/web-content-extraction-benchmark`` (a different, older
collection that includes L3S-GN1 and that this project must not use): WCXB is a 2026 set of
its own. Because L3S-GN1 is one of that collection's parts, the shipped model is not trained on
the L3S pages (``train_cleaner.py --train-sources``); they are scored only, as pages of a source
the model never saw.

The corpus was built from geodrome/page-signal at commit 186d8153, adbar/trafilatura at
commit e90b0ef5 and flairNLP/fundus at commit 18da6e53 and Murrough-Foley/web-content-extraction-benchmark at
commit c039d5e; ``--check-labels`` tells whether
another checkout gives the same labels.

From page to copied text
========================

Each page is split into lines the way ``shared/tools/page_text.py`` does (one line per block
element; scripts, styles, ``<head>`` and SVG left out; whitespace collapsed), skipping what
L3S marks ``x-nc-invisible``. A person copies from the headline to the end of the article, so
each page is cut to that span:

- L3S: from the first headline line (else the first full-text line) to the last full-text line,
  plus up to ``TAIL_LINES`` more lines that are not comments (credits, tags and share buttons
  sit there).
- trafilatura: from the last ``<h1>`` line at most ``MAX_HEAD_LINES`` before the first
  ``with`` line (else that line) to the last ``with`` line, plus ``TAIL_LINES``. A snippet
  found on more than ``MAX_SNIPPET_HITS`` lines labels none (it is a repeated label).
- fundus and WCXB: from the title line (the last line equal to the gold title, else the last ``<h1>``,
  at most ``MAX_HEAD_LINES`` before the first gold line) to the last gold line, plus
  ``TAIL_LINES``.

Labels, one letter a line
=========================

``S`` story, ``F`` furniture, ``O`` optional (not scored, not trained), ``.`` unlabelled
(trafilatura lines with no snippet). L3S lines take the label of most of their characters:
headline and full text are story, supplemental is optional, related content, comments and
unmarked text are furniture. A fundus or WCXB line is story when it is, or is a long enough piece of,
a gold paragraph, heading or summary (the deck: our labelling rules keep it), optional when it
is an image caption or repeats the title, and furniture otherwise; where the gold may be the
one that is wrong, a line alone between two story lines (a subhead the parser skipped) or a
prose sentence between the first and last story lines is optional (see ``gold_labels``). A furniture line is then given a kind where a shallow test can
tell (``kind_of``): ``byline``, ``deck`` and ``caption-unmarked`` are the policy kinds the
evaluation counts apart; ``read-more`` (L3S related content), ``comments``, ``metadata``
(a date line) or plain ``furniture``.

Where the source's labellers and this project's labelling rules (shared/articles/README.md)
disagree by policy, a story line becomes optional (``policy_of``): a repeat of the headline, a
line with no letter or digit, an end credit ("Writing by ...; Editing by ...", "... contributed
to this report"), a copyright line, a "By ..." byline, a bare "Advertisement", a caption that
ends with its photo credit ("... (AP Photo/Jane Doe)", "JANE DOE/THE STAR"), a bare e-mail
address or "To contact the reporter", a line that is only a date and a clock time, and a line
that repeats the line before it (the listener hears it once either way). L3S's labellers kept
those with the full text; our labelling rules call them furniture or optional. The tests are written here, apart from
the cleaner's rules, so the cleaner is not scored against itself.

Sites are split by a hash of the site name (``split_of``): 60% train, 20% validation (for
thresholds), 20% test; no site is in two splits.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

L3S_DIR = "L3S-GN1-20100130203947-00001"
TAIL_LINES = 5
MAX_HEAD_LINES = 40
MAX_SNIPPET_HITS = 2
"""A snippet found on more lines than this labels none of them (a repeated label, not text)."""

# The block and skip sets of shared/tools/page_text.py: the same lines a user's copy has.
BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "br", "section",
    "article", "header", "footer", "aside", "figure", "blockquote", "tr", "td", "th", "ul",
    "ol", "dd", "dt", "dl", "nav", "main", "form", "table", "hr", "button", "label", "time",
    "caption", "picture", "iframe", "video", "noscript",
}  # fmt: skip
SKIP = {"script", "style", "svg", "template", "head", "title", "noscript"}
VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param",
        "source", "track", "wbr"}  # fmt: skip
_SEL = re.compile(r"\bx-nc-sel(\d)\b")
_HASH_NAME = re.compile(r"^[0-9a-f]{32}\.html$")
"""trafilatura's pages named by a bare hash are left out: where they were collected from is not
said, and the project must not train on pages of the benchmarks it is judged on."""


@dataclass
class Line:
    text: str
    chars: Counter = field(default_factory=Counter)
    """Characters per L3S label (0-5; 0 for unmarked text)."""
    tags: set[str] = field(default_factory=set)
    linked: int = 0
    """Characters inside a link (``<a href>``)."""


class LabelledBlocks(HTMLParser):
    """page_text's block lines, with the L3S label of every character and the block's tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._parts: list[tuple[str, int, bool]] = []
        self._stack: list[tuple[str, int | None, bool]] = []
        self._skip = 0
        self._block_tags: set[str] = set()

    def _label(self) -> tuple[int, bool]:
        label, invisible = 0, False
        for _, sel, inv in self._stack:
            if sel is not None:
                label = sel
            invisible = invisible or inv
        return label, invisible

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(t for t, _, _ in self._parts)).strip()
        if text:
            chars: Counter = Counter()
            for t, label, _ in self._parts:
                chars[label] += len(t.strip())
            linked = sum(len(t.strip()) for t, _, link in self._parts if link)
            self.lines.append(Line(text, chars, set(self._block_tags), linked))
        self._parts = []
        self._block_tags = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skip += 1
        elif tag in BLOCK:
            self._flush()
            self._block_tags.add(tag)
        if tag in VOID:
            return
        cls = dict(attrs).get("class") or ""
        sel = _SEL.search(cls)
        self._stack.append((tag, int(sel.group(1)) if sel else None, "x-nc-invisible" in cls))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK:
            self._flush()
        for k in range(len(self._stack) - 1, -1, -1):
            if self._stack[k][0] == tag:
                del self._stack[k:]
                break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        label, invisible = self._label()
        if not invisible:
            self._parts.append((data, label, any(tag == "a" for tag, _, _ in self._stack)))

    def close(self) -> None:
        super().close()
        self._flush()


def page_lines(html: str) -> list[Line]:
    parser = LabelledBlocks()
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.lines


# --- shared helpers ---------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def squash(text: str) -> str:
    return _NON_WORD.sub(" ", text.translate(_PLAIN).lower()).strip()


_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}


def site_of(url: str) -> str:
    """The registered domain of a URL: ``news.bbc.co.uk`` -> ``bbc.co.uk``."""
    host = (urlsplit(url).hostname or url).lower().removeprefix("www.")
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def split_of(site: str) -> str:
    """train / val / test by a stable hash of the site (60/20/20)."""
    bucket = int(hashlib.sha1(site.encode()).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "val" if bucket < 8 else "test"


_BYLINE = re.compile(
    r"^(?:by|written by|posted by|from|par|von|por|di|por|de|автор)\s+\S"
    r"|\b(?:staff writer|correspondent|reporter|contributor|editor|columnist|staff reporter)s?\b"
    r"|^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}\s*[,|–—-]\s*(?:AP|AFP|Reuters|Associated Press|"
    r"Bloomberg|PA|CNN|BBC|staff)\b",
    re.IGNORECASE,
)
_DATEISH = re.compile(
    r"\b(?:\d{1,2}[:.]\d{2}|(?:19|20)\d{2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago)\b",
    re.IGNORECASE,
)


def kind_of(text: str, l3s_label: int | None, before_story: bool) -> str:
    """A furniture line's kind, where a shallow test can tell (see the module docstring)."""
    words = text.split()
    if l3s_label == 4:
        return "read-more"
    if l3s_label == 5:
        return "comments"
    if len(words) <= 12 and _BYLINE.search(text):
        return "byline"
    if len(words) <= 12 and _DATEISH.search(text) and len(squash(text).split()) <= 10:
        return "metadata"
    if before_story and len(words) >= 8:
        return "deck"
    if len(words) >= 6 and text.rstrip()[-1:] in ".!?\"'":
        return "caption-unmarked"
    return "furniture"


@dataclass
class Page:
    id: str
    source: str
    site: str
    url: str
    lines: list[str]
    labels: str
    kinds: list[str]
    """Per line: a kind for furniture lines, ``""`` otherwise."""
    span: tuple[int, int]
    """The page's block lines this copy keeps (0-based, end exclusive)."""

    @property
    def split(self) -> str:
        return split_of(self.site)

    def record(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "site": self.site,
            "split": self.split,
            "url": self.url,
            "span": list(self.span),
            "labels": self.labels,
            "kinds": self.kinds,
            "lines": self.lines,
        }


_POLICY = (
    ("credit", re.compile(
        r"\b(?:contributed to this report|(?:additional |writing and )?reporting by|writing by"
        r"|editing by|compiled by|with files from)\b", re.IGNORECASE)),
    ("copyright", re.compile(r"^\W*(?:copyright|©|\(c\))|\ball rights reserved\b", re.IGNORECASE)),
    ("byline", re.compile(r"^(?:By|BY|by)\s+[A-Z](?!.*[.!?]$)")),
    ("separator", re.compile(r"^[\W_]*$")),
    ("ad-label", re.compile(r"^\W*advertisement\W*$", re.IGNORECASE)),
    ("caption", re.compile(
        r"\((?:[^()]*\w/\s?\w[^()]*|[^()]*\b(?:photo|getty|reuters|afp|ap|epa)\b[^()]*)\)\W*$"
        r"|^photo(?:graph)? by\b|^[A-Z][A-Z.' -]+/[A-Z][A-Z.' -]+$"
        r"|(?i:^\W*(?:(?:image|photo|picture|graphic|chart) )?(?:image|photo|picture|graphic"
        r"|source|credit)s?\s*:\s*\S(?:[^.!?]|\.(?=\S)){0,60}$|[.!?]\s+(?:source|credit|image|photo)s?\s*:"
        r"[^.!?]{1,60}$)")),
    ("read-more", re.compile(
        r"^\W*(?:read (?:more|also|next|this)|also read|related|see also|recommended(?: reading)?"
        r")\s*:", re.IGNORECASE)),
    ("contact", re.compile(r"^\S+@\S+\.\w+$|^to contact the (?:reporter|editor)", re.IGNORECASE)),
    ("metadata", re.compile(
        r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov"
        r"|dec)\w*\.? \d{1,2},? (?:\d{4},? )?\d{1,2}:\d{2} ?(?:[ap]\.?m\.?)?(?: [A-Z]{2,4})?$"
        r"|^\W*(?:last |originally )?(?:updated|published|posted|modified)(?::|\s+(?:on|in|at)\b)[^.!?]{0,40}\b\d{4}\b",
        re.IGNORECASE)),
)  # fmt: skip


def policy_of(text: str, title: str, previous: str = "") -> str | None:
    """Why a line the source's labellers call story is not scored (see the module docstring)."""
    if squash(text) == squash(title):
        return "headline-repeat"
    if squash(text) and squash(text) == squash(previous):
        return "duplicate"
    for name, pattern in _POLICY:
        if pattern.search(text) and (name != "byline" or len(text.split()) <= 15):
            return name
    return None


def _apply_policy(lines: list[str], labels: str) -> str:
    out = list(labels)
    for i in range(1, len(lines)):
        if out[i] == "S" and policy_of(lines[i], lines[0], lines[i - 1]):
            out[i] = "O"
    return "".join(out)


def _kinds(lines: list[str], labels: str, l3s: list[int | None]) -> list[str]:
    first_story = labels.find("S", 1)
    return [
        kind_of(text, l3s[i], first_story == -1 or i < first_story) if label == "F" else ""
        for i, (text, label) in enumerate(zip(lines, labels, strict=True))
    ]


def _page(
    id: str,
    source: str,
    site: str,
    url: str,
    lines: list[str],
    labels: str,
    span: tuple[int, int],
    l3s: list[int | None] | None = None,
) -> Page:
    """A page of the corpus: ``labels`` as the source gives them, then this project's policy
    (``policy_of``) and the furniture kinds (``kind_of``)."""
    labels = _apply_policy(lines, labels)
    kinds = _kinds(lines, labels, l3s or [None] * len(lines))
    return Page(id=id, source=source, site=site, url=url, lines=lines, labels=labels,
                kinds=kinds, span=span)  # fmt: skip


# --- L3S-GN1 ----------------------------------------------------------------------------------


def l3s_pages(root: Path) -> Iterator[Page]:
    base = root / L3S_DIR
    urls: dict[str, str] = {}
    for row in (base / "url-mapping.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in row:
            uuid, url = row.split("\t", 1)
            urls[uuid.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    for path in sorted((base / "annotated").glob("*.html")):
        url = urls.get(path.stem, "")
        lines = page_lines(path.read_text(encoding="utf-8", errors="replace"))
        majority = [ln.chars.most_common(1)[0][0] if ln.chars else 0 for ln in lines]
        head = next((i for i, m in enumerate(majority) if m == 1), None)
        body = [i for i, m in enumerate(majority) if m == 2]
        if not body:
            continue
        start = head if head is not None and head < body[0] else body[0]
        end = body[-1] + 1
        while end < len(lines) and end <= body[-1] + TAIL_LINES and majority[end] != 5:
            end += 1
        kept = lines[start:end]
        marks = majority[start:end]
        labels = "".join("S" if m in (1, 2) else "O" if m == 3 else "F" for m in marks)
        labels = "S" + labels[1:]  # the first line is the title
        texts = [ln.text for ln in kept]
        site = site_of(url) if url else path.stem
        yield _page(f"l3s/{path.stem}", "l3s", site, url, texts, labels, (start, end),
                    [m if m in (4, 5) else None for m in marks])  # fmt: skip


# --- trafilatura evaluation pages ---------------------------------------------------------------


def _contains(line: str, snippet: str) -> bool:
    s = squash(snippet)
    return bool(s) and f" {s} " in f" {squash(line)} "


def trafilatura_pages(root: Path) -> Iterator[Page]:
    data = json.loads((root / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    for url, entry in sorted(data.items()):
        path = root / "tests" / "eval" / entry["file"]
        if not path.exists() or _HASH_NAME.match(entry["file"]):
            continue
        raw = path.read_bytes()
        html = raw.decode("utf-8", errors="replace")
        lines = page_lines(html)
        texts = [ln.text for ln in lines]
        story = set()
        for snippet in entry.get("with", []):
            hits = [i for i, t in enumerate(texts) if _contains(t, snippet)]
            if len(hits) <= MAX_SNIPPET_HITS:
                story.update(hits)
        furniture = {
            i for i, t in enumerate(texts) for s in entry.get("without", []) if _contains(t, s)
        } - story
        if not story:
            continue
        first, last = min(story), max(story)
        h1 = [i for i, ln in enumerate(lines) if "h1" in ln.tags and first - MAX_HEAD_LINES <= i]
        h1 = [i for i in h1 if i <= first]
        start = h1[-1] if h1 else first
        end = min(len(lines), last + 1 + TAIL_LINES)
        labels = "".join(
            "S" if i in story else "F" if i in furniture else "." for i in range(start, end)
        )
        labels = "S" + labels[1:]
        kept = texts[start:end]
        yield _page(f"trafilatura/{entry['file']}", "trafilatura", site_of(url), url, kept,
                    labels, (start, end))  # fmt: skip


# --- pages with a gold main text (fundus) -----------------------------------------------------

WCXB_PAGE_TYPE = "article"
"""WCXB's pages of this type only: the articles, blog posts and guides people listen to (the
forums, shops and service pages are not what a briefing reads)."""
MIN_GOLD_WORDS = 4
"""A line this short is story only when it equals a gold paragraph or heading; a shorter piece of
one ("Anzeige" inside a sentence) is optional: the match could be chance."""
MIN_GOLD_COVER = 0.8
"""A page whose copied span holds less of its gold text than this is left out: the text is built
by a script the copy does not run, or the gold is not what the page shows."""
MOSTLY_LINK = 0.8
MIN_PROSE_WORDS = 15
"""A line between two story lines that the gold text leaves out is optional when it is this long
and ends a sentence: a quote box or list the source's parser skipped, not furniture for sure."""


def gold_labels(
    lines: Sequence[Line], title: str, story: Sequence[str], optional: Sequence[str] = ()
) -> tuple[int, int, str] | None:
    """The span a person copies and its labels, from a gold main text.

    A line whose text is a gold paragraph or heading (``story``, the title left out), a piece of
    one (at least ``MIN_GOLD_WORDS`` words), or mostly one (a gold paragraph with a share button
    glued on) is story, unless it is mostly link text (``MOSTLY_LINK``: fundus's parsers keep
    some in-body "related" links as paragraphs, our labelling rules call them furniture; such a
    line is optional); a repeat of the title, or a line of ``optional`` text (captions), is
    optional; every other line is furniture, except where the gold text may be the one that is
    wrong: a line alone between two story lines (a subhead or a quote box the source's parser
    skipped) and a prose line (``MIN_PROSE_WORDS``) between the first and last story lines are
    optional. The span runs from the title (the last line equal to it, else the last ``<h1>``,
    at most ``MAX_HEAD_LINES`` before the first story line; else that line) to the last story
    line plus ``TAIL_LINES`` (a story line that repeats an earlier one, as a summary that a share
    dialog prints again below the footer, does not extend it). None when the span holds less
    than ``MIN_GOLD_COVER`` of the gold text.
    """
    units = [u for u in (squash(s) for s in story) if u]
    if not units:
        return None
    exact = set(units)
    blob = " | " + " | ".join(units) + " | "
    long_units = [u for u in exact if len(u.split()) >= MIN_GOLD_WORDS]
    side = [u for u in (squash(s) for s in optional) if u]
    side_blob = " | " + " | ".join(side) + " | "

    def label(text: str) -> str:
        s = squash(text)
        if not s:
            return "F"
        if s == squash(title):
            return "O"
        if s in exact:
            return "S"
        padded = f" {s} "
        if padded in blob:
            return "S" if len(s.split()) >= MIN_GOLD_WORDS else "O"
        if any(len(u) >= 0.8 * len(s) and f" {u} " in padded for u in long_units):
            return "S"
        if side and (s in side or (len(s.split()) >= MIN_GOLD_WORDS and padded in side_blob)):
            return "O"
        return "F"

    marks = [label(line.text) for line in lines]
    gold = list(marks)
    for i, line in enumerate(lines):
        if marks[i] == "S" and line.linked >= MOSTLY_LINK * sum(line.chars.values()):
            marks[i] = "O"  # a "related" link the gold keeps as a paragraph: unsure
    story_at = [i for i, m in enumerate(marks) if m == "S"]
    if not story_at:
        return None
    # The article ends at its last story line that is not a reprint of an earlier one: a page
    # may print its summary again in a share dialog at the bottom, below the whole footer.
    seen: set[str] = set()
    first = last = story_at[0]
    for i in story_at:
        text = squash(lines[i].text)
        if text not in seen:
            last = i
        seen.add(text)
    head = [
        i
        for i in range(max(0, first - MAX_HEAD_LINES), first + 1)
        if squash(lines[i].text) == squash(title)
    ] or [i for i in range(max(0, first - MAX_HEAD_LINES), first + 1) if "h1" in lines[i].tags]
    start = head[-1] if head else first
    end = min(len(lines), last + 1 + TAIL_LINES)
    found = sum(len(squash(lines[i].text)) for i in range(start, end) if marks[i] == "S")
    if found < MIN_GOLD_COVER * sum(len(u) for u in units):
        return None
    out = marks[start:end]
    for i in range(first + 1, last):
        text = lines[i].text.rstrip()
        alone = gold[i - 1] == "S" and gold[i + 1] == "S"
        prose = len(text.split()) >= MIN_PROSE_WORDS and text[-1:] in ".!?\"'”»"
        if marks[i] == "F" and (alone or prose):
            out[i - start] = "O"
    return start, end, "S" + "".join(out[1:])


def fundus_pages(root: Path) -> Iterator[Page]:
    """fundus's parser test pages: each publisher's saved pages and the parsed article."""
    data = root / "tests" / "resources" / "parser" / "test_data"
    for country in sorted(p for p in data.iterdir() if p.is_dir()):
        meta_path = country / "meta.info"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        for expected in sorted(country.glob("*.json")):
            versions = json.loads(expected.read_text("utf-8"))
            keys = sorted(versions, key=lambda v: int(re.sub(r"\D", "", v) or 0))
            htmls = sorted(country.glob(f"{expected.stem}_[0-9]*.html.gz"))
            if len(keys) != len(htmls):
                continue
            for key, path in zip(keys, htmls, strict=True):
                url = meta.get(path.name, {}).get("url", "")
                if not url:
                    continue
                gold = versions[key]
                body = gold.get("body") or {}
                story = list(body.get("summary", []))
                for section in body.get("sections", []):
                    story += section.get("headline", []) + section.get("paragraphs", [])
                captions = [
                    text
                    for image in gold.get("images", [])
                    for text in (image.get("caption"), image.get("description"))
                    if text
                ]
                lines = page_lines(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
                got = gold_labels(lines, gold.get("title") or "", story, captions)
                if got is None:
                    continue
                start, end, labels = got
                texts = [ln.text for ln in lines[start:end]]
                name = path.name.removesuffix(".html.gz")
                yield _page(f"fundus/{country.name}/{name}", "fundus", site_of(url), url, texts,
                            labels, (start, end))  # fmt: skip


def wcxb_pages(root: Path) -> Iterator[Page]:
    """WCXB's article pages: each saved page and its reviewed main content."""
    files = json.loads((root / "metadata.json").read_text("utf-8"))["files"]
    for file_id, meta in sorted(files.items()):
        if meta.get("page_type") != WCXB_PAGE_TYPE:
            continue
        split = meta["split"]
        truth_path = root / split / "ground-truth" / f"{file_id}.json"
        html_path = root / split / "html" / f"{file_id}.html.gz"
        if not truth_path.exists() or not html_path.exists():
            continue
        data = json.loads(truth_path.read_text("utf-8"))
        gold = data["ground_truth"]
        if isinstance(gold, str):  # a few files hold the dict as Python's repr
            gold = ast.literal_eval(gold)
        url = data.get("url") or ""
        story = [part for part in (gold.get("main_content") or "").split("\n") if part.strip()]
        lines = page_lines(gzip.decompress(html_path.read_bytes()).decode("utf-8", "replace"))
        got = gold_labels(lines, gold.get("title") or "", story)
        if got is None or not url:
            continue
        start, end, labels = got
        texts = [ln.text for ln in lines[start:end]]
        yield _page(f"wcxb/{split}/{file_id}", "wcxb", site_of(url), url, texts, labels,
                    (start, end))  # fmt: skip


# --- main -------------------------------------------------------------------------------------


def label_record(page: Page) -> dict:
    """What is committed for a page: no text, only where its lines are and what they are."""
    return {
        "id": page.id,
        "site": page.site,
        "split": page.split,
        "span": list(page.span),
        "labels": page.labels,
        "kinds": {str(i): k for i, k in enumerate(page.kinds) if k},
    }


def build(
    l3s: Path | None,
    trafilatura: Path | None,
    fundus: Path | None = None,
    wcxb: Path | None = None,
) -> list[Page]:
    pages: list[Page] = []
    if l3s:
        pages.extend(l3s_pages(l3s))
    if trafilatura:
        pages.extend(trafilatura_pages(trafilatura))
    if fundus:
        pages.extend(fundus_pages(fundus))
    if wcxb:
        pages.extend(wcxb_pages(wcxb))
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--l3s", type=Path, help="a checkout of geodrome/page-signal")
    parser.add_argument("--trafilatura", type=Path, help="a checkout of adbar/trafilatura")
    parser.add_argument("--fundus", type=Path, help="a checkout of flairNLP/fundus")
    parser.add_argument(
        "--wcxb", type=Path, help="a checkout of Murrough-Foley/web-content-extraction-benchmark"
    )
    parser.add_argument("--out", type=Path, required=True, help="corpus JSONL (keep it outside)")
    parser.add_argument("--labels", type=Path, help="write the committed labels file here")
    parser.add_argument("--check-labels", type=Path, help="fail if these labels differ")
    args = parser.parse_args(argv)
    pages = build(args.l3s, args.trafilatura, args.fundus, args.wcxb)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for page in pages:
            f.write(json.dumps(page.record(), ensure_ascii=False) + "\n")
    records = [label_record(p) for p in pages]
    if args.labels:
        with args.labels.open("w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    counts = Counter((p.source, p.split, label) for p in pages for label in p.labels)
    sites = Counter((src, split) for src, split, _ in {(p.source, p.split, p.site) for p in pages})
    for source in sorted({p.source for p in pages}):
        for split in ("train", "val", "test"):
            n = sum(1 for p in pages if p.source == source and p.split == split)
            print(
                f"{source:12} {split:5} pages {n:4} sites {sites[(source, split)]:4} "
                + " ".join(f"{lab}={counts[(source, split, lab)]}" for lab in "SFO.")
            )
    if args.check_labels:
        committed = [
            json.loads(row) for row in args.check_labels.read_text("utf-8").splitlines() if row
        ]
        if committed != json.loads(json.dumps(records)):
            print("labels differ from the committed ones", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
