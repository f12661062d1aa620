"""Which files ffmpeg may read: real audio and video recordings, nothing else.

ffmpeg reads much more than recordings: playlists that name other files (ffconcat, HLS,
DASH), image sequences, text drawn as video (tty), subtitles, virtual devices (lavfi). Any
of them would let a file in `content/` make the build read files outside it (the CI
runner's secrets, /etc) and publish them inside a poster or a video. So:

- a file whose first bytes are text (a playlist, captions, notes) never reaches ffmpeg;
- ffprobe only considers the demuxers below (``-format_whitelist``) and local files
  (``-protocol_whitelist file``): a refused format is rejected before its demuxer opens
  anything;
- ffmpeg then reads the file with the probed demuxer named explicitly (``-f``), local
  files only, and only when the streams it decodes use a codec of a real recording.

The decision is made on what ffprobe found, never on the file name's extension.
"""

from __future__ import annotations

import codecs
import re

from .errors import MediaError

#: Demuxers ffmpeg may use (the names `-f` takes) -> the files they read, for messages.
DEMUXERS: dict[str, str] = {
    "mov": "MP4, MOV, M4A, 3GP",
    "matroska": "MKV, WebM",
    "avi": "AVI",
    "mpegts": "MPEG-TS",
    "mpeg": "MPEG-PS (.mpg, .vob)",
    "asf": "WMV, WMA",
    "flv": "FLV",
    "mp3": "MP3",
    "aac": "AAC",
    "wav": "WAV",
    "aiff": "AIFF",
    "flac": "FLAC",
    "ogg": "Ogg, Opus",
    "amr": "AMR (phone voice memos)",
}

#: The value of ffprobe's and ffmpeg's ``-format_whitelist``.
FORMAT_WHITELIST = ",".join(DEMUXERS)

#: Codecs of cameras, phones, screen recorders, meeting tools and voice recorders.
VIDEO_CODECS = frozenset({
    "h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "mpeg2video", "mpeg1video", "h263", "msmpeg4v2",
    "msmpeg4v3", "wmv1", "wmv2", "wmv3", "vc1", "prores", "dnxhd", "mjpeg", "theora", "dvvideo", "flv1",
    "qtrle",
})
AUDIO_CODECS = frozenset({
    "aac", "mp3", "mp2", "opus", "vorbis", "flac", "alac", "ac3", "eac3", "wmav1", "wmav2", "wmapro",
    "amr_nb", "amr_wb", "adpcm_ima_wav", "adpcm_ms",
})
#: Uncompressed audio comes in many sample layouts (pcm_s16le, pcm_f32be...): all accepted.
PCM_PREFIX = "pcm_"

HINT = ("export the recording as a video (MP4, MOV, WebM) or audio file (M4A, MP3, WAV) "
        "and name that file in 'media:'")

_PLAYLIST = "names other files, so it is never opened"
_TEXT_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ffconcat\b"), f"an ffmpeg playlist (ffconcat) that {_PLAYLIST}"),
    (re.compile(r"#EXTM3U\b"), f"an HLS playlist (.m3u8) that {_PLAYLIST}"),
    (re.compile(r"<\?xml|<MPD\b", re.IGNORECASE), "an XML file (a DASH manifest?) that may name other files"),
    (re.compile(r"WEBVTT\b"), "a captions file (WebVTT); name it in 'captions:'"),
    (re.compile(r"\d+[ \t]*\r?\n[\d:,.]+ +-->"), "a captions file (SubRip); name it in 'captions:'"),
)
_REFUSED: dict[str, str] = {
    "concat": _TEXT_KINDS[0][1],
    "hls": _TEXT_KINDS[1][1],
    "dash": "a DASH manifest that names other files",
    "tty": "a text file",
    "lavfi": "an ffmpeg filter graph",
    "image2": "an image",
    "gif": "an image",
    "apng": "an image",
}
_NOT_ALLOWED = re.compile(r"^\[([^ \]]+) @ [^\]]*\] Format not on whitelist")


def not_media(path: str, what: str) -> MediaError:
    return MediaError(path, f"not an audio or video file: it is {what}", HINT, field="media")


def text_kind(head: bytes) -> str | None:
    """What a file is when its first bytes are text (recordings are binary from byte one).

    Every accepted container starts with binary fields (box sizes, sync words, NUL
    bytes), so text without NUL that decodes as UTF-8 is a playlist, captions or notes.
    """
    if not head or b"\0" in head:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    if not text:  # only the start of a multi-byte character
        return None
    text = text.lstrip("\ufeff \t\r\n")
    return next((what for pattern, what in _TEXT_KINDS if pattern.match(text)), "a text file")


def refused_format(ffmpeg_lines: tuple[str, ...] | list[str]) -> str | None:
    """The demuxer ffmpeg refused because of ``-format_whitelist`` (from its error line),
    "" when ffmpeg does not name it (ffmpeg 7 and later say ``[in#0 @ ...]``), else None."""
    for line in ffmpeg_lines:
        match = _NOT_ALLOWED.match(line)
        if match:
            return "" if "#" in match[1] else match[1]
    return None


def describe(demuxer: str) -> str:
    """A refused format in words (for the "not an audio or video file" message)."""
    if not demuxer:
        return "in a format Pillole does not publish"
    if demuxer in _REFUSED:
        return _REFUSED[demuxer]
    if demuxer.endswith("_pipe"):  # png_pipe, jpeg_pipe, webp_pipe...: a single image
        return "an image"
    return f"in the '{demuxer}' format, which Pillole does not publish"


def demuxer(format_name: str | None) -> str | None:
    """The `-f` name of a probed format ("mov,mp4,m4a,..." -> "mov"), None if not allowed."""
    name = (format_name or "").split(",")[0]
    return name if name in DEMUXERS else None


def codec_allowed(kind: str, codec: str | None) -> bool:
    if codec is None:  # no such stream: an audio file, a video without sound
        return True
    if kind == "video":
        return codec in VIDEO_CODECS
    return codec in AUDIO_CODECS or codec.startswith(PCM_PREFIX)


def check(path: str, format_name: str | None, video_codec: str | None, audio_codec: str | None) -> str:
    """The demuxer to read `path` with, or MediaError if the file is not a recording we read."""
    name = demuxer(format_name)
    if name is None:
        raise not_media(path, describe((format_name or "unknown").split(",")[0]))
    for kind, codec in (("video", video_codec), ("audio", audio_codec)):
        if not codec_allowed(kind, codec):
            raise MediaError(
                path,
                f"its {kind} is coded as '{codec}', which is not a codec of recordings Pillole publishes",
                HINT, field="media",
            )
    return name
