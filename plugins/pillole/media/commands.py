"""Pure functions: a media job in, ffmpeg argv lists out. No I/O, no processes.

Kept pure so every encoding decision (sizes, codecs, filters, cuts) is unit-tested
without ffmpeg, and so the benchmark can run the very same argv directly.

The graphs are built with ffmpeg-python and compiled to argv (``.compile()``); the
runner (`runner.py`) starts them, so timeouts and the process count stay in one place.

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
from typing import TYPE_CHECKING, Any

import ffmpeg

from .captions import format_time

if TYPE_CHECKING:  # probe runs `duration_argv`: only the type is needed here
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


def _audio_chain(stream: Any, settings: MediaSettings) -> Any:
    """Mono or stereo, then EBU R128 loudness normalisation in one pass when enabled.

    loudnorm works at 192 kHz and forgets the channel layout, which the AAC encoder then
    cannot negotiate in ffmpeg 5.1: the second aformat restores 48 kHz and the layout.
    """
    layouts = "mono|stereo"
    stream = stream.filter("aformat", channel_layouts=layouts)
    if settings.loudness is None:
        return stream
    return stream.filter(
        "loudnorm", I=f"{settings.loudness:g}", TP=f"{settings.true_peak:g}", LRA=f"{settings.loudness_range:g}"
    ).filter("aformat", sample_rates=48000, channel_layouts=layouts)


#: Options of every command: quiet (only errors reach stderr), never waiting on a terminal.
QUIET = ("-hide_banner", "-nostdin", "-loglevel", "error")


def _input(src: Path | str, demuxer: str | None, start: float = 0.0, duration: float | None = None) -> Any:
    """The recording, read only with the demuxer it was probed as and from local files only.

    Seeking before -i is fast and, when transcoding, frame-accurate.
    """
    if not demuxer:
        raise ValueError(f"{src}: no probed format; only probe() output may reach ffmpeg")
    options: dict[str, str] = {"format": demuxer, "protocol_whitelist": "file"}
    if start > 0:
        options["ss"] = f"{start:.3f}"
    if duration is not None:
        options["t"] = f"{duration:.3f}"
    return ffmpeg.input(str(src), **options)


def _argv(ffmpeg_path: str, outputs: list[Any], *options: str) -> list[str]:
    graph = outputs[0] if len(outputs) == 1 else ffmpeg.merge_outputs(*outputs)
    return graph.global_args(*QUIET, *options).overwrite_output().compile(cmd=ffmpeg_path)


def _audio_codec(settings: MediaSettings) -> dict[str, Any]:
    return {"c:a": "aac", "b:a": settings.audio_bitrate}


def video_argv(
    ffmpeg_path: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[str]:
    """One decode -> every MP4 rendition (H.264 yuv420p + AAC, faststart) and the sprite.

    ffmpeg autorotates while decoding, so frames arrive upright and `info` sizes are the
    displayed ones; ``-map_metadata -1`` and a zero rotate tag keep the old rotation
    metadata from reaching the output, where players would turn the picture a second time.
    """
    duration = segment.duration(info)
    heights = rendition_heights(info, settings)
    layout = sprite_layout(info, duration, settings)
    source = _input(src, info.format, segment.start, None if segment.is_whole else duration)
    videos = source["v:0"].filter_multi_output("split")
    audio = _audio_chain(source["a:0"], settings) if info.has_audio else None
    audios = audio.filter_multi_output("asplit") if audio is not None and len(heights) > 1 else None
    outputs = []
    for i, height in enumerate(heights):
        picture = videos[i].filter("scale", scaled_width(info, height), height).filter("setsar", 1)
        streams = [picture.filter("format", "yuv420p")]
        options: dict[str, Any] = {
            "c:v": "libx264", "preset": settings.preset, "crf": settings.crf, "profile:v": "high",
            "map_metadata": -1, "metadata:s:v:0": "rotate=0", "movflags": "+faststart",
        }
        if audio is None:
            options["an"] = None
        else:
            streams.append(audios[i] if audios is not None else audio)
            options.update(_audio_codec(settings))
        outputs.append(ffmpeg.output(*streams, str(out / video_name(height)), **options))
    fps = Fraction(1 / layout.interval).limit_denominator(10000)
    sprite = (
        videos[len(heights)]
        .filter("fps", f"{fps.numerator}/{fps.denominator}", eof_action="pass")
        .filter("scale", layout.width, layout.height)
        .filter("setsar", 1)
        .filter("tile", f"{layout.columns}x{layout.rows}")
    )
    outputs.append(ffmpeg.output(sprite, str(out / SPRITE), **{"frames:v": 1, "q:v": 5}))
    return _argv(ffmpeg_path, outputs)


def poster_window(duration: float) -> tuple[float, float]:
    """(offset, length) of the stretch the poster is chosen from: past black lead-ins.

    A recording of a few seconds has no lead-in worth skipping: the whole of it is used.
    """
    if duration < 4:
        return 0.0, duration
    offset = min(max(2.0, 0.1 * duration), 60.0, duration / 2)
    return offset, min(10.0, duration - offset)


def poster_argv(
    ffmpeg_path: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[str]:
    """The most representative frame (``thumbnail`` filter) of a window past the start."""
    offset, length = poster_window(segment.duration(info))
    height = rendition_heights(info, settings)[0]
    frame = (
        _input(src, info.format, segment.start + offset, length)["v:0"]
        .filter("fps", 2)
        .filter("thumbnail", max(2, int(length * 2)))
        .filter("scale", scaled_width(info, height), height)
        .filter("setsar", 1)
    )
    return _argv(ffmpeg_path, [ffmpeg.output(frame, str(out / POSTER), **{"frames:v": 1, "q:v": 3})])


def audio_argv(
    ffmpeg_path: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[str]:
    """Audio pill: one decode -> normalised AAC in .m4a (faststart) and a waveform PNG."""
    duration = None if segment.is_whole else segment.duration(info)
    sound = _audio_chain(_input(src, info.format, segment.start, duration)["a:0"], settings).filter_multi_output("asplit")
    wave = sound[1].filter(
        "showwavespic", s=settings.waveform_size, split_channels=0, colors=settings.waveform_color
    )
    outputs = [
        ffmpeg.output(sound[0], str(out / AUDIO), vn=None, map_metadata=-1, movflags="+faststart",
                      **_audio_codec(settings)),
        ffmpeg.output(wave, str(out / WAVEFORM), **{"frames:v": 1}),
    ]
    return _argv(ffmpeg_path, outputs)


#: What Whisper-family speech recognisers take: 16 kHz mono.
SPEECH_SAMPLE_RATE = 16000


def speech_argv(ffmpeg_path: str, src: Path | str, info: MediaInfo, out: Path) -> list[str]:
    """Speech recognition input: the first audio stream of the whole recording as raw 16 kHz
    mono 16-bit PCM (a transcript covers the recording; trims and clips cut it later)."""
    speech = _input(src, info.format)["a:0"]
    options = {"vn": None, "ac": 1, "ar": SPEECH_SAMPLE_RATE, "c:a": "pcm_s16le", "format": "s16le"}
    return _argv(ffmpeg_path, [ffmpeg.output(speech, str(out), **options)])


def duration_argv(ffmpeg_path: str, src: Path | str, demuxer: str) -> list[str]:
    """Every packet's time, read without decoding (the streams copied to nowhere) and
    reported as ``out_time_us`` on stdout: the length of a file whose header lacks it."""
    packets = ffmpeg.output(_input(src, demuxer), "-", map="0", c="copy", format="null")
    return _argv(ffmpeg_path, [packets], "-nostats", "-progress", "pipe:1")


def job_argvs(
    ffmpeg_path: str, src: Path | str, info: MediaInfo, segment: Segment, settings: MediaSettings, out: Path
) -> list[list[str]]:
    """Every command a job needs, in order, writing into the folder `out`.

    The first one decodes the whole segment into the main output (`main_output`).
    """
    if info.kind == "audio":
        return [audio_argv(ffmpeg_path, src, info, segment, settings, out)]
    return [
        video_argv(ffmpeg_path, src, info, segment, settings, out),
        poster_argv(ffmpeg_path, src, info, segment, settings, out),
    ]


def main_output(info: MediaInfo, settings: MediaSettings) -> str:
    """The output holding the whole segment: the main rendition, or the audio of an audio pill."""
    return AUDIO if info.kind == "audio" else video_name(rendition_heights(info, settings)[0])


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
