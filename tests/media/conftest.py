"""Tiny generated media for the real-ffmpeg tests (lavfi sources: no files in git).

Sizes and lengths are kept minimal (2 cores): a few seconds, at most 960x540, 10 fps.
Session-scoped, so each clip is generated once for the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest

from media_support import ffmpeg, make_video
from pillole.media.ffmpeg_bin import find_ffmpeg

@pytest.fixture(scope="session")
def ff():
    return find_ffmpeg()


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media-src")


@pytest.fixture(scope="session")
def landscape(media_dir) -> Path:
    return make_video(media_dir / "landscape.mp4")


@pytest.fixture(scope="session")
def tall(media_dir) -> Path:
    """Taller than 480 lines: gets a 480p rendition beside the main one."""
    return make_video(media_dir / "tall.mp4", size="960x540", seconds=3)


@pytest.fixture(scope="session")
def portrait(media_dir) -> Path:
    """A phone clip: coded landscape 320x180 with rotation side data (shows 180x320)."""
    coded = make_video(media_dir / "portrait-coded.mp4")
    out = media_dir / "portrait.mp4"
    ffmpeg("-i", str(coded), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(out))
    return out


@pytest.fixture(scope="session")
def black_lead_in(media_dir) -> Path:
    return make_video(media_dir / "black-lead-in.mp4", seconds=5, black_until=2.5)


@pytest.fixture(scope="session")
def silent_video(media_dir) -> Path:
    return make_video(media_dir / "silent.mp4", seconds=3, audio=None)


@pytest.fixture(scope="session")
def voice_memo(media_dir) -> Path:
    """An audio pill: a quiet tone with pauses, as an MP3 (voice memo export)."""
    out = media_dir / "memo.mp3"
    ffmpeg(
        "-f", "lavfi", "-i", "sine=f=300:d=5,volume='0.05*gt(mod(t,1),0.3)':eval=frame",
        "-c:a", "libmp3lame", str(out),
    )
    return out


@pytest.fixture(scope="session")
def corrupt(media_dir, landscape) -> Path:
    """The first 3 KB of a real MP4 (moov at the end): a copy cut short, no moov atom."""
    out = media_dir / "corrupt.mp4"
    out.write_bytes(landscape.read_bytes()[:3000])
    return out


@pytest.fixture(scope="session")
def empty(media_dir) -> Path:
    out = media_dir / "empty.mp4"
    out.write_bytes(b"")
    return out


@pytest.fixture(scope="session")
def lfs_pointer(media_dir) -> Path:
    out = media_dir / "lfs.mp4"
    out.write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 12345678\n"
    )
    return out
