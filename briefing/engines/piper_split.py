"""Split a Piper voice at its vocoder, once, into two models kept in the cache folder.

A Piper voice is one ONNX graph: an encoder (text to latent frames, with the durations and the
voice's randomness) and a HiFi-GAN vocoder (frames to samples). Cut in two, the vocoder can
run a few seconds of frames at a time, so memory no longer grows with sentence length.

The cut is made in a child process (reading the graph with the ``onnx`` package briefly takes
several copies of the model in memory) and stored under the cache folder, keyed by the voice
file; later builds just load the two halves.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DECODER_START = "/dec/conv_pre/Conv"
"""The vocoder's first node in voices exported by Piper's training code."""
LAYOUT = 1
"""Bumped when the stored files change; older splits are then made again."""


@dataclass(frozen=True)
class SplitVoice:
    """Where a voice's two halves are, and how they connect."""

    encoder: Path
    vocoder: Path
    latent: str
    """The vocoder input that runs along time: the one cut into chunks."""
    extras: tuple[str, ...]
    """Other vocoder inputs (a speaker embedding), passed whole to every chunk."""


def split_folder(model: Path, root: Path) -> Path:
    """The folder for ``model``'s halves: a new file at the same path gets a new folder."""
    stat = model.stat()
    identity = f"{LAYOUT}:{model.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    return root / "voices" / f"{model.stem}-{hashlib.sha256(identity.encode()).hexdigest()[:16]}"


def cached_split(model: Path, root: Path) -> SplitVoice | None:
    """The voice's halves, cutting it first if needed; None when it cannot be cut (a graph
    not laid out like Piper's, or no writable cache), and the caller runs it whole."""
    folder = split_folder(model, root)
    manifest = folder / "split.json"
    if not manifest.is_file():
        command = [sys.executable, "-m", __name__, str(model), str(folder)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not manifest.is_file():
            reason = done.stderr.strip().splitlines()[-1:] or ["no split written"]
            log.warning("running voice %s whole: %s", model.name, reason[0])
            return None
    found = json.loads(manifest.read_text(encoding="utf-8"))
    if not found.get("split"):
        return None
    return SplitVoice(
        folder / "encoder.onnx", folder / "vocoder.onnx", found["latent"], tuple(found["extras"])
    )


def split_voice(model: Path, folder: Path) -> None:
    """Cut ``model`` into ``folder`` (encoder.onnx, vocoder.onnx, split.json), atomically."""
    import onnx
    from onnx.utils import Extractor

    graph_model = onnx.load(str(model))
    graph = graph_model.graph
    start = next((n for n in graph.node if n.name == DECODER_START), None)
    vocoder_nodes = [n for n in graph.node if n.name.startswith("/dec/")]
    made = {name for n in vocoder_nodes for name in n.output}
    weights = {t.name for t in graph.initializer}
    cut = sorted({x for n in vocoder_nodes for x in n.input if x and x not in made | weights})
    manifest: dict[str, object] = {"split": False}
    halves = {}
    if start is not None and start.input[0] in cut and graph.output:
        extractor = Extractor(graph_model)
        halves = {
            "encoder.onnx": extractor.extract_model([i.name for i in graph.input], cut),
            "vocoder.onnx": extractor.extract_model(cut, [graph.output[0].name]),
        }
        if {i.name for i in halves["vocoder.onnx"].graph.input} == set(cut):
            latent = start.input[0]
            extras = [name for name in cut if name != latent]
            manifest = {"split": True, "latent": latent, "extras": extras}
        else:  # the output needs more than the vocoder's inputs: not a layout we know
            halves = {}
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent))
    try:
        for name, half in halves.items():
            onnx.save(half, str(temp / name))
        (temp / "split.json").write_text(json.dumps(manifest), encoding="utf-8")
        try:
            os.replace(temp, folder)
        except OSError:
            if not (folder / "split.json").is_file():  # not a concurrent build's finished split
                raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    split_voice(Path(sys.argv[1]), Path(sys.argv[2]))
