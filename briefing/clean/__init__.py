"""Drop what is not the story from a copied news article, and say why for every line dropped.

A page copied from a browser brings its furniture along: ad labels, "READ MORE" links, video
player text, share buttons, newsletter boxes, photo credits, timestamps, related-story boxes.
Read aloud, each of these breaks the story, so the cleaner removes them before segmentation.
Precision matters as much as recall: a listener who loses a paragraph of the story is worse
off than one who hears "Advertisement", so every rule describes a whole line of furniture, or
the start or end that marks one, and never a word that prose can use ("a sign advertised...",
"'Watch out,' he said", a sentence that starts with "Facebook").

Two parts work together. The packaged rules are high-precision markers: a line that says
what it is ("Advertisement", "LIRE AUSSI : ...", "Фото: ...") goes, whatever the site. A
trained model of furniture in context then judges every line from its shape and its
neighbours, the way boilerplate detection research (boilerpipe, jusText) found generalizes
across sites: bare headlines of a related-stories rail, widget rows, tag lists that no rule
names. The package:

- ``rules.py``: the rule file's loader and the line tests (separators, timestamps in several
  languages, captions with a credit), and the text helpers everything shares;
- ``cascade.py``: steps 1-14 below, on a working ``Page``;
- ``language.py``: stop words (``data/stopwords.json``, from jusText) and the article's
  language told by them;
- ``features.py``: the model's features of a line and its neighbours;
- ``model.py``: the trained trees (``data/cleaner_model.json``, written by
  ``scripts/train_cleaner.py``), walked in plain Python, and step 15.

Most of the rules' knowledge is data: ``data/boilerplate.toml`` holds regex rules, each with a name
and a kind (the categories of the labelled articles: ad-label, read-more, video, newsletter,
share, site-furniture, author-bio, metadata, credit, caption, spam). The code adds what a
single line cannot tell: context, repetition and position. Every paragraph gets at most one
reason, a kind and a rule (shown as ``"<kind>: <rule>"``); the first step that fires wins, and later steps see what the
earlier ones dropped.

The cascade:

1. User patterns (``--drop-pattern REGEX``, ``re.search``, case-insensitive), tried first so
   the user always gets the last word: reason ``user pattern: <regex>``.
2. Separator lines: no letter or digit at all ("___", "* * *", "—").
3. Timestamp lines: once dates, clock times, "N hours ago", time zones and the words
   "published / updated / posted" are taken out, nothing is left, or at most four words of an
   outlet or place name ("CNNMoney (New York) First published February 1, 2016: 1:28 AM ET").
   A sentence that mentions a date keeps its other words and stays.
4. Packaged rules, in file order (rules marked ``where = "head"`` wait for step 6).
5. Photo captions whose end carries a credit in parentheses: "(Name/Agency)",
   "(AP Photo/Jane Doe)", "(... via AP)", "(Photo: ...)".
6. Head-only rules (section labels, breadcrumbs) on the lines before the first body paragraph
   (a kept line of 12 or more words that ends like a sentence).
7. Video titles: a line that repeats the quoted title of a "Click to play video: '...'" line
   just above it.
8. A line identical to the one before it (galleries print captions twice; pages repeat
   buttons). It takes the reason of its twin when the twin was dropped.
9. A line that repeats the headline.
10. Widget labels: a short line (six words at most, not a sentence) found three or more times
    in the article ("Next On BuzzFeed News ›", "Tweet").
11. Boxes: after a box heading (a rule with ``opens_box``: "Related", "Most Read", "More from
    ...", "What to Read Next", "We Recommend", "Related Topics", "Sponsored Links"...), the run
    of short title-like lines (at most 20 words, not ending in a period) is the box's
    headlines, source lines and tags. The run goes on over lines already dropped and ends at
    the first line that reads like prose.
12. Video titles between player controls: a short title-like line with video furniture both
    just before and just after it ("Replay" / title / "Your video will play in 00:25").
13. Picture credits: a short line right after an image label (a rule with ``image_label``,
    e.g. "View this image ›").
14. Story links beside share buttons: in the head, short title-like lines that follow share
    buttons are the previous/next story links such pages put there.
15. The model (``model.judge``): every line gets P(furniture) from its features, which include
    the verdicts of steps 1-14. A line the rules kept goes when P is at least the model's
    threshold and the line sits in a run of furniture (a neighbour is dropped or as likely;
    the shipped model never drops a line alone); a line right above a body paragraph (placed
    like a subhead) needs near certainty. Reason: ``model 0.97: short title-like line, between
    dropped lines``. A line a context step dropped softly comes back when P is below the veto
    (10 repeated labels) or the lower list veto (11 box runs, 14 links beside share buttons);
    markers are final.

Structure the rules keep, precision first: a short line repeated three times stays when most
of its copies head a section of three lines or more and another repeated line stands between
them (a meal plan's "Meal 1" / "Pre-Workout Meal", a report's "The issue" / "Our verdict");
three or more date lines after the story starts, with other lines between them, are a
calendar (step 10b); four or more bare numbers are a table, not share counts (step 10c).

The article's language (``lang``, else ``article.metadata.language``, else detected from the
stop words) picks the stop-word list the features use.

Policy on lines the labels call optional (not boilerplate, not story):

- Bylines marked with "By" or "Written by" ("By Jane Doe", "BY JANE DOE, Associated Press")
  are dropped (kind ``byline``): the narration has its own intro. Unmarked name lines ("Jane
  Doe", "Our Foreign Staff") are kept, since a bare name cannot be told from a one-line
  paragraph safely; a line that is only an agency name ("Associated Press", "Reuters") goes as
  a bare photo credit.
- Captions without a credit or label are kept, except AP-style "In this ... photo" and
  "FILE - ..." captions, which are dropped (kind ``caption``).
- Correction notes ("This version corrects ...") are kept: the newsroom wrote them about this
  story.

The title is never dropped, and kept paragraphs are never rewritten.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from briefing.clean.cascade import run_rules
from briefing.clean.language import detect, stopwords_for
from briefing.clean.model import judge
from briefing.clean.rules import (
    KINDS,
    Rule,
    _compile_user_patterns,
    load_rules,
    parse_rules,
    squash,
    timestamp_line,
)
from briefing.models import Article, Dropped

__all__ = ["KINDS", "Rule", "clean", "load_rules", "parse_rules", "squash", "timestamp_line"]

logger = logging.getLogger(__name__)


def clean(
    article: Article,
    extra_patterns: Sequence[str] = (),
    *,
    lang: str | None = None,
    use_model: bool = True,
) -> Article:
    """Return the article with boilerplate paragraphs moved to ``dropped``, each with a reason.

    ``extra_patterns`` are user regexes (``--drop-pattern``), matched with ``re.search``,
    case-insensitive; an invalid one raises :class:`InputError`. ``Dropped.index`` is the
    paragraph's position in ``article.paragraphs``. ``lang`` is the article's language
    (``"fr"``, ``"pt-BR"``); ``None`` takes ``article.metadata.language`` or else detects it
    from the stop words. ``use_model=False`` runs the packaged rules alone (steps 1-14).
    """
    users = _compile_user_patterns(extra_patterns)
    paragraphs = tuple(article.paragraphs)
    page = run_rules(article.title, paragraphs, users)
    language = lang or article.metadata.language or detect((article.title, *paragraphs))
    if use_model and paragraphs:  # step 15
        judge(page, stopwords_for(language))
    kept: list[str] = []
    dropped: list[Dropped] = []
    for i, (line, reason) in enumerate(zip(page.lines, page.reasons, strict=True)):
        if reason is None:
            kept.append(line)
        else:
            kind, rule = reason
            dropped.append(Dropped(line=line, kind=kind, rule=rule, index=i))
            logger.debug("dropped paragraph %d (%s: %s): %.60s", i, kind, rule, line)
    logger.info(
        "cleaning %s (%s): kept %d of %d paragraphs",
        article.source,
        language,
        len(kept),
        len(page.lines),
    )
    return replace(article, paragraphs=tuple(kept), dropped=tuple(dropped))
