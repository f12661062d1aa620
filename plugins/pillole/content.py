"""Read `content/` into a Catalog: registries, pills and every problem found on the way.

This module (with paths.py, for learning paths) is the only one that reads content files.
It never writes into `content/`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from . import freshness
from .build_memo import BuildMemo, Stamp, file_stamp, folder_stamp, settled
from .frontmatter import Document, read_markdown, read_yaml_file
from .gitmeta import apply_history, read_history
from .model import Catalog, ContentError, Pill, Settings
from .paths import load_paths
from .validate import (
    PillContext,
    check_stale,
    clips_from,
    duplicate_slugs,
    people_from,
    pill_from,
    tags_from,
)

PILLS_DIR = "pillole"
PEOPLE_FILE = "people.yml"
TAGS_FILE = "tags.yml"


@dataclass(frozen=True)
class Outcome:
    """What reading and checking one pill folder gave: the pill (None when it has errors),
    the clips cut from it, and every problem found."""

    pill: Pill | None
    clips: tuple[Pill, ...] = ()
    errors: tuple[ContentError, ...] = ()

    def copy(self) -> Outcome:
        """The same, with copies of the pills: a build fills their dates from git."""
        return Outcome(self.pill and dataclasses.replace(self.pill),
                       tuple(dataclasses.replace(clip) for clip in self.clips), self.errors)


#: Pill folders read by the previous load in this process (`mkdocs serve` builds again after
#: every save): a folder whose files did not change is not read and checked again.
_memo: BuildMemo[str, Stamp, Outcome] = BuildMemo()


class ContentLoader:
    """Loads one docs folder; error paths are shown relative to `root` (the project)."""

    def __init__(self, docs_dir: Path, settings: Settings, root: Path | None = None,
                 today: dt.date | None = None) -> None:
        self.docs_dir = Path(docs_dir).resolve()
        self.root = Path(root).resolve() if root else self.docs_dir.parent
        self.settings = settings
        self.today = today or freshness.today()

    def display(self, path: Path) -> str:
        """How a file is named in messages: relative to the project, with '/'."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    def load(self) -> Catalog:
        catalog = Catalog(self.settings)
        self._load_registries(catalog)
        self._load_pills(catalog)
        load_paths(self.docs_dir, catalog, self.display)  # steps name pills: after them
        return catalog

    def _read_yaml(self, path: Path, catalog: Catalog, what: str) -> Document | None:
        shown = self.display(path)
        if not path.is_file():
            catalog.errors.append(ContentError(shown, None, None, f"{what} is missing",
                                               f"create {shown} (see the README's mentor guide)"))
            return None
        document, problem = read_yaml_file(path, shown)
        if problem:
            catalog.errors.append(problem)
        return document

    def _load_registries(self, catalog: Catalog) -> None:
        people_path = self.docs_dir / PEOPLE_FILE
        doc = self._read_yaml(people_path, catalog, "the people registry")
        if doc is not None:
            catalog.people, catalog.teams, errors = people_from(doc, self.display(people_path))
            catalog.errors.extend(errors)
        tags_path = self.docs_dir / TAGS_FILE
        doc = self._read_yaml(tags_path, catalog, "the tag registry")
        if doc is not None:
            catalog.tags, errors = tags_from(doc, self.display(tags_path))
            catalog.errors.extend(errors)

    def _load_pills(self, catalog: Catalog) -> None:
        pills_root = self.docs_dir / PILLS_DIR
        if not pills_root.is_dir():
            return
        tag_lookup = catalog.tag_index()
        loaded: list[tuple[Pill, str]] = []
        shown_root = self.display(pills_root)
        _memo.start(self._memo_context())
        for folder in sorted(Path(entry.path) for entry in os.scandir(pills_root) if entry.is_dir()):
            index = folder / "index.md"
            shown = f"{shown_root}/{folder.name}/index.md"
            linked = next((path for path in (folder, index) if self._links_outside(path)), None)
            if linked is not None:
                catalog.errors.append(ContentError(
                    self.display(linked), None, None,
                    f"is a link that points outside {self.display(self.docs_dir)}/",
                    f"move the folder into {shown_root}/ instead of linking it" if linked == folder
                    else "copy the file into the pill's folder instead of linking it"))
                continue
            if not index.is_file():
                catalog.errors.append(ContentError(self.display(folder), None, None,
                                                   "this pill folder has no index.md",
                                                   "add index.md with the pill's front-matter, or remove the folder"))
                continue
            stamp = folder_stamp(folder)
            outcome = _memo.get(str(folder), stamp)
            if outcome is None:
                read_at = time.time()
                outcome = self._read_pill(folder, shown, PillContext(catalog, folder, tag_lookup))
                if settled(stamp, read_at):
                    _memo.put(str(folder), stamp, outcome.copy())
            else:
                outcome = outcome.copy()
            catalog.errors.extend(outcome.errors)
            if outcome.pill is not None:
                loaded.append((outcome.pill, shown))
                loaded.extend((clip, shown) for clip in outcome.clips)
        _memo.finish()
        catalog.errors.extend(duplicate_slugs(loaded))
        catalog.errors.extend(apply_history([pill for pill, _ in loaded], read_history(pills_root),
                                            self.display(pills_root)))
        catalog.errors.sort(key=lambda e: (e.path, e.line or 0))
        for pill, shown in loaded:
            catalog.pills.setdefault(pill.slug, pill)
            stale = check_stale(pill, self.today, shown, self.settings)
            if stale and not pill.parent:
                catalog.errors.append(stale)


    def _read_pill(self, folder: Path, shown: str, ctx: PillContext) -> Outcome:
        """Read and check one pill folder: its pill, its clips and every problem."""
        source, problem = read_markdown(folder / "index.md", shown)
        if source is None:
            return Outcome(None, errors=(problem,) if problem else ())
        src = f"{PILLS_DIR}/{folder.name}/index.md"
        pill, errors = pill_from(source.front, source.body, shown, folder.name, src, ctx)
        if pill is None:
            return Outcome(None, errors=tuple(errors))
        clips, clip_errors = clips_from(pill, source.front, shown, ctx)
        return Outcome(pill, tuple(clips), tuple(errors + clip_errors))

    def _memo_context(self) -> tuple[object, ...]:
        """What every pill's checks depend on besides its own folder: where the project is,
        the settings, and the registries of people and tags."""
        registries = (file_stamp(self.docs_dir / name) for name in (PEOPLE_FILE, TAGS_FILE))
        return (str(self.docs_dir), str(self.root), repr(self.settings), *registries)

    def _links_outside(self, path: Path) -> bool:
        """A pill folder or index.md linked from elsewhere would publish files from outside the
        docs folder (MkDocs follows links): only content that lives in it is read."""
        try:
            return path.is_symlink() and not path.resolve().is_relative_to(self.docs_dir)
        except (OSError, RuntimeError):  # a link loop: reported as a missing index.md
            return False


def load_catalog(docs_dir: Path, settings: Settings | None = None, root: Path | None = None,
                 today: dt.date | None = None) -> Catalog:
    """Load and validate a whole docs folder (the one entry point used by CLI and plugin)."""
    return ContentLoader(docs_dir, settings or Settings(), root, today).load()
