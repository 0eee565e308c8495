"""End-to-end builds: real MP3s decoded back and measured."""

from __future__ import annotations

import pytest
from pydub.silence import detect_silence

from briefing.audio import decode_file
from briefing.engines.base import VoiceSettings
from briefing.errors import NothingToNarrate, OutputError
from briefing.models import Pauses
from briefing.pipeline import Settings, narrate, prepare, slugify

ARTICLE = """Council approves new flood barrier

Story continues below advertisement

The town council voted on Tuesday to build a new flood barrier along the river.

READ MORE: Residents urged to prepare for spring floods

Work will begin in the spring and should finish before winter.
"""


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def silences(audio, min_ms):
    return detect_silence(audio, min_silence_len=min_ms, silence_thresh=-50)


def test_tone_build_places_pauses_where_segments_end(tmp_path, article_file, tone_engine):
    pauses = Pauses(after_title=1000, between_paragraphs=600)
    out = tmp_path / "out" / "briefing.mp3"
    episode = narrate(article_file, out, Settings(engine="tone", pauses=pauses))
    assert episode.path == out and out.exists()
    assert [s.kind for s in episode.segments] == ["title", "body", "body"]
    audio = decode_file(out)
    assert abs(len(audio) - episode.duration_ms) < 100
    expected = sum(len(s.spoken) * tone_engine.ms_per_char for s in episode.segments) + 1000 + 600
    assert abs(episode.duration_ms - expected) < 30
    gaps = silences(audio, 400)
    assert len(gaps) == 2
    for (start, end), (seg_end, next_start), pause in zip(
        gaps,
        [(episode.offsets_ms[0][1], episode.offsets_ms[1][0]),
         (episode.offsets_ms[1][1], episode.offsets_ms[2][0])],
        (1000, 600),
        strict=True,
    ):  # fmt: skip
        assert abs(start - seg_end) < 60 and abs(end - next_start) < 60
        assert abs((end - start) - pause) < 80


def test_dropped_lines_are_not_spoken(article_file, tone_engine):
    script = prepare(article_file, Settings(engine="tone"))
    spoken = " ".join(s.spoken for s in script.segments)
    assert len(script.article.dropped) == 2
    for dropped in script.article.dropped:
        assert dropped.reason
        assert dropped.line not in spoken


def test_nothing_left_after_cleaning(tmp_path, tone_engine):
    path = tmp_path / "ads.txt"
    path.write_text("Title\n\nAdvertisement\n\nStory continues below advertisement\n")
    with pytest.raises(NothingToNarrate, match="nothing to narrate"):
        narrate(path, tmp_path / "x.mp3", Settings(engine="tone"))
    assert not list(tmp_path.glob("*.mp3"))


def test_refuses_to_overwrite_input(tmp_path, tone_engine):
    path = tmp_path / "article.mp3"
    path.write_text(ARTICLE)
    with pytest.raises(OutputError, match="overwrite the input"):
        narrate(path, path, Settings(engine="tone"))
    assert path.read_text() == ARTICLE


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Killing of Qassem Soleimani could endanger troops", "killing-of-qassem-soleimani-could-endanger-troops"),
        ("Café, crème & brûlée!", "cafe-creme-brulee"),
        ("../../etc/passwd", "etc-passwd"),
        ("???", "briefing"),
        ("x" * 300, "x" * 80),
        ("CON", "con-briefing"),
        ("Lpt1", "lpt1-briefing"),
        ("..", "briefing"),
        ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
        ("Новости дня: выборы", "новости-дня-выборы"),
        ("東京の天気", "東京の天気"),
        ("नमस्ते दुनिया", "नमस्ते-दुनिया"),  # vowel signs and viramas stay in their words
        ("Ünïcödé and 日本", "unicode-and-日本"),
        ("ж" * 150, "ж" * 80),
        ("東" * 100, "東" * 66),  # 3 bytes each: capped at 200 bytes
    ],
)  # fmt: skip
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_titles_in_other_scripts_get_distinct_names():
    titles = ["Новости дня", "Погода завтра", "東京の天気", "大阪の天気", "طقس اليوم"]
    assert len({slugify(title) for title in titles}) == len(titles)


def test_piper_build_is_real_speech_with_pauses(tmp_path, article_file):
    """The default engine, for real: decodes, plausible duration, a pause after the title."""
    out = tmp_path / "piper.mp3"
    episode = narrate(article_file, out, Settings(voice=VoiceSettings()))
    audio = decode_file(out)
    words = sum(len(s.spoken.split()) for s in episode.segments)
    seconds = len(audio) / 1000
    assert 1.5 <= words / seconds <= 4.5, f"{words} words in {seconds:.1f} s"
    assert audio.dBFS > -30  # speech, not silence
    title_end, body_start = episode.offsets_ms[0][1], episode.offsets_ms[1][0]
    assert body_start - title_end == 1000
    assert any(
        start <= title_end + 150 and end >= body_start - 150 for start, end in silences(audio, 700)
    )


def test_piper_speed_shortens_audio(tmp_path, article_file):
    normal = narrate(article_file, tmp_path / "a.mp3", Settings())
    fast = narrate(article_file, tmp_path / "b.mp3", Settings(voice=VoiceSettings(speed=1.5)))
    speech = lambda e: sum(end - start for start, end in e.offsets_ms)  # noqa: E731
    assert speech(fast) < 0.8 * speech(normal)
