"""The argv builders: every encoding decision, checked without running ffmpeg.

The graphs are built with ffmpeg-python, which names every link (``[s3]``); the helpers
below follow the links back, so the tests read each output's filters in order."""

import re
from pathlib import Path

import pytest

from pillole.media import commands
from pillole.media.commands import MediaSettings, Segment
from pillole.media.probe import MediaInfo

OUT = Path("/out")
HD = MediaInfo("video", 60.0, 1920, 1080, 0, "h264", "aac", True, "mov")
UHD_PORTRAIT = MediaInfo("video", 30.0, 2160, 3840, 90, "hevc", "aac", True, "mov")
SMALL = MediaInfo("video", 10.0, 640, 360, 0, "h264", None, False, "matroska")
MEMO = MediaInfo("audio", 120.0, audio_codec="mp3", has_audio=True, format="mp3")


def graph_of(argv: list[str]) -> str:
    return argv[argv.index("-filter_complex") + 1]


def _links(argv: list[str]) -> dict[str, tuple[str, str]]:
    """Output link -> (its input link, the filter between them)."""
    links = {}
    for spec in graph_of(argv).split(";"):
        match = re.fullmatch(r"((?:\[[^\]]+\])+)([^\[]+)((?:\[[^\]]+\])*)", spec)
        assert match, spec
        first_input = re.findall(r"\[([^\]]+)\]", match[1])[0]
        for output in re.findall(r"\[([^\]]+)\]", match[3]):
            links[output] = (first_input, match[2])
    return links


def maps_of(argv: list[str], name: str) -> list[str]:
    """The links mapped into the output file `name` (the -map options just before it)."""
    end = argv.index(str(OUT / name))
    start = max(i for i, arg in enumerate(argv[:end]) if arg == "-filter_complex" or arg.startswith(str(OUT)))
    return [argv[i + 1].strip("[]") for i in range(start, end) if argv[i] == "-map"]


def chain(argv: list[str], name: str, stream: int = 0) -> list[str]:
    """The source stream, then every filter the `stream`-th stream of output `name` passes."""
    label, links, steps = maps_of(argv, name)[stream], _links(argv), []
    while label in links:
        label, step = links[label]
        steps.insert(0, step)
    return [label, *steps]


def test_heights_cap_and_light_rendition():
    assert commands.rendition_heights(HD, MediaSettings()) == [1080, 480]
    assert commands.rendition_heights(HD, MediaSettings(max_height=720)) == [720, 480]
    assert commands.rendition_heights(UHD_PORTRAIT, MediaSettings()) == [1080, 480]


def test_never_upscaled_and_no_light_rendition_for_small_sources():
    assert commands.rendition_heights(SMALL, MediaSettings()) == [360]
    exactly = MediaInfo("video", 5, 854, 480, 0, "h264", None, False)
    assert commands.rendition_heights(exactly, MediaSettings()) == [480]


def test_odd_sizes_become_even_without_upscaling():
    odd = MediaInfo("video", 5, 641, 361, 0, "h264", None, False)
    assert commands.rendition_heights(odd, MediaSettings()) == [360]
    assert commands.scaled_width(odd, 360) % 2 == 0


def test_portrait_keeps_its_displayed_aspect():
    assert commands.scaled_width(UHD_PORTRAIT, 1080) == 608
    assert commands.scaled_width(HD, 480) == 854


def test_video_argv_codecs_faststart_and_no_double_rotation():
    argv = commands.video_argv("ffmpeg", "in.mp4", UHD_PORTRAIT, Segment(), MediaSettings(), OUT)
    assert argv[0] == "ffmpeg"
    assert argv.count("libx264") == 2
    assert argv.count("+faststart") == 2
    assert argv.count("rotate=0") == 2  # autorotated frames: no rotation metadata on top
    assert "-noautorotate" not in argv
    assert chain(argv, "video-1080.mp4") == ["0:v:0", "split=3", "scale=608:1080", "setsar=1", "format=yuv420p"]
    assert chain(argv, "video-480.mp4") == ["0:v:0", "split=3", "scale=270:480", "setsar=1", "format=yuv420p"]
    assert chain(argv, commands.SPRITE)[:2] == ["0:v:0", "split=3"]  # one decode feeds all three


def test_every_command_reads_only_the_probed_format_from_a_local_file():
    """No format guessing, no protocol but `file`, one input: the recording (never captions)."""
    for info in (HD, SMALL, MEMO):
        speech = commands.speech_argv("ffmpeg", "in.media", info, OUT / "speech.pcm")  # for automatic captions
        length = commands.duration_argv("ffmpeg", "in.media", info.format)  # for a WebM without a duration
        for argv in [*commands.job_argvs("ffmpeg", "in.media", info, Segment(2, 8), MediaSettings(), OUT), speech,
                     length]:
            assert argv.count("-i") == 1 and argv[argv.index("-i") + 1] == "in.media"
            options = argv[: argv.index("-i")]
            assert options[options.index("-f") + 1] == info.format
            assert options[options.index("-protocol_whitelist") + 1] == "file"
    with pytest.raises(ValueError, match="no probed format"):
        commands.video_argv("ffmpeg", "in.mp4", MediaInfo("video", 5, 640, 360), Segment(), MediaSettings(), OUT)


