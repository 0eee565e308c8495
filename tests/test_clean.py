"""Tests for briefing.clean: labelled articles, furniture in many outlets' styles, prose that stays.

Table-driven. The outlet-style lines are made up in the shape of real pages (not copied from the
labelled articles), so they check that rules describe families of furniture, not seven pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLE_ARTICLE, labelled_articles, load_labels, requires_shared

from briefing.clean import KINDS, Rule, clean, load_rules, parse_rules, squash
from briefing.errors import InputError
from briefing.models import Article, Dropped

TITLE = "Council approves budget after a long debate"
BODY = (
    "The town council voted 7-2 on Tuesday to approve the new budget, which includes money for "
    "road repairs and a second fire station.",
    "Mayor Ana Ruiz said the plan would not raise property taxes, though some fees for permits "
    "will go up next year.",
    "Council member Tom Hale voted against it, saying the town should have waited for a new audit "
    "of its water system.",
    "The budget takes effect on Jan. 1 and runs through the end of the year, according to the "
    "town clerk.",
    "Residents who spoke at the meeting were split, with several asking for more money for the "
    "library.",
    "The council will meet again next month to discuss the water system and a proposal for new "
    "bike lanes.",
)
POSITIONS = {"head": 0, "middle": 3, "tail": len(BODY)}


def article_from_text(text: str, source: str = "-") -> Article:
    """What the text loader does: first non-empty line is the title, the other lines paragraphs."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Article(title=lines[0], paragraphs=tuple(lines[1:]), source=source)


def verdict(line: str, where: str = "middle") -> tuple[str | None, list[Dropped]]:
    """Clean ``line`` placed among body prose; return its reason and any other dropped lines."""
    at = POSITIONS[where]
    paragraphs = (*BODY[:at], line, *BODY[at:])
    result = clean(Article(title=TITLE, paragraphs=paragraphs))
    reason = next((d.reason for d in result.dropped if d.index == at), None)
    return reason, [d for d in result.dropped if d.index != at]


def kind_of(reason: str) -> str:
    return reason.split(":", 1)[0]


# --- 1. the labelled articles -------------------------------------------------------------------


def _labelled_params() -> list:
    return [pytest.param(path, id=path.stem) for path in labelled_articles()]


@requires_shared
@pytest.mark.parametrize("path", _labelled_params())
def test_labelled_article(path: Path) -> None:
    labels = load_labels(path)
    article = article_from_text(path.read_text(encoding="utf-8"), str(path))
    lines = [article.title, *article.paragraphs]  # lines[n - 1] is non-empty line n
    result = clean(article)
    dropped = {d.index: d for d in result.dropped}

    boilerplate = labels["boilerplate_line_numbers"]
    optional = set(labels["optional_line_numbers"])
    for number, text in zip(boilerplate, labels["boilerplate_lines"], strict=True):
        assert squash(lines[number - 1]) == squash(text), f"labels out of step at line {number}"

    missed = [f"  line {n}: {lines[n - 1]!r}" for n in boilerplate if n - 2 not in dropped]
    lost = [
        f"  line {n} ({dropped[n - 2].reason}): {lines[n - 1]!r}"
        for n in range(2, len(lines) + 1)
        if n not in boilerplate and n not in optional and n - 2 in dropped
    ]
    assert not missed, f"{path.stem}: boilerplate kept:\n" + "\n".join(missed)
    assert not lost, f"{path.stem}: story lines dropped:\n" + "\n".join(lost)
    assert result.title == article.title
    for d in result.dropped:
        assert d.reason.strip(), f"no reason for {d.line!r}"
        assert d.line == article.paragraphs[d.index]
    for kept in labels["keep_lines_sample"]:
        if squash(kept) != squash(article.title):
            assert kept in result.paragraphs, f"sample keep line lost: {kept!r}"


def _story_lines() -> list:
    """Every line the labels say is story (not boilerplate, not optional), from all articles."""
    params = []
    for path in labelled_articles():
        labels = load_labels(path)
        skip = set(labels["boilerplate_line_numbers"]) | set(labels["optional_line_numbers"])
        lines = article_from_text(path.read_text(encoding="utf-8")).paragraphs
        params += [
            pytest.param(line, id=f"{path.stem}:{n}")
            for n, line in enumerate(lines, start=2)
            if n not in skip
        ]
    return params


@requires_shared
@pytest.mark.parametrize("where", ["head", "middle", "tail"])
@pytest.mark.parametrize("line", _story_lines())
def test_labelled_story_lines_stay_anywhere(line: str, where: str) -> None:
    """Out of their page, among other prose and at either end, story lines still stay."""
    reason, others = verdict(line, where)
    assert reason is None, f"{line!r} dropped ({where}): {reason}"
    assert not others


@requires_shared
def test_labelled_articles_are_there() -> None:
    assert len(labelled_articles()) >= 7


# --- 2. furniture in other outlets' styles -------------------------------------------------------

