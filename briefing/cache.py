"""A content-addressed cache of synthesized segments, so rebuilds only speak what changed.

The key is a hash of everything that shapes a segment's audio: the engine's identity (name,
package and voice versions, options such as speed) and the exact spoken text. An entry holds
the clip's 16-bit samples and its loudness profile, so a cached segment costs neither
synthesis nor analysis. Entries are written to a temporary file and renamed into place, so an
interrupted build never leaves a torn entry, and two builds sharing the cache at once at worst
both write the same entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


class SegmentCache:
    """Read and write cached segments under ``root``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_cache_dir()

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
                return CachedClip(
                    pcm=data["pcm"],
                    rate=int(data["rate"]),
                    profile=Profile(data["energy"], data["peak"]),
                )
        except (OSError, KeyError, ValueError, EOFError):
            return None

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
        except OSError as error:
            log.warning("segment cache not written (%s): %s", path, error)
        finally:  # also on KeyboardInterrupt: no torn entry is left behind
            if temp is not None:
                temp.unlink(missing_ok=True)

    def info(self) -> CacheInfo:
        entries = list(self.root.glob("??/*.npz")) if self.root.is_dir() else []
        return CacheInfo(self.root, len(entries), sum(p.stat().st_size for p in entries))

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        count = self.info().entries
        if self.root.is_dir():
            shutil.rmtree(self.root)
        return count
