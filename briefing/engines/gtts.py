"""Google Text-to-Speech through gTTS, with fewer and better-placed request boundaries.

Google's endpoint takes at most 100 characters per request and every request boundary is
heard as a small break. gTTS's default tokenizer cuts at every comma and period, so a
1000-word article becomes about 175 requests: choppy, slow, and a fast way into HTTP 429.
``pack_chunks`` replaces it: it cuts at sentence ends where it can, at clause punctuation
where it must, between words otherwise, and packs each request close to 100 characters.

Speed: Google offers only normal and ``slow``. ``VoiceSettings.speed`` other than 1.0 is
applied afterwards with ffmpeg's ``atempo`` filter (pitch kept), limited to 0.5-2.0.

Faults: each request is retried on its own (``briefing.retry``) on HTTP 429, 408 and 5xx,
dropped connections and timeouts, with exponential backoff and full jitter, honouring
``Retry-After``; requests already answered are kept, so a retry never fetches a chunk twice.
Being offline is not retried: a failed DNS lookup, a refused connection or an unreachable
network fails at once, and the engine remembers it, so every other segment (in any thread)
fails at once too, or goes straight to the fallback engine: offline, a build stops in
moments rather than retrying each segment.
Every request has a timeout, every segment a total time budget, and requests from all
threads of one engine start at least ``min_interval`` apart.

Requests: gTTS builds each request body (``gTTS.get_bodies``, its public API, with our
tokenizer) and its headers; the engine sends them itself with TLS verification on. gTTS's own
``stream()`` sends every request with ``verify=False`` and silences urllib3's warning for the
whole process, so a machine in the middle could answer for Google unnoticed. The answer is
decoded as gTTS decodes it (base64 audio in the ``jQ1olc`` RPC reply); the tests pin that
format, and the dependency is bounded to gTTS 2.x.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from briefing.engines.base import EngineBase, EngineInfo, EngineOptions
from briefing.errors import BadOption, EngineError, EngineUnavailable, InputError
from briefing.models import Audio
from briefing.retry import Clock, RetryPolicy, Sleep, Throttle, parse_retry_after, retry
from briefing.settings import VoiceSettings

if TYPE_CHECKING:
    from gtts import gTTS

log = logging.getLogger(__name__)

GOOGLE_MAX_CHARS = 100
"""gTTS's per-request limit (``gTTS.GOOGLE_TTS_MAX_CHARS``)."""

FALLBACK_HINT = "use --engine piper"
RESUME_HINT = "re-run later (segments already spoken are cached, so the build resumes)"

# -- packing -------------------------------------------------------------------------------

_CLOSERS = "\"'”’»)]"
_SENTENCE_END = re.compile(rf"[.!?…。！？]+[{re.escape(_CLOSERS)}]*$")
_CLAUSE_END = re.compile(rf"[,;:—–、，；：)\]]+[{re.escape(_CLOSERS)}]*$")
_CLAUSE_START = re.compile(r"^[(\[—–]")
_ABBREVIATION = re.compile(
    r"^[\"'“‘(\[]*(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]|mr|mrs|ms|dr|prof|sr|jr|st|vs|no|gen|gov"
    r"|sen|rep|rev|lt|col|capt|inc|ltd|corp|co|approx|fig|e\.g|i\.e)\.$",
    re.IGNORECASE,
)
_SPEAKABLE = re.compile(r"\w")


@dataclass(frozen=True)
class _Costs:
    """Weights of the packing search: a request costs ``chunk``, each cut its kind's cost.

    A clause cut is cheaper than a request (a comma is a natural pause, and saving a request
    is worth it); a cut between two words of one clause costs more than a request, so it is
    taken only when a sentence has no punctuation to cut at.
    """

    chunk: int = 10
    sentence: int = 0
    clause: int = 4
    word: int = 15


_COSTS = _Costs()


