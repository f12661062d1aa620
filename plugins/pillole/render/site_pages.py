"""Every generated page of the site, as a PageSpec: pill lists, tags, people, teams, areas,
techniques, learning paths, progress, status and search.

Long lists are split into pages of PAGE_SIZE, and person and team pages show only the latest
PAGE_SIZE of each list with a link to the paged whole, so that a site of thousands of pills
keeps every page light. A page's data is built only when the page is rendered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import routes
from ..catalog import sort_key
from ..model import Pill
from ..sitemodel import PageSpec, SiteData
from .cards import Card, Link, cards, person_link
from .learning import path_data, paths_index, progress_page
from .status import status_data

PAGE_SIZE = 48
HOME_LATEST = 8
HOME_TAGS = 12


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    count: int


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class Counted:
    link: Link
    count: int
    description: str = ""


def paged_src(base: str, number: int) -> str:
    """Source path of page `number` (1-based) of a list whose first page is `base`:
    tag/cloud.md -> tag/cloud/pagina-2.md, pillole/index.md -> pillole/pagina-2.md. A folder
    per list, so that no id (a tag 'cloud-2') can take the name of another list's page."""
    if number == 1:
        return base
    stem = base[: -len(".md")]
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"{stem}/pagina-{number}.md"


def levels(site: SiteData, pills: list[Pill]) -> list[Level]:
    """The levels a list mixes, with how many of its pills each has (for the level filter)."""
    counts = Counter(p.level for p in pills)
    return [Level(level, label, counts[level]) for level, label in site.catalog.settings.levels.items()
            if counts[level]]


def card_list(site: SiteData, pills: list[Pill]) -> dict[str, Any]:
    """What a list of cards shows: the cards and the level filter."""
    shown: list[Card] = cards(site, pills)
    return {"cards": shown, "levels": levels(site, pills)}


def _paged(site: SiteData, base: str, title: str, pills: list[Pill], *, heading: str,
           description: str = "", feed: str | None = None) -> list[PageSpec]:
    chunks = [pills[i : i + PAGE_SIZE] for i in range(0, len(pills), PAGE_SIZE)] or [[]]
    total = len(chunks)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        pager = Pager(number, total, paged_src(base, number - 1) if number > 1 else None,
                      paged_src(base, number + 1) if number < total else None)

        def data(chunk: list[Pill] = chunk, pager: Pager = pager) -> Mapping[str, Any]:
            return {"heading": heading, "description": description, "feed": feed, "pager": pager,
                    **card_list(site, chunk)}

        page_title = title if number == 1 else f"{title} ({number})"
        pages.append(PageSpec(paged_src(base, number), page_title, "pillole/list.html", data,
                              feed if number == 1 else None))
    return pages


def latest(site: SiteData, pills: list[Pill], all_src: str) -> dict[str, Any]:
    """The newest PAGE_SIZE pills of a list and, past that, a link to all of them."""
    return {**card_list(site, pills[:PAGE_SIZE]), "total": len(pills),
            "all": all_src if len(pills) > PAGE_SIZE else None}


def _tag_pages(site: SiteData) -> list[PageSpec]:
    t, browse = site.labels, site.browse

    def index() -> Mapping[str, Any]:
        groups = [(letter, "lettera-altro" if letter == "#" else f"lettera-{letter.lower()}",
                   [Counted(Link(routes.tag(tag.id), tag.label), browse.tag_count(tag.id), tag.description)
                    for tag in tags])
                  for letter, tags in browse.tags_by_initial()]
        return {"groups": groups}

    pages = [PageSpec(routes.TAGS, t("tags"), "pillole/tags.html", index)]
    for tag in site.catalog.tags.values():
        pages += _paged(site, routes.tag(tag.id), tag.label, browse.by_tag.get(tag.id, []),
                        heading=f"{t('tag')}: {tag.label}", description=tag.description,
                        feed=routes.feed("tag", tag.id))
    return pages


def _people_pages(site: SiteData) -> list[PageSpec]:
    t, browse, catalog = site.labels, site.browse, site.catalog

    def index() -> Mapping[str, Any]:
        people = sorted(catalog.people.values(), key=lambda p: (sort_key(p.name), p.id))
        teams = sorted(catalog.teams.values(), key=lambda team: (sort_key(team.name), team.id))
        return {"people": [(person_link(site, p.id), p.role, len(browse.by_mentor.get(p.id, [])))
                           for p in people],
                "teams": [person_link(site, team.id) for team in teams]}

    pages = [PageSpec(routes.PEOPLE, t("people"), "pillole/people.html", index)]
    for person in catalog.people.values():
        made = browse.by_mentor.get(person.id, [])
        for_you = browse.for_person(person.id)

        feed = routes.feed("persone", person.id)

        def page(person=person, made=made, for_you=for_you, feed=feed) -> Mapping[str, Any]:
            return {"person": person, "team": person_link(site, person.team) if person.team else None,
                    "made": latest(site, made, routes.made_by(person.id)) if made else None,
                    "for_you": latest(site, for_you, routes.for_person(person.id)), "feed": feed}

        pages.append(PageSpec(routes.person(person.id), person.name, "pillole/person.html", page, feed))
        if len(made) > PAGE_SIZE:
            title = f"{t('made_by')} {person.name}"
            pages += _paged(site, routes.made_by(person.id), title, made, heading=title)
        if len(for_you) > PAGE_SIZE:
            title = f"{t('addressed_to')}: {person.name}"
            pages += _paged(site, routes.for_person(person.id), title, for_you, heading=title)
    for team in catalog.teams.values():
        for_team = browse.by_audience.get(team.id, [])

        feed = routes.feed("team", team.id)

        def team_page(team=team, for_team=for_team, feed=feed) -> Mapping[str, Any]:
            return {"team": team, "members": [person_link(site, p.id) for p in browse.members.get(team.id, [])],
                    "for_team": latest(site, for_team, routes.for_team(team.id)), "feed": feed}

        pages.append(PageSpec(routes.team(team.id), team.name, "pillole/team.html", team_page, feed))
        if len(for_team) > PAGE_SIZE:
            title = f"{t('addressed_to_team')}: {team.name}"
            pages += _paged(site, routes.for_team(team.id), title, for_team, heading=title)
    return pages


def home_page(site: SiteData) -> dict[str, Any]:
    """What the home page shows under its own text: latest pills, learning paths, areas, most
    used tags and the teams pills are addressed to."""
    browse, settings = site.browse, site.catalog.settings
    paths = sorted(site.catalog.paths.values(), key=lambda p: (sort_key(p.title), p.id))
    return {
        "latest": cards(site, browse.by_date[:HOME_LATEST]),
        "feed": routes.FEED_SITE,
        "paths": [path_data(site, p) for p in paths],
        "areas": [Counted(Link(routes.area(a), label), len(browse.by_area.get(a, []))) for a, label in settings.areas.items()],
        "tags": [Counted(Link(routes.tag(tag.id), tag.label), n) for tag, n in browse.most_used_tags(HOME_TAGS)],
        "teams": [Counted(Link(routes.team(team.id), team.name), n) for team, n in browse.team_audiences()],
    }


def _static(src: str, title: str, template: str, data: Callable[[], Mapping[str, Any]]) -> PageSpec:
    return PageSpec(src, title, template, data)


def site_pages(site: SiteData) -> list[PageSpec]:
    """Every generated page of the site."""
    t, browse, settings = site.labels, site.browse, site.catalog.settings
    pages = _paged(site, routes.PILLS, t("all_pills"), browse.by_date, heading=t("all_pills"),
                   feed=routes.FEED_SITE)
    pages += _tag_pages(site)
    pages += _people_pages(site)
    for area_id, label in settings.areas.items():
        pages += _paged(site, routes.area(area_id), label, browse.by_area.get(area_id, []),
                        heading=f"{t('area')}: {label}")
    for technique_id, label in settings.techniques.items():
        pages += _paged(site, routes.technique(technique_id), label, browse.by_technique.get(technique_id, []),
                        heading=f"{t('technique')}: {label}")
    pages.append(_static(routes.PATHS, t("paths"), "pillole/paths.html", lambda: paths_index(site)))
    pages.append(_static(routes.PROGRESS, t("my_progress"), "pillole/progress.html", lambda: progress_page(site)))
    pages.append(_static(routes.STATUS, t("status_title"), "pillole/status.html", lambda: status_data(site)))
    pages.append(PageSpec(routes.SEARCH, t("search"), "pillole/search.html", dict, wide=True))
    return pages