# (kind, line): dropped wherever it stands among body prose, with a reason of that kind.
DROP = [
    # ad-label
    ("ad-label", "Advertisement"),
    ("ad-label", "ADVERTISEMENT"),
    ("ad-label", "- Advertisement -"),
    ("ad-label", "Advertisement - scroll to continue"),
    ("ad-label", "Advertisement · Scroll to continue"),
    ("ad-label", "Story continues below"),
    ("ad-label", "Article continues below advertisement"),
    ("ad-label", "ARTICLE CONTINUES BELOW THIS AD"),
    ("ad-label", "Story continues after advertisement"),
    ("ad-label", "The article continues after the ad"),
    ("ad-label", "Content continues below"),
    ("ad-label", "Continue reading the main story"),
    ("ad-label", "Continue Reading Below"),
    ("ad-label", "This advertisement has not loaded yet, but your article continues below."),
    ("ad-label", "Sponsored"),
    ("ad-label", "Sponsored Content"),
    ("ad-label", "Paid Content"),
    ("ad-label", "Paid Post"),
    ("ad-label", "Promoted Stories"),
    ("ad-label", "Around the Web"),
    ("ad-label", "From Our Partners"),
    ("ad-label", "Ads by Google"),
    ("ad-label", "AdChoices"),
    ("ad-label", "Recommended by Outbrain"),
    ("ad-label", "Report this ad"),
    ("ad-label", "Ad Feedback"),
    ("ad-label", "Video Ad Feedback"),
    ("ad-label", "Scroll to continue with content"),
    ("ad-label", "Supported by"),
    ("ad-label", "Presented by Acme Bank"),
    ("ad-label", "We may earn a commission when you buy through links on our site."),
    (
        "ad-label",
        "If you buy something from a Verge link, Vox Media may earn a commission. See our ethics statement.",
    ),
    ("ad-label", "Advertiser Disclosure"),
    ("ad-label", "From our sponsor"),
    ("ad-label", "Advertiser Content From Example Bank"),
    (
        "ad-label",
        "All products recommended by Example are selected by our editorial team. Some of our stories include affiliate links. If you buy something through one of these links, we may earn an affiliate commission.",
    ),
    ("ad-label", "Example BankSponsored"),
    # read-more
    ("read-more", "READ MORE: Mayor unveils plan to fix potholes by spring"),
    ("read-more", "Read more: How the flood barrier works"),
    ("read-more", "[Read: The long road to the new bridge]"),
    ("read-more", "(Read more: Council delays vote on transit plan)"),
    ("read-more", "RELATED: Storm knocks out power to 20,000 homes"),
    ("read-more", "Related: Why rents keep rising in the suburbs"),
    ("read-more", "SEE ALSO: The best hikes near the river"),
    ("read-more", "MORE: 5 things to know about the new tax"),
    ("read-more", "Also read: Inside the council's budget fight"),
    ("read-more", "Don't miss: Our guide to the fall election"),
    ("read-more", "ICYMI: The school board's surprise vote"),
    ("read-more", "RELATED COVERAGE"),
    ("read-more", "Related Stories"),
    ("read-more", "Most Read"),
    ("read-more", "Most Popular"),
    ("read-more", "Most viewed"),
    ("read-more", "Most Read Local Stories"),
    ("read-more", "Trending Now"),
    ("read-more", "Recommended for you"),
    ("read-more", "You may also like"),
    ("read-more", "You Might Also Like"),
    ("read-more", "More from Opinion"),
    ("read-more", "More in Politics"),
    ("read-more", "More on this story"),
    ("read-more", "Read next"),
    ("read-more", "Editors' Picks"),
    ("read-more", "Top Stories"),
    ("read-more", "Latest News"),
    ("read-more", "What to Read Next"),
    ("read-more", "In case you missed it"),
    ("read-more", "Read the full story here"),
    ("read-more", "Read full article"),
    ("read-more", "Read more"),
    ("read-more", "Read More »"),
    ("read-more", "Keep reading"),
    ("read-more", "Check out more stories on Example.com!"),
    ("read-more", "For more news, visit example.com"),
    ("read-more", "See Full Web Article"),
    ("read-more", "Related article Storm batters the coast for a third day"),
    ("read-more", "CLICK HERE FOR MORE US NEWS"),
    ("read-more", "Click here to read the full report"),
    ("read-more", "Follow AP’s coverage of the election at https://example.com/hub/election-2024"),
    ("read-more", "Explainer | Why the bridge took ten years"),
    ("read-more", "Analysis | What the vote means"),
    ("read-more", "Wait, there's more: The town's other big projects"),
    ("read-more", "Next On Example News ›"),
    ("read-more", "Up next"),
    ("read-more", "Read more:"),
    ("read-more", "Watch | The bridge opens"),
    ("read-more", "Load more"),
    ("read-more", "View all ›"),
    ("read-more", "More by this author"),
    ("read-more", "Read more at: https://example.com/story"),
    ("read-more", "CLICK HERE TO GET THE EXAMPLE NEWS APP"),
    ("read-more", "Read more from Outlook and follow our updates on Facebook and Twitter."),
    ("read-more", "Also: The best laptops for students"),
    ("read-more", "Further Reading"),
    ("read-more", "Read more from Salon on the housing crisis:"),
    (
        "read-more",
        "Fox News Flash top headlines are here. Check out what's clicking on Example.com.",
    ),
    ("read-more", "Coming up next"),
    ("read-more", "Previous article"),
    ("read-more", "READ MORE — Council delays vote on transit plan"),
    ("read-more", "ALSO READ"),
    # video
    ("video", "Click to play video: 'Flood waters rise along the river'"),
    ("video", "WATCH: Residents fill sandbags as the river rises – Nov 3, 2023"),
    ("video", "Watch: Crews lift the last span into place"),
    ("video", "VIDEO: Drone footage of the flooding"),
    ("video", "WATCH ABOVE: The mayor speaks to reporters"),
    ("video", "Media caption, The moment the levee was breached"),
    ("video", "Media playback is unsupported on your device"),
    ("video", "Play Video"),
    ("video", "Watch Now"),
    ("video", "Replay"),
    ("video", "Now Playing"),
    ("video", "Skip Ad"),
    ("video", "0:45"),
    ("video", "02:13"),
    ("video", "Ad 0:15"),
    ("video", "Video Player is loading."),
    ("video", "This is a modal window."),
    ("video", "We apologize, but this video has failed to load."),
    ("video", "Open this photo in gallery:"),
    ("ad-label", "Advertisement 1"),
    ("ad-label", "Advertisement embed-more-topic"),
    ("read-more", "Related Article"),
    ("read-more", "More Trending"),
    ("read-more", "Recommended from Editorial"),
    ("newsletter", "View more offers"),
    ("newsletter", "Access through your institution"),
    ("site-furniture", "Increase article font size"),
    ("site-furniture", "End of Article"),
    ("site-furniture", "Report an editorial error"),
    ("site-furniture", "Journalistic standards"),
    ("share", "Social Sharing"),
    ("author-bio", "Search author on: PubMed Google Scholar"),
    ("author-bio", "Author of the article:"),
    ("ad-label", "Get started for free"),
    ("ad-label", "Book a demo"),
    ("byline", "Written by:"),
    ("byline", "Medically reviewed by"),
    ("site-furniture", "On this page"),
    ("site-furniture", "Back to blog"),
    ("video", "Try refreshing your browser, or"),
    ("video", "'Ends recession debate': economists weigh in on the jobs report Back to video"),
    ("video", "Your video will begin in 10 seconds"),
    ("video", "The video will play in 00:12"),
    ("video", "1 of 24"),
    ("video", "1 / 5"),
    ("video", "View Photos"),
    ("video", "See all 24 photos"),
    ("video", "Open gallery"),
    ("video", "Launch Slideshow"),
    ("video", "Next slide"),
    ("video", "Listen to this article"),
    ("video", "Listen 5 min"),
    ("video", "Listen · 4 min"),
    ("video", "Press play to listen to this article"),
    ("video", "Video caption: Firefighters battle the blaze"),
    ("video", "Current Time 0:00"),
    ("video", "Duration 2:13"),
    ("video", "Loaded: 0%"),
    ("video", "Captions settings, opens captions settings dialog"),
    ("video", "Click to expand image"),
    ("video", "Media caption The moment the levee was breached"),
    ("video", "Now playing: Watch this: The bridge opens"),
    ("video", "Watch this: How the sirens work"),
    ("video", "WATCH — Crews lift the span into place"),
    # newsletter
    ("newsletter", "Sign up for our newsletter"),
    ("newsletter", "SIGN UP FOR OUR DAILY NEWSLETTER"),
    ("newsletter", "Subscribe to our newsletter"),
    ("newsletter", "Get the latest headlines delivered to your inbox every morning."),
    (
        "newsletter",
        "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am",
    ),
    ("newsletter", "Get breaking news alerts sent straight to your phone and email."),
    ("newsletter", "The Morning Briefing newsletter"),
    ("newsletter", "Newsletter"),
    ("newsletter", "By signing up, you agree to our Terms of Use and Privacy Policy."),
    ("newsletter", "You can unsubscribe at any time."),
    ("newsletter", "Thanks for signing up!"),
    ("newsletter", "Please enter a valid email address."),
    ("newsletter", "Invalid email address"),
    ("newsletter", "Email address"),
    ("newsletter", "Privacy Policy"),
    ("newsletter", "after newsletter promotion"),
    ("newsletter", "skip past newsletter promotion"),
    (
        "newsletter",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
    ),
    ("newsletter", "Already a subscriber? Log in"),
    ("newsletter", "Subscribe now"),
    ("newsletter", "Sign up here."),
    ("newsletter", "Become a member today and get unlimited access."),
    ("newsletter", "Get breaking National news"),
    (
        "newsletter",
        "By providing your email address, you have read and agree to our Terms and Conditions and Privacy Policy.",
    ),
    (
        "newsletter",
        "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties.",
    ),
    ("newsletter", "Member-only story"),
    ("newsletter", "Unlimited Digital Access: Only $1 for 6 Months!"),
    (
        "newsletter",
        "Get all the latest news on the storm delivered daily to your inbox. Sign up here.",
    ),
    ("newsletter", "The best of the week's news, delivered straight to your inbox."),
    # share
    ("share", "Share"),
    ("share", "SHARE"),
    ("share", "Tweet"),
    ("share", "Email"),
    ("share", "Print"),
    ("share", "Facebook"),
    ("share", "Twitter"),
    ("share", "LinkedIn"),
    ("share", "WhatsApp"),
    ("share", "Facebook Twitter Email"),
    ("share", "Share on Facebook"),
    ("share", "Share via Email"),
    ("share", "Share this article"),
    ("share", "Share this:"),
    ("share", "Copy link"),
    ("share", "Link Copied!"),
    ("share", "Gift Article"),
    ("share", "Share full article"),
    ("share", "Save"),
    ("share", "Pinterest"),
    ("share", "1.2K shares"),
    ("share", "4,512"),
    ("share", "Click to share on Twitter (Opens in new window)"),
    ("share", "Send any friend a story"),
    ("share", "Follow us on Twitter"),
    ("share", "Like us on Facebook"),
    ("share", "Follow The New York Times Opinion section on Facebook, Instagram and Threads."),
    ("share", "Follow BBC News on X and Facebook"),
    ("share", "Comments"),
    ("share", "Share this with Email Facebook Messenger Twitter Pinterest WhatsApp LinkedIn"),
    ("share", "These are external links and will open in a new window"),
    ("share", "Story Saved"),
    ("share", "Share or comment on this article:"),
    ("share", "Upvote"),
    ("share", "Follow Example Sport"),
    # site-furniture
    ("site-furniture", "Back to top"),
    ("site-furniture", "Skip to main content"),
    ("site-furniture", "Undo"),
    ("site-furniture", "Show more"),
    ("site-furniture", "Comments (12)"),
    ("site-furniture", "12 comments"),
    ("site-furniture", "View comments"),
    ("site-furniture", "Leave a comment"),
    ("site-furniture", "Join the conversation"),
    ("site-furniture", "Add your comment to this story"),
    ("site-furniture", "Comments are closed."),
    ("site-furniture", "Sign in"),
    ("site-furniture", "Log in"),
    ("site-furniture", "Register or log in to comment"),
    ("site-furniture", "Please read our commenting policy before posting."),
    ("site-furniture", "Reuse this content"),
    ("site-furniture", "Report an error"),
    ("site-furniture", "Was this article helpful?"),
    ("site-furniture", "Contact us"),
    ("site-furniture", "Have a news tip? Email us at tips@example.com"),
    ("site-furniture", "Our Standards: The Thomson Reuters Trust Principles."),
    (
        "site-furniture",
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
    ),
    ("site-furniture", "© 2024 Example Media Group"),
    ("site-furniture", "Topics"),
    ("site-furniture", "Tags: flooding, infrastructure, city council"),
    ("site-furniture", "Filed under:"),
    ("site-furniture", "Explore more on these topics"),
    ("site-furniture", "* * *"),
    ("site-furniture", "———"),
    ("site-furniture", "Download the app"),
    ("site-furniture", "example.com"),
    ("site-furniture", "Order Reprints | Today's Paper | Subscribe"),
    ("site-furniture", "Skip to comments"),
    ("site-furniture", "Promoted Comments"),
    ("site-furniture", "The comments below have not been moderated."),
    ("site-furniture", "Do you have a story? Email tips@example.com"),
    ("site-furniture", "Read in app"),
    ("site-furniture", "Example Media. All rights reserved."),
    ("site-furniture", "All coverage »"),
    ("site-furniture", "Download the Example News app for breaking news alerts."),
    # metadata
    ("metadata", "Jan. 3, 2020, 5:12 p.m. ET"),
    ("metadata", "Updated Jan. 3, 2020"),
    ("metadata", "Last modified on Wed 3 Jan 2024 10.20 GMT"),
    ("metadata", "First published on Tue 2 Jan 2024 17.47 GMT"),
    ("metadata", "Published 3 hours ago"),
    ("metadata", "Updated 3:45 PM EST, Tue November 21, 2023"),
    ("metadata", "Published: 10:20, 3 Jan 2024 | Updated: 12:05, 3 Jan 2024"),
    ("metadata", "Posted Jan 3, 2024 5:12 PM EST"),
    ("metadata", "Last Updated: January 3, 2024"),
    ("metadata", "2 hours ago"),
    ("metadata", "November 3, 2023"),
    ("metadata", "3 Nov 2023"),
    ("metadata", "2023-11-03T14:05:00Z"),
    ("metadata", "11/03/2023"),
    ("metadata", "Friday, Nov. 3, 2023"),
    ("metadata", "4 min read"),
    ("metadata", "3 minute read"),
    ("metadata", "Reading time: 4 minutes"),
    ("metadata", "5 min read · Jan 3, 2024"),
    ("metadata", "Updated on: January 3, 2024 / 5:12 PM EST / CBS News"),
    ("metadata", "Example Post (Springfield) First published November 3, 2023: 6:00 AM ET"),
    (
        "metadata",
        "A version of this article appears in print on Jan. 4, 2020, Section A, Page 1 of the New York edition with the headline: Bridge Opens.",
    ),
    ("metadata", "(Updates with comment from the mayor in paragraph 5)"),
    ("metadata", "This story has been updated with additional information."),
    ("metadata", "This article is more than 5 years old"),
    ("metadata", "Updated"),
    ("metadata", "Updated [hidden]"),
    ("metadata", "PUBLISHED: 10:20 EST, 3 January 2024 | UPDATED: 12:05 EST, 3 January 2024"),
    # author-bio
    ("author-bio", "Contact Jane Doe at jane.doe@example.com"),
    ("author-bio", "Follow her on Twitter @janedoe"),
    ("author-bio", "@janedoe"),
    ("author-bio", "Email: jane.doe@example.com"),
    ("author-bio", "About the author"),
    ("author-bio", "To contact the reporter on this story: Jane Doe in London at jdoe@example.net"),
    ("author-bio", "Jane Doe: 206-555-0143 or jdoe@example.com; on Twitter: @janedoe."),
    ("author-bio", "Follow Jane Doe on Twitter: @janedoe."),
    # credit
    ("credit", "— With files from The Canadian Press"),
    ("credit", "With files from Reuters"),
    ("credit", "- With files from Jane Doe"),
    ("credit", "Additional reporting by Jane Doe"),
    ("credit", "Reporting by Jane Doe in London; Editing by John Smith"),
    (
        "credit",
        "(Reporting by Jane Doe; additional reporting by Sam Lee in Paris; Editing by John Smith)",
    ),
    ("credit", "Compiled by Jane Doe"),
    ("credit", "Edited by Jane Doe and John Smith"),
    ("credit", "Jane Doe contributed reporting from Kyiv."),
    ("credit", "Jane Doe contributed to this report."),
    ("credit", "The Associated Press contributed to this story."),
    ("credit", "Associated Press writer Jane Doe in Washington contributed to this report."),
    ("credit", "CNN’s Jane Doe and John Smith contributed to this report."),
    ("credit", "— With assistance from Jane Doe"),
    ("credit", "This story was produced in partnership with the Example Reporting Project."),
    (
        "credit",
        "This article is republished from The Conversation under a Creative Commons license.",
    ),
    ("credit", "This article originally appeared on The Conversation."),
    ("credit", "This report by The Canadian Press was first published Nov. 3, 2023."),
    ("credit", "Originally published as Town opens flood barrier"),
    (
        "credit",
        "The Associated Press receives support from several private foundations. The AP is solely responsible for all content.",
    ),
    ("credit", "The post Town opens new bridge appeared first on Example News."),
    # caption
    ("caption", "Photo 3 of 12"),
    ("caption", "Photograph: Jane Doe/Reuters"),
    ("caption", "A volunteer fills sandbags on Monday. Photograph: Jane Doe/Reuters"),
    ("caption", "Composite: Example Design; Getty Images"),
    ("caption", "Firefighters at the scene. Credit: Jane Doe/AFP"),
    ("caption", "The new bridge at dusk. Photo: Jane Doe"),
    ("caption", "(Photo by Jane Doe/Getty Images)"),
    ("caption", "Photo by Jane Doe on Unsplash"),
    ("caption", "Photo courtesy of the family"),
    ("caption", "Illustration by Jane Doe / The Verge"),
    ("caption", "Image: Supplied"),
    ("caption", "Picture: Supplied"),
    ("caption", "Image source, Getty Images"),
    ("caption", "Image caption, The mayor cut the ribbon on Friday"),
    ("caption", "Getty Images"),
    ("caption", "IMAGO/ZUMA Press"),
    ("caption", "Bloomberg/Benjamin Girette"),
    ("caption", "Noel Celis/Getty Images"),
    ("caption", "STEVE RUSSELL/TORONTO STAR"),
    ("caption", "Ohad Zwigenberg / Pool via Reuters"),
    ("caption", "AFP via Getty Images"),
    ("caption", "Reuters"),
    ("caption", "AP Photo/Jane Doe"),
    ("caption", "REUTERS/Jane Doe"),
    ("caption", "Jane Doe / The Guardian"),
    ("caption", "JANE DOE/AFP/Getty Images"),
    ("caption", "Courtesy of Jane Doe"),
    ("caption", "Credit...Jane Doe for The Example Times"),
    ("caption", "ILLUSTRATION: JANE DOE"),
    ("caption", "Screenshot: YouTube"),
    ("caption", "Instagram / @janedoe"),
    (
        "caption",
        "Residents watch the water rise on Main Street in Springfield on Friday. (AP Photo/Jane Doe)",
    ),
    (
        "caption",
        "Crews work on the levee near the river on Monday, Nov. 3, 2023. (Jane Doe/The Springfield Post via AP)",
    ),
    ("caption", "A handout picture shows the damaged bridge. (Example State Ministry via Reuters)"),
    ("caption", "The town square, decorated for the holiday. (Photo: Jane Doe)"),
    ("caption", "FILE - The river overflows its banks in Springfield, Nov. 3, 2021."),
    (
        "caption",
        "In this undated photo provided by the Springfield Fire Department, crews battle a blaze.",
    ),
    ("caption", "Enlarge / The rover on the surface of Mars."),
    ("caption", "View image in fullscreen"),
    ("caption", "Enlarge this image"),
    ("caption", "toggle caption"),
    ("caption", "A man walks past a flooded shop. REUTERS/Jane Doe Purchase Licensing Rights"),
    ("caption", "Credit Doug Smith/The Example Times"),
    ("caption", "The mayor at city hall on Monday. Credit Doug Smith/The Example Times"),
    ("caption", "The mayor at city hall on Monday. Doug Smith/The Example Times"),
    ("caption", "Photo: John Smith/iStockphoto"),
    ("caption", "Image copyright Getty Images"),
    ("caption", "Image caption The minister spoke on Monday"),
    (
        "caption",
        "This photo provided by the Springfield Police Department shows the damaged bridge.",
    ),
    ("caption", "[1/3] A man walks past a flooded shop in Springfield."),
    ("caption", "Share on Pinterest A new study suggests river towns flood more often."),
    ("caption", "Screenshot by Jane Doe/Example"),
    ("caption", "Image credit: Example Labs"),
    ("caption", "BBC"),
    ("caption", "PA Media"),
    ("caption", "Protesters gather outside parliament on Monday. (Getty Images)"),
    ("caption", "A man walks past the flooded shop (AFP via Getty Images)"),
    ("caption", "Protesters outside parliament on Monday | Getty Images"),
    ("caption", "Protesters outside parliament on Monday | Jane Doe/Reuters"),
    ("site-furniture", "Business | Markets | Economy"),
    # more outlets
    ("ad-label", "Learn more about our sponsors"),
    ("ad-label", "Partner Content"),
    ("ad-label", "Paid Partnership"),
    ("ad-label", "Continue reading on Example"),
    ("read-more", "Recommended Video"),
    ("read-more", "Popular in the Community"),
    ("read-more", "Related Video: Flood waters rise"),
    ("read-more", "Most read in News"),
    ("read-more", "Further reading:"),
    ("video", "Watch more videos"),
    ("video", "Watch full episode"),
    ("video", "Listen to the podcast"),
    ("video", "GALLERY: The flood in 30 photos"),
    ("video", "Podcast: The Daily Briefing"),
    ("video", "Skip Advertisement"),
    ("video", "Slide 4 of 12"),
    ("video", "Close gallery"),
    ("newsletter", "Subscribe to continue reading"),
    ("newsletter", "Sign up for free newsletters and get more Example delivered to your inbox"),
    ("share", "Follow @janedoe on Twitter."),
    ("share", "This story has been shared 2,345 times."),
    ("share", "Share on X (formerly Twitter)"),
    ("site-furniture", "Comments 15"),
    ("site-furniture", "Leave a Reply"),
    ("site-furniture", "Cancel reply"),
    ("site-furniture", "Your email address will not be published. Required fields are marked *"),
    ("site-furniture", "Got a news tip? Email us at tips@example.com."),
    ("site-furniture", "Do Not Sell My Personal Information"),
    ("site-furniture", "Turn on notifications"),
    ("site-furniture", "© Jane Doe"),
    ("metadata", "Updated at 10:14 a.m. EST on January 3, 2024"),
    ("metadata", "January 3, 2024 · 10:14 AM EST"),
    ("author-bio", "Jane Doe can be reached at jane.doe@example.com."),
    ("author-bio", "Write to Jane Doe at jane.doe@example.com"),
    ("credit", "— The Associated Press"),
    ("credit", "The Associated Press contributed."),
    ("credit", "Reporting by Jane Doe; Writing by John Smith; Editing by Sam Lee"),
    ("caption", "Photo illustration by Jane Doe"),
    ("caption", "The river on Tuesday. Picture: AAP Image/Jane Doe"),
    (
        "caption",
        "A worker sandbags a shop front in Springfield on Friday, Nov. 3, 2023. "
        "(Jane Doe/The Springfield Herald via AP)",
    ),
    # spam
    ("spam", "https://example.com/2023/11/03/bridge-opens"),
    ("spam", "Source: https://example.com/story"),
    ("spam", "Visit our website at example.com for more stories."),
    # byline
    ("byline", "By Jane Doe"),
    ("byline", "BY JANE DOE, Associated Press"),
    ("byline", "By Jane Doe and John Smith, CNN"),
    ("byline", "By Jane Doe | Reuters"),
    ("byline", "Written by Jane Doe on January 3, 2024"),
    ("byline", "Medically reviewed by Dr. Jane Doe"),
    # article tools and social bookmarks
    ("share", "Printer friendly"),
    ("share", "Font size: Decrease Increase"),
    ("share", "Print Email Return to Top"),
    ("share", "Post this story to: del.icio.us | Digg | Newsvine | Reddit"),
    # gallery, player and footer widgets
    ("video", "Buy Photo"),
    ("ad-label", "$285 at REI"),
    ("ad-label", "$549 at Sea to Summit (Women's Regular)"),
    ("ad-label", "49 € bei Otto"),
    ("video", "Wait 1 second to continue."),
    ("video", "Slideshow ( 3 images )"),
    ("video", "Where the storm made landfall View Graphic"),
    ("share", "Show more sharing options"),
    ("site-furniture", "Terms of Service Privacy Notice"),
    ("site-furniture", "View comments941"),
    # other languages: fr, de, es, it, pt, ru, id, ko
    ("ad-label", "Publicité"),
    ("ad-label", "Anzeige"),
    ("ad-label", "Реклама"),
    ("ad-label", "Iklan"),
    ("ad-label", "La suite après cette publicité"),
    ("ad-label", "Weiter nach der Anzeige"),
    ("read-more", "LIRE AUSSI : Le gouvernement présente son budget"),
    ("read-more", "Lesen Sie auch: Die Regierung stellt den Haushalt vor"),
    ("read-more", "Lee también: El Gobierno presenta los presupuestos"),
    ("read-more", "Leggi anche: Il governo presenta la manovra"),
    ("read-more", "Leia também: O governo apresenta o orçamento"),
    ("read-more", "Читайте также: Правительство представило бюджет"),
    ("read-more", "Mehr zum Thema"),
    ("share", "Partager"),
    ("share", "Поделиться"),
    ("newsletter", "Abonnez-vous à notre newsletter"),
    ("newsletter", "Newsletter abonnieren"),
    ("site-furniture", "Kommentare (12)"),
    ("site-furniture", "Комментарии"),
    ("caption", "Фото: РИА Новости"),
    ("caption", "Foto: dpa"),
    ("caption", "(Foto: REUTERS)"),
    ("caption", "Marco Buschmann und Lisa Paus bei der Vorstellung der Eckpunkte Foto: Felix Zahn"),
    ("caption", "Photo : AFP"),
    ("caption", "Le président Emmanuel Macron au palais de l'Élysée. Photo : AFP"),
    (
        "metadata",
        "Veröffentlicht am 03.01.2020 um 10:31 Uhr, Quelle: Deutsche Presse-Agentur Berlin",
    ),
    ("metadata", "Publié le 3 janvier 2020 à 10h00"),
    ("metadata", "Publicado em 19/11/2019 às 22h31"),
    ("metadata", "Atualizado há 2 horas"),
    ("metadata", "입력 2019.11.19 오후 10:31"),
    ("metadata", "Lecture : 3 min"),
    ("metadata", "Время чтения: 5 минут"),
    ("byline", "Par Jeanne Dupont"),
    ("byline", "Von Hans Müller, Berlin"),
    ("share", "Hat Ihnen dieser Artikel gefallen? Dann teilen Sie ihn doch mit anderen"),
    ("read-more", ">> Wegen Corona: Das Lokal auf Mallorca muss schließen <<"),
    ("read-more", "Zobacz także: Rząd przedstawił budżet"),
    ("read-more", "Weitere Informationen"),
    ("caption", "Roman Prymula, photo: Archives du Gouvernement tchèque"),
    # page widgets in other languages
    ("site-furniture", "Schließen"),
    ("site-furniture", "Zu den Kommentaren springen"),
    ("site-furniture", "Box aufklappen Box zuklappen"),
    ("site-furniture", "Privatsphäre-Einstellungen ändern"),
    ("site-furniture", "Kommentare: 45"),
    ("share", "Link kopieren"),
    ("share", "Per WhatsApp teilen"),
    ("share", "Copier le lien"),
    ("share", "Folgen auf:"),
    ("share", "Suivez-nous sur Instagram"),
    ("share", "Follow us on:"),
    ("video", "Artikel anhören(03:15 min)"),
    ("video", "Écouter l'article"),
    ("video", "Listen to article (4:02)"),
    ("video", "0.5x"),
    ("video", "0.8x 1x 1.5x 2x"),
    ("video", "44 Bilder"),
    ("metadata", "Veröffentlicht/Aktualisiert:"),
    ("metadata", "Mis à jour le"),
    ("read-more", "Lies auch: Warum die Mieten weiter steigen"),
    ("newsletter", "Jetzt kostenlos registrieren"),
    ("newsletter", "Regístrate gratis"),
    ("ad-label", "Реклама:"),
    ("ad-label", "Annons"),
    ("metadata", "• Lesezeit: 5 Minuten"),
    ("share", "Artikel teilen mit:"),
    ("share", "Kopiera länk"),
    ("share", "シェア"),
    ("site-furniture", "Mehr anzeigen"),
    ("site-furniture", "Развернуть на весь экран"),
    ("site-furniture", "Fehler melden"),
    ("site-furniture", "YouTube-Inhalte erlauben"),
    ("read-more", "Die Redaktion empfiehlt"),
    ("read-more", "Czytaj więcej"),
    ("read-more", "Weiterlesen"),
    ("credit", "Mit Agenturmaterial."),
    ("credit", "Bron: Belga"),
    ("credit", "Traduit de l'anglais par Jean Dupont"),
    # shopping, booking and comment buttons
    ("ad-label", "Buy on Amazon"),
    ("ad-label", "Check price at Walmart"),
    ("ad-label", "Read full review"),
    ("ad-label", "Book now"),
    ("ad-label", "Copy to clipboard"),
    ("site-furniture", "Reply to comment"),
    ("site-furniture", "Discussion about this post"),
    ("site-furniture", "59 Comments on “Council approves budget after a long debate”"),
    ("site-furniture", "Leave a Reply"),
    ("site-furniture", "Kommentar schreiben"),
    ("site-furniture", "Ihre Meinung?"),
    ("site-furniture", "Réactions (12)"),
    ("share", "See more sharing options"),
    ("newsletter", "REGISTER / SIGN IN TO UNLOCK MORE ARTICLES"),
    ("newsletter", "Subscribe for more articles"),
    ("newsletter", "Enjoy additional articles per month."),
    ("newsletter", "We encountered an issue signing you up. Please try again"),
]