def pack_chunks(text: str, limit: int = GOOGLE_MAX_CHARS) -> list[str]:
    """Split ``text`` into as few pieces of at most ``limit`` characters as sounds natural.

    Cuts only between words (a single word longer than ``limit``, like a long URL, is the one
    exception: it is cut into ``limit``-sized pieces). Among cuttings with equal cost, earlier
    pieces are fuller. Whitespace collapses to single spaces; pieces with no letter or digit
    (stray punctuation) are dropped, as gTTS itself would drop them.
    """
    words: list[str] = []
    penalties: list[int] = []  # penalties[i]: cost of cutting right after words[i]
    matches = list(re.finditer(r"\S+", text))
    for index, match in enumerate(matches):
        word = match.group()
        following = matches[index + 1] if index + 1 < len(matches) else None
        gap = text[match.end() : following.start()] if following else ""
        penalty = _cut_cost(word, following.group() if following else "", gap)
        pieces = [word[start : start + limit] for start in range(0, len(word), limit)]
        words += pieces
        penalties += [_COSTS.word] * (len(pieces) - 1) + [penalty]

    # best[j]: cheapest packing of words[:j]; start[j]: where its last chunk begins.
    count = len(words)
    best = [0] + [float("inf")] * count
    start = [0] * (count + 1)
    for end in range(1, count + 1):
        length = -1
        for first in range(end - 1, -1, -1):
            length += len(words[first]) + 1
            if length > limit:
                break
            cut = penalties[end - 1] if end < count else 0
            cost = best[first] + _COSTS.chunk + cut
            if cost < best[end]:
                best[end], start[end] = cost, first

    chunks: list[str] = []
    end = count
    while end > 0:
        chunks.append(" ".join(words[start[end] : end]))
        end = start[end]
    return [chunk for chunk in reversed(chunks) if _SPEAKABLE.search(chunk)]


def _cut_cost(word: str, following: str, gap: str) -> int:
    """How bad a request boundary between ``word`` and ``following`` would sound."""
    if "\n" in gap or (_SENTENCE_END.search(word) and not _ABBREVIATION.match(word)):
        return _COSTS.sentence
    if _CLAUSE_END.search(word) or _CLAUSE_START.match(following):
        return _COSTS.clause
    return _COSTS.word


# -- engine --------------------------------------------------------------------------------

_SAMPLE_LANGS = ("en", "fr", "de", "es", "pt", "it", "nl", "ja", "zh-CN", "hi")
_SAMPLE_TLDS = "com, co.uk, com.au, ca, co.in, ie, co.za"


_TLD = re.compile(r"^[a-z]{2,3}(?:\.[a-z]{2,3})?$")


@dataclass(frozen=True)
class GTTSOptions(EngineOptions):
    """gTTS's own settings."""

    tld: str = field(
        default="com",
        metadata={"help": "Google domain, which picks the accent: com, co.uk, com.au, ca, co.in"},
    )
    slow: bool = field(default=False, metadata={"help": "read slowly"})

    def __post_init__(self) -> None:
        if not _TLD.match(self.tld):
            raise BadOption(
                f"gtts option tld must be a Google domain ending such as com or co.uk, "
                f"not {self.tld!r}"
            )


