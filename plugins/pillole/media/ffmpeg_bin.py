"""Which ffmpeg Pillole runs, and its version.

The system ffmpeg/ffprobe are preferred (distribution builds, hardware support). A fresh
machine without root still builds with the binary of the imageio-ffmpeg wheel; that one has
no ffprobe, so probing falls back to parsing ``ffmpeg -i`` (see `probe.py`). The version
string goes into every cache key: a different ffmpeg may encode differently.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import MutableMapping
from dataclasses import dataclass

from . import runner


@dataclass(frozen=True)
class FFmpeg:
    """The binaries in use. `ffprobe` is None for the imageio-ffmpeg fallback."""

    ffmpeg: str
    ffprobe: str | None
    version: str
    source: str  # "system" or "imageio-ffmpeg"

    def describe(self) -> str:
        """One line for `pillole check`."""
        probe = self.ffprobe or "no ffprobe: probing with ffmpeg -i"
        return f"ffmpeg {self.version} ({self.source}: {self.ffmpeg}; {probe})"

    def fallback_notice(self) -> str | None:
        """One line for the start of a build that uses the bundled binary, else None."""
        if self.source == "system":
            return None
        return (f"media: no system ffmpeg, so the one bundled with imageio-ffmpeg ({self.version}) is used; "
                "install Debian's with apt-get install ffmpeg")


class FFmpegNotFound(RuntimeError):
    """Neither a system ffmpeg nor imageio-ffmpeg is available."""


def parse_version(banner: str) -> str:
    """The version from the first line of ``ffmpeg -version`` ("ffmpeg version X ...")."""
    first = banner.strip().splitlines()[0] if banner.strip() else ""
    parts = first.split()
    if len(parts) >= 3 and parts[1] == "version":
        return parts[2]
    return first or "unknown"


def find_ffmpeg(search_path: str | None = None, versions: MutableMapping[str, str] | None = None) -> FFmpeg:
    """Locate ffmpeg: on `search_path` (default: $PATH), else imageio-ffmpeg's binary.

    `versions` memoises ``ffmpeg -version`` by the binary's path, size and mtime (the media
    cache passes its persistent index), so a build with nothing to do starts no process.
    """
    system = shutil.which("ffmpeg", path=search_path)
    if system:
        ffprobe = shutil.which("ffprobe", path=search_path)
        return FFmpeg(system, ffprobe, _version(system, versions), "system")
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise FFmpegNotFound(
            "ffmpeg not found: install it (apt install ffmpeg) or `pip install pillole[ffmpeg]`"
        ) from exc
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    return FFmpeg(exe, None, _version(exe, versions), "imageio-ffmpeg")


def _version(exe: str, versions: MutableMapping[str, str] | None) -> str:
    st = os.stat(exe)
    memo_key = f"{os.path.realpath(exe)}:{st.st_size}:{st.st_mtime_ns}"
    if versions is not None and memo_key in versions:
        return versions[memo_key]
    version = parse_version(runner.run([exe, "-hide_banner", "-version"], exe, timeout=30).stdout)
    if versions is not None:
        versions[memo_key] = version
    return version
