"""The gTTS engine: request packing, and the real HTTP exchange answered by ``responses``.

The fake Google answers with real MP3 tones made by ffmpeg, wrapped the way gTTS parses
them, so the engine's decoding is exercised on genuine audio. Faults (429 with Retry-After,
5xx, dropped connections, timeouts) are injected the same way, and the engines run on a fake
clock, so retries and the polite pace are checked without any real waiting. The generic
helpers of ``briefing.retry`` are tested at the end.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import re
import subprocess
import sys
import threading
from urllib.parse import parse_qs

import pytest
import requests
import responses
from conftest import dbfs

from briefing.audio import ensure_ffmpeg
from briefing.engines import VoiceSettings, get_engine
from briefing.engines.gtts import GTTSEngine, GTTSOptions, pack_chunks
from briefing.errors import EngineError, EngineUnavailable
from briefing.retry import RetryPolicy, Throttle, parse_retry_after, retry

URL = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"

PARAGRAPH = (
    "The city council voted on Tuesday, after a lengthy and often heated debate, to approve a "
    "new budget that raises property taxes by 3.5 percent, funds two additional fire stations, "
    "and restores library hours cut during the pandemic. Mayor Jane Smith, who had pushed for "
    'the increase since January, said the vote was "a win for every neighborhood." Critics, '
    "however, warned that rising costs would hit renters hardest; several landlords have "
    "already signaled rent increases. Dr. Alan Ruiz, an economist at the state university, "
    "said the effect would be modest: about $12 a month for a typical household. The budget "
    "takes effect on July 1. Opponents, including two council members, a tenants' union and "
    "the local chamber of commerce, say they will try to repeal it at the next election, "
    "though polls suggest that most residents, especially families with children, support it."
)


# -- pack_chunks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   \n ", []),
        ("— … !", []),
        ("Hello, world.", ["Hello, world."]),
        ("  spaced \n\t out  ", ["spaced out"]),
        # two sentences that fit share one request
        ("First sentence here. Second one.", ["First sentence here. Second one."]),
        # sentences that do not fit together are cut at the sentence end, not at a word
        ("A" * 60 + " ends. " + "B" * 60 + " ends. " + "C" * 60 + " ends.", None),
        # a long sentence is cut at its clause punctuation
        ("word " * 15 + "clause, " + "more " * 15 + "end.", None),
        # no punctuation at all: cut between words
        ("lorem " * 60, None),
        # an over-long "word" (a URL) is the only thing ever cut inside
        ("see https://example.com/" + "x" * 150 + " for details.", None),
    ],
)
def test_pack_chunks_table(text: str, expected: list[str] | None) -> None:
    chunks = pack_chunks(text)
    if expected is not None:
        assert chunks == expected
    assert_valid_packing(text, chunks)


def test_pack_chunks_prefers_sentence_ends() -> None:
    # two requests would do, but only by cutting a sentence between two words
    text = "A" * 60 + " ends. " + "B" * 60 + " ends. " + "C" * 60 + " ends."
    assert pack_chunks(text) == ["A" * 60 + " ends.", "B" * 60 + " ends.", "C" * 60 + " ends."]


def test_pack_chunks_cuts_long_sentence_at_clause() -> None:
    text = "word " * 15 + "clause, " + "more " * 15 + "end."
    assert pack_chunks(text) == [("word " * 15 + "clause,").strip(), ("more " * 15 + "end.")]


def test_pack_chunks_does_not_treat_abbreviations_as_sentence_ends() -> None:
    text = "x" * 60 + " said Dr. Smith and Mr. Jones, " + "y" * 60 + "."
    first = pack_chunks(text)[0]
    assert not first.endswith(("Dr.", "Mr."))


@pytest.mark.parametrize("limit", [20, 50, 100, 200])
def test_pack_chunks_respects_any_limit(limit: int) -> None:
    assert_valid_packing(PARAGRAPH, pack_chunks(PARAGRAPH, limit), limit)


@pytest.mark.parametrize("seed", range(30))
def test_pack_chunks_invariants_on_random_text(seed: int) -> None:
    import random

    rng = random.Random(seed)
    vocabulary = ["a", "the", "economy", "Dr.", "U.S.", "(see", "below)", "—", "…", "3.5%"]
    vocabulary += ["x" * rng.randint(1, 30), "said,", "end.", "why?", "well;", "\n", "-", '"ok."']
    text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 300)))
    assert_valid_packing(text, pack_chunks(text))


def test_pack_chunks_needs_fewer_requests_than_gtts_default() -> None:
    from gtts import gTTS

    default = len(gTTS(PARAGRAPH, lang_check=False).get_bodies())
    ours = len(GTTSEngine(VoiceSettings())._tts(PARAGRAPH).get_bodies())
    assert ours == len(pack_chunks(PARAGRAPH))
    assert ours < default
    assert ours <= 0.7 * default, (ours, default)


def assert_valid_packing(text: str, chunks: list[str], limit: int = 100) -> None:
    """No chunk over the limit, no word cut (unless longer than the limit), nothing lost."""
    assert all(0 < len(chunk) <= limit for chunk in chunks)
    words = text.split()
    joined = " ".join(chunks).split()
    if all(len(word) <= limit for word in words):
        # same words in the same order; only chunks of bare punctuation may be dropped
        assert len(joined) <= len(words)
        assert [w for w in joined if re.search(r"\w", w)] == [
            w for w in words if re.search(r"\w", w)
        ]
    else:
        assert "".join(joined) == "".join(words)


# -- engine --------------------------------------------------------------------------------


def tone_mp3(seconds: float) -> bytes:
    """Real MP3 shaped like Google's answer: 24 kHz mono, 32 kbit/s."""
    command = [ensure_ffmpeg(), "-loglevel", "error", "-f", "lavfi"]
    command += ["-i", f"sine=frequency=440:duration={seconds}"]
    command += ["-ar", "24000", "-ac", "1", "-b:a", "32k", "-f", "mp3", "pipe:1"]
    return subprocess.run(command, capture_output=True, check=True).stdout


