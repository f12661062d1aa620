"""Feeds of new pills, so that learners can follow a topic or what is made for them from the intranet.

Atom (RFC 4287) and JSON Feed 1.1, for the whole site, per tag, per person (the pills addressed
to them or to their team: their "Per te") and per team. Only dated pills appear: a feed is news,
and a pill without a date has no place in time (`date` defaults from git history or the file's
time, so in practice every pill has one). Each feed holds the FEED_SIZE newest, so it stays
small on a large site.

Links come from the caller's `link(target, feed_src)`: absolute URLs when mkdocs.yml sets
`site_url`, else URLs relative to the feed file (what a reader resolves against the feed's own
address). Entry ids never depend on where the site is hosted: a `urn:uuid` derived from the
site name and the pill's page, so that setting `site_url` later does not make every entry
look new.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass
from itertools import islice
from typing import Callable
from xml.sax.saxutils import escape

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
    """The FEED_SIZE newest dated pills of a list (newest first): only those are looked at."""
    return tuple(islice((p for p in pills if p.date), FEED_SIZE))


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


class FeedWriter:
    """Writes every feed of a build. A pill sits in many feeds (the site's, its tags', its
    audience's), so each entry is written once per feed folder and reused: links are relative
    to the folder, so feeds in the same folder share them.

    `link(target_src, feed_src)` gives the URL of a page as seen from a feed file; `absolute`
    says whether those URLs are absolute (mkdocs.yml `site_url`)."""

    def __init__(self, browse: Browse, site_name: str, language: str,
                 link: Callable[[str, str], str], absolute: bool, fallback: dt.date) -> None:
        self.browse = browse
        self.site_name = site_name
        self.language = language
        self.link = link
        self.absolute = absolute
        self.fallback = fallback
        self._entries: dict[tuple[str, str], str] = {}
        self._items: dict[tuple[str, str], dict[str, object]] = {}

    def _folder(self, src: str) -> str:
        return "" if self.absolute else src.rsplit("/", 1)[0]

    def _authors(self, pill: Pill) -> list[str]:
        people = self.browse.catalog.people
        return [people[m].name if m in people else m for m in pill.mentors]

    def atom(self, feed: Feed) -> str:
        """The feed as an Atom document (feed: id, title, updated, links; each entry: id, title,
        updated, published, link, author, summary, categories)."""
        src = feed.atom_src
        head = (f'<?xml version="1.0" encoding="utf-8"?>\n'
                f'<feed xmlns="{ATOM_NS}" xml:lang="{_x(self.language)}">\n'
                f"  <id>{entry_id(self.site_name, feed.stem)}</id>\n"
                f"  <title>{_x(feed.title)}</title>\n"
                f"  <updated>{_updated(feed, self.fallback)}</updated>\n"
                f'  <link rel="self" type="{ATOM_TYPE}" href="{_x(self.link(src, src))}"/>\n'
                f'  <link rel="alternate" type="text/html" href="{_x(self.link(feed.page, src))}"/>\n'
                f"  <generator>Pillole</generator>\n")
        return head + "".join(self._atom_entry(pill, src) for pill in feed.pills) + "</feed>\n"

    def _atom_entry(self, pill: Pill, src: str) -> str:
        key = (pill.slug, self._folder(src))
        if key not in self._entries:
            assert pill.date is not None  # feeds hold dated pills only
            when = _timestamp(pill.date)
            tags = self.browse.catalog.tags
            self._entries[key] = (
                "  <entry>\n"
                f"    <id>{entry_id(self.site_name, pill.src)}</id>\n"
                f"    <title>{_x(pill.title)}</title>\n"
                f"    <updated>{when}</updated>\n    <published>{when}</published>\n"
                f'    <link rel="alternate" type="text/html" href="{_x(self.link(pill.src, src))}"/>\n'
                + "".join(f"    <author><name>{_x(name)}</name></author>\n" for name in self._authors(pill))
                + f"    <summary>{_x(pill.summary)}</summary>\n"
                + "".join(f'    <category term="{_x(t)}" label="{_x(tags[t].label)}"/>\n' for t in pill.tags)
                + "  </entry>\n")
        return self._entries[key]

    def json_feed(self, feed: Feed) -> str:
        """The feed as JSON Feed 1.1. `home_page_url` and `feed_url` are only given when links are
        absolute: the format means them as addresses to visit, not relative paths."""
        src = feed.json_src
        data: dict[str, object] = {"version": JSON_FEED_VERSION, "title": feed.title}
        if self.absolute:
            data["home_page_url"] = self.link(feed.page, src)
            data["feed_url"] = self.link(src, src)
        data["language"] = self.language
        data["items"] = [self._json_item(pill, src) for pill in feed.pills]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    def _json_item(self, pill: Pill, src: str) -> dict[str, object]:
        key = (pill.slug, self._folder(src))
        if key not in self._items:
            assert pill.date is not None
            self._items[key] = {
                "id": entry_id(self.site_name, pill.src),
                "url": self.link(pill.src, src),
                "title": pill.title,
                "summary": pill.summary,
                "content_text": pill.summary,
                "date_published": _timestamp(pill.date),
                "authors": [{"name": name} for name in self._authors(pill)],
                "tags": [self.browse.catalog.tags[t].label for t in pill.tags],
            }
        return self._items[key]


#: Characters XML 1.0 does not allow at all, even escaped: one would make the whole feed
#: unreadable. Validation warns about them in content; the site's name and labels come
#: from mkdocs.yml, so they are left out here too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    """Text escaped for XML element content and double-quoted attributes."""
    return escape(_NOT_XML.sub("", text), {'"': "&quot;"})
