"""The pages of a site built by forked worker processes during `mkdocs build`, on every core.

MkDocs builds one page after another, on one core. At 10,000 pills nearly all of a build is
per page and independent of the other pages: converting a pill's Markdown, cleaning it,
Pillole's template around it, the theme's template around that, writing it; the same for
the lists of tags, people and paths, made from the catalog. So, once the files and the
navigation are final (`on_nav`), the build forks workers (`page_jobs`, by default one per
core) and deals them every page outside the navigation, one page at a time: a worker takes
the next page when it is done with its last, so a worker slowed down by the machine (a shared
virtual machine's cores are not always there) builds fewer pages instead of finishing alone.

A worker runs the engine's own steps on each page of its share (MkDocs' `_populate_page`
and `_build_page`, with every plugin event), so it writes, at the page's place in
`site_dir`, byte for byte what the main process would have written. It sends back what the
main process needs afterwards: a pill's search text, the page's anchors (links from other
pages are checked against them), its links to other pages' anchors (checked by the engine
after the build) and every message it logged, which the main process logs again (so
`--strict` counts them). In the main process such a page costs next to nothing: no source
read, an empty conversion, a template that renders nothing, and an empty output, which the
engine does not write (its note "Page skipped ... Generated empty output" is left out for
these pages, `_QuietSkips`).

Only for `mkdocs build` (not `serve`, which keeps pages in memory instead, see
rendered_pages.py; not `--dirty`), where `fork` exists, and only while Pillole's are the
only page events (another plugin's per-page state would stay in a worker). A worker that
fails stops taking pages, and a page no worker reported (the one it failed on) is built by
the main process the usual way, so an error reads as it would without workers.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from types import ModuleType
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..forked import MIN_ITEMS, can_fork, cores
from ..overwrite import write_over
from .log_capture import ENGINES, Capture, Record, replay
from .reused_converter import reuse_converters

#: The theme template of a page a worker built: renders nothing (the worker wrote the page).
TEMPLATE = "pillole/built_elsewhere.html"
#: Events that run per page in the workers: parallel only while Pillole's are the only ones.
_PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page", "env")
#: Seconds a worker waits for its turn to take a page: only a worker killed while taking one
#: holds the turn that long, and the others then leave their remaining pages to the main process.
_TURN_SECONDS = 10.0


@dataclass(frozen=True)
class Built:
    """What the main process needs of a page a worker built."""

    src: str
    records: tuple[Record, ...]
    kept: Any  # what the main process keeps of the page (`keep`), None for most pages
    anchors: frozenset[str] | None
    #: links to anchors of other pages: target source path -> {anchor: link as written}
    links: dict[str, dict[str, str]] | None


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection


@dataclass
class ParallelPages:
    """Lives as long as the plugin object; one `start` per build."""

    enabled: bool = False
    jobs: int = 1
    _explicit: bool = False  # `page_jobs` set: workers whatever the number of pages
    #: pages the workers of the last build built, and how many workers there were
    built: int = 0
    workers: int = 0
    _workers: list[_Worker] = field(default_factory=list)
    _sources: list[str] = field(default_factory=list)  # the pages dealt, in their order
    _taken: set[str] = field(default_factory=set)
    _quiet: logging.Filter | None = None

    def start(self, command: str, dirty: bool, jobs: int | None) -> None:
        """A new build (on_config): `jobs` is the `page_jobs` option."""
        self.finish()
        self.jobs = jobs if jobs is not None else cores()
        self.enabled = command == "build" and not dirty and self.jobs > 1 and can_fork()
        self._explicit = jobs is not None
        self._workers, self._sources, self._taken, self.built, self.workers = [], [], set(), 0, 0

    def fork(self, config: MkDocsConfig, files: Files, nav: Navigation, sources: Sequence[str],
             keep: Callable[[str], Any]) -> None:
        """Deal the pages of `sources` out to the workers (on_nav); `keep(src)`, run in a
        worker after a page is built, gives what the main process keeps of it (a pill's search
        text...)."""
        engine = _engine(config)
        if (not self.enabled or engine is None or (len(sources) < MIN_ITEMS and not self._explicit)
                or any(len(config.plugins.events[event]) > 1 for event in _PAGE_EVENTS)):
            return
        context = multiprocessing.get_context("fork")
        # Until the workers are done, the collector leaves alone what exists now (the catalog,
        # the files): a collection would write into every object, and each page of memory it
        # writes is copied, the workers' and the main process's (with it, 1.1 GB at 10,000 pills).
        gc.collect()
        gc.freeze()
        self._quiet = _QuietSkips(self._taken)
        logging.getLogger(f"{_engine_name(config)}.commands.build").addFilter(self._quiet)
        self._sources = list(sources)
        dealt = context.Value("q", 0)  # how many of `sources` the workers have taken
        for number in range(min(self.jobs, len(sources))):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=self._work, args=(engine, config, files, nav, self._sources, dealt,
                                                               keep, send),
                                      name=f"pillole-pages-{number + 1}", daemon=True)
            process.start()
            send.close()
            self._workers.append(_Worker(process, receive))
        self._taken.update(self._sources)

    @property
    def forked(self) -> bool:
        """Whether workers are building pages now (between `fork` and `collect`)."""
        return bool(self._workers)

    def taken(self, src: str) -> bool:
        """Whether a worker builds this page (the main process then only stands in for it)."""
        return src in self._taken

    def stand_in(self, page: Page) -> None:
        """The main process's page for one a worker builds converts nothing: not even an
        empty string, for which MkDocs would set up a Markdown converter (at 10,000 pills,
        seconds of the main process's time while the workers need both cores)."""
        page.render = functools.partial(self._render, page)  # type: ignore[method-assign]

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.taken(page.file.src_uri):
            page.content = ""
        else:  # its worker failed: the main process builds it (`collect`)
            type(page).render(page, config, files)

    def collect(self, config: MkDocsConfig, files: Files) -> dict[str, Any]:
        """Wait for the workers (on_env), log what they logged, give the main process's pages
        their anchors and links, and return what `keep` gave for each page, by source
        path. The pages of a worker that failed are built here, the usual way."""
        found: dict[str, Any] = {}
        results: list[Built] = []
        for worker in self._workers:
            try:
                results += worker.conn.recv()
            except (EOFError, OSError):
                pass
            worker.process.join()
        order = {src: index for index, src in enumerate(self._sources)}
        results.sort(key=lambda built: order[built.src])  # messages in the pages' order, whoever built them
        self.built += len(results)
        for built in results:
            _apply(built, files)
            if built.kept is not None:
                found[built.src] = built.kept
        done = {built.src for built in results}
        failed = [src for src in self._sources if src not in done]
        if self._workers:
            gc.unfreeze()  # frozen by `fork`
        self.workers, self._workers, self._sources = len(self._workers), [], []
        self._taken.difference_update(failed)
        engine = _engine(config)
        for src in sorted(failed):
            file = files.get_file_from_path(src)
            if file is not None and file.page is not None and engine is not None:
                engine._populate_page(file.page, config, files)
        return found

    def finish(self) -> None:
        """The build is over (on_post_build): the engine's notes are its own again."""
        if self._quiet is not None:
            for name in ENGINES:
                logging.getLogger(f"{name}.commands.build").removeFilter(self._quiet)
            self._quiet = None

    def _work(self, engine: ModuleType, config: MkDocsConfig, files: Files, nav: Navigation, sources: list[str],
              dealt: Synchronized, keep: Callable[[str], Any], conn: Connection) -> None:
        """A worker: builds the pages it takes as the main process would have, without workers of its own."""
        self.enabled, self._workers, self._sources, self._taken = False, [], [], set()
        _build_share(engine, config, files, nav, _taking(sources, dealt), keep, conn)


class _QuietSkips(logging.Filter):
    """Leaves out the engine's "Page skipped" note for the pages the workers wrote."""

    def __init__(self, taken: set[str]) -> None:
        super().__init__()
        self.taken = taken

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.taken)


