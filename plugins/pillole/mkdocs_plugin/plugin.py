"""The MkDocs plugin `pillole`: maps MkDocs build events to the core's stages (`stages.py`)
and the site model to MkDocs files and page content.

    on_config        options, a fresh per-build state (`mkdocs serve` reuses the plugin object);
                     Pillole's theme templates (404 page, footer) after the site's custom_dir
    on_pre_build     the previous site set aside, out of MkDocs' way (`old_site.py`), put back at
                     on_files and pruned at on_nav: the build writes over what stays
    on_files         load and validate, media, site model; every generated page, feed, media
                     file and asset becomes a generated file (nothing is written into docs_dir,
                     which would make `mkdocs serve` loop), written over the previous site's
                     (`written_file.py`) or a hard link to the media cache (`linked_file.py`)
    on_nav           "I miei progressi" in a navigation that lacks it (`navigation.py`); the pill
                     pages dealt out to worker processes (`parallel_pages.py`, `mkdocs build`),
                     and the search index's head and the feeds made beside them
    on_page_read_source, on_page_markdown, on_page_content, on_page_context, on_post_page
                     for a page a worker builds, next to nothing (the worker writes it)
    on_env           the workers' pages: messages, anchors, search terms
    on_page_markdown a pill's or path's own Markdown body, with a safe title
    on_page_content  the page's template around the rendered body (`render/`, `templates/`)
    on_page_context  the footer's links (templates/pillole/footer.html)
    on_template_context  the 404 page (templates/404.html, pillole/not_found.html)
    on_post_page     feed links in <head>; Material's script loaded late (browser.theme_script_later)
    on_post_build    the search index, from the text every pill rendered to
    on_shutdown      nothing left for the collector to do on the way out

Nothing here decides what a page shows: that is the core's, so another engine can drive it.
"""

from __future__ import annotations

import contextlib
import gc
import html
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from jinja2 import BytecodeCache
from markupsafe import Markup
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import boundary, routes, sanitize
from ..browser import CORE, PUBLISHED, SITE_STYLESHEET, core_script, published_assets, theme_script_later
from ..content import load_catalog, shown_path
from ..feeds import ATOM_TYPE, JSON_TYPE, Feed, FeedWriter
from ..forked import fork_call
from ..i18n import THEME_WORDS, Labels
from ..media.site import media_cache_dir
from ..not_found import not_found_script
from ..model import Catalog, LearningPath, Pill
from ..navigation import progress_entry_index
from ..options import Options
from ..project import competing_plugins, config_files
from ..render.learning import path_page
from ..render.pill import pill_page
from .shared_nav import SHARED_PARTS, SharedNav, past_own_templates
from ..render.site_pages import home_page
from ..render.templates import (OWN_TEMPLATES, Renderer, compile_ahead, compiled_templates, theme_language_templates,
                                theme_words)
from ..report import format_report
from ..search.builder import HeadFiles, SearchDocument, TextTerms, build_index, text_terms, write_assets, write_head
from ..search.documents import html_text, search_document, search_documents
from ..sitemodel import SiteInfo, SiteModel
from ..stages import build_site_model
from .config import PilloleConfig
from .media_stage import run_media, watch_when_ready
from . import page_store
from .linked_file import LinkedFile
from .old_site import OldSite, set_aside
from .parallel_pages import TEMPLATE as BUILT_ELSEWHERE, ParallelPages
from .rendered_pages import RenderedPages
from .studio_stage import Studio, prepare_studio, write_studio
from .written_file import WrittenFile

log = logging.getLogger("mkdocs.plugins.pillole")

#: The theme's pages Pillole makes: the 404 page (MkDocs builds it from the theme's
#: 404.html) and the footer's line (partials/copyright.html).
NOT_FOUND = "404.html"


