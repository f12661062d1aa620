"""What ffmpeg may read, decided without running it: the allowlist, text sniffing, special
files, the length checks, bounded track files, error formatting, the hash memo."""

from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path

import pytest

from pillole.media import formats, integrity
from pillole.media.cache import MediaCache
from pillole.media.captions import MAX_TRACK_BYTES, CaptionError, chapter_cues, read_track
from pillole.media.errors import MediaError
from pillole.media.ffmpeg_bin import FFmpeg
from pillole.media.probe import info_from_ffmpeg_banner, info_from_ffprobe, precheck, probe_argv, text_problem
from pillole.model import Chapter


@pytest.mark.parametrize("probed, demuxer", [
    ("mov,mp4,m4a,3gp,3g2,mj2", "mov"), ("matroska,webm", "matroska"), ("mp3", "mp3"), ("wav", "wav"),
    ("mpegts", "mpegts"), ("ogg", "ogg"), ("concat", None), ("hls", None), ("image2", None), ("png_pipe", None),
    ("tty", None), ("srt", None), ("webvtt", None), ("lavfi", None), ("dash", None), ("", None), (None, None),
])
def test_only_recording_containers_are_allowed(probed, demuxer):
    assert formats.demuxer(probed) == demuxer
    if demuxer:
        assert demuxer in formats.FORMAT_WHITELIST.split(",")


@pytest.mark.parametrize("name, words", [
    ("concat", "an ffmpeg playlist (ffconcat) that names other files, so it is never opened"),
    ("hls", "an HLS playlist (.m3u8) that names other files, so it is never opened"),
    ("png_pipe", "an image"), ("image2", "an image"), ("tty", "a text file"),
    ("srt", "in the 'srt' format, which Pillole does not publish"),
])
def test_a_refused_format_is_named_in_words(name, words):
    with pytest.raises(MediaError) as err:
        formats.check("x.mp4", name, "h264", None)
    assert str(err.value) == f"x.mp4: media: not an audio or video file: it is {words}; {formats.HINT}"


def test_codecs_of_real_recordings_only():
    assert formats.check("a.mp4", "mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac") == "mov"
    assert formats.check("a.wav", "wav", None, "pcm_s24le") == "wav"
    assert formats.check("s.mkv", "matroska,webm", "vp9", None) == "matroska"  # a silent screen recording
    for video, audio in (("ansi", None), ("png", "aac"), ("h264", "subrip"), (None, "bintext")):
        with pytest.raises(MediaError, match="which is not a codec of recordings Pillole publishes"):
            formats.check("x.mkv", "matroska,webm", video, audio)


def test_the_refused_demuxer_is_read_from_ffmpegs_error():
    lines = ["[hls @ 0x5560b2162ac0] Format not on whitelist 'mov,matroska'", "x.mp4: Invalid argument"]
    assert formats.refused_format(lines) == "hls"
    assert formats.refused_format(["[in#0 @ 0x561986692140] Format not on whitelist 'mov'"]) == ""  # ffmpeg 7+
    assert formats.describe("") == "in a format Pillole does not publish"
    assert formats.refused_format(["x.mp4: Invalid data found when processing input"]) is None


@pytest.mark.parametrize("head, kind", [
    (b"ffconcat version 1.0\nfile a.mp4\n", "an ffmpeg playlist (ffconcat)"),
    (b"\xef\xbb\xbf\n#EXTM3U\n#EXTINF:2,\n/etc/passwd\n", "an HLS playlist (.m3u8)"),
    (b'<?xml version="1.0"?><MPD>', "an XML file"),
    (b"WEBVTT\n\n00:01.000 --> 00:02.000\nCiao\n", "a captions file (WebVTT)"),
    (b"1\r\n00:00:01,000 --> 00:00:02,000\r\nCiao\r\n", "a captions file (SubRip)"),
    ("Appunti: caffè alle 10".encode(), "a text file"),
    ("é".encode()[:1] + b"", None),  # a cut UTF-8 sequence alone is not text
])
def test_text_is_told_from_media_by_its_first_bytes(head, kind):
    found = formats.text_kind(head)
    assert (found is None) if kind is None else found.startswith(kind)