def google_body(mp3: bytes) -> str:
    """The batchexecute answer gTTS parses: a ``jQ1olc`` line with base64 audio."""
    payload = json.dumps([base64.b64encode(mp3).decode("ascii")])
    line = json.dumps(
        [["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]], separators=(",", ":")
    )
    return f")]}}'\n\n{len(line)}\n{line}\n"


def sent_text(body: str | bytes) -> str:
    """The text gTTS put in one request's form body."""
    if isinstance(body, bytes):
        body = body.decode()
    rpc = json.loads(parse_qs(body)["f.req"][0])
    return json.loads(rpc[0][0][1])[0]


class FakeTime:
    """A clock and a sleep that never wait: each thread has its own timeline, which only
    ``sleep`` (or a test simulating a slow server, with ``advance``) moves forward."""

    def __init__(self) -> None:
        self._local = threading.local()
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        return getattr(self._local, "now", 0.0)

    def advance(self, seconds: float) -> None:
        self._local.now = self.clock() + seconds

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        with self._lock:
            self.slept.append(seconds)
        self.advance(seconds)


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def engine(fake):
    """Make engines that run on the fake clock: no test here really sleeps."""

    def make(tld: str = "com", slow: bool = False, **settings) -> GTTSEngine:
        options = GTTSOptions(tld=tld, slow=slow)
        return GTTSEngine(VoiceSettings(**settings), options, clock=fake.clock, sleep=fake.sleep)

    return make


@pytest.fixture
def unpaced(monkeypatch) -> None:
    """No polite pace, so that ``fake.slept`` holds only the retry waits."""
    monkeypatch.setattr(GTTSEngine, "min_interval", 0.0)


@pytest.fixture(scope="module")
def clips() -> list[bytes]:
    return [tone_mp3(0.25), tone_mp3(0.4)]


@pytest.fixture
def google(clips):
    """Fake Google: answers each request with the next clip; records what it returns."""
    answered: list[float] = []

    def answer(request):
        index = len(answered) % len(clips)
        answered.append((0.25, 0.4)[index])
        return 200, {}, google_body(clips[index])

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.POST, URL, callback=answer)
        mock.answered = answered
        yield mock


@pytest.fixture
def mock():
    """Intercepted HTTP: any request not answered by the test fails it."""
    with responses.RequestsMock() as intercepted:
        yield intercepted


def scripted(clips, *faults):
    """A callback that fails the first requests as scripted, then answers with audio.

    Each fault is an HTTP status, ``(status, headers)``, or an exception to raise.
    """
    queue = list(faults)

    def answer(request):
        if queue:
            fault = queue.pop(0)
            if isinstance(fault, Exception):
                raise fault
            status, headers = fault if isinstance(fault, tuple) else (fault, {})
            return status, headers, "error"
        return 200, {}, google_body(clips[0])

    return answer


def test_synthesize_sends_one_request_per_packed_chunk(google, engine, fake) -> None:
    audio = engine().synthesize(PARAGRAPH)
    chunks = pack_chunks(PARAGRAPH)
    assert len(google.calls) == len(chunks)
    assert [sent_text(call.request.body) for call in google.calls] == chunks
    expected_ms = 1000 * sum(google.answered)
    assert abs(audio.duration_ms - expected_ms) <= 80 * len(chunks)
    assert dbfs(audio.samples) > -30
    # the polite pace: one request every min_interval, and nothing else waited for
    assert fake.slept == [GTTSEngine.min_interval] * (len(chunks) - 1)


def test_every_request_has_a_timeout(google, engine) -> None:
    engine().synthesize("Hello there.")
    (call,) = google.calls
    assert call.request.req_kwargs["timeout"] == GTTSEngine.timeout


def test_synthesize_sends_language_and_slow_flag(google, engine) -> None:
    engine(lang="fr", slow=True).synthesize("Bonjour tout le monde.")
    (call,) = google.calls
    rpc = json.loads(parse_qs(call.request.body)["f.req"][0])
    assert json.loads(rpc[0][0][1])[:3] == ["Bonjour tout le monde.", "fr", True]


def test_speed_changes_duration_with_atempo(google, engine) -> None:
    audio = engine(speed=1.5).synthesize("One short sentence.")
    assert abs(audio.duration_ms - 1000 * 0.25 / 1.5) <= 80


def test_nothing_speakable_sends_nothing(google, engine) -> None:
    audio = engine().synthesize(" — ")
    assert audio.duration_ms == 0
    assert not google.calls


# -- faults: retries, backoff, Retry-After, budget, pace ----------------------------------


def test_429_waits_exactly_what_retry_after_asks(mock, clips, engine, fake) -> None:
    mock.add_callback(responses.POST, URL, callback=scripted(clips, (429, {"Retry-After": "7"})))
    audio = engine().synthesize("Hello there.")
    assert len(mock.calls) == 2
    assert fake.slept == [7.0]
    assert abs(audio.duration_ms - 250) <= 80


def test_429_retry_after_as_http_date(mock, clips, engine, fake) -> None:
    import email.utils
    import time

    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    mock.add_callback(responses.POST, URL, callback=scripted(clips, (429, {"Retry-After": when})))
    engine().synthesize("Hello there.")
    assert len(mock.calls) == 2
    (waited,) = fake.slept
    assert 28 <= waited <= 31


def test_server_errors_twice_then_success_backs_off(mock, clips, engine, fake, unpaced) -> None:
    mock.add_callback(responses.POST, URL, callback=scripted(clips, 500, 502))
    audio = engine().synthesize("Hello there.")
    assert len(mock.calls) == 3
    assert audio.duration_ms > 200
    policy = GTTSEngine.retry_policy
    first, second = fake.slept
    assert 0 <= first <= policy.base_delay and 0 <= second <= 2 * policy.base_delay


def test_connection_error_then_success(mock, clips, engine, fake, unpaced) -> None:
    cause = requests.ConnectionError("Connection reset by peer")
    mock.add_callback(responses.POST, URL, callback=scripted(clips, cause))
    audio = engine().synthesize("Hello there.")
    assert len(mock.calls) == 2 and audio.duration_ms > 200
    assert len(fake.slept) == 1


def test_persistent_503_gives_up_after_the_attempts(mock, engine, fake, unpaced) -> None:
    attempts = GTTSEngine.retry_policy.attempts
    mock.add(responses.POST, URL, status=503)
    with pytest.raises(EngineError) as caught:
        engine().synthesize("Hello there.")
    assert len(mock.calls) == attempts
    assert len(fake.slept) == attempts - 1
    message = str(caught.value)
    assert not isinstance(caught.value, EngineUnavailable)
    assert message.startswith("Google Text-to-Speech failed (HTTP 503 Service Unavailable;")
    assert f"{attempts} attempts in" in message
    assert "re-run later" in message and "cached" in message and "--engine piper" in message
    assert "\n" not in message


def test_slow_server_times_out_and_is_retried(mock, clips, engine, fake) -> None:
    """A server that does not answer within the read timeout: the request is abandoned when
    the timeout passes (simulated on the fake clock) and sent again."""
    timeouts: list[tuple[float, float]] = []
    slow = [True]

    def answer(request):
        timeout = request.req_kwargs["timeout"]
        timeouts.append(timeout)
        if slow.pop(0) if slow else False:
            fake.advance(timeout[1])  # the wait the timeout cut short
            raise requests.ReadTimeout("read timed out")
        return 200, {}, google_body(clips[0])

    mock.add_callback(responses.POST, URL, callback=answer)
    audio = engine().synthesize("Hello there.")
    assert len(mock.calls) == 2 and audio.duration_ms > 200
    assert timeouts[0] == GTTSEngine.timeout


def test_time_budget_caps_timeouts_and_ends_retries(mock, engine, fake) -> None:
    """Each request's timeout is cut to what is left of the segment's budget, and no wait is
    started that would end after it: a server that never answers costs one budget, not
    attempts x timeout."""
    timeouts: list[float] = []

    def never(request):
        read = request.req_kwargs["timeout"][1]
        timeouts.append(read)
        fake.advance(read)
        raise requests.ReadTimeout("read timed out")

    slow = engine()
    slow.retry_policy = RetryPolicy(attempts=10, base_delay=1.0, max_delay=1.0, budget=50.0)
    mock.add_callback(responses.POST, URL, callback=never)
    with pytest.raises(EngineUnavailable) as caught:
        slow.synthesize("Hello there.")
    assert timeouts[0] == 30.0 and 19.0 < timeouts[1] <= 20.0
    assert len(timeouts) == 2
    assert fake.clock() <= 50.0
    assert "timed out; 2 attempts in 50 s" in str(caught.value)


def test_retry_after_beyond_the_budget_gives_up_at_once(mock, engine, fake) -> None:
    mock.add(responses.POST, URL, status=429, headers={"Retry-After": "600"})
    with pytest.raises(EngineError, match="asks to wait 600 s") as caught:
        engine().synthesize("Hello there.")
    assert len(mock.calls) == 1 and fake.slept == []
    assert "rate-limiting" in str(caught.value) and "--engine piper" in str(caught.value)


def test_only_the_failed_chunk_is_fetched_again(mock, clips, engine) -> None:
    """A fault in the middle of a segment does not refetch the chunks already answered."""
    chunks = pack_chunks(PARAGRAPH)
    calls = [0]

    def answer(request):
        calls[0] += 1
        if calls[0] in (2, 4):  # the second chunk fails once, then the third chunk once
            return 500, {}, "error"
        return 200, {}, google_body(clips[0])

    mock.add_callback(responses.POST, URL, callback=answer)
    audio = engine().synthesize(PARAGRAPH)
    sent = [sent_text(call.request.body) for call in mock.calls]
    assert sent == [chunks[0], chunks[1], chunks[1], chunks[2], chunks[2], *chunks[3:]]
    assert abs(audio.duration_ms - 250 * len(chunks)) <= 80 * len(chunks)


def test_requests_keep_the_pace_across_threads(mock, clips, fake) -> None:
    """Two workers share one engine: their requests start at least min_interval apart."""
    engine = GTTSEngine(VoiceSettings(), clock=fake.clock, sleep=fake.sleep)
    starts: list[float] = []
    lock = threading.Lock()

    def answer(request):
        with lock:
            starts.append(fake.clock())  # this thread's time when its request went out
        return 200, {}, google_body(clips[0])

    mock.add_callback(responses.POST, URL, callback=answer)
    workers = [threading.Thread(target=engine.synthesize, args=(PARAGRAPH,)) for _ in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(starts) == 2 * len(pack_chunks(PARAGRAPH))
    starts.sort()
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= GTTSEngine.min_interval - 1e-9


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        ("Failed to resolve 'translate.google.com'", "DNS lookup failed"),
        ("[Errno 111] Connection refused", "connection refused"),
        ("[Errno 101] Network is unreachable", "network unreachable"),
    ],
)
def test_offline_fails_at_once_and_stays_failed(mock, engine, fake, error, cause) -> None:
    """Offline is not retried like a 429; later segments fail without touching the network."""
    mock.add(responses.POST, URL, body=requests.ConnectionError(error))
    speaker = engine()
    with pytest.raises(EngineUnavailable) as caught:
        speaker.synthesize("Hello there.")
    message = str(caught.value)
    assert message == (
        f"cannot reach Google Text-to-Speech ({cause}); check the network or use --engine piper"
    )
    assert len(mock.calls) == 1 and fake.slept == []
    with pytest.raises(EngineUnavailable, match=cause):
        speaker.synthesize("Another segment.")
    assert len(mock.calls) == 1  # remembered: no second request


