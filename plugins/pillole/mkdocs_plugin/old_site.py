"""The previous build's site, updated in place instead of deleted and written again.

MkDocs empties `site_dir` before a build (all but its dot entries, which it keeps: the `.git`
of a published site, say) and then writes every file anew. At 10,000 pills that is 24,000
files deleted and as many files and folders created, and on a disk like this machine's
creating a file or folder costs ten times as much as writing over one that exists (1 s against
9-13 s for 12,600 pages). So:

- `set_aside` (on_pre_build) moves those entries into one hidden folder inside `site_dir`
  (a rename each), which MkDocs' emptying leaves alone;
- `restore` (on_files, once MkDocs has emptied the folder and before anything is written)
  moves them back and lists what they hold, in a forked process while the build reads the
  content: a build that stops on content errors leaves the last good site as it was;
- `prune` (on_nav, once every file the build writes is known, before any is written) deletes
  every entry the build will not write over: pages and files it no longer makes (the search
  index's writer deletes its own stale files: search/builder.py), anything that is not a
  plain file or folder (a link could make a write land outside the site), and a file with
  other hard links (a write would change them too), unless it is the very file a LinkedFile
  publishes. The build then writes over the rest, so the site is the one a build into an
  empty folder makes, byte for byte.

A hidden folder left by a build that was stopped before `restore` is deleted, in a forked
process, by the next build, which waits for it before it ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..forked import fork_call
from .linked_file import is_link_to

#: The hidden folder holding the previous site during a build (the build's process id follows).
PREFIX = ".pillole-previous-"

#: An entry of the previous site: its path relative to `site_dir` ('/'), whether it is a
#: folder, and for a plain file its number of hard links (0: neither file nor folder).
Entry = tuple[str, bool, int]


def _inventory(site_dir: Path, names: list[str]) -> list[Entry]:
    """Every entry of `names` (top-level entries of `site_dir`), a folder after what it
    holds; links are not followed."""
    found: list[Entry] = []

    def add(entry: os.DirEntry[str], relative: str) -> None:
        if entry.is_dir(follow_symlinks=False):
            with os.scandir(entry.path) as entries:
                for inner in entries:
                    add(inner, f"{relative}/{inner.name}")
            found.append((relative, True, 0))
        elif entry.is_file(follow_symlinks=False):
            found.append((relative, False, entry.stat(follow_symlinks=False).st_nlink))
        else:
            found.append((relative, False, 0))

    with os.scandir(site_dir) as top:
        for entry in top:
            if entry.name in names:
                add(entry, entry.name)
    return found


@dataclass
class OldSite:
    """The previous site during one build (see the module's docstring)."""

    site_dir: Path
    hidden: Path
    names: list[str]  # the top-level entries moved into `hidden`
    leftovers: Callable[[], list[str]] | None  # waits for the deletion of stopped builds' folders
    listing: Callable[[], list[Entry]] | None = None  # started by `restore`

    def restore(self) -> None:
        """Move the previous site back where it was (on_files: MkDocs has emptied the
        folder) and start listing it, in a forked process, while the build reads content."""
        back: list[str] = []
        for name in self.names:
            try:
                (self.hidden / name).rename(self.site_dir / name)
                back.append(name)
            except OSError:  # left in the hidden folder, which the next build deletes
                continue
        with contextlib.suppress(OSError):
            self.hidden.rmdir()
        self.names = back
        if back:
            self.listing = fork_call(partial(_inventory, self.site_dir, back))

    def prune(self, keep: Mapping[str, str | None], own: tuple[str, ...] = ()) -> list[str]:
        """Delete every entry the build will not write over. `keep`: the site's files by
        path relative to `site_dir`, each with the file it is a hard link to (a LinkedFile)
        or None; `own`: folders whose writer writes over their plain files and deletes the
        rest itself (the search index). Returns the entries that could not be deleted."""
        if self.listing is None:
            return []
        try:
            listed = self.listing()
        except (OSError, RuntimeError):  # not listed: all of it goes, as MkDocs would have it
            return _delete_all(self.site_dir, self.names)
        prefixes = tuple(f"{folder}/" for folder in own)
        failed: list[str] = []
        occupied: set[str] = set()  # folders holding a file that stays
        for relative, is_folder, links in listed:
            path = self.site_dir / relative
            try:
                if is_folder:
                    if relative not in occupied:
                        os.rmdir(path)
                elif (links == 1 and (relative in keep or relative.startswith(prefixes))
                      or links > 1 and _linked(path, keep.get(relative))):
                    parent = relative.rpartition("/")[0]
                    while parent and parent not in occupied:
                        occupied.add(parent)
                        parent = parent.rpartition("/")[0]
                else:
                    os.unlink(path)
            except OSError as error:
                failed.append(f"{relative} ({error.strerror})")
        return failed

    def wait(self) -> list[str]:
        """Wait for the deletion of stopped builds' folders; returns those that could not be."""
        return self.leftovers() if self.leftovers is not None else []


def set_aside(site_dir: Path) -> OldSite | None:
    """Move the previous site out of MkDocs' way (on_pre_build). None: there is none. When
    a rename fails (another file system inside site_dir, no right to rename), what moved
    goes back and MkDocs empties the folder, as usual."""
    if not site_dir.is_dir():
        return None
    stopped = [entry.name for entry in site_dir.iterdir() if entry.name.startswith(PREFIX)]
    leftovers = fork_call(partial(_delete_all, site_dir, stopped)) if stopped else None
    names = sorted(entry.name for entry in site_dir.iterdir() if not entry.name.startswith("."))
    hidden = site_dir / f"{PREFIX}{os.getpid()}"
    moved: list[str] = []
    try:
        if names:
            hidden.mkdir()
        for name in names:
            (site_dir / name).rename(hidden / name)
            moved.append(name)
    except OSError:
        for name in moved:
            with contextlib.suppress(OSError):  # else deleted with the hidden folder, as MkDocs would
                (hidden / name).rename(site_dir / name)
        shutil.rmtree(hidden, ignore_errors=True)
        moved = []
    return OldSite(site_dir, hidden, moved, leftovers) if moved or leftovers else None


def _linked(path: Path, source: str | None) -> bool:
    return source is not None and is_link_to(path, source)


def _delete_all(site_dir: Path, names: list[str]) -> list[str]:
    """Delete the top-level entries `names` of `site_dir`; returns those that could not be."""
    failed: list[str] = []
    for name in names:
        path = site_dir / name
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as error:
            failed.append(f"{name} ({error.strerror})")
    return failed