class GTTSEngine(EngineBase[GTTSOptions]):
    """Google Translate's voice: many languages, natural sound, needs the internet."""

    name: ClassVar[str] = "gtts"
    needs_network: ClassVar[bool] = True
    max_chars: ClassVar[int] = 1000
    workers: ClassVar[int] = 2
    """Per segment; the engine itself cuts each segment into <=100-character requests."""
    options_class = GTTSOptions
    endpoint: ClassVar[str] = (
        "https://translate.google.{tld}/_/TranslateWebserverUi/data/batchexecute"
    )
    """Where requests go (gTTS's own address); ``{tld}`` is the ``tld`` option."""
    timeout: ClassVar[tuple[float, float]] = (10.0, 30.0)
    """(connect, read) seconds per request, never more than what is left of the budget;
    gTTS would otherwise wait forever."""
    retry_policy: ClassVar[RetryPolicy] = RetryPolicy(
        attempts=5, base_delay=1.0, max_delay=20.0, budget=120.0
    )
    """Per request: 5 tries; per segment: 120 s in all, waits and requests included."""
    min_interval: ClassVar[float] = 0.25
    """Seconds between the starts of two requests of one engine, whatever the threads:
    at most four requests a second, a pace that keeps clear of Google's rate limit."""

    def __init__(
        self,
        settings: VoiceSettings,
        options: GTTSOptions | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        super().__init__(settings, options)
        self._clock = clock
        self._sleep = sleep
        self._throttle = Throttle(self.min_interval, clock=clock, sleep=sleep)
        self._offline: EngineUnavailable | None = None
        """Set at the first sign that the network is down; later requests fail with it."""
        self.lang = _resolve_lang(settings.lang or "en")
        if not 0.5 <= settings.speed <= 2.0:
            raise EngineError(f"gtts speed must be between 0.5 and 2.0, not {settings.speed:g}")

    def identity(self) -> dict[str, object]:
        from importlib.metadata import version

        return {
            "engine": self.name,
            "gTTS": version("gTTS"),
            "lang": self.lang,
            "tld": self.options.tld,
            "slow": self.options.slow,
            "speed": self.settings.speed,
        }

    @classmethod
    def info(cls) -> EngineInfo:
        """Languages from gTTS's bundled table; nothing here touches the network."""
        try:
            from gtts.lang import tts_langs
        except ImportError as error:
            return EngineInfo(
                cls.name, False, True, f"gTTS not installed ({error}): pip install gTTS"
            )
        langs = tts_langs()
        sample = ", ".join(code for code in _SAMPLE_LANGS if code in langs)
        detail = (
            f"{len(langs)} languages (e.g. {sample}; all: gtts-cli --all); "
            f"accent by tld: {_SAMPLE_TLDS}"
        )
        return EngineInfo(cls.name, True, True, detail)

    @classmethod
    def unreachable(cls, timeout: float = 2.0) -> str | None:
        """Whether Google's server takes a connection now (a TCP connect, no request)."""
        import socket
        import threading
        from urllib.parse import urlsplit

        parts = urlsplit(cls.endpoint.format(tld="com"))
        port = parts.port or (443 if parts.scheme == "https" else 80)
        verdict: list[str | None] = []

        def connect() -> None:
            try:
                with socket.create_connection((parts.hostname or "", port), timeout=timeout):
                    verdict.append(None)
            except socket.gaierror:
                verdict.append("DNS lookup failed")
            except ConnectionRefusedError:
                verdict.append("connection refused")
            except TimeoutError:
                verdict.append(f"no answer in {timeout:g} s")
            except OSError as error:
                verdict.append(error.strerror or type(error).__name__)

        # getaddrinfo ignores socket timeouts: wait for the attempt in a thread instead
        thread = threading.Thread(target=connect, daemon=True)
        thread.start()
        thread.join(timeout)
        return verdict[0] if verdict else f"no answer in {timeout:g} s"

    def synthesize(self, text: str) -> Audio:
        """One request per packed chunk, each retried alone; the MP3 parts concatenate into
        one stream."""
        import numpy as np

        from briefing.audio import decode_mp3, from_segment

        if not pack_chunks(text):
            log.debug("nothing speakable in %r", text)
            return Audio(np.zeros(0, np.float32), 24000)
        tts = self._tts(text)
        deadline = self._clock() + self.retry_policy.budget
        parts = [self._fetch(tts, body, deadline) for body in tts.get_bodies()]
        try:
            return from_segment(decode_mp3(b"".join(parts), tempo=self.settings.speed))
        except InputError as error:
            raise EngineError(
                f"Google Text-to-Speech sent audio that cannot be decoded ({error}); "
                f"try again or {FALLBACK_HINT}"
            ) from error

    def _fetch(self, tts: gTTS, body: str, deadline: float) -> bytes:
        """The audio of one request body, sent with TLS verification, retried on faults."""
        import requests
        from gtts import gTTSError

        attempts = 0
        started = self._clock()
        url = self.endpoint.format(tld=self.options.tld)

        def attempt() -> bytes:
            nonlocal attempts
            if self._offline is not None:
                raise self._offline
            self._throttle.wait()
            left = deadline - self._clock()
            if left <= 0:
                raise _OutOfTime(self.retry_policy.budget)
            attempts += 1
            timeout = (min(self.timeout[0], left), min(self.timeout[1], left))
            try:
                response = requests.post(
                    url, data=body, headers=tts.GOOGLE_TTS_HEADERS, timeout=timeout
                )
                response.raise_for_status()
                return _audio_of(response.content)
            except requests.HTTPError as error:
                raise gTTSError(tts=tts, response=error.response) from error
            except _NoAudio:
                raise gTTSError(tts=tts, response=response) from None
            except requests.RequestException as error:
                raise gTTSError(tts=tts) from error

        try:
            return retry(
                attempt,
                _retryable,
                self.retry_policy,
                sleep=self._sleep,
                clock=self._clock,
                deadline=deadline,
            )
        except (gTTSError, requests.RequestException) as error:
            tries = (
                f"; {attempts} attempts in {self._clock() - started:.0f} s" if attempts > 1 else ""
            )
            failure = _failure(error, self.options.tld, self.lang, tries)
            if _offline_cause(error) and isinstance(failure, EngineUnavailable):
                self._offline = failure
            raise failure from error
        except _OutOfTime as error:
            raise EngineUnavailable(
                f"Google Text-to-Speech is too slow: one segment took more than {error.budget:g} s; "
                f"{RESUME_HINT} or {FALLBACK_HINT}"
            ) from None

    def _tts(self, text: str) -> gTTS:
        """A gTTS object that sends exactly ``pack_chunks(text)`` (after gTTS's pre-processing).

        gTTS's ``abbreviations`` pre-processor is left out: it deletes the period after any
        word ending in "st", "dr", "ms" ... ("first." -> "first"), which would hide sentence
        ends; ``tone_marks`` only serves gTTS's own tokenizer. Chunks of at most 100
        characters pass gTTS's ``_minimize`` untouched, so gTTS does not re-split them.
        """
        from gtts import gTTS
        from gtts.tokenizer import pre_processors

        log.debug("gtts: %d request(s) for %d characters", len(pack_chunks(text)), len(text))
        return gTTS(
            text,
            tld=self.options.tld,
            lang=self.lang,
            slow=self.options.slow,
            lang_check=False,  # checked once, offline, in __init__
            pre_processor_funcs=[pre_processors.end_of_line, pre_processors.word_sub],
            tokenizer_func=pack_chunks,
            timeout=self.timeout,
        )


def _resolve_lang(lang: str) -> str:
    """gTTS's code for ``lang``: exact, case-insensitive, or the base of a regional tag."""
    from gtts.lang import tts_langs

    langs: dict[str, str] = tts_langs()
    if lang in langs:
        return lang
    by_lower = {code.lower(): code for code in langs}
    if lang.lower() in by_lower:
        return by_lower[lang.lower()]
    base = re.split(r"[-_]", lang)[0].lower()
    if base in by_lower:
        log.warning(
            "gtts has no %r; using %r (pick the accent with the tld, e.g. co.uk)",
            lang,
            by_lower[base],
        )
        return by_lower[base]
    import difflib

    close = difflib.get_close_matches(lang.lower(), list(by_lower), n=3)
    suggestion = f" (did you mean {', '.join(by_lower[c] for c in close)}?)" if close else ""
    raise EngineError(
        f"gtts does not speak language {lang!r}{suggestion}; "
        "see `briefing engines` or `gtts-cli --all` for the language codes"
    )


_AUDIO = re.compile(rb'jQ1olc","\[\\"(.*?)\\"]')


class _NoAudio(Exception):
    """Google answered 200 without audio (gTTS's ``stream`` raises gTTSError then too)."""


def _audio_of(reply: bytes) -> bytes:
    """The MP3 bytes of one RPC reply: base64 in the ``jQ1olc`` line, as gTTS decodes it."""
    import base64

    found = [base64.b64decode(m.group(1)) for m in _AUDIO.finditer(reply)]
    if not found:
        raise _NoAudio
    return b"".join(found)


class _OutOfTime(Exception):
    """The segment's time budget ran out before a request could be sent."""

    def __init__(self, budget: float) -> None:
        super().__init__(f"no time left of the {budget:g} s budget")
        self.budget = budget


def _retryable(error: Exception) -> bool | float:
    """Whether a failed request is worth another try: rate limits, server errors, dropped
    connections and timeouts are; a refused request or a TLS failure is not. A number is the
    wait the server asked for (``Retry-After``)."""
    import requests

    response = getattr(error, "rsp", None)
    if response is not None:
        if response.status_code in (408, 429) or response.status_code >= 500:
            asked = parse_retry_after(response.headers.get("Retry-After"))
            return True if asked is None else asked
        return False
    cause = error.__context__ if error.__context__ is not None else error
    if isinstance(cause, requests.exceptions.SSLError) or _offline_cause(error):
        return False
    return isinstance(
        cause,
        requests.ConnectionError | requests.Timeout | requests.exceptions.ChunkedEncodingError,
    )


_OFFLINE_CAUSES = frozenset({"DNS lookup failed", "connection refused", "network unreachable"})


def _offline_cause(error: Exception) -> bool:
    """Whether a request failed because this machine is offline (or the host does not
    exist), which no retry within seconds will change."""
    if getattr(error, "rsp", None) is not None:
        return False
    return _short_cause(error.__context__ or error) in _OFFLINE_CAUSES


def _failure(error: Exception, tld: str, lang: str, tries: str = "") -> EngineError:
    """Turn the last failure of a request (gTTS's error keeps the HTTP response, if any) into
    an actionable error; ``tries`` says how hard we tried ("; 5 attempts in 31 s")."""
    response = getattr(error, "rsp", None)
    if response is None:
        cause = _short_cause(error.__context__ or error)
        hint = f"check the network or {FALLBACK_HINT}"
        if _retryable(error):
            hint = f"check the network, {RESUME_HINT}, or {FALLBACK_HINT}"
        return EngineUnavailable(f"cannot reach Google Text-to-Speech ({cause}{tries}); {hint}")
    status, reason = response.status_code, response.reason or ""
    what = f"HTTP {status} {reason}".strip()
    if status == 429:
        asked = parse_retry_after(response.headers.get("Retry-After"))
        wait = f" and asks to wait {asked:.0f} s" if asked else ""
        hint = f"Google is rate-limiting this address{wait}; {RESUME_HINT} or {FALLBACK_HINT}"
    elif status == 403:
        hint = f"the unofficial API may have changed; try pip install -U gTTS or {FALLBACK_HINT}"
    elif status == 404 and tld != "com":
        hint = f"translate.google.{tld} may not exist; try the tld 'com'"
    elif status == 200:
        what = f"no audio in the response for language {lang!r}"
        hint = f"try another language or {FALLBACK_HINT}"
    elif status >= 500 or status == 408:
        hint = f"Google's server failed; {RESUME_HINT} or {FALLBACK_HINT}"
    else:
        hint = FALLBACK_HINT
    return EngineError(f"Google Text-to-Speech failed ({what}{tries}); {hint}")


def _short_cause(error: BaseException) -> str:
    """A few words for why a request failed, instead of urllib3's paragraph."""
    import requests

    text = str(error)
    known = [
        ("NameResolution", "DNS lookup failed"),
        ("Failed to resolve", "DNS lookup failed"),
        ("Name or service not known", "DNS lookup failed"),
        ("Temporary failure in name resolution", "DNS lookup failed"),
        ("Connection refused", "connection refused"),
        ("Network is unreachable", "network unreachable"),
        ("CERTIFICATE_VERIFY_FAILED", "TLS certificate rejected"),
    ]
    for needle, cause in known:
        if needle in text:
            return cause
    if isinstance(error, requests.Timeout):
        return "timed out"
    if isinstance(error, requests.exceptions.ProxyError):
        return "proxy error"
    if isinstance(error, requests.exceptions.SSLError):
        return "TLS error"
    return text if 0 < len(text) <= 60 else type(error).__name__
