"""One status line on stderr for a build: what phase, how far, fitted to the terminal's width.

``click.progressbar`` draws a bar whose width it fixes when it starts, so a narrow or resized
terminal wraps it and every redraw adds a line; a log record written meanwhile lands glued to
the bar. This line is redrawn in place (carriage return, erase to the end of the line), cut to
the width the terminal has at each redraw, and log records clear it before they are written and
redraw it after, so each stays on a line of its own.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24
_ERASE = "\r\x1b[K"


class StatusLine:
    """``Narrating  [=====>    ]  12/40 segments  story 2 of 3`` and the later phases."""

    def __init__(self, stream: TextIO | None = None, label: str = "Narrating") -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.story = ""
        """``story 2 of 3`` while a briefing of several stories is assembled."""
        self._counts = (0, 0)
        self._text = ""
        self._lock = threading.RLock()
        self._last = 0.0
        self._handler: _Handler | None = None

    def __enter__(self) -> StatusLine:
        self._handler = _Handler(self)
        root = logging.getLogger()
        for handler in root.handlers:  # route records through us, so they never glue on
            if isinstance(handler, logging.StreamHandler) and handler.stream in (
                sys.stderr,
                self.stream,
            ):
                self._handler.setFormatter(handler.formatter)
                self._handler.setLevel(handler.level)
                root.removeHandler(handler)
                self._handler.replaced.append(handler)
        if self._handler.replaced:
            root.addHandler(self._handler)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.clear()
        if self._handler is not None:
            root = logging.getLogger()
            root.removeHandler(self._handler)
            for handler in self._handler.replaced:
                root.addHandler(handler)

    def segments(self, done: int, total: int) -> None:
        """Synthesis progress: segments spoken of all."""
        self._counts = (done, total)
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = ("=" * filled + ">").ljust(BAR_WIDTH)[:BAR_WIDTH]
        where = f"  {self.story}" if self.story else ""
        self.show(f"{self.label}  [{bar}]  {done}/{total} segments{where}", force=done == total)

    def phase(self, name: str) -> None:
        """What the build turns to: ``story k of K`` during synthesis, then ``encoding``,
        ``tags``, ``transcripts``."""
        if name.startswith("story "):
            self.story = name
            self.segments(*self._counts)
        else:
            self.show(f"{self.label}  {name}...", force=True)

    def show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        with self._lock:
            self._text = text
            if not force and now - self._last < 0.1:  # at most ten redraws a second
                return
            self._last = now
            self._draw()

    def _draw(self) -> None:
        width = max(10, shutil.get_terminal_size((80, 24)).columns - 1)
        text = self._text if len(self._text) <= width else self._text[: width - 1] + "…"
        self.stream.write(_ERASE + text)
        self.stream.flush()

    def clear(self) -> None:
        with self._lock:
            self.stream.write(_ERASE)
            self.stream.flush()

    def interrupt(self, write: Callable[[], None]) -> None:
        """Run ``write`` (which prints a line of its own) with the status line out of the way."""
        with self._lock:
            self.stream.write(_ERASE)
            write()
            if self._text:
                self._draw()


class _Handler(logging.Handler):
    """Writes log records on lines of their own, above the status line."""

    def __init__(self, line: StatusLine) -> None:
        super().__init__()
        self.line = line
        self.replaced: list[logging.Handler] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
        except Exception:  # logging must never break the build
            self.handleError(record)
            return

        def write() -> None:
            self.line.stream.write(message + "\n")

        self.line.interrupt(write)
