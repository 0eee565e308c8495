"""A content-addressed cache of synthesized segments, so rebuilds only speak what changed.

The key is a hash of everything that shapes a segment's audio: the engine's identity (name,
package and voice versions, options such as speed) and the exact spoken text. An entry holds
the clip's 16-bit samples and its loudness profile, so a cached segment costs neither
synthesis nor analysis. Entries are written to a temporary file and renamed into place, so an
interrupted build never leaves a torn entry, and two builds sharing the cache at once at worst
both write the same entry.

Size: the segments are capped at ``BRIEFING_CACHE_MAX_MB`` megabytes (default 2048). A hit
refreshes the entry's modification time, and when a write takes the cache over the cap the
least recently used entries go until it is back under nine tenths of it. The folder is scanned
once per cache object (once per build), then its size is kept up to date as entries are added.
The split Piper voices (``voices/``) live beside the segments; they are counted, not pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefing.errors import InputError
from briefing.loudness import Profile

log = logging.getLogger(__name__)

FORMAT = 1
"""Bumped when the entry layout changes; old entries then simply miss. (Profiles stored as
float32 true peaks by earlier versions still serve: a true peak is also a peak bound.)"""


def default_cache_dir() -> Path:
    """``$BRIEFING_CACHE_DIR``, else the platform's user cache folder."""
    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing")) / "segments"


_KEY = re.compile(r"^[0-9a-f]{64}$")
_VOICE = re.compile(r"-[0-9a-f]{16}$")

DEFAULT_MAX_MB = 2048


def default_max_bytes() -> int:
    """``$BRIEFING_CACHE_MAX_MB`` megabytes, else ``DEFAULT_MAX_MB``."""
    text = os.environ.get("BRIEFING_CACHE_MAX_MB", "").strip()
    if not text:
        return DEFAULT_MAX_MB * 1_000_000
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = -1
    if megabytes < 0:
        raise InputError(
            f"BRIEFING_CACHE_MAX_MB={text!r} is not a size in megabytes; set it to a number "
            f"such as 500, or unset it for {DEFAULT_MAX_MB}"
        )
    return int(megabytes * 1_000_000)


@dataclass(frozen=True)
class CachedClip:
    """A synthesized segment as stored: mono 16-bit samples, their rate, their profile."""

    pcm: np.ndarray
    rate: int
    profile: Profile


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    bytes: int
    """Of the segment entries."""
    voices: int = 0
    voice_bytes: int = 0
    max_bytes: int = 0
    """The cap on the segment entries."""


class SegmentCache:
    """Read and write cached segments under ``root``."""

    def __init__(self, root: Path | None = None, max_bytes: int | None = None) -> None:
        self.root = root or default_cache_dir()
        self.max_bytes = default_max_bytes() if max_bytes is None else max_bytes
        self._size: int | None = None
        """Bytes of segment entries, known from the first write on."""
        self._lock = threading.Lock()

    @staticmethod
    def key(identity: Mapping[str, object], spoken: str) -> str:
        document = json.dumps(
            {"format": FORMAT, "engine": identity, "text": spoken},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(document.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.npz"

    def get(self, key: str) -> CachedClip | None:
        """The entry for ``key``, or None when absent or unreadable (then it is rebuilt)."""
        path = self._path(key)
        try:
            with np.load(path) as data:
                clip = CachedClip(
                    pcm=data["pcm"],
                    rate=int(data["rate"]),
                    profile=Profile(data["energy"], data["peak"]),
                )
        except (OSError, KeyError, ValueError, EOFError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: the last to be pruned
        return clip

    def put(self, key: str, clip: CachedClip) -> None:
        """Store atomically; a cache that cannot be written is skipped, never fatal."""
        path = self._path(key)
        temp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
            temp = Path(name)
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    pcm=clip.pcm,
                    rate=np.int64(clip.rate),
                    energy=clip.profile.energy.astype(np.float32),
                    peak=clip.profile.peak.astype(np.float32),
                )
            os.replace(temp, path)
            temp = None
            self._added(path.stat().st_size)
        except OSError as error:
            log.warning("segment cache not written (%s): %s", path, error)
        finally:  # also on KeyboardInterrupt: no torn entry is left behind
            if temp is not None:
                temp.unlink(missing_ok=True)

    def _entries(self) -> list[tuple[float, int, Path]]:
        """(modification time, size, path) of every segment entry."""
        found = []
        for path in self.root.glob("??/*.npz") if self.root.is_dir() else []:
            if not _KEY.match(path.stem) or path.parent.name != path.stem[:2]:
                continue  # not an entry of ours
            try:
                stat = path.stat()
            except OSError:  # removed meanwhile by another build's pruning
                continue
            found.append((stat.st_mtime, stat.st_size, path))
        return found

    def _added(self, size: int) -> None:
        with self._lock:
            if self._size is None:
                self._size = sum(size for _, size, _ in self._entries())
            else:
                self._size += size
            if self._size > self.max_bytes:
                self._size -= self._prune(int(self.max_bytes * 0.9))

    def _prune(self, target: int) -> int:
        """Delete the least recently used entries until at most ``target`` bytes are left;
        returns the bytes freed."""
        entries = sorted(self._entries())
        total = sum(size for _, size, _ in entries)
        freed = 0
        for _, size, path in entries:
            if total - freed <= target:
                break
            path.unlink(missing_ok=True)
            freed += size
        log.info("segment cache over %d MB: freed %.1f MB", self.max_bytes // 10**6, freed / 1e6)
        return freed

    def prune(self) -> int:
        """Bring the segments under the cap now; returns the bytes freed."""
        with self._lock:
            freed = self._prune(self.max_bytes)
            self._size = None
        return freed

    def info(self) -> CacheInfo:
        entries = self._entries()
        voices = self._voices()
        files = [p for voice in voices for p in voice.rglob("*") if p.is_file()]
        return CacheInfo(
            self.root,
            len(entries),
            sum(size for _, size, _ in entries),
            len(voices),
            sum(p.stat().st_size for p in files),
            self.max_bytes,
        )

    def clear(self) -> int:
        """Delete every entry and split voice, and nothing else (the folder may hold other
        files: ``BRIEFING_CACHE_DIR`` can point anywhere); returns how many segments there were."""
        entries = self._entries()
        for _, _, path in entries:
            path.unlink(missing_ok=True)
        for leftover in self.root.glob("??/.*.part") if self.root.is_dir() else []:
            leftover.unlink(missing_ok=True)
        for folder in self.root.glob("??") if self.root.is_dir() else []:
            with contextlib.suppress(OSError):  # not empty: something else lives there
                folder.rmdir()
        for voice in self._voices():
            shutil.rmtree(voice, ignore_errors=True)
        with contextlib.suppress(OSError):
            (self.root / "voices").rmdir()
        return len(entries)

    def _voices(self) -> list[Path]:
        """The split voices' folders (``voices/<model>-<16 hex digits>``)."""
        folder = self.root / "voices"
        return (
            [p for p in folder.iterdir() if p.is_dir() and _VOICE.search(p.name)]
            if (folder.is_dir())
            else []
        )
