from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefing import __version__
from briefing.cli import cli

ARTICLE = "Bridge opens\n\nAdvertisement\n\nThe new bridge opened on Monday.\n\nIt cost less than planned.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def all_commands(group=cli, prefix=()):
    yield prefix
    for name, command in getattr(group, "commands", {}).items():
        yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("command", list(all_commands()), ids=lambda c: " ".join(c) or "briefing")
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "build" in result.stdout


def test_segments_json_contract(runner, article):
    result = runner.invoke(cli, ["segments", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["title"] == "Bridge opens"
    assert [s["kind"] for s in document["segments"]] == ["title", "body", "body"]
    assert [s["index"] for s in document["segments"]] == [0, 1, 2]
    assert document["segments"][1]["text"] == "The new bridge opened on Monday."
    assert document["format"] == 1
    keys = {"index", "kind", "story", "text", "spoken"}
    assert all(set(s) == keys for s in document["segments"])
    assert document["dropped"] == [
        {
            "story": 0,
            "index": 0,
            "line": "Advertisement",
            "kind": "ad-label",
            "rule": document["dropped"][0]["rule"],
            "reason": f"ad-label: {document['dropped'][0]['rule']}",
        }
    ]
    assert document["dropped"][0]["rule"]


def test_segments_text_shows_dropped_with_reason(runner, article):
    result = runner.invoke(cli, ["segments", str(article)])
    assert result.exit_code == 0
    assert "[1] body: The new bridge opened on Monday." in result.output
    assert "Advertisement  (" in result.output


def test_drop_pattern_option(runner, article):
    result = runner.invoke(
        cli, ["segments", str(article), "--format", "json", "--drop-pattern", "less than planned"]
    )
    document = json.loads(result.output)
    assert [s["text"] for s in document["segments"]][-1] == "The new bridge opened on Monday."
    assert any("less than planned" in d["reason"] for d in document["dropped"])


def test_segments_reads_stdin(runner):
    result = runner.invoke(cli, ["segments", "-", "--format", "json"], input=ARTICLE)
    assert result.exit_code == 0 and json.loads(result.output)["title"] == "Bridge opens"


def test_engines_lists_builtins(runner, monkeypatch):
    from briefing.engines.gtts import GTTSEngine

    monkeypatch.setattr(GTTSEngine, "endpoint", "https://127.0.0.1:9/x")  # stays on this machine
    result = runner.invoke(cli, ["engines"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert {"piper", "gtts", "espeak"} <= set(lines)
    assert "available" in lines["piper"] and "offline" in lines["piper"]
    assert "online" in lines["gtts"]


def test_build_with_fake_engine_writes_mp3_and_summary(runner, article, tmp_path, tone_engine):
    out = tmp_path / "nested" / "out.mp3"
    result = runner.invoke(cli, ["build", str(article), "-e", "tone", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
    assert str(out) in result.output
    assert "3 segments" in result.output and "1 line dropped" in result.output
    names = sorted(p.name for p in out.parent.iterdir())  # the MP3, its sidecars, no temp files
    assert names == ["out.chapters.json", "out.json", "out.mp3", "out.srt", "out.vtt"]


def test_build_default_output_is_slug_in_audio_out(
    runner, article, tmp_path, tone_engine, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", str(article), "-e", "tone", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "audio_out" / "bridge-opens.mp3").exists()


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda t: ["build", str(t / "missing.txt")], "no such file"),
        (
            lambda t: ["build", str(write(t, "l.txt", b"T\n\nBody " + bytes(range(0x80, 0xA0))))],
            "not UTF-8",
        ),
        (lambda t: ["build", str(write(t, "e.txt", b"  \n\n"))], "nothing to narrate"),
        (
            lambda t: [
                "build",
                str(write(t, "ads.txt", b"T\n\nAdvertisement\n\nSponsored content")),
            ],
            "nothing to narrate",
        ),
        (
            lambda t: ["build", str(write(t, "a.txt", ARTICLE.encode())), "-e", "nope"],
            "known engines:",
        ),
        (
            lambda t: [
                "build",
                str(write(t, "a.txt", ARTICLE.encode())),
                "--voice",
                str(t / "v.onnx"),
            ],
            "voice file not found",
        ),
        (
            lambda t: [
                "build",
                str(write(t, "a.txt", ARTICLE.encode())),
                "-o",
                str(write(t, "file", b"x") / "out.mp3"),
            ],
            "not writable",
        ),
        (
            lambda t: ["segments", str(write(t, "a.txt", ARTICLE.encode())), "--drop-pattern", "("],
            "invalid",
        ),
    ],
    ids=[
        "missing",
        "not-utf8",
        "empty",
        "only-boilerplate",
        "unknown-engine",
        "no-voice",
        "unwritable",
        "bad-regex",
    ],
)
def test_errors_are_one_line_without_traceback(runner, tmp_path, make_args, message):
    args = make_args(tmp_path)
    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not list(tmp_path.rglob("*.mp3*"))


def test_debug_shows_traceback(runner, tmp_path):
    result = runner.invoke(cli, ["--debug", "build", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0 and result.exception is not None


def test_gtts_offline_says_so_and_suggests_piper(runner, article, tmp_path, monkeypatch):
    responses = pytest.importorskip("responses")
    from briefing.engines.gtts import GTTSEngine
    from briefing.retry import RetryPolicy

    monkeypatch.setattr(GTTSEngine, "retry_policy", RetryPolicy(attempts=1))  # no real waiting
    out = tmp_path / "g.mp3"
    with responses.RequestsMock():  # every request fails as unreachable
        result = runner.invoke(cli, ["build", str(article), "-e", "gtts", "-o", str(out)])
    assert result.exit_code != 0
    assert "Google" in result.output and "--engine piper" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_cache_info_and_clear(runner, article, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "c"))
    out = tmp_path / "a.mp3"
    assert runner.invoke(cli, ["build", str(article), "-o", str(out), "-q"]).exit_code == 0
    info = runner.invoke(cli, ["cache", "info"])
    assert (
        info.exit_code == 0 and "3 segments" in info.output and str(tmp_path / "c") in info.output
    )
    assert "1 split voices" in info.output  # the bundled voice, cut at its vocoder
    refused = runner.invoke(cli, ["cache", "clear"], input="n\n")
    assert refused.exit_code == 1 and "Delete 3 segments and 1 split voices" in refused.output
    assert "3 segments" in runner.invoke(cli, ["cache", "info"]).output  # still there
    cleared = runner.invoke(cli, ["cache", "clear"], input="y\n")
    assert cleared.exit_code == 0 and "removed 3 segments and 1 voices" in cleared.output
    assert "0 segments" in runner.invoke(cli, ["cache", "info"]).output
    assert runner.invoke(cli, ["cache", "clear", "--yes"]).exit_code == 0  # no question


def test_bad_cache_cap_is_one_line(runner, article, monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CACHE_MAX_MB", "lots")
    result = runner.invoke(cli, ["cache", "info"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: BRIEFING_CACHE_MAX_MB='lots' is not a size in megabytes; set it to a number such "
        "as 500, or unset it for 2048"
    ]


def test_lexicon_option(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Qassem speaks\n\nQassem Soleimani spoke on Monday.\n")
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text(
        '[respell]\n"Soleimani" = "Solay-mah-nee"\n[phonemes]\n"Qassem" = "ˈkɑːsɛm"\n'
    )
    result = runner.invoke(
        cli, ["segments", str(path), "--format", "json", "--lexicon", str(lexicon)]
    )
    spoken = [s["spoken"] for s in json.loads(result.output)["segments"]]
    assert spoken[1] == "[[ ˈkɑːsɛm ]] Solay-mah-nee spoke on Monday."  # Piper takes phonemes
    result = runner.invoke(
        cli, ["segments", str(path), "--format", "json", "--lexicon", str(lexicon), "-e", "gtts"]
    )
    assert (
        json.loads(result.output)["segments"][1]["spoken"]
        == "Qassem Solay-mah-nee spoke on Monday."
    )
    bad = runner.invoke(cli, ["segments", str(path), "--lexicon", str(tmp_path / "none.toml")])
    assert bad.exit_code != 0 and "lexicon file not found" in bad.output


def test_config_file_sets_defaults_and_command_line_wins(runner, article, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[defaults]\ndrop_pattern = ["less than planned"]\n[build]\nshow = "Notes"\n')
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    result = runner.invoke(cli, ["segments", str(article), "--format", "json"])
    texts = [s["text"] for s in json.loads(result.output)["segments"]]
    assert "It cost less than planned." not in texts
    result = runner.invoke(
        cli, ["segments", str(article), "--format", "json", "--drop-pattern", "nothing-matches"]
    )
    assert "It cost less than planned." in [
        s["text"] for s in json.loads(result.output)["segments"]
    ]
    config.write_text("[build]\nno_such_option = 1\n")
    result = runner.invoke(cli, ["segments", str(article)])
    assert result.exit_code == 2 and result.output.strip().splitlines() == [
        f"Error: {config}: [build] has no option 'no_such_option'; see `briefing build --help`"
    ]
    config.write_text("[biuld]\nshow = 1\n")
    result = runner.invoke(cli, ["segments", str(article)])
    assert result.exit_code == 2 and f"{config}: unknown command table [biuld]" in result.output


def test_missing_config_named_by_the_environment_is_an_error(
    runner, article, tmp_path, monkeypatch
):
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "typo.toml"))
    result = runner.invoke(cli, ["segments", str(article)])
    assert result.exit_code == 2
    assert "typo.toml: no such config file (named by BRIEFING_CONFIG)" in result.output
    monkeypatch.setenv("BRIEFING_CONFIG", os.devnull)  # the way to use no config at all
    assert runner.invoke(cli, ["segments", str(article)]).exit_code == 0


def test_unknown_engine_is_a_usage_error(runner, article):
    result = runner.invoke(cli, ["segments", str(article), "-e", "nope"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: unknown engine 'nope'; known engines: espeak, gtts, piper"
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--loudness", "5"], "loudness target 5 LUFS is out of range; give -70 to -5"),
        (["--loudness", "-90"], "loudness target -90 LUFS is out of range"),
        (["--true-peak", "3"], "true-peak ceiling 3 dBTP is out of range; give -20 to 0"),
    ],
)
def test_loudness_out_of_range(runner, article, tmp_path, args, words):
    result = runner.invoke(cli, ["build", str(article), "-o", str(tmp_path / "x.mp3"), *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {words}")
    assert not list(tmp_path.glob("x*"))


def test_comment_tag_has_no_local_paths(runner, article, tmp_path, tone_engine):
    from mutagen.id3 import ID3

    out = tmp_path / "c.mp3"
    assert runner.invoke(cli, ["build", str(article), "-e", "tone", "-o", str(out)]).exit_code == 0
    assert not ID3(out).getall("COMM")
    assert str(article) not in out.read_bytes().decode("latin-1")


def test_feed_command(runner, tmp_path, tone_engine):
    folder = tmp_path / "episodes"
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    built = runner.invoke(
        cli, ["build", str(article), "-e", "tone", "-o", str(folder / "a.mp3"), "-q"]
    )
    assert built.exit_code == 0, built.output
    result = runner.invoke(cli, ["feed", str(folder), "--base-url", "https://example.com/pod/"])
    assert result.exit_code == 0, result.output
    import feedparser

    parsed = feedparser.parse((folder / "feed.xml").read_bytes())
    assert parsed.entries[0].enclosures[0].href == "https://example.com/pod/a.mp3"
    missing = runner.invoke(cli, ["feed", str(tmp_path / "nope"), "--base-url", "https://x/"])
    assert missing.exit_code != 0 and len(missing.output.strip().splitlines()) == 1


HEAVY = ("piper", "onnxruntime", "gtts", "numpy", "scipy", "pydub", "trafilatura")


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["segments", "{article}"]])
def test_fast_start_imports_no_engine(args, article):
    """`--help` and the dry run must not pay for speech engines or audio libraries."""
    argv = [a.format(article=article) for a in args]
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['briefing', *{argv!r}]\n"
        "try:\n    runpy.run_module('briefing', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "LOADED []" in result.stdout, result.stdout[-300:]


# --- never overwrite silently -------------------------------------------------------------------


def test_an_existing_output_is_an_error_naming_force(runner, article, tmp_path, tone_engine):
    out = tmp_path / "out.mp3"
    first = runner.invoke(cli, ["build", str(article), "-e", "tone", "-o", str(out), "-q"])
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in tmp_path.glob("out*")}
    again = runner.invoke(cli, ["build", str(article), "-e", "tone", "-o", str(out)])
    assert again.exit_code == 4
    assert again.output.strip().splitlines() == [
        f"Error: {out}: already exists; add --force to replace it, or choose another name with -o"
    ]
    assert {p.name: p.read_bytes() for p in tmp_path.glob("out*")} == before  # untouched
    forced = runner.invoke(cli, ["build", str(article), "-e", "tone", "-o", str(out), "-f", "-q"])
    assert forced.exit_code == 0, forced.output


def test_a_sidecar_in_the_way_counts_too(runner, article, tmp_path, tone_engine):
    (tmp_path / "out.vtt").write_text("mine")
    result = runner.invoke(
        cli, ["build", str(article), "-e", "tone", "-o", str(tmp_path / "out.mp3")]
    )
    assert result.exit_code == 4 and "out.vtt: already exists" in result.output
    assert not (tmp_path / "out.mp3").exists()
    result = runner.invoke(
        cli, ["build", str(article), "-e", "tone", "-o", str(tmp_path / "out.mp3"), "--no-sidecars"]
    )
    assert result.exit_code == 0 and (tmp_path / "out.vtt").read_text() == "mine"


@pytest.mark.parametrize("how", ["dir-slash", "existing-dir", "output-dir"])
def test_output_folder(runner, article, tmp_path, tone_engine, how):
    folder = tmp_path / "episodes"
    if how == "existing-dir":
        folder.mkdir()
    args = ["--output-dir", str(folder)] if how == "output-dir" else ["-o", f"{folder}/"]
    if how == "existing-dir":
        args = ["-o", str(folder)]
    result = runner.invoke(cli, ["build", str(article), "-e", "tone", "-q", *args])
    assert result.exit_code == 0, result.output
    assert (folder / "bridge-opens.mp3").is_file() and (folder / "bridge-opens.json").is_file()


def test_default_folder_is_audio_out(runner, article, tmp_path, tone_engine, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", str(article), "-e", "tone", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "audio_out" / "bridge-opens.mp3").is_file()


def test_segments_is_the_dry_run_of_a_briefing(runner, article, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Second story\n\nAdvertisement\n\nThe second story has one paragraph.\n")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Town</title><item><title>From the feed</title><content:encoded><![CDATA[<p>"
        + "Word " * 130
        + "ends here.</p>]]></content:encoded></item></channel></rss>"
    )
    args = ["segments", str(article), str(other), "--feed", str(feed), "--latest", "1"]
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    titles = [s["text"] for s in document["segments"] if s["kind"] == "title"]
    assert titles == ["Bridge opens", "Second story", "From the feed"]
    assert (
        document["segments"][0]["kind"] == "intro" and document["segments"][-1]["kind"] == "outro"
    )
    assert [(d["story"], d["line"]) for d in document["dropped"]] == [
        (0, "Advertisement"),
        (1, "Advertisement"),
    ]
    text = runner.invoke(cli, args)
    assert "Dropped 1 lines from 'Second story':" in text.output
    assert runner.invoke(cli, ["segments"]).exit_code == 2  # no input at all


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_script(shell):
    """The README's completion line works: Click writes a script for each shell."""
    env = {**os.environ, "_BRIEFING_COMPLETE": f"{shell}_source"}
    result = subprocess.run(
        [sys.executable, "-m", "briefing"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "_BRIEFING_COMPLETE" in result.stdout


def test_config_keys_are_the_option_names(runner, article, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(
        '[segments]\nformat = "json"\nfrom = "text"\n[build]\noption = ["pitch=60"]\n'
    )
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    result = runner.invoke(cli, ["segments", str(article)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["title"] == "Bridge opens"  # JSON, as the config says
    config.write_text('[segments]\noutput_format = "json"\n')  # the parameter's name works too
    assert json.loads(runner.invoke(cli, ["segments", str(article)]).output)["format"] == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["build", "a.txt", "--jobs", "0"], "0 is not in the range 1<=x<=64"),
        (["build", "--date", "2026-13-01"], "'2026-13-01' does not match the format"),
        (["build"], "give at least one INPUT"),
        (["nope"], "No such command 'nope'"),
        (["segments", "--latest", "0", "--feed", "x"], "0 is not in the range"),
    ],
)
def test_usage_errors_are_one_line_too(runner, args, words):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and lines[0].endswith("--help`)"), lines


def test_output_name_mistakes(runner, article, tmp_path):
    wav = runner.invoke(cli, ["build", str(article), "-o", str(tmp_path / "out.wav")])
    assert wav.exit_code == 2 and "briefing writes MP3; name the file .mp3" in wav.output
    both = runner.invoke(
        cli, ["build", str(article), "-o", str(tmp_path / "a.mp3"), "--output-dir", str(tmp_path)]
    )
    assert both.exit_code == 2 and "--output-dir is for named-by-title files" in both.output
    title_only = tmp_path / "t.txt"
    title_only.write_text("Just a headline\n")
    result = runner.invoke(cli, ["segments", str(title_only)])
    assert result.exit_code == 2 and "only a title, nothing to narrate" in result.output
