"""Browsing through a real build: tag, person, team and home pages, related pills, feeds.

Feeds are parsed as what they claim to be: Atom (RFC 4287: feed and entries with id, title,
updated, link; an author per entry) and JSON Feed 1.1 (version, title, items with id and
content), and every link in them must lead to a page that was built.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from posixpath import dirname, join, normpath

import yaml

from support import PEOPLE, TAGS, Site

ATOM = "{http://www.w3.org/2005/Atom}"


def cards(html: str) -> list[str]:
    """Slugs of the pill cards on a page, in order."""
    return re.findall(r'<li class="pillole-card" data-pill="([^"]+)"', html)


def section(html: str, anchor: str) -> str:
    """The HTML from the heading with id `anchor` to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start + 1)
    return html[start:end if end != -1 else len(html)]


def atom_feed(site: Site, src: str) -> ET.Element:
    root = ET.fromstring((site.out / src).read_bytes())
    assert root.tag == ATOM + "feed"
    for required in ("id", "title", "updated"):
        assert root.find(ATOM + required) is not None and root.find(ATOM + required).text, required
    assert root.find(ATOM + "id").text.startswith("urn:uuid:")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", root.find(ATOM + "updated").text)
    rels = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert set(rels) == {"self", "alternate"}
    for entry in root.findall(ATOM + "entry"):
        for required in ("id", "title", "updated", "link", "author/" + ATOM + "name", "summary"):
            assert entry.find(ATOM + required) is not None, required
        assert entry.find(ATOM + "link").get("rel") == "alternate"
    return root


def resolves(site: Site, feed_src: str, href: str) -> bool:
    return (site.out / normpath(join(dirname(feed_src), href))).is_file()


def browse_site(site: Site) -> None:
    site.pill("calendario", date=dt.date(2026, 3, 29), level="base")
    site.pill("sicuro", title="Password sicure", tags=["sicurezza", "nuvola"], level="avanzato",
              mentor="marco-bianchi", date=dt.date(2026, 4, 10), audience=["marco-bianchi"])
    site.pill("per-il-team", title="Agenda del team", tags=["calendario"], level="intermedio",
              date=dt.date(2026, 2, 1), audience=["vendite"])
    site.pill("recente", title="Cloud recente", tags=["cloud"], mentor="marco-bianchi", date=dt.date(2026, 5, 1))
    site.write("percorsi/primi-passi.md", "---\ntitle: Primi passi\ndescription: Per cominciare\n"
               "steps: [calendario, sicuro]\nbadge: {name: Esploratore, icon: \"🧭\"}\n---\nTesto.\n")


def test_tag_person_team_and_home_pages_list_the_right_pills_in_order(site: Site) -> None:
    browse_site(site)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr

    index = site.page("tag/index.html")
    assert re.findall(r'<h2 id="lettera-(\w+)"', index) == ["c", "s"]
    assert re.findall(r'<li><a href="([^"]+)">', section(index, "lettera-c")) == ["calendario.html", "cloud.html"]
    cloud = section(index, "lettera-c").split('href="cloud.html"')[1]
    assert "3 pillole" in cloud and "Servizi in cloud" in cloud  # the alias 'nuvola' counts for cloud

    tag = site.page("tag/cloud.html")
    assert cards(tag) == ["recente", "sicuro", "calendario"]  # newest first
    assert "Servizi in cloud" in tag
    assert re.search(r'data-pillole-filter hidden', tag)  # shown by browse.js only
    assert re.findall(r'data-level="(\w*)" aria-pressed', tag) == ["", "base", "avanzato"]
    calendario_card = tag.split('data-pill="calendario"')[1].split("</li>")[0]
    assert "Giulia Rossi" in calendario_card and "Base" in calendario_card and 'datetime="2026-03-29"' in calendario_card

    marco = site.page("persone/marco-bianchi.html")
    assert "Direttore vendite" in marco and 'href="../team/vendite.html"' in marco
    assert cards(section(marco, "mentor")) == ["recente", "sicuro"]
    assert cards(section(marco, "per-te")) == ["sicuro", "per-il-team"]  # directly, and through the team
    giulia = site.page("persone/giulia-rossi.html")
    assert cards(section(giulia, "per-te")) == ["per-il-team"]
    team = site.page("team/vendite.html")
    assert cards(section(team, "per-il-team")) == ["per-il-team"]
    assert "Giulia Rossi" in team and "Marco Bianchi" in team
    assert cards(site.page("aree/tecnologia.html")) == ["recente", "sicuro", "calendario", "per-il-team"]
    assert cards(site.page("tecniche/individuale.html")) == ["recente", "sicuro", "calendario", "per-il-team"]

    home = site.page("index.html")
    assert cards(section(home, "ultime")) == ["recente", "sicuro", "calendario", "per-il-team"]
    assert re.findall(r'<li><a href="tag/(\w+).html">', section(home, "tag-usati")) == ["cloud", "calendario", "sicurezza"]
    assert 'href="team/vendite.html">Direzione vendite</a>' in section(home, "per-i-team")
    paths = section(home, "percorsi")
    assert '<a class="pillole-path-card__title" href="percorsi/primi-passi.html">Primi passi</a>' in paths
    assert "2 passi" in paths and 'role="progressbar"' in paths
    assert home.index('id="ultime"') < home.index('id="percorsi"') < home.index('id="aree"')

    # related: a shared tag (3) + same mentor (2) + same area (1); ties by date; nothing shared: not related
    assert cards(section(site.page("pillole/calendario/index.html"), "collegate")) == [
        "recente", "sicuro", "per-il-team"]
    assert cards(section(site.page("pillole/recente/index.html"), "collegate")) == ["sicuro", "calendario"]


