"""The one error type of the media pipeline.

A mentor sees it in the build summary, so it carries what a person needs to fix the
file: which file (and line, for a chapter or a cue), which front-matter field, what is
wrong, how to fix it, and the few lines of ffmpeg's output that explain it (never a
traceback, never ffmpeg's whole banner). It reads like a content error:
``file:line: field: message; hint``.
"""

from __future__ import annotations


class MediaError(Exception):
    """A media file could not be probed or transcoded, or a track does not fit it."""

    def __init__(
        self,
        path: str,
        message: str,
        hint: str | None = None,
        ffmpeg_lines: tuple[str, ...] | list[str] = (),
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path)
        self.message = message
        self.hint = hint
        self.ffmpeg_lines = tuple(ffmpeg_lines)
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        if self.ffmpeg_lines:
            text += "\n" + "\n".join("    ffmpeg: " + line for line in self.ffmpeg_lines)
        return text

    def __reduce__(self):  # keeps the fields when the error crosses a process boundary
        return (MediaError, (self.path, self.message, self.hint, self.ffmpeg_lines, self.line, self.field))
