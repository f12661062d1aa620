"""The argv builders: every encoding decision, checked without running ffmpeg."""

from pathlib import Path

from pillole.media import commands
from pillole.media.commands import MediaSettings, Segment
from pillole.media.probe import MediaInfo

OUT = Path("/out")
HD = MediaInfo("video", 60.0, 1920, 1080, 0, "h264", "aac", True)
UHD_PORTRAIT = MediaInfo("video", 30.0, 2160, 3840, 90, "hevc", "aac", True)
SMALL = MediaInfo("video", 10.0, 640, 360, 0, "h264", None, False)
MEMO = MediaInfo("audio", 120.0, audio_codec="mp3", has_audio=True)


def graph_of(argv: list[str]) -> str:
    return argv[argv.index("-filter_complex") + 1]


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
    assert "scale=608:1080,setsar=1,format=yuv420p" in graph_of(argv)
    assert "scale=270:480" in graph_of(argv)
    assert str(OUT / "video-1080.mp4") in argv and str(OUT / "video-480.mp4") in argv
    assert argv[-1] == str(OUT / commands.SPRITE)


def test_loudness_normalisation_is_configurable_and_can_be_off():
    argv = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(loudness=-23), OUT)
    assert "loudnorm=I=-23:TP=-1.5:LRA=11" in graph_of(argv)
    assert "asplit=2[a0][a1]" in graph_of(argv)
    off = commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(loudness=None), OUT)
    assert "loudnorm" not in graph_of(off)


def test_video_without_audio_has_no_audio_output():
    argv = commands.video_argv("ffmpeg", "in.mp4", SMALL, Segment(), MediaSettings(), OUT)
    assert "[0:a" not in graph_of(argv)
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
    graph = graph_of(argv)
    assert "loudnorm=I=-16" in graph and "showwavespic=s=1280x200" in graph
    assert str(OUT / "audio.m4a") in argv and argv[-1] == str(OUT / "waveform.png")
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
    assert "thumbnail=20" in argv[argv.index("-vf") + 1]
    assert argv[-1] == str(OUT / commands.POSTER)


def test_sprite_layout_is_bounded_for_long_media():
    short = commands.sprite_layout(HD, 60, MediaSettings())
    assert (short.interval, short.count, short.columns, short.rows) == (10, 6, 6, 1)
    assert (short.width, short.height) == (160, 90)
    webinar = commands.sprite_layout(HD, 7200, MediaSettings())
    assert webinar.count == 100 and webinar.interval == 72 and webinar.rows == 10
    portrait = commands.sprite_layout(UHD_PORTRAIT, 30, MediaSettings())
    assert portrait.height == 90 and portrait.width < portrait.height


def test_sprite_filter_matches_layout():
    graph = graph_of(commands.video_argv("ffmpeg", "in.mp4", HD, Segment(), MediaSettings(), OUT))
    assert "fps=1/10:eof_action=pass,scale=160:90,setsar=1,tile=6x1[sprite]" in graph


def test_thumbnails_vtt_points_into_the_sprite():
    layout = commands.sprite_layout(HD, 25, MediaSettings(sprite_columns=2))
    vtt = commands.thumbnails_vtt(layout, 25)
    assert vtt.startswith("WEBVTT")
    assert "00:00:00.000 --> 00:00:10.000\nsprite.jpg#xywh=0,0,160,90" in vtt
    assert "00:00:10.000 --> 00:00:20.000\nsprite.jpg#xywh=160,0,160,90" in vtt
    assert "00:00:20.000 --> 00:00:25.000\nsprite.jpg#xywh=0,90,160,90" in vtt


def test_every_setting_is_in_the_key_data():
    assert set(MediaSettings().key_data()) == set(MediaSettings.__dataclass_fields__)
