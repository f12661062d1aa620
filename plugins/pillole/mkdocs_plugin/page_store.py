"""The kept pill pages on disk (rendered_pages.py): one SQLite file in the cache folder.

One file per page cost a file's creation per pill at every build, which on a CI machine's
disk is most of the cost of keeping a page (about a millisecond, more than pickling it). A
SQLite database in WAL mode takes the build's workers writing at once, each page in its own
transaction (a build stopped half-way keeps the pages it finished, never half a page). A
database that cannot be read (a broken file, another format) is started again: a cache
only saves work.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

#: The database's file name in the cache folder.
FILE_NAME = "pages.sqlite"
#: Seconds a worker waits for the other to finish writing a page.
_WAIT = 60.0


class PageStore:
    """Bytes by name, each with the key it was made for. Each process (the build, its forked
    workers) opens its own connection: one is never carried across a fork. The process that
    made the store opens it first (`open`, before any fork) and is the only one that starts
    a broken database again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._owner = os.getpid()

    def open(self) -> bool:
        """Open (create, or start again) the database in this process; False: pages are not kept."""
        self._pid = os.getpid()
        self._db = self._connect()
        return self._db is not None

    def get(self, name: str, key: str) -> bytes | None:
        """The bytes kept under `name` for `key` (None: none, or kept for another key)."""
        db = self._connection()
        try:
            row = db.execute("SELECT key, data FROM pages WHERE name = ?", (name,)).fetchone() if db else None
        except sqlite3.Error:
            return None
        return row[1] if row is not None and row[0] == key else None

    def put(self, name: str, key: str, data: bytes) -> None:
        db = self._connection()
        try:
            if db is not None:
                db.execute("INSERT OR REPLACE INTO pages (name, key, data) VALUES (?, ?, ?)", (name, key, data))
        except sqlite3.Error:
            pass  # a page not kept only costs the next build its conversion

    def close(self) -> None:
        """End of the build (its workers are done): the pages they wrote into the database's
        log are moved into the database, and the log is removed."""
        if self._db is not None and self._pid == os.getpid():
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._db.close()
            except sqlite3.Error:
                pass
        self._db, self._pid = None, 0

    def _connection(self) -> sqlite3.Connection | None:
        if self._pid != os.getpid():
            self.open()
        return self._db

    def _connect(self) -> sqlite3.Connection | None:
        for attempt in (1, 2):
            db = None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=_WAIT, isolation_level=None)
                # Never forced to disk: a cache, and a database broken by a crash is started
                # again. SQLite would flush it at every checkpoint (every 4 MB of pages: 60
                # times per 1,000 pills), each time waiting for whatever else the disk is
                # writing (a CI runner's other jobs).
                db.execute("PRAGMA synchronous = OFF")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("CREATE TABLE IF NOT EXISTS pages "
                           "(name TEXT PRIMARY KEY, key TEXT NOT NULL, data BLOB NOT NULL)")
                return db
            except (sqlite3.Error, OSError) as error:
                if db is not None:
                    db.close()
                # Only a file that is not a database this code reads is started again (not one
                # locked for longer than _WAIT, nor a folder without write access), by its owner.
                broken = isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError)
                if not broken or attempt == 2 or os.getpid() != self._owner:
                    return None
                remove(self.path)
        return None


def remove(path: Path) -> None:
    """Delete the database at `path` with the files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
