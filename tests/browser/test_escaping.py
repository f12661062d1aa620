"""Escaping: a site whose every text from content carries HTML and script payloads.

Every front-matter field, tag label, person and team name, caption cue, chapter title, quiz
question, answer and explanation, clip, and learning path text holds script tags, attribute
break-outs, `javascript:` URLs, Jinja and a stray `</script>`. In Chromium, on every page the
build writes (and in the search box and the quiz), no script of theirs runs and no dialog
opens; the payloads show as text. Every JSON the site ships, the search index included,
still parses, and every feed is well-formed XML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from support import make_clip

#: Each part attacks in its own way: an element, a break-out of an attribute value, a URL,
#: a template, the end of an inline script.
PAYLOAD = ('<script>window.__pwned=1</script> "><img src=x onerror="window.__pwned=1;alert(1)"> '
           "javascript:alert(1) {{ 7*7 }} {% if 1 %}jinja{% endif %} </script><b>'")


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


def _hostile(site) -> Path:
    """Payloads everywhere, then a normal build (titles with markup are warnings, not errors)."""
    site.config(plugins=[{"pillole": {"areas": {"tecnologia": hostile("Area")}}}])  # labels from the admin too
    site.write("people.yml", yaml.safe_dump({
        "teams": [{"id": "vendite", "name": hostile("Vendite"), "description": hostile("Team")}],
        "people": [{"id": "giulia-rossi", "name": hostile("Giulia"), "role": hostile("Ruolo"), "team": "vendite"},
                   {"id": "marco-bianchi", "name": hostile("Marco"), "role": hostile("Direttore")}],
    }, allow_unicode=True, sort_keys=False))
    site.write("tags.yml", yaml.safe_dump([
        {"id": "cloud", "label": hostile("Cloud"), "description": hostile("Servizi"), "aliases": ["nuvola"]},
    ], allow_unicode=True, sort_keys=False))
    folder = site.content / "pillole" / "calendario"
    make_clip(folder / "video.mp4", seconds=3, size="160x90")
    (folder / "video.it.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:01.500\n" + hostile("Cue uno") + "\n\n00:01.500 --> 00:03.000\n"
        + hostile("Cue due") + "\n", encoding="utf-8")
    site.pill("calendario",
        title=hostile("Titolo"), summary=hostile("Sommario"), audience=["marco-bianchi", "vendite"],
        date=dt.date(2026, 3, 29), media="video.mp4", captions="video.it.vtt",
        chapters=[{"at": "00:00", "title": hostile("Capitolo")}, {"at": "00:02", "title": hostile("Fine")}],
        clips=[{"slug": "calendario-parte", "title": hostile("Clip"), "summary": hostile("Parte"),
                "start": "00:00", "end": "00:02"}],
        quiz=[{"question": hostile("Domanda"), "answers": [
            {"text": hostile("Giusta"), "correct": True, "explanation": hostile("Perché")},
            {"text": hostile("Sbagliata"), "explanation": hostile("Invece")}]}])
    site.learning_path("percorso", title=hostile("Percorso"), description=hostile("Descrizione"),
                       steps=[{"section": hostile("Sezione"), "steps": ["calendario"]}],
                       badge={"name": hostile("Badge"), "icon": "🏅", "description": hostile("Merito")})
    built = site.build()
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    return site.out


def test_hostile_content_is_shown_and_never_run(site, serve, open_page) -> None:
    out = _hostile(site)
    _no_script_urls(out)
    _every_json_and_feed_parses(out)
    _nothing_runs_in_chromium(out, serve(out), open_page)


def _no_script_urls(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", text, re.I), page
        assert "<script>window.__pwned" not in text, page
        assert "onerror=\"window" not in text, page


def _every_json_and_feed_parses(hostile_site: Path) -> None:
    shipped = list(hostile_site.rglob("*.json"))
    assert shipped, "the site ships no JSON"
    for file in shipped:
        json.loads(file.read_text(encoding="utf-8"))
    calls = 0
    for file in hostile_site.rglob("*.js"):  # search data: __pillole_search("kind", key, <JSON>)
        text = file.read_text(encoding="utf-8").strip()
        if text.startswith("__pillole_search("):
            arguments = json.loads("[" + text[len("__pillole_search("):].rstrip(";").removesuffix(")") + "]")
            assert len(arguments) == 3
            calls += 1
    assert calls > 0, "no search data found"
    for feed in hostile_site.rglob("*.xml"):
        ET.parse(feed)
    index = " ".join(f.read_text(encoding="utf-8") for f in hostile_site.rglob("*.js") if "pillole-search" in str(f))
    assert "Titolo <script>window.__pwned=1</script>" in index.replace("\\u003c", "<").replace("\\u003e", ">")


def _nothing_runs_in_chromium(hostile_site: Path, base: str, open_page) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) > 15
    visit = open_page(base + "index.html")
    page = visit.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for relative in pages:
        page.goto(base + relative)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", relative

    page.goto(base + "pillole/calendario/index.html")
    assert page.locator("header.pillole-pill h1").inner_text() == hostile("Titolo")
    assert page.locator(".pillole-summary").inner_text() == hostile("Sommario")
    text = page.locator("body").inner_text()
    for label in ("Giulia", "Marco", "Vendite", "Cloud", "Capitolo", "Domanda", "Giusta", "Area"):
        assert hostile(label) in text, label
    # In a cue, <...> is WebVTT markup (voice, italics): dropped as tags, the rest shown as text.
    page.locator(".pillole-transcript summary").click()
    assert 'Cue uno window.__pwned=1 "> javascript:alert(1) {{ 7*7 }}' in page.locator(".pillole-transcript").inner_text()
    page.locator(".pillole-quiz input").first.check()
    page.locator(".pillole-quiz button[type=submit]").click()
    page.locator(".pillole-quiz__why").first.wait_for()
    assert hostile("Perché") in page.locator(".pillole-quiz").inner_text()

    for relative, label in (("persone/giulia-rossi.html", "Ruolo"), ("tag/cloud.html", "Servizi"),
                            ("team/vendite.html", "Team"), ("percorsi/percorso.html", "Sezione")):
        page.goto(base + relative)
        assert hostile(label) in page.locator("body").inner_text(), relative

    page.goto(base + "index.html")
    page.locator(".md-header input[type=search]").fill("titolo")
    page.locator(".pillole-search__option").first.wait_for()
    assert "<script>window.__pwned=1</script>" in page.locator(".pillole-search__list").inner_text()
    page.goto(base + "cerca/index.html?q=cue")
    page.locator(".pillole-page__result").first.wait_for()

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
