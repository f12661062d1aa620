"""Material's instant navigation (`navigation.instant`, which needs `site_url`): a learner starts
at home and only clicks links, so every page after the first is swapped in without reloading
any script. Player, transcript, quiz, completion, path progress, the level filter and search
must work on pages that arrive that way, bind once however often a page comes back, and keep
what the learner did across a reload. A second test reads what an earlier release saved.
"""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import expect

from support import make_clip

QUIZ = [
    {"question": "Che cosa fai con un link sospetto?", "answers": [
        {"text": "Lo apro per controllare", "explanation": "Aprirlo è proprio ciò che vuole chi attacca."},
        {"text": "Lo segnalo ai Sistemi informativi", "correct": True},
    ]},
]
CAPTIONS = "WEBVTT\n\n00:01.000 --> 00:03.000\nPrimo\n\n00:06.000 --> 00:11.500\nSecondo\n"
VIDEO = "[data-pillole-player] video"


def _site(site, **config: Any):  # the `site` fixture of tests/conftest.py
    make_clip(site.content / "pillole/phishing/phishing.mp4", seconds=12, size="160x90")
    site.write("pillole/phishing/phishing.it.vtt", CAPTIONS)
    site.pill("phishing", title="Riconoscere il phishing", media="phishing.mp4", captions="phishing.it.vtt",
              quiz=QUIZ)
    site.pill("password", title="Il password manager", summary="Una sola password da ricordare",
              level="intermedio")
    site.learning_path("base", steps=["phishing", "password", "calendario"],
                       badge={"name": "Guardiano digitale", "icon": "🛡️"})
    site.config(**config)
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    return site


def _arrive(page: Any, heading: str) -> None:
    """The page titled `heading` is shown, its scripts have set it up, and it came by instant
    navigation: the mark left on the first page's window is still there."""
    expect(page.locator(".md-content h1").first).to_have_text(heading)
    page.evaluate("Pillole.ready()")
    assert page.evaluate("window.firstPage") is True, "a full page load: instant navigation did not take it"


def _progress(page: Any, site_key: str) -> dict:
    return json.loads(page.evaluate("k => localStorage.getItem(k)", f"pillole:{site_key}:progress"))


