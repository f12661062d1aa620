"""Pill pages as the previous build of this `mkdocs serve` process rendered them, for the next.

MkDocs converts every page's Markdown at every build; under `mkdocs serve` that is a third of
a rebuild at 5,000 pills (17 s of 57 s CPU), spent again on every pill that did not change.
When a pill page's Markdown and URL, the Markdown settings and the site's files are what they
were, the page gets back what it rendered to last time (HTML, table of contents, anchors,
links to anchors, the text the search index reads) and MkDocs converts an empty string
instead. Under `mkdocs serve --dirty`, where MkDocs does not render unchanged pages at all,
their search text comes from here too, so the index keeps every pill.

Only under `mkdocs serve`, and only while no other plugin changes pages' Markdown (its output
could change while the pill's does not). MkDocs' warnings about a page's broken links show when
the page is converted, not again at each rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from ..build_memo import BuildMemo


@dataclass(frozen=True)
class _Rendered:
    html: str
    text: str  # what the search index reads (see search.documents.html_text)
    toc: TableOfContents
    anchors: frozenset[str] | None
    #: links to anchors of other pages: target source path -> {anchor: link as written}
    links: dict[str, dict[str, str]] | None


class RenderedPages:
    """Lives as long as the plugin object (`mkdocs serve` keeps it between builds)."""

    def __init__(self) -> None:
        self._memo: BuildMemo[str, tuple[str, str], _Rendered] = BuildMemo()
        self._enabled = False
        self._started = False
        self._hits: dict[str, _Rendered] = {}

    def start(self, serving: bool) -> None:
        """A new build (on_config)."""
        self._enabled, self._started, self._hits = serving, False, {}

    def markdown(self, page: Page, markdown: str, config: MkDocsConfig, files: Files) -> str:
        """What MkDocs should convert for a pill page: '' when its last rendering still holds."""
        if not self._started:
            self._started = True
            self._enabled = self._enabled and len(config.plugins.events["page_markdown"]) == 1
            if self._enabled:
                self._memo.start(_context(config, files))
        found = self._memo.get(page.file.src_uri, (page.url, markdown)) if self._enabled else None
        if found is None:
            return markdown
        self._hits[page.file.src_uri] = found
        return ""

    def content(self, page: Page, html: str, files: Files, text_of: Callable[[str], str]) -> tuple[str, str]:
        """The pill page's HTML and search text: restored when `markdown` found them, else
        `html` as MkDocs rendered it (remembered for the next build)."""
        src = page.file.src_uri
        found = self._hits.get(src)
        if found is not None:
            page.toc = found.toc
            page.present_anchor_ids = set(found.anchors) if found.anchors is not None else None
            if found.links is not None:
                page.links_to_anchors = {target: links for target_src, links in found.links.items()
                                         if (target := files.get_file_from_path(target_src)) is not None}
            return found.html, found.text
        text = text_of(html)
        if self._enabled and page.markdown is not None:
            links = page.links_to_anchors
            self._memo.put(src, (page.url, page.markdown), _Rendered(
                html, text, page.toc,
                frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                {file.src_uri: dict(found) for file, found in links.items()} if links is not None else None))
        return html, text

    def text_of(self, src: str) -> str | None:
        """The search text of a pill page this build did not render (`--dirty`), kept for the next."""
        found = self._memo.keep(src) if self._enabled else None
        return found.text if found else None

    @property
    def reused(self) -> int:
        """Pill pages of this build given their previous rendering."""
        return len(self._hits)

    def finish(self) -> None:
        """End of the build: forget the pages it neither rendered nor kept."""
        if self._enabled:
            self._memo.finish()


def _context(config: MkDocsConfig, files: Files) -> tuple[object, ...]:
    """What a page's rendering depends on besides its own Markdown and URL: the Markdown
    extensions and their settings, the URL style, link validation, and every file's URL
    (links are checked and rewritten against them)."""
    return (repr(config.markdown_extensions), repr(config.mdx_configs), config.use_directory_urls,
            repr(config.validation), tuple(sorted((file.src_uri, file.url) for file in files)))
