"""Read `content/` into a Catalog: registries, pills, learning paths, the site's own pages
and every problem found on the way.

This module (with boundary.py, which decides what may be opened) is the only one that reads
content files; the rules they are checked with are in `schema/`. It never writes into `content/`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import boundary, freshness, routes
from .build_memo import BuildMemo, Stamp, file_stamp, folder_stamp, settled
from .forked import fork_map
from .frontmatter import Document, read_markdown, read_yaml_file
from .gitmeta import apply_history, read_history
from .model import Catalog, ContentError, ContentPage, LearningPath, Pill, Settings
from .schema.body import body_problems
from .schema.fields import Reporter
from .schema.pages import site_page_from
from .schema.paths import check_prerequisites, path_from
from .schema.pill import PillContext, check_stale, clips_from, duplicate_slugs, pill_from
from .schema.registries import people_from, tags_from

PILLS_DIR = "pillole"
PATHS_DIR = "percorsi"
PEOPLE_FILE = "people.yml"
TAGS_FILE = "tags.yml"


def shown_path(path: Path, root: Path) -> str:
    """How a file is named in messages: relative to the project `root`, with '/'."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


#: Pages Pillole makes itself at the top of the site: a Markdown file of that name is replaced.
GENERATED_TOP_PAGES = (routes.STATUS, routes.PROGRESS)


@dataclass(frozen=True)
class Outcome:
    """What reading and checking one pill folder gave: the pill (None when it has errors), the
    clips cut from it, every problem found, its page and the files its front-matter names
    (both None when index.md could not be read)."""

    pill: Pill | None
    clips: tuple[Pill, ...] = ()
    errors: tuple[ContentError, ...] = ()
    page: ContentPage | None = None
    file_fields: tuple[str, ...] | None = None

    def copy(self) -> Outcome:
        """The same, with copies of the pills: a build fills their dates from git."""
        return dataclasses.replace(self, pill=self.pill and dataclasses.replace(self.pill),
                                   clips=tuple(dataclasses.replace(clip) for clip in self.clips))


#: Pill folders read by the previous load in this process (`mkdocs serve` builds again after
#: every save): a folder whose files did not change is not read and checked again.
_memo: BuildMemo[str, Stamp, Outcome] = BuildMemo()


