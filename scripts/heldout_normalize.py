"""Build the normalizer's held-out suite from public written-to-spoken data; commit no data.

The source is the English sample of Google's text-normalization data (Sproat and Jaitly, "RNN
Approaches to Text Normalization: A Challenge", 2016) that amazon-science/proteno publishes as
two aligned pickled lists of tokens (CC-BY-SA): written tokens and what Google's Kestrel
normalizer says for each. Its verbalizations were written by other people with other rules, for
Wikipedia rather than news, so they are judged apart from our own cases and the normalizer's
rules are never fitted to them.

From the evaluation part (the last 40%, as in the Proteno paper) each token that Kestrel
changes becomes one case: the token with up to four unchanged neighbours on each side, written
as text, and the same text with Kestrel's words in its place. The case's class is guessed from
the written token alone (see ``_kind``), with the news classes of the issue, and at most
``--per-class`` cases are drawn per class with a fixed seed.

    git clone https://github.com/amazon-science/proteno /tmp/proteno
    python scripts/heldout_normalize.py /tmp/proteno/data/English -o ~/.cache/briefing/heldout.tsv
    python scripts/heldout_normalize.py /tmp/proteno/data/English --part dev \
        -o ~/.cache/briefing/dev_normalize.tsv

``--part dev`` draws the same kind of suite from the first 60% instead, the part the held-out
suite never uses: a development suite whose failures may be studied (to find the general causes
worth fixing) while the held-out suite stays unseen.

Kestrel says every punctuation token as nothing, so the neighbours are written as written, their
commas and full stops heard as the pauses they are; but the full stop after a spelled initial
inside a sentence ("Ulysses S. Grant", tokens "S" and ".") is left out of the spoken form, as
the data's sentence goes on after it and Kestrel reads "ulysses s grant" (``_initial_stop``).

Kestrel writes a spelled word as lowercase letters ("u s a"), which espeak would read as words
("a" as the article): such letters are written as capitals joined by hyphens ("U-S-Eh"), which
espeak spells, as Kestrel means. The letter "a" is written "Eh", as ``briefing``'s own spelling
does: espeak reads a capital "A" on its own or after a hyphen as the article whenever a word
follows ("U-S-A partners" is heard "you ess uh partners").

The output is a TSV of ``class``, ``written`` and ``spoken`` (Kestrel's reading), read by
``scripts/eval_normalize.py --heldout``. The pickles hold lists of strings and numpy scalars:
they are read with an unpickler that refuses every other type.
"""

from __future__ import annotations

import argparse
import csv
import pickle
import random
import re
from pathlib import Path

