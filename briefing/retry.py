"""Retrying calls to online services, and spacing requests out politely.

Online engines fail in ways that pass: a rate limit (HTTP 429), a server error (5xx), a
dropped connection, a timeout. ``retry`` tries again with exponential backoff and full jitter
(a random wait between 0 and ``base_delay * 2**n``, capped at ``max_delay``), which spreads
the retries of parallel workers instead of sending them back together. When the server says
how long to wait (``Retry-After``), it waits exactly that. It stops after ``attempts`` tries,
or earlier when the next wait would end past the time ``budget``, and then re-raises the last
error so the caller can say what failed.

Clocks and sleeping are parameters, so tests run without waiting.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up."""

    attempts: int = 5
    """Tries in all, the first one included."""
    base_delay: float = 1.0
    """Seconds: the cap of the first backoff wait; it doubles after every failure."""
    max_delay: float = 30.0
    """Seconds: no single backoff wait is longer (a server's ``Retry-After`` may be)."""
    budget: float = 120.0
    """Seconds from the first try: no wait is started that would end after it."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if min(self.base_delay, self.max_delay, self.budget) < 0:
            raise ValueError("delays and budget cannot be negative")

    def backoff(self, failures: int, rand: Callable[[], float] = random.random) -> float:
        """Full jitter: uniform in [0, min(max_delay, base_delay * 2**(failures - 1)))."""
        cap = min(self.max_delay, self.base_delay * 2 ** min(failures - 1, 60))
        return float(cap * rand())


ShouldRetry = Callable[[Exception], "bool | float"]
"""For a failed call: ``False`` gives up, ``True`` retries after a backoff wait, a number
retries after exactly that many seconds (the server's ``Retry-After``)."""


def retry(
    call: Callable[[], T],
    should_retry: ShouldRetry,
    policy: RetryPolicy = RetryPolicy(),
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    rand: Callable[[], float] = random.random,
    deadline: float | None = None,
) -> T:
    """``call()``, tried again while ``should_retry`` says so and the policy allows.

    ``deadline`` (on ``clock``) overrides ``policy.budget``, so several calls can share one
    budget (all the requests of one segment). The last error is re-raised unchanged.
    """
    if deadline is None:
        deadline = clock() + policy.budget
    failures = 0
    while True:
        try:
            return call()
        except Exception as error:
            failures += 1
            verdict = should_retry(error)
            if verdict is False or failures >= policy.attempts:
                raise
            delay = policy.backoff(failures, rand) if verdict is True else max(0.0, float(verdict))
            if clock() + delay >= deadline:
                log.info("giving up after %d attempt(s): %s; no time left to wait", failures, error)
                raise
            log.info(
                "attempt %d of %d failed (%s); retrying in %.1f s",
                failures,
                policy.attempts,
                error,
                delay,
            )
            sleep(delay)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from an HTTP ``Retry-After`` header: delay-seconds or an HTTP date.

    None when absent or unreadable; a date in the past means 0.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT; RFC 850 and asctime forms carry no zone
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


class Throttle:
    """At least ``interval`` seconds between the starts of requests, across threads.

    Each caller reserves the next free slot under a lock and sleeps outside it, so threads
    queue in order without holding the lock while they wait.
    """

    def __init__(
        self, interval: float, *, clock: Clock = time.monotonic, sleep: Sleep = time.sleep
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until this caller may send; returns how long it waited."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay
