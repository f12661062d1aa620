"""The small pieces every page is made of: links to people and tags, and pill cards.

Plain data for the templates (`pillole/macros.html` draws them): a template never looks
anything up in the catalog, so every page of a site of thousands of pills costs only what
it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import routes
from ..model import Pill
from ..paths import pass_mark_of
from ..sitemodel import SiteData


@dataclass(frozen=True)
class Link:
    """A link to a page of the site: `src` is its source path (the `url` filter makes it relative)."""

    src: str
    text: str


@dataclass(frozen=True)
class Card:
    """One pill in a list: poster, title, summary, mentor, level, format, duration, date;
    and what progress.js needs to tell whether the learner completed it (its quiz, if any,
    and the mark that passes it)."""

    slug: str
    src: str
    title: str
    summary: str
    mentors: str
    level: str
    level_label: str
    kind: str  # "video" | "audio" | "text"
    duration: float | None
    date: dt.date | None
    poster: str | None
    quiz: int = 0  # how many questions its quiz has
    pass_mark: int = 0


def person_link(site: SiteData, person_id: str) -> Link:
    """A link to a person's or a team's page."""
    src = routes.team(person_id) if person_id in site.catalog.teams else routes.person(person_id)
    return Link(src, site.name_of(person_id))


def tag_links(site: SiteData, pill: Pill) -> list[Link]:
    return [Link(routes.tag(t), site.catalog.tags[t].label) for t in pill.tags]


def card(site: SiteData, pill: Pill) -> Card:
    summary = site.summary(pill)
    return Card(
        slug=pill.slug,
        src=pill.src,
        title=pill.title,
        summary=pill.summary,
        mentors=", ".join(site.name_of(m) for m in pill.mentors),
        level=pill.level,
        level_label=site.catalog.settings.levels[pill.level],
        kind=site.kind(pill),
        duration=summary.duration if summary else None,
        date=pill.date,
        poster=summary.poster if summary else None,
        quiz=len(pill.quiz),
        pass_mark=pass_mark_of(site.catalog, pill.slug) if pill.quiz else 0,
    )


def cards(site: SiteData, pills: list[Pill]) -> list[Card]:
    return [card(site, pill) for pill in pills]
