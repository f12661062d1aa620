"""The generated pages: pill lists, tags, people, teams, areas, techniques, home blocks.

Each page is a GeneratedPage (source path, title, a function that renders its HTML for a
View). The adapter registers one virtual file per page; nothing is written into content/.
Long lists are split into pages of PAGE_SIZE so that a site of thousands of pills keeps
every page light.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from .. import routes
from ..model import Catalog, Pill
from .pill import person_link, pill_list
from .view import View, esc

PAGE_SIZE = 48
HOME_LATEST = 8


@dataclass(frozen=True)
class GeneratedPage:
    src: str
    title: str
    render: Callable[[View], str]


def paged_src(base: str, number: int) -> str:
    """Source path of page `number` (1-based) of a list whose first page is `base`."""
    if number == 1:
        return base
    stem = base[: -len(".md")]
    if stem.endswith("/index"):
        return f"{stem[: -len('index')]}pagina-{number}.md"
    return f"{stem}-{number}.md"


def _paged(base: str, title: str, intro: Callable[[View], str], pills: list[Pill]) -> list[GeneratedPage]:
    chunks = [pills[i : i + PAGE_SIZE] for i in range(0, len(pills), PAGE_SIZE)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        def render(view: View, chunk: list[Pill] = chunk, number: int = number) -> str:
            return intro(view) + pill_list(view, chunk) + _pager(view, base, number, len(chunks))
        page_title = title if number == 1 else f"{title} ({number})"
        pages.append(GeneratedPage(paged_src(base, number), page_title, render))
    return pages


def _pager(view: View, base: str, number: int, total: int) -> str:
    if total == 1:
        return ""
    t = view.labels
    links = []
    if number > 1:
        links.append(f'<a rel="prev" href="{esc(view.href(paged_src(base, number - 1)))}">{esc(t("previous"))}</a>')
    links.append(f'<span aria-current="page">{esc(t("page"))} {number} / {total}</span>')
    if number < total:
        links.append(f'<a rel="next" href="{esc(view.href(paged_src(base, number + 1)))}">{esc(t("next"))}</a>')
    return f'<nav class="pillole-pager" aria-label="{esc(t("page"))}">{" ".join(links)}</nav>'


def _heading(text: str) -> str:
    return f"<h1>{esc(text)}</h1>"


def _counted_links(view: View, items: list[tuple[str, str, int, str]]) -> str:
    """A list of (src, label, count, description) links."""
    rows = "".join(
        f'<li><a href="{esc(view.href(src))}">{esc(label)}</a> '
        f'<span class="pillole-count">{esc(view.labels.count(count))}</span>'
        + (f'<p class="pillole-description">{esc(description)}</p>' if description else "")
        + "</li>"
        for src, label, count, description in items
    )
    return f'<ul class="pillole-index">{rows}</ul>'


def site_pages(catalog: Catalog, labels_of: Callable[[str], str]) -> list[GeneratedPage]:
    """Every generated page of the site (`labels_of` gives page titles in the site's language)."""
    by_date = catalog.pills_by_date()
    by_tag: dict[str, list[Pill]] = defaultdict(list)
    by_mentor: dict[str, list[Pill]] = defaultdict(list)
    by_audience: dict[str, list[Pill]] = defaultdict(list)
    by_area: dict[str, list[Pill]] = defaultdict(list)
    by_technique: dict[str, list[Pill]] = defaultdict(list)
    for pill in by_date:
        for tag in pill.tags:
            by_tag[tag].append(pill)
        for mentor in pill.mentors:
            by_mentor[mentor].append(pill)
        for who in pill.audience:
            by_audience[who].append(pill)
        by_area[pill.area].append(pill)
        by_technique[pill.technique].append(pill)

    pages: list[GeneratedPage] = []
    pages += _paged(routes.PILLS, labels_of("all_pills"),
                    lambda v: _heading(v.labels("all_pills")), by_date)

    def tag_index(view: View) -> str:
        tags = sorted(catalog.tags.values(), key=lambda t: (-len(by_tag[t.id]), t.label.lower()))
        return _heading(view.labels("tags")) + _counted_links(
            view, [(routes.tag(t.id), t.label, len(by_tag[t.id]), t.description) for t in tags])

    pages.append(GeneratedPage(routes.TAGS, labels_of("tags"), tag_index))
    for tag in catalog.tags.values():
        def intro(view: View, tag=tag) -> str:
            text = _heading(f"{view.labels('tag')}: {tag.label}")
            if tag.description:
                text += f'<p class="pillole-description">{esc(tag.description)}</p>'
            return text
        pages += _paged(routes.tag(tag.id), tag.label, intro, by_tag[tag.id])

    def people_index(view: View) -> str:
        people = sorted(catalog.people.values(), key=lambda p: p.name.lower())
        rows = "".join(
            f"<li>{person_link(view, p.id)}"
            + (f' <span class="pillole-role">{esc(p.role)}</span>' if p.role else "")
            + f' <span class="pillole-count">{esc(view.labels.count(len(by_mentor[p.id])))}</span></li>'
            for p in people
        )
        teams = "".join(f"<li>{person_link(view, team.id)}</li>"
                        for team in sorted(catalog.teams.values(), key=lambda t: t.name.lower()))
        return (_heading(view.labels("people")) + f'<ul class="pillole-index">{rows}</ul>'
                + (f'<h2>{esc(view.labels("teams"))}</h2><ul class="pillole-index">{teams}</ul>' if teams else ""))

    pages.append(GeneratedPage(routes.PEOPLE, labels_of("people"), people_index))
    for person in catalog.people.values():
        def person_page(view: View, person=person) -> str:
            t = view.labels
            facts = []
            if person.role:
                facts.append(esc(person.role))
            if person.team:
                facts.append(person_link(view, person.team))
            text = _heading(person.name)
            if facts:
                text += f'<p class="pillole-role">{" · ".join(facts)}</p>'
            made = by_mentor[person.id]
            text += f'<h2 id="mentor">{esc(t("made_by"))} {esc(person.name)}</h2>' + pill_list(view, made)
            addressed = by_audience[person.id]
            if addressed:
                text += f'<h2 id="per-te">{esc(t("addressed_to"))}</h2>' + pill_list(view, addressed)
            return text
        pages.append(GeneratedPage(routes.person(person.id), person.name, person_page))
    for team in catalog.teams.values():
        def team_page(view: View, team=team) -> str:
            t = view.labels
            members = [p for p in catalog.people.values() if p.team == team.id]
            text = _heading(team.name)
            if team.description:
                text += f'<p class="pillole-description">{esc(team.description)}</p>'
            if members:
                items = "".join(f"<li>{person_link(view, p.id)}</li>" for p in members)
                text += f'<h2>{esc(t("team_members"))}</h2><ul class="pillole-index">{items}</ul>'
            text += f'<h2 id="per-il-team">{esc(t("addressed_to_team"))}</h2>' + pill_list(view, by_audience[team.id])
            return text
        pages.append(GeneratedPage(routes.team(team.id), team.name, team_page))
    for area_id, label in catalog.settings.areas.items():
        pages += _paged(routes.area(area_id), label,
                        lambda v, label=label: _heading(f"{v.labels('area')}: {label}"), by_area[area_id])
    for technique_id, label in catalog.settings.techniques.items():
        pages += _paged(routes.technique(technique_id), label,
                        lambda v, label=label: _heading(f"{v.labels('technique')}: {label}"),
                        by_technique[technique_id])
    return pages


def home_blocks(view: View) -> str:
    """What the home page shows under its own text: latest pills, areas, most used tags."""
    catalog = view.catalog
    t = view.labels
    latest = catalog.pills_by_date()[:HOME_LATEST]
    areas = Counter(p.area for p in catalog.pills.values())
    tags = Counter(tag for p in catalog.pills.values() for tag in p.tags)
    area_items = [(routes.area(a), label, areas[a], "") for a, label in catalog.settings.areas.items()]
    tag_items = [(routes.tag(tag_id), catalog.tags[tag_id].label, n, "") for tag_id, n in tags.most_common(12)]
    return (
        f'<section class="pillole-home" aria-labelledby="ultime"><h2 id="ultime">{esc(t("latest_pills"))}</h2>'
        + pill_list(view, latest)
        + f'<p><a href="{esc(view.href(routes.PILLS))}">{esc(t("see_all"))}</a></p></section>'
        + f'<section class="pillole-home" aria-labelledby="aree"><h2 id="aree">{esc(t("areas"))}</h2>'
        + _counted_links(view, area_items) + "</section>"
        + f'<section class="pillole-home" aria-labelledby="tag-usati"><h2 id="tag-usati">{esc(t("tags"))}</h2>'
        + _counted_links(view, tag_items) + "</section>"
    )
