"""The generated pages: pill lists, tags, people, teams, areas, techniques, home blocks.

Each page is a GeneratedPage (source path, title, a function that renders its HTML for a
View). The adapter registers one virtual file per page; nothing is written into content/.
Long lists are split into pages of PAGE_SIZE, and person and team pages show only the latest
PAGE_SIZE of each list with a link to the paged whole, so that a site of thousands of pills
keeps every page light. Lists carry a level filter (assets/browse.js); without JavaScript the
filter stays hidden and every card is shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from .. import routes
from ..catalog import Browse, sort_key
from ..feeds import ATOM_TYPE, JSON_TYPE
from ..model import Catalog, Pill
from .pill import person_link, pill_list
from .view import View, esc

PAGE_SIZE = 48
HOME_LATEST = 8
HOME_TAGS = 12


@dataclass(frozen=True)
class GeneratedPage:
    src: str
    title: str
    render: Callable[[View], str]


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


def _paged(base: str, title: str, intro: Callable[[View], str], pills: list[Pill]) -> list[GeneratedPage]:
    chunks = [pills[i : i + PAGE_SIZE] for i in range(0, len(pills), PAGE_SIZE)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        def render(view: View, chunk: list[Pill] = chunk, number: int = number) -> str:
            return (intro(view) + level_filter(view, chunk) + pill_list(view, chunk)
                    + _pager(view, base, number, len(chunks)))
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


def level_filter(view: View, pills: list[Pill]) -> str:
    """Buttons that show only the cards of one level (assets/browse.js); hidden, so that
    without JavaScript nothing pretends to filter. Only when the list mixes levels."""
    counts = Counter(p.level for p in pills)
    if len(counts) < 2:
        return ""
    t = view.labels
    buttons = [f'<button type="button" class="md-button" data-level="" aria-pressed="true">'
               f'{esc(t("all_levels"))} <span class="pillole-count">{len(pills)}</span></button>']
    buttons += [f'<button type="button" class="md-button" data-level="{esc(level)}" aria-pressed="false">'
                f'{esc(label)} <span class="pillole-count">{counts[level]}</span></button>'
                for level, label in view.catalog.settings.levels.items() if counts[level]]
    return (f'<div class="pillole-filter" data-pillole-filter hidden role="group" '
            f'aria-label="{esc(t("filter_level"))}"><span>{esc(t("level"))}:</span> {"".join(buttons)}'
            f'<span class="pillole-filter__status" role="status"></span></div>')


def feed_links(view: View, stem: str) -> str:
    """Visible links to the Atom and JSON feeds of a page (the <head> has them too)."""
    t = view.labels
    return (f'<p class="pillole-feeds">{esc(t("follow"))}: '
            f'<a href="{esc(view.href(stem + ".xml"))}" type="{ATOM_TYPE}">{esc(t("atom"))}</a> · '
            f'<a href="{esc(view.href(stem + ".json"))}" type="{JSON_TYPE}">{esc(t("json_feed"))}</a></p>')


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


def _latest(view: View, heading_id: str, heading: str, pills: list[Pill], all_src: str, note: str = "") -> str:
    """A section with the newest PAGE_SIZE pills of a list and, past that, a link to all of them."""
    text = f'<h2 id="{heading_id}">{esc(heading)}</h2>'
    if note:
        text += f'<p class="pillole-description">{esc(note)}</p>'
    text += level_filter(view, pills[:PAGE_SIZE])
    text += pill_list(view, pills[:PAGE_SIZE])
    if len(pills) > PAGE_SIZE:
        text += (f'<p><a href="{esc(view.href(all_src))}">'
                 f'{esc(view.labels("see_all_count", n=len(pills)))}</a></p>')
    return text


def _tag_index(view: View, browse: Browse) -> str:
    """Every tag of the registry filed by initial letter, with count and description."""
    groups = browse.tags_by_initial()
    letters = " ".join(f'<a href="#lettera-{esc(letter.lower())}">{esc(letter)}</a>'
                       if letter != "#" else '<a href="#lettera-altro">#</a>' for letter, _ in groups)
    text = (_heading(view.labels("tags"))
            + f'<nav class="pillole-letters" aria-label="{esc(view.labels("tags_by_initial"))}">{letters}</nav>')
    sections = ""
    for letter, tags in groups:
        anchor = "lettera-altro" if letter == "#" else f"lettera-{letter.lower()}"
        sections += f'<section><h2 id="{esc(anchor)}">{esc(letter)}</h2>' + _counted_links(
            view, [(routes.tag(t.id), t.label, browse.tag_count(t.id), t.description) for t in tags]) + "</section>"
    return text + f'<div class="pillole-tag-groups">{sections}</div>'


def site_pages(catalog: Catalog, labels_of: Callable[[str], str]) -> list[GeneratedPage]:
    """Every generated page of the site (`labels_of` gives page titles in the site's language)."""
    browse = Browse.of(catalog)
    pages: list[GeneratedPage] = []
    pages += _paged(routes.PILLS, labels_of("all_pills"),
                    lambda v: _heading(v.labels("all_pills")) + feed_links(v, routes.FEED_SITE), browse.by_date)

    pages.append(GeneratedPage(routes.TAGS, labels_of("tags"), lambda v: _tag_index(v, browse)))
    for tag in catalog.tags.values():
        def intro(view: View, tag=tag) -> str:
            text = _heading(f"{view.labels('tag')}: {tag.label}")
            if tag.description:
                text += f'<p class="pillole-description">{esc(tag.description)}</p>'
            return text + feed_links(view, routes.feed("tag", tag.id))
        pages += _paged(routes.tag(tag.id), tag.label, intro, browse.by_tag.get(tag.id, []))

    def people_index(view: View) -> str:
        people = sorted(catalog.people.values(), key=lambda p: (sort_key(p.name), p.id))
        rows = "".join(
            f"<li>{person_link(view, p.id)}"
            + (f' <span class="pillole-role">{esc(p.role)}</span>' if p.role else "")
            + f' <span class="pillole-count">{esc(view.labels.count(len(browse.by_mentor.get(p.id, []))))}</span></li>'
            for p in people
        )
        teams = "".join(f"<li>{person_link(view, team.id)}</li>"
                        for team in sorted(catalog.teams.values(), key=lambda t: (sort_key(t.name), t.id)))
        return (_heading(view.labels("people")) + f'<ul class="pillole-index">{rows}</ul>'
                + (f'<h2>{esc(view.labels("teams"))}</h2><ul class="pillole-index">{teams}</ul>' if teams else ""))

    pages.append(GeneratedPage(routes.PEOPLE, labels_of("people"), people_index))
    for person in catalog.people.values():
        made = browse.by_mentor.get(person.id, [])
        for_you = browse.for_person(person.id)

        def person_page(view: View, person=person, made=made, for_you=for_you) -> str:
            t = view.labels
            facts = []
            if person.role:
                facts.append(esc(person.role))
            if person.team:
                facts.append(person_link(view, person.team))
            text = _heading(person.name)
            if facts:
                text += f'<p class="pillole-role">{" · ".join(facts)}</p>'
            if made:
                text += _latest(view, "mentor", f"{t('made_by')} {person.name}", made, routes.made_by(person.id))
            text += _latest(view, "per-te", t("addressed_to"), for_you, routes.for_person(person.id),
                            t("for_you_intro", name=person.name))
            return text + feed_links(view, routes.feed("persone", person.id))
        pages.append(GeneratedPage(routes.person(person.id), person.name, person_page))
        if len(made) > PAGE_SIZE:
            pages += _paged(routes.made_by(person.id), f"{labels_of('made_by')} {person.name}",
                            lambda v, person=person: _heading(f"{v.labels('made_by')} {person.name}"), made)
        if len(for_you) > PAGE_SIZE:
            pages += _paged(routes.for_person(person.id), f"{labels_of('addressed_to')}: {person.name}",
                            lambda v, person=person: _heading(f"{v.labels('addressed_to')}: {person.name}"),
                            for_you)
    for team in catalog.teams.values():
        for_team = browse.by_audience.get(team.id, [])

        def team_page(view: View, team=team, for_team=for_team) -> str:
            t = view.labels
            members = browse.members.get(team.id, [])
            text = _heading(team.name)
            if team.description:
                text += f'<p class="pillole-description">{esc(team.description)}</p>'
            if members:
                items = "".join(f"<li>{person_link(view, p.id)}</li>" for p in members)
                text += f'<h2>{esc(t("team_members"))}</h2><ul class="pillole-index">{items}</ul>'
            text += _latest(view, "per-il-team", t("addressed_to_team"), for_team, routes.for_team(team.id),
                            t("for_team_intro"))
            return text + feed_links(view, routes.feed("team", team.id))
        pages.append(GeneratedPage(routes.team(team.id), team.name, team_page))
        if len(for_team) > PAGE_SIZE:
            pages += _paged(routes.for_team(team.id), f"{labels_of('addressed_to_team')}: {team.name}",
                            lambda v, team=team: _heading(f"{v.labels('addressed_to_team')}: {team.name}"),
                            for_team)
    for area_id, label in catalog.settings.areas.items():
        pages += _paged(routes.area(area_id), label,
                        lambda v, label=label: _heading(f"{v.labels('area')}: {label}"),
                        browse.by_area.get(area_id, []))
    for technique_id, label in catalog.settings.techniques.items():
        pages += _paged(routes.technique(technique_id), label,
                        lambda v, label=label: _heading(f"{v.labels('technique')}: {label}"),
                        browse.by_technique.get(technique_id, []))
    return pages


def related_section(view: View, pills: list[Pill]) -> str:
    """The "Pillole collegate" block at the end of a pill page ('' when nothing is related)."""
    if not pills:
        return ""
    return (f'<section class="pillole-related" aria-labelledby="collegate">'
            f'<h2 id="collegate">{esc(view.labels("related"))}</h2>{pill_list(view, pills)}</section>')


def _paths_block(view: View) -> str:
    """The learning paths (content/percorsi/), each with its badge, length and description;
    the learner's progress is on the paths' own pages."""
    paths = sorted(view.catalog.paths.values(), key=lambda p: (sort_key(p.title), p.id))
    if not paths:
        return ""
    t = view.labels
    items = "".join(
        f'<li><span aria-hidden="true">{esc(p.badge.icon)}</span> '
        f'<a href="{esc(view.href(routes.learning_path(p.id)))}">{esc(p.title)}</a> '
        f'<span class="pillole-count">{esc(t("steps_one") if len(p.steps) == 1 else t("steps_many", n=len(p.steps)))}'
        f'</span><p class="pillole-description">{esc(p.description)}</p></li>'
        for p in paths)
    return (f'<section class="pillole-home" aria-labelledby="percorsi"><h2 id="percorsi">{esc(t("paths"))}</h2>'
            f'<ul class="pillole-index">{items}</ul>'
            f'<p><a href="{esc(view.href(routes.PATHS))}">{esc(t("all_paths"))}</a></p></section>')


def home_blocks(view: View) -> str:
    """What the home page shows under its own text: latest pills, learning paths, areas, most
    used tags and the teams pills are addressed to."""
    browse = Browse.of(view.catalog)
    t = view.labels
    area_items = [(routes.area(a), label, len(browse.by_area.get(a, [])), "")
                  for a, label in view.catalog.settings.areas.items()]
    tag_items = [(routes.tag(tag.id), tag.label, n, "") for tag, n in browse.most_used_tags(HOME_TAGS)]
    team_items = [(routes.team(team.id), team.name, n, "") for team, n in browse.team_audiences()]
    html = (
        f'<section class="pillole-home" aria-labelledby="ultime"><h2 id="ultime">{esc(t("latest_pills"))}</h2>'
        + pill_list(view, browse.by_date[:HOME_LATEST])
        + f'<p><a href="{esc(view.href(routes.PILLS))}">{esc(t("see_all"))}</a></p>'
        + feed_links(view, routes.FEED_SITE) + "</section>"
        + _paths_block(view)
        + f'<section class="pillole-home" aria-labelledby="aree"><h2 id="aree">{esc(t("areas"))}</h2>'
        + _counted_links(view, area_items) + "</section>"
        + f'<section class="pillole-home" aria-labelledby="tag-usati"><h2 id="tag-usati">{esc(t("most_used_tags"))}</h2>'
        + _counted_links(view, tag_items)
        + f'<p><a href="{esc(view.href(routes.TAGS))}">{esc(t("tags_by_initial"))}</a></p></section>'
    )
    if team_items:
        html += (f'<section class="pillole-home" aria-labelledby="per-i-team"><h2 id="per-i-team">'
                 f'{esc(t("for_teams"))}</h2>' + _counted_links(view, team_items) + "</section>")
    return html
