"""What a media file is: kind, duration, displayed size, rotation, container, codecs.

Authors never type duration or resolution; pages and cards show what this finds. The
common ways a recording is broken (empty file, a Git LFS pointer committed in place of
the video, a damaged file, a header with an absurd length) and the files that are not
recordings at all (playlists, captions, images: see `formats.py`) are recognised before
or from ffprobe and explained in words.

ffprobe is run with the argv that ffmpeg-python's ``ffmpeg.probe`` builds
(``-show_format -show_streams -of json``), plus the format and protocol allowlists, but
through our runner, because ``ffmpeg.probe`` has no timeout and would bypass the process
count.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from . import commands, formats, runner
from .errors import MediaError
from .ffmpeg_bin import FFmpeg, find_ffmpeg

LFS_PREFIX = b"version https://git-lfs"
PROBE_TIMEOUT = 60.0
#: Bytes read before ffprobe runs: enough to tell a Git LFS pointer or text from media.
HEAD_BYTES = 4096
#: Longer than this is a damaged header, not a pill (and would overflow timeouts).
MAX_DURATION = 24 * 3600.0
#: Part of the probe memo's key: bump when MediaInfo or what probing accepts changes.
PROBE_VERSION = 2


@dataclass(frozen=True)
class MediaInfo:
    """A probed media file. `width`/`height` are as displayed (rotation applied).

    `format` is the demuxer ffmpeg must read the file with (``-f``): set by `probe` once
    the file passed the allowlist (`formats.check`).
    """

    kind: str  # "video" or "audio"
    duration: float  # seconds
    width: int | None = None
    height: int | None = None
    rotation: int = 0  # clockwise degrees the player must turn the coded picture: 0/90/180/270
    video_codec: str | None = None
    audio_codec: str | None = None
    has_audio: bool = False
    format: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MediaInfo:
        return cls(**data)


def probe_argv(ff: FFmpeg, path: str | os.PathLike[str]) -> list[str]:
    """ffprobe (or ``ffmpeg -i`` without ffprobe) limited to local files and allowed demuxers."""
    allow = ["-protocol_whitelist", "file", "-format_whitelist", formats.FORMAT_WHITELIST]
    if ff.ffprobe:
        return [ff.ffprobe, "-v", "error", *allow, "-show_format", "-show_streams", "-of", "json", str(path)]
    return [ff.ffmpeg, "-hide_banner", *allow, "-i", str(path)]


def probe(path: str | os.PathLike[str], ff: FFmpeg | None = None, timeout: float = PROBE_TIMEOUT) -> MediaInfo:
    """Probe `path`, raising MediaError with a mentor-readable cause when it is unusable."""
    path = Path(path)
    ff = ff or find_ffmpeg()
    precheck(path)
    if ff.ffprobe:
        try:
            out = runner.run(probe_argv(ff, path), str(path), timeout)
        except MediaError as err:
            if "did not finish" in err.message:
                raise
            raise _unreadable(path, err.ffmpeg_lines) from None
        data = json.loads(out.stdout or "{}")
        fmt = data.setdefault("format", {})
        if not _float(fmt.get("duration")):
            fmt["duration"] = measured_duration(path, ff, formats.demuxer(fmt.get("format_name")), timeout)
        try:
            info = info_from_ffprobe(str(path), data)
        except (KeyError, TypeError, ValueError):  # streams without the fields a recording has
            raise _unreadable(path, runner.useful_lines(out.stderr)) from None
    else:
        out = runner.run(probe_argv(ff, path), str(path), timeout, check=False)
        stderr = out.stderr
        container = _INPUT.search(stderr)
        if "Duration: N/A" in stderr and container:
            measured = measured_duration(path, ff, formats.demuxer(container[1]), timeout)
            if measured:
                hours, rest = divmod(measured, 3600)
                stderr = stderr.replace("Duration: N/A", f"Duration: {int(hours):02d}:{int(rest // 60):02d}:{rest % 60:05.2f}")
        info = info_from_ffmpeg_banner(str(path), stderr)
    return replace(info, format=formats.check(str(path), info.format, info.video_codec, info.audio_codec))


_OUT_TIME = re.compile(r"^out_time_us=(\d+)$", re.MULTILINE)
#: Demuxers of the containers that recorders write as a stream, without the duration.
STREAMED_DEMUXERS = ("matroska", "ogg")


def measured_duration(path: Path, ff: FFmpeg, demuxer: str | None, timeout: float) -> float | None:
    """The duration of a file whose header does not say it, read from its last timestamp.

    Browsers' recorders (MediaRecorder, the studio's recordings) write WebM as they go and
    never go back to write the duration; copying the streams to nowhere reads every packet's
    time without decoding, a fraction of a second for a 5-minute recording. Only for the
    streamed containers of an allowed demuxer (read as that demuxer, from the local file)."""
    if demuxer not in STREAMED_DEMUXERS:
        return None
    assert demuxer is not None
    times = _OUT_TIME.findall(runner.run(commands.duration_argv(ff.ffmpeg, path, demuxer), str(path), timeout,
                                         check=False).stdout)
    seconds = int(times[-1]) / 1_000_000 if times else 0.0
    return seconds if seconds > 0 else None


def precheck(path: Path) -> None:
    """Catch what ffprobe explains badly or must never open: not a regular file (a FIFO
    would hang the build, a device fill the disk), missing, empty, a Git LFS pointer, text
    (a playlist naming other files, captions, notes)."""
    head = read_head(path)
    if head.startswith(LFS_PREFIX):
        raise _bad(path, "this is a Git LFS pointer, not the video", "run `git lfs pull` to download the recording")
    problem = text_problem(path, head)
    if problem:
        raise problem


def read_head(path: Path) -> bytes:
    """The first HEAD_BYTES of a regular, non-empty file; MediaError for anything else.

    Opened without blocking and checked on the open descriptor: a pipe named as media
    never blocks the build, and a device is never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise _bad(path, "file not found", "check the `media:` name in the front-matter") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _bad(path, "not a regular file (a folder, a device or a pipe)",
                       "name the recording itself in `media:`")
        if st.st_size == 0:
            raise _bad(path, "the file is empty (0 bytes)", "copy the recording again; the upload was interrupted")
        return os.read(fd, HEAD_BYTES)
    finally:
        os.close(fd)


