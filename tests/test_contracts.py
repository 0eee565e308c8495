"""The contracts between the parts: the engine base and its options, the public API, the file
formats, defaults defined once, one date per build, feeds as a source."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass, field, fields

import click
import numpy as np
import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.engines.base import (
    EngineBase,
    EngineOptions,
    VoiceSettings,
    build_engine,
    get_engine,
    register_engine,
)
from briefing.errors import BadOption, EngineError
from briefing.formats import MANIFEST_FORMAT, manifest, parse_manifest, read_manifest
from briefing.models import Audio, LoudnessTarget, Pauses
from briefing.pipeline import Feed, narrate, prepare
from briefing.settings import DEFAULT_INTRO, Settings

ARTICLE = "Bridge opens\n\nThe new bridge opened on Monday.\n\nTraffic moved at once.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- the engine base ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HumOptions(EngineOptions):
    pitch: int = field(default=220, metadata={"help": "hum pitch in Hz"})
    gain: float | None = field(default=None, metadata={"help": "level, 0 to 1"})
    loud: bool = False

    def __post_init__(self) -> None:
        if not 50 <= self.pitch <= 2000:
            raise BadOption(f"hum pitch must be 50 to 2000 Hz, not {self.pitch}")


class HumEngine(EngineBase[HumOptions]):
    """The smallest engine: a name, options and synthesize; every other attribute is the
    base class's default."""

    name = "hum"
    options_class = HumOptions

    def synthesize(self, text: str) -> Audio:
        rate = 8000
        t = np.arange(len(text) * 80) / rate
        level = self.options.gain if self.options.gain is not None else 0.3
        return Audio((level * np.sin(2 * np.pi * self.options.pitch * t)).astype(np.float32), rate)


@pytest.fixture
def hum():
    from briefing.engines import base

    register_engine(HumEngine)
    yield HumEngine
    base._registered.pop("hum", None)


def test_base_defaults() -> None:
    engine = HumEngine(VoiceSettings())
    assert (engine.workers, engine.phonemes, engine.needs_network) == (1, False, False)
    assert engine.identity() is None  # no identity: not cached
    assert engine.options == HumOptions()
    assert HumEngine.info().available


def test_options_convert_from_strings_and_validate() -> None:
    options = HumEngine.parse_options({"pitch": "440", "gain": "0.5", "loud": "on"})
    assert options == HumOptions(pitch=440, gain=0.5, loud=True)
    assert HumEngine.parse_options({"gain": "none"}).gain is None
    assert HumEngine.parse_options({"gain": 1}).gain == 1.0  # a library caller's int
    with pytest.raises(BadOption, match=r"option 'pitch' must be int, not 'high'"):
        HumEngine.parse_options({"pitch": "high"})
    with pytest.raises(BadOption, match="50 to 2000 Hz"):
        HumEngine.parse_options({"pitch": "5"})
    with pytest.raises(BadOption, match=r"no option 'volume' \(its options: gain, loud, pitch\)"):
        HumEngine.parse_options({"volume": "3"})


def test_describe_options() -> None:
    described = {o.name: o for o in HumEngine.describe_options()}
    assert described["pitch"].type == "int" and described["pitch"].default == 220
    assert described["gain"].type == "float | none" and described["gain"].help == "level, 0 to 1"


def test_minimal_engine_builds_an_episode(tmp_path, article, hum) -> None:
    settings = Settings(engine="hum", engine_options={"pitch": "330"}, cache_dir=tmp_path / "c")
    episode = narrate(article, tmp_path / "out.mp3", settings)
    assert episode.duration_ms > 1000 and episode.engine == "hum"
    saved = json.loads((tmp_path / "out.json").read_text())
    assert saved["settings"]["engine_options"] == {"pitch": "330"}
    assert not list((tmp_path / "c").rglob("*.npz"))  # no identity, nothing cached


def test_built_in_engines_are_engine_base_subclasses() -> None:
    for name in ("piper", "gtts", "espeak"):
        assert issubclass(get_engine(name), EngineBase)


def test_built_in_engines_are_the_packages_own_entry_points() -> None:
    from importlib.metadata import entry_points

    from briefing.engines import base

    points = {ep.name: ep.value for ep in entry_points(group=base.ENTRY_POINT_GROUP)}
    assert {name: points.get(name) for name in base.BUILT_IN} == base.BUILT_IN


