"""Measure the cleaner on the labelled articles, as text and as full HTML pages.

Usage::

    .venv/bin/python scripts/eval_cleaning.py                      # both tables
    .venv/bin/python scripts/eval_cleaning.py --min-recall 0.95 --min-keep 1.0 \\
        --max-false-drops 0 --min-html-recall 0.95 --beat-trafilatura

    # (c) held-out sites of the cleaner's corpus (scripts/cleaner_corpus.py builds it)
    .venv/bin/python scripts/eval_cleaning.py --no-html --corpus /work/corpus/cleaner_corpus.jsonl \\
        --min-corpus-furniture 0.8 --min-corpus-keep 0.99

It exits 1 when a threshold given by a flag is missed (none is checked by default), 2 when the
fixtures are missing.

Method
======

The fixtures are ``<articles>/*.txt`` with ``.expected.json`` labels (see the articles README):
line numbers count the non-empty lines of the ``.txt`` from 1, the title is line 1, so the
loader's paragraph ``i`` is line ``i + 2``. Lines are compared after the README's squash
(lowercase, straight quotes, runs of non-word characters to one space).

(a) Text fixtures. Each ``.txt`` is loaded with ``briefing.load.load`` and cleaned with
``briefing.clean.clean``; ``Dropped.index`` gives the line number of every dropped paragraph.

- recall: labelled boilerplate lines dropped / labelled boilerplate lines.
- keep: lines neither boilerplate nor optional that survive / such lines (the title, line 1,
  is left out: the cleaner never drops it).
- false drops: keep lines that were dropped, listed with the cleaner's reason.
- optional lines (bylines, bare captions, correction notes) are not scored; how many were
  dropped is shown for information.
Every labelled line is checked against the loaded paragraph at its number, so a drift in the
numbering shows up as a "label mismatch" instead of silently wrong numbers.

(b) HTML pages. ``<articles>/html/<page>.html`` belongs to the fixture whose
``retrieved_from`` names ``test-pages/<page>/source.html``. The fixture gives four sets of
squashed lines: KEEP (lines 2.., neither boilerplate nor optional: the body a listener must
hear), BOILERPLATE, OPTIONAL and the TITLE (line 1). Three outputs are compared:

- ``trafilatura``: ``trafilatura.extract(html, favor_recall=True)``, split into non-empty lines:
  the naive baseline a user would run (it prints no separate title);
- ``load``: ``briefing.load.load(path)``, its title then its paragraphs;
- ``load+clean``: the same after ``briefing.clean.clean``.

Matching rule. ``score(a, b)`` is 1 when the squashed lines are equal, else the token F1 of
their squashed words (multiset overlap: 2 * common / (len(a) + len(b))). Two lines match when
the score is at least 0.9 (``MATCH_F1``). This forgives what extractors legitimately change:
a caption credit glued to the first paragraph ("(c) Provided by ... Nintendo and Apple
shocked ...": F1 0.93), a dropped emoji or bullet, whitespace in list items. It does not
forgive a lost sentence of a ten-word paragraph.
A keep line also counts as found when its squashed text appears whole-word inside a produced
line: the extractor merged it with a neighbour, and the listener still hears it.

- body recall: KEEP lines found in the output / KEEP lines.
- Each produced line gets one class, by its best score (ties: keep, title, optional,
  boilerplate): ``keep``, ``title``, ``optional`` or ``boilerplate`` when that score is at
  least 0.9; else ``keep`` when it contains a KEEP line whole; else ``unmatched``. Unmatched
  lines are text the labels do not list at all, which in practice is page furniture outside
  the labelled article block ("Comment count on this article ...") or a wrong title.
- junk: produced lines classed ``boilerplate`` or ``unmatched``.
- precision: keep lines / (keep lines + junk); title and optional lines are neutral.
- title: whether a produced line matches the fixture's title.
(c) Held-out sites. ``--corpus`` is the JSONL that ``scripts/cleaner_corpus.py`` writes (page
text outside the repository, one label a line). Only the pages of ``--split`` (default
``test``: sites that neither training nor the choice of thresholds saw) are scored, each
cleaned by ``briefing.clean.clean`` (language detected) and, for comparison, with the rules
alone (``use_model=False``):

- story kept: lines labelled story (``S``) that survive / such lines (the title, line 1, left
  out);
- furniture dropped: lines labelled furniture (``F``) that go / such lines, leaving out the
  policy kinds (bylines, decks, unmarked captions), which are counted apart;
- optional (``O``) and unlabelled (``.``) lines are not scored;
- time: ``clean`` per article, mean and slowest, on this machine.

The goal being measured: on HTML pages, body recall of ``load+clean`` at least that of
``trafilatura`` with fewer junk lines (``--beat-trafilatura`` checks it: per page recall at least and junk at most
trafilatura's, and fewer junk lines in total).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = Path(
    os.environ.get("BRIEFING_SHARED_ARTICLES", REPO.parent / "shared" / "articles")
)
MATCH_F1 = 0.9
"""Token F1 at or above which two lines are the same line (see the module docstring)."""

_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_NON_WORD = re.compile(r"[\W_]+")
_PAGE = re.compile(r"test-pages/([^/\s]+)/source\.html")


# --- pure helpers (tested in tests/test_scripts.py) -------------------------------------------


def squash(line: str) -> str:
    """The articles README's comparison form: lowercase, straight quotes, non-word runs to one
    space, stripped."""
    return _NON_WORD.sub(" ", line.translate(_PLAIN).lower()).strip()


def token_f1(a: str, b: str) -> float:
    """Token-level F1 of two lines' squashed words (1.0 for two empty lines)."""
    ta, tb = squash(a).split(), squash(b).split()
    if not ta and not tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    return 2 * common / (len(ta) + len(tb))