def test_loudness_normalisation_is_configurable_and_can_be_off():
    argv = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(loudness=-23), OUT)
    normalised = ["0:a:0", "aformat=channel_layouts=mono|stereo", "loudnorm=I=-23:LRA=11:TP=-1.5",
                  "aformat=channel_layouts=mono|stereo:sample_rates=48000", "asplit=2"]
    assert chain(argv, "video-1080.mp4", stream=1) == chain(argv, "video-480.mp4", stream=1) == normalised
    off = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(loudness=None), OUT)
    assert "loudnorm" not in graph_of(off)
    assert chain(off, "video-1080.mp4", stream=1) == ["0:a:0", "aformat=channel_layouts=mono|stereo", "asplit=2"]


def test_video_without_audio_has_no_audio_output():
    argv = commands.video_argv("ffmpeg", "in.mp4", SMALL, Segment(), MediaSettings(), OUT)
    assert "[0:a" not in graph_of(argv) and len(maps_of(argv, "video-360.mp4")) == 1
    assert "-an" in argv and "aac" not in argv


def test_trim_seeks_before_input_and_limits_length():
    argv = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(4.0, 34.5), MediaSettings(), OUT)
    i = argv.index("-i")
    assert argv[i - 4 : i] == ["-ss", "4.000", "-t", "30.500"]
    whole = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(), OUT)
    assert "-ss" not in whole and "-t" not in whole


def test_trim_end_past_the_media_is_clamped():
    assert Segment(50, 500).duration(HD) == 10.0
    assert Segment(10).duration(HD) == 50.0


def test_audio_pill_gets_m4a_and_waveform():
    argv = commands.audio_argv("ffmpeg", "memo.mp3", MEMO, Segment(), MediaSettings(), OUT)
    assert "loudnorm=I=-16:LRA=11:TP=-1.5" in chain(argv, "audio.m4a")
    assert chain(argv, "waveform.png")[-1] == "showwavespic=colors=0x1565c0:s=1280x200:split_channels=0"
    assert chain(argv, "waveform.png")[:-1] == chain(argv, "audio.m4a")  # one decode, split in two
    assert "+faststart" in argv and "-vn" in argv
    assert commands.job_argvs("ffmpeg", "memo.mp3", MEMO, Segment(), MediaSettings(), OUT) == [argv]


def test_poster_comes_from_a_window_past_the_start():
    offset, length = commands.poster_window(60)
    assert offset >= 2 and length > 0
    assert commands.poster_window(4) == (2.0, 2.0)
    assert commands.poster_window(7200)[0] == 60
    argv = commands.poster_argv("ffmpeg", "in.mp4", HD, Segment(10, 70), MediaSettings(), OUT)
    i = argv.index("-i")
    assert argv[i - 4 : i] == ["-ss", "15.000", "-t", "10.000"]  # 10 s into a 50 s segment at 10
    assert chain(argv, commands.POSTER) == ["0:v:0", "fps=2", "thumbnail=20", "scale=1920:1080", "setsar=1"]


def test_sprite_layout_is_bounded_for_long_media():
    short = commands.sprite_layout(HD, 60, MediaSettings())
    assert (short.interval, short.count, short.columns, short.rows) == (10, 6, 6, 1)
    assert (short.width, short.height) == (160, 90)
    webinar = commands.sprite_layout(HD, 7200, MediaSettings())
    assert webinar.count == 100 and webinar.interval == 72 and webinar.rows == 10
    portrait = commands.sprite_layout(UHD_PORTRAIT, 30, MediaSettings())
    assert portrait.height == 90 and portrait.width < portrait.height


def test_sprite_filter_matches_layout():
    argv = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(), OUT)
    assert chain(argv, commands.SPRITE)[2:] == ["fps=1/10:eof_action=pass", "scale=160:90", "setsar=1", "tile=6x1"]


def test_thumbnails_vtt_points_into_the_sprite():
    layout = commands.sprite_layout(HD, 25, MediaSettings(sprite_columns=2))
    vtt = commands.thumbnails_vtt(layout, 25)
    assert vtt.startswith("WEBVTT")
    assert "00:00:00.000 --> 00:00:10.000\nsprite.jpg#xywh=0,0,160,90" in vtt
    assert "00:00:10.000 --> 00:00:20.000\nsprite.jpg#xywh=160,0,160,90" in vtt
    assert "00:00:20.000 --> 00:00:25.000\nsprite.jpg#xywh=0,90,160,90" in vtt


def test_every_setting_is_in_the_key_data():
    assert set(MediaSettings().key_data()) == set(MediaSettings.__dataclass_fields__)
