"""What a media file is: kind, duration, displayed size, rotation, codecs.

Authors never type duration or resolution; pages and cards show what this finds. The
common ways a recording is broken (empty file, a Git LFS pointer committed in place of
the video, a damaged file) are recognised before or from ffprobe and explained in words.

ffprobe is run with the argv that ffmpeg-python's ``ffmpeg.probe`` builds
(``-show_format -show_streams -of json``) but through our runner, because
``ffmpeg.probe`` has no timeout and would bypass the process count.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import runner
from .errors import MediaError
from .ffmpeg_bin import FFmpeg, find_ffmpeg

LFS_PREFIX = b"version https://git-lfs"
PROBE_TIMEOUT = 60.0


@dataclass(frozen=True)
class MediaInfo:
    """A probed media file. `width`/`height` are as displayed (rotation applied)."""

    kind: str  # "video" or "audio"
    duration: float  # seconds
    width: int | None = None
    height: int | None = None
    rotation: int = 0  # clockwise degrees the player must turn the coded picture: 0/90/180/270
    video_codec: str | None = None
    audio_codec: str | None = None
    has_audio: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MediaInfo:
        return cls(**data)


def probe(path: str | os.PathLike[str], ff: FFmpeg | None = None, timeout: float = PROBE_TIMEOUT) -> MediaInfo:
    """Probe `path`, raising MediaError with a mentor-readable cause when it is unusable."""
    path = Path(path)
    ff = ff or find_ffmpeg()
    precheck(path)
    if ff.ffprobe:
        argv = [ff.ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)]
        try:
            out = runner.run(argv, str(path), timeout)
        except MediaError as err:
            if "did not finish" in err.message:
                raise
            raise _unreadable(path, err.ffmpeg_lines) from None
        data = json.loads(out.stdout or "{}")
        container = (data.get("format") or {}).get("format_name", "")
        if not _float((data.get("format") or {}).get("duration")) and container in STREAMED_CONTAINERS:
            measured = measured_duration(path, ff, timeout)
            if measured:
                data.setdefault("format", {})["duration"] = str(measured)
        return info_from_ffprobe(str(path), data)
    out = runner.run([ff.ffmpeg, "-hide_banner", "-i", str(path)], str(path), timeout, check=False)
    stderr = out.stderr
    if "Duration: N/A" in stderr and any(f"Input #0, {name}," in stderr for name in STREAMED_CONTAINERS):
        measured = measured_duration(path, ff, timeout)
        if measured:
            hours, rest = divmod(measured, 3600)
            stderr = stderr.replace("Duration: N/A", f"Duration: {int(hours):02d}:{int(rest // 60):02d}:{rest % 60:05.2f}")
    return info_from_ffmpeg_banner(str(path), stderr)


_OUT_TIME = re.compile(r"^out_time_us=(\d+)$", re.MULTILINE)
#: Containers that recorders write as a stream, without the duration (ffmpeg's format names).
STREAMED_CONTAINERS = ("matroska,webm", "ogg")


def measured_duration(path: Path, ff: FFmpeg, timeout: float) -> float | None:
    """The duration of a file whose header does not say it, read from its last timestamp.

    Browsers' recorders (MediaRecorder, the studio's recordings) write WebM as they go and
    never go back to write the duration; copying the streams to nowhere reads every packet's
    time without decoding, a fraction of a second for a 5-minute recording."""
    argv = [ff.ffmpeg, "-hide_banner", "-nostats", "-v", "error", "-i", str(path), "-map", "0", "-c", "copy",
            "-f", "null", "-progress", "pipe:1", "-"]
    times = _OUT_TIME.findall(runner.run(argv, str(path), timeout, check=False).stdout)
    seconds = int(times[-1]) / 1_000_000 if times else 0.0
    return seconds if seconds > 0 else None


def precheck(path: Path) -> None:
    """Catch the failures ffprobe explains badly: missing, empty, a Git LFS pointer."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MediaError(str(path), "file not found", "check the `media:` name in the front-matter") from None
    if size == 0:
        raise MediaError(
            str(path), "the file is empty (0 bytes)", "copy the recording again; the upload was interrupted"
        )
    with path.open("rb") as fh:
        head = fh.read(len(LFS_PREFIX))
    if head == LFS_PREFIX:
        raise MediaError(
            str(path),
            "this is a Git LFS pointer, not the video",
            "run `git lfs pull` to download the recording",
        )


