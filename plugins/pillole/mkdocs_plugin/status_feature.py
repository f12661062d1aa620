"""The 'Stato della knowledge base' page (`stato.md`) in the built site.

The page is rendered by the core (`render.status`); this feature only registers the
virtual file and its stylesheet, and fills the page. It is reachable at `stato.html`
whether or not the site's `nav` lists it (the sample site lists it last).
"""

from __future__ import annotations

import datetime as dt

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import routes
from ..render.status import status_page
from .feature import Feature


class StatusFeature(Feature):
    def on_files(self, files: Files) -> None:
        title = self.site.labels("status_title")
        self.site.add_file(files, routes.STATUS, content=f"---\ntitle: {title}\n---\n")
        self.site.add_asset(files, "status.css", "css")

    def on_page_content(self, html: str, page: Page) -> str:
        if page.file.src_uri != routes.STATUS:
            return html
        return status_page(self.site.view(page.url), dt.date.today())