class ContentLoader:
    """Loads one docs folder; error paths are shown relative to `root` (the project).

    Only files the boundary scan found to be regular files inside the folder are ever opened
    (see boundary.py); `config_files` are the docs-relative files mkdocs.yml names."""

    def __init__(self, docs_dir: Path, settings: Settings, root: Path | None = None,
                 today: dt.date | None = None, config_files: Iterable[str] = (), jobs: int = 1) -> None:
        self.docs_dir = Path(docs_dir).resolve()
        self.jobs = jobs  # processes reading pill folders (forked.fork_map)
        self.root = Path(root).resolve() if root else self.docs_dir.parent
        self.settings = settings
        self.today = today or freshness.today()
        self.config_files = tuple(config_files)
        self.scan = boundary.Scan(self.docs_dir)
        self.file_fields: dict[str, tuple[str, ...]] = {}  # pill src -> files its front-matter names
        self.replaced: list[str] = []  # top-level pages named like a page the site makes

    def display(self, path: Path) -> str:
        return shown_path(path, self.root)

    def load(self) -> Catalog:
        catalog = Catalog(self.settings)
        self.scan = boundary.scan(self.docs_dir, self.display)
        catalog.errors.extend(self.scan.problems)
        self._load_registries(catalog)
        self._load_pills(catalog)
        self._load_paths(catalog)  # steps name pills: after them
        self._load_site_pages(catalog)
        sources = [boundary.Source(src, self.file_fields.get(src, ()), page.body) for src, page in catalog.pages.items()]
        accounting = boundary.account(self.scan, [*sources, *map(boundary.Source, self.replaced)],
                                      self.config_files, self.display, generated=self.replaced)
        catalog.published = accounting.published
        catalog.errors.extend(accounting.problems)
        return catalog

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.docs_dir).as_posix()

    def _read_yaml(self, path: Path, catalog: Catalog, what: str) -> Document | None:
        shown = self.display(path)
        if self._relative(path) in self.scan.refused:
            return None  # a link or a special file: the scan reported it
        if not self.scan.readable(path):
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
        if not pills_root.is_dir() or pills_root.is_symlink():  # a link: the scan reported it
            return
        tag_lookup = catalog.tag_index()
        loaded: list[tuple[Pill, str]] = []
        shown_root = self.display(pills_root)
        _memo.start(self._memo_context())
        tasks: list[tuple[Path, str, str, PillContext]] = []
        for folder in sorted(Path(e.path) for e in os.scandir(pills_root) if e.is_dir(follow_symlinks=False)):
            index = folder / "index.md"
            shown = f"{shown_root}/{folder.name}/index.md"
            src = f"{PILLS_DIR}/{folder.name}/index.md"
            if src in self.scan.refused:
                continue  # a link or a special file: the scan reported it
            if not self.scan.readable(index):
                catalog.errors.append(ContentError(self.display(folder), None, None,
                                                   "this pill folder has no index.md",
                                                   "add index.md with the pill's front-matter, or remove the folder"))
                continue
            tasks.append((folder, shown, src, PillContext.of(catalog, folder, tag_lookup)))
        # Each folder on its own: on several cores at once in a build (the memo serves `mkdocs serve`, on one).
        outcomes = fork_map(lambda task: self._pill_outcome(*task), tasks, self.jobs)
        for (folder, shown, src, _), outcome in zip(tasks, outcomes):
            catalog.errors.extend(outcome.errors)
            if outcome.page is not None and outcome.file_fields is not None:
                self.file_fields[src] = outcome.file_fields
                catalog.pages[src] = outcome.page
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

    def _pill_outcome(self, folder: Path, shown: str, src: str, ctx: PillContext) -> Outcome:
        """The folder's outcome from the memo when its files did not change, else read."""
        stamp = folder_stamp(folder)
        outcome = _memo.get(str(folder), stamp)
        if outcome is not None:
            return outcome.copy()
        read_at = time.time()
        outcome = self._read_pill(folder, shown, src, ctx)
        if settled(stamp, read_at):
            _memo.put(str(folder), stamp, outcome.copy())
        return outcome

    def _read_pill(self, folder: Path, shown: str, src: str, ctx: PillContext) -> Outcome:
        """Read and check one pill folder: its pill, its clips, its page and every problem."""
        source, problem = read_markdown(folder / "index.md", shown)
        if source is None:
            return Outcome(None, errors=(problem,) if problem else ())
        errors = body_problems(source.body, shown, source.body_line)
        pill, pill_errors = pill_from(source.front, source.body, shown, folder.name, src, ctx)
        errors += pill_errors
        page = ContentPage(src, shown, source.body, source.body_line, pill.page_meta if pill else {})
        fields = boundary.front_matter_files(source.front.data)
        if pill is None:
            return Outcome(None, (), tuple(errors), page, fields)
        clips, clip_errors = clips_from(pill, source.front, shown, ctx)
        return Outcome(pill, tuple(clips), tuple(errors + clip_errors), page, fields)

    def _memo_context(self) -> tuple[object, ...]:
        """What every pill's checks depend on besides its own folder: where the project is,
        the settings, and the registries of people and tags."""
        registries = (file_stamp(self.docs_dir / name) for name in (PEOPLE_FILE, TAGS_FILE))
        return (str(self.docs_dir), str(self.root), repr(self.settings), *registries)

    def _load_paths(self, catalog: Catalog) -> None:
        """Every `percorsi/*.md`, checked against the catalog's pills and people, then their
        prerequisites against each other; a path with errors is left out of `catalog.paths`."""
        folder = self.docs_dir / PATHS_DIR
        if not folder.is_dir() or folder.is_symlink():
            return
        found: dict[str, tuple[LearningPath, Reporter]] = {}
        for file in sorted(folder.glob("*.md")):
            if not self.scan.readable(file):
                continue  # a link or a special file: the scan reported it
            shown = self.display(file)
            source, problem = read_markdown(file, shown)
            if source is None:
                catalog.errors.append(problem)  # type: ignore[arg-type]
                continue
            src = f"{PATHS_DIR}/{file.name}"
            catalog.pages[src] = ContentPage(src, shown, source.body, source.body_line, kind="path")
            catalog.errors.extend(body_problems(source.body, shown, source.body_line))
            rep = Reporter(shown, source.front)
            path = path_from(rep, file.stem, src, source.body, catalog)
            if path is None:
                catalog.errors.extend(rep.errors)
            else:
                found[path.id] = (path, rep)
        known = {path_id: path for path_id, (path, _) in found.items()}
        for path_id, (path, rep) in found.items():
            check_prerequisites(rep, path, known)
            catalog.errors.extend(rep.errors)
            if not rep.has_errors:
                catalog.paths[path_id] = path

    def _load_site_pages(self, catalog: Catalog) -> None:
        """The Markdown files at the top of the docs folder: the site's own pages (the home
        page, an 'about' page ...), checked like pills: page options, bounded text."""
        for name in sorted(self.scan.files):
            if "/" in name or not name.endswith(".md") or name.startswith("."):
                continue
            if name in GENERATED_TOP_PAGES:
                self.replaced.append(name)
                continue
            path = self.docs_dir / name
            shown = self.display(path)
            source, problem = read_markdown(path, shown)
            if source is None:
                catalog.errors.append(problem)  # type: ignore[arg-type]
                continue
            catalog.errors.extend(body_problems(source.body, shown, source.body_line))
            meta, errors = site_page_from(source.front, shown)
            catalog.errors.extend(errors)
            catalog.pages[name] = ContentPage(name, shown, source.body, source.body_line, meta, kind="site")


def load_catalog(docs_dir: Path, settings: Settings | None = None, root: Path | None = None,
                 today: dt.date | None = None, config_files: Iterable[str] = (), jobs: int = 1) -> Catalog:
    """Load and validate a whole docs folder (the one entry point used by CLI and plugin);
    `jobs`: processes reading pill folders at once (a build on several cores)."""
    return ContentLoader(docs_dir, settings or Settings(), root, today, config_files, jobs).load()
