"""The build, in stage order; each stage reads the previous ones and changes none of them.

    load -> validate          content.load_catalog             Catalog (pills, registries, paths, errors)
    media summaries           media.jobs (run by the caller)   MediaState: results by slug
    catalog and browse data   catalog.Browse.of                SiteData, the input of every page
    pages                     render.site_pages                a PageSpec per generated page
    feeds                     feeds.site_feeds                 a Feed per site, tag, person and team
    learning data             render.learning                  in the path and pill page data
    search documents          search.documents                 after rendering, from each pill's HTML

The MkDocs adapter (`mkdocs_plugin/`) only maps build events to these calls and the model to
MkDocs files and page content, so another engine can drive the same stages.
"""

from __future__ import annotations

import datetime as dt

from . import freshness
from .catalog import Browse
from .feeds import site_feeds
from .i18n import Labels
from .model import Catalog
from .options import Options
from .render.site_pages import site_pages
from .sitemodel import MediaState, SiteData, SiteInfo, SiteModel


def build_site_model(catalog: Catalog, media: MediaState, info: SiteInfo, options: Options,
                     today: dt.date | None = None) -> SiteModel:
    """The stages after load and media: browse data, pages, feeds."""
    labels = Labels(info.language)
    site = SiteData(catalog, Browse.of(catalog), media, info, options, labels, today or freshness.today())
    pages = {page.src: page for page in site_pages(site)}
    return SiteModel(site, pages, tuple(site_feeds(site.browse, info.name, labels)))
