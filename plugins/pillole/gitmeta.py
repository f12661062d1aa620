"""When each pill was created and last changed, and by whom, from the git history.

Mentors contribute through git, so the history already knows the dates and the people:
nobody has to keep `date:` up to date by hand. The whole pills folder is read in ONE
`git log` pass (a site of 5,000 pills must not start 5,000 git processes), and a process that
builds again (`mkdocs serve`) reuses that pass while HEAD and .mailmap stay the same. Fallbacks:
outside a git checkout (a zip export, a file share) the files' modification times; in a
shallow clone (CI's default) the commits that are there, and a notice saying so.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .build_memo import file_stamp
from .model import ContentError, Pill

#: Starts each commit's header line in the log output (a byte no path or name contains).
_COMMIT = "\x1e"
_FIELD = "\x1f"
_TIMEOUT = 300


@dataclass
class History:
    """The history of one pill folder, oldest facts first."""

    created: dt.date
    updated: dt.date
    contributors: list[str] = field(default_factory=list)  # author names (.mailmap applied), by first contribution


@dataclass
class SiteHistory:
    """The history of every pill folder, and where it came from."""

    pills: dict[str, History]  # pill folder name -> History
    source: str  # "git", "shallow" (git with part of the history) or "mtime"
    commits: int = 0
    refused: str | None = None  # git's reason when it would not read a checkout (e.g. dubious ownership)


#: (pills folder, HEAD commit, .mailmap stamp) -> what `git log` said, for the next build
#: of the same process; one entry, the last one read.
_last_log: dict[tuple[object, ...], tuple[dict[str, History], int]] = {}


def read_history(pills_dir: Path) -> SiteHistory:
    """The history of every folder under `pills_dir`, in one `git log` pass when possible."""
    pills_dir = Path(pills_dir)
    found, error = _git(pills_dir, "rev-parse", "--is-shallow-repository", "--show-toplevel")
    if found is None:
        return SiteHistory(_from_mtimes(pills_dir), "mtime", refused=_refusal(error))
    shallow, _, top = found.partition("\n")
    head, _ = _git(pills_dir, "rev-parse", "-q", "--verify", "HEAD")
    key = (str(pills_dir.resolve()), (head or "").strip(), file_stamp(Path(top.strip()) / ".mailmap"))
    if head and key in _last_log:
        pills, commits = _last_log[key]
    else:
        log, error = _git(pills_dir, "-c", "core.quotePath=false", "log", "--relative", "--name-only",
                          f"--format={_COMMIT}%aI{_FIELD}%aN", "--", ".")
        if log is None:
            return SiteHistory(_from_mtimes(pills_dir), "mtime", refused=_refusal(error))
        pills, commits = parse_log(log)
        _last_log.clear()
        _last_log[key] = pills, commits
    pills = {**pills, **_from_mtimes(pills_dir, skip=pills)}  # folders not committed yet
    return SiteHistory(pills, "shallow" if shallow.strip() == "true" else "git", commits)


def parse_log(log: str) -> tuple[dict[str, History], int]:
    """Fold `git log --name-only` output (newest commit first) into one History per folder."""
    pills: dict[str, History] = {}
    commits = 0
    for chunk in log.split(_COMMIT)[1:]:
        header, _, names = chunk.partition("\n")
        when, _, author = header.partition(_FIELD)
        day = dt.date.fromisoformat(when[:10])
        commits += 1
        for folder in {name.split("/", 1)[0] for name in names.splitlines() if "/" in name}:
            history = pills.get(folder)
            if history is None:
                pills[folder] = History(day, day, [author])
                continue
            history.created = min(history.created, day)  # log order: going back in time
            history.updated = max(history.updated, day)
            if author in history.contributors:
                history.contributors.remove(author)
            history.contributors.insert(0, author)
    return pills, commits


def _git(cwd: Path, *args: str) -> tuple[str | None, str]:
    """(output, error text) of a git command; output None when git is missing or failed."""
    if shutil.which("git") is None or not cwd.is_dir():
        return None, ""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    return (proc.stdout if proc.returncode == 0 else None), proc.stderr


def _refusal(error: str) -> str | None:
    """Git's first line when it failed on a checkout; None when there is simply no checkout."""
    lines = [line.strip() for line in error.splitlines() if line.strip()]
    if not lines or "not a git repository" in error:
        return None
    return lines[0]


def _from_mtimes(pills_dir: Path, skip: Collection[str] = ()) -> dict[str, History]:
    """Dates from the files' modification times (created: oldest file, updated: newest), for
    every folder but those in `skip` (already known from git)."""
    pills: dict[str, History] = {}
    if not pills_dir.is_dir():
        return pills
    for folder in os.scandir(pills_dir):
        if folder.name in skip or not folder.is_dir(follow_symlinks=False):
            continue
        # Links are not followed: one may loop or lead outside content/ (see boundary.py).
        times = [entry.stat(follow_symlinks=False).st_mtime for entry in os.scandir(folder.path)
                 if entry.is_file(follow_symlinks=False)]
        if times:
            first, last = (dt.date.fromtimestamp(t) for t in (min(times), max(times)))
            pills[folder.name] = History(first, last)
    return pills


def apply_history(pills: Iterable[Pill], history: SiteHistory, shown_dir: str) -> list[ContentError]:
    """Fill `date` (front-matter wins), `updated` and `contributors` of every pill.

    A clip takes the history of the webinar it is cut from. Returns the notice about a
    shallow clone (information for whoever runs the build, never a failure).
    """
    for pill in pills:
        found = history.pills.get(pill.parent or pill.slug)
        if found is None:
            continue
        pill.date = pill.date or found.created
        pill.updated = found.updated
        pill.contributors = tuple(found.contributors)
    if history.refused:
        return [ContentError(
            shown_dir, None, None,
            f"git could not read the history ({history.refused}); dates come from the files' times",
            "if git says 'dubious ownership' (a CI container running as another user), add "
            "'git config --global --add safe.directory \"$PWD\"' before the build",
            "notice",
        )]
    if history.source != "shallow":
        return []
    return [ContentError(
        shown_dir, None, None,
        f"shallow git clone: creation dates and contributors come from the {history.commits} "
        "commit(s) available",
        "clone the whole history for exact dates (GitHub Actions: fetch-depth: 0; GitLab: GIT_DEPTH: 0)",
        "notice",
    )]
