"""Is the whole recording there? A half-finished upload must not be published as a pill.

A recording cut short (an interrupted upload or copy) often still opens: its header
says 4 s, ffmpeg decodes 1.5 s and stops. Published as it is, the page would announce
4 s and the pill could never be completed. The transcode decodes the whole recording
anyway, so the cheap measure is the length of what it wrote: the movie header (``mvhd``)
of the main MP4/M4A output, read here without starting a process.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from .errors import MediaError

#: The output may be shorter than the declared length by this much (the larger of the
#: two) before the recording counts as cut short: a last frame, a length estimated from
#: the bitrate (MP3, AAC) are a little off; a broken upload is off by far more.
SHORT_SECONDS = 1.0
SHORT_SHARE = 0.05


def mp4_duration(path: Path) -> float | None:
    """Seconds in the movie header of an MP4 file (None if there is none)."""
    with path.open("rb") as fh:
        moov = _find_box(fh, b"moov", path.stat().st_size)
        if moov is None:
            return None
        mvhd = _find_box(fh, b"mvhd", moov)
        if mvhd is None:
            return None
        version = fh.read(4)[0]
        if version == 1:
            _created, _modified, timescale, duration = struct.unpack(">QQIQ", fh.read(28))
        else:
            _created, _modified, timescale, duration = struct.unpack(">IIII", fh.read(16))
    return duration / timescale if timescale else None


def _find_box(fh: BinaryIO, kind: bytes, end: int) -> int | None:
    """Seek to the body of the first `kind` box before offset `end`; return where it ends."""
    while fh.tell() + 8 <= end:
        start = fh.tell()
        size, found = struct.unpack(">I4s", fh.read(8))
        if size == 1:
            size = struct.unpack(">Q", fh.read(8))[0]
        elif size == 0:
            size = end - start
        if size < 8:
            return None
        if found == kind:
            return start + size
        fh.seek(start + size)
    return None


def check_complete(src: str, declared: float, output: Path, ffmpeg_lines: list[str] | tuple[str, ...] = ()) -> None:
    """Refuse a recording whose decodable length (that of `output`, the transcode of the
    whole segment) falls well short of its `declared` length."""
    decoded = mp4_duration(output)
    if decoded is None or declared - decoded <= max(SHORT_SECONDS, SHORT_SHARE * declared):
        return
    raise MediaError(
        src,
        f"the file looks truncated: it says it lasts {declared:.1f} s but only {decoded:.1f} s can be played",
        "upload it again (the copy or upload was probably interrupted)",
        ffmpeg_lines,
        field="media",
    )
