"""Shared fixtures: the labelled articles in ../shared/articles and the ``net`` marker."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_ARTICLES = Path(
    os.environ.get("BRIEFING_SHARED_ARTICLES", REPO.parent / "shared" / "articles")
)
SAMPLE_ARTICLE = REPO / "samples" / "sample_article.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-net", action="store_true", help="run tests that need the internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-net"):
        return
    skip = pytest.mark.skip(reason="needs the internet; run with --run-net")
    for item in items:
        if "net" in item.keywords:
            item.add_marker(skip)


def labelled_articles() -> list[Path]:
    """The ``.txt`` files of ../shared/articles that have an ``.expected.json`` beside them."""
    if not SHARED_ARTICLES.is_dir():
        return []
    return sorted(p for p in SHARED_ARTICLES.glob("*.txt") if p.with_suffix(".expected.json").exists())


def load_labels(article: Path) -> dict:
    return json.loads(article.with_suffix(".expected.json").read_text(encoding="utf-8"))


requires_shared = pytest.mark.skipif(
    not SHARED_ARTICLES.is_dir(),
    reason=f"labelled articles not found at {SHARED_ARTICLES} (set BRIEFING_SHARED_ARTICLES)",
)