def test_real_container_heads_are_not_text():
    heads = [b"\x00\x00\x00\x20ftypisom", b"\x1aE\xdf\xa3\xa3B\x86\x81\x01", b"ID3\x04\x00\x00", b"\xff\xfb\x90d",
             b"RIFF$\x00\x00\x00WAVEfmt ", b"OggS\x00\x02", b"fLaC\x00\x00\x00\x22", b"G@\x11\x10\x00B"]
    assert [formats.text_kind(head) for head in heads] == [None] * len(heads)


def test_a_text_recording_is_refused_before_any_process(tmp_path):
    playlist = tmp_path / "rec.mp4"
    playlist.write_text("#EXTM3U\n#EXTINF:2,\n/etc/passwd\n")
    with pytest.raises(MediaError) as err:
        precheck(playlist)
    assert (err.value.field, err.value.hint) == ("media", formats.HINT)
    assert err.value.message.startswith("not an audio or video file: it is an HLS playlist")
    assert text_problem(playlist).message == err.value.message
    lfs = tmp_path / "lfs.mp4"
    lfs.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 10\n")
    assert text_problem(lfs) is None  # a pointer has its own message (validation, precheck)


def test_a_pipe_or_device_named_as_media_is_never_read(tmp_path):
    fifo = tmp_path / "rec.mp4"
    os.mkfifo(fifo)  # opening it for reading would block the build forever
    for special in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(MediaError, match="not a regular file"):
            precheck(special)
    assert text_problem(fifo) is None


def test_probe_argv_allows_only_local_files_and_recording_demuxers():
    for ff in (FFmpeg("/usr/bin/ffmpeg", "/usr/bin/ffprobe", "5.1", "system"), FFmpeg("/x/ffmpeg", None, "7", "imageio-ffmpeg")):
        argv = probe_argv(ff, "rec.mp4")
        assert argv[-1] == "rec.mp4" or argv[argv.index("-i") + 1] == "rec.mp4"
        assert argv[argv.index("-protocol_whitelist") + 1] == "file"
        assert argv[argv.index("-format_whitelist") + 1] == formats.FORMAT_WHITELIST


@pytest.mark.parametrize("seconds", ["1000000000000.000000", "inf", "nan", "86401"])
def test_an_absurd_declared_length_is_refused(seconds):
    data = {"streams": [{"codec_type": "audio", "codec_name": "aac"}], "format": {"duration": seconds}}
    with pytest.raises(MediaError, match="its header is damaged") as err:
        info_from_ffprobe("a.m4a", data)
    assert err.value.field == "media"
    banner = "Input #0, matroska,webm, from 'a.mkv':\n  Duration: 277777777:46:40.00\n  Stream #0:0: Audio: opus\n"
    with pytest.raises(MediaError, match="declares a length of 1000000000000 s"):
        info_from_ffmpeg_banner("a.mkv", banner)


def test_the_probed_container_is_kept_for_the_transcode():
    data = {"streams": [{"codec_type": "audio", "codec_name": "mp3"}], "format": {"duration": "5", "format_name": "mp3"}}
    assert info_from_ffprobe("a.mp3", data).format == "mp3"
    banner = "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'p.mp4':\n  Duration: 00:00:05.00\n  Stream #0:0: Audio: aac\n"
    assert info_from_ffmpeg_banner("p.mp4", banner).format == "mov,mp4,m4a,3gp,3g2,mj2"