@pytest.mark.parametrize(("kind", "line"), DROP, ids=[f"{k}:{line[:40]}" for k, line in DROP])
def test_drops_furniture(kind: str, line: str) -> None:
    reason, others = verdict(line)
    assert reason is not None, f"kept: {line!r}"
    assert kind_of(reason) == kind, f"{line!r} dropped as {reason!r}, expected kind {kind!r}"
    assert not others, f"body lines dropped too: {others}"


# Lines that only the page head (before the story starts) makes furniture.
DROP_IN_HEAD = [
    ("metadata", "Politics"),
    ("metadata", "Opinion"),
    ("metadata", "World News"),
    ("metadata", "Business | Markets"),
    ("site-furniture", "News › Local"),
    ("site-furniture", "World > Europe > France"),
]


@pytest.mark.parametrize(("kind", "line"), DROP_IN_HEAD)
def test_drops_head_furniture(kind: str, line: str) -> None:
    reason, others = verdict(line, "head")
    assert reason is not None and kind_of(reason) == kind, (line, reason)
    assert not others


@pytest.mark.parametrize(("_kind", "line"), DROP_IN_HEAD)
def test_head_only_rules_leave_body_subheads(_kind: str, line: str) -> None:
    reason, _ = verdict(line, "middle")
    assert reason is None, f"one-word subhead {line!r} dropped in the body: {reason}"


