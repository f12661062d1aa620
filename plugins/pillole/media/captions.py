"""Captions and chapters: parse WebVTT/SRT, check timings, shift for trims and clips, write WebVTT.

Plain text processing, no ffmpeg: validation can call it while reading content (errors
carry the line number in the captions file), and the media jobs call it to publish tracks
that match the trimmed or clipped recording.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..model import Chapter
from ..timecode import parse_time

#: Tolerance for cues ending a little after the media: captioning tools round up.
END_TOLERANCE = 0.5
#: Largest captions or chapters file read: captions of a three-hour webinar take ~300 KB.
MAX_TRACK_BYTES = 2 * 1024 * 1024


class CaptionError(ValueError):
    """A problem in a captions/chapters file (1-based `line`) or list (`line` None)."""

    def __init__(
        self, message: str, line: int | None = None, hint: str | None = None, path: str | None = None
    ) -> None:
        self.message = message
        self.line = line
        self.hint = hint
        self.path = path  # set by whoever knows which file was read
        self.field: str | None = None  # "captions" or "chapters", set likewise
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    line: int | None = None  # line of the timing in the source file
    identifier: str = ""
    settings: str = ""  # WebVTT cue settings (position, align...), kept as written


def format_time(seconds: float) -> str:
    """WebVTT timestamp HH:MM:SS.mmm."""
    millis = max(0, int(round(seconds * 1000)))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)(.*)$")


def _parse_timing(line: str, number: int) -> tuple[float, float, str]:
    match = _TIMING.match(line)
    if not match:
        raise CaptionError(f"malformed cue timing {line.strip()!r}", number, 'write "00:01.000 --> 00:04.000"')
    try:
        start, end = parse_time(match[1]), parse_time(match[2])
    except ValueError as exc:
        raise CaptionError(str(exc), number) from None
    return start, end, match[3].strip()


def _blocks(text: str) -> Iterable[tuple[int, list[str]]]:
    """(1-based first line, lines) of each blank-line separated block."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def parse_webvtt(text: str) -> list[Cue]:
    """Cues of a WebVTT file; NOTE, STYLE and REGION blocks are skipped."""
    blocks = list(_blocks(text))
    if not blocks or not blocks[0][1][0].startswith("WEBVTT"):
        raise CaptionError('a WebVTT file must start with "WEBVTT"', 1)
    cues: list[Cue] = []
    header_first, header = blocks[0]
    # The header block may run straight into a first cue when the blank line is missing.
    body = [(header_first + i, [line]) for i, line in enumerate(header[1:], 1) if "-->" in line]
    if body:
        raise CaptionError("a blank line is needed after the WEBVTT header", body[0][0])
    for first, lines in blocks[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        identifier = ""
        if "-->" not in lines[0] and (len(lines) < 2 or "-->" not in lines[1]):
            raise CaptionError(
                f"malformed cue timing {lines[0].strip()!r}", first, 'write "00:01.000 --> 00:04.000"'
            )
        if "-->" not in lines[0]:
            identifier, lines, first = lines[0].strip(), lines[1:], first + 1
        start, end, settings = _parse_timing(lines[0], first)
        cues.append(Cue(start, end, "\n".join(lines[1:]), first, identifier, settings))
    return cues


_ASS_TAG = re.compile(r"\{\\[^}]*\}")


def parse_srt(text: str) -> list[Cue]:
    """Cues of a SubRip file (numbered blocks, comma milliseconds); ASS tags dropped."""
    cues: list[Cue] = []
    for first, lines in _blocks(text):
        if lines[0].strip().isdigit():
            lines, first = lines[1:], first + 1
        if not lines or "-->" not in lines[0]:
            raise CaptionError("a subtitle without a timing line", first, 'write "00:00:01,000 --> 00:00:04,000"')
        start, end, _ = _parse_timing(lines[0], first)
        body = "\n".join(_ASS_TAG.sub("", line) for line in lines[1:])
        cues.append(Cue(start, end, body.replace("-->", "->"), first))
    return cues


def parse_captions(text: str, filename: str) -> list[Cue]:
    """WebVTT or SRT by extension (or by the WEBVTT header when the extension says nothing)."""
    name = filename.lower()
    if name.endswith(".srt"):
        return parse_srt(text)
    if name.endswith(".vtt") or text.lstrip("\ufeff").startswith("WEBVTT"):
        return parse_webvtt(text)
    raise CaptionError("captions must be a WebVTT (.vtt) or SubRip (.srt) file", None)


def read_track(path: Path) -> str:
    """A captions/chapters file as text (UTF-8, with or without BOM).

    Only a regular file of at most MAX_TRACK_BYTES is read: a pipe or a device named as
    captions must not hang the build or fill its memory. (ffmpeg never reads these files.)
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once, unread
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise CaptionError("not a regular file (a folder, a device or a pipe)", None,
                               "name the captions file itself")
        if st.st_size > MAX_TRACK_BYTES:
            raise CaptionError(
                f"the file is {st.st_size / 1024 / 1024:.1f} MB, more than the {MAX_TRACK_BYTES // 1024 // 1024} MB "
                "a captions or chapters file may have",
                None, "is it really a captions file? Export the captions again as WebVTT or SRT",
            )
        data = fh.read(MAX_TRACK_BYTES + 1)
    if len(data) > MAX_TRACK_BYTES:  # grew after the size check
        raise CaptionError(f"the file is larger than {MAX_TRACK_BYTES // 1024 // 1024} MB", None)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaptionError("the file is not UTF-8 text", None, "save it again as UTF-8") from None


def check_track_file(path: Path, kind: str = "captions", duration: float | None = None) -> list[CaptionError]:
    """Every problem of a captions (WebVTT/SRT) or chapters (WebVTT) file, for validation.

    `duration` (seconds of the original recording) adds the "past the end" checks once
    the media is probed; without it only the syntax and cue order are checked.
    """
    try:
        text = read_track(path)
        cues = parse_webvtt(text) if kind == "chapters" else parse_captions(text, path.name)
    except CaptionError as err:
        return [err]
    return validate_cues(cues, duration)


def validate_cues(cues: Sequence[Cue], duration: float | None = None) -> list[CaptionError]:
    """Every timing problem, each with its line: empty or reversed cues, cues past the end."""
    errors: list[CaptionError] = []
    for cue in cues:
        if cue.end <= cue.start:
            errors.append(
                CaptionError(
                    f"cue ends ({format_time(cue.end)}) before it starts ({format_time(cue.start)})", cue.line
                )
            )
        elif duration is not None and cue.start >= duration:
            errors.append(
                CaptionError(
                    f"cue starts at {format_time(cue.start)}, after the end of the media ({format_time(duration)})",
                    cue.line,
                    "were these captions made for another recording?",
                )
            )
        elif duration is not None and cue.end > duration + END_TOLERANCE:
            errors.append(
                CaptionError(
                    f"cue ends at {format_time(cue.end)}, after the end of the media ({format_time(duration)})",
                    cue.line,
                )
            )
    return errors


def shift_cues(cues: Iterable[Cue], start: float, end: float | None = None) -> list[Cue]:
    """Cues of the segment [start, end) re-timed from 0: outside cues dropped, edges clamped."""
    shifted: list[Cue] = []
    for cue in cues:
        if cue.end <= start or (end is not None and cue.start >= end):
            continue
        new_end = cue.end if end is None else min(cue.end, end)
        shifted.append(replace(cue, start=max(cue.start, start) - start, end=new_end - start))
    return shifted


def write_webvtt(cues: Iterable[Cue]) -> str:
    """A WebVTT file; identifiers and cue settings are kept."""
    out = ["WEBVTT", ""]
    for cue in cues:
        if cue.identifier:
            out.append(cue.identifier)
        timing = f"{format_time(cue.start)} --> {format_time(cue.end)}"
        out += [f"{timing} {cue.settings}".rstrip(), cue.text, ""]
    return "\n".join(out)


_TAG = re.compile(r"<[^>]*>")


def plain_text(cue_text: str) -> str:
    """Cue text without WebVTT markup (<v Name>, <i>, timestamps) for the transcript."""
    return html.unescape(_TAG.sub("", cue_text)).strip()


def parse_chapter_list(items: Sequence[Mapping[str, Any] | Chapter]) -> list[Chapter]:
    """Front-matter chapters ``[{at: "00:12", title: ...}]`` -> Chapters, in order."""
    chapters: list[Chapter] = []
    for index, item in enumerate(items, 1):
        if isinstance(item, Chapter):
            chapters.append(item)
            continue
        if not isinstance(item, Mapping) or "at" not in item or not str(item.get("title") or "").strip():
            raise CaptionError(f"chapter {index}: needs `at` and `title`", None, 'write {at: "01:30", title: ...}')
        try:
            chapters.append(Chapter(parse_time(item["at"]), str(item["title"]).strip()))
        except ValueError as exc:
            raise CaptionError(f"chapter {index}: {exc}") from None
    for index, (before, after) in enumerate(zip(chapters, chapters[1:]), 2):
        if after.at <= before.at:
            raise CaptionError(f"chapter {index} ({after.title!r}) does not come after the previous one")
    return chapters


def chapter_cues(chapters: Sequence[Chapter], duration: float, lines: Sequence[int | None] = ()) -> list[Cue]:
    """Chapters as cues: each lasts until the next one (the last until the end).

    `lines` (where each chapter is written, if known) locates the error of a chapter
    that starts after the end of the media.
    """
    cues: list[Cue] = []
    for i, chapter in enumerate(chapters):
        if chapter.at >= duration:
            raise CaptionError(
                f"chapter {chapter.title!r} starts at {format_time(chapter.at)}, "
                f"after the end of the media ({format_time(duration)})",
                lines[i] if i < len(lines) else None,
                "remove the chapter or correct its time",
            )
        end = chapters[i + 1].at if i + 1 < len(chapters) else duration
        cues.append(Cue(chapter.at, end, chapter.title))
    return cues


def chapters_from_cues(cues: Sequence[Cue]) -> list[Chapter]:
    """Chapters read from a WebVTT chapters file (the player lists them)."""
    return [Chapter(cue.start, plain_text(cue.text)) for cue in cues]
