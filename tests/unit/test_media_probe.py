"""Probe parsing and the bad-file checks that need no ffmpeg."""

import pytest

from pillole.media import ffmpeg_bin, runner
from pillole.media.errors import MediaError
from pillole.media.probe import info_from_ffmpeg_banner, info_from_ffprobe, precheck

FFPROBE_PORTRAIT = {
    "streams": [
        {
            "codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080,
            "side_data_list": [{"side_data_type": "Display Matrix", "rotation": -90}],
        },
        {"codec_type": "audio", "codec_name": "aac"},
    ],
    "format": {"duration": "12.480000"},
}


def test_ffprobe_json_portrait_phone_clip():
    info = info_from_ffprobe("p.mp4", FFPROBE_PORTRAIT)
    assert (info.kind, info.width, info.height, info.rotation) == ("video", 1080, 1920, 90)
    assert info.duration == pytest.approx(12.48) and info.has_audio


def test_old_rotate_tag_and_cover_art():
    data = {"streams": [{"codec_type": "video", "codec_name": "h264", "width": 640, "height": 360,
                         "tags": {"rotate": "270"}}], "format": {"duration": "3"}}
    info = info_from_ffprobe("x.mov", data)
    assert (info.width, info.height, info.rotation, info.has_audio) == (360, 640, 270, False)
    mp3 = {"streams": [{"codec_type": "audio", "codec_name": "mp3"},
                       {"codec_type": "video", "codec_name": "mjpeg", "width": 500, "height": 500,
                        "disposition": {"attached_pic": 1}}], "format": {"duration": "61.2"}}
    assert info_from_ffprobe("a.mp3", mp3).kind == "audio"


@pytest.mark.parametrize(
    "data, words",
    [
        ({"streams": [{"codec_type": "data"}], "format": {"duration": "3"}}, "no audio or video stream"),
        ({"streams": [{"codec_type": "video", "codec_tag_string": "xyz1", "width": 1, "height": 1}]}, "unsupported"),
        ({"streams": [{"codec_type": "video", "codec_name": "png", "width": 9, "height": 9}], "format": {}},
         "no duration"),
    ],
)
def test_unusable_streams(data, words):
    with pytest.raises(MediaError, match=words):
        info_from_ffprobe("bad.mp4", data)


BANNER = """Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'phone.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:01:02.50, start: 0.000000, bitrate: 1234 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080 [SAR 1:1 DAR 16:9], 1000 kb/s, 30 fps (default)
    Side data:
      displaymatrix: rotation of -90.00 degrees
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)
At least one output file must be specified
"""


def test_probe_without_ffprobe_parses_ffmpeg_banner():
    info = info_from_ffmpeg_banner("phone.mp4", BANNER)
    assert (info.kind, info.width, info.height, info.rotation) == ("video", 1080, 1920, 90)
    assert info.duration == pytest.approx(62.5)
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")
    audio = "Input #0, mp3, from 'a.mp3':\n  Duration: 00:00:05.04, start: 0.0\n  Stream #0:0: Audio: mp3, 44100 Hz\n"
    assert info_from_ffmpeg_banner("a.mp3", audio).kind == "audio"


def test_banner_of_a_damaged_file():
    with pytest.raises(MediaError, match="damaged") as err:
        info_from_ffmpeg_banner("x.mp4", "[mov,mp4 @ 0x1] moov atom not found\nx.mp4: Invalid data found\n")
    assert err.value.ffmpeg_lines[-1] == "x.mp4: Invalid data found"


def test_precheck_empty_lfs_and_missing(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(MediaError, match="empty"):
        precheck(empty)
    lfs = tmp_path / "lfs.mp4"
    lfs.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 10\n")
    with pytest.raises(MediaError) as err:
        precheck(lfs)
    assert "Git LFS pointer" in err.value.message and "git lfs pull" in (err.value.hint or "")
    with pytest.raises(MediaError, match="not found"):
        precheck(tmp_path / "nope.mp4")


def test_useful_lines_drop_progress_and_banner():
    stderr = "  configuration: --enable-x\nframe=  10 fps=0\rframe=  20 fps=0\nError opening x\nInvalid data\n"
    assert runner.useful_lines(stderr) == ["Error opening x", "Invalid data"]


def test_version_parsing():
    assert ffmpeg_bin.parse_version("ffmpeg version 5.1.9-0+deb12u1 Copyright (c)") == "5.1.9-0+deb12u1"
    assert ffmpeg_bin.parse_version("") == "unknown"


def test_media_error_text_and_pickling():
    import pickle

    err = MediaError("a.mp4", "broken", "fix it", ["line 1"])
    assert str(err) == "a.mp4: broken; fix it\n    ffmpeg: line 1"
    again = pickle.loads(pickle.dumps(err))
    assert (again.path, again.hint, again.ffmpeg_lines) == ("a.mp4", "fix it", ("line 1",))
