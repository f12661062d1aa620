"""Pill pages' Markdown as an earlier build converted and cleaned it, for the next build.

Converting a pill's Markdown, cleaning the HTML and reading its words for search are most of
the work of a pill page (at 10,000 pills, half of a build's CPU time), and nearly every pill
is the same from one build to the next. So each pill page's rendering (HTML, table of
contents, anchors, links to anchors, search text and terms, and the messages logged while
making it) is kept, and the next build gives it back instead of converting again, MkDocs
converting an empty string:
- under `mkdocs serve`, in memory, from one rebuild to the next (also for `--dirty`, where
  MkDocs does not render unchanged pages at all: their search text comes from here);
- under `mkdocs build`, in a database in the cache folder (page_store.py), so a CI job that
  keeps the cache folder, as it keeps the media, converts only what changed.

A rendering is reused only while all it was made from is the same: the page's Markdown,
source path and URL; the Markdown extensions and their settings, the link checks' settings,
the site's options that change the result (raw HTML allowed, the language of search), the
code that makes it (Pillole's own source, the versions of MkDocs, Python-Markdown, nh3 and
the Markdown extensions: `_code`, so a fix to the cleaning cleans every page again); and
the files its links can reach: the files of the pill's own folder, and, when its HTML links out of the
folder, every file of the site. The messages are logged again when it is reused, so a
broken link fails `--strict` at every build. Only while no other plugin changes pages'
Markdown (its output could change while the pill's does not).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from ..search.builder import TextTerms
from .log_capture import ENGINES, Capture, Record, replay
from .page_store import PageStore

#: A link or an image out of the page's own folder, in the converted HTML: to a parent
#: folder or from the site's root (not an anchor, not a URL with a scheme).
_OUT_OF_FOLDER = re.compile(r"""(?:href|src)=["'](?![a-zA-Z][a-zA-Z0-9+.-]*:)(?:/|(?:[^"'#]*/)?\.\./)""")


@dataclass(frozen=True)
class _Rendered:
    html: str
    text: str  # what the search index reads (see search.documents.html_text)
    terms: TextTerms
    toc: TableOfContents
    anchors: frozenset[str] | None
    #: links to anchors of other pages: target source path -> {anchor: link as written}
    links: dict[str, dict[str, str]] | None
    records: tuple[Record, ...]
    #: what the links can reach: the own folder's files, and the site's if they leave it
    reach: tuple[object, ...] = ()


@dataclass
class _Build:
    """One build's view of the files (computed once: a page asks for its folder's)."""

    inputs: tuple[object, ...]
    folders: dict[str, tuple[tuple[str, str], ...]]
    everything: str

    @classmethod
    def of(cls, config: MkDocsConfig, files: Files, options: tuple[object, ...]) -> _Build:
        listed = sorted((file.src_uri, file.url) for file in files)
        folders: dict[str, list[tuple[str, str]]] = {}
        for src, url in listed:
            folders.setdefault(src.rpartition("/")[0], []).append((src, url))
        inputs = (repr(config.markdown_extensions), repr(config.mdx_configs), config.use_directory_urls,
                  repr(config.validation), options, _code())
        everything = hashlib.sha256(repr(listed).encode()).hexdigest()
        return cls(inputs, {folder: tuple(found) for folder, found in folders.items()}, everything)

    def reach(self, src: str, out_of_folder: bool) -> tuple[object, ...]:
        own = self.folders.get(src.rpartition("/")[0], ())
        return (own, self.everything) if out_of_folder else (own,)


@dataclass
class RenderedPages:
    """Lives as long as the plugin object (`mkdocs serve` keeps it between builds)."""

    _memory: dict[str, tuple[str, _Rendered]] = field(default_factory=dict)
    _store: PageStore | None = None  # mkdocs build: the cache folder's; None under serve
    _enabled: bool = False
    _build: _Build | None = None
    _hits: dict[str, _Rendered] = field(default_factory=dict)  # found by `markdown`, until `content`
    _misses: dict[str, str] = field(default_factory=dict)  # not found by `markdown`: their keys, until `content`
    _reused: set[str] = field(default_factory=set)
    _capture: Capture | None = None
    _seen: set[str] = field(default_factory=set)
    _options: tuple[object, ...] = ()

    def start(self, serving: bool, store: Path | None, options: tuple[object, ...]) -> None:
        """A new build (on_config): in memory under serve, else in the database at `store`
        (None: off); `options`: the site's options the rendering depends on."""
        self._store, self._options = (None if serving or store is None else PageStore(store)), options
        self._enabled = serving or (self._store is not None and self._store.open())
        self._build, self._hits, self._misses, self._reused, self._seen = None, {}, {}, set(), set()

    def markdown(self, page: Page, markdown_text: str, config: MkDocsConfig, files: Files) -> str:
        """What MkDocs should convert for a pill page: '' when its last rendering still holds."""
        if self._build is None and self._enabled:
            self._enabled = len(config.plugins.events["page_markdown"]) == 1
            self._build = _Build.of(config, files, self._options)
        if not self._enabled or self._build is None:
            return markdown_text
        src = page.file.src_uri
        self._seen.add(src)
        key = _key(self._build.inputs, src, page.url, markdown_text)
        found = self._load(src, key)
        if found is not None and found.reach == self._build.reach(src, len(found.reach) > 1):
            self._hits[src] = found
            return ""
        self._misses[src] = key
        self._capture = Capture()
        self._capture.attach(*ENGINES)  # a page's messages: MkDocs' and Pillole's
        return markdown_text

    def content(self, page: Page, html: str, files: Files, text_of: Callable[[str], str],
                terms_of: Callable[[str, TextTerms | None], TextTerms]) -> tuple[str, TextTerms]:
        """The pill page's HTML and search terms: restored when `markdown` found them (its
        messages logged again; `terms_of(text, kept terms)` checks the terms still hold), else
        made from `html` as MkDocs rendered it (`text_of` reads its words) and kept."""
        src = page.file.src_uri
        found = self._hits.pop(src, None)  # not kept after: at 10,000 pills they would be 250 MB
        if found is not None:
            self._reused.add(src)
            replay(found.records)
            page.toc = found.toc
            page.present_anchor_ids = set(found.anchors) if found.anchors is not None else None
            if found.links is not None:
                page.links_to_anchors = {target: links for target_src, links in found.links.items()
                                         if (target := files.get_file_from_path(target_src)) is not None}
            kept = replace(found.terms, terms=tuple(map(sys.intern, found.terms.terms)))  # as text_terms makes them
            return found.html, terms_of(found.text, kept)
        records: tuple[Record, ...] = ()
        if self._capture is not None:
            self._capture.detach(*ENGINES)
            records, self._capture = tuple(self._capture.records), None
        text = text_of(html)
        terms = terms_of(text, None)
        key = self._misses.pop(src, None)
        if key is not None and self._build is not None:
            links = page.links_to_anchors
            self._store_page(src, key, _Rendered(
                html, text, terms, page.toc,
                frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                {file.src_uri: dict(found) for file, found in links.items()} if links is not None else None,
                records, self._build.reach(src, bool(_OUT_OF_FOLDER.search(html)))))
        return html, terms

    def terms_of(self, src: str) -> TextTerms | None:
        """The search terms of a pill page this build did not render (`--dirty`)."""
        found = self._memory.get(src) if self._enabled and self._store is None else None
        if found is None:
            return None
        self._seen.add(src)
        return found[1].terms

    @property
    def reused(self) -> int:
        """Pill pages of this build given their previous rendering."""
        return len(self._reused)

    def reused_page(self, src: str) -> bool:
        """Whether this build gave the page its previous rendering."""
        return src in self._reused

    def finish(self) -> None:
        """End of the build: memory forgets the pages the build did not ask for; the database is closed."""
        if self._store is None:
            self._memory = {src: entry for src, entry in self._memory.items() if src in self._seen}
        else:
            self._store.close()

    def _load(self, src: str, key: str) -> _Rendered | None:
        if self._store is None:
            entry = self._memory.get(src)
            return entry[1] if entry is not None and entry[0] == key else None
        data = self._store.get(src, key)
        try:
            found = pickle.loads(data) if data is not None else None
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
            return None  # from another version of Pillole: made again
        return found if isinstance(found, _Rendered) else None

    def _store_page(self, src: str, key: str, rendered: _Rendered) -> None:
        if self._store is None:
            self._memory[src] = (key, rendered)
        else:
            self._store.put(src, key, pickle.dumps(rendered, protocol=pickle.HIGHEST_PROTOCOL))


#: Distributions whose code changes a page's rendering (the Markdown extensions' too).
_RENDERING = ("mkdocs", "properdocs", "markdown", "nh3", "pymdown-extensions")


@functools.cache
def _code() -> str:
    """The code that renders a page: Pillole's source files and the versions of the rest."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _RENDERING:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()


def _key(inputs: tuple[object, ...], src: str, url: str, markdown_text: str) -> str:
    return hashlib.sha256(repr((inputs, src, url, markdown_text)).encode("utf-8", "surrogatepass")).hexdigest()
