"""Compiled regexes kept between runs, the way Python keeps compiled modules.

Python's regex compiler is written in Python and slow on long patterns: the cleaner's rules
and the normalizer's scanner took about 0.2 s to compile, a third of a dry run.
What it produces is a list of integers (the program ``_sre`` runs), so a ``Store`` keeps those
lists (``pycache.py``) and later runs rebuild each pattern from its list in microseconds.

This uses CPython internals (``re._parser``, ``re._compiler``, ``_sre.compile``), so every step
is guarded: what is kept is tagged with ``sys.version`` and ``_sre.MAGIC``; a program is kept
only when the pattern rebuilt from it equals what ``re.compile`` gave (``Pattern.__eq__``
compares the pattern, the flags and the whole program); a program this Python refuses is
compiled again with ``re.compile``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from briefing import pycache

__all__ = ["Store", "store"]

_sre: Any = importlib.import_module("_sre")

Program = tuple[Any, ...]
"""The arguments of ``_sre.compile`` for one pattern."""


def _key() -> tuple[int, int, int]:
    return (_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT)


def _program(source: str, flags: int) -> Program:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``source``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: marshal takes those
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        source,
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


class Store:
    """The compiled patterns of one named set (``boilerplate``, ``tokens-en``).

    ``compile`` answers from what was kept when it can, else with ``re.compile``; ``save``
    keeps the patterns asked for since the store was opened (only those: old ones do not pile
    up as the data changes).
    """

    def __init__(self, name: str) -> None:
        self.name = f"regex-{name}"
        kept = pycache.read(self.name, _key())
        self._known: dict[tuple[str, int], Program] = kept if isinstance(kept, dict) else {}
        self._asked: dict[tuple[str, int], Program] = {}
        self._new = False

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(source, flags)``, rebuilt from the kept program when there is one."""
        flags = int(flags)
        key = (source, flags)
        program = self._known.get(key)
        if program is not None:
            try:
                pattern: re.Pattern[str] = _sre.compile(*program)
            except Exception:  # a program this Python refuses: compile as usual
                pass
            else:
                self._asked[key] = program
                return pattern
        pattern = re.compile(source, flags)  # raises re.error as ever on a bad pattern
        self._new = True
        try:
            program = _program(source, flags)
            if _sre.compile(*program) == pattern:
                self._asked[key] = program
        except Exception:  # the internals changed: this pattern is simply not kept
            pass
        return pattern

    def save(self) -> None:
        """Keep the patterns asked for, if one was missing or some went unused."""
        if self._new or self._asked.keys() != self._known.keys():
            pycache.write(self.name, _key(), self._asked)
            self._known, self._new = dict(self._asked), False


@contextmanager
def store(name: str) -> Iterator[Store]:
    """The ``Store`` of the set ``name``, saved when the block ends without an error."""
    opened = Store(name)
    yield opened
    opened.save()