# Author boxes sit at the end of an article.
DROP_IN_TAIL = [
    "Jane Doe is a staff writer for the Example Herald covering city hall.",
    "Jane Doe is a reporter for Example News based in Chicago. Follow her on Twitter @janedoe.",
    "Sam Lee is a breaking news reporter for Example News and is based in Sydney, Australia.",
    "Jane Doe covers transportation and housing for the Example Herald.",
    "Jane Doe is a contributing writer at Example Magazine.",
]


@pytest.mark.parametrize("line", DROP_IN_TAIL)
def test_drops_author_bio_in_tail(line: str) -> None:
    reason, others = verdict(line, "tail")
    assert reason is not None and kind_of(reason) == "author-bio", (line, reason)
    assert not others


# Story lines that share words or shapes with furniture: kept wherever they stand.
KEEP = [
    "A sign advertised free coffee for anyone who stopped by the shelter.",
    "Sie zeigt das Foto: Es war ein sonniger Tag am See, und alle lachten.",
    "$285 at REI is a fair price for a bag this warm.",
    "Tickets cost $25 at the door.",
    "The museum's best-known photo: a girl on a bicycle in the rain.",
    "“Watch out,” he said, pointing at the ice on the steps.",
    "'Watch out,' he said.",
    "Watch out for black ice on the bridge, officials warned drivers on Tuesday.",
    "Facebook said it had removed the accounts after an internal review.",
    "Twitter suspended the accounts on Friday, a spokesperson said.",
    "Share prices fell 3% after the announcement.",
    "Shares of the company rose in early trading on Wednesday.",
    "1. Finland",
    "2. Norway",
    "10. United States",
    "MOSCOW (AP) — An unmanned cargo ship broke up over Siberia on Thursday, the space agency said.",
    "WASHINGTON (Reuters) - The Senate passed the bill late on Tuesday.",
    "LONDON — Britain's economy grew faster than expected in the third quarter.",
    "OTTAWA, Nov. 3 (CP) — The federal government announced new flood funding on Friday.",
    "— Jane Doe, in a letter to the council",
    "— from “The Long Road Home,” by Jane Doe",
    "“The U.S.’s actions in Iran [sic] have brought us closer to another war,” he said in a statement.",
    "“[The mayor] has been briefed on the situation,” said spokesperson Jane Doe.",
    "“[T]he levee is not safe,” the report said.",
    "A new approach",
    "What happens next",
    "Why it matters",
    "The road ahead",
    "Key dates",
    "By the numbers",
    "How we got here",
    "What’s next",
    "What's new in the budget",
    "The report was published Nov. 3 by the city’s auditor.",
    "The meeting is on Nov. 3 at 7 p.m. at city hall.",
    "Updated figures released on Monday showed the deficit had narrowed.",
    "Posted signs warned residents to stay away from the river.",
    "By Tuesday, the water had receded.",
    "By Christmas Eve, shops had sold out.",
    "By Monday afternoon, crews had restored power to most homes.",
    "Related charges were filed against two other men.",
    "More than 200 people attended the vigil.",
    "Read the room, she told the council: people are angry.",
    "Photo radar cameras will be installed on Main Street next spring.",
    "Subscribers to the service will pay $5 a month, the company said.",
    "Sign language interpreters were at the news conference.",
    "Comment from the mayor's office was not immediately available.",
    "Video shows the suspect fleeing the scene on foot.",
    "Video from the scene shows the crowd running toward the river.",
    "Video by a bystander shows the bridge swaying.",
    "Credit card debt hit a record high, the report found.",
    "Follow the money, he said, and you will find the answer.",
    "Follow-up inspections are scheduled for March.",
    "Print newspapers have lost half their readers since 2005.",
    "Email records obtained by the newspaper show the deal was approved in May.",
    "Live music will return to the park on Saturday.",
    "Contact tracing at the hospital began on Monday.",
    "Sponsored by Sen. Jane Doe, the bill would cap rent increases at 5%.",
    "Powered by solar panels, the station runs all year.",
    "Advertising revenue fell 12% in the quarter.",
    "The advertisement, which ran during the Super Bowl, drew complaints.",
    "Reporting by the Times showed the company knew about the defect.",
    "Copyright holders sued the company in 2019.",
    "In 2016, the company posted a loss.",
    "Tags on the luggage showed it had been checked in Frankfurt.",
    "Topics discussed included housing and transit.",
    "Next, the council will vote on the budget.",
    "Undo the damage, she urged.",
    "Getty Images, the photo agency, said it had withdrawn the picture.",
    "Reuters could not independently verify the footage.",
    "The Associated Press contributed to the project's funding.",
    "Photographs of the scene were shared widely online.",
    "The mayor (left) and the governor (right) toured the site.",
    "Jan. 6, 2021, was a dark day, she said.",
    "Friday’s vote was 7-2.",
    "Q: What happens next?",
    "A: The council votes in March.",
    "“She was literally burning up from within.”",
    "“No,” she said.",
    "The overall rankings of the countries were as follows:",
    "Here’s what we know:",
    "Live updates will continue throughout the night, the agency said.",
    "Most read books of the year included three debut novels.",
    "More from the mayor later this week.",
    "Published in 1998, the book sold a million copies.",
    "The story continues to unfold, and officials urged patience.",
    "Advertisements for the event appeared on buses across the city.",
    "Watching the water rise, she packed her car and left.",
    "Subscribe? Not yet, said one reader who has followed the paper for decades.",
    "Share your location only with people you trust, police advised.",
    "Mr. Doe is a former reporter who now runs a bakery on Main Street.",
    "Comments made by the minister on Friday drew criticism.",
    "Photo ID will be required at polling stations.",
    "Image matters in politics, the strategist said.",
    "Source: a person familiar with the talks said the deal was close.",
    "Next year, the town plans to add a second bridge.",
    "Register to vote by Oct. 15 to take part in the election.",
    "Log in to the city's website to see your assessment, officials said.",
    "Email Jane Doe's office with questions about the program, the notice said.",
    "Anyone with information is asked to call police at 555-0100.",
    "“Subscribe to the idea that we can do better,” she said.",
    "The company's newsletter said sales had doubled.",
    "The video, posted to social media on Friday, has been viewed 2 million times.",
    "Watch parties were held across the city.",
    "Gallery owners said the fire destroyed decades of work.",
    "Photos posted online showed smoke over the harbour.",
    "Related Topics such as housing were left for another day.",
    "Trending upward, sales rose for the third straight month.",
    "1 in 5 residents lives within a mile of the river.",
    "The bridge cost $45 million (about £36 million).",
    "The ministry (MoD/DoD) declined to comment.",
    "Residents can reach the hotline at 555-0100, seven days a week.",
    "Credit Suisse shares fell 5% on Monday.",
    "Credit Suisse/UBS merger talks",
    "Democrats/Republicans split on the vote",
    "Smith will receive compensation of $2 million, the filing said.",
    "The agent will receive a commission of 5%, the contract says.",
    "Posted by Jane Doe's neighbours, the video drew thousands of comments.",
    "Also, the council approved a new crosswalk on Elm Street.",
    "This photo essay follows three families through the flood.",
    "Photo op or policy? Critics were unsure what the visit meant.",
    "Image is everything in a campaign like this one, she said.",
    "Now playing at the Grand: a revival of the town's first musical.",
    "BY THE NUMBERS",
    "By the numbers",
    "By Design: how the bridge was built",
    "Support for the plan fell to 41%, according to the survey (Reuters/Ipsos poll).",
    "Officials blamed the outage on the ministry (MoD/DoD).",
    "Many residents contributed.",
    "She can be reached at home most evenings, her lawyer said.",
    "— Staff Sgt. Jane Doe, in a letter home",
    "Continue reading the report and you will see the problem, she said.",
    "Listen to the river, the old ferryman told me.",
    "Subscribe to the view that the river can be tamed, and you will be disappointed.",
    "»Warum fragen Studierende im Hörsaal so selten nach?«",  # German quotes, not arrows
    "Die Lösung sei «vertretbar», sagte die Ministerin am Dienstag.",
    "The second episode airs on Tuesday, January 15 at 10:00 p.m. ET/PT.",  # not a credit
    # pairs of terms and numbered items with a slash are not credits
    "Pick-Up/Drop-Off Catering",
    "Downtown/Film Row",
    "Action / Adventure",
    "Low-Code/No-Code Development Costs",
    "N/A",
    "10. Wire/Cable Lugs",
    "34. Human/Technology Interaction",
    "Kingrinder K4/K6",  # model numbers
    "After years in print she went back to video.",
    "In this article:",  # a guide's table of contents
    "Written by a committee of three judges, the report was published on Monday.",
    "No credit card required",  # a product's selling point, in the story of one page
    "Get started with the basics",
    "More about the plan is expected on Friday.",
    "Advertisement revenue fell 12% in the quarter.",
    "For Contacts/Glasses Wearers",
    "Photography/Videography",
    "Folgen auf den Arbeitsmarkt: Die Ökonomen warnen vor höheren Preisen.",
    "The zoom reaches 1.5x in low light, the maker says.",
    "Schließen die Schulen am Montag, bleiben die Kitas offen.",
    "44 Bilder hängen nun im Museum, sagte die Kuratorin.",
    "Aktualisiert wird die Liste jeden Montag.",
    "Buy on Google listings",  # a guide's subhead: not a store's button
    "Quelle: Die Behörden haben die Zahlen am Montag veröffentlicht, sagte ein Sprecher der Stadt.",
    "Mehr anzeigen ließ sich das Museum die Ausstellung nicht.",
    "Book now, pay later: the loans that worry regulators",
    "Réactions",  # a French story's subhead
]