def _mp4(path: Path, timescale: int, duration: int, version: int = 0) -> Path:
    times = struct.pack(">QQIQ", 0, 0, timescale, duration) if version else struct.pack(">IIII", 0, 0, timescale, duration)
    mvhd = bytes([version, 0, 0, 0]) + times + b"\0" * 80
    moov = struct.pack(">I4s", 8 + 8 + len(mvhd), b"moov") + struct.pack(">I4s", 8 + len(mvhd), b"mvhd") + mvhd
    ftyp = struct.pack(">I4s", 16, b"ftyp") + b"isom\0\0\0\1"
    path.write_bytes(ftyp + struct.pack(">I4s", 12, b"free") + b"\0" * 4 + moov + struct.pack(">I4s", 8, b"mdat"))
    return path


def test_the_length_of_an_output_comes_from_its_movie_header(tmp_path):
    assert integrity.mp4_duration(_mp4(tmp_path / "a.mp4", 1000, 4200)) == 4.2
    assert integrity.mp4_duration(_mp4(tmp_path / "b.mp4", 90000, 90000 * 7200, version=1)) == 7200
    (tmp_path / "c.mp4").write_bytes(b"\0\0\0\x10ftypisom\0\0\0\1")
    assert integrity.mp4_duration(tmp_path / "c.mp4") is None


def test_well_short_is_truncated_a_frame_short_is_not(tmp_path):
    integrity.check_complete("r.mp4", 4.0, _mp4(tmp_path / "a.mp4", 1000, 3100))  # under 1 s short
    integrity.check_complete("r.mp4", 3600.0, _mp4(tmp_path / "b.mp4", 1, 3500))  # under 5 % short
    with pytest.raises(MediaError) as err:
        integrity.check_complete("r.mp4", 2.0, _mp4(tmp_path / "c.mp4", 10, 8), ["partial file"])
    assert str(err.value) == ("r.mp4: media: the file looks truncated: it says it lasts 2.0 s but only 0.8 s can be "
                              "played; upload it again (the copy or upload was probably interrupted)\n"
                              "    ffmpeg: partial file")


def test_track_files_are_bounded_regular_files(tmp_path):
    big = tmp_path / "big.vtt"
    big.write_bytes(b"WEBVTT\n\n" + b"x" * MAX_TRACK_BYTES)
    with pytest.raises(CaptionError, match=r"the file is 2\.0 MB, more than the 2 MB a captions or chapters file"):
        read_track(big)
    fifo = tmp_path / "pipe.vtt"
    os.mkfifo(fifo)
    with pytest.raises(CaptionError, match="not a regular file"):
        read_track(fifo)
    with pytest.raises(CaptionError, match="not a regular file"):
        read_track(Path("/dev/zero"))
    ok = tmp_path / "ok.vtt"
    ok.write_bytes("\ufeffWEBVTT\n".encode())
    assert read_track(ok) == "WEBVTT\n"


def test_a_chapter_past_the_end_carries_its_line():
    chapters = [Chapter(0, "Inizio"), Chapter(9, "Oltre")]
    with pytest.raises(CaptionError) as err:
        chapter_cues(chapters, 3.0, [12, 14])
    assert (err.value.line, err.value.hint) == (14, "remove the chapter or correct its time")
    with pytest.raises(CaptionError) as err:
        chapter_cues(chapters, 3.0)
    assert err.value.line is None


def test_media_errors_read_like_content_errors():
    err = MediaError("p/index.md", "chapter 'X' starts after the end", "fix it", line=12, field="chapters")
    assert str(err) == "p/index.md:12: chapters: chapter 'X' starts after the end; fix it"
    assert str(MediaError("a.mp4", "broken")) == "a.mp4: broken"


def test_a_same_size_same_mtime_replacement_is_hashed_again(tmp_path):
    cache = MediaCache(tmp_path / "cache")
    rec = tmp_path / "rec.wav"
    rec.write_bytes(b"A" * 1000)
    first = cache.file_hash(rec)
    before = rec.stat()
    replacement = tmp_path / "new.wav"
    replacement.write_bytes(b"B" * 1000)
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, rec)  # a new inode, as a copy or an unzip makes
    assert (rec.stat().st_size, rec.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert cache.file_hash(rec) == hashlib.sha256(b"B" * 1000).hexdigest() != first
