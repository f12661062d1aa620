"""Recordings made in a browser (the studio's MediaRecorder WebM) carry no duration in their
header; the pipeline measures it instead of refusing the file. ffmpeg writing WebM to a pipe
makes the same kind of file, so these tests need no browser (the studio's browser test
transcodes a real browser recording)."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from media_support import ffprobe_json
from pillole.media.errors import MediaError
from pillole.media.probe import probe

pytestmark = pytest.mark.ffmpeg


def piped_webm(out: Path, *, video: bool) -> Path:
    """A WebM written as a stream, like MediaRecorder's: VP9/Opus or Opus alone, 3 s."""
    inputs = ["-f", "lavfi", "-i", "testsrc=s=320x180:r=10:d=3"] if video else []
    inputs += ["-f", "lavfi", "-i", "sine=f=440:d=3"]
    codecs = ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"] if video else []
    with out.open("wb") as handle:
        subprocess.run(["ffmpeg", "-v", "error", *inputs, *codecs, "-c:a", "libopus", "-shortest", "-f", "webm",
                        "pipe:1"], stdout=handle, check=True)
    assert "duration" not in ffprobe_json(out)["format"]  # the header really has none
    return out


@pytest.mark.parametrize("video", [True, False], ids=["screen", "voice"])
def test_a_browser_recording_gets_its_duration_measured(tmp_path: Path, ff, video: bool) -> None:
    info = probe(piped_webm(tmp_path / "rec.webm", video=video), ff)
    assert info.kind == ("video" if video else "audio")
    assert 2.8 <= info.duration <= 3.2
    if video:
        assert (info.width, info.height, info.video_codec, info.audio_codec) == (320, 180, "vp9", "opus")


def test_without_ffprobe_too(tmp_path: Path, ff) -> None:
    """The imageio-ffmpeg fallback probes with `ffmpeg -i`, whose banner says 'Duration: N/A'."""
    info = probe(piped_webm(tmp_path / "rec.webm", video=True), dataclasses.replace(ff, ffprobe=None))
    assert info.kind == "video" and 2.8 <= info.duration <= 3.2


def test_a_still_image_is_still_refused(tmp_path: Path, ff) -> None:
    image = tmp_path / "still.png"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=32x32", "-frames:v", "1",
                    str(image)], check=True)
    with pytest.raises(MediaError, match="not an audio or video file: it is an image"):  # refused by the allowlist
        probe(image, ff)
