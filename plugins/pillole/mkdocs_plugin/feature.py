"""How a part of Pillole (media, search, paths ...) plugs into the MkDocs build.

A Feature gets the shared SiteBuild and overrides only the hooks it needs. The plugin
calls every registered feature at each step, in order, so a feature is one file plus one
line in `plugin.FEATURES`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..media.jobs import MediaResult
from ..model import Catalog, Pill
from ..i18n import Labels
from ..render.view import MediaSummary, View

if TYPE_CHECKING:
    from .plugin import PilloleConfig

log = logging.getLogger("mkdocs.plugins.pillole")

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"


@dataclass
class SiteBuild:
    """State of one build, shared by the plugin and its features; new at every build."""

    config: MkDocsConfig
    options: "PilloleConfig"
    catalog: Catalog
    labels: Labels
    project_dir: Path
    files: Files | None = None
    #: True under `mkdocs serve`: nothing may wait for long work (media transcoding)
    serving: bool = False
    #: what lists show about each pill's recording, by slug (the media feature fills it)
    media: dict[str, MediaSummary] = field(default_factory=dict)
    #: the full media results (renditions, cues for transcripts), by slug
    media_results: dict[str, MediaResult] = field(default_factory=dict)

    @property
    def site_key(self) -> str:
        """What namespaces the learner's browser storage (progress, resume position): the
        site's URL when set, else its name, so two Pillole sites on one host never mix."""
        return str(self.config.site_url or self.config.site_name)

    def view(self, page_url: str) -> View:
        """The catalog seen from the page at `page_url` (links relative to it)."""
        assert self.files is not None

        def href(src: str) -> str:
            file = self.files.get_file_from_path(src) if self.files else None
            target = file.url if file else src
            return get_relative_url(target, page_url)

        return View(self.catalog, self.labels, href, lambda pill: self.media.get(pill.slug))

    def add_file(self, files: Files, src: str, *, content: str | bytes | None = None,
                 abs_src_path: str | Path | None = None) -> File:
        """Add a virtual file to the site (never written into docs_dir)."""
        if content is not None:
            file = File.generated(self.config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        else:
            file = File.generated(self.config, src, abs_src_path=str(abs_src_path),
                                  inclusion=InclusionLevel.NOT_IN_NAV)
        old = files.get_file_from_path(src)
        if old is not None:
            files.remove(old)
        files.append(file)
        return file

    def add_asset(self, files: Files, name: str, kind: str | None = None) -> str:
        """Ship one of our own files from `assets/` as `assets/pillole/<name>`.

        `kind` "css" or "js" also links it from every page.
        """
        src = f"assets/pillole/{name}"
        self.add_file(files, src, abs_src_path=ASSETS_DIR / name)
        if kind == "css" and src not in self.config.extra_css:
            self.config.extra_css.append(src)
        elif kind == "js" and src not in [str(s) for s in self.config.extra_javascript]:
            self.config.extra_javascript.append(src)
        return src


class Feature:
    """A part of the site. Every hook is optional; the defaults do nothing."""

    def __init__(self, site: SiteBuild) -> None:
        self.site = site

    def on_files(self, files: Files) -> None:
        """Add generated pages and assets, before MkDocs builds the navigation."""

    def pill_media(self, pill: Pill, page: Page) -> str:
        """HTML for the media slot of a pill page ('' when the feature has nothing)."""
        return ""

    def pill_extras(self, pill: Pill, page: Page) -> str:
        """HTML placed after the pill's text (quiz, path navigation, related pills ...)."""
        return ""

    def on_page_content(self, html: str, page: Page) -> str:
        """Change the HTML of any page after Markdown rendering."""
        return html

    def on_post_page(self, output: str, page: Page) -> str:
        """Change the whole HTML document of a page (e.g. add <link> elements to its <head>)."""
        return output

    def on_post_build(self) -> None:
        """Write extra files into site_dir once every page is written."""
