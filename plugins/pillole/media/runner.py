"""The one place that starts ffmpeg/ffprobe processes.

Everything else builds argv lists (`commands.py`) and hands them here, so timeouts, error
messages and the process count are handled once. The count lets tests and `pillole media`
prove that a build with unchanged media starts no process at all.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass

from .errors import MediaError

_lock = threading.Lock()
_started = 0

#: stderr lines that are progress or banner noise, never the reason of a failure.
_NOISE = (
    "frame=", "size=", "video:", "Press [q]", "ffmpeg version", "built with", "configuration:",
    "libav", "libsw", "libpostproc",
)


@dataclass(frozen=True)
class Completed:
    stdout: str
    stderr: str


def processes_started() -> int:
    """How many ffmpeg/ffprobe processes this Python process has started so far."""
    return _started


def useful_lines(stderr: str, limit: int = 6) -> list[str]:
    """The last lines of ffmpeg's stderr that can explain a failure (no banner, no stats)."""
    lines = [line.rstrip() for line in stderr.replace("\r", "\n").splitlines()]
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith(_NOISE)]
    return lines[-limit:]


def run(argv: list[str], path: str, timeout: float, check: bool = True) -> Completed:
    """Run `argv` (about the media file `path`), capture its output, enforce `timeout` seconds.

    Raises MediaError naming `path` with ffmpeg's useful lines when the process fails (and
    `check` is true) or times out; a timed-out process is killed by subprocess.run.
    """
    global _started
    with _lock:
        _started += 1
    try:
        proc = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        stderr = (exc.stderr or b"").decode("utf-8", "replace")
        raise MediaError(
            path,
            f"ffmpeg did not finish within {timeout:g} s",
            "the file may be damaged or far longer than expected; raise the media timeout",
            useful_lines(stderr),
        ) from None
    except OSError as exc:
        raise MediaError(path, f"cannot start {argv[0]}: {exc.strerror}", "install ffmpeg") from None
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    if check and proc.returncode != 0:
        raise MediaError(
            path,
            f"ffmpeg failed (exit code {proc.returncode})",
            None,
            useful_lines(stderr),
        )
    return Completed(stdout, stderr)