@pytest.mark.parametrize("where", ["head", "middle", "tail"])
@pytest.mark.parametrize("line", KEEP)
def test_keeps_story_lines(line: str, where: str) -> None:
    reason, others = verdict(line, where)
    assert reason is None, f"{line!r} dropped ({where}): {reason}"
    assert not others, f"body lines dropped too: {others}"


def test_every_packaged_rule_is_exercised() -> None:
    """Each rule in the data file fires on at least one case above (no dead or shadowed rules)."""
    fired: set[str] = set()
    cases = [(line, "middle") for _, line in DROP]
    cases += [(line, "head") for _, line in DROP_IN_HEAD]
    cases += [(line, "tail") for line in DROP_IN_TAIL]
    for line, where in cases:
        reason, _ = verdict(line, where)
        if reason:
            fired.add(reason.split(": ", 1)[1])
    unused = [rule.name for rule in load_rules() if rule.name not in fired]
    assert not unused, f"rules no test case reaches: {unused}"


# --- structure: what only the neighbours of a line tell -----------------------------------------

P1, P2, P3 = BODY[0], BODY[1], BODY[2]

# (paragraphs, indices that must be dropped); every other paragraph must be kept.
CONTEXT = {
    "video block": (
        [
            "Click to play video: 'Sirens tested in Harrow Creek'",
            "Sirens tested in Harrow Creek",
            "WATCH: Crews test the sirens. – Nov 3, 2023",
            P1,
            P2,
        ],
        {0, 1, 2},
    ),
    "video title between player controls": (
        ["Replay", "The bakery that survived the flood", "Your video will begin in 00:12", P1, P2],
        {0, 1, 2},
    ),
    "subhead after an ad label stays": (
        [P1, "Advertisement", "Continue reading the main story", "A New Approach", P2],
        {1, 2},
    ),
    "most-read box": (
        [
            P1,
            P2,
            "Most Read",
            "Storm knocks out power to 20,000 homes",
            "Why rents keep rising in the suburbs?",
            "Example Daily",
            "Undo",
            "School board delays vote...",
            P3,
        ],
        {2, 3, 4, 5, 6, 7},
    ),
    "box ends at the first sentence": (
        [P1, "Related", P2, "What happens next", P3],
        {1},
    ),
    "tags box": (
        [P1, P2, "Topics:", "Flooding, City council, Infrastructure", "Springfield"],
        {2, 3, 4},
    ),
    "sponsored box": (
        [P1, P2, "Promoted Stories", "Doctors Stunned By This Simple Trick", "Example Health"],
        {2, 3, 4},
    ),
    "credit under an image label": (
        ["View this image ›", "Springfield Police", P1, P2],
        {0, 1},
    ),
    "story links beside share buttons": (
        ["1 hour ago", "SHARE", "TWEET", "Storm closes schools", "Why the river rose so fast?", P1],
        {0, 1, 2, 3, 4},
    ),
    "a sentence in Japanese after share buttons stays": (
        ["SHARE", "TWEET", "政府は来年度の予算案を閣議決定した。", "総額は過去最大となる。", P1],
        {0, 1},
    ),
    "deck before share buttons stays": (
        ["Residents say the new bridge will cut commutes in half", "Share", P1, P2],
        {1},
    ),
    "widget label repeated three times": (
        ["Keep Scrolling", P1, "Keep Scrolling", P2, "Keep Scrolling", P3],
        {0, 2, 4},
    ),
    "short line twice is not a widget": (
        ["What we know", P1, "What we know", P2],
        set(),
    ),
    "caption printed twice": (
        [P1, "The levee on Monday.", "The levee on Monday.", P2],
        {2},
    ),
    "duplicate of dropped line takes its reason": (
        [P1, "Getty Images", "Getty Images", P2],
        {1, 2},
    ),
    "headline repeated": (
        [TITLE, P1, P2],
        {0},
    ),
    "list after a colon stays": (
        [P1, "The overall rankings were as follows:", "1. Finland", "2. Norway", "3. Canada", P2],
        set(),
    ),
    "separators": (
        [P1, "___", P2, "* * *", P3],
        {1, 3},
    ),
}