def test_offline_sends_every_segment_to_the_fallback_at_once(mock, tmp_path, tone_engine) -> None:
    from briefing.pipeline import Settings, narrate

    mock.add(responses.POST, URL, body=requests.ConnectionError("Failed to resolve 'x'"))
    article = tmp_path / "a.txt"
    article.write_text("Title\n\n" + "\n\n".join(f"Paragraph {i} is here." for i in range(8)))
    settings = Settings(engine="gtts", fallback_engine="tone", cache=False)
    episode = narrate(article, tmp_path / "out.mp3", settings)
    assert episode.fallback == ("tone", tuple(range(9)))
    assert len(mock.calls) <= GTTSEngine.workers  # at most the first request of each worker


def test_unreachable_says_why(monkeypatch) -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        monkeypatch.setattr(GTTSEngine, "endpoint", f"https://127.0.0.1:{port}/x")
        assert GTTSEngine.unreachable(timeout=2) is None
    assert GTTSEngine.unreachable(timeout=2) == "connection refused"  # closed now
    no_dns(monkeypatch)
    assert GTTSEngine.unreachable(timeout=2) == "DNS lookup failed"


def no_dns(monkeypatch) -> None:
    """Name lookups fail as they do offline, without a query leaving the machine."""
    import socket

    def fail(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", fail)


def test_engines_command_shows_an_unreachable_online_engine(monkeypatch) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    no_dns(monkeypatch)
    output = CliRunner().invoke(cli, ["engines"]).output
    line = next(line for line in output.splitlines() if line.startswith("gtts"))
    assert "unreachable" in line and "DNS lookup failed" in line


def test_timeout_is_unavailable(mock, engine) -> None:
    mock.add(responses.POST, URL, body=requests.ConnectTimeout("slow"))
    with pytest.raises(EngineUnavailable, match=r"\(timed out; 5 attempts"):
        engine().synthesize("Hello there.")


def test_tls_failure_is_not_retried(mock, engine) -> None:
    cause = requests.exceptions.SSLError("CERTIFICATE_VERIFY_FAILED")
    mock.add(responses.POST, URL, body=cause)
    with pytest.raises(EngineUnavailable, match=r"\(TLS certificate rejected\)"):
        engine().synthesize("Hello there.")
    assert len(mock.calls) == 1


@pytest.mark.parametrize(
    ("status", "words", "tries"),
    [
        (429, "rate-limiting", 5),
        (500, "re-run later", 5),
        (503, "re-run later", 5),
        (408, "re-run later", 5),
        (403, "pip install -U gTTS", 1),
        (400, "--engine piper", 1),
        (404, "--engine piper", 1),
    ],
)
def test_http_errors_give_engine_error_with_status(
    mock, engine, status: int, words: str, tries: int
) -> None:
    mock.add(responses.POST, URL, status=status)
    with pytest.raises(EngineError) as caught:
        engine().synthesize("Hello there.")
    assert not isinstance(caught.value, EngineUnavailable)
    assert f"HTTP {status}" in str(caught.value)
    assert words in str(caught.value)
    assert len(mock.calls) == tries


def test_answer_without_audio_is_engine_error(mock, engine) -> None:
    mock.add(responses.POST, URL, body=')]}\'\n\n[["wrb.fr","jQ1olc",null]]\n')
    with pytest.raises(EngineError, match="no audio"):
        engine().synthesize("Hello there.")
    assert len(mock.calls) == 1


def test_other_tld_goes_to_that_host(mock, clips, engine) -> None:
    url = URL.replace(".com/", ".co.uk/")
    mock.add(responses.POST, url, body=google_body(clips[0]))
    audio = engine(tld="co.uk").synthesize("Cheerio.")
    assert audio.duration_ms > 200


# -- briefing.retry ------------------------------------------------------------------------


class Flaky:
    """Fails with the given errors, then returns "done"."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


def test_retry_returns_after_failures(fake) -> None:
    call = Flaky(OSError("a"), OSError("b"))
    result = retry(
        call, lambda e: True, RetryPolicy(attempts=3), sleep=fake.sleep, clock=fake.clock
    )
    assert (result, call.calls, len(fake.slept)) == ("done", 3, 2)


def test_retry_reraises_the_last_error_after_the_attempts(fake) -> None:
    call = Flaky(*(OSError(str(i)) for i in range(5)))
    with pytest.raises(OSError, match=r"^2$"):
        retry(call, lambda e: True, RetryPolicy(attempts=3), sleep=fake.sleep, clock=fake.clock)
    assert call.calls == 3


def test_retry_stops_at_once_when_told(fake) -> None:
    call = Flaky(ValueError("bad"))
    with pytest.raises(ValueError):
        retry(call, lambda e: False, sleep=fake.sleep, clock=fake.clock)
    assert call.calls == 1 and fake.slept == []


def test_retry_waits_what_the_server_asks(fake) -> None:
    call = Flaky(OSError(), OSError())
    retry(call, lambda e: 12.5, RetryPolicy(max_delay=1.0), sleep=fake.sleep, clock=fake.clock)
    assert fake.slept == [12.5, 12.5]


def test_backoff_is_full_jitter_doubling_to_the_cap(fake) -> None:
    policy = RetryPolicy(attempts=7, base_delay=0.5, max_delay=5.0, budget=1000.0)
    call = Flaky(*(OSError() for _ in range(6)))
    retry(call, lambda e: True, policy, sleep=fake.sleep, clock=fake.clock, rand=lambda: 1.0)
    assert fake.slept == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.backoff(3, rand=lambda: 0.0) == 0.0


def test_retry_starts_no_wait_past_the_budget(fake) -> None:
    policy = RetryPolicy(attempts=100, base_delay=4.0, max_delay=4.0, budget=10.0)
    call = Flaky(*(OSError() for _ in range(100)))
    with pytest.raises(OSError):
        retry(call, lambda e: True, policy, sleep=fake.sleep, clock=fake.clock, rand=lambda: 1.0)
    assert fake.slept == [4.0, 4.0] and call.calls == 3


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),  # IMF-fixdate, 30 s after "now"
        ("Wednesday, 21-Oct-15 07:29:00 GMT", 60.0),  # RFC 850
        ("Wed Oct 21 07:28:10 2015", 10.0),  # asctime
        ("Wed, 21 Oct 2015 07:00:00 GMT", 0.0),  # in the past: go ahead
        (None, None),
        ("", None),
        ("-5", None),
        ("soon", None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    now = dt.datetime(2015, 10, 21, 7, 28, 0, tzinfo=dt.UTC)
    assert parse_retry_after(value, now) == seconds


def test_throttle_spaces_calls(fake) -> None:
    throttle = Throttle(0.25, clock=fake.clock, sleep=fake.sleep)
    assert [throttle.wait() for _ in range(4)] == [0.0, 0.25, 0.25, 0.25]
    fake.advance(10)
    assert throttle.wait() == 0.0


def test_throttle_reserves_slots_for_concurrent_callers(fake) -> None:
    """Callers arriving together get consecutive slots, not the same one."""
    throttle = Throttle(1.0, clock=lambda: 0.0, sleep=fake.sleep)
    barrier = threading.Barrier(8)
    waits: list[float] = []
    lock = threading.Lock()

    def caller() -> None:
        barrier.wait()
        delay = throttle.wait()
        with lock:
            waits.append(delay)

    threads = [threading.Thread(target=caller) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == [float(i) for i in range(8)]


@pytest.mark.parametrize(
    ("asked", "resolved"), [("en", "en"), ("zh-cn", "zh-CN"), ("en-GB", "en"), ("FR", "fr")]
)
def test_language_resolution(asked: str, resolved: str) -> None:
    assert GTTSEngine(VoiceSettings(lang=asked)).lang == resolved


@pytest.mark.parametrize("lang", ["kw", "tlh"])  # a real code gTTS does not speak
def test_unknown_language_says_where_to_look(lang: str) -> None:
    with pytest.raises(
        EngineError, match=rf"gtts does not speak language '{lang}'.*briefing engines"
    ):
        GTTSEngine(VoiceSettings(lang=lang))


def test_what_is_no_language_code_is_refused_before_the_engine() -> None:
    from briefing.errors import InputError

    with pytest.raises(InputError, match="unknown language code 'klingon'"):
        VoiceSettings(lang="klingon")


@pytest.mark.parametrize("speed", [0.2, 3.0])
def test_speed_out_of_range(speed: float) -> None:
    with pytest.raises(EngineError, match="speed"):
        GTTSEngine(VoiceSettings(speed=speed))


def test_info_is_offline_and_lists_languages() -> None:
    with responses.RequestsMock():  # any HTTP request would fail this test
        info = GTTSEngine.info()
    assert info.available and info.needs_network
    assert re.search(r"\d{2,} languages", info.detail)
    assert "en" in info.detail


def test_registered_through_entry_point() -> None:
    assert get_engine("gtts") is GTTSEngine


def test_module_import_is_cheap() -> None:
    code = (
        "import sys, briefing.engines.gtts; "
        "print(any(m in sys.modules for m in ('gtts', 'pydub', 'requests')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.net
def test_real_google_speaks_a_sentence() -> None:
    audio = GTTSEngine(VoiceSettings()).synthesize("This is a short test of the briefing app.")
    assert 1000 < audio.duration_ms < 10000
    assert dbfs(audio.samples) > -40


# -- TLS: requests to Google are verified ----------------------------------------------------


@pytest.fixture
def https_google(clips, tmp_path):
    """A fake Google on 127.0.0.1 over HTTPS, its certificate signed by a CA of the test's own
    (trustme) that no client trusts unless told to. Yields (url, the CA's PEM file)."""
    import http.server
    import ssl

    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    body = google_body(clips[0]).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/batchexecute", ca_file
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_an_untrusted_certificate_is_refused_in_one_line(https_google, engine, monkeypatch):
    url, _ = https_google
    monkeypatch.setattr(GTTSEngine, "endpoint", url)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with pytest.raises(EngineUnavailable) as failure:
        engine().synthesize("Hello there.")
    message = str(failure.value)
    assert "TLS certificate rejected" in message and "\n" not in message
    assert "attempts" not in message  # a certificate failure is not retried


def test_the_same_server_is_used_once_its_certificate_is_trusted(https_google, engine, monkeypatch):
    """The refusal above is TLS verification at work, not a broken server."""
    url, ca_file = https_google
    monkeypatch.setattr(GTTSEngine, "endpoint", url)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    audio = engine().synthesize("Hello there.")
    assert audio.duration_ms > 200


def test_no_process_wide_warning_filter_is_installed(google, engine) -> None:
    """gTTS's stream() silences urllib3's InsecureRequestWarning for the whole process; the
    engine does not call it."""
    import warnings

    before = list(warnings.filters)
    engine().synthesize("Hello there.")
    assert warnings.filters == before


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"tld": "co.uk/evil"}, "tld must be a Google domain"),
        ({"slow": "maybe"}, "option 'slow' must be bool"),
        ({"accent": "uk"}, "has no option 'accent'"),
    ],
)
def test_bad_options_are_refused(values, message) -> None:
    from briefing.errors import BadOption

    with pytest.raises(BadOption, match=message):
        GTTSEngine.parse_options(values)


def test_options_from_strings_and_values() -> None:
    assert GTTSEngine.parse_options({"tld": "co.uk", "slow": "yes"}) == GTTSOptions("co.uk", True)
    assert GTTSEngine.parse_options({"slow": False}) == GTTSOptions()