def score(a: str, b: str) -> float:
    """1.0 for lines equal after squashing, else their token F1."""
    return 1.0 if squash(a) == squash(b) else token_f1(a, b)


def contains_line(haystack: str, needle: str) -> bool:
    """Whether ``needle``'s squashed words appear whole-word inside ``haystack``'s."""
    n = squash(needle)
    return bool(n) and f" {n} " in f" {squash(haystack)} "


def is_found(line: str, produced: Sequence[str], threshold: float = MATCH_F1) -> bool:
    """The matching rule for a line that must be heard: some produced line matches it, or
    contains it whole."""
    return any(score(line, p) >= threshold or contains_line(p, line) for p in produced)


CLASSES = ("keep", "title", "optional", "boilerplate")


def classify(
    line: str,
    keep: Sequence[str],
    title: str,
    optional: Sequence[str],
    boilerplate: Sequence[str],
    threshold: float = MATCH_F1,
) -> str:
    """The class of one produced line: ``keep``, ``title``, ``optional``, ``boilerplate`` or
    ``unmatched`` (ties go to the earlier class of ``CLASSES``)."""
    groups = {"keep": keep, "title": [title], "optional": optional, "boilerplate": boilerplate}
    best_class, best = "unmatched", 0.0
    for name in CLASSES:
        top = max((score(line, label) for label in groups[name]), default=0.0)
        if top > best:
            best_class, best = name, top
    if best >= threshold:
        return best_class
    if any(contains_line(line, k) for k in keep):
        return "keep"
    return "unmatched"


# --- (a) text fixtures ------------------------------------------------------------------------


@dataclass
class TextResult:
    name: str
    boilerplate: int
    boilerplate_dropped: int
    keep: int
    keep_kept: int
    optional: int
    optional_dropped: int
    false_drops: list[tuple[int, str, str]] = field(default_factory=list)
    """(line number, line, reason) of keep lines the cleaner dropped."""
    missed: list[tuple[int, str, str]] = field(default_factory=list)
    """(line number, line, kind) of boilerplate lines the cleaner kept."""
    mismatches: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.boilerplate_dropped / self.boilerplate if self.boilerplate else 1.0

    @property
    def keep_rate(self) -> float:
        return self.keep_kept / self.keep if self.keep else 1.0


