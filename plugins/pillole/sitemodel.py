"""The site model: what a build publishes, as read-only data (built by `stages.py`).

Nothing here changes after it is built: page data is computed when a page is rendered, from
the read-only `SiteData`, so memory holds the catalog once, not a copy per page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .catalog import Browse
from .feeds import Feed
from .i18n import Labels
from .media.formats import media_kind
from .media.jobs import MediaResult
from .model import Catalog, Pill
from .options import Options


@dataclass(frozen=True)
class MediaSummary:
    """What lists and path pages show about a pill's recording."""

    kind: str  # "video" | "audio"
    duration: float | None = None
    poster: str | None = None  # source path of the poster image
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class MediaState:
    """The media stage's outcome: results of what is published, and what is not (yet)."""

    results: Mapping[str, MediaResult] = field(default_factory=dict)
    #: slugs whose recording is still being transcoded (`mkdocs serve`)
    pending: frozenset[str] = frozenset()
    #: slugs whose recording failed (with `media_failures: warning`)
    failed: frozenset[str] = frozenset()

    def summary(self, pill: Pill) -> MediaSummary | None:
        result = self.results.get(pill.slug)
        if result is None:
            return None
        poster = f"{pill.folder}/media/{result.poster}" if result.poster else None
        return MediaSummary(result.kind, result.duration, poster, result.width, result.height)


@dataclass(frozen=True)
class SiteInfo:
    name: str
    #: mkdocs.yml's site_url (absolute links in feeds), or None
    url: str | None
    language: str

    @property
    def key(self) -> str:
        """What namespaces the learner's browser storage (progress, resume position): the
        site's URL when set, else its name, so two Pillole sites on one host never mix."""
        return self.url or self.name


@dataclass(frozen=True)
class SiteData:
    """The read-only input of every page: catalog, browse indexes, media, words, today."""

    catalog: Catalog
    browse: Browse
    media: MediaState
    info: SiteInfo
    options: Options
    labels: Labels
    today: dt.date

    def summary(self, pill: Pill) -> MediaSummary | None:
        return self.media.summary(pill)

    def kind(self, pill: Pill) -> str:
        """"video", "audio" or "text": how a pill is completed (watched, listened or read)."""
        summary = self.summary(pill)
        if summary:
            return summary.kind
        return media_kind(pill.media) if pill.media else "text"

    def name_of(self, person_id: str) -> str:
        person = self.catalog.people.get(person_id)
        if person:
            return person.name
        team = self.catalog.teams.get(person_id)
        return team.name if team else person_id


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, its title, its template and, when rendered, its data."""

    src: str
    title: str
    template: str
    data: Callable[[], Mapping[str, Any]]
    #: stem of the page's own feed (announced in its <head>), if it has one
    feed: str | None = None
    #: the page takes the whole width: no side navigation nor table of contents beside it
    wide: bool = False


@dataclass(frozen=True)
class SiteModel:
    site: SiteData
    pages: Mapping[str, PageSpec]
    feeds: tuple[Feed, ...]
