"""ID3v2 tags, cover art and chapters (CHAP + CTOC), written with mutagen.

Podcast apps read chapters from ID3 CHAP frames listed by a top-level CTOC frame; times are
milliseconds from the start of the audio.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import InputError
from briefing.models import Chapter

COVER_SIZE = 1400
"""Apple Podcasts wants square art of 1400 to 3000 pixels."""


@dataclass(frozen=True)
class Cover:
    data: bytes
    mime: str


@dataclass(frozen=True)
class Tags:
    """What the MP3 says about itself."""

    title: str
    artist: str | None = None
    """The article's author, else the show."""
    album: str | None = None
    """The show name."""
    date: str | None = None
    """ISO 8601 date (``2026-11-25``)."""
    genre: str = "Podcast"
    comment: str | None = None
    """Source URLs, one per line."""
    language: str | None = None
    """ISO 639-2 code (``eng``)."""
    cover: Cover | None = None
    sources: tuple[str, ...] = field(default=())


def load_cover(path: Path) -> Cover:
    """Read a JPEG or PNG cover image; anything else is an error that says so."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            f"{path}: cannot read cover image ({error.strerror}); check --cover"
        ) from None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Cover(data, "image/png")
    if data.startswith(b"\xff\xd8\xff"):
        return Cover(data, "image/jpeg")
    raise InputError(f"{path}: cover must be a PNG or JPEG image")


def default_cover(show: str, size: int = COVER_SIZE) -> Cover:
    """A plain square PNG in a colour derived from the show name: a recognizable default."""
    digest = hashlib.sha256(show.encode()).digest()
    top = tuple(40 + b % 120 for b in digest[:3])
    bottom = tuple(c // 3 for c in top)
    rows = []
    for y in range(size):
        mix = y / (size - 1)
        pixel = bytes(round(a * (1 - mix) + b * mix) for a, b in zip(top, bottom, strict=True))
        rows.append(b"\0" + pixel * size)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return Cover(png, "image/png")


def to_iso639_2(language: str | None) -> str | None:
    """ID3 wants three-letter language codes; map the common two-letter ones."""
    if not language:
        return None
    code = language.split("-")[0].lower()
    if len(code) == 3:
        return code
    table = {
        "en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por",
        "nl": "nld", "ru": "rus", "ja": "jpn", "zh": "zho", "ar": "ara", "hi": "hin",
        "sv": "swe", "no": "nor", "da": "dan", "fi": "fin", "pl": "pol", "tr": "tur",
        "uk": "ukr", "ko": "kor", "el": "ell", "he": "heb", "cs": "ces", "hu": "hun",
    }  # fmt: skip
    return table.get(code)


def write_tags(path: Path, tags: Tags, chapters: tuple[Chapter, ...] = ()) -> None:
    """Replace the ID3v2 tag of the MP3 at ``path`` with ``tags`` and ``chapters``."""
    from mutagen.id3 import (
        APIC,
        CHAP,
        COMM,
        CTOC,
        ID3,
        TALB,
        TCON,
        TDRC,
        TIT2,
        TLAN,
        TPE1,
        WXXX,
        CTOCFlags,
    )  # fmt: skip

    tag = ID3()
    tag.add(TIT2(encoding=3, text=tags.title))
    if tags.artist:
        tag.add(TPE1(encoding=3, text=tags.artist))
    if tags.album:
        tag.add(TALB(encoding=3, text=tags.album))
    if tags.date:
        tag.add(TDRC(encoding=3, text=tags.date))
    tag.add(TCON(encoding=3, text=tags.genre))
    language = to_iso639_2(tags.language)
    if language:
        tag.add(TLAN(encoding=3, text=language))
    if tags.comment:
        tag.add(COMM(encoding=3, lang=language or "eng", desc="", text=tags.comment))
    for number, url in enumerate(tags.sources):
        tag.add(WXXX(encoding=3, desc=f"source {number + 1}", url=url))
    if tags.cover:
        tag.add(APIC(encoding=3, mime=tags.cover.mime, type=3, desc="Cover", data=tags.cover.data))
    ids = [f"chp{number}" for number in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters, strict=True):
        tag.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    if ids:
        tag.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    tag.save(str(path), v2_version=4)
