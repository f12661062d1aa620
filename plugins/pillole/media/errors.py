"""The one error type of the media pipeline.

A mentor sees it in the build summary, so it carries what a person needs to fix the
file: which file, what is wrong, how to fix it, and the few lines of ffmpeg's output that
explain it (never a traceback, never ffmpeg's whole banner).
"""

from __future__ import annotations


class MediaError(Exception):
    """A media file could not be probed or transcoded."""

    def __init__(
        self,
        path: str,
        message: str,
        hint: str | None = None,
        ffmpeg_lines: tuple[str, ...] | list[str] = (),
    ) -> None:
        self.path = str(path)
        self.message = message
        self.hint = hint
        self.ffmpeg_lines = tuple(ffmpeg_lines)
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        if self.ffmpeg_lines:
            text += "\n" + "\n".join("    ffmpeg: " + line for line in self.ffmpeg_lines)
        return text

    def __reduce__(self):  # keeps the fields when the error crosses a process boundary
        return (MediaError, (self.path, self.message, self.hint, self.ffmpeg_lines))