_ALLOWED = {
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy", "dtype"),
}
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_UNIT = (
    r"(?:k?m|cm|mm|km|mi|ft|in|yd|kg|g|mg|lb|lbs|oz|t|l|ml|ha|sq|mph|km/h|kph|°[cf]|°|%|kw|mw|"
    r"gw|kwh|hp|mb|gb|tb|kb|mbps|gbps|hz|khz|mhz|ghz|v|kv|ms|hr|hrs|min|ac|m2|km2|m3|cc)"
)
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "electronic",
        re.compile(
            r"(?i)^(?:https?://|www\.|\S+@\S+\.\w+$|#\w+$|@\w+$|\S+\.(?:com|org|net|gov|edu|uk|de|fr)(?:/\S*)?$)"
        ),
    ),
    (
        "money",
        re.compile(
            r"(?i)^(?:[$€£¥₹]|(?:us|c|a|nz|hk)\$|usd|eur|gbp|rs\.?\s?)\s?\d|\d[\d.,]*\s?(?:[$€£]|usd|eur|dollars?)$"
        ),
    ),
    ("time", re.compile(r"(?i)^\d{1,2}(?::\d\d){1,2}(?:\s?[ap]\.?m\.?)?$|^\d{1,2}\s?[ap]\.?m\.?$")),
    (
        "telephone",
        re.compile(
            r"^(?:\+?\d{1,3}[\s-])?\(?\d{2,4}\)?[\s-]\d{3,4}[\s-]\d{3,4}$|^\d{1,3}-\d{3}-\d{3}-\d{4}$"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?i)^(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|(?:{_MONTHS})\.?(?:\s\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:\s\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s(?:{_MONTHS})\.?(?:\s\d{{4}})?|1[0-9]\d\ds?|20\d\ds?|'\d0s)$"
        ),
    ),
    ("fraction", re.compile(r"^(?:\d+\s)?\d+/\d+$|^\d*\s?[½¼¾⅓⅔⅛]$")),
    ("measure", re.compile(rf"(?i)^-?\d[\d.,]*\s?(?:million\s|billion\s)?{_UNIT}(?:/{_UNIT})?$")),
    ("range", re.compile(r"^\d[\d,.]*\s?[-–]\s?\d[\d,.]*$")),
    ("ordinal", re.compile(r"(?i)^\d[\d,]*(?:st|nd|rd|th)$")),
    (
        "decimal",
        re.compile(
            r"(?i)^-?\d*\.\d+(?:\s(?:million|billion|trillion))?$|^-?\d[\d,]*\s(?:million|billion|trillion)$"
        ),
    ),
    (
        "roman",
        re.compile(r"^(?=[MDCLXVI]{2})M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$"),
    ),
    ("cardinal", re.compile(r"^-?\d{1,3}(?:,\d{3})*$|^-?\d+$")),
    ("address", re.compile(r"(?i)^\d+\s\w+\s(?:st|ave|rd|blvd|dr|ln)\.?$")),
    ("abbreviations", re.compile(r"^(?:[A-Z]\.?){2,6}s?$|^[A-Z][a-z]{0,4}\.$|^[A-Z]\.$")),
]


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing {module}.{name}")


def _load(path: Path) -> list[list[str]]:
    with path.open("rb") as handle:
        return [[str(token) for token in sentence] for sentence in _SafeUnpickler(handle).load()]


_SPELLED = re.compile(r"^[a-z](?: [a-z])*\.?$")


def _kind(written: str, said: str) -> str | None:
    """The news class of a written run, from its shape (and, for letters, what is said)."""
    if _SPELLED.match(said) and written[:1].isupper():
        return "abbreviations"
    for kind, pattern in _KINDS:
        if pattern.match(written):
            return kind
    return None


_PUNCT = re.compile(r"^[^\w\s]+$")
_GLUE_AFTER = re.compile(r"([$€£¥(\[#@]|\b[A-Z]{1,2}\$) ")
_GLUE_BEFORE = re.compile(r" ([,.;:!?)\]%])")
_GLUE_DIGITS = re.compile(r"(?<=\d) ([-–:/.,]) (?=\d)|(?<=\d) ([-–/]) (?=\w)")


def _detokenize(tokens: list[str]) -> str:
    """Tokens back to text as news writes it: "$ 5" -> "$5", "1573 - 1595" -> "1573-1595"."""
    text = " ".join(t for t in tokens if t)
    for _ in range(2):
        text = _GLUE_DIGITS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _GLUE_BEFORE.sub(r"\1", _GLUE_AFTER.sub(r"\1", text))
    return re.sub(r'"\s*"', "", text).strip()


def _letters_as_heard(said: str) -> str:
    """ "u s a" -> "U-S-Eh", "k" -> "K": Kestrel's spelled letters as letters espeak spells
    (an "a" as "Eh", which espeak says as the letter, never as the article)."""
    if not _SPELLED.match(said):
        return said
    stop = "." if said.endswith(".") else ""
    letters = ("Eh" if c == "a" else c.upper() for c in said.rstrip(".").split())
    return "-".join(letters) + stop


