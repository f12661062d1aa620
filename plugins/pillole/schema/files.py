"""The files content names, checked on disk: the only module of the schema that reads files.

A pill names its recording, captions and chapters by file name; each must be a regular file
inside the pill's own folder (no '..', no absolute path, no link out, not a Git LFS pointer
left in place of the real file), and captions and chapters files are read and parsed so
their mistakes point at their own lines. Page icons are looked up in the installed theme.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from typing import Protocol

from ..boundary import TRACK_TYPES
from ..media.captions import check_track_file
from ..media.probe import text_problem
from ..model import ContentError
from .fields import Entry, suggest, text

#: How every Git LFS pointer file starts (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
_LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"
#: The largest captions or chapters file read (a two-hour webinar's captions are ~200 kB).
MAX_TRACK_BYTES = 5_000_000


class InFolder(Protocol):
    """What a file reference is checked against: the folder of the pill that names it."""

    @property
    def folder(self) -> Path: ...


def local_file(entry: Entry[InFolder]) -> str | None:
    """A file name that must exist inside the pill's folder (no '..', no absolute path, no symlink out)."""
    value = text(entry)
    if value is None:
        return None
    problem = _reference_problem(value, entry.ctx.folder)
    if problem:
        entry.error(*problem)
        return None
    return value.replace("\\", "/")


# --- the recording (media:) ---------------------------------------------------------------


def recording(entry: Entry[InFolder]) -> str | None:
    """The recording a pill names (`media:`). A playlist, captions or other text named as the
    recording is refused here, before ffmpeg could read it (and the files it names); what
    ffmpeg finds in a real recording is reported by the media stage."""
    name = local_file(entry)
    problem = text_problem(entry.ctx.folder / name) if name else None
    if problem:
        entry.error(f"'{name}' is {problem.message}", problem.hint)
    return name


# --- captions and chapters files ----------------------------------------------------------


def captions(entry: Entry[InFolder]) -> str | None:
    """The captions file (`captions:`): WebVTT or SRT, its cues checked."""
    name = local_file(entry)
    if name and not name.lower().endswith(TRACK_TYPES):
        entry.error(f"'{name}' is neither WebVTT (.vtt) nor SRT (.srt)", "export the captions as .vtt or .srt")
    elif name:
        _check_track(entry, name)
    return name


def chapters_file(entry: Entry[InFolder]) -> str | None:
    """A WebVTT file of chapters (`chapters: capitoli.vtt`), its cues checked."""
    name = local_file(entry)
    if name:
        _check_track(entry, name)
    return name


def _check_track(entry: Entry[InFolder], name: str) -> None:
    """The cues of a captions or chapters file: its own errors point into that file."""
    shown = f"{entry.rep.path.rsplit('/', 1)[0]}/{name}"
    path = entry.ctx.folder / name
    size = path.stat().st_size
    if size > MAX_TRACK_BYTES:
        entry.rep.errors.append(ContentError(shown, None, entry.key, f"the file is {size:,} bytes (at most {MAX_TRACK_BYTES:,})",
                                             "export the captions again: a caption file is a few hundred kB"))
        return
    for problem in check_track_file(path, entry.key):
        entry.rep.errors.append(ContentError(shown, problem.line, entry.key, problem.message, problem.hint))


# --- where a name points -------------------------------------------------------------------


def _reference_problem(value: str, folder: Path) -> tuple[str, str] | None:
    """Why a file reference is refused, or None: it must name an existing file in `folder`."""
    name = value.replace("\\", "/")
    hint_inside = "put the file in the pill's folder and write just its name"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "://" in name:
        return f"'{value}' is an absolute path or a URL", hint_inside
    if ".." in name.split("/"):
        return f"'{value}' points outside the pill's folder", hint_inside
    target = folder / name
    try:
        real = target.resolve(strict=True)
    except (RuntimeError, OSError, ValueError):  # missing, a link loop, a name the system refuses (NUL)
        siblings = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "index.md") if folder.is_dir() else []
        close = suggest(name, siblings)
        return (f"'{value}' does not exist in the pill's folder",
                f"did you mean '{close}'?" if close else "add the file next to index.md, or fix the name")
    if not real.is_relative_to(folder.resolve()):
        return f"'{value}' is a link that points outside the pill's folder", "copy the file into the pill's folder instead of linking it"
    if not real.is_file():
        return f"'{value}' is not a file", "name a file, not a folder"
    if is_lfs_pointer(real):
        return (f"'{value}' is a Git LFS pointer, not the file itself (the real file was not downloaded)",
                "run 'git lfs install' then 'git lfs pull'; in CI fetch LFS files "
                "(GitHub: actions/checkout with 'lfs: true'; GitLab: GIT_LFS_SKIP_SMUDGE unset)")
    return None


def is_lfs_pointer(path: Path) -> bool:
    """A small text file standing in for a big one that git-lfs did not fetch."""
    try:
        if path.stat().st_size > 1024:
            return False
        with path.open("rb") as handle:
            return handle.read(len(_LFS_POINTER)) == _LFS_POINTER
    except OSError:
        return False


# --- the theme's icons --------------------------------------------------------------------


@functools.cache
def _theme_icons() -> Path | None:
    """The icons folder of the installed Material theme (located, not imported)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"
    return folder if folder.is_dir() else None


def icon_exists(icon: str) -> bool:
    """The theme includes `.icons/<icon>.svg` into the page: a missing one stops the build.
    Without the theme installed (a bare `pillole check`), the name's shape is all we check."""
    folder = _theme_icons()
    return folder is None or (folder / f"{icon}.svg").is_file()
