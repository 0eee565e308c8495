"""Narrations asked for from the page: a queue of build jobs, one at a time.

A build already runs one segment per core, so jobs run one after another (``workers``); each
keeps its progress, phase and outcome in memory, where the page (and a reload of it) reads it.
A failure is kept as the one-line message the command line would print.
"""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.errors import BriefingError
from briefing.files import free_name
from briefing.settings import Settings

if TYPE_CHECKING:
    from briefing.pipeline import Source

Status = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    """One narration: what was asked, how far it is, how it ended."""

    id: str
    what: str
    """The URL, or the text's first line."""
    status: Status = "queued"
    done: int = 0
    total: int = 0
    phase: str = "waiting for its turn"
    episode: str | None = None
    """The MP3's file name in the folder, once built."""
    error: str | None = None
    changed: threading.Condition = field(default_factory=threading.Condition, repr=False)
    version: int = 0
    """Bumped at every change, so a listener knows when to send an update."""

    def update(self, **values: object) -> None:
        with self.changed:
            for key, value in values.items():
                setattr(self, key, value)
            self.version += 1
            self.changed.notify_all()

    def snapshot(self) -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "phase": self.phase,
            "episode": self.episode,
            "error": self.error,
        }

    def wait(self, version: int, timeout: float) -> int:
        """Block until the job changes past ``version`` (or ``timeout``); the new version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout)
            return self.version


class Jobs:
    """The queue of narrations into ``folder``."""

    def __init__(self, folder: Path, settings: Settings, workers: int = 1) -> None:
        self.folder = folder
        self.settings = replace(settings, output_dir=folder)
        self._jobs: dict[str, Job] = {}
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="briefing-job")
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def submit(self, source: Source, what: str) -> Job:
        job = Job(secrets.token_urlsafe(8), what[:200])
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, source)
        return job

    def _run(self, job: Job, source: Source) -> None:
        from briefing.pipeline import load_sources, narrate, output_for

        job.update(status="running", phase="reading")
        try:
            loaded = load_sources(source)  # read once: a URL is fetched once
            path = free_name(output_for(loaded.articles, self.settings.dated()))
            job.update(phase="speaking")
            episode = narrate(
                loaded.articles,
                path,
                self.settings,
                on_progress=lambda done, total: job.update(done=done, total=total),
                on_phase=lambda name: job.update(phase=name),
            )
        except BriefingError as error:
            job.update(status="failed", error=str(error), phase="failed")
            return
        except Exception as error:  # a bug must not kill the worker; the page says so
            job.update(status="failed", error=f"internal error: {error}", phase="failed")
            return
        job.update(status="done", episode=episode.path.name, phase="ready", done=job.total)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
