"""Feeds of new pills, so that learners can follow a topic or what is made for them from the intranet.

Atom (RFC 4287) and JSON Feed 1.1, for the whole site, per tag, per person (the pills addressed
to them or to their team: their "Per te") and per team. Only dated pills appear: a feed is news,
and a pill without a date has no place in time (every sample pill has one; `date` defaults
from git history). Each feed holds the FEED_SIZE newest, so it stays small on a large site.

Links come from the caller's `link(src)`: absolute URLs when mkdocs.yml sets `site_url`, else
URLs relative to the feed file (what a reader resolves against the feed's own address). Entry
ids never depend on where the site is hosted: a `urn:uuid` derived from the site name and
the pill's page, so that setting `site_url` later does not make every entry look new.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Callable

from . import routes
from .catalog import Browse
from .model import Pill

FEED_SIZE = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written, what it is called, the page it follows, its pills."""

    stem: str  # source path without extension (routes.FEED_SITE, routes.feed(...))
    title: str
    page: str  # source path of the HTML page with the same pills
    pills: tuple[Pill, ...]

    @property
    def atom_src(self) -> str:
        return self.stem + ".xml"

    @property
    def json_src(self) -> str:
        return self.stem + ".json"


def _dated(pills: list[Pill]) -> tuple[Pill, ...]:
    return tuple(p for p in pills if p.date)[:FEED_SIZE]


def site_feeds(browse: Browse, site_name: str, title_of: Callable[[str], str]) -> list[Feed]:
    """Every feed of the site. `title_of(key)` gives the words of the site's language
    ('latest_pills', 'tag', 'for')."""
    catalog = browse.catalog
    feeds = [Feed(routes.FEED_SITE, f"{site_name} — {title_of('latest_pills')}", routes.PILLS,
                  _dated(browse.by_date))]
    for tag in catalog.tags.values():
        feeds.append(Feed(routes.feed("tag", tag.id), f"{site_name} — {title_of('tag')} {tag.label}",
                          routes.tag(tag.id), _dated(browse.by_tag.get(tag.id, []))))
    for person in catalog.people.values():
        feeds.append(Feed(routes.feed("persone", person.id), f"{site_name} — {title_of('for')} {person.name}",
                          routes.person(person.id), _dated(browse.for_person(person.id))))
    for team in catalog.teams.values():
        feeds.append(Feed(routes.feed("team", team.id), f"{site_name} — {title_of('for')} {team.name}",
                          routes.team(team.id), _dated(browse.by_audience.get(team.id, []))))
    return feeds


def entry_id(site_name: str, src: str) -> str:
    """A permanent id for a page of the site, independent of its URL."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"pillole:{site_name}:{src}"))


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _updated(feed: Feed, fallback: dt.date) -> str:
    """The newest pill's date; an empty feed takes `fallback` (the site's newest), so that a
    rebuild of unchanged content writes the same bytes."""
    return _timestamp(feed.pills[0].date if feed.pills and feed.pills[0].date else fallback)


def atom(feed: Feed, browse: Browse, site_name: str, language: str, link: Callable[[str], str],
         fallback: dt.date) -> str:
    """The feed as an Atom document (feed: id, title, updated, links; each entry: id, title,
    updated, published, link, author, summary, categories)."""
    catalog = browse.catalog
    root = ET.Element("feed", {"xmlns": ATOM_NS, "{http://www.w3.org/XML/1998/namespace}lang": language})
    ET.SubElement(root, "id").text = entry_id(site_name, feed.stem)
    ET.SubElement(root, "title").text = feed.title
    ET.SubElement(root, "updated").text = _updated(feed, fallback)
    ET.SubElement(root, "link", rel="self", type=ATOM_TYPE, href=link(feed.atom_src))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=link(feed.page))
    ET.SubElement(root, "generator").text = "Pillole"
    for pill in feed.pills:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = entry_id(site_name, pill.src)
        ET.SubElement(entry, "title").text = pill.title
        assert pill.date is not None  # feeds hold dated pills only
        ET.SubElement(entry, "updated").text = _timestamp(pill.date)
        ET.SubElement(entry, "published").text = _timestamp(pill.date)
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link(pill.src))
        for mentor in pill.mentors:
            author = ET.SubElement(entry, "author")
            person = catalog.people.get(mentor)
            ET.SubElement(author, "name").text = person.name if person else mentor
        ET.SubElement(entry, "summary").text = pill.summary
        for tag_id in pill.tags:
            ET.SubElement(entry, "category", term=tag_id, label=catalog.tags[tag_id].label)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(feed: Feed, browse: Browse, site_name: str, language: str, link: Callable[[str], str],
              absolute: bool) -> str:
    """The feed as JSON Feed 1.1. `home_page_url` and `feed_url` are only given when links are
    absolute (`absolute`): the format means them as addresses to visit, not relative paths."""
    catalog = browse.catalog
    data: dict[str, object] = {"version": JSON_FEED_VERSION, "title": feed.title}
    if absolute:
        data["home_page_url"] = link(feed.page)
        data["feed_url"] = link(feed.json_src)
    data["language"] = language
    items = []
    for pill in feed.pills:
        assert pill.date is not None
        items.append({
            "id": entry_id(site_name, pill.src),
            "url": link(pill.src),
            "title": pill.title,
            "summary": pill.summary,
            "content_text": pill.summary,
            "date_published": _timestamp(pill.date),
            "authors": [{"name": catalog.people[m].name if m in catalog.people else m} for m in pill.mentors],
            "tags": [catalog.tags[t].label for t in pill.tags],
        })
    data["items"] = items
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
