"""The feed writer without a build: XML escaping, stable dates, relative and absolute links."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from pillole.catalog import Browse
from pillole.feeds import FeedWriter, site_feeds
from pillole.model import Catalog, Person, Pill, Settings, Tag

ATOM = "{http://www.w3.org/2005/Atom}"


def browse() -> Browse:
    cat = Catalog(Settings())
    cat.tags = {"ia": Tag("ia", 'IA & "prompt" <b>')}
    cat.people = {"anna": Person("anna", "Anna <script>"), "bruno": Person("bruno", "Bruno")}
    cat.pills = {"p": Pill(slug="p", src="pillole/p/index.md", title="A < B & C", summary="Perché sì",
                           mentors=("anna",), tags=("ia",), area="tecnologia",
                           date=dt.date(2026, 3, 29))}
    return Browse.of(cat)


def writer(b: Browse, base: str = "") -> FeedWriter:
    def link(target: str, feed_src: str) -> str:
        return base + target.replace(".md", ".html") if base else "REL:" + target
    return FeedWriter(b, "Prova", "it", link, absolute=bool(base), fallback=dt.date(2026, 1, 2))


def test_atom_escapes_text_and_attributes_and_empty_feeds_keep_a_stable_date() -> None:
    b = browse()
    feeds = {f.stem: f for f in site_feeds(b, "Prova", lambda key: key)}
    root = ET.fromstring(writer(b).atom(feeds["feed/pillole"]))
    entry = root.find(ATOM + "entry")
    assert entry.find(ATOM + "title").text == "A < B & C"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Anna <script>"
    assert entry.find(ATOM + "category").get("label") == 'IA & "prompt" <b>'
    assert entry.find(ATOM + "link").get("href") == "REL:pillole/p/index.md"
    empty = ET.fromstring(writer(b).atom(feeds["feed/persone/bruno"]))
    assert empty.find(ATOM + "entry") is None
    assert empty.find(ATOM + "updated").text == "2026-01-02T00:00:00Z"


def test_json_feed_gives_home_and_feed_urls_only_when_links_are_absolute() -> None:
    b = browse()
    feed = site_feeds(b, "Prova", lambda key: key)[0]
    relative = json.loads(writer(b).json_feed(feed))
    assert "feed_url" not in relative and "home_page_url" not in relative
    absolute = json.loads(writer(b, "https://x.it/").json_feed(feed))
    assert absolute["feed_url"] == "https://x.it/feed/pillole.json"
    assert absolute["items"][0]["url"] == "https://x.it/pillole/p/index.html"
    assert absolute["items"][0]["id"] == relative["items"][0]["id"]  # ids do not depend on the address
