"""Synthesis on a real local Dask cluster (two worker processes of one thread each, on
127.0.0.1): the same MP3 as a local build, order kept, a worker killed mid-run, an
unreachable scheduler."""

from __future__ import annotations

import time

import pytest

distributed = pytest.importorskip("distributed")

from briefing.errors import EngineUnavailable  # noqa: E402
from briefing.pipeline import narrate  # noqa: E402
from briefing.settings import Settings  # noqa: E402

QUIET = {"noise_scale": "0", "noise_w": "0"}  # the bundled voice without randomness


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=40,
    ) as local:  # fmt: skip
        yield local


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Cluster news\n\n"
        + "\n\n".join(f"Paragraph {i} says the harbour opened on day {i}." for i in range(8))
    )
    return path


def test_cluster_build_is_the_local_build(tmp_path, article, cluster):
    local = narrate(article, tmp_path / "local.mp3", Settings(engine_options=QUIET, cache=False))
    settings = Settings(engine_options=QUIET, cache=False, cluster=cluster.scheduler_address)
    remote = narrate(article, tmp_path / "remote.mp3", settings)
    assert (tmp_path / "remote.mp3").read_bytes() == (tmp_path / "local.mp3").read_bytes()
    assert remote.offsets_ms == local.offsets_ms  # in order, the same lengths
    assert [s.text for s in remote.segments] == [s.text for s in local.segments]


def test_cluster_results_fill_the_client_cache(tmp_path, article, cluster):
    settings = Settings(
        engine_options=QUIET, cache_dir=tmp_path / "cache", cluster=cluster.scheduler_address
    )
    narrate(article, tmp_path / "one.mp3", settings)
    cached = list((tmp_path / "cache").rglob("*.npz"))
    assert len(cached) == 9  # the title and eight paragraphs, stored on the client
    started = time.perf_counter()
    narrate(
        article, tmp_path / "two.mp3", Settings(engine_options=QUIET, cache_dir=tmp_path / "cache")
    )
    assert (tmp_path / "two.mp3").read_bytes() == (tmp_path / "one.mp3").read_bytes()
    assert time.perf_counter() - started < 60  # a sanity bound only, not a benchmark


def test_a_worker_killed_mid_run(tmp_path, article, cluster):
    """A worker that dies has its tasks rerun elsewhere; the build completes, the same."""
    reference = narrate(article, tmp_path / "ref.mp3", Settings(engine_options=QUIET, cache=False))
    killed = []

    def on_progress(done: int, total: int) -> None:
        if done == 2 and not killed:
            nanny = next(iter(cluster.workers.values()))
            killed.append(nanny.worker_address)
            nanny.process.process.kill()  # the worker process dies; the nanny starts another

    settings = Settings(engine_options=QUIET, cache=False, cluster=cluster.scheduler_address)
    episode = narrate(article, tmp_path / "survived.mp3", settings, on_progress)
    assert killed
    assert (tmp_path / "survived.mp3").read_bytes() == (tmp_path / "ref.mp3").read_bytes()
    assert episode.offsets_ms == reference.offsets_ms
    cluster.wait_for_workers(2, timeout=60)  # the nanny brings it back for the next test


def test_an_unreachable_scheduler_is_one_line(tmp_path, article):
    settings = Settings(engine_options=QUIET, cluster="tcp://127.0.0.1:9")
    started = time.perf_counter()
    with pytest.raises(EngineUnavailable) as error:
        narrate(article, tmp_path / "x.mp3", settings)
    message = str(error.value)
    assert message.startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "\n" not in message and "dask scheduler" in message
    assert not list(tmp_path.glob("x*"))
    assert time.perf_counter() - started < 30  # fails in seconds, not after retries


def test_cli_cluster_option(tmp_path, article, cluster):
    from click.testing import CliRunner

    from briefing.cli import cli

    out = tmp_path / "cli.mp3"
    result = CliRunner().invoke(
        cli,
        ["build", str(article), "-O", "noise_scale=0", "-O", "noise_w=0", "--no-cache",
         "--cluster", cluster.scheduler_address, "-o", str(out), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.is_file()
    bad = CliRunner().invoke(cli, ["build", str(article), "--cluster", "tcp://127.0.0.1:9"])
    assert bad.exit_code == 3 and "cannot reach the Dask scheduler" in bad.output


def test_quiet_dask_names_real_settings_and_the_readme_exports_them():
    """A misspelt key would be ignored by Dask without a word: each must be one of Dask's
    own settings, and the README's worker commands must set each one."""
    from pathlib import Path

    import dask

    from briefing.cluster import QUIET_DASK

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for key, value in QUIET_DASK.items():
        assert dask.config.get(key, default=None) is not None, key
        variable = "DASK_" + key.upper().replace(".", "__").replace("-", "_")
        assert f"{variable}={value}" in readme, variable