def evaluate_text(path: Path, labels: dict) -> TextResult:
    from briefing.clean import clean
    from briefing.load import load

    article = load(path)
    cleaned = clean(article)
    lines = [article.title, *article.paragraphs]  # lines[n - 1] is non-empty line n
    reasons = {d.index + 2: d.reason for d in cleaned.dropped if d.index is not None}
    boiler = dict(zip(labels["boilerplate_line_numbers"], labels["boilerplate_kinds"], strict=True))
    optional = set(labels.get("optional_line_numbers", []))
    mismatches = []
    labelled = zip(
        [*labels["boilerplate_line_numbers"], *labels.get("optional_line_numbers", [])],
        [*labels["boilerplate_lines"], *labels.get("optional_lines", [])],
        strict=True,
    )
    for number, text in labelled:
        if number > len(lines) or squash(lines[number - 1]) != squash(text):
            mismatches.append(f"line {number}: label {text[:60]!r} does not match the file")
    keep_numbers = [n for n in range(2, len(lines) + 1) if n not in boiler and n not in optional]
    return TextResult(
        name=path.stem,
        boilerplate=len(boiler),
        boilerplate_dropped=sum(n in reasons for n in boiler),
        keep=len(keep_numbers),
        keep_kept=sum(n not in reasons for n in keep_numbers),
        optional=len(optional),
        optional_dropped=sum(n in reasons for n in optional),
        false_drops=[(n, lines[n - 1], reasons[n]) for n in keep_numbers if n in reasons],
        missed=[(n, lines[n - 1], kind) for n, kind in boiler.items() if n not in reasons],
        mismatches=mismatches,
    )


# --- (b) HTML pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    title: str
    keep: tuple[str, ...]
    boilerplate: tuple[str, ...]
    optional: tuple[str, ...]


def fixture_sets(path: Path, labels: dict) -> Labels:
    """TITLE, KEEP, BOILERPLATE and OPTIONAL lines of a text fixture, straight from the file."""
    lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    boiler = set(labels["boilerplate_line_numbers"])
    optional = set(labels.get("optional_line_numbers", []))
    return Labels(
        title=lines[0],
        keep=tuple(
            line
            for n, line in enumerate(lines[1:], start=2)
            if n not in boiler and n not in optional
        ),
        boilerplate=tuple(lines[n - 1] for n in sorted(boiler)),
        optional=tuple(lines[n - 1] for n in sorted(optional)),
    )


@dataclass
class OutputScore:
    found: int
    total: int
    classes: Counter
    missed: list[str]
    junk_lines: list[tuple[str, str]]
    """(class, line) of every junk line."""
    title_ok: bool

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def junk(self) -> int:
        return self.classes["boilerplate"] + self.classes["unmatched"]

    @property
    def precision(self) -> float:
        useful = self.classes["keep"]
        return useful / (useful + self.junk) if useful + self.junk else 1.0


def score_output(produced: Sequence[str], labels: Labels) -> OutputScore:
    produced = [line for line in produced if line.strip()]
    classes: Counter = Counter()
    junk: list[tuple[str, str]] = []
    for line in produced:
        kind = classify(line, labels.keep, labels.title, labels.optional, labels.boilerplate)
        classes[kind] += 1
        if kind in ("boilerplate", "unmatched"):
            junk.append((kind, line))
    missed = [k for k in labels.keep if not is_found(k, produced)]
    return OutputScore(
        found=len(labels.keep) - len(missed),
        total=len(labels.keep),
        classes=classes,
        missed=missed,
        junk_lines=junk,
        title_ok=any(score(labels.title, p) >= MATCH_F1 for p in produced),
    )


OUTPUTS = ("trafilatura", "load", "load+clean")


def html_outputs(html_path: Path) -> dict[str, list[str]]:
    import trafilatura

    from briefing.clean import clean
    from briefing.load import load

    html = html_path.read_text(encoding="utf-8", errors="replace")
    baseline = trafilatura.extract(html, favor_recall=True) or ""
    article = load(html_path)
    cleaned = clean(article)
    return {
        "trafilatura": [line.strip() for line in baseline.splitlines() if line.strip()],
        "load": [article.title, *article.paragraphs],
        "load+clean": [cleaned.title, *cleaned.paragraphs],
    }


def page_of(labels: dict) -> str | None:
    """The readability test page a fixture was made from, from its ``retrieved_from``."""
    match = _PAGE.search(labels.get("retrieved_from", ""))
    return match.group(1) if match else None