@pytest.mark.parametrize("name", list(CONTEXT))
def test_context(name: str) -> None:
    paragraphs, expected = CONTEXT[name]
    result = clean(Article(title=TITLE, paragraphs=tuple(paragraphs)))
    dropped = {d.index: d.reason for d in result.dropped}
    assert set(dropped) == expected, {i: (paragraphs[i], dropped.get(i)) for i in dropped}
    assert list(result.paragraphs) == [p for i, p in enumerate(paragraphs) if i not in expected]


def test_a_label_between_paragraphs_is_no_template() -> None:
    """A short line repeated between paragraphs is a widget even when another repeated label
    stands between two of its copies: a template's sections are three lines or more long on
    average, and this label's copies stand two lines apart."""
    from briefing.clean.cascade import run_rules

    widget = ["Article content", P1, "Article content", P2, "Local weather"]
    widget += ["Article content", P3, "Local weather"]
    page = run_rules(TITLE, tuple(widget))
    assert [i for i, r in enumerate(page.reasons) if r] == [0, 2, 5]
    assert page.reasons[0] == ("site-furniture", "short line repeated 3 times")
    template = ["The issue", P1, "Our verdict", P2, "The issue", P3, "Our verdict", P1 + " More."]
    template += ["The issue", P2 + " Again.", "Our verdict", P3 + " Later."]
    assert not any(run_rules(TITLE, tuple(template)).reasons)


