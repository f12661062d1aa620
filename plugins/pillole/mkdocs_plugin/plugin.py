"""The MkDocs plugin `pillole`: a thin adapter from MkDocs events to the Pillole core.

How a feature plugs in: write `mkdocs_plugin/<name>_feature.py` with a subclass of
`feature.Feature` (hooks: on_files, pill_media, pill_extras, on_page_content, on_post_page,
on_post_build; each gets the shared `SiteBuild` as `self.site`), then add the
class to `FEATURES` below. Features run in the order of that list, after the core pages are
registered.

The plugin never writes into docs_dir (that would make `mkdocs serve` loop) and builds a
fresh SiteBuild in every `on_config`, because `mkdocs serve` reuses the plugin object.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import boundary, routes, sanitize
from ..media.site import media_cache_dir
from ..content import load_catalog, shown_path
from ..model import DEFAULT_AREAS, DEFAULT_LEVELS, DEFAULT_TECHNIQUES, Catalog, Pill
from ..project import config_files, settings_from_options
from ..render.i18n import Labels
from ..render.pages import GeneratedPage, home_blocks, site_pages
from ..render.pill import original_media, pill_header
from ..render.view import esc
from ..report import format_report
from .browse_feature import BrowseFeature
from .feature import Feature, SiteBuild
from .media_feature import MediaFeature
from .paths_feature import PathsFeature
from .search_feature import SearchFeature
from .status_feature import StatusFeature

log = logging.getLogger("mkdocs.plugins.pillole")

#: Feature classes, in the order they run (see the module docstring).
FEATURES: list[type[Feature]] = [MediaFeature, PathsFeature, BrowseFeature, StatusFeature, SearchFeature]


class PilloleConfig(base.Config):
    """Options under `plugins: - pillole:` in mkdocs.yml (see the README's admin guide)."""

    areas = c.Type((dict, list), default=dict(DEFAULT_AREAS))
    techniques = c.Type((dict, list), default=dict(DEFAULT_TECHNIQUES))
    levels = c.Type((dict, list), default=dict(DEFAULT_LEVELS))
    language = c.Optional(c.Choice(("it", "en")))
    cache_dir = c.Type(str, default=".cache/pillole")
    media_max_height = c.Type(int, default=1080)
    media_low_height = c.Type(int, default=480)
    media_loudness = c.Type((int, float, bool), default=-16.0)
    media_jobs = c.Optional(c.Type(int))
    media_failures = c.Choice(("error", "warning"), default="error")
    captions_default = c.Type(bool, default=True)
    max_age_days = c.Optional(c.Type(int))
    #: Keep raw HTML in texts as written (no cleaning): only when every author is trusted.
    allow_raw_html = c.Type(bool, default=False)


class PillolePlugin(BasePlugin[PilloleConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: SiteBuild | None = None
        self.features: list[Feature] = []
        self.pills_by_src: dict[str, Pill] = {}
        self.generated: dict[str, GeneratedPage] = {}
        self.serving = False

    # --- configuration and content -------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuild when background transcoding finishes: the media cache then writes the
        files at its top (index.json, `updated`); entries below are not watched."""
        cache_dir = media_cache_dir(self._site().project_dir, dict(self.config))
        cache_dir.mkdir(parents=True, exist_ok=True)
        server.watch(str(cache_dir), recursive=False)
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = settings_from_options(dict(self.config), config.theme.get("language"))
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.site = SiteBuild(config, self.config, Catalog(settings), Labels(settings.language), project_dir,
                              serving=self.serving)
        self.features = []
        self.pills_by_src = {}
        self.generated = {}
        # Content boundary: MkDocs walks docs_dir next, following links; a link to a folder
        # (a loop, '/') must stop the build before it does (see boundary.py).
        folder_links = boundary.scan(Path(config.docs_dir), lambda path: shown_path(path, project_dir)).folder_links
        if folder_links:
            for problem in folder_links:
                log.error(str(problem))
            raise Abort(format_report(folder_links, summary_only=True))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._site()
        named = config_files(config.extra_css, [str(s) for s in config.extra_javascript],
                             {"logo": config.theme.get("logo"), "favicon": config.theme.get("favicon")})
        catalog = load_catalog(Path(config.docs_dir), site.catalog.settings, root=site.project_dir,
                               config_files=named)
        site.catalog = catalog
        site.files = files
        self._report(catalog)
        docs_dir = Path(config.docs_dir).resolve()
        for file in list(files):  # content boundary: only what Pillole accounts for (registries are data)
            if file.src_dir and Path(file.src_dir).resolve() == docs_dir and file.src_uri not in catalog.published:
                files.remove(file)
        for pill in catalog.pills.values():
            self.pills_by_src[pill.src] = pill
            existing = files.get_file_from_path(pill.src)
            if existing is not None:
                existing.inclusion = InclusionLevel.NOT_IN_NAV
            else:  # a clip: its page exists only in the catalog
                site.add_file(files, pill.src, content="")
        for page in site_pages(catalog, site.labels):
            self.generated[page.src] = page
            site.add_file(files, page.src, content="")
        site.add_asset(files, "pillole.css", "css")
        self.features = [feature(site) for feature in FEATURES]
        for feature in self.features:
            feature.on_files(files)
        return files

    def _report(self, catalog: Catalog) -> None:
        """Log every content problem; stop the build, without a traceback, on errors."""
        for problem in catalog.errors:
            if problem.severity == "error":
                log.error(str(problem))
            elif problem.severity == "warning":
                log.warning(str(problem))
            else:
                log.info(str(problem))
        if catalog.has_errors:
            raise Abort(format_report(catalog.errors, summary_only=True))

    # --- pages ----------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        pill = self.pills_by_src.get(src)
        if pill is not None:
            # Our own parse is the truth (MkDocs silently drops broken front-matter); title and
            # description are escaped here because Material prints both as raw HTML (the
            # description inside <meta content="...">, where a quote would break out).
            page.meta = {**pill.page_meta, "title": esc(pill.title), "description": esc(pill.summary)}
            return pill.body
        generated = self.generated.get(src)
        if generated is not None:
            page.meta = {"title": esc(generated.title)}
            return ""
        content_page = self._site().catalog.pages.get(src)
        if content_page is not None and content_page.kind == "site":  # validated page options only
            page.meta = {k: esc(v) if k in ("title", "description") else v for k, v in content_page.meta.items()}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self._site()
        src = page.file.src_uri
        content_page = site.catalog.pages.get(src)
        if content_page is not None and not self.config.allow_raw_html:  # see sanitize.py
            html, removed = sanitize.clean_page(content_page, html)
            for problem in removed:
                log.warning(str(problem))
            anchors = list(page.toc.items)  # the theme prints ids and titles of the toc unescaped
            while anchors:
                anchor = anchors.pop()
                anchor.id, anchor.title = sanitize.toc_entry(anchor.id, anchor.title)
                anchors.extend(anchor.children)
        view = site.view(page.url)
        pill = self.pills_by_src.get(src)
        if pill is not None:
            media = "".join(feature.pill_media(pill, page) for feature in self.features)
            media = media or original_media(view, pill)
            extras = "".join(feature.pill_extras(pill, page) for feature in self.features)
            html = pill_header(view, pill, media) + f'<div class="pillole-body">{html}</div>' + extras
        elif src in self.generated:
            html = self.generated[src].render(view)
        elif src == routes.HOME:
            html += home_blocks(view)
        for feature in self.features:
            html = feature.on_page_content(html, page)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        for feature in self.features:
            output = feature.on_post_page(output, page)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for feature in self.features:
            feature.on_post_build()

    def _site(self) -> SiteBuild:
        if self.site is None:  # on_config always runs first; this guards misuse in tests
            raise RuntimeError("the pillole plugin was used before on_config")
        return self.site