def _unchanged(before: str, after: str) -> bool:
    return before == after or (not after and bool(_PUNCT.match(before)))


def _initial_stop(before: list[str], after: list[str], i: int, j: int) -> bool:
    """Whether the run ``i:j`` is one spelled letter whose full stop, the next token, Kestrel
    drops inside the sentence: an initial ("Ulysses", "S", ".", "Grant" -> "ulysses", "s", "",
    "grant"). Kestrel says every full stop as nothing, so the stop kept from the written side
    would be heard as a sentence end; the data's own sentences say it is none, since words
    follow it in the same sentence."""
    return (
        j - i == 1
        and re.fullmatch(r"[a-z]", after[i]) is not None
        and j < len(before)
        and before[j] == "."
        and after[j] == ""
        and any(not _PUNCT.match(token) for token in before[j + 1 :])
    )


def cases(written: list[list[str]], spoken: list[list[str]]) -> list[tuple[str, str, str]]:
    """(class, written, spoken) for every run of tokens Kestrel changes, in every sentence.

    A run is a maximal stretch of changed tokens ("1573", "-", "1595" -> "fifteen seventy
    three", "to", "fifteen ninety five"); the tokenization split what news writes as one
    token, so the run is glued back ("1573-1595") and classed as a whole."""
    out = []
    for before, after in zip(written, spoken, strict=True):
        if len(before) != len(after):
            continue
        i = 0
        while i < len(before):
            if _unchanged(before[i], after[i]):
                i += 1
                continue
            j = i
            while j < len(before) and not _unchanged(before[j], after[j]):
                j += 1
            run = _detokenize(before[i:j])
            kind = _kind(run, " ".join(a for a in after[i:j] if a))
            if kind is not None:
                lo, hi = max(0, i - 4), min(len(before), j + 4)
                while lo < i and not all(
                    _unchanged(b, a) for b, a in zip(before[lo:i], after[lo:i], strict=True)
                ):
                    lo += 1
                while hi > j and not all(
                    _unchanged(b, a) for b, a in zip(before[j:hi], after[j:hi], strict=True)
                ):
                    hi -= 1
                text = " ".join(
                    part
                    for part in (_detokenize(before[lo:i]), run, _detokenize(before[j:hi]))
                    if part
                )
                said = " ".join(_letters_as_heard(after[k]) for k in range(i, j) if after[k])
                following = before[j:hi]
                if _initial_stop(before, after, i, j):
                    following = following[1:]  # "Ulysses S. Grant": Kestrel says "s", no stop
                expected = " ".join(
                    part
                    for part in (_detokenize(before[lo:i]), said, _detokenize(following))
                    if part
                )
                out.append((kind, _detokenize(text.split(" ")), _detokenize(expected.split(" "))))
            i = j
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder with unnorm_list.pkl and norm_list.pkl")
    parser.add_argument("-o", "--output", type=Path, required=True, help="TSV to write")
    parser.add_argument("--per-class", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--part",
        choices=("test", "dev"),
        default="test",
        help="test: the last 40%% (held-out); dev: the first 60%%, for studying failures",
    )
    args = parser.parse_args()
    written = _load(args.source / "unnorm_list.pkl")
    spoken = _load(args.source / "norm_list.pkl")
    start = len(written) * 6 // 10
    if args.part == "test":
        found = cases(written[start:], spoken[start:])
    else:
        found = cases(written[:start], spoken[:start])
    by_kind: dict[str, list[tuple[str, str, str]]] = {}
    for case in found:
        by_kind.setdefault(case[0], []).append(case)
    rng = random.Random(args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["class", "written", "spoken"])
        for kind in sorted(by_kind):
            unique = sorted(set(by_kind[kind]))
            chosen = rng.sample(unique, min(args.per_class, len(unique)))
            out.writerows(sorted(chosen))
            print(f"{kind:14} {len(chosen):4} of {len(unique)}")


if __name__ == "__main__":
    main()
