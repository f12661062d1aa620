"""What the previous build of this process worked out, for the next build to reuse.

Why: `mkdocs serve` builds the whole site again after every save, and at 5,000 pills reading,
checking and rendering every pill takes tens of seconds, almost all of it for pills that did
not change. A BuildMemo keeps, for each key (a pill folder, a page), the value computed from
some input together with a stamp of that input; the next build asks again with the new stamp
and gets the value back only when the stamp is equal. Everything the build depends on besides
the key's own input goes into the `context` (registries, settings, the site's files): when it
changes, everything is forgotten. Keys the build did not ask for are forgotten at its end, so
the memo holds one build's worth at most.

`folder_stamp` and `settled` stamp files by size and modification time. A file changed twice
within one tick of the file system's clock keeps its time; as git does, a stamp taken less
than RACY_SECONDS after the newest file changed is not trusted (`settled` is False), so such a
folder is read again next time.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
S = TypeVar("S")
V = TypeVar("V")

RACY_SECONDS = 1.0

#: (path inside the folder, size, modification time in ns) of every file, sorted
Stamp = tuple[tuple[str, int, int], ...]


class BuildMemo(Generic[K, S, V]):
    """Values by key, each valid for its stamp, all valid for one context."""

    def __init__(self) -> None:
        self._context: Hashable = None
        self._entries: dict[K, tuple[S, V]] = {}
        self._seen: dict[K, tuple[S, V]] = {}

    def start(self, context: Hashable) -> None:
        """Begin a build; a different context forgets everything."""
        if context != self._context:
            self._context = context
            self._entries = {}
        self._seen = {}

    def get(self, key: K, stamp: S) -> V | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] != stamp:
            return None
        self._seen[key] = entry
        return entry[1]

    def put(self, key: K, stamp: S, value: V) -> None:
        self._seen[key] = (stamp, value)

    def keep(self, key: K) -> V | None:
        """The previous build's value of `key` whatever its stamp, kept for the next build: for
        a key this build knows to be unchanged without having its input (a page MkDocs did not
        render in a `--dirty` build)."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._seen[key] = entry
        return entry[1]

    def finish(self) -> None:
        """End a build: keep what it asked for or computed, forget the rest."""
        self._entries = self._seen
        self._seen = {}


def file_stamp(path: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of a file, None when there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def folder_stamp(folder: Path) -> Stamp:
    """What identifies the content of a folder: every file under it, with size and time."""
    found: list[tuple[str, int, int]] = []

    def scan(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        scan(entry.path, f"{prefix}{entry.name}/")
                        continue
                    st = entry.stat()
                except OSError:  # a dangling link: the checks report it, the stamp skips it
                    continue
                found.append((prefix + entry.name, st.st_size, st.st_mtime_ns))

    scan(str(folder), "")
    return tuple(sorted(found))


def settled(stamp: Stamp, read_at: float) -> bool:
    """Whether every file in `stamp` was older than RACY_SECONDS at `read_at` (time.time()
    taken before reading them), so that a later change is sure to show in its time."""
    newest = max((mtime for _, _, mtime in stamp), default=0)
    return newest < (read_at - RACY_SECONDS) * 1e9
