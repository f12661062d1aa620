"""Content-addressed cache of media outputs, safe against kills and concurrent builds.

An entry is a folder ``<root>/<key[:2]>/<key>/`` holding its outputs and a
``manifest.json`` (file names and sizes, plus what the pipeline needs to describe the
result without ffmpeg). The key hashes the input bytes, every output setting and the
ffmpeg version, so an entry is never stale: it is either there or not.

Entries are built in ``<root>/tmp/`` and renamed into place with ``os.replace``: a build
killed half-way leaves only a temp folder no one reads (`prune` removes old ones), and
when two builds make the same entry, the second rename fails harmlessly and both use the
first. A small ``index.json`` remembers file hashes by (path, size, mtime, change time,
inode), probe results and ffmpeg versions, so a build with nothing to do neither
re-reads big recordings nor starts ffmpeg.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
INDEX = "index.json"
UPDATED = "updated"
TMP = "tmp"
CHUNK = 1 << 20
STALE_TMP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Entry:
    key: str
    path: Path
    meta: dict[str, Any]


def settings_key(**parts: Any) -> str:
    """sha256 of the canonical JSON of `parts` (input hash, settings, ffmpeg version...)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class MediaCache:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._index: dict[str, dict[str, Any]] = {"hashes": {}, "probes": {}, "versions": {}}
        self._saved = ""
        try:
            self._saved = (self.root / INDEX).read_text()
            loaded = json.loads(self._saved)
            for section in self._index:
                if isinstance(loaded.get(section), dict):
                    self._index[section] = loaded[section]
        except (OSError, ValueError):
            pass  # no index yet, or a damaged one: it is only a memo

    # -- memo (index.json) -------------------------------------------------------------

    @property
    def versions(self) -> dict[str, str]:
        """Memo of ``ffmpeg -version`` for `ffmpeg_bin.find_ffmpeg` (it may add to it)."""
        return self._index["versions"]

    def file_hash(self, path: str | os.PathLike[str]) -> str:
        """sha256 of the file's bytes, memoised by (absolute path, size, mtime, ctime, inode).

        Size and mtime alone are not enough: a recording replaced by another of the same
        size with its mtime kept (``cp -p``, ``rsync -t``, an unzip) would reuse the old
        transcode. The change time cannot be set back by a copy or ``touch``, and a
        replacing file usually gets a new inode, so together they tell a new file.
        """
        path = Path(path).resolve()
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        with self._lock:
            known = self._index["hashes"].get(str(path))
        if known and known[:-1] == stamp:
            return known[-1]
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        with self._lock:
            self._index["hashes"][str(path)] = [*stamp, digest.hexdigest()]
        return digest.hexdigest()

    def probe_get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            return self._index["probes"].get(key)

    def probe_put(self, key: str, info: dict[str, Any]) -> None:
        with self._lock:
            self._index["probes"][key] = info

    def save(self) -> None:
        """Write the memo atomically, only if it changed (a watcher may be looking at it).

        Last writer wins between processes: a lost memo only costs a re-hash or a re-probe.
        """
        with self._lock:
            text = json.dumps(self._index, sort_keys=True)
            if text != self._saved:
                _write_atomic(self.root / INDEX, text, self.root)
                self._saved = text

    def mark_updated(self) -> None:
        """Touch ``<root>/updated`` after new entries: `mkdocs serve` watches it to rebuild."""
        _write_atomic(self.root / UPDATED, str(time.time()), self.root)

    # -- entries -----------------------------------------------------------------------

    def path_for(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Entry | None:
        """The entry if it is complete (manifest present, every file with its size)."""
        path = self.path_for(key)
        try:
            manifest = json.loads((path / MANIFEST).read_text())
            for name, size in manifest["files"].items():
                if (path / name).stat().st_size != size:
                    return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return Entry(key, path, manifest.get("meta", {}))

    def put(self, key: str, produce: Callable[[Path], dict[str, Any]]) -> Entry:
        """Build an entry with `produce(folder) -> meta` in a temp folder, then publish it.

        If `produce` raises, the temp folder is removed and nothing is published.
        """
        tmp_root = self.root / TMP
        tmp_root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=key[:16] + "-", dir=tmp_root))
        try:
            meta = produce(tmp)
            files = {p.name: p.stat().st_size for p in sorted(tmp.iterdir()) if p.is_file()}
            manifest = {"key": key, "files": files, "meta": meta, "created": time.time()}
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
            final = self.path_for(key)
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists() and self.get(key) is None:
                # Damaged (e.g. a cache merged from an interrupted copy): move it aside first.
                os.replace(final, tempfile.mkdtemp(prefix="broken-", dir=tmp_root))
            try:
                os.replace(tmp, final)
            except OSError:
                pass  # another build published the same entry first: use theirs
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            _remove_broken(tmp_root)
        entry = self.get(key)
        if entry is None:
            raise RuntimeError(f"cache entry {key} vanished after it was written")
        return entry

    def keys(self) -> set[str]:
        return {p.name for p in self.root.glob("??/*") if p.is_dir() and len(p.name) == 64}

    def prune(self, keep_keys: Iterable[str]) -> list[str]:
        """Remove entries not in `keep_keys` and temp folders of long-dead builds."""
        keep = set(keep_keys)
        removed = sorted(self.keys() - keep)
        for key in removed:
            shutil.rmtree(self.path_for(key), ignore_errors=True)
        now = time.time()
        for tmp in (self.root / TMP).glob("*"):
            if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                shutil.rmtree(tmp, ignore_errors=True)
        return removed


def _remove_broken(tmp_root: Path) -> None:
    for broken in tmp_root.glob("broken-*"):
        shutil.rmtree(broken, ignore_errors=True)


def _write_atomic(path: Path, text: str, folder: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=folder)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
