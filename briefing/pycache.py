"""What the package keeps between runs beside its compiled modules, and its data files read
through it.

A fresh ``briefing segments`` spends more time deriving things from the package's own files
(parsing the TOML data, compiling the regexes made of it) than reading an article. Python keeps
compiled modules in ``__pycache__``; this keeps those derived forms there too, as ``marshal``
files tagged with the exact ``sys.version``, and follows Python's rules: nothing is written when
``sys.dont_write_bytecode`` is set (``PYTHONDONTWRITEBYTECODE``, ``python -B``) or the folder is
not writable, and a file that is missing, foreign or broken reads as nothing kept.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["folder", "packaged_toml", "read", "write"]


def folder() -> Path:
    """This package's ``__pycache__`` (under ``sys.pycache_prefix`` when that is set)."""
    from importlib.util import cache_from_source

    return Path(cache_from_source(__file__)).parent


def path(name: str) -> Path:
    """The file that keeps ``name`` for this Python."""
    return folder() / f"{name}.{sys.implementation.cache_tag}.kept"


def read(name: str, key: object) -> Any:
    """What was written as ``name`` with ``key`` by this very Python, else None."""
    try:
        data = marshal.loads(path(name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if isinstance(data, tuple) and len(data) == 3 and data[0] == sys.version and data[1] == key:
        return data[2]
    return None


def write(name: str, key: Any, value: Any) -> None:
    """Keep ``value`` as ``name`` under ``key``, whole or not at all (runs may write at once);
    silently nothing when bytecode is not written, the folder is not writable or ``marshal``
    cannot hold the value."""
    if sys.dont_write_bytecode:
        return
    target = path(name)
    try:
        content = marshal.dumps((sys.version, key, value))
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            temp.write_bytes(content)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return


def packaged_toml(name: str) -> dict[str, Any]:
    """The parsed ``briefing/data/<name>.toml``: kept parsed, keyed on the file's whole text,
    so an edited file is parsed again."""
    from importlib import resources

    text = resources.files("briefing").joinpath(f"data/{name}.toml").read_text("utf-8")
    kept = read(f"data-{name}", text)
    if isinstance(kept, dict):
        return kept
    import tomllib

    data = tomllib.loads(text)
    write(f"data-{name}", text, data)
    return data
