"""Search: the sharded index of every pill, the header search box and the search page.

The core (`pillole.search`) builds the index and ships the browser code; this feature only
turns the catalog into `SearchDocument`s, registers the `cerca/` page, links the assets
from every page and writes the data files into site_dir after the build. The data files
are written directly (not registered as MkDocs files): at 10,000 pills they are thousands
of small scripts that no page links to by name.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..media.captions import CaptionError, parse_captions, plain_text, read_track
from ..model import Catalog, Pill
from ..render.view import esc
from ..search.builder import Cue, SearchDocument, build_index, write_assets
from .feature import Feature, SiteBuild

log = logging.getLogger("mkdocs.plugins.pillole")

SEARCH_PAGE = "cerca/index.md"
FOLDER = "pillole-search"
AUDIO_EXTENSIONS = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac")
_MARKDOWN_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),  # code blocks are not what a learner searches for
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>]+>"), " "),  # inline HTML
    (re.compile(r"\{[:#.][^}]*\}"), " "),  # attr_list
]


def markdown_text(markdown: str) -> str:
    """The words of a pill's Markdown body, without markup that would pollute the index."""
    for pattern, replacement in _MARKDOWN_NOISE:
        markdown = pattern.sub(replacement, markdown)
    return markdown


class SearchFeature(Feature):
    def on_files(self, files: Files) -> None:
        self.lang = self.site.labels.language
        self.stamp = str(int(time.time()))  # the loader passes it on to the manifest and code
        self.site.add_file(files, SEARCH_PAGE, content=f"---\ntitle: {self.site.labels('search')}\n---\n")

    def on_page_content(self, html: str, page: Page) -> str:
        if page.file.src_uri != SEARCH_PAGE:
            return html
        return f'<div id="pillole-search-page"><noscript>{esc(self.site.labels("search_noscript"))}</noscript></div>'

    def on_post_page(self, output: str, page: Page) -> str:
        """Link the stylesheet and the small loader script; the index loads on first use."""
        css = get_relative_url(f"{FOLDER}/search.css", page.url)
        js = get_relative_url(f"{FOLDER}/search.js", page.url)
        files = self.site.files
        search_page = files.get_file_from_path(SEARCH_PAGE) if files else None
        target = search_page.url if search_page else "cerca/"
        output = output.replace("</head>", f'<link rel="stylesheet" href="{esc(css)}?v={self.stamp}">\n</head>', 1)
        script = (f'<script src="{esc(js)}?v={self.stamp}" data-page="{esc(target)}" '
                  f'data-lang="{self.lang}" defer></script>\n')
        return output.replace("</body>", script + "</body>", 1)

    def on_post_build(self) -> None:
        out = Path(self.site.config.site_dir) / FOLDER
        documents = search_documents(self.site.catalog, self.site)
        stats = build_index(documents, out, self.lang)
        write_assets(out)
        log.info("search: %d pills, %d files, %.0f kB", len(documents), stats.files, stats.total / 1024)


def _name(catalog: Catalog, person_id: str) -> str:
    person = catalog.people.get(person_id)
    if person:
        return person.name
    team = catalog.teams.get(person_id)
    return team.name if team else person_id


def _cues(pill: Pill, site: SiteBuild) -> tuple[Cue, ...]:
    """The published (trimmed, clipped) captions when media ran, else the author's file."""
    result = getattr(site, "media_results", {}).get(pill.slug)  # filled when the media feature ran
    if result is not None and result.cues:
        cues = result.cues
    elif pill.captions and not pill.parent:  # a clip's captions come from its media result
        path = Path(site.config.docs_dir) / pill.folder / pill.captions
        try:
            cues = parse_captions(read_track(path), pill.captions)
        except (OSError, CaptionError):
            return ()  # validation reports broken captions; search just goes without them
    else:
        return ()
    return tuple(Cue(start=cue.start, text=plain_text(cue.text)) for cue in cues if plain_text(cue.text))


def search_documents(catalog: Catalog, site: SiteBuild) -> list[SearchDocument]:
    """Every pill as the search index sees it, newest first (ties in rank favour new pills)."""
    settings = catalog.settings
    documents = []
    for pill in catalog.pills_by_date():
        file = site.files.get_file_from_path(pill.src) if site.files else None
        tags = [catalog.tags[t] for t in pill.tags if t in catalog.tags]
        mentors = [_name(catalog, m) for m in pill.mentors]
        media = site.media.get(pill.slug)
        if media is not None:
            kind, duration = media.kind, media.duration
        elif pill.media:
            kind, duration = ("audio" if pill.media.lower().endswith(AUDIO_EXTENSIONS) else "video"), None
        else:
            kind, duration = "text", None
        documents.append(SearchDocument(
            id=pill.slug,
            url=file.url if file else pill.url,
            title=pill.title,
            summary=pill.summary,
            tags=tuple(word for tag in tags for word in (tag.label, *tag.aliases)),
            people=(*mentors, *(_name(catalog, a) for a in pill.audience)),
            body=markdown_text(pill.body),
            cues=_cues(pill, site),
            facets={
                "area": [settings.areas.get(pill.area, pill.area)],
                "technique": [settings.techniques.get(pill.technique, pill.technique)],
                "level": [settings.levels.get(pill.level, pill.level)],
                "tag": [tag.label for tag in tags],
                "mentor": mentors,
            },
            kind=kind,
            duration=duration,
        ))
    return documents
