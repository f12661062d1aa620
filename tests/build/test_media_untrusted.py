"""Recordings are untrusted input (issue 11): through the real `mkdocs build` (plain and
--strict) and `pillole check`, a "recording" that is a playlist, text, an image, a cut-off
upload or a forged header gets an error naming the file, the field, what is wrong and how
to fix it; nothing outside content/ is read; a replaced recording is never mistaken for
the old one; chapters past the end point at their line."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from support import Canary, Site, make_clip, run

pytestmark = pytest.mark.ffmpeg

P = "content/pillole/calendario/index.md"
HINT = ("export the recording as a video (MP4, MOV, WebM) or audio file (M4A, MP3, WAV) "
        "and name that file in 'media:'")


def _cache(site: Site) -> Path:
    return site.root / ".cache"


def _no_traceback(*results: subprocess.CompletedProcess[str]) -> None:
    for result in results:
        assert "Traceback" not in result.stdout + result.stderr


def _media_failure(site: Site, expected: str) -> None:
    """`mkdocs build` and `--strict` both stop on `expected`, the media failure line."""
    for args in ((), ("--strict",)):
        built = site.build(*args)
        assert built.returncode == 1, built.stderr
        assert f"ERROR   -  [calendario] {expected}" in built.stderr, built.stderr
        assert "media: 1 file(s) failed:" in built.stdout
        _no_traceback(built)
    assert not (site.out / "pillole/calendario/media").exists()


# -- playlists and other text named as the recording: refused before ffmpeg ---------------

PLAYLISTS = {
    "ffconcat": ("ffconcat version 1.0\nfile parte.ts\nduration 2\nfile appunti.txt\n",
                 "an ffmpeg playlist (ffconcat) that names other files, so it is never opened"),
    "hls": ("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2,\n{fifo}\n#EXTINF:2,\nparte.ts\n#EXT-X-ENDLIST\n",
            "an HLS playlist (.m3u8) that names other files, so it is never opened"),
    "text": ("Appunti della riunione: {token}\n", "a text file"),
    "captions": ("WEBVTT\n\n00:00.000 --> 00:02.000\nCiao\n", "a captions file (WebVTT); name it in 'captions:'"),
}


@pytest.mark.parametrize("kind", PLAYLISTS)
def test_a_playlist_or_text_as_recording_reads_nothing_outside_content(site: Site, tmp_path: Path, kind: str) -> None:
    """The "recording" names files outside content/ (through links in the pill folder and by
    absolute path): the named pipe outside is never opened, its token is nowhere in the
    site or the cache, and build and check both say what the file is and what to do."""
    text, what = PLAYLISTS[kind]
    folder = site.content / "pillole/calendario"
    with Canary(tmp_path / "outside") as canary:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "parte.ts").symlink_to(canary.fifo)
        (folder / "appunti.txt").symlink_to(canary.text)
        site.write("pillole/calendario/registrazione.mp4", text.format(fifo=canary.fifo, token=canary.token))
        site.pill("calendario", media="registrazione.mp4")
        site.assert_rejected(f"{P}:8: media: 'registrazione.mp4' is not an audio or video file: it is {what}; {HINT}")
        strict = site.build("--strict")
        _no_traceback(strict)
        assert strict.returncode == 1
    assert canary.opened == 0
    assert canary.found_in(site.out, _cache(site)) == []


def test_an_image_named_as_a_video_is_refused_by_what_ffprobe_finds(site: Site) -> None:
    """A PNG called .mp4: binary, so only the probe can tell; its demuxer is not allowed."""
    png = site.content / "pillole/calendario/registrazione.mp4"
    png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=s=64x64", "-frames:v", "1",
                    "-f", "image2", "-c:v", "png", str(png)], check=True)
    site.pill("calendario", media="registrazione.mp4")
    _media_failure(site, f"{png}: media: not an audio or video file: it is an image; {HINT}")
    checked = site.check()  # no ffmpeg in check: the warning about captions only
    assert checked.returncode == 0, checked.stdout


# -- integrity: cut-off uploads, forged lengths, replaced files ------------------------------

def test_a_truncated_upload_is_an_error(site: Site) -> None:
    clip = site.content / "pillole/calendario/registrazione.mp4"
    make_clip(clip, seconds=4, faststart=True)
    data = clip.read_bytes()
    clip.write_bytes(data[: len(data) * 4 // 10])  # the upload stopped at 40 %
    site.pill("calendario", media="registrazione.mp4")
    for args in ((), ("--strict",)):
        built = site.build(*args)
        assert built.returncode == 1
        match = re.search(r"ERROR   -  \[calendario\] (.+): media: the file looks truncated: it says it lasts 4\.0 s "
                          r"but only (\d\.\d) s can be played; upload it again \(the copy or upload was probably "
                          r"interrupted\)", built.stderr)
        assert match, built.stderr
        assert match[1] == str(clip) and float(match[2]) < 2.5
        _no_traceback(built)
    assert not (site.out / "pillole/calendario/media").exists()


def _matroska_claiming(path: Path, seconds: float) -> None:
    """A real 2 s MKV whose header claims `seconds` (the Segment Duration, a float)."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=s=160x90:r=10:d=2",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)], check=True)
    data = bytearray(path.read_bytes())
    at = data.find(b"\x44\x89\x88")  # Duration element, 8-byte float, in milliseconds
    assert at > 0
    data[at + 3 : at + 11] = struct.pack(">d", seconds * 1000)
    path.write_bytes(bytes(data))


