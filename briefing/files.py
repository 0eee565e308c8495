"""Files that appear whole or not at all: written beside their target, renamed when complete.

Kept apart from the encoder (and its numpy) so that what only writes files, such as the podcast
feed, starts fast.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import OutputError


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and prove we can write there, before any slow work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(
            f"{folder}: output folder not writable ({reason}); choose another with -o"
        ) from None


@functools.cache
def _umask() -> int:
    mask = os.umask(0)  # the only way to read it; done once, before any worker thread writes
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed to it if the block succeeds, else removed."""
    check_writable(path.parent)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; published files must be readable
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> Path:
    """Write a text file so that it appears complete or not at all."""
    with atomic_path(path) as temp:
        temp.write_text(text, encoding="utf-8")
    return path


def free_name(path: Path, taken: Callable[[Path], bool] = Path.exists) -> Path:
    """``path``, or ``name-2.mp3``, ``name-3.mp3`` ... when that is ``taken``: two stories with
    one title get two files, and neither overwrites the other."""
    if not taken(path):
        return path
    number = 2
    while taken(candidate := path.with_name(f"{path.stem}-{number}{path.suffix}")):
        number += 1
    return candidate