def _engine_name(config: MkDocsConfig) -> str:
    """"mkdocs", or "properdocs" (its drop-in fork), whichever runs this build."""
    return type(config).__module__.partition(".")[0]


def _engine(config: MkDocsConfig) -> ModuleType | None:
    """The build module of the engine running, if it has the page steps."""
    try:
        module = importlib.import_module(f"{_engine_name(config)}.commands.build")
    except ImportError:
        return None
    return module if hasattr(module, "_populate_page") and hasattr(module, "_build_page") else None


def _apply(built: Built, files: Files) -> None:
    """Log a worker's messages again and put its page's anchors and links on the main
    process's page, for the engine's check of links to anchors after the build."""
    replay(built.records)
    file = files.get_file_from_path(built.src)
    if file is None or file.page is None:
        return
    file.page.present_anchor_ids = set(built.anchors) if built.anchors is not None else None
    if built.links is not None:
        file.page.links_to_anchors = {target: links for target_src, links in built.links.items()
                                      if (target := files.get_file_from_path(target_src)) is not None}


def _taking(sources: list[str], dealt: Synchronized) -> Iterator[str]:
    """The pages of `sources` a worker takes, one after another, until none is left: the
    next one no worker has taken (`dealt` counts them, shared by the workers)."""
    turn = dealt.get_lock()
    while turn.acquire(timeout=_TURN_SECONDS):
        try:
            at = dealt.value
            dealt.value = at + 1
        finally:
            turn.release()
        if at >= len(sources):
            return
        yield sources[at]


def _build_share(engine: ModuleType, config: MkDocsConfig, files: Files, nav: Navigation, share: Iterator[str],
                 keep: Callable[[str], Any], conn: Connection) -> None:
    """Build each page of `share` as the engine would, send back a `Built` for each.
    Whatever goes wrong here is left to the main process (see `collect`): nothing is printed."""
    capture = Capture()
    capture.attach(*{"mkdocs", _engine_name(config)}, alone=True)
    results: list[Built] = []
    try:
        # This process only builds pages: each is written over the previous site's (overwrite.py).
        engine.utils.write_file = write_over
        page_module = importlib.import_module(f"{_engine_name(config)}.structure.pages")
        reuse_converters(page_module)  # one Markdown converter for this process's pages
        page_kind = page_module.Page
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        for page in nav.pages:  # their titles, in the navigation of every page, as the main process has them
            engine._populate_page(page, config, files)
        doc_files = files.documentation_pages()
        # What exists now (the navigation's pages, the theme's environment) outlives the
        # pages: the collector need not look at it again at every full collection.
        gc.collect()
        gc.freeze()
        for src in share:
            file = files.get_file_from_path(src)
            if file is None:
                continue
            capture.records = []
            page = file.page or page_kind(None, file, config)
            engine._populate_page(page, config, files)
            engine._build_page(page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
            results.append(_built(page, capture.records, keep(src)))
            page.markdown = page.content = None  # the worker keeps only what it sends back
    except BaseException:  # noqa: BLE001 - the pages not sent are built again by the main process, which reports
        pass
    conn.send(results)
    conn.close()


def _built(page: Page, records: list[Record], kept: Any) -> Built:
    links = page.links_to_anchors
    return Built(page.file.src_uri, tuple(records), kept,
                 frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                 {target.src_uri: dict(found) for target, found in links.items()} if links is not None else None)
