"""ffmpeg reads only media, on the real ffmpeg: each layer of the allowlist on its own.

Text never reaches ffprobe (`precheck`, tested through the build in
tests/build/test_media_untrusted.py); these tests hand hostile files straight to the
ffprobe and ffmpeg commands Pillole builds, to prove that each of those layers alone
keeps a playlist from opening the files it names (a named pipe outside the content that
counts every reader: see support.Canary)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from media_support import ffmpeg
from support import Canary
from pillole.media import commands, jobs, runner
from pillole.media.commands import MediaSettings, Segment
from pillole.media.errors import MediaError
from pillole.media.ffmpeg_bin import find_ffmpeg
from pillole.media.probe import MediaInfo, probe, probe_argv

pytestmark = pytest.mark.ffmpeg


@pytest.fixture
def canary(tmp_path):
    with Canary(tmp_path / "outside") as watched:
        yield watched


def _playlists(folder: Path, canary: Canary) -> dict[str, Path]:
    folder.mkdir()
    (folder / "parte.ts").symlink_to(canary.fifo)
    texts = {
        "hls": f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2,\n{canary.fifo}\n#EXT-X-ENDLIST\n",
        "ffconcat": "ffconcat version 1.0\nfile parte.ts\nduration 2\n",
    }
    for name, text in texts.items():
        (folder / f"{name}.mp4").write_text(text)
    return {name: folder / f"{name}.mp4" for name in texts}


@pytest.mark.parametrize("fallback", [False, True], ids=["ffprobe", "ffmpeg -i"])
def test_probing_a_playlist_opens_none_of_the_files_it_names(tmp_path, canary, fallback):
    ff = find_ffmpeg(search_path="") if fallback else find_ffmpeg()
    for name, playlist in _playlists(tmp_path / "pill", canary).items():
        out = runner.run(probe_argv(ff, playlist), str(playlist), 30, check=False)
        assert "Input #0" not in out.stderr  # not opened as media
        if not fallback:  # (imageio-ffmpeg's newer ffmpeg also refuses .mp4 named HLS by itself)
            assert f"[{'concat' if name == 'ffconcat' else name} @ " in out.stderr
            assert "Format not on whitelist" in out.stderr
    assert canary.opened == 0
    # The control: the same probe without the allowlist does read the named pipe.
    subprocess.run(["ffprobe", "-v", "error", "-show_format", str(tmp_path / "pill/hls.mp4")], capture_output=True,
                   timeout=30)
    assert canary.opened > 0


def test_the_transcode_reads_the_input_only_as_its_probed_format(tmp_path, canary):
    """Even if a playlist got past the probe, ffmpeg reads it with the probed demuxer only."""
    playlist = _playlists(tmp_path / "pill", canary)["hls"]
    forged = MediaInfo("video", 2.0, 320, 180, 0, "h264", None, False, "mov")
    out = tmp_path / "out"
    out.mkdir()
    argv = commands.video_argv(find_ffmpeg().ffmpeg, playlist, forged, Segment(), MediaSettings(), out)
    with pytest.raises(MediaError) as err:
        runner.run(argv, str(playlist), 30)
    assert any("moov atom not found" in line for line in err.value.ffmpeg_lines)
    assert canary.opened == 0


def test_the_transcode_opens_local_files_only(tmp_path, canary, landscape):
    """A name that is an ffmpeg URL (concat:, subfile:) is refused, not followed."""
    info = probe(landscape)
    out = tmp_path / "out"
    out.mkdir()
    for url in (f"concat:{landscape}|{canary.fifo}", f"subfile,,start,0,end,100,,:{canary.fifo}"):
        argv = commands.video_argv(find_ffmpeg().ffmpeg, url, info, Segment(), MediaSettings(), out)
        with pytest.raises(MediaError) as err:
            runner.run(argv, url, 30)
        assert any("not on whitelist 'file'" in line for line in err.value.ffmpeg_lines), err.value.ffmpeg_lines
    assert canary.opened == 0


@pytest.mark.parametrize("fallback", [False, True], ids=["ffprobe", "ffmpeg -i"])
def test_an_image_is_not_a_recording_whatever_its_name(tmp_path, fallback):
    image = tmp_path / "registrazione.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x64", "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", str(image))
    with pytest.raises(MediaError) as err:
        probe(image, find_ffmpeg(search_path="") if fallback else find_ffmpeg())
    what = "in a format Pillole does not publish" if fallback else "an image"  # see above
    assert err.value.message == f"not an audio or video file: it is {what}"
    assert err.value.field == "media"


def test_recordings_keep_their_demuxer(landscape, voice_memo, tmp_path):
    wav = tmp_path / "memo.wav"
    ffmpeg("-i", str(voice_memo), str(wav))
    mkv = tmp_path / "clip.mkv"
    ffmpeg("-i", str(landscape), "-c", "copy", str(mkv))
    assert [probe(p).format for p in (landscape, voice_memo, wav, mkv)] == ["mov", "mp3", "wav", "matroska"]
    assert probe(mkv, find_ffmpeg(search_path="")).format == "matroska"


#: file name -> (encoding options, the demuxer the probe must find): every allowed container
#: but AMR (Debian's ffmpeg has no AMR encoder), with a typical codec of each.
CONTAINERS = {
    "clip.mp4": (["-c:v", "libx264", "-c:a", "aac"], "mov"),
    "clip.mkv": (["-c:v", "mpeg4", "-c:a", "libvorbis"], "matroska"),
    "clip.avi": (["-c:v", "mpeg4", "-c:a", "libmp3lame"], "avi"),
    "clip.ts": (["-c:v", "mpeg2video", "-c:a", "mp2"], "mpegts"),
    "clip.mpg": (["-c:v", "mpeg2video", "-c:a", "mp2"], "mpeg"),
    "clip.wmv": (["-c:v", "wmv2", "-c:a", "wmav2"], "asf"),
    "clip.flv": (["-c:v", "flv", "-c:a", "aac"], "flv"),
    "memo.mp3": (["-vn", "-c:a", "libmp3lame"], "mp3"),
    "memo.aac": (["-vn", "-c:a", "aac"], "aac"),
    "memo.wav": (["-vn", "-c:a", "pcm_s16le"], "wav"),
    "memo.aiff": (["-vn", "-c:a", "pcm_s16be"], "aiff"),
    "memo.flac": (["-vn", "-c:a", "flac"], "flac"),
    "memo.opus": (["-vn", "-c:a", "libopus"], "ogg"),
}


def test_every_allowed_container_is_probed_and_transcoded_with_its_own_demuxer(tmp_path):
    """`-f <probed demuxer>` and `-protocol_whitelist file` work for all the accepted formats."""
    requests = []
    for name, (options, _) in CONTAINERS.items():
        src = tmp_path / name
        ffmpeg("-f", "lavfi", "-i", "testsrc=s=160x90:r=10:d=2", "-f", "lavfi", "-i", "sine=d=2",
               "-pix_fmt", "yuv420p", *options, "-shortest", str(src))
        requests.append(jobs.MediaRequest(name, src))
    the_plan = jobs.plan(requests, tmp_path / "cache")
    assert {j.request.id: j.info.format for j in the_plan.jobs if j.info} == {n: d for n, (_, d) in CONTAINERS.items()}
    summary = jobs.run(the_plan, jobs=2, progress=None)
    assert summary.failures == []
    for name, result in summary.results.items():
        assert result.kind == ("audio" if name.startswith("memo") else "video")
        assert result.duration == pytest.approx(2, abs=0.15)