def _unreadable(path: Path, lines: tuple[str, ...] | list[str]) -> MediaError:
    return MediaError(
        str(path),
        "cannot read this media file: it is damaged or not a format ffmpeg knows",
        "export or copy the recording again (MP4, MOV, WebM, M4A, MP3, WAV)",
        lines,
    )


def _rotation_from_stream(stream: dict[str, Any]) -> int:
    for side in stream.get("side_data_list") or ():
        if "rotation" in side:
            # The display matrix angle is counter-clockwise; the old `rotate` tag clockwise.
            return round(-float(side["rotation"])) % 360
    tag = (stream.get("tags") or {}).get("rotate")
    return round(float(tag)) % 360 if tag else 0


def info_from_ffprobe(path: str, data: dict[str, Any]) -> MediaInfo:
    """Build MediaInfo from ffprobe's JSON (``-show_format -show_streams``)."""
    streams = data.get("streams") or []
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
        ),
        None,
    )
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None and audio is None:
        raise MediaError(path, "no audio or video stream in this file", "is it really a recording?")
    main = video or audio
    assert main is not None
    if not main.get("codec_name"):
        raise MediaError(
            path,
            f"unsupported {main.get('codec_type')} codec ({main.get('codec_tag_string', 'unknown')})",
            "export the recording as H.264/AAC MP4",
        )
    duration = _float((data.get("format") or {}).get("duration")) or _float(main.get("duration"))
    if not duration:
        raise MediaError(path, "the file has no duration (a still image?)", "use a video or audio recording")
    if video is None:
        return MediaInfo("audio", duration, audio_codec=audio["codec_name"] if audio else None, has_audio=True)
    rotation = _rotation_from_stream(video)
    return _video_info(
        duration, int(video["width"]), int(video["height"]), rotation, video["codec_name"],
        audio.get("codec_name") if audio else None,
    )


def _video_info(
    duration: float, width: int, height: int, rotation: int, vcodec: str, acodec: str | None
) -> MediaInfo:
    if rotation in (90, 270):
        width, height = height, width
    return MediaInfo("video", duration, width, height, rotation, vcodec, acodec, acodec is not None)


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #\d+:\d+\S*: (Video|Audio): (\w+)(.*)")
_SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
_ROTATION = re.compile(r"rotation of (-?\d+(?:\.\d+)?) degrees")


def info_from_ffmpeg_banner(path: str, stderr: str) -> MediaInfo:
    """Build MediaInfo from ``ffmpeg -i`` stderr: the probe of the imageio-ffmpeg fallback."""
    if "Input #0" not in stderr:
        raise _unreadable(Path(path), runner.useful_lines(stderr))
    match = _DURATION.search(stderr)
    duration = int(match[1]) * 3600 + int(match[2]) * 60 + float(match[3]) if match else 0.0
    video: tuple[str, str] | None = None
    audio_codec: str | None = None
    rotation = 0
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        stream = _STREAM.search(line)
        if not stream:
            continue
        if stream[1] == "Audio" and audio_codec is None:
            audio_codec = stream[2]
        elif stream[1] == "Video" and video is None and "attached pic" not in line:
            video = (stream[2], stream[3])
            for follow in lines[i + 1 :]:
                if "Stream #" in follow:
                    break
                rot = _ROTATION.search(follow)
                if rot:
                    rotation = round(-float(rot[1])) % 360
    if video is None and audio_codec is None:
        raise MediaError(path, "no audio or video stream in this file", "is it really a recording?")
    if not duration:
        raise MediaError(path, "the file has no duration (a still image?)", "use a video or audio recording")
    if video is None:
        return MediaInfo("audio", duration, audio_codec=audio_codec, has_audio=True)
    size = _SIZE.search(video[1])
    if not size:
        raise _unreadable(Path(path), runner.useful_lines(stderr))
    return _video_info(duration, int(size[1]), int(size[2]), rotation, video[0], audio_codec)