def test_context_reasons() -> None:
    result = clean(Article(TITLE, tuple(CONTEXT["video block"][0])))
    assert [d.reason for d in result.dropped] == [
        "video: click-to-play",
        "video: title repeated from video player",
        "video: watch-prefix",
    ]
    result = clean(Article(TITLE, tuple(CONTEXT["duplicate of dropped line takes its reason"][0])))
    assert [kind_of(d.reason) for d in result.dropped] == ["caption", "caption"]


# --- 3. user patterns ----------------------------------------------------------------------------


def test_user_pattern_drops_with_reason() -> None:
    article = Article(TITLE, (P1, "Sponsored by the Harrow Creek Credit Union.", P2))
    result = clean(article, [r"credit union\.$"])
    assert result.paragraphs == (P1, P2)
    assert result.dropped == (
        Dropped(
            "Sponsored by the Harrow Creek Credit Union.", "user pattern", r"credit union\.$", 1
        ),
    )


def test_user_patterns_are_case_insensitive_and_searched() -> None:
    result = clean(Article(TITLE, (P1, P2, P3)), ["MAYOR ana", "^nothing$"])
    assert [d.index for d in result.dropped] == [1]
    assert result.dropped[0].reason == "user pattern: MAYOR ana"


def test_user_pattern_goes_first() -> None:
    result = clean(Article(TITLE, (P1, "Advertisement", P2)), ["^advert"])
    assert result.dropped[0].reason == "user pattern: ^advert"


