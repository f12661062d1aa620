"""Pure functions: a media job in, ffmpeg argv lists out. No I/O, no processes.

Kept pure so every encoding decision (sizes, codecs, filters, cuts) is unit-tested
without ffmpeg, and so the benchmark can run the very same argv directly.

One ffmpeg process per job decodes the source once and feeds every output through a
``-filter_complex`` split (renditions + sprite, or audio + waveform): decoding a long
recording is the expensive part, so it must not happen once per output. The poster uses
its own short command because it only reads a few seconds past the start.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from .captions import format_time
from .probe import MediaInfo

#: Output file names inside a cache entry, also the public names on the site (the
#: thumbnails track refers to the sprite by this name, so they must be published together).
POSTER = "poster.jpg"
SPRITE = "sprite.jpg"
THUMBNAILS_VTT = "thumbnails.vtt"
AUDIO = "audio.m4a"
WAVEFORM = "waveform.png"


def video_name(height: int) -> str:
    return f"video-{height}.mp4"


@dataclass(frozen=True)
class MediaSettings:
    """Every option that changes an output file; all of them are part of the cache key."""

    max_height: int = 1080  # cap of the main rendition; sources are never upscaled
    low_height: int = 480  # lighter rendition, made only for sources taller than this
    loudness: float | None = -16.0  # EBU R128 integrated target in LUFS; None: no normalisation
    true_peak: float = -1.5
    loudness_range: float = 11.0
    crf: int = 23
    preset: str = "veryfast"
    audio_bitrate: str = "128k"
    sprite_interval: float = 10.0  # seconds between thumbnails (grown for long media)
    sprite_max_thumbs: int = 100
    sprite_width: int = 160
    sprite_columns: int = 10
    waveform_size: str = "1280x200"
    waveform_color: str = "0x1565c0"

    def key_data(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Segment:
    """The part of a recording to publish: a trim or a clip. `end` None: to the end."""

    start: float = 0.0
    end: float | None = None

    def duration(self, info: MediaInfo) -> float:
        end = info.duration if self.end is None else min(self.end, info.duration)
        return max(0.0, end - self.start)

    @property
    def is_whole(self) -> bool:
        return self.start <= 0 and self.end is None


@dataclass(frozen=True)
class SpriteLayout:
    interval: float
    count: int
    columns: int
    rows: int
    width: int  # of one thumbnail
    height: int


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def rendition_heights(info: MediaInfo, settings: MediaSettings) -> list[int]:
    """Main rendition (source height capped, never upscaled) plus the light one if it helps."""
    assert info.height
    capped = min(info.height, settings.max_height)
    main = max(2, capped - capped % 2)  # round down: rounding up could upscale by a pixel
    heights = [main]
    if info.height > settings.low_height and main > settings.low_height:
        heights.append(_even(settings.low_height))
    return heights


def scaled_width(info: MediaInfo, height: int) -> int:
    """Even width keeping the displayed aspect ratio at `height`."""
    assert info.width and info.height
    return _even(info.width * height / info.height)


def sprite_layout(info: MediaInfo, duration: float, settings: MediaSettings) -> SpriteLayout:
    """Thumbnail grid: one every `sprite_interval` s, spaced out so long media stay bounded."""
    interval = max(settings.sprite_interval, duration / settings.sprite_max_thumbs)
    count = max(1, math.ceil(duration / interval - 1e-9))
    columns = min(settings.sprite_columns, count)
    rows = math.ceil(count / columns)
    assert info.width and info.height
    width = settings.sprite_width
    height = _even(width * info.height / info.width)
    box = _even(width * 9 / 16)
    if height > box:  # portrait: fit the 16:9 box instead of a tall strip
        height, width = box, _even(box * info.width / info.height)
    return SpriteLayout(interval, count, columns, rows, width, height)


def audio_filter(settings: MediaSettings) -> str:
    """Mono or stereo, then EBU R128 loudness normalisation in one pass when enabled.

    loudnorm works at 192 kHz and forgets the channel layout, which the AAC encoder then
    cannot negotiate in ffmpeg 5.1: the second aformat restores 48 kHz and the layout.
    """
    layouts = "channel_layouts=mono|stereo"
    if settings.loudness is None:
        return f"aformat={layouts}"
    return (
        f"aformat={layouts},"
        f"loudnorm=I={settings.loudness:g}:TP={settings.true_peak:g}:LRA={settings.loudness_range:g},"
        f"aformat=sample_rates=48000:{layouts}"
    )


def _base(ffmpeg: str) -> list[str]:
    return [ffmpeg, "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]


def _input(src: Path | str, start: float, duration: float | None) -> list[str]:
    """Input options: seeking before -i is fast and, when transcoding, frame-accurate."""
    args: list[str] = []
    if start > 0:
        args += ["-ss", f"{start:.3f}"]
    if duration is not None:
        args += ["-t", f"{duration:.3f}"]
    return args + ["-i", str(src)]


def _audio_codec(settings: MediaSettings) -> list[str]:
    return ["-c:a", "aac", "-b:a", settings.audio_bitrate]


def video_argv(
    ffmpeg: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[str]:
    """One decode -> every MP4 rendition (H.264 yuv420p + AAC, faststart) and the sprite.

    ffmpeg autorotates while decoding, so frames arrive upright and `info` sizes are the
    displayed ones; ``-map_metadata -1`` and a zero rotate tag keep the old rotation
    metadata from reaching the output, where players would turn the picture a second time.
    """
    duration = segment.duration(info)
    heights = rendition_heights(info, settings)
    layout = sprite_layout(info, duration, settings)
    n = len(heights)
    graph = [f"[0:v:0]split={n + 1}" + "".join(f"[v{i}]" for i in range(n + 1))]
    for i, height in enumerate(heights):
        graph.append(f"[v{i}]scale={scaled_width(info, height)}:{height},setsar=1,format=yuv420p[out{i}]")
    fps = Fraction(1 / layout.interval).limit_denominator(10000)
    graph.append(
        f"[v{n}]fps={fps.numerator}/{fps.denominator}:eof_action=pass,scale={layout.width}:{layout.height},setsar=1,"
        f"tile={layout.columns}x{layout.rows}[sprite]"
    )
    if info.has_audio:
        split = f",asplit={n}" if n > 1 else ""
        graph.append(f"[0:a:0]{audio_filter(settings)}{split}" + "".join(f"[a{i}]" for i in range(n)))
    argv = _base(ffmpeg) + _input(src, segment.start, None if segment.is_whole else duration)
    argv += ["-filter_complex", ";".join(graph)]
    for i, height in enumerate(heights):
        argv += ["-map", f"[out{i}]"]
        if info.has_audio:
            argv += ["-map", f"[a{i}]"] + _audio_codec(settings)
        else:
            argv += ["-an"]
        argv += ["-c:v", "libx264", "-preset", settings.preset, "-crf", str(settings.crf)]
        argv += ["-profile:v", "high", "-map_metadata", "-1", "-metadata:s:v:0", "rotate=0"]
        argv += ["-movflags", "+faststart", str(out / video_name(height))]
    argv += ["-map", "[sprite]", "-frames:v", "1", "-q:v", "5", str(out / SPRITE)]
    return argv


def poster_window(duration: float) -> tuple[float, float]:
    """(offset, length) of the stretch the poster is chosen from: past black lead-ins.

    A recording of a few seconds has no lead-in worth skipping: the whole of it is used.
    """
    if duration < 4:
        return 0.0, duration
    offset = min(max(2.0, 0.1 * duration), 60.0, duration / 2)
    return offset, min(10.0, duration - offset)


def poster_argv(
    ffmpeg: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[str]:
    """The most representative frame (``thumbnail`` filter) of a window past the start."""
    offset, length = poster_window(segment.duration(info))
    height = rendition_heights(info, settings)[0]
    vf = f"fps=2,thumbnail={max(2, int(length * 2))},scale={scaled_width(info, height)}:{height},setsar=1"
    return (
        _base(ffmpeg)
        + _input(src, segment.start + offset, length)
        + ["-map", "0:v:0", "-vf", vf, "-frames:v", "1", "-q:v", "3", str(out / POSTER)]
    )


def audio_argv(
    ffmpeg: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[str]:
    """Audio pill: one decode -> normalised AAC in .m4a (faststart) and a waveform PNG."""
    graph = (
        f"[0:a:0]{audio_filter(settings)},asplit=2[a][w];"
        f"[w]showwavespic=s={settings.waveform_size}:split_channels=0:colors={settings.waveform_color}[wave]"
    )
    duration = None if segment.is_whole else segment.duration(info)
    return (
        _base(ffmpeg)
        + _input(src, segment.start, duration)
        + ["-filter_complex", graph, "-map", "[a]", "-vn"]
        + _audio_codec(settings)
        + ["-map_metadata", "-1", "-movflags", "+faststart", str(out / AUDIO)]
        + ["-map", "[wave]", "-frames:v", "1", str(out / WAVEFORM)]
    )


#: What Whisper-family speech recognisers take: 16 kHz mono.
SPEECH_SAMPLE_RATE = 16000


def speech_argv(ffmpeg: str, src: Path | str, out: Path) -> list[str]:
    """Speech recognition input: the first audio stream of the whole recording as raw 16 kHz
    mono 16-bit PCM (a transcript covers the recording; trims and clips cut it later)."""
    return (
        _base(ffmpeg)
        + _input(src, 0.0, None)
        + ["-map", "0:a:0", "-vn", "-ac", "1", "-ar", str(SPEECH_SAMPLE_RATE), "-c:a", "pcm_s16le"]
        + ["-f", "s16le", str(out)]
    )


def job_argvs(
    ffmpeg: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[list[str]]:
    """Every command a job needs, in order, writing into the folder `out`."""
    if info.kind == "audio":
        return [audio_argv(ffmpeg, src, info, segment, settings, out)]
    return [
        video_argv(ffmpeg, src, info, segment, settings, out),
        poster_argv(ffmpeg, src, info, segment, settings, out),
    ]


def thumbnails_vtt(layout: SpriteLayout, duration: float, sprite: str = SPRITE) -> str:
    """WebVTT thumbnails track: cue i shows tile i of the sprite (``#xywh=`` fragment)."""
    lines = ["WEBVTT", ""]
    for i in range(layout.count):
        start = i * layout.interval
        end = min((i + 1) * layout.interval, duration)
        if end <= start:
            break
        x = (i % layout.columns) * layout.width
        y = (i // layout.columns) * layout.height
        lines += [
            f"{format_time(start)} --> {format_time(end)}",
            f"{sprite}#xywh={x},{y},{layout.width},{layout.height}",
            "",
        ]
    return "\n".join(lines)
