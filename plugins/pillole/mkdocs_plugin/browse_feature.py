"""Browsing in the built site: related pills, the level filter script, Atom and JSON feeds.

The pages themselves (tags, people, teams, areas, techniques) are core pages made by
`render.pages.site_pages`; this feature adds what needs MkDocs: feed files made with
`File.generated`, `<link rel="alternate feed">` in every page's <head>, the related pills after a
pill's text, and a clear warning when Material's own tags plugin would make a second,
competing set of tag pages from the same `tags` front-matter key.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import routes
from ..catalog import Browse
from ..feeds import ATOM_TYPE, JSON_TYPE, Feed, FeedWriter, site_feeds
from ..model import Pill
from ..project import competing_plugins
from ..render.pages import related_section
from ..render.view import esc
from .feature import Feature

log = logging.getLogger("mkdocs.plugins.pillole")


class BrowseFeature(Feature):
    def on_files(self, files: Files) -> None:
        site = self.site
        config = site.config
        config_file = Path(config.config_file_path or "mkdocs.yml")
        text = config_file.read_text(encoding="utf-8") if config_file.is_file() else None
        for problem in competing_plugins(list(config.plugins), config_file.name, text):
            log.warning(str(problem))
        self.browse = Browse.of(site.catalog)
        site.add_asset(files, "browse.js", "js")
        name = config.site_name
        language = site.catalog.settings.language
        base = config.site_url or ""
        newest = next((p.date for p in self.browse.by_date if p.date), None) or dt.date.today()

        def link(target: str, feed_src: str) -> str:
            file = files.get_file_from_path(target)
            url = file.url if file else target
            return urljoin(base, url) if base else get_relative_url(url, feed_src)

        writer = FeedWriter(self.browse, name, language, link, bool(base), newest)
        self.feeds: dict[str, list[Feed]] = {}
        for feed in site_feeds(self.browse, name, site.labels):
            self.feeds.setdefault(feed.page, []).append(feed)
            site.add_file(files, feed.atom_src, content=writer.atom(feed))
            site.add_file(files, feed.json_src, content=writer.json_feed(feed))

    def pill_extras(self, pill: Pill, page: Page) -> str:
        return related_section(self.site.view(page.url), self.browse.related(pill))

    def on_post_page(self, output: str, page: Page) -> str:
        """Announce the site's feed, and the page's own (a tag's, a person's), to browsers and readers.

        rel is "alternate feed", not the bare "alternate": readers find feeds by the "alternate"
        token and the type, while Material's script takes every exact `link[rel=alternate]` for a
        translation of the site and would fetch a sitemap.xml beside each feed (404s)."""
        href = self.site.view(page.url).href
        feeds = [*self.feeds.get(routes.PILLS, [])]
        if page.file.src_uri != routes.PILLS:
            feeds += self.feeds.get(page.file.src_uri, [])
        links = "".join(
            f'<link rel="alternate feed" type="{kind}" title="{esc(feed.title)}" href="{esc(href(src))}">'
            for feed in feeds for kind, src in ((ATOM_TYPE, feed.atom_src), (JSON_TYPE, feed.json_src)))
        return output.replace("</head>", links + "</head>", 1)
