"""Podcast-grade output read back with real parsers: tags, chapters, transcripts, loudness."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import struct
import subprocess
from functools import partial
from http.server import SimpleHTTPRequestHandler

import numpy as np
import pytest
import srt
import webvtt
from click.testing import CliRunner
from conftest import local_server
from mutagen.id3 import ID3
from pydub.silence import detect_nonsilent

from briefing.audio import decode_file, ensure_ffmpeg
from briefing.cli import cli
from briefing.errors import InputError
from briefing.feeds import load_feed
from briefing.models import LoudnessTarget
from briefing.pipeline import Settings, narrate

STORIES = {
    "bridge.txt": "Bridge opens\n\nThe new bridge opened on Monday.\n\nIt cost less than planned.\n",
    "rain.txt": "Rain expected\n\nHeavy rain is expected on Tuesday across the valley.\n",
    "school.txt": "School reopens\n\nAdvertisement\n\nThe school reopened after repairs.\n",
}
DAY = dt.date(2026, 11, 25)


@pytest.fixture
def story_files(tmp_path):
    paths = []
    for name, text in STORIES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ebur128(path):
    """Integrated loudness and true peak as ffmpeg's own EBU R128 meter reads them."""
    result = subprocess.run(
        [ensure_ffmpeg(), "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true",
         "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    summary = result.stderr[result.stderr.rindex("Summary:") :]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return lufs, peak


def vtt_ms(clock: str) -> int:
    hours, minutes, seconds = clock.split(":")
    return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000)


def ffmetadata_chapters(path):
    out = subprocess.run(
        [ensure_ffmpeg(), "-hide_banner", "-loglevel", "error", "-i", str(path), "-f", "ffmetadata", "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    blocks = re.findall(r"\[CHAPTER\]\nTIMEBASE=1/1000\nSTART=(\d+)\nEND=(\d+)\ntitle=(.*)", out)
    return sorted((int(start), int(end), title) for start, end, title in blocks)


@pytest.fixture
def briefing(tmp_path, story_files, tone_engine):
    settings = Settings(engine="tone", date=DAY, show="Morning Notes")
    return narrate(story_files, tmp_path / "out" / "today.mp3", settings)


def test_several_stories_have_intro_headlines_and_outro(briefing):
    kinds = [s.kind for s in briefing.segments]
    assert kinds[0] == "intro" and kinds[-1] == "outro"
    assert kinds.count("title") == 3
    intro = briefing.segments[0]
    assert "Morning Notes" in intro.text and "Wednesday, November 25, 2026" in intro.text
    assert "Three stories" in intro.text
    assert "November twenty-fifth" in intro.spoken  # normalized for the ear like any text
    assert [s.story for s in briefing.segments] == [
        *sorted(s.story for s in briefing.segments[:-1]),
        -1,
    ]
    assert len(briefing.dropped) == 1 and briefing.dropped[0].line == "Advertisement"


def test_pause_between_stories(briefing):
    by_story = {}
    for item, (start, end) in zip(briefing.segments, briefing.offsets_ms, strict=True):
        by_story.setdefault(item.story, []).append((start, end))
    story_starts = [spans[0][0] for story, spans in sorted(by_story.items()) if story >= 0]
    story_ends = [spans[-1][1] for story, spans in sorted(by_story.items()) if story >= 0]
    for previous_end, next_start in zip(story_ends, story_starts[1:], strict=False):
        assert next_start - previous_end == 1800


def test_chapters_in_id3_and_as_ffmpeg_reads_them(briefing):
    tag = ID3(briefing.path)
    toc = tag.getall("CTOC")
    assert len(toc) == 1 and toc[0].flags & 1  # top level
    frames = {frame.element_id: frame for frame in tag.getall("CHAP")}
    ordered = [frames[element] for element in toc[0].child_element_ids]
    titles = [frame.sub_frames["TIT2"].text[0] for frame in ordered]
    assert titles == ["Introduction", "Bridge opens", "Rain expected", "School reopens", "Closing"]
    times = [(frame.start_time, frame.end_time) for frame in ordered]
    assert times == [(c.start_ms, c.end_ms) for c in briefing.chapters]
    assert times[0][0] == 0 and times[-1][1] == briefing.duration_ms
    assert all(end == next_start for (_, end), (next_start, _) in itertools.pairwise(times))
    headline_starts = [
        briefing.offsets_ms[s.index][0] for s in briefing.segments if s.kind == "title"
    ]
    assert [start for start, _ in times[1:4]] == headline_starts
    read_by_ffmpeg = ffmetadata_chapters(briefing.path)
    assert [title for *_, title in read_by_ffmpeg] == titles
    # ffmpeg shifts chapters by the MP3 encoder delay it trims (1105 samples: 50-70 ms)
    assert all(
        0 <= ours - start <= 1105 * 1000 // 16000 + 1
        for (start, _, _), (ours, _) in zip(read_by_ffmpeg, times, strict=True)
    )


def test_tags_and_default_cover(briefing):
    tag = ID3(briefing.path)
    assert tag["TIT2"].text == ["Morning Notes, Wednesday, November 25, 2026"]
    assert tag["TALB"].text == ["Morning Notes"]
    assert tag["TPE1"].text == ["Morning Notes"]
    assert str(tag["TDRC"].text[0]) == "2026-11-25"
    assert tag["TCON"].text == ["Podcast"]
    assert tag["TLAN"].text == ["eng"]
    assert not tag.getall("COMM")  # the stories are local files: no paths in the tags
    cover = tag.getall("APIC")[0]
    assert cover.mime == "image/png" and cover.type == 3
    width, height = struct.unpack(">II", cover.data[16:24])
    assert width == height == 1400


def test_custom_cover_and_single_story_tags(tmp_path, story_files, tone_engine):
    jpeg = tmp_path / "cover.jpg"
    subprocess.run(
        [ensure_ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", "color=c=red:s=1400x1400",
         "-frames:v", "1", str(jpeg)], check=True,
    )  # fmt: skip
    episode = narrate(story_files[0], tmp_path / "one.mp3", Settings(engine="tone", cover=jpeg))
    tag = ID3(episode.path)
    assert tag.getall("APIC")[0].mime == "image/jpeg"
    assert tag.getall("APIC")[0].data == jpeg.read_bytes()
    assert tag["TIT2"].text == ["Bridge opens"]
    assert next(s.kind for s in episode.segments) == "title"  # no intro for one story
    assert [c.title for c in episode.chapters] == ["Bridge opens"]


def test_bad_cover_is_a_clear_error(tmp_path, story_files, tone_engine):
    bad = tmp_path / "cover.gif"
    bad.write_bytes(b"GIF89a....")
    with pytest.raises(InputError, match="PNG or JPEG"):
        narrate(story_files[0], tmp_path / "x.mp3", Settings(engine="tone", cover=bad))
    assert not list(tmp_path.glob("x*"))


def test_transcripts_parse_and_match_manifest_and_audio(briefing):
    stem = briefing.path.with_suffix("")
    manifest = json.loads(stem.with_suffix(".json").read_text())
    vtt = webvtt.read(str(stem.with_suffix(".vtt")))
    subtitles = list(srt.parse(stem.with_suffix(".srt").read_text()))
    assert len(vtt) == len(subtitles) == len(manifest["segments"]) == len(briefing.segments)
    for cue, sub, entry in zip(vtt, subtitles, manifest["segments"], strict=True):
        assert cue.text == sub.content == entry["text"]
        assert abs(vtt_ms(cue.start) - entry["start_ms"]) <= 1
        assert abs(vtt_ms(cue.end) - entry["end_ms"]) <= 1
        assert abs(sub.start.total_seconds() * 1000 - entry["start_ms"]) <= 1
        assert abs(sub.end.total_seconds() * 1000 - entry["end_ms"]) <= 1
    # the audio itself: speech starts where each cue starts (within 50 ms)
    audio = decode_file(briefing.path)
    speech = detect_nonsilent(audio, min_silence_len=200, silence_thresh=-45)
    for entry in manifest["segments"]:
        assert min(abs(start - entry["start_ms"]) for start, _ in speech) <= 50
    assert manifest["engine"] == "tone" and manifest["show"] == "Morning Notes"
    assert manifest["stories"][2]["dropped"][0]["line"] == "Advertisement"
    chapters = json.loads(stem.with_suffix(".chapters.json").read_text())
    assert chapters["version"] == "1.2.0"
    assert [c["title"] for c in chapters["chapters"]] == [c.title for c in briefing.chapters]


def test_no_sidecars(tmp_path, story_files, tone_engine):
    episode = narrate(story_files[0], tmp_path / "a.mp3", Settings(engine="tone", sidecars=False))
    assert sorted(p.name for p in tmp_path.glob("a*")) == ["a.mp3"] and episode.sidecars == ()


@pytest.mark.parametrize("target", [LoudnessTarget(-16.0, -1.5), LoudnessTarget(-20.0, -2.0)])
def test_real_speech_meets_loudness_target(tmp_path, story_files, target):
    episode = narrate(story_files, tmp_path / "loud.mp3", Settings(loudness=target, sidecars=False))
    lufs, peak = ebur128(episode.path)
    assert abs(lufs - target.lufs) <= 1.0
    assert peak <= target.true_peak


def test_loudness_off_keeps_engine_level(tmp_path, story_files):
    episode = narrate(story_files[1], tmp_path / "raw.mp3", Settings(loudness=None, sidecars=False))
    lufs, _ = ebur128(episode.path)
    assert lufs < -20  # Piper's raw level is well below the podcast target


def test_intro_template_and_errors(tmp_path, story_files, tone_engine):
    settings = Settings(engine="tone", intro="{show} with {titles}", always_intro=True, outro=None)
    episode = narrate(story_files[0], tmp_path / "t.mp3", settings)
    assert episode.segments[0].text == "Briefing with Bridge opens"
    assert episode.segments[-1].kind == "body"
    with pytest.raises(InputError, match="template"):
        narrate(
            story_files[0],
            tmp_path / "u.mp3",
            Settings(engine="tone", intro="{nope}", always_intro=True),
        )


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley News</title><link>{base}/</link><description>d</description><language>en</language>
{items}
</channel></rss>"""

ITEM = """<item><title>{title}</title><link>{base}/{slug}.html</link><guid>{slug}</guid>
<pubDate>{date}</pubDate><description>Short teaser.</description>{content}</item>"""

BODY = " ".join(["The council met on Monday to discuss the plan in detail."] * 15)


def page(title, text):
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{text}</p><p>Advertisement</p><p>Residents welcomed the news.</p>"
        "</article></body></html>"
    )


@pytest.fixture
def feed_server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    items = []
    stories = [
        ("Oldest story", "2026-11-20", True),
        ("Full content story", "2026-11-24", True),
        ("Teaser story", "2026-11-25", False),
        ("Middle story", "2026-11-22", False),
    ]
    for number, (title, date, full) in enumerate(stories):
        slug = f"story{number}"
        rfc822 = dt.datetime.fromisoformat(date).strftime("%a, %d %b %Y 08:00:00 GMT")
        content = f"<content:encoded><![CDATA[<p>{BODY}</p>]]></content:encoded>" if full else ""
        items.append(
            ITEM.format(title=title, base="{base}", slug=slug, date=rfc822, content=content)
        )
        (site / f"{slug}.html").write_text(page(title, f"Fetched page text for {title}. " + BODY))
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    with local_server(handler) as base:
        (site / "feed.xml").write_text(
            FEED.format(base=base, items="\n".join(items).replace("{base}", base))
        )
        yield base


def test_feed_newest_items_full_content_or_fetched_link(feed_server):
    articles = load_feed(f"{feed_server}/feed.xml", latest=3)
    assert [a.title for a in articles] == ["Teaser story", "Full content story", "Middle story"]
    teaser, full, _middle = articles
    assert teaser.paragraphs[0].startswith("Fetched page text for Teaser story")
    assert full.paragraphs[0].startswith("The council met on Monday")
    assert teaser.metadata.url == f"{feed_server}/story2.html"
    assert full.metadata.site == "Valley News" and full.metadata.date == "2026-11-24"


def test_build_from_feed_on_localhost(tmp_path, feed_server, tone_engine):
    out = tmp_path / "feed.mp3"
    result = CliRunner().invoke(
        cli, ["build", "--feed", f"{feed_server}/feed.xml", "--latest", "3", "-e", "tone", "-o", str(out),
              "--show", "Valley Briefing"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 stories" in result.output
    titles = [f.sub_frames["TIT2"].text[0] for f in ID3(out).getall("CHAP")]
    assert sorted(titles) == sorted(
        ["Introduction", "Teaser story", "Full content story", "Middle story", "Closing"]
    )
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert any(d["line"] == "Advertisement" for s in manifest["stories"] for d in s["dropped"])


@pytest.mark.parametrize(
    "body", [b"<html><body>not a feed</body></html>", b"<rss><channel><item>", b""]
)
def test_malformed_feed(tmp_path, body):
    path = tmp_path / "bad.xml"
    path.write_bytes(body)
    result = CliRunner().invoke(cli, ["build", "--feed", str(path), "-e", "tone"])
    assert result.exit_code != 0
    assert (
        "not an RSS or Atom feed" in result.output and len(result.output.strip().splitlines()) == 1
    )


def samples_of(audio):
    import numpy as np

    return np.array(audio.get_array_of_samples(), dtype=np.float32) / 32768


def test_chime_between_stories_only(tmp_path, story_files, tone_engine):
    plain = narrate(story_files, tmp_path / "plain.mp3", Settings(engine="tone", sidecars=False))
    chimed = narrate(
        story_files, tmp_path / "chime.mp3", Settings(engine="tone", sidecars=False, chime=True)
    )
    assert chimed.offsets_ms == plain.offsets_ms  # the chime sits inside the pause
    audio = decode_file(chimed.path)
    sounds = detect_nonsilent(audio, min_silence_len=150, silence_thresh=-50)
    spans = list(zip(chimed.segments, chimed.offsets_ms, strict=True))
    story_gaps = [
        (first[1], second[0])
        for (a, first), (b, second) in itertools.pairwise(spans)
        if a.story != b.story and min(a.story, b.story) >= 0
    ]
    assert len(story_gaps) == 2
    for start, end in story_gaps:
        inside = [(a, b) for a, b in sounds if a > start + 50 and b < end - 50]
        assert len(inside) == 1 and 300 <= inside[0][1] - inside[0][0] <= 600
    quiet = detect_nonsilent(decode_file(plain.path), min_silence_len=150, silence_thresh=-50)
    assert not any(a > s + 50 and b < e - 50 for a, b in quiet for s, e in story_gaps)


def test_intro_and_outro_music_set_below_the_voice(tmp_path, story_files, tone_engine):
    from briefing.assemble import JINGLE_LU
    from briefing.loudness import integrated_loudness, profile

    music = tmp_path / "jingle.wav"
    subprocess.run(
        [ensure_ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=1000:duration=2",
         "-af", "volume=0.9", str(music)], check=True,
    )  # fmt: skip
    settings = Settings(engine="tone", intro_audio=music, outro_audio=music, sidecars=False)
    episode = narrate(story_files, tmp_path / "j.mp3", settings)
    first_speech = episode.offsets_ms[0][0]
    last_speech = episode.offsets_ms[-1][1]
    assert first_speech >= 2000 + 800 and episode.duration_ms - last_speech >= 2000 + 800
    audio = decode_file(episode.path)
    rate = audio.frame_rate
    jingle = samples_of(audio[100:1900])
    speech = samples_of(audio[first_speech:last_speech])
    jingle_lufs = -0.691 + 10 * np.log10(profile(jingle, rate).energy.mean())
    speech_lufs = integrated_loudness(profile(speech, rate).energy)
    assert abs(speech_lufs - (-16)) <= 1.0
    assert abs((jingle_lufs - speech_lufs) - JINGLE_LU) <= 1.0
    assert episode.chapters[0].title == "Introduction"


def test_missing_music_fails_before_synthesis(tmp_path, story_files, tone_engine):
    with pytest.raises(InputError, match="not found"):
        narrate(
            story_files,
            tmp_path / "x.mp3",
            Settings(engine="tone", intro_audio=tmp_path / "no.mp3"),
        )
    assert not list(tmp_path.glob("x*"))
