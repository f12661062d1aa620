"""The previous build's site, deleted while this build works instead of before it starts.

MkDocs empties `site_dir` before a build (all but its dot entries, which it keeps: the `.git`
of a published site, say). At 10,000 pills that is 24,000 files, seconds at the start of
every build. So `set_aside` moves those entries into one hidden folder inside `site_dir` (a
rename each, instant on one file system), which MkDocs then leaves alone, and a forked
process deletes that folder while the build reads, renders and writes. The build waits for
it before it ends, so no hidden copy of the old site outlives the build. A folder left by a
build that was stopped half-way is deleted the same way by the next one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..forked import can_fork, cores, fork_call

#: The hidden folder holding the previous site while it is deleted (the build's process id follows).
PREFIX = ".pillole-previous-"


def set_aside(site_dir: Path) -> Callable[[], None] | None:
    """Move the previous site out of MkDocs' way and start deleting it; the function returned
    waits for the deletion (and raises OSError if it failed). None: nothing was moved (no
    previous site, one core, no fork, or a rename failed), and MkDocs empties the folder."""
    if not site_dir.is_dir():
        return None
    entries = [entry for entry in site_dir.iterdir() if not entry.name.startswith(".") or entry.name.startswith(PREFIX)]
    if not can_fork() or cores() < 2:
        for entry in entries:
            if entry.name.startswith(PREFIX):  # MkDocs keeps dot entries: a stopped build's leftover
                shutil.rmtree(entry, ignore_errors=True)
        return None
    if not entries:
        return None
    trash = site_dir / f"{PREFIX}{os.getpid()}"
    try:
        trash.mkdir()
        for entry in entries:
            entry.rename(trash / entry.name)
    except OSError:  # another file system inside site_dir, or no right to rename: what moved
        shutil.rmtree(trash, ignore_errors=True)  # is deleted here, the rest by MkDocs
        return None
    return fork_call(partial(shutil.rmtree, trash))