# --- (c) held-out sites of the cleaner's corpus ---------------------------------------------------

POLICY_KINDS = frozenset({"byline", "deck", "caption-unmarked"})


@dataclass
class CorpusScore:
    story: int = 0
    story_dropped: int = 0
    furniture: int = 0
    furniture_dropped: int = 0
    policy: int = 0
    policy_dropped: int = 0
    false_drops: list[tuple[str, str, str]] = field(default_factory=list)
    """(page, line, reason) of story lines dropped."""

    @property
    def keep_rate(self) -> float:
        return 1 - self.story_dropped / self.story if self.story else 1.0

    @property
    def recall(self) -> float:
        return self.furniture_dropped / self.furniture if self.furniture else 1.0


def evaluate_corpus(
    path: Path, split: str = "test", use_model: bool = True
) -> tuple[dict[str, CorpusScore], list[float]]:
    """Scores per corpus source (and ``all``) and the seconds ``clean`` took per page."""
    import time

    from briefing.clean import clean
    from briefing.models import Article

    scores: dict[str, CorpusScore] = {}
    seconds: list[float] = []
    for row in path.read_text(encoding="utf-8").splitlines():
        page = json.loads(row) if row else None
        if not page or page["split"] != split:
            continue
        lines = page["lines"]
        article = Article(title=lines[0], paragraphs=tuple(lines[1:]), source=page["id"])
        start = time.perf_counter()
        cleaned = clean(article, use_model=use_model)
        seconds.append(time.perf_counter() - start)
        reasons = {d.index + 1: d.reason for d in cleaned.dropped if d.index is not None}
        for bucket in (scores.setdefault(page["source"], CorpusScore()),
                       scores.setdefault("all", CorpusScore())):  # fmt: skip
            for i in range(1, len(lines)):
                label, kind = page["labels"][i], page["kinds"][i]
                gone = i in reasons
                if label == "S":
                    bucket.story += 1
                    bucket.story_dropped += gone
                    if gone and bucket is scores["all"]:
                        bucket.false_drops.append((page["id"], lines[i], reasons[i]))
                elif label == "F" and kind in POLICY_KINDS:
                    bucket.policy += 1
                    bucket.policy_dropped += gone
                elif label == "F":
                    bucket.furniture += 1
                    bucket.furniture_dropped += gone
    return scores, seconds


def report_corpus(
    path: Path, split: str, ours: dict[str, CorpusScore], rules: dict[str, CorpusScore],
    seconds: list[float], show: int,
) -> None:  # fmt: skip
    print()
    print(f"(c) Held-out sites ({split} split of {path.name}): clean, and the rules alone")
    print(f"{'source':12} {'story kept':>22} {'furniture dropped':>22} {'policy dropped':>16}"
          f" {'rules: kept':>12} {'rules: dropped':>15}")  # fmt: skip
    for source in sorted(ours, key=lambda k: (k == "all", k)):
        o, r = ours[source], rules[source]
        print(
            f"{source:12} {o.story - o.story_dropped:>6}/{o.story:<6} {_pct(o.keep_rate):>8} "
            f"{o.furniture_dropped:>6}/{o.furniture:<6} {_pct(o.recall):>8} "
            f"{o.policy_dropped:>6}/{o.policy:<6}  {_pct(r.keep_rate):>11} {_pct(r.recall):>14}"
        )
    if seconds:
        mean = sum(seconds) / len(seconds)
        print(f"clean: {len(seconds)} pages, {1000 * mean:.1f} ms mean, "
              f"{1000 * max(seconds):.1f} ms slowest")  # fmt: skip
    for page, line, reason in ours["all"].false_drops[:show]:
        print(f"  FALSE DROP {page} [{reason}] {_short(line)}")


