"""Turn a source (a text file or ``-`` for stdin) into an Article: a title and its paragraphs."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.errors import InputError, NothingToNarrate
from briefing.models import Article

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Refuse larger inputs: a news article is kilobytes; megabytes mean a wrong file."""


def read_source(source: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The raw bytes of a file path or of stdin (``-``), refusing anything over ``max_bytes``."""
    if str(source) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file; check the path") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a folder; pass an article file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied; check the file's permissions") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{source}: larger than {max_bytes // (1024 * 1024)} MB; is this really an article?"
        )
    return data


def decode_text(data: bytes, source: str | Path) -> str:
    """UTF-8 text (a BOM is fine); any other bytes are an error naming the offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None


def parse_text(text: str, source: str = "-") -> Article:
    """First non-empty line is the title; every other non-empty line is a paragraph.

    Copied pages separate paragraphs by blank lines, single newlines or both, so any line
    break ends a paragraph.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise NothingToNarrate(f"{source}: empty input; nothing to narrate")
    return Article(title=lines[0], paragraphs=tuple(lines[1:]), source=source)


def load(source: str | Path) -> Article:
    """Load an article from a text file path or ``-`` (stdin)."""
    name = str(source)
    return parse_text(decode_text(read_source(source), name), name)
