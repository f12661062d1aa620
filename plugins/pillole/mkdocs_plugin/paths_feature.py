"""Learning paths, quizzes and progress in the MkDocs build.

Each `content/percorsi/<id>.md` becomes a path page (its Markdown body rendered by MkDocs,
wrapped in the steps and progress); `percorsi/index.md` lists the paths and `progressi.md`
is the learner's own page. Pill pages get their quiz and completion block through
`pill_extras`. Everything the learner does is kept by the browser (assets/progress.js).
"""

from __future__ import annotations

import json

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import routes
from ..model import LearningPath, Pill
from ..render.learning import path_page, paths_index, pill_learning, progress_page
from ..render.view import esc
from .feature import Feature


def _front_matter(title: str) -> str:
    """Front-matter that gives a generated page its title; escaped, because Material prints
    the page title as HTML. (A JSON string is a valid YAML string.)"""
    return f"---\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\n---\n"


class PathsFeature(Feature):
    def on_files(self, files: Files) -> None:
        site = self.site
        labels = site.labels
        self.paths_by_src: dict[str, LearningPath] = {}
        for path in site.catalog.paths.values():
            # The mentor's file, with its front-matter replaced by a safe title: MkDocs renders
            # the body with the site's Markdown extensions, this feature adds the rest.
            site.add_file(files, path.src, content=_front_matter(path.title) + path.body)
            self.paths_by_src[path.src] = path
        site.add_file(files, routes.PATHS, content=_front_matter(labels("paths")))
        site.add_file(files, routes.PROGRESS, content=_front_matter(labels("my_progress")))
        site.add_asset(files, "learning.css", "css")
        site.add_asset(files, "progress.js", "js")
        site.add_asset(files, "quiz.js", "js")

    def pill_extras(self, pill: Pill, page: Page) -> str:
        return pill_learning(self.site.view(page.url), pill, self.site.site_key)

    def on_page_content(self, html: str, page: Page) -> str:
        src = page.file.src_uri
        site = self.site
        if src in self.paths_by_src:
            return path_page(site.view(page.url), self.paths_by_src[src], html, site.site_key)
        if src == routes.PATHS:
            return paths_index(site.view(page.url), site.site_key)
        if src == routes.PROGRESS:
            return progress_page(site.view(page.url), site.site_key, site.config.site_name)
        return html
