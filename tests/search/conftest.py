"""Chromium (Debian's) for the search tests, and a small Italian fixture index built once.

The fixture index uses tiny shard budgets so that even eight pills spread over many
shards: the browser tests then exercise shard selection, not just one file.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pillole.i18n import Labels
from pillole.render.templates import Renderer
from pillole.search.builder import Cue, SearchDocument, build_index
from support import publish_scripts


PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Prova</title>
<link rel="stylesheet" href="{up}assets/pillole/pillole.css"><link rel="stylesheet" href="{up}assets/pillole/search.css">
</head><body>
<header><div data-pillole-search></div></header>{main}
<script src="{up}assets/pillole/core.js"></script></body></html>
"""


def fixture_documents() -> list[SearchDocument]:
    def doc(slug: str, title: str, summary: str, **extra: Any) -> SearchDocument:
        facets = {"area": [extra.pop("area", "Tecnologia")], "technique": ["Individuale"],
                  "level": [extra.pop("level", "Base")], "tag": list(extra.get("tags", ())),
                  "mentor": [extra.get("people", ("Giulia Rossi",))[0]]}
        return SearchDocument(id=slug, url=f"pillole/{slug}/", title=title, summary=summary,
                              facets=facets, **extra)

    return [
        doc("calendario", "Il calendario condiviso in cloud", "Pianificare riunioni senza email.",
            tags=("calendario", "cloud", "agenda"), people=("Giulia Rossi", "Marco Bianchi"),
            body="Apri il calendario e invita i colleghi.", kind="video", duration=130.0,
            cues=(Cue(0, "Benvenuti a questa pillola."), Cue(12.5, "Oggi vediamo il calendario."),
                  Cue(133.0, "Ricordate di condividere la disponibilità con la squadra."))),
        doc("competenze", "Competenze digitali per tutti", "Una mappa delle competenze che servono.",
            tags=("competenze",), people=("Sara Colombo",), area="Innovazione", level="Intermedio",
            body="La competenza digitale si costruisce con la pratica quotidiana.", kind="text"),
        doc("intelligenza", "L'intelligenza artificiale in ufficio", "Usare un assistente senza paura.",
            tags=("ia", "intelligenza artificiale"), people=("Luca Ricci",), kind="audio", duration=420.0,
            cues=(Cue(5, "Parliamo dell'intelligenza artificiale."),
                  Cue(61, "Un'app può riassumere le riunioni lunghe."))),
        doc("citta", "Lavorare in un'altra città", "Il lavoro da remoto tra università e azienda.",
            tags=("remoto",), people=("Elena Greco",), area="Diversità e inclusione",
            body="Perché lavorare da remoto cambia la giornata dell'azienda.", kind="text"),
        doc("password", "Password sicure e gestori", "Proteggere gli account aziendali.",
            tags=("sicurezza",), people=("Marco Bianchi",), level="Avanzato", kind="video", duration=900.0,
            cues=(Cue(3, "Una password lunga vale più di una complicata."),
                  Cue(47, "Il gestore delle password ricorda tutto al posto vostro."))),
        doc("inclusione", "Linguaggio inclusivo nelle email", "Scrivere senza escludere nessuno.",
            tags=("inclusione",), people=("Chiara Conti",), area="Diversità e inclusione", kind="text",
            body="Un linguaggio inclusivo rende la comunicazione più efficace."),
    ]


@pytest.fixture
def page_template() -> str:
    """HTML of a bare page with the header box; format with lang, up (to the root), main."""
    return PAGE


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the fixture index, a home page and a `cerca/` page (works from file://)."""
    root = tmp_path_factory.mktemp("search") / "sito"
    build_index(fixture_documents(), root / "pillole-search", "it", head_budget=300, text_budget=400)
    publish_scripts(root, "it")
    (root / "index.html").write_text(PAGE.format(lang="it", up="", main="<main><h1>Home</h1></main>"))
    (root / "cerca").mkdir()
    search_page = Renderer(Labels("it")).render("pillole/search.html", "cerca/index.md")  # the site's own template
    (root / "cerca" / "index.html").write_text(PAGE.format(lang="it", up="../", main=f"<main>{search_page}</main>"))
    for doc in fixture_documents():
        folder = root / doc.url
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(PAGE.format(lang="it", up="../../", main=f"<h1>{doc.title}</h1>"))
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def served(search_site: Path) -> Iterator[str]:
    """The fixture site over http, under a sub-path (/sito/) as an intranet would serve it."""
    handler = functools.partial(_Quiet, directory=str(search_site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{search_site.name}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any JavaScript error, or an error our scripts log
    (a missing label). The browser's own 404 for a favicon the bare pages lack is no error."""
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" and m.text.startswith("Pillole") else None)
    yield pg
    context.close()
    assert not errors, errors


