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
        ("Last Updated: June 2022", "metadata"),
        ("Read more: How to reduce taxable income", "read-more"),
        ("Source: GitHut 2.0", "caption"),
        ("The editor keeps the API tidy. Source: SmartBear", "caption"),
        ("Updated rules take effect in 2025 across the state.", None),
        ("The source: a leaked memo that said the plan would fail.", None),
        ("Downtown/Film Row", None),
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


GOLD_PAGE = """<html><head><title>Storm</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Storm hits the coast</h1>
<p>By Jane Doe</p>
<p>The storm made landfall on Tuesday near the town of Harrow Creek, officials said.</p>
<figure><img src="a.jpg"><figcaption>Waves break over the harbour wall.</figcaption></figure>
<div>Read more: Floods in the valley</div>
<div>Another storm is due next week</div>
<p>Residents were told to stay indoors until the evening. Share</p>
<p><a href="/floods">Floods in the valley: what we know so far</a></p>
<h2>What comes next</h2>
<p>Engineers will inspect the sea wall on Wednesday, the council said in a statement.</p>
<ul><li>Share on Facebook</li><li>Share on X</li></ul>
<p>Comments</p>
</body></html>"""


def test_gold_labels_from_a_gold_text() -> None:
    lines = corpus.page_lines(GOLD_PAGE)
    story = [
        "The storm made landfall on Tuesday near the town of Harrow Creek, officials said.",
        "Residents were told to stay indoors until the evening.",
        "Floods in the valley: what we know so far",
        "Engineers will inspect the sea wall on Wednesday, the council said in a statement.",
    ]  # the gold leaves out the subhead, and keeps a "related" link as a paragraph
    got = corpus.gold_labels(
        lines, "Storm hits the coast", story, ["Waves break over the harbour wall."]
    )
    assert got is not None
    start, end, labels = got
    texts = [line.text for line in lines[start:end]]
    assert texts[0] == "Storm hits the coast" and start == 1
    assert dict(zip(texts, labels, strict=True)) == {
        "Storm hits the coast": "S",
        "By Jane Doe": "F",
        texts[2]: "S",
        "Waves break over the harbour wall.": "O",
        "Read more: Floods in the valley": "F",
        "Another storm is due next week": "F",
        "Residents were told to stay indoors until the evening. Share": "S",
        "Floods in the valley: what we know so far": "O",
        "What comes next": "O",
        texts[9]: "S",
        "Share on Facebook": "F",
        "Share on X": "F",
        "Comments": "F",
    }
    assert corpus.gold_labels(lines, "Storm hits the coast", [*story, "x " * 200]) is None  # cover


def test_gold_span_ends_at_the_last_story_line_that_is_not_a_reprint() -> None:
    """A share dialog below the footer that prints the summary again does not extend the span."""
    footer = "".join(f"<li>Section {k}</li>" for k in range(30))
    page = GOLD_PAGE.replace(
        "<p>Comments</p>",
        f"<p>Comments</p><ul>{footer}</ul><form><p>Send by e-mail</p>"
        "<p>The storm made landfall on Tuesday near the town of Harrow Creek, officials said.</p>"
        "<p>Your address</p></form>",
    )
    lines = corpus.page_lines(page)
    story = [
        "The storm made landfall on Tuesday near the town of Harrow Creek, officials said.",
        "Engineers will inspect the sea wall on Wednesday, the council said in a statement.",
    ]
    got = corpus.gold_labels(lines, "Storm hits the coast", story)
    assert got is not None
    start, end, _ = got
    texts = [line.text for line in lines[start:end]]
    assert texts[-1] == "Section 1"  # the last story line, then TAIL_LINES more
    assert end - start == texts.index(story[1]) + 1 + corpus.TAIL_LINES


def test_fundus_pages_read_the_parser_test_data(tmp_path: Path) -> None:
    import gzip
    import json

    country = tmp_path / "tests" / "resources" / "parser" / "test_data" / "uk"
    country.mkdir(parents=True)
    (country / "Herald_2024_05_01.html.gz").write_bytes(gzip.compress(GOLD_PAGE.encode()))
    meta = {"Herald_2024_05_01.html.gz": {"url": "https://www.heraldexample.co.uk/a/1"}}
    (country / "meta.info").write_text(json.dumps(meta), "utf-8")
    body = {
        "summary": [],
        "sections": [
            {"headline": [], "paragraphs": [
                "The storm made landfall on Tuesday near the town of Harrow Creek, officials said.",
                "Residents were told to stay indoors until the evening.",
            ]},
            {"headline": ["What comes next"], "paragraphs": [
                "Engineers will inspect the sea wall on Wednesday, the council said in a statement.",
            ]},
        ],
    }  # fmt: skip
    gold = {"V1": {"title": "Storm hits the coast", "body": body, "images": [], "authors": []}}
    (country / "Herald.json").write_text(json.dumps(gold), "utf-8")
    (page,) = corpus.fundus_pages(tmp_path)
    assert page.id == "fundus/uk/Herald_2024_05_01"
    assert page.site == "heraldexample.co.uk"
    assert page.labels == "SFSFFFSOSSFFF"  # the caption is not in the images: furniture here
    assert page.kinds[1] == "byline"


def test_wcxb_pages_read_article_pages_only(tmp_path: Path) -> None:
    import gzip
    import json

    meta = {
        "files": {
            "0001": {"split": "dev", "page_type": "article", "domain": "heraldexample.co.uk"},
            "0002": {"split": "dev", "page_type": "product", "domain": "shop.example.com"},
        }
    }
    (tmp_path / "metadata.json").write_text(json.dumps(meta), "utf-8")
    for folder in ("html", "ground-truth"):
        (tmp_path / "dev" / folder).mkdir(parents=True)
    main = "\n\n".join(
        [
            "The storm made landfall on Tuesday near the town of Harrow Creek, officials said.",
            "Residents were told to stay indoors until the evening.",
            "What comes next",
            "Engineers will inspect the sea wall on Wednesday, the council said in a statement.",
        ]
    )
    truth = {"title": "Storm hits the coast", "main_content": main}
    for file_id, gold in (("0001", repr(truth)), ("0002", truth)):  # the dict, or its repr
        (tmp_path / "dev" / "html" / f"{file_id}.html.gz").write_bytes(
            gzip.compress(GOLD_PAGE.encode())
        )
        record = {"url": "https://www.heraldexample.co.uk/a/1", "ground_truth": gold}
        (tmp_path / "dev" / "ground-truth" / f"{file_id}.json").write_text(
            json.dumps(record), "utf-8"
        )
    (page,) = corpus.wcxb_pages(tmp_path)  # the product page is left out
    assert page.id == "wcxb/dev/0001"
    assert (page.source, page.site) == ("wcxb", "heraldexample.co.uk")
    assert page.split == corpus.split_of("heraldexample.co.uk")  # ours, not WCXB's
    labels = dict(zip(page.lines, page.labels, strict=True))
    assert labels["What comes next"] == "S"
    assert labels["Residents were told to stay indoors until the evening. Share"] == "S"
    assert labels["Share on Facebook"] == "F"
    assert labels["By Jane Doe"] == "F"