def test_feeds_are_valid_atom_and_json_feed_and_linked_from_pages(site: Site) -> None:
    browse_site(site)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr

    root = atom_feed(site, "feed/pillole.xml")
    entries = root.findall(ATOM + "entry")
    assert [e.find(ATOM + "title").text for e in entries] == [
        "Cloud recente", "Password sicure", "Il calendario condiviso", "Agenda del team"]
    assert root.find(ATOM + "updated").text == "2026-05-01T00:00:00Z"
    assert len({e.find(ATOM + "id").text for e in entries}) == 4
    first = entries[1]
    assert first.find(ATOM + "author/" + ATOM + "name").text == "Marco Bianchi"
    assert [c.get("term") for c in first.findall(ATOM + "category")] == ["sicurezza", "cloud"]
    for link in [*root.findall(ATOM + "link"), *root.findall(f"{ATOM}entry/{ATOM}link")]:
        assert resolves(site, "feed/pillole.xml", link.get("href")), link.get("href")

    tag = atom_feed(site, "feed/tag/cloud.xml")
    assert len(tag.findall(ATOM + "entry")) == 3
    person = atom_feed(site, "feed/persone/marco-bianchi.xml")
    assert [e.find(ATOM + "title").text for e in person.findall(ATOM + "entry")] == ["Password sicure", "Agenda del team"]
    team = atom_feed(site, "feed/persone/giulia-rossi.xml")  # through her team
    assert [e.find(ATOM + "title").text for e in team.findall(ATOM + "entry")] == ["Agenda del team"]

    data = json.loads((site.out / "feed/tag/cloud.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] and "home_page_url" not in data  # no site_url: no absolute addresses
    assert [item["title"] for item in data["items"]] == ["Cloud recente", "Password sicure", "Il calendario condiviso"]
    for item in data["items"]:
        assert item["id"].startswith("urn:uuid:") and item["content_text"] and item["date_published"]
        assert resolves(site, "feed/tag/cloud.json", item["url"])
    assert data["items"][1]["tags"] == ["Sicurezza", "Cloud"]

    page = site.page("tag/cloud.html")
    head = page.split("</head>")[0]
    assert '<link rel="alternate feed" type="application/atom+xml" title="Prova — Tag Cloud" href="../feed/tag/cloud.xml">' in head
    assert 'type="application/feed+json"' in head and 'href="../feed/pillole.xml"' in head
    assert 'class="pillole-feeds"' in page and 'href="../feed/tag/cloud.json"' in page
    assert 'href="../feed/persone/marco-bianchi.xml"' in site.page("persone/marco-bianchi.html")


def test_site_url_makes_feed_links_absolute_and_long_lists_are_paged(site: Site) -> None:
    site.config(site_url="https://intranet.example.it/pillole/")
    for n in range(50):
        site.pill(f"p{n:02d}", title=f"Pillola {n:02d}", date=dt.date(2026, 6, 1) + dt.timedelta(days=n),
                  audience=["marco-bianchi"])
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr

    data = json.loads((site.out / "feed/persone/marco-bianchi.json").read_text(encoding="utf-8"))
    assert data["feed_url"] == "https://intranet.example.it/pillole/feed/persone/marco-bianchi.json"
    assert data["home_page_url"] == "https://intranet.example.it/pillole/persone/marco-bianchi.html"
    assert len(data["items"]) == 50  # FEED_SIZE
    assert data["items"][0]["url"] == "https://intranet.example.it/pillole/pillole/p49/index.html"
    root = atom_feed(site, "feed/pillole.xml")
    assert root.find(ATOM + "link").get("href") == "https://intranet.example.it/pillole/feed/pillole.xml"

    tag = site.page("tag/cloud.html")
    assert len(cards(tag)) == 48 and cards(tag)[0] == "p49"
    assert '<a class="md-button" rel="next" href="cloud/pagina-2.html">' in tag
    assert cards(site.page("tag/cloud/pagina-2.html")) == ["p01", "p00", "calendario"]
    assert '<a class="md-button" rel="prev" href="../cloud.html">' in site.page("tag/cloud/pagina-2.html")
    person = site.page("persone/marco-bianchi.html")
    assert len(cards(person)) == 48
    assert '<a class="pillole-more" href="marco-bianchi/per-te.html">Vedi tutte (50)</a>' in person
    assert len(cards(site.page("persone/marco-bianchi/per-te.html"))) == 48
    assert cards(site.page("persone/marco-bianchi/per-te/pagina-2.html")) == ["p01", "p00"]
    assert len(cards(section(site.page("team/vendite.html"), "per-il-team"))) == 0


def test_labels_and_names_from_registries_are_escaped_everywhere(site: Site) -> None:
    people = yaml.safe_load(yaml.safe_dump(PEOPLE))
    people["people"][0]["name"] = "Giulia <script>alert(1)</script>"
    tags = [dict(t) for t in TAGS]
    tags[0]["label"] = "Cloud <script>alert(2)</script>"
    site.write("people.yml", yaml.safe_dump(people, allow_unicode=True))
    site.write("tags.yml", yaml.safe_dump(tags, allow_unicode=True))
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    for page in ("tag/index.html", "tag/cloud.html", "persone/giulia-rossi.html", "persone/index.html",
                 "index.html", "pillole/calendario/index.html", "team/vendite.html"):
        html = site.page(page)
        assert "<script>alert" not in html, page
        assert "&lt;script&gt;alert" in html, page
    entry = atom_feed(site, "feed/tag/cloud.xml").find(ATOM + "entry")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Giulia <script>alert(1)</script>"
    data = json.loads((site.out / "feed/pillole.json").read_text(encoding="utf-8"))
    assert data["items"][0]["tags"] == ["Cloud <script>alert(2)</script>"]


def test_material_tags_plugin_next_to_pillole_is_a_clear_warning(site: Site) -> None:
    site.config(plugins=["pillole", "tags"])
    expected = ("mkdocs.yml:4: plugins: 'tags' is enabled together with pillole: Pillole already makes the "
                "tag pages (tag/index.html and one page per tag) from the same 'tags' key; "
                "remove 'tags' from 'plugins:' in mkdocs.yml")
    check = site.check()
    assert check.returncode == 0
    assert f"warning: {expected}" in check.stdout
    build = site.build("--strict")
    assert build.returncode != 0
    assert "'material/tags' is enabled together with pillole" in build.stderr
    assert "Traceback" not in build.stderr + check.stdout + check.stderr


def test_a_registry_id_that_would_replace_a_list_page_is_an_error(site: Site) -> None:
    site.write("tags.yml", yaml.safe_dump([*TAGS, {"id": "index", "label": "Indice"}], allow_unicode=True))
    check = site.check()
    assert check.returncode == 1
    assert ("content/tags.yml:12: [3].id: 'index' is reserved for a generated list page (e.g. tag/index.html); "
            "choose another id, e.g. 'index-1'") in check.stdout


def test_an_english_site_browses_in_english(site: Site) -> None:
    site.config(theme={"name": "material", "language": "en", "font": False})
    browse_site(site)
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    assert '<h2 id="collegate">Related pills</h2>' in site.page("pillole/calendario/index.html")
    assert "Follow what&#39;s new" in site.page("tag/cloud.html")
    assert 'aria-label="Filter by level"' in site.page("tag/cloud.html")
    assert "Most used tags" in site.page("index.html") and "All learning paths" in site.page("index.html")
    assert "Pills addressed to Marco Bianchi or to their team." in site.page("persone/marco-bianchi.html")
    assert "<title>Prova — For Marco Bianchi</title>" in (site.out / "feed/persone/marco-bianchi.xml").read_text()
