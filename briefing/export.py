"""Write the episode: an MP3 encoded by ffmpeg, written to a temp file and renamed into place."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import OutputError

if TYPE_CHECKING:
    from pydub import AudioSegment


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


def write_mp3(audio: AudioSegment, path: Path, bitrate: str = "64k") -> Path:
    """Encode ``audio`` to ``path`` atomically: nothing appears at ``path`` unless complete."""
    from briefing.audio import ensure_ffmpeg

    ffmpeg = ensure_ffmpeg()
    check_writable(path.parent)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=".mp3.part", dir=path.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    command = [
        ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(audio.frame_rate), "-ac", str(audio.channels), "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", bitrate, "-f", "mp3", str(temp),
    ]  # fmt: skip
    try:
        result = subprocess.run(command, input=audio.raw_data, capture_output=True, check=False)
        if result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip().splitlines()
            raise OutputError(
                f"{path}: MP3 encoding failed ({message[-1] if message else 'ffmpeg error'}); "
                "check --bitrate"
            )
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path