def test_every_feature_works_across_instant_navigation(site, serve, open_page) -> None:
    base = serve(site.out)
    _site(site, site_url=base, theme={"name": "material", "language": "it", "font": False,
                                      "features": ["navigation.instant"]})
    visit = open_page(base + "index.html")
    page = visit.page
    page.evaluate("window.firstPage = true")
    assert page.evaluate("typeof document$.subscribe") == "function"
    scripts = [url.split("?")[0].rsplit("/", 1)[1] for url in visit.requests if "/assets/pillole/" in url]
    assert "player.js" not in scripts and "progress.js" not in scripts  # home needs neither

    # home -> all paths -> the path -> its first step
    page.get_by_role("link", name="Tutti i percorsi").click()
    _arrive(page, "Percorsi")
    page.locator(".pillole-path-card__title", has_text="Sicurezza di base").click()
    _arrive(page, "Sicurezza di base")
    expect(page.locator("[data-count]")).to_have_text("0 di 3 completate")
    page.get_by_role("link", name="Inizia il percorso").click()
    _arrive(page, "Riconoscere il phishing")
    assert "Passo 1 di 3" in page.locator(".pillole-pathnav").inner_text()

    # the player: play, speed, a transcript line (which stays the player's business)
    player = page.locator("[data-pillole-player]")
    video = page.locator(VIDEO)
    video.evaluate("v => { v.muted = true; }")
    player.get_by_role("button", name="Riproduci").click()
    page.wait_for_function("s => { const v = document.querySelector(s); return !v.paused && v.currentTime > 0.2; }",
                           arg=VIDEO, timeout=15000)
    player.locator("select[data-speed]").select_option("1.5")
    assert video.evaluate("v => v.playbackRate") == 1.5
    history = page.evaluate("history.length")
    player.get_by_text("Mostra la trascrizione").click()
    player.locator("a.pillole-time").nth(1).click()
    page.wait_for_function("s => document.querySelector(s).currentTime >= 6", arg=VIDEO, timeout=15000)
    expect(player.locator("li.pillole-cue.is-active")).to_contain_text("Secondo")
    assert page.url.endswith("index.html?t=6") and page.evaluate("history.length") == history
    video.evaluate("""v => new Promise(done => {
        v.addEventListener('ended', done, {once: true}); v.currentTime = v.duration - 0.25; v.play(); })""")
    expect(page.locator("[data-completion]")).to_have_text(
        "Per completarla manca il quiz: serve almeno il 70% di risposte giuste.")

    # the quiz: failed, then passed; each try counted once
    page.locator(".pillole-quiz__question input").nth(0).check()
    page.locator(".pillole-quiz button[type=submit]").click()
    expect(page.locator("[data-quiz-result]")).to_have_attribute("data-outcome", "failed")
    expect(page.locator(".pillole-quiz__why")).to_be_visible()
    page.locator("[data-quiz-retry]").click()
    page.locator(".pillole-quiz__question input").nth(1).check()
    page.locator(".pillole-quiz button[type=submit]").click()
    expect(page.locator("[data-quiz-result]")).to_have_attribute("data-outcome", "passed")
    expect(page.locator("[data-completion]")).to_have_text("Pillola completata.")
    expect(page.locator(".pillole-pathnav [data-count]")).to_have_text("1 di 3 completate")
    assert _progress(page, base)["pills"]["phishing"]["attempts"] == 2

    # the next step, a text pill: "Segna come completata" stores it; after coming back to the
    # page twice, one click still toggles it once
    page.locator(".pillole-pathnav a[rel=next]").click()
    _arrive(page, "Il password manager")
    page.get_by_role("button", name="Segna come completata").click()
    expect(page.locator("[data-completion]")).to_have_text("Pillola completata.")
    expect(page.locator(".pillole-pathnav [data-count]")).to_have_text("2 di 3 completate")
    assert _progress(page, base)["pills"]["password"]["seen"] == "manual"
    for link, heading in (("prev", "Riconoscere il phishing"), ("next", "Il password manager")) * 2:
        page.locator(f".pillole-pathnav a[rel={link}]").click()
        _arrive(page, heading)
    page.get_by_role("button", name="Annulla il completamento").click()
    expect(page.locator(".pillole-pathnav [data-count]")).to_have_text("1 di 3 completate")
    page.get_by_role("button", name="Segna come completata").click()
    expect(page.locator(".pillole-pathnav [data-count]")).to_have_text("2 di 3 completate")

    # the header search box: a result opens the last step, where the badge is earned
    box = page.locator(".md-header .pillole-search__input")
    box.fill("calendario condiviso")
    option = page.locator(".pillole-search__option:not(.pillole-search__all)").first
    expect(option).to_contain_text("Il calendario condiviso")
    option.click()
    _arrive(page, "Il calendario condiviso")
    expect(page.locator(".pillole-search__list")).to_be_hidden()
    page.get_by_role("button", name="Segna come completata").click()
    expect(page.locator("dialog[data-celebration=base]")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-badge-toast=base]")).to_contain_text("Hai ottenuto il badge «Guardiano digitale»!")

    # the search page, from the box's Enter, and one of its results
    box.fill("password")
    expect(page.locator(".pillole-search__option").first).to_be_visible()
    box.press("Enter")
    _arrive(page, "Cerca")
    assert "cerca/index.html?q=password" in page.url
    result = page.locator(".pillole-page__result a", has_text="Il password manager")
    expect(page.locator("fieldset[data-facet=level]")).to_contain_text("Intermedio")
    result.click()
    _arrive(page, "Il password manager")

    # path progress, then the level filter of the list of every pill (home, "Vedi tutte")
    page.locator(".pillole-pathnav a", has_text="Sicurezza di base").click()
    _arrive(page, "Sicurezza di base")
    expect(page.locator("[data-count]")).to_have_text("3 di 3 completate")
    expect(page.locator("[data-earned]")).to_be_visible()
    page.locator(".md-header a.md-logo").click()
    _arrive(page, "Home")
    page.get_by_role("link", name="Vedi tutte").first.click()
    _arrive(page, "Tutte le pillole")
    bar = page.locator("[data-pillole-filter]")
    bar.locator("button[data-level=intermedio]").click()
    expect(page.locator(".pillole-card:visible")).to_have_count(1)
    expect(bar.locator(".pillole-filter__status")).to_have_text("1 di 3")

    # each feature script was fetched once, however many pages came; nothing went outside
    fetched = [url.split("?")[0].rsplit("/", 1)[1] for url in visit.requests if "/assets/pillole/" in url]
    for name in ("core.js", "progress.js", "quiz.js", "player.js", "browse.js"):
        assert fetched.count(name) == 1, (name, fetched)
    assert visit.errors == []
    assert visit.outside(base) == []

    # what the learner did survives a real reload
    page.locator(".md-header a.md-logo").click()
    _arrive(page, "Home")
    page.get_by_role("link", name="Sicurezza di base").click()
    _arrive(page, "Sicurezza di base")
    page.reload()
    expect(page.locator("[data-count]")).to_have_text("3 di 3 completate")
    assert page.locator(".pillole-step [data-state-label]").all_inner_texts() == ["Completata"] * 3


def test_what_an_earlier_release_saved_is_read_from_a_file_share(site, open_page) -> None:
    """The storage names of the first releases ("pillole:<site>:progress", ":speed",
    ":position:<media>"; the site is its name without site_url) keep working."""
    _site(site)
    base = site.out.as_uri() + "/"
    visit = open_page(base + "index.html")
    page = visit.page
    saved = {"version": 1, "pills": {"password": {"seen": "manual", "at": "2026-01-10T09:00:00.000Z"}},
             "badges": {}, "name": "Marco Bianchi"}
    page.evaluate("""saved => {
        localStorage.setItem('pillole:Prova:progress', JSON.stringify(saved));
        localStorage.setItem('pillole:Prova:speed', '1.25');
        localStorage.setItem('pillole:Prova:position:phishing', '6.5');
    }""", saved)
    page.reload()
    expect(page.locator("[data-continue] [data-next-step]:visible")).to_have_text(
        "Prossima pillola: Riconoscere il phishing")
    page.get_by_role("link", name="Sicurezza di base").first.click()
    expect(page.locator("[data-count]")).to_have_text("1 di 3 completate")
    assert page.locator(".pillole-step").evaluate_all("els => els.map(e => e.dataset.state)") == ["todo", "done", "todo"]
    page.locator(".pillole-step__title", has_text="Riconoscere il phishing").click()
    page.wait_for_function("s => { const v = document.querySelector(s); return v && v.readyState >= 1"
                           " && Math.abs(v.currentTime - 6.5) < 0.2 && v.playbackRate === 1.25; }",
                           arg=VIDEO, timeout=15000)
    expect(page.locator("select[data-speed]")).to_have_value("1.25")
    page.locator(".pillole-pathnav a[rel=next]").click()
    expect(page.locator("[data-completion]")).to_have_text("Pillola completata.")
    expect(page.get_by_role("button", name="Annulla il completamento")).to_be_visible()
    tracks = [e for e in visit.errors if e.startswith("Unsafe attempt to load URL") and "/media/" in e]
    assert [e for e in visit.errors if e not in tracks] == []  # <track> from file://: test_intranet.py