def test_user_pattern_matches_straight_quotes_against_curly() -> None:
    result = clean(Article(TITLE, (P1, "It’s a trap, he said.", P2)), ["it's a trap"])
    assert [d.index for d in result.dropped] == [1]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("x(", "invalid --drop-pattern 'x(': missing ), unterminated subpattern at position 1"),
        ("[a-", "invalid --drop-pattern '[a-': unterminated character set at position 0"),
        ("*ad", "invalid --drop-pattern '*ad': nothing to repeat at position 0"),
        ("", "invalid --drop-pattern '': an empty pattern would drop every line"),
    ],
)
def test_invalid_user_pattern(pattern: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        clean(Article(TITLE, (P1,)), [pattern])
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
    assert raised.value.exit_code == 2


# --- 4. the sample article -----------------------------------------------------------------------

SAMPLE_BOILERPLATE = [
    "Click to play video: 'Harrow Creek tests its new flood sirens'",
    "Harrow Creek tests its new flood sirens",
    "WATCH: Crews in Harrow Creek ran the first full test of the town's river sirens on Friday "
    "morning. – Nov 3, 2023",
    "Story continues below advertisement",
    "READ MORE: Harrow Creek families still drying out months after the spring flood",
    "Get the day's top local stories delivered to your inbox every morning.",
    "Story continues below advertisement",
    "Fire Chief Sam Okafor stands beside the new siren tower at the Harrow Creek fire hall on "
    "Friday. (Marta Lind/Harrow Creek Herald)",
    "Story continues below advertisement",
    "— With files from Marta Lind",
]


def test_sample_article_loses_exactly_its_boilerplate() -> None:
    article = article_from_text(SAMPLE_ARTICLE.read_text(encoding="utf-8"), str(SAMPLE_ARTICLE))
    result = clean(article)
    assert [d.line for d in result.dropped] == SAMPLE_BOILERPLATE
    assert list(result.paragraphs) == [p for p in article.paragraphs if p not in SAMPLE_BOILERPLATE]
    words = sum(len(p.split()) for p in result.paragraphs)
    assert 8 <= len(result.paragraphs) <= 10 and 350 <= words <= 450


# --- the API and the data file -------------------------------------------------------------------


def test_returns_a_new_article_and_leaves_the_input_alone() -> None:
    article = Article(TITLE, (P1, "Advertisement", P2), source="story.txt")
    result = clean(article)
    assert result is not article
    assert article.paragraphs == (P1, "Advertisement", P2) and article.dropped == ()
    assert (result.title, result.source, result.paragraphs) == (TITLE, "story.txt", (P1, P2))
    assert result.dropped == (Dropped("Advertisement", "ad-label", "advertisement", 1),)


def test_title_is_never_dropped() -> None:
    article = Article("Advertisement", (P1,))
    assert clean(article).title == "Advertisement"


def test_empty_article() -> None:
    assert clean(Article(TITLE, ())).paragraphs == ()


def test_kept_paragraphs_are_not_rewritten() -> None:
    odd = "  Spaces\u00a0and “curly” quotes stay as they were, word for word, in the output.  "
    assert clean(Article(TITLE, (odd, P1))).paragraphs == (odd, P1)


def test_load_rules_is_cached_and_valid() -> None:
    rules = load_rules()
    assert rules is load_rules()
    assert len({rule.name for rule in rules}) == len(rules) > 50
    assert {rule.kind for rule in rules} <= KINDS
    assert all(isinstance(rule, Rule) and rule.reason == (rule.kind, rule.name) for rule in rules)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"rule": [{"name": "a", "kind": "nope", "pattern": "x"}]}, "kind 'nope'"),
        ({"rule": [{"name": "a", "kind": "spam", "pattern": "x("}]}, "invalid pattern"),
        ({"rule": [{"name": "a", "kind": "spam", "pattern": "%NOPE%"}]}, "unknown macro %NOPE%"),
        (
            {"rule": [{"name": "a", "kind": "spam", "pattern": "x", "wher": "head"}]},
            "unknown field",
        ),
        ({"rule": [{"name": "a", "kind": "spam", "pattern": "x", "where": "top"}]}, "where must"),
        (
            {"rule": [{"name": "a", "kind": "spam", "pattern": "x"}] * 2},
            "present and unique",
        ),
        (
            {"macros": {"A": "%A%"}, "rule": [{"name": "a", "kind": "spam", "pattern": "%A%"}]},
            "nest",
        ),
    ],
)
def test_parse_rules_rejects_bad_data(data: dict, error: str) -> None:
    with pytest.raises(ValueError, match=re.escape(error)):
        parse_rules(data)


def test_parse_rules_expands_macros_and_flags() -> None:
    (rule,) = parse_rules(
        {
            "macros": {"WORD": "ad", "LINE": "^%WORD%$"},
            "rule": [{"name": "ad", "kind": "ad-label", "pattern": "%LINE%", "max_words": 1}],
        }
    )
    assert rule.pattern.pattern == "^ad$" and rule.matches("AD", 1)
    (strict,) = parse_rules(
        {"rule": [{"name": "ad", "kind": "ad-label", "pattern": "^ad$", "case_sensitive": True}]}
    )
    assert not strict.matches("AD", 1)


@pytest.mark.parametrize(
    ("line", "squashed"),
    [
        ("Wait, There’s More: The “aftermath”", "wait there s more the aftermath"),
        ("  READ MORE — ", "read more"),
        ("___", ""),
    ],
)
def test_squash(line: str, squashed: str) -> None:
    assert squash(line) == squashed
