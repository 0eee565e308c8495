"""The gTTS engine: request packing, and the real HTTP exchange answered by ``responses``.

The fake Google answers with real MP3 tones made by ffmpeg, wrapped the way gTTS parses
them, so the engine's decoding is exercised on genuine audio.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from urllib.parse import parse_qs

import pytest
import requests
import responses

from briefing.audio import ensure_ffmpeg
from briefing.engines import VoiceSettings, get_engine
from briefing.engines.gtts import GTTSEngine, pack_chunks
from briefing.errors import EngineError, EngineUnavailable

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


def test_synthesize_sends_one_request_per_packed_chunk(google) -> None:
    audio = GTTSEngine(VoiceSettings()).synthesize(PARAGRAPH)
    chunks = pack_chunks(PARAGRAPH)
    assert len(google.calls) == len(chunks)
    assert [sent_text(call.request.body) for call in google.calls] == chunks
    expected_ms = 1000 * sum(google.answered)
    assert abs(len(audio) - expected_ms) <= 80 * len(chunks)
    assert audio.dBFS > -30


def test_synthesize_sends_language_and_slow_flag(google) -> None:
    GTTSEngine(VoiceSettings(lang="fr", slow=True)).synthesize("Bonjour tout le monde.")
    (call,) = google.calls
    rpc = json.loads(parse_qs(call.request.body)["f.req"][0])
    assert json.loads(rpc[0][0][1])[:3] == ["Bonjour tout le monde.", "fr", True]


def test_speed_changes_duration_with_atempo(google) -> None:
    audio = GTTSEngine(VoiceSettings(speed=1.5)).synthesize("One short sentence.")
    assert abs(len(audio) - 1000 * 0.25 / 1.5) <= 80


def test_nothing_speakable_sends_nothing(google) -> None:
    audio = GTTSEngine(VoiceSettings()).synthesize(" — ")
    assert len(audio) == 0
    assert not google.calls


def test_connection_failure_is_unavailable_and_names_piper() -> None:
    with responses.RequestsMock() as mock:
        cause = requests.ConnectionError("Failed to resolve 'translate.google.com'")
        mock.add(responses.POST, URL, body=cause)
        with pytest.raises(EngineUnavailable) as caught:
            GTTSEngine(VoiceSettings()).synthesize("Hello there.")
    message = str(caught.value)
    assert message.startswith("cannot reach Google Text-to-Speech (DNS lookup failed);")
    assert "--engine piper" in message
    assert "\n" not in message


def test_timeout_is_unavailable() -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, URL, body=requests.ConnectTimeout("slow"))
        with pytest.raises(EngineUnavailable, match=r"\(timed out\)"):
            GTTSEngine(VoiceSettings()).synthesize("Hello there.")


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (429, "rate-limiting"),
        (500, "try again later"),
        (503, "try again later"),
        (403, "pip install -U gTTS"),
        (400, "--engine piper"),
    ],
)
def test_http_errors_give_engine_error_with_status(status: int, words: str) -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, URL, status=status)
        with pytest.raises(EngineError) as caught:
            GTTSEngine(VoiceSettings()).synthesize("Hello there.")
    assert not isinstance(caught.value, EngineUnavailable)
    assert f"HTTP {status}" in str(caught.value)
    assert words in str(caught.value)


def test_answer_without_audio_is_engine_error() -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, URL, body=')]}\'\n\n[["wrb.fr","jQ1olc",null]]\n')
        with pytest.raises(EngineError, match="no audio"):
            GTTSEngine(VoiceSettings()).synthesize("Hello there.")


def test_other_tld_goes_to_that_host(clips) -> None:
    with responses.RequestsMock() as mock:
        url = URL.replace(".com/", ".co.uk/")
        mock.add(responses.POST, url, body=google_body(clips[0]))
        audio = GTTSEngine(VoiceSettings(tld="co.uk")).synthesize("Cheerio.")
    assert len(audio) > 200


@pytest.mark.parametrize(
    ("asked", "resolved"), [("en", "en"), ("zh-cn", "zh-CN"), ("en-GB", "en"), ("FR", "fr")]
)
def test_language_resolution(asked: str, resolved: str) -> None:
    assert GTTSEngine(VoiceSettings(lang=asked)).lang == resolved


def test_unknown_language_says_where_to_look() -> None:
    with pytest.raises(EngineError, match="briefing engines"):
        GTTSEngine(VoiceSettings(lang="klingon"))


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
    assert 1000 < len(audio) < 10000
    assert audio.dBFS > -40