def text_problem(path: Path, head: bytes | None = None) -> MediaError | None:
    """The "not an audio or video file" error of a text file named as media, else None.

    Needs no ffmpeg, so `pillole check` reports it too. Missing, empty or special files
    and Git LFS pointers are left to `precheck` (and to validation's file checks).
    """
    if head is None:
        try:
            head = read_head(path)
        except MediaError:
            return None
    what = None if head.startswith(LFS_PREFIX) else formats.text_kind(head)
    return formats.not_media(str(path), what) if what else None


def _bad(path: Path | str, message: str, hint: str | None = None, lines: tuple[str, ...] | list[str] = ()) -> MediaError:
    return MediaError(str(path), message, hint, lines, field="media")


def _unreadable(path: Path, lines: tuple[str, ...] | list[str]) -> MediaError:
    refused = formats.refused_format(lines)
    if refused is not None:
        return formats.not_media(str(path), formats.describe(refused))
    return _bad(
        path,
        "cannot read this media file: it is damaged or not a format ffmpeg knows",
        "export or copy the recording again (MP4, MOV, WebM, M4A, MP3, WAV)",
        lines,
    )


def _duration(path: str, duration: float | None) -> float:
    """The declared length, refused when missing or absurd (a damaged or forged header)."""
    if not duration:
        raise _bad(path, "the file has no duration (a still image?)", "use a video or audio recording")
    if not math.isfinite(duration) or duration > MAX_DURATION:
        raise _bad(path, f"the file declares a length of {duration:.0f} s, more than the "
                         f"{MAX_DURATION / 3600:.0f} hours a recording can last: its header is damaged",
                   "export or copy the recording again")
    return duration


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
        raise _bad(path, "no audio or video stream in this file", "is it really a recording?")
    main = video or audio
    assert main is not None
    if not main.get("codec_name"):
        raise _bad(
            path,
            f"unsupported {main.get('codec_type')} codec ({main.get('codec_tag_string', 'unknown')})",
            "export the recording as H.264/AAC MP4",
        )
    fmt = data.get("format") or {}
    duration = _duration(path, _float(fmt.get("duration")) or _float(main.get("duration")))
    container = fmt.get("format_name")
    if video is None:
        return MediaInfo("audio", duration, audio_codec=audio["codec_name"] if audio else None, has_audio=True,
                         format=container)
    rotation = _rotation_from_stream(video)
    return _video_info(
        duration, int(video["width"]), int(video["height"]), rotation, video["codec_name"],
        audio.get("codec_name") if audio else None, container,
    )


def _video_info(
    duration: float, width: int, height: int, rotation: int, vcodec: str, acodec: str | None, container: str | None
) -> MediaInfo:
    if rotation in (90, 270):
        width, height = height, width
    return MediaInfo("video", duration, width, height, rotation, vcodec, acodec, acodec is not None, container)


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_INPUT = re.compile(r"^Input #0, (.+?), from '", re.MULTILINE)
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #\d+:\d+\S*: (Video|Audio): (\w+)(.*)")
_SIZE = re.compile(r"\b(\d{2,5})x(\d{2,5})\b")
_ROTATION = re.compile(r"rotation of (-?\d+(?:\.\d+)?) degrees")


def info_from_ffmpeg_banner(path: str, stderr: str) -> MediaInfo:
    """Build MediaInfo from ``ffmpeg -i`` stderr: the probe of the imageio-ffmpeg fallback."""
    container = _INPUT.search(stderr)
    if not container:
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
        raise _bad(path, "no audio or video stream in this file", "is it really a recording?")
    duration = _duration(path, duration)
    if video is None:
        return MediaInfo("audio", duration, audio_codec=audio_codec, has_audio=True, format=container[1])
    size = _SIZE.search(video[1])
    if not size:
        raise _unreadable(Path(path), runner.useful_lines(stderr))
    return _video_info(duration, int(size[1]), int(size[2]), rotation, video[0], audio_codec, container[1])