def test_a_plugin_that_is_not_an_engine_is_refused(monkeypatch) -> None:
    from briefing.engines import base

    class Point:
        name = "broken"
        value = "somewhere:Thing"

        def load(self) -> type:
            return dict

    monkeypatch.setattr(base, "_entry_point_names", lambda: {"broken": Point()})
    with pytest.raises(EngineError, match="not an EngineBase subclass"):
        get_engine("broken")


def test_build_engine_passes_options() -> None:
    engine = build_engine("gtts", VoiceSettings(), {"tld": "co.uk"})
    assert engine.options.tld == "co.uk"


def test_cli_engine_options(tmp_path, article, hum) -> None:
    runner = CliRunner()
    out = tmp_path / "o.mp3"
    args = ["build", str(article), "-e", "hum", "-O", "pitch=440", "-o", str(out), "-q"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(out.with_suffix(".json").read_text())["settings"]["engine_options"] == {
        "pitch": "440"
    }
    result = runner.invoke(cli, ["build", str(article), "-e", "hum", "-O", "tone=1"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: engine 'hum' has no option 'tone' (its options: gain, loud, pitch); "
        "see `briefing engines --options`"
    ]
    result = runner.invoke(cli, ["build", str(article), "-e", "hum", "-O", "pitch"])
    assert result.exit_code == 2 and "'pitch' is not KEY=VALUE" in result.output
    result = runner.invoke(cli, ["build", str(article), "-e", "piper", "--tld", "co.uk"])
    assert result.exit_code == 2 and "engine 'piper' has no option 'tld'" in result.output


def test_engines_lists_options(monkeypatch) -> None:
    from briefing.engines.gtts import GTTSEngine

    monkeypatch.setattr(GTTSEngine, "endpoint", "https://127.0.0.1:9/x")  # stays on this machine
    result = CliRunner().invoke(cli, ["engines", "--options"])
    assert result.exit_code == 0
    assert "-O tld=<str>" in result.output and "-O noise_scale=<float | none>" in result.output


# --- defaults defined once ----------------------------------------------------------------------

BUILD_DEFAULTS = {
    "engine": Settings().engine,
    "lang": VoiceSettings().lang,
    "speed": VoiceSettings().speed,
    "show": Settings().show,
    "bitrate": Settings().bitrate,
    "loudness": f"{LoudnessTarget().lufs:g}",
    "true_peak": LoudnessTarget().true_peak,
    "pause_title": Pauses().after_title,
    "pause_paragraph": Pauses().between_paragraphs,
    "pause_story": Pauses().between_stories,
    "output_dir": Settings().output_dir,
    "input_format": Settings().input_format,
    "latest": Settings().latest,
}


def test_cli_defaults_are_the_dataclass_defaults() -> None:
    params = {p.name: p for p in cli.commands["build"].params}
    for name, value in BUILD_DEFAULTS.items():
        assert params[name].default == value, name
    for command in ("build", "segments"):
        engine = next(p for p in cli.commands[command].params if p.name == "engine")
        assert engine.default == Settings().engine


def test_no_option_of_build_is_left_without_a_home() -> None:
    """Every build option with a default value is either mapped above or a flag/None."""
    for param in cli.commands["build"].params:
        if isinstance(param, click.Option) and param.name not in BUILD_DEFAULTS:
            assert param.default in (None, False, ()), param.name


# --- one date per build -------------------------------------------------------------------------


class Midnight(dt.date):
    """A date class whose today() moves one day forward at every call."""

    calls = 0

    @classmethod
    def today(cls) -> Midnight:
        cls.calls += 1
        return cls(2026, 12, 1) + dt.timedelta(days=cls.calls)  # type: ignore[return-value]


def test_a_build_across_midnight_has_one_date(tmp_path, article, tone_engine, monkeypatch):
    import briefing.settings

    monkeypatch.setattr(briefing.settings.dt, "date", Midnight)
    settings = Settings(engine="tone", always_intro=True, show="Night Desk")
    episode = narrate([article, article], tmp_path / "night.mp3", settings)
    saved = json.loads((tmp_path / "night.json").read_text())
    day = episode.date.isoformat()
    assert Midnight.calls == 1
    assert saved["date"] == day
    assert day.replace("-", "") and episode.segments[0].text.endswith("Two stories today.")
    spoken_day = f"{episode.date:%B} {episode.date.day}, {episode.date.year}"
    assert spoken_day in episode.segments[0].text and spoken_day in episode.title


# --- feeds as a source --------------------------------------------------------------------------


def test_feed_is_a_source(tmp_path) -> None:
    body = "".join(
        f"<item><title>Story {n}</title><pubDate>Mon, 0{n} Jun 2026 10:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>{'Word ' * 150}for story {n}.</p>]]></content:encoded>"
        "</item>"
        for n in (1, 2, 3)
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Town</title>{body}</channel></rss>"
    )
    script = prepare([Feed(str(feed), latest=2)], Settings(engine="gtts"))
    assert [story.title for story in script.stories] == ["Story 3", "Story 2"]
    assert script.segments[0].kind == "intro"


# --- intro policy -------------------------------------------------------------------------------


def test_a_written_intro_is_spoken_for_one_story(article) -> None:
    assert not Settings().framed
    assert Settings(intro="Good morning from {show}.").framed
    assert not Settings(intro=None, outro=None).framed
    assert not Settings(intro="Hi", always_intro=False).framed
    script = prepare(article, Settings(engine="gtts", intro="Good morning from {show}."))
    assert script.segments[0].kind == "intro"
    assert prepare(article, Settings(engine="gtts", intro=DEFAULT_INTRO)).segments[0].kind == (
        "title"
    )


# --- formats ------------------------------------------------------------------------------------


def test_manifest_round_trip(tmp_path, article, tone_engine) -> None:
    settings = Settings(engine="tone", show="Desk", date=dt.date(2026, 3, 4))
    episode = narrate([article, article], tmp_path / "desk.mp3", settings)
    record = read_manifest(tmp_path / "desk.json")
    assert record is not None
    assert record.format == MANIFEST_FORMAT
    assert (record.title, record.show, record.date) == (episode.title, "Desk", episode.date)
    assert (record.audio, record.duration_ms, record.engine) == (
        "desk.mp3",
        episode.duration_ms,
        "tone",
    )
    assert record.lang == "en"
    assert [s.title for s in record.stories] == [s.title for s in episode.stories]
    assert [s.source for s in record.stories] == [str(article), str(article)]
    # written and read by the same module: the dict it writes is what it reads
    assert parse_manifest(manifest(episode, settings)) == record


@pytest.mark.parametrize(
    "data",
    [[], {"title": "x"}, {"format": MANIFEST_FORMAT + 1, "title": "x", "date": "2026-01-01"}],
)
def test_what_is_not_a_manifest_of_this_version(data) -> None:
    assert parse_manifest(data) is None


def test_manifest_without_format_key_reads_as_format_1() -> None:
    data = {"title": "Old", "date": "2025-05-05", "duration_ms": 1000, "stories": []}
    record = parse_manifest(data)
    assert record is not None and record.format == 1 and record.date == dt.date(2025, 5, 5)


# --- the public API -----------------------------------------------------------------------------


def test_public_api_names_resolve() -> None:
    for name in briefing.__all__:
        assert getattr(briefing, name) is not None, name
    assert {"narrate", "prepare", "Settings", "Script", "Article", "Segment", "Episode"} <= set(
        briefing.__all__
    )
    assert {"BriefingError", "EngineBase"} <= set(briefing.__all__)
    with pytest.raises(AttributeError):
        briefing.nothing_here  # noqa: B018


def test_import_briefing_is_lazy() -> None:
    code = "import sys, briefing; print(sorted(m for m in sys.modules if m.startswith('briefing')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['briefing']", result.stderr


def test_py_typed_ships() -> None:
    from importlib.resources import files

    assert files("briefing").joinpath("py.typed").is_file()


def test_settings_fields_have_no_engine_specific_options() -> None:
    assert {f.name for f in fields(VoiceSettings)} == {"voice", "lang", "speed"}


def test_cli_formats_are_the_loaders() -> None:
    from briefing.cli import FORMATS
    from briefing.load import FORMATS as LOADER_FORMATS

    assert FORMATS == LOADER_FORMATS
