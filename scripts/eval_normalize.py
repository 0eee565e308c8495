"""Score the normalizer by ear, class by class, and time it on whole articles.

Two suites, reported apart:

- ours: ``tests/normalize_cases.tsv``, the table-driven cases written for this project (the
  tests assert every one is heard right);
- held-out: a TSV made by ``scripts/heldout_normalize.py`` from public written-to-spoken data
  (default ``~/.cache/briefing/heldout_normalize.tsv``); the rules are never fitted to it;
- dev (``--dev PATH``): the same kind of suite from the other part of the data
  (``heldout_normalize.py --part dev``), whose failures ``--failures`` lists: the cases to study
  for general causes, so that the held-out suite need never be looked into.

A case is heard right when ``normalize(written)`` and the expected spoken form give the same
phonemes through Piper's espeak phonemizer (``briefing.normalize.ear``), and right by string when
both agree as words (lowercase, no punctuation or hyphens, digits as num2words says them). The
last column is the raw text, not normalized, for comparison.

    python scripts/eval_normalize.py [--markdown] [--heldout PATH] [--dev PATH] [--failures]
    python scripts/eval_normalize.py --respell "Erdogan=Air-doh-wahn"   # for the lexicon
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefing.normalize import normalize  # noqa: E402
from briefing.normalize.ear import same_to_ear  # noqa: E402

OURS = REPO / "tests" / "normalize_cases.tsv"
HELDOUT = Path.home() / ".cache" / "briefing" / "heldout_normalize.tsv"
ARTICLES = [
    REPO / "samples" / "sample_article.txt",
    *sorted((REPO.parent / "shared" / "articles").glob("*.txt")),
]
_NOT_WORD = re.compile(r"[^\w']+")
_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.,]\d)")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d.])|(?<![\d.,])\d+(?![\d,]|\.\d)")
_AND = re.compile(r"\b(hundred|thousand|million|billion) and\b")


def read_cases(path: Path) -> list[tuple[str, str, str, str]]:
    """(class, lang, written, spoken) rows; a file without a lang column is English."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["class"], r.get("lang") or "en", r["written"], r["spoken"]) for r in rows]


def by_string(ours: str, expected: str, lang: str = "en") -> bool:
    """Equal as words: lowercase, no punctuation or hyphens, digits read as num2words says
    them ("20 dollars" = "twenty dollars"), "and" inside a number optional."""
    from num2words import num2words

    def canon(text: str) -> str:
        text = _DECIMAL.sub(lambda m: " " + num2words(float(m.group(0)), lang=lang) + " ", text)
        text = _NUMBER.sub(
            lambda m: " " + num2words(int(m.group(0).replace(",", "")), lang=lang) + " ", text
        )
        return " ".join(_AND.sub(r"\1", _NOT_WORD.sub(" ", text.lower())).split())

    return canon(ours) == canon(expected)


def score(cases: Iterable[tuple[str, str, str, str]]) -> tuple[dict[str, list[int]], list[tuple]]:
    """Per class: [cases, heard right, right by string, raw text heard right]; and the cases
    not heard right."""
    table: dict[str, list[int]] = {}
    failures = []
    for kind, lang, written, spoken in cases:
        ours = normalize(written, lang)
        row = table.setdefault(kind, [0, 0, 0, 0])
        row[0] += 1
        heard = same_to_ear(ours, spoken, lang)
        row[1] += heard
        row[2] += by_string(ours, spoken, lang)
        row[3] += same_to_ear(written, spoken, lang)
        if not heard:
            failures.append((kind, lang, written, ours, spoken))
    return table, failures


def render(title: str, table: dict[str, list[int]], markdown: bool) -> str:
    total = [sum(row[i] for row in table.values()) for i in range(4)]
    rows = [(kind, *table[kind]) for kind in sorted(table)] + [("all", *total)]

    def pct(part: int, whole: int) -> str:
        # rounded down, so that a share just under a target never prints as the target
        return f"{part} ({int(1000 * part / whole) / 10:g}%)" if whole else "-"

    lines = [f"{title}"]
    if markdown:
        lines += [
            "",
            "| class | cases | heard right | right by string | raw text heard right |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {k} | {n} | {pct(h, n)} | {pct(s, n)} | {pct(r, n)} |" for k, n, h, s, r in rows
        ]
    else:
        lines += [f"{'class':15} {'cases':>6} {'heard right':>14} {'by string':>14} {'raw':>14}"]
        lines += [
            f"{k:15} {n:6} {pct(h, n):>14} {pct(s, n):>14} {pct(r, n):>14}"
            for k, n, h, s, r in rows
        ]
    return "\n".join(lines)


def cold_start() -> float:
    """Milliseconds of the very first call, which reads the data files and compiles the rules."""
    text = ARTICLES[0].read_text(encoding="utf-8")
    start = time.perf_counter()
    normalize(text)
    return (time.perf_counter() - start) * 1000


def timing(markdown: bool, cold: float) -> str:
    """Milliseconds to normalize each article, median of 5 warm runs."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in ARTICLES if p.exists()]
    rows = []
    for name, text in texts:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            normalize(text)
            runs.append((time.perf_counter() - start) * 1000)
        rows.append((name, len(text), statistics.median(runs)))
    lines = [
        f"Normalizing an article (median of 5; the very first call, loading data: {cold:.0f} ms)"
    ]
    if markdown:
        lines += ["", "| article | characters | ms |", "|---|---:|---:|"]
        lines += [f"| {n} | {c} | {ms:.1f} |" for n, c, ms in rows]
    else:
        lines += [f"{n:48} {c:7} {ms:7.1f} ms" for n, c, ms in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="markdown tables")
    parser.add_argument("--heldout", type=Path, default=HELDOUT, help="held-out TSV")
    parser.add_argument("--dev", type=Path, help="dev TSV (heldout_normalize.py --part dev)")
    parser.add_argument(
        "--failures", action="store_true", help="list our and the dev cases not heard right"
    )
    parser.add_argument("--no-heldout", action="store_true", help="skip the held-out suite")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument(
        "--respell",
        metavar="NAME=RESPELLING",
        action="append",
        help="print what the voice hears of a name and of a respelling (for data/lexicon_en.toml)",
    )
    args = parser.parse_args()
    if args.respell:
        from briefing.normalize.ear import heard

        for pair in args.respell:
            name, _, respelling = pair.partition("=")
            print(f'"{name}" = "{respelling}"  # was {heard(name)}')
            print(f'"{name}" = "{heard(respelling)}"  # [heard]')
        return
    cold = cold_start()
    table, failures = score(read_cases(OURS))
    print(render(f"Our cases ({OURS.relative_to(REPO)})", table, args.markdown))
    if args.failures:
        for kind, lang, written, ours, spoken in failures:
            print(f"  {kind}/{lang}: {written!r} -> {ours!r}, expected {spoken!r}")
    print()
    if args.dev is not None:
        dev, dev_failures = score(read_cases(args.dev))
        print(render(f"Dev cases ({args.dev})", dev, args.markdown))
        if args.failures:
            for kind, lang, written, ours, spoken in dev_failures:
                print(f"  {kind}/{lang}: {written!r} -> {ours!r}, expected {spoken!r}")
        print()
    if args.no_heldout:
        pass
    elif args.heldout.exists():
        held, _ = score(read_cases(args.heldout))
        print(render(f"Held-out cases ({args.heldout})", held, args.markdown))
    else:
        print(f"No held-out suite at {args.heldout}: see scripts/heldout_normalize.py")
    if not args.no_timing:
        print()
        print(timing(args.markdown, cold))


if __name__ == "__main__":
    main()
