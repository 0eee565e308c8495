"""User defaults for command options, from a TOML file.

``$BRIEFING_CONFIG``, else ``config.toml`` in the platform's user config folder
(``~/.config/briefing/config.toml`` on Linux). Each table is a command; keys are option names
with dashes or underscores, and ``[defaults]`` applies to every command that has the option::

    [defaults]
    lexicon = "~/briefing/lexicon.toml"
    drop_pattern = ["^Sign up for", "Subscribe now"]

    [build]
    show = "Morning Notes"
    speed = 1.1

Options given on the command line win over the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from briefing.errors import InputError


def config_path() -> Path:
    override = os.environ.get("BRIEFING_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefing")) / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed file, or ``{}`` when there is none; a broken file is a one-line error, and
    so is a ``$BRIEFING_CONFIG`` that names no file (a typo there would go unnoticed)."""
    path = path or config_path()
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        if os.environ.get("BRIEFING_CONFIG"):
            raise InputError(
                f"{path}: no such config file (named by BRIEFING_CONFIG); "
                "fix the path or unset BRIEFING_CONFIG"
            ) from None
        return {}
    except OSError as error:
        raise InputError(f"{path}: cannot read config ({error}); fix or remove it") from None
    if not raw:
        return {}  # as tomllib would parse it, without importing tomllib
    import tomllib  # here, not above: most runs have no config to parse

    try:
        data = tomllib.loads(raw.decode())
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read config ({error}); fix or remove it") from None
    if not all(isinstance(value, dict) for value in data.values()):
        raise InputError(f"{path}: config must hold tables such as [build] or [defaults]")
    return data


def default_map(
    data: dict[str, Any], commands: dict[str, dict[str, str]], path: Path | None = None
) -> dict[str, dict[str, Any]]:
    """Click's ``default_map`` for ``commands`` (name -> {config key: parameter name}, the keys
    being option names with underscores); errors name ``path``, the file ``data`` came from."""
    where = str(path or config_path())
    result: dict[str, dict[str, Any]] = {}
    shared = data.get("defaults", {})
    unknown = set(data) - set(commands) - {"defaults"}
    if unknown:
        known = ", ".join(f"[{name}]" for name in ["defaults", *sorted(commands)])
        raise InputError(
            f"{where}: unknown command table [{sorted(unknown)[0]}]; the tables are {known}"
        )
    for command, params in commands.items():
        merged = {**shared, **data.get(command, {})}
        values = {}
        for key, value in merged.items():
            name = params.get(key.replace("-", "_"))
            if name is not None:
                values[name] = value
            elif key in data.get(command, {}):
                raise InputError(
                    f"{where}: [{command}] has no option {key!r}; see `briefing {command} --help`"
                )
        result[command] = values
    return result
