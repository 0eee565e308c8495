"""Tests for scripts/cleaner_corpus.py: how public labelled pages become the cleaner's corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import cleaner_corpus as corpus


def test_lines_are_blocks_with_the_majority_label() -> None:
    html = """<html><head><title>x</title><script>var a;</script></head><body>
    <div><span class="x-nc-sel1">Storm hits the coast</span></div>
    <p><span class="x-nc-sel2">The storm made landfall on Tuesday near the town of
    Harrow Creek, officials said.</span> <a href="#">Share</a></p>
    <div class="x-nc-invisible">hidden menu</div>
    <ul><li><span class="x-nc-sel4">Related: Floods in the valley</span></li></ul>
    <p>Copyright 2008</p>
    </body></html>"""
    lines = corpus.page_lines(html)
    texts = [line.text for line in lines]
    assert texts == [
        "Storm hits the coast",
        "The storm made landfall on Tuesday near the town of Harrow Creek, officials said. Share",
        "Related: Floods in the valley",
        "Copyright 2008",
    ]
    majority = [line.chars.most_common(1)[0][0] for line in lines]
    assert majority == [1, 2, 4, 0]


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("http://news.bbc.co.uk/2/hi/world.stm", "bbc.co.uk"),
        ("https://www.theguardian.com/world/2020", "theguardian.com"),
        ("http://ukpress.google.com/article/x", "google.com"),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert corpus.site_of(url) == site


def test_split_is_by_site_and_stable() -> None:
    splits = {corpus.split_of(f"site{i}.com") for i in range(50)}
    assert splits == {"train", "val", "test"}
    assert corpus.split_of("bbc.co.uk") == corpus.split_of("bbc.co.uk")


@pytest.mark.parametrize(
    ("line", "policy"),
    [
        ("(Writing by Gene Cherry; Editing by Peter Rutherford)", "credit"),
        ("AP Business Writer Kelly Olsen in Seoul contributed to this report.", "credit"),
        ("(Copyright 2007 by The Associated Press. All Rights Reserved.)", "copyright"),
        ("By JAMES PRICHARD, AP Business Writer", "byline"),
        ("___", "separator"),
        ("advertisement", "ad-label"),
        ("Fans wait outside the stadium on Sunday. (AP Photo/Jane Doe)", "caption"),
        ("jane.doe@example.com", "contact"),
        ("Fri Dec 28, 7:05 AM ET", "metadata"),
        ("The council voted on Tuesday to approve the budget.", None),
        ("By the end of the day, the river had risen two metres.", None),
    ],
)
def test_policy_of(line: str, policy: str | None) -> None:
    assert corpus.policy_of(line, "Storm hits the coast") == policy


def test_policy_of_repeats() -> None:
    assert corpus.policy_of("Storm hits the coast", "Storm hits the coast") == "headline-repeat"
    assert corpus.policy_of("Same line", "Title", previous="Same line") == "duplicate"


@pytest.mark.parametrize(
    ("line", "before_story", "kind"),
    [
        ("By Jane Doe, Staff Writer", False, "byline"),
        ("January 8, 2008 12:00am", False, "metadata"),
        ("A long deck that sums up the story in one sentence for readers.", True, "deck"),
        ("Font size: Decrease Increase", False, "furniture"),
    ],
)
def test_kind_of(line: str, before_story: bool, kind: str) -> None:
    assert corpus.kind_of(line, None, before_story) == kind


def test_label_record_has_no_text() -> None:
    page = corpus.Page(
        id="l3s/x",
        source="l3s",
        site="example.com",
        url="http://example.com/a",
        lines=["Title", "Story line.", "Share"],
        labels="SSF",
        kinds=["", "", "furniture"],
        span=(3, 6),
    )
    record = corpus.label_record(page)
    assert record == {
        "id": "l3s/x",
        "site": "example.com",
        "split": corpus.split_of("example.com"),
        "span": [3, 6],
        "labels": "SSF",
        "kinds": {"2": "furniture"},
    }
    assert "Story line." not in str(record)
