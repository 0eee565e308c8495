"""Electronic addresses as a listener needs them: URLs, @handles and #hashtags.

espeak reads a URL's scheme letter by letter with its punctuation ("h t t p s colon slash
slash"), so a URL is said as a person would read it: no scheme, "dot" and "slash" between the
parts ("example dot com slash path"). An e-mail address is kept as written (and so from every
other class): espeak already says "info at example dot com". A handle is "at" and the name; a hashtag "hashtag" and the tag (espeak
splits "BlackLivesMatter" into its words itself).
"""

from __future__ import annotations

import re

from briefing.normalize.tokens import TokenClass

_SYMBOLS = {".": " dot ", "/": " slash ", "-": " dash ", "_": " underscore ", "~": " tilde "}
_SEPARATORS = re.compile(r"[./_~-]")
_QUERY = re.compile(r"[?#].*$")


def _say_url(m: re.Match[str], text: str) -> str:
    url = m["url"]
    body = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    www = "W W W dot " if re.match(r"(?i)(?:https?://)?www\.", url) else ""
    body = _QUERY.sub("", body).rstrip("/")
    spoken = _SEPARATORS.sub(lambda s: _SYMBOLS[s.group(0)], body)
    return www + " ".join(spoken.split())


def _say_handle(m: re.Match[str], text: str) -> str:
    return f"at {m['handle']}"


def _say_hashtag(m: re.Match[str], text: str) -> str:
    return f"hashtag {m['tag']}"


_TLD = r"(?:com|org|net|gov|edu|int|mil|io|co|uk|ca|au|de|fr|es|it|eu|info|news|tv|ly|me|us|ru|cn|jp|in)"

CLASSES = (
    TokenClass(
        "electronic",
        r"(?<![\w@./-])(?P<url>(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]’'»]"
        rf"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.{_TLD}/[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]’'»])",
        _say_url,
        first=r"\w",
    ),
    TokenClass(
        "electronic",
        r"(?<![\w@.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+(?<!\.)",
        lambda m, t: m.group(0),
        first=r"\w",
    ),
    TokenClass(
        "electronic",
        r"(?<![\w@])@(?P<handle>[A-Za-z_][A-Za-z0-9_]{1,30})\b(?!@)",
        _say_handle,
        first="@",
    ),
    TokenClass(
        "electronic",
        r"(?<![\w#&])#(?P<tag>[A-Za-z][A-Za-z0-9_]*)\b",
        _say_hashtag,
        first="#",
    ),
)
