"""Real media for the media tests, made and measured with ffmpeg (a module, not a conftest,
so that test files import it by a name of its own)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

FF = "ffmpeg"
FFPROBE = "ffprobe"


def ffmpeg(*args: str) -> None:
    subprocess.run([FF, "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_video(
    out: Path, size: str = "320x180", seconds: float = 4, audio: str | None = "sine=f=440", black_until: float = 0
) -> Path:
    """testsrc video (+ a quiet sine, about -30 LUFS), optionally black for the first seconds."""
    args = ["-f", "lavfi", "-i", f"testsrc=s={size}:r=10:d={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"{audio}:d={seconds},volume=0.05"]
    vf = f"drawbox=c=black:t=fill:enable='lt(t,{black_until})'" if black_until else "null"
    args += ["-vf", vf, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    args += ["-c:a", "aac", "-shortest"] if audio else ["-an"]
    ffmpeg(*args, str(out))
    return out


def ffprobe_json(path: Path) -> dict:
    out = subprocess.run(
        [FFPROBE, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def stream(data: dict, kind: str) -> dict:
    return next(s for s in data["streams"] if s["codec_type"] == kind)


def mp4_boxes(path: Path) -> list[str]:
    """Top-level MP4 box types in file order (to check moov comes before mdat)."""
    boxes = []
    with path.open("rb") as fh:
        while header := fh.read(8):
            if len(header) < 8:
                break
            size = int.from_bytes(header[:4], "big")
            kind = header[4:8].decode("latin-1")
            if size == 1:
                size = int.from_bytes(fh.read(8), "big")
                fh.seek(size - 16, 1)
            elif size == 0:
                boxes.append(kind)
                break
            else:
                fh.seek(size - 8, 1)
            boxes.append(kind)
    return boxes


def integrated_loudness(path: Path) -> float:
    """Integrated loudness (LUFS) measured by ffmpeg's ebur128 filter."""
    out = subprocess.run(
        [FF, "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0", "-af", "ebur128", "-f", "null", "-"],
        check=True, capture_output=True, text=True,
    )
    summary = out.stderr.rsplit("Summary:", 1)[1]
    return float(summary.split("I:", 1)[1].split("LUFS")[0])


def mean_luma(path: Path) -> float:
    """Average luminance (0-255) of an image, from ffmpeg's signalstats (YAVG)."""
    out = subprocess.run(
        [FF, "-hide_banner", "-i", str(path), "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG",
         "-f", "null", "-"],
        check=True, capture_output=True, text=True,
    )
    return float(out.stderr.split("lavfi.signalstats.YAVG=", 1)[1].split()[0])