def test_a_recording_declaring_an_absurd_length_is_a_clear_error(site: Site) -> None:
    forged = site.content / "pillole/calendario/registrazione.mkv"
    forged.parent.mkdir(parents=True, exist_ok=True)
    _matroska_claiming(forged, 1e12)
    site.pill("calendario", media="registrazione.mkv")
    _media_failure(site, f"{forged}: media: the file declares a length of 1000000000000 s, more than the 24 hours a "
                         "recording can last: its header is damaged; export or copy the recording again")
    assert "Overflow" not in site.build().stderr


def _tone(path: Path, frequency: int) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=f={frequency}:d=2",
                    "-c:a", "pcm_s16le", str(path)], check=True)


def test_a_recording_replaced_by_one_of_the_same_size_and_time_is_published_anew(site: Site, tmp_path: Path) -> None:
    """`cp -p`, `rsync -t`, an unzip: new bytes, same size, same mtime. The old transcode
    must not be reused: the site gets exactly what a build with an empty cache makes."""
    memo = site.content / "pillole/calendario/memo.wav"
    memo.parent.mkdir(parents=True, exist_ok=True)
    _tone(memo, 440)
    site.pill("calendario", media="memo.wav")
    assert site.build().returncode == 0
    published = site.out / "pillole/calendario/media/audio.m4a"
    first = published.read_bytes()

    replacement = tmp_path / "other.wav"
    _tone(replacement, 880)
    before = memo.stat()
    assert replacement.stat().st_size == before.st_size
    memo.write_bytes(replacement.read_bytes())
    os.utime(memo, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (memo.stat().st_size, memo.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    again = site.build()
    assert again.returncode == 0, again.stderr
    assert "1 transcoded" in again.stderr
    second = published.read_bytes()
    assert second != first

    shutil.rmtree(_cache(site))
    assert site.build().returncode == 0
    assert published.read_bytes() == second  # what the new recording gives, from scratch


# -- chapters past the end: the file and the line to fix ------------------------------------

def test_a_front_matter_chapter_after_the_end_names_the_file_and_line(site: Site) -> None:
    make_clip(site.content / "pillole/calendario/c.mp4", seconds=3)
    index = site.pill("calendario", media="c.mp4",
                      chapters=[{"at": "00:00", "title": "Inizio"}, {"at": "00:10", "title": "Oltre la fine"}])
    line = next(n for n, text in enumerate(index.read_text().splitlines(), 1) if "00:10" in text)
    _media_failure(site, f"{index}:{line}: chapters: chapter 'Oltre la fine' starts at 00:00:10.000, after the end "
                         "of the media (00:00:03.000); remove the chapter or correct its time")


def test_a_chapters_file_cue_after_the_end_names_the_file_and_line(site: Site) -> None:
    make_clip(site.content / "pillole/calendario/c.mp4", seconds=3)
    chapters = site.write("pillole/calendario/c.chapters.vtt",
                          "WEBVTT\n\n00:00.000 --> 00:02.000\nInizio\n\n00:10.000 --> 00:12.000\nOltre la fine\n")
    site.pill("calendario", media="c.mp4", chapters="c.chapters.vtt")
    _media_failure(site, f"{chapters}:6: chapters: chapter 'Oltre la fine' starts at 00:00:10.000, after the end "
                         "of the media (00:00:03.000); remove the chapter or correct its time")


# -- captions are text read by Pillole, never by ffmpeg, and bounded -------------------------

def test_an_absurdly_large_captions_file_is_refused_with_the_limit(site: Site) -> None:
    site.write("pillole/calendario/c.mp4", b"\0")  # never reached: validation stops first
    cue = "00:00:00.000 --> 00:00:01.000\n" + "parola " * 60 + "\n\n"
    captions = site.write("pillole/calendario/c.vtt", "WEBVTT\n\n" + cue * (3 * 1024 * 1024 // len(cue)))
    size = captions.stat().st_size / 1024 / 1024
    site.pill("calendario", media="c.mp4", captions="c.vtt")
    site.assert_rejected(f"content/pillole/calendario/c.vtt: captions: the file is {size:.1f} MB, more than the 2 MB "
                         "a captions or chapters file may have; is it really a captions file? Export the captions "
                         "again as WebVTT or SRT")
    _no_traceback(site.build("--strict"))


def test_pillole_media_refuses_the_same_files(site: Site) -> None:
    """The CI command that fills the cache applies the same allowlist as the build."""
    forged = site.content / "pillole/calendario/registrazione.mkv"
    forged.parent.mkdir(parents=True, exist_ok=True)
    _matroska_claiming(forged, 1e7)  # 116 days
    site.pill("calendario", media="registrazione.mkv")
    result = run([sys.executable, "-m", "pillole.cli", "media"], site.root)
    assert result.returncode == 1
    assert f"[calendario] {forged}: media: the file declares a length of 10000000 s" in result.stdout
    _no_traceback(result)