@dataclass
class _Build:
    """What one build keeps between events."""

    config: MkDocsConfig
    options: Options
    project_dir: Path
    model: SiteModel | None = None
    catalog: Catalog | None = None
    files: Files | None = None
    renderer: Renderer | None = None
    #: the compiled templates kept in cache_dir, of the theme's and of Pillole's environment
    compiled_theme: BytecodeCache | None = None
    compiled_pillole: BytecodeCache | None = None
    #: waits for the process compiling them ahead of the page workers (`_compile_templates`)
    compiling: Callable[[], None] | None = None
    pills: dict[str, Pill] = field(default_factory=dict)  # by source path
    paths: dict[str, LearningPath] = field(default_factory=dict)  # by source path
    #: each pill's page URL, by slug, for the search index
    urls: dict[str, str] = field(default_factory=dict)
    #: each pill's search terms, by slug, made with its page (see _terms)
    terms: dict[str, TextTerms] = field(default_factory=dict)
    reused: int = 0  # pill pages the workers gave their previous rendering (rendered_pages.py)
    studio: Studio | None = None  # admin/, when `studio:` is set
    #: the previous site, updated in place (old_site.py)
    old_site: OldSite | None = None
    #: the theme's navigation, rendered once for the pages outside it (on_nav)
    shared_nav: SharedNav | None = None
    #: the search index's documents and its head, written beside the workers' pages (on_nav)
    search: tuple[list[SearchDocument], Callable[[], HeadFiles]] | None = None

    @cached_property
    def feeds_by_page(self) -> dict[str, list[Feed]]:
        """Feeds by the page they follow, indexed once (scale: not a scan of every feed per page)."""
        return _group(self.model.feeds if self.model else (), lambda feed: feed.page)

    @cached_property
    def feeds_by_stem(self) -> dict[str, list[Feed]]:
        return _group(self.model.feeds if self.model else (), lambda feed: feed.stem)

    def url_of(self, src: str) -> str:
        """The URL of the page or file `src`. Pillole's source paths are nearly always in the
        form MkDocs keys its files by, so they are looked up as they are first
        (get_file_from_path parses each as a path: a page asks for about 25)."""
        if self.files is None:
            return src
        file = self.files.src_uris.get(src) or self.files.get_file_from_path(src)
        return file.url if file else src

    def link(self, src: str, page_url: str) -> str:
        return get_relative_url(self.url_of(src), page_url)

    def add(self, files: Files, src: str, *, content: str | bytes | None = None, path: Path | None = None,
            link: bool = False) -> None:
        """Add a generated file to the site (never written into docs_dir); `link`: published
        as a hard link to `path` when it can be (see LinkedFile)."""
        if content is not None:
            file = WrittenFile.generated(self.config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        else:
            kind = LinkedFile if link else File
            file = kind.generated(self.config, src, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)
        old = files.get_file_from_path(src)
        if old is not None:
            files.remove(old)
        files.append(file)


@dataclass(frozen=True)
class _Kept:
    """What a worker sends back of a pill page: its search terms, and whether its rendering
    was an earlier build's."""

    terms: TextTerms
    reused: bool


def _group(feeds: Iterable[Feed], key: Callable[[Feed], str]) -> dict[str, list[Feed]]:
    grouped: dict[str, list[Feed]] = defaultdict(list)
    for feed in feeds:
        grouped[key(feed)].append(feed)
    return grouped


class PillolePlugin(BasePlugin[PilloleConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.build: _Build | None = None
        self.rendered = RenderedPages()  # scale: pill pages kept between `mkdocs serve` builds
        self.parallel = ParallelPages()  # scale: pill pages built on every core by `mkdocs build`
        self.command, self.dirty = "build", False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        """The command is over and the process ends: the collector need not walk the build's
        objects once more on the way out (at 10,000 pills, about 1.5 s)."""
        gc.freeze()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuild when background transcoding finishes: the media cache then writes the
        files at its top (index.json, `updated`); entries below are not watched."""
        cache_dir = media_cache_dir(self._build().project_dir, self._build().options)
        cache_dir.mkdir(parents=True, exist_ok=True)
        server.watch(str(cache_dir), recursive=False)
        watch_when_ready(server.observer.is_alive)  # the observer starts after this hook
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.build = _Build(config, self.config.options(), project_dir)
        cache = self.build.options.cache_path(project_dir)
        self.build.compiled_theme = compiled_templates(cache, "theme")
        self.build.compiled_pillole = compiled_templates(cache, "pillole")
        self.rendered.start(self.serving, cache / page_store.FILE_NAME,
                            (self.build.options.allow_raw_html, self.build.options.language, _theme_language(config)))
        self.parallel.start(self.command, self.dirty, self.build.options.page_jobs)
        # Pillole's theme templates (404.html, partials/copyright.html) win over Material's
        # and lose to the site's custom_dir. The theme's English credit ("Made with ...")
        # is off unless the site asks for it (extra.generator: true).
        if str(OWN_TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OWN_TEMPLATES))
        if "generator" not in config.extra:
            config.extra["generator"] = False
        # Content boundary: MkDocs walks docs_dir next, following links; a link to a folder
        # (a loop, '/') must stop the build before it does (see boundary.py).
        folder_links = boundary.scan(Path(config.docs_dir), lambda path: shown_path(path, project_dir)).folder_links
        if folder_links:
            for problem in folder_links:
                log.error(str(problem))
            raise Abort(format_report(folder_links, summary_only=True))
        if self.parallel.enabled and self.build.compiled_theme and self.build.compiled_pillole:
            self.build.compiling = fork_call(partial(_compile_templates, config, self.build.compiled_theme,
                                                     self.build.compiled_pillole))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """The previous site is kept from MkDocs' emptying, to be written over (old_site.py)."""
        if self.command == "build" and not self.dirty:
            self._build().old_site = set_aside(Path(config.site_dir))

    # --- content, media, model, files -----------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self._build()
        if build.old_site is not None:  # MkDocs has emptied site_dir: the previous site goes back
            build.old_site.restore()
        options = build.options
        build.studio = prepare_studio(options, build.project_dir)  # before any work: its errors stop the build
        docs_dir = Path(config.docs_dir)
        named = config_files(config.extra_css, [str(s) for s in config.extra_javascript],
                             {"logo": config.theme.get("logo"), "favicon": config.theme.get("favicon")})
        catalog = load_catalog(docs_dir, options.settings(config.theme.get("language")), root=build.project_dir,
                               config_files=named, jobs=self.parallel.jobs if self.parallel.enabled else 1)
        self._report(catalog, config)
        build.catalog = catalog
        # Content boundary: only what Pillole accounts for (registries are data). Most files
        # share one src_dir, resolved once (per file, resolving was 0.1 s at 5,000 pills).
        resolved = docs_dir.resolve()
        in_docs = cache(lambda src_dir: Path(src_dir).resolve() == resolved)
        for file in list(files):
            if file.src_dir and in_docs(file.src_dir) and file.src_uri not in catalog.published:
                files.remove(file)
        media = run_media(catalog, docs_dir, build.project_dir, options, serving=self.serving)
        info = SiteInfo(config.site_name, config.site_url or None, catalog.settings.language)
        model = build_site_model(catalog, media, info, options)
        build.model, build.files = model, files
        build.renderer = Renderer(model.site.labels, build.link, config.theme.dirs, build.compiled_pillole)

        for pill in catalog.pills.values():
            build.pills[pill.src] = pill
            existing = files.get_file_from_path(pill.src)
            if existing is not None:
                existing.inclusion = InclusionLevel.NOT_IN_NAV
            else:  # a clip: its page exists only in the catalog
                build.add(files, pill.src, content="")
        build.paths = {path.src: path for path in catalog.paths.values()}
        for page in model.pages.values():
            build.add(files, page.src, content="")
        self._publish_media(files, catalog)
        self._add_feeds(files)
        self._add_browser_files(files)
        return files

    def _add_browser_files(self, files: Files) -> None:
        """The browser files, minified (browser.py): core.js and pillole.css, linked from every
        page; beside them the feature scripts, which core.js loads on the pages that use
        them, and the stylesheets the templates of a page ask for."""
        build = self._build()
        assert build.model is not None
        site = build.model.site
        for src, text in published_assets().items():
            build.add(files, src, content=text)
        core = f"{PUBLISHED}/{CORE}"
        build.add(files, core, content=core_script(
            site.info.key, site.labels, root="../../", search=f"../../{routes.SEARCH_INDEX}/",
            search_page=build.url_of(routes.SEARCH)))
        css = f"{PUBLISHED}/{SITE_STYLESHEET}"
        if css not in build.config.extra_css:
            build.config.extra_css.append(css)
        if core not in [str(item) for item in build.config.extra_javascript]:
            script = ExtraScriptValue(core)
            script.defer = True  # runs after the page is parsed (and after Material's bundle): never holds up its first paint
            build.config.extra_javascript.append(script)

    def _report(self, catalog: Catalog, config: MkDocsConfig) -> None:
        """Log every content problem; stop the build, without a traceback, on errors."""
        config_file = Path(config.config_file_path or "mkdocs.yml")
        text = config_file.read_text(encoding="utf-8") if config_file.is_file() else None
        problems = [*competing_plugins(list(config.plugins), config_file.name, text), *catalog.errors]
        for problem in problems:
            {"error": log.error, "warning": log.warning}.get(problem.severity, log.info)(str(problem))
        if catalog.has_errors:
            raise Abort(format_report(catalog.errors, summary_only=True))

    def _publish_media(self, files: Files, catalog: Catalog) -> None:
        """Put each result's files beside its page; drop the originals the site no longer needs."""
        build = self._build()
        results = build.model.site.media.results if build.model else {}
        for slug, result in results.items():
            for public, path in result.files().items():
                build.add(files, f"{catalog.pills[slug].folder}/media/{public}", path=path, link=True)
        for pill in catalog.pills.values():
            if pill.parent or not pill.media or pill.slug not in results:
                continue
            for name in (pill.media, pill.captions, pill.chapters if isinstance(pill.chapters, str) else None):
                original = files.get_file_from_path(f"{pill.folder}/{name}") if name else None
                if original is not None:
                    files.remove(original)

    def _add_feeds(self, files: Files) -> None:
        """A file per feed, empty until `_write_feeds` (on_nav: while the workers build pages)."""
        build = self._build()
        assert build.model is not None
        for feed in build.model.feeds:
            build.add(files, feed.atom_src, content="")
            build.add(files, feed.json_src, content="")

    def _write_feeds(self, files: Files) -> None:
        build = self._build()
        assert build.model is not None
        site = build.model.site
        base = site.info.url or ""
        newest = next((p.date for p in site.browse.by_date if p.date), None) or site.today

        def link(target: str, feed_src: str) -> str:
            url = build.url_of(target)
            return urljoin(base, url) if base else get_relative_url(url, feed_src)

        writer = FeedWriter(site.browse, site.info.name, site.info.language, link, bool(base), newest)
        for feed in build.model.feeds:
            for src, text in ((feed.atom_src, writer.atom(feed)), (feed.json_src, writer.json_feed(feed))):
                file = files.get_file_from_path(src)
                assert file is not None  # added by _add_feeds
                file.content_string = text

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        build = self._build()
        if build.old_site is not None:  # every file the build writes is known, none is written yet
            keep = {file.dest_uri: file.abs_src_path if isinstance(file, LinkedFile) else None
                    for file in files if file.inclusion.is_included()}
            for entry in build.old_site.prune(keep, own=(routes.SEARCH_INDEX,)):
                log.warning("the previous site's %s could not be deleted from %s", entry, config.site_dir)
        file = files.get_file_from_path(routes.PROGRESS)
        top = [item.file.src_uri if isinstance(item, Page) else None for item in nav.items]
        at = progress_entry_index(top, [page.file.src_uri for page in nav.pages])
        if at is not None and file is not None and file.page is not None and build.model is not None:
            file.page.title = build.model.site.labels("my_progress")
            nav.items.insert(at, file.page)
        build.shared_nav = SharedNav(nav, config)
        # Every page but the navigation's few (see parallel_pages.py): pills, lists, tags, people, paths.
        in_nav = {page.file.src_uri for page in nav.pages}
        outside_nav = [file.src_uri for file in files.documentation_pages() if file.src_uri not in in_nav]
        self.parallel.fork(config, files, nav, outside_nav, self._kept)
        if self.parallel.forked and build.model is not None:  # the index's head while the workers build pages
            site, lang = build.model.site, build.model.site.info.language
            docs = search_documents(site, {pill.slug: build.url_of(src) for src, pill in build.pills.items()},
                                    Path(config.docs_dir))
            out = Path(config.site_dir) / routes.SEARCH_INDEX
            build.search = docs, fork_call(lambda: write_head(docs, out, lang))
        self._write_feeds(files)  # the main process's (only MkDocs' static copy reads them)
        return nav

    def _kept(self, src: str) -> _Kept | None:
        """What the main process keeps of a pill page a worker built (parallel_pages.py)."""
        build = self._build()
        pill = build.pills.get(src)
        if pill is None or pill.slug not in build.terms:
            return None
        return _Kept(build.terms[pill.slug], self.rendered.reused_page(src))

    def _terms(self, pill: Pill, url: str) -> Callable[[str, TextTerms | None], TextTerms]:
        """The search terms of a pill page from its text (or those kept with the page, when
        they still hold), made with the page: a worker makes them on its core, and only they,
        not the text, go to the search index."""
        build = self._build()
        assert build.model is not None
        site, docs_dir = build.model.site, Path(build.config.docs_dir)
        return lambda text, kept: text_terms(search_document(site, pill, text, url, docs_dir), site.info.language, kept)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Nothing for a page a worker builds; nothing for a pill or a path either: their
        Markdown is the catalog's, already read and checked (`on_page_markdown`), and MkDocs
        would read the file and parse its front-matter again."""
        src = page.file.src_uri
        if self.parallel.taken(src):
            self.parallel.stand_in(page)
            return ""
        build = self._build()
        return "" if src in build.pills or src in build.paths else None

    # --- pages ----------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self._build()
        src = page.file.src_uri
        if self.parallel.taken(src):  # a worker builds it (parallel_pages.py)
            page.meta = {"template": BUILT_ELSEWHERE}
            return ""
        # Our own parse is the truth (MkDocs silently drops broken front-matter). Titles are
        # escaped here because Material prints page titles and descriptions as raw HTML (the
        # description inside <meta content="...">, where a quote would break out).
        pill = build.pills.get(src)
        if pill is not None:
            page.meta = {**pill.page_meta, "title": html.escape(pill.title), "description": html.escape(pill.summary)}
            return self.rendered.markdown(page, pill.body, config, files)
        path = build.paths.get(src)
        if path is not None:
            page.meta = {"title": html.escape(path.title)}
            return path.body
        spec = build.model.pages.get(src) if build.model else None
        if spec is not None:
            page.meta = {"title": html.escape(spec.title), **({"hide": ["navigation", "toc"]} if spec.wide else {})}
            return ""
        content_page = build.catalog.pages.get(src) if build.catalog else None
        if content_page is not None and content_page.kind == "site":  # validated page options only
            page.meta = {k: html.escape(v) if k in ("title", "description") else v for k, v in content_page.meta.items()}
        return markdown

    def on_page_content(self, html_text_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self._build()
        assert build.model is not None and build.renderer is not None
        site, render, src = build.model.site, build.renderer.render, page.file.src_uri
        if self.parallel.taken(src):
            return ""
        content_page = build.catalog.pages.get(src) if build.catalog else None
        if content_page is not None and not build.options.allow_raw_html:  # see sanitize.py
            html_text_, removed = sanitize.clean_page(content_page, html_text_)
            for problem in removed:
                log.warning(str(problem))
            anchors = list(page.toc.items)  # the theme prints ids and titles of the toc unescaped
            while anchors:
                anchor = anchors.pop()
                anchor.id, anchor.title = sanitize.toc_entry(anchor.id, anchor.title)
                anchors.extend(anchor.children)
        body = Markup(html_text_)  # MkDocs' rendering of the page's own Markdown
        pill = build.pills.get(src)
        if pill is not None:
            html_text_, build.terms[pill.slug] = self.rendered.content(
                page, html_text_, files, html_text, self._terms(pill, page.file.url))
            body = Markup(html_text_)
            build.urls[pill.slug] = page.file.url
            return render("pillole/pill.html", page.url, body=body, **pill_page(site, pill))
        path = build.paths.get(src)
        if path is not None:
            return render("pillole/path.html", page.url, body=body, **path_page(site, path))
        spec = build.model.pages.get(src)
        if spec is not None:
            return render(spec.template, page.url, **spec.data())
        if src == routes.HOME:
            return render("pillole/home.html", page.url, body=body, **home_page(site))
        return html_text_

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's compiled templates from the cache folder (this process's and each
        worker's environment), its words (partials/language.html) and its navigation
        (partials/nav.html); the pages the workers built: their messages, anchors and search
        terms."""
        build = self._build()
        env.bytecode_cache = build.compiled_theme
        past_own_templates(env, config.theme.dirs)
        env.globals["pillole_nav"] = build.shared_nav
        language = _theme_language(config)
        env.globals["pillole_theme_word"] = theme_words(env, language, THEME_WORDS.get(language, {}))
        for src, kept in self.parallel.collect(config, files).items():
            slug = build.pills[src].slug
            build.terms[slug], build.urls[slug] = kept.terms, build.url_of(src)
            build.reused += kept.reused
        if self.parallel.workers:
            log.info("pages: %d built by %d worker processes", self.parallel.built, self.parallel.workers)
        return env

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """The footer's links (for staff: the status page), for partials/copyright.html."""
        if self.parallel.taken(page.file.src_uri):
            return context
        context["pillole_footer"] = Markup(self._footer(page.url))
        return context

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        """The 404 page. MkDocs makes its links absolute from site_url's path (or '/'), which
        breaks under any other sub-path and from file://: its links are made relative to the
        site's root instead, and a script first in <head> (not_found.py) points the page's
        base at the root, wherever the server shows the page."""
        if template_name != NOT_FOUND:
            return context
        build = self._build()
        assert build.model is not None and build.renderer is not None and build.files is not None
        folders = {file.url.split("/")[0] for file in build.files if "/" in file.url} | {routes.SEARCH_INDEX}
        root = urlsplit(config.site_url).path if config.site_url else None
        context["base_url"] = "."
        context["pillole_footer"] = Markup(self._footer(NOT_FOUND))
        context["pillole_not_found"] = {
            "title": build.model.site.labels("not_found_title"),
            "script": not_found_script(root, folders),
            "content": Markup(build.renderer.render("pillole/not_found.html", NOT_FOUND)),
        }
        return context

    def _footer(self, page_url: str) -> str:
        build = self._build()
        assert build.renderer is not None
        return build.renderer.render("pillole/footer.html", page_url, generator=bool(build.config.extra.get("generator")))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Announce the site's feed and the page's own (a tag's, a person's) in <head>, and
        load the theme's script late (browser.theme_script_later).

        rel is "alternate feed", not the bare "alternate": readers find feeds by the
        "alternate" token and the type, while Material's script takes every exact
        `link[rel=alternate]` for a translation of the site and would fetch a sitemap.xml
        beside each feed (404s)."""
        if self.parallel.taken(page.file.src_uri):
            return ""  # its worker wrote it
        if not output.strip():  # MkDocs writes no file: the previous site's goes (old_site.py)
            Path(page.file.abs_dest_path).unlink(missing_ok=True)
            return output
        build = self._build()
        assert build.model is not None
        feeds: list[Feed] = list(build.feeds_by_page.get(routes.PILLS, []))
        spec = build.model.pages.get(page.file.src_uri)
        if spec is not None and spec.feed and page.file.src_uri != routes.PILLS:
            feeds += build.feeds_by_stem.get(spec.feed, [])
        esc, link = html.escape, build.link
        head = "".join(
            f'<link rel="alternate feed" type="{kind}" title="{esc(feed.title)}" href="{esc(link(src, page.url))}">'
            for feed in feeds for kind, src in ((ATOM_TYPE, feed.atom_src), (JSON_TYPE, feed.json_src)))
        return theme_script_later(output.replace("</head>", head + "</head>", 1))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page (a template, not a page) loads the theme's script late too."""
        return theme_script_later(output_content)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index: its data files are written directly (not registered as MkDocs
        files): at 10,000 pills they are thousands of small scripts no page links to by name."""
        self.parallel.finish()
        build = self._build()
        assert build.model is not None
        out = Path(config.site_dir) / routes.SEARCH_INDEX
        for pill in build.pills.values():  # pages a `--dirty` build did not render
            if pill.slug not in build.terms and (terms := self.rendered.terms_of(pill.src)) is not None:
                build.terms[pill.slug], build.urls[pill.slug] = terms, build.url_of(pill.src)
        self.rendered.finish()
        if reused := build.reused + self.rendered.reused:
            log.info("pages: %d pill page(s) as the previous build rendered them", reused)
        documents, head = build.search or (search_documents(build.model.site, build.urls, Path(config.docs_dir)), None)
        stats = build_index(documents, out, build.model.site.info.language, reuse=self.serving, terms=build.terms,
                            head=head() if head else None)
        write_assets(out)
        log.info("search: %d pills, %d files, %.0f kB", len(documents), stats.files, stats.total / 1024)
        if build.studio is not None:
            write_studio(build.studio, config, build.model.site.catalog, build.project_dir)
        if build.compiling is not None:
            with contextlib.suppress(Exception):  # not compiled ahead only costs the workers time
                build.compiling()
        for entry in build.old_site.wait() if build.old_site is not None else ():
            log.warning("the previous site's %s could not be deleted from %s", entry, config.site_dir)

    def _build(self) -> _Build:
        if self.build is None:  # on_config always runs first; this guards misuse in tests
            raise RuntimeError("the pillole plugin was used before on_config")
        return self.build


def _compile_templates(config: MkDocsConfig, theme: BytecodeCache, pillole: BytecodeCache) -> None:
    """The theme's page and static templates and Pillole's, compiled into the cache folder
    (render/templates.py:compile_ahead) in a forked process while the build reads the content:
    each page worker would otherwise compile them on its first page (about 0.15 s each).
    Compiling does not depend on the labels' language."""
    env = config.theme.get_env()
    env.bytecode_cache = theme
    past_own_templates(env, config.theme.dirs)
    compile_ahead(env, ["main.html", *config.theme.static_templates, *theme_language_templates(_theme_language(config)),
                        *SHARED_PARTS])
    Renderer(Labels(None), search_path=config.theme.dirs, compiled=pillole).compile_own()


def _theme_language(config: MkDocsConfig) -> str:
    """The theme's language (theme.language), which may differ from Pillole's labels'."""
    return config.theme.get("language") or "en"
