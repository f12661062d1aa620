"""Captions and chapters: parsing, validation with line numbers, shifting (no ffmpeg)."""

import pytest

from pillole.media import captions as cap
from pillole.model import Chapter

VTT = """WEBVTT - lezione

NOTE a comment that is skipped

intro
00:01.000 --> 00:03.500 align:start
Buongiorno a <i>tutti</i>

00:00:04.000 --> 00:00:06.000
<v Giulia>Oggi parliamo di cloud &amp; calendari
"""

SRT = """1
00:00:01,000 --> 00:00:02,500
{\\an8}Prima riga

2
00:00:03,000 --> 00:00:05,000
Seconda --> riga
"""


def test_webvtt_cues_keep_lines_ids_and_settings():
    cues = cap.parse_webvtt(VTT)
    assert [(c.start, c.end) for c in cues] == [(1.0, 3.5), (4.0, 6.0)]
    assert cues[0].identifier == "intro" and cues[0].settings == "align:start"
    assert cues[0].line == 6 and cues[1].line == 9
    assert cap.plain_text(cues[1].text) == "Oggi parliamo di cloud & calendari"


def test_srt_becomes_webvtt():
    cues = cap.parse_captions(SRT, "phishing.it.srt")
    assert [(c.start, c.end, c.line) for c in cues] == [(1.0, 2.5, 2), (3.0, 5.0, 6)]
    assert cues[0].text == "Prima riga"
    vtt = cap.write_webvtt(cues)
    assert vtt.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nPrima riga\n")
    assert "-->" not in vtt.split("\n")[-2]  # a payload may never contain the arrow
    assert cap.parse_webvtt(vtt)[1].end == 5.0


def test_write_then_parse_round_trips():
    cues = cap.parse_webvtt(VTT)
    again = cap.parse_webvtt(cap.write_webvtt(cues))
    assert [(c.start, c.end, c.text, c.identifier, c.settings) for c in again] == [
        (c.start, c.end, c.text, c.identifier, c.settings) for c in cues
    ]


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("no header\n", 1, "WEBVTT"),
        ("WEBVTT\n00:01.000 --> 00:02.000\nx\n", 2, "blank line"),
        ("WEBVTT\n\n00:01.000 -> 00:02.000\nx\n", 3, "timing"),
        ("WEBVTT\n\n\n00:01 --> 00:0x.000\nx\n", 4, "not a time"),
        ("WEBVTT\n\n00:01.000 --> 00:61.000\nx\n", 3, "59"),
    ],
)
def test_malformed_webvtt_names_the_line(text, line, words):
    with pytest.raises(cap.CaptionError) as err:
        cap.parse_webvtt(text)
    assert err.value.line == line
    assert words in str(err.value)


def test_malformed_srt_names_the_line():
    with pytest.raises(cap.CaptionError) as err:
        cap.parse_srt("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nno timing here\n")
    assert err.value.line == 6


def test_unknown_caption_format():
    with pytest.raises(cap.CaptionError, match="WebVTT"):
        cap.parse_captions("hello", "captions.txt")


def test_validation_reports_every_bad_cue_with_its_line():
    text = (
        "WEBVTT\n\n00:05.000 --> 00:04.000\nreversed\n\n"
        "00:08.000 --> 00:12.000\npast the end\n\n00:20.000 --> 00:21.000\nafter\n\n"
        "00:09.000 --> 00:10.300\nrounded up: fine\n"
    )
    errors = cap.validate_cues(cap.parse_webvtt(text), duration=10.0)
    assert [e.line for e in errors] == [3, 6, 9]
    assert "before it starts" in errors[0].message
    assert "after the end" in errors[1].message and "another recording" in (errors[2].hint or "")


def test_shift_drops_outside_cues_and_clamps_edges():
    cues = [cap.Cue(0, 2, "a"), cap.Cue(3, 6, "b"), cap.Cue(9, 12, "c"), cap.Cue(13, 14, "d")]
    shifted = cap.shift_cues(cues, 4, 10)
    assert [(c.start, c.end, c.text) for c in shifted] == [(0, 2, "b"), (5, 6, "c")]
    assert [(c.start, c.text) for c in cap.shift_cues(cues, 5)] == [(0, "b"), (4, "c"), (8, "d")]


def test_vtt_timestamp():
    from pillole.timecode import vtt_timestamp

    assert vtt_timestamp(0) == "00:00:00.000"
    assert vtt_timestamp(3723.4567) == "01:02:03.457"


@pytest.mark.parametrize(
    "value, seconds",
    [("12", 12), ("01:30", 90), ("1:02:03.5", 3723.5), ("00:00:01,250", 1.25), (90, 90), (2.5, 2.5)],
)
def test_times_mentors_write(value, seconds):
    assert cap.parse_time(value) == pytest.approx(seconds)


def test_chapters_from_front_matter():
    chapters = cap.parse_chapter_list([{"at": "00:00", "title": "Intro"}, {"at": 90, "title": "Demo"}])
    assert chapters == [Chapter(0, "Intro"), Chapter(90, "Demo")]
    cues = cap.chapter_cues(chapters, 120)
    assert [(c.start, c.end, c.text) for c in cues] == [(0, 90, "Intro"), (90, 120, "Demo")]
    assert "WEBVTT" in cap.write_webvtt(cues)


@pytest.mark.parametrize(
    "items, words",
    [
        ([{"at": "00:10"}], "needs `at` and `title`"),
        ([{"at": "ten", "title": "x"}], "chapter 1: "),
        ([{"at": "00:10", "title": "a"}, {"at": "00:05", "title": "b"}], "does not come after"),
    ],
)
def test_bad_chapter_lists(items, words):
    with pytest.raises(cap.CaptionError, match=words):
        cap.parse_chapter_list(items)


def test_chapter_after_the_end():
    with pytest.raises(cap.CaptionError, match="after the end"):
        cap.chapter_cues([Chapter(0, "a"), Chapter(200, "b")], 120)


def test_chapters_file():
    cues = cap.parse_webvtt("WEBVTT\n\n00:00.000 --> 00:30.000\nIntro\n\n00:30.000 --> 01:00.000\n<b>Demo</b>\n")
    assert cap.chapters_from_cues(cues) == [Chapter(0, "Intro"), Chapter(30, "Demo")]


def test_check_track_file(tmp_path):
    good = tmp_path / "a.it.srt"
    good.write_text("1\n00:00:01,000 --> 00:00:02,000\nCiao\n", encoding="utf-8")
    assert cap.check_track_file(good) == []
    assert [e.line for e in cap.check_track_file(good, duration=0.5)] == [2]
    latin = tmp_path / "b.vtt"
    latin.write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\nperché\n".encode("latin-1"))
    assert "UTF-8" in cap.check_track_file(latin)[0].message
    chapters = tmp_path / "c.vtt"
    chapters.write_text("WEBVTT\n\n00:01.000 -> 00:02.000\nIntro\n")
    assert cap.check_track_file(chapters, "chapters")[0].line == 3
