"""Write ``briefing/data/stopwords.json`` from jusText's stop-word lists (BSD-2-Clause).

Usage::

    .venv/bin/python scripts/make_stopwords.py

jusText (installed with trafilatura) ships frequency-ordered stop-word lists for about 100
languages; the cleaner needs a few hundred of the most frequent words per language for its
stop-word density feature and to tell the article's language. The lists are copied, not
edited, cut to ``TOP`` words.
"""

from __future__ import annotations

import json
from pathlib import Path

import justext

REPO = Path(__file__).resolve().parents[1]
TOP = 300
LANGUAGES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
    "nl": "Dutch",
    "pl": "Polish",
    "sv": "Swedish",
    "id": "Indonesian",
    "tr": "Turkish",
}


def main() -> None:
    root = Path(justext.__file__).parent / "stoplists"
    out = {}
    for code, name in LANGUAGES.items():
        words = []
        for word in (root / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
            word = word.strip().lower()
            if word and word not in words:
                words.append(word)
            if len(words) == TOP:
                break
        out[code] = words
    path = REPO / "briefing" / "data" / "stopwords.json"
    text = json.dumps(
        {"source": "jusText 3 stoplists (BSD-2-Clause), top words", "languages": out},
        ensure_ascii=False,
    )
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
