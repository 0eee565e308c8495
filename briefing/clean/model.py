"""The trained model of furniture in context, read from ``data/cleaner_model.json``.

Gradient-boosted decision trees (scikit-learn's ``GradientBoostingClassifier``, trained by
``scripts/train_cleaner.py``) exported as plain arrays: for each tree, the feature and threshold
of every split node, its two children and the value of every leaf. Scoring a line walks each
tree from the root (``x[feature] <= threshold`` goes left) and adds the leaves: plain Python,
no scikit-learn at run time, a few milliseconds for an article.

The file also carries the decision threshold chosen on validation sites (precision first: a
line goes only when the model is this sure) and the numbers measured on held-out test sites.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from briefing.clean.cascade import Page
from briefing.clean.features import BODY_WORDS, FEATURES, describe, line_features
from briefing.clean.rules import _is_prose, _word_count

MODEL_FILE = "data/cleaner_model.json"


@dataclass(frozen=True)
class Tree:
    feature: tuple[int, ...]
    """Per node: the feature index it splits on, -1 for a leaf."""
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf(self, x: Sequence[float]) -> float:
        node = 0
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        while feature[node] >= 0:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]


@dataclass(frozen=True)
class Model:
    """A boosted-trees classifier: P(furniture) = sigmoid(bias + rate * sum of tree leaves)."""

    features: tuple[str, ...]
    bias: float
    rate: float
    trees: tuple[Tree, ...]
    threshold: float
    """Drop a line the rules kept when P(furniture) is at least this (chosen on validation)."""
    veto: float
    """Undo a soft drop of a repeated label (step 10) when P(furniture) is below this (0: never)."""
    list_veto: float
    """Undo a soft drop of a box run or a link beside share buttons (steps 11, 14) below this
    (a model file without it uses ``veto``)."""
    alone: float
    """Drop a line with no furniture beside it only when P(furniture) is at least this."""
    subhead: float
    """Drop a line that reads as a subhead only when P(furniture) is at least this (1.01: never)."""
    info: dict[str, Any]

    def probability(self, x: Sequence[float]) -> float:
        total = 0.0
        for tree in self.trees:  # Tree.leaf inlined: this loop is most of the model's time
            feature, threshold, left, right = tree.feature, tree.threshold, tree.left, tree.right
            node = 0
            f = feature[0]
            while f >= 0:
                node = left[node] if x[f] <= threshold[node] else right[node]
                f = feature[node]
            total += tree.value[node]
        raw = self.bias + self.rate * total
        if raw < 0:  # the logistic both ways round, so a very sure tree sum cannot overflow exp
            e = math.exp(raw)
            return e / (1.0 + e)
        return 1.0 / (1.0 + math.exp(-raw))


def parse_model(data: dict[str, Any]) -> Model:
    """Check and build a model from the parsed JSON; ``ValueError`` when it does not fit."""
    names = tuple(data["features"])
    if names != FEATURES:
        missing = sorted(set(FEATURES) ^ set(names))
        raise ValueError(
            "the cleaner model was trained on other features than briefing.clean.features "
            f"computes ({', '.join(missing[:5]) or 'same names, other order'}); "
            "retrain it with scripts/train_cleaner.py"
        )
    trees = tuple(
        Tree(
            feature=tuple(t["feature"]),
            threshold=tuple(t["threshold"]),
            left=tuple(t["left"]),
            right=tuple(t["right"]),
            value=tuple(t["value"]),
        )
        for t in data["trees"]
    )
    for tree in trees:
        sizes = {len(tree.feature), len(tree.threshold), len(tree.left), len(tree.right)}
        if len(sizes | {len(tree.value)}) != 1 or max(tree.feature) >= len(names):
            raise ValueError("the cleaner model file is damaged: retrain it")
    return Model(
        features=names,
        bias=float(data["bias"]),
        rate=float(data["learning_rate"]),
        trees=trees,
        threshold=float(data["threshold"]),
        veto=float(data.get("veto", 0.0)),
        list_veto=float(data.get("list_veto", data.get("veto", 0.0))),
        alone=float(data.get("alone", 1.01)),
        subhead=float(data.get("subhead", 1.01)),
        info=dict(data.get("info", {})),
    )


@cache
def load_model() -> Model:
    """The packaged model, read once."""
    text = resources.files("briefing").joinpath(MODEL_FILE).read_text("utf-8")
    return parse_model(json.loads(text))


USER_KIND = "user pattern"


def _kind(row: Sequence[float]) -> str:
    """The likeliest kind of a line the model drops, from what it looks like."""
    f = dict(zip(FEATURES, row, strict=True))
    if f["date_like"]:
        return "metadata"
    if f["link_tokens"] or f["title_like_run"] >= math.log1p(2) or f["title_like"]:
        return "read-more"
    return "site-furniture"


def subheads(page: Page) -> list[bool]:
    """Lines that read as a subhead: past the page head, right above a kept body paragraph.

    The model drops these only when near certain (``Model.subhead``): a short line that
    introduces a paragraph ("What happens next", "Key dates", "A New Approach") is the story's
    structure; furniture placed there is mostly a widget ("Article content", a share row).
    """
    head_end = page.head_end()
    n = len(page.lines)
    return [
        head_end <= i
        and i + 1 < n
        and page.kept(i + 1)
        and (_is_prose(page.norms[i + 1]) or _word_count(page.norms[i + 1]) >= BODY_WORDS)
        for i in range(n)
    ]


def decisions(
    probs: Sequence[float],
    ruled: Sequence[bool],
    firm: Sequence[bool],
    subhead: Sequence[bool],
    threshold: float,
    veto: float,
    alone: float = 1.01,
    sure_subhead: float = 1.01,
    *,
    listed: Sequence[bool] | None = None,
    list_veto: float | None = None,
) -> list[bool]:
    """Which lines go (True), given the model's probabilities and the rules' verdicts.

    - a firm rule drop stays; a soft one is undone below ``veto``, or below ``list_veto``
      where ``listed`` says a list-shaped step (box runs, links beside share buttons) made it;
    - a line the rules kept goes at ``threshold`` or above, unless it reads as a subhead (then
      it needs ``sure_subhead``: a share widget right above a paragraph is placed like one) or
      stands alone: furniture comes in runs, so one of its neighbours must be furniture too
      (dropped by the rules, or at the threshold itself). One short line between paragraphs
      is often a subhead or a one-line paragraph, so alone it needs ``alone`` (higher).
    """
    n = len(probs)
    listed = listed or [False] * n
    cut_list = veto if list_veto is None else list_veto
    ruled_now = [
        r and (f or p >= (cut_list if li else veto))
        for r, f, p, li in zip(ruled, firm, probs, listed, strict=True)
    ]
    candidate = [
        not ruled[i] and probs[i] >= (sure_subhead if subhead[i] else threshold) for i in range(n)
    ]
    out = list(ruled_now)
    for i in range(n):
        if candidate[i]:
            near = [j for j in (i - 1, i + 1) if 0 <= j < n]
            if probs[i] >= alone or any(ruled_now[j] or candidate[j] for j in near):
                out[i] = True
    return out


def judge(page: Page, stops: frozenset[str], model: Model | None = None) -> None:
    """Step 15: the model's verdict on every line, given the rules' verdicts as features.

    A line the rules kept goes when the model is at least ``model.threshold`` sure it is
    furniture and it is in a run of furniture (see ``decisions``); a line that a list-shaped
    context step dropped comes back when the model is less than ``model.veto`` sure (a
    repeated label: a buying guide's "Pros" / "Cons") or ``model.list_veto`` sure (a box run
    or a link beside share buttons), since a list that fits one site's link box can be
    another's story list. Firm drops (markers: user patterns, packaged rules,
    timestamps, credits; strong context: a video player's title, repeats) are never
    overruled.
    """
    model = model or load_model()
    rows = line_features(page, stops)
    probs = [model.probability(row) for row in rows]
    ruled = [reason is not None for reason in page.reasons]
    firm = [
        page.firm[i] or (reason is not None and reason[0] == USER_KIND)
        for i, reason in enumerate(page.reasons)
    ]
    verdict = decisions(
        probs,
        ruled,
        firm,
        subheads(page),
        model.threshold,
        model.veto,
        model.alone,
        model.subhead,
        listed=[page.listed(i) for i in range(len(rows))],
        list_veto=model.list_veto,
    )
    if all(verdict) and not all(ruled):
        # The model never empties an article: what the rules left is at least a doubt.
        verdict = [goes and ruled[i] for i, goes in enumerate(verdict)]
    for i, (row, p, goes) in enumerate(zip(rows, probs, verdict, strict=True)):
        if goes and not ruled[i]:
            page.drop(i, (_kind(row), f"model {p:.2f}: {describe(row)}"))
        elif ruled[i] and not goes:
            page.keep(i)