# --- report -----------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _short(line: str, width: int = 90) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def fixtures(articles: Path) -> list[tuple[Path, dict]]:
    return [
        (p, json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8")))
        for p in sorted(articles.glob("*.txt"))
        if p.with_suffix(".expected.json").exists()
    ]


def report_text(results: list[TextResult]) -> None:
    print("(a) Text fixtures: load + clean")
    header = f"{'article':34} {'boilerplate':>13} {'recall':>7} {'keep':>9} {'kept':>7}"
    print(header + f" {'false':>5} {'optional dropped':>16}")
    for r in results:
        print(
            f"{r.name:34} {r.boilerplate_dropped:>5}/{r.boilerplate:<7} {_pct(r.recall):>7} "
            f"{r.keep_kept:>4}/{r.keep:<4} {_pct(r.keep_rate):>7} {len(r.false_drops):>5} "
            f"{r.optional_dropped:>8}/{r.optional:<7}"
        )
    total = TextResult(
        "TOTAL",
        sum(r.boilerplate for r in results),
        sum(r.boilerplate_dropped for r in results),
        sum(r.keep for r in results),
        sum(r.keep_kept for r in results),
        sum(r.optional for r in results),
        sum(r.optional_dropped for r in results),
    )
    print(
        f"{'TOTAL':34} {total.boilerplate_dropped:>5}/{total.boilerplate:<7} "
        f"{_pct(total.recall):>7} {total.keep_kept:>4}/{total.keep:<4} "
        f"{_pct(total.keep_rate):>7} {sum(len(r.false_drops) for r in results):>5} "
        f"{total.optional_dropped:>8}/{total.optional:<7}"
    )
    for r in results:
        for number, line, reason in r.false_drops:
            print(f"  FALSE DROP {r.name}:{number} [{reason}] {_short(line)}")
        for number, line, kind in r.missed:
            print(f"  missed {r.name}:{number} [{kind}] {_short(line)}")
        for mismatch in r.mismatches:
            print(f"  LABEL MISMATCH {r.name}: {mismatch}")


def report_html(rows: list[tuple[str, str, dict[str, OutputScore]]]) -> None:
    print()
    print("(b) HTML pages: body recall / junk lines / precision / title found")
    print("    cells: found/KEEP recall  j<junk lines> precision  T = title found, - = not")
    print(f"{'page':12} {'fixture':32} " + " ".join(f"{name:>26}" for name in OUTPUTS))
    totals = {name: [0, 0, 0, 0] for name in OUTPUTS}  # found, total, keep lines, junk
    for page, name, scores in rows:
        cells = []
        for output in OUTPUTS:
            s = scores[output]
            cells.append(
                f"{s.found:>2}/{s.total:<2} {_pct(s.recall)} j{s.junk:<3}"
                f"{_pct(s.precision)} {'T' if s.title_ok else '-'}"
            )
            t = totals[output]
            t[0] += s.found
            t[1] += s.total
            t[2] += s.classes["keep"]
            t[3] += s.junk
        print(f"{page:12} {name:32} " + " ".join(f"{c:>26}" for c in cells))
    cells = []
    for output in OUTPUTS:
        found, total, useful, junk = totals[output]
        precision = useful / (useful + junk) if useful + junk else 1.0
        cells.append(
            f"{found:>2}/{total:<2} {_pct(found / total if total else 1)} j{junk:<3}"
            f"{_pct(precision)}  "
        )
    print(f"{'TOTAL':12} {'':32} " + " ".join(f"{c:>26}" for c in cells))
    for page, _, scores in rows:
        for output in OUTPUTS:
            s = scores[output]
            for line in s.missed:
                print(f"  {page} {output}: MISSED keep line: {_short(line)}")
            for kind, line in s.junk_lines:
                print(f"  {page} {output}: junk ({kind}): {_short(line)}")
        lost = set(scores["load"].missed) - set(scores["trafilatura"].missed)
        for line in sorted(lost):
            print(f"  {page}: LOST BY OUR LOADER but found by trafilatura: {_short(line)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--min-recall", type=float, help="text: boilerplate recall, total")
    parser.add_argument("--min-keep", type=float, help="text: share of keep lines kept, total")
    parser.add_argument("--max-false-drops", type=int, help="text: keep lines dropped, total")
    parser.add_argument(
        "--min-html-recall", type=float, help="HTML: body recall of load+clean, total"
    )
    parser.add_argument("--max-html-junk", type=int, help="HTML: junk lines of load+clean, total")
    parser.add_argument(
        "--beat-trafilatura",
        action="store_true",
        help="HTML: on every page, load+clean recall >= trafilatura's and junk <= trafilatura's; "
        "fewer junk lines in total",
    )
    parser.add_argument("--no-html", action="store_true", help="skip part (b)")
    parser.add_argument("--corpus", type=Path, help="(c): the cleaner corpus JSONL")
    parser.add_argument("--split", default="test", help="(c): which split to score")
    parser.add_argument("--show", type=int, default=20, help="(c): false drops to list")
    parser.add_argument("--min-corpus-keep", type=float, help="(c): story lines kept, all")
    parser.add_argument(
        "--min-corpus-furniture", type=float, help="(c): furniture lines dropped, all"
    )
    args = parser.parse_args(argv)

    found = fixtures(args.articles)
    if not found:
        print(f"no labelled articles in {args.articles}", file=sys.stderr)
        return 2
    results = [evaluate_text(path, labels) for path, labels in found]
    report_text(results)

    rows: list[tuple[str, str, dict[str, OutputScore]]] = []
    if not args.no_html:
        for path, labels in found:
            page = page_of(labels)
            html = args.articles / "html" / f"{page}.html"
            if page is None or not html.exists():
                continue
            sets = fixture_sets(path, labels)
            outputs = html_outputs(html)
            rows.append((page, path.stem, {k: score_output(v, sets) for k, v in outputs.items()}))
        report_html(rows)

    corpus_scores = None
    if args.corpus:
        corpus_scores, seconds = evaluate_corpus(args.corpus, args.split)
        rules_scores, _ = evaluate_corpus(args.corpus, args.split, use_model=False)
        report_corpus(args.corpus, args.split, corpus_scores, rules_scores, seconds, args.show)

    failures = []
    if corpus_scores:
        total = corpus_scores["all"]
        if args.min_corpus_keep is not None and total.keep_rate < args.min_corpus_keep:
            failures.append(f"corpus story kept {total.keep_rate:.4f} < {args.min_corpus_keep}")
        if args.min_corpus_furniture is not None and total.recall < args.min_corpus_furniture:
            failures.append(
                f"corpus furniture dropped {total.recall:.4f} < {args.min_corpus_furniture}"
            )
    boiler = sum(r.boilerplate for r in results)
    recall = sum(r.boilerplate_dropped for r in results) / boiler if boiler else 1.0
    keep = sum(r.keep for r in results)
    keep_rate = sum(r.keep_kept for r in results) / keep if keep else 1.0
    false_drops = sum(len(r.false_drops) for r in results)
    if args.min_recall is not None and recall < args.min_recall:
        failures.append(f"text recall {recall:.3f} < {args.min_recall}")
    if args.min_keep is not None and keep_rate < args.min_keep:
        failures.append(f"text keep rate {keep_rate:.3f} < {args.min_keep}")
    if args.max_false_drops is not None and false_drops > args.max_false_drops:
        failures.append(f"text false drops {false_drops} > {args.max_false_drops}")
    if rows:
        ours = [scores["load+clean"] for _, _, scores in rows]
        html_total = sum(s.total for s in ours)
        html_recall = sum(s.found for s in ours) / html_total if html_total else 1.0
        html_junk = sum(s.junk for s in ours)
        if args.min_html_recall is not None and html_recall < args.min_html_recall:
            failures.append(f"HTML recall {html_recall:.3f} < {args.min_html_recall}")
        if args.max_html_junk is not None and html_junk > args.max_html_junk:
            failures.append(f"HTML junk lines {html_junk} > {args.max_html_junk}")
        if args.beat_trafilatura:
            for page, _, scores in rows:
                ours_s, base = scores["load+clean"], scores["trafilatura"]
                if ours_s.recall < base.recall or ours_s.junk > base.junk:
                    failures.append(
                        f"{page}: load+clean recall {ours_s.recall:.3f} junk {ours_s.junk} vs "
                        f"trafilatura recall {base.recall:.3f} junk {base.junk}"
                    )
            base_junk = sum(scores["trafilatura"].junk for _, _, scores in rows)
            if html_junk and html_junk >= base_junk:
                failures.append(
                    f"HTML junk lines {html_junk} not fewer than trafilatura's {base_junk}"
                )
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
