"""The config file is parsed as TOML; an empty one (``BRIEFING_CONFIG=/dev/null``) is no config,
read without importing the TOML parser."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.errors import InputError


@pytest.mark.parametrize(
    "text", ["", "\n", "# only a comment\n", '[build]\nshow = "Notes"\n', "[defaults]\n"]
)
def test_a_config_reads_as_tomllib_parses_it(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    assert load_config(path) == tomllib.loads(text)


def test_dev_null_is_no_config() -> None:
    assert load_config(Path(os.devnull)) == {}


@pytest.mark.parametrize("text", ["[build\n", "show = 1\n"])
def test_a_broken_config_is_a_one_line_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=str(path)):
        load_config(path)


def test_a_config_not_in_utf8_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('[build]\nshow = "Café"\n'.encode("latin-1"))
    with pytest.raises(InputError, match=str(path)):
        load_config(path)
