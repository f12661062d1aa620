"""Progress everywhere, as a learner of 60 on a phone or a laptop sees it (Chromium, 390x844
and 1366x768): "I miei progressi" in the main navigation, "Continua" on home after one
completed pill, done and in-progress pills on cards and path steps, badges as goals with what
is left, the celebration of a finished path that leads to the certificate and to the next
path, the certificate on exactly one A4 landscape page, quiz feedback only on the answers
given, sizes for older eyes and fingers, and axe on pages that show progress.

One fixture site for the module (text pills only, so no media to wait for), with Material's
instant navigation on, so that every click on a link swaps the page without reloading the
scripts: two paths, "Sicurezza di base" (a pill with a quiz, then a text) and "Lavorare nel
cloud" (two texts), which lists the first among its prerequisites. Each test starts from a
fresh browser profile with the progress it needs saved the way progress.js saves it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from axe import axe_source, describe, violations
from support import Site, Visit, minimal_site, serve_folder

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
AT = "2026-11-10T09:00:00.000Z"

QUIZ = [
    {"question": "Che cosa fai con un link sospetto?", "answers": [
        {"text": "Lo apro per controllare", "explanation": "Aprirlo è proprio ciò che vuole chi attacca."},
        {"text": "Lo segnalo ai Sistemi informativi", "correct": True, "explanation": "Così avvisano anche gli altri."},
    ]},
    {"question": "Quali sono segnali di phishing?", "answers": [
        {"text": "Urgenza", "correct": True, "explanation": "Chi ha fretta controlla meno."},
        {"text": "Mittente che imita un dominio noto", "correct": True, "explanation": "Guarda l'indirizzo vero."},
        {"text": "Una firma aziendale completa", "explanation": "Si copia facilmente: non prova nulla."},
    ]},
]


@pytest.fixture(scope="module")
def learning(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site, built and served; yields its base URL."""
    site: Site = minimal_site(tmp_path_factory.mktemp("progress") / "site-src")
    base, stop = serve_folder(site.out)  # first: instant navigation needs the site's URL
    site.config(site_url=base, theme={"name": "material", "language": "it", "font": False,
                                      "features": ["navigation.tabs", "navigation.instant"]})
    site.pill("phishing", title="Riconoscere il phishing", summary="I segnali di una email truffa", quiz=QUIZ)
    site.pill("password", title="Il password manager", summary="Una sola password da ricordare")
    site.pill("documenti", title="Documenti condivisi", summary="Scrivere in due sullo stesso file")
    site.learning_path("base", title="Sicurezza di base", steps=["phishing", "password"],
                       badge={"name": "Guardiano digitale", "icon": "🛡️"})
    site.learning_path("cloud", title="Lavorare nel cloud", steps=["calendario", "documenti"],
                       prerequisites=["base"], badge={"name": "Nuvola", "icon": "☁️"})
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    yield base
    stop()


@pytest.fixture
def learner(learning: str, open_page: Callable[..., Visit]) -> Callable[..., Any]:
    """`learner(path, viewport, saved=None, badges=None, name="", **context)`: a visit of the
    page at `path` in a fresh browser profile whose storage holds `saved` pills (slug ->
    record), `badges` and `name` as progress.js saves them."""

    def open_(path: str, viewport: dict[str, int], saved: dict[str, Any] | None = None,
              badges: dict[str, Any] | None = None, name: str = "", **context: Any) -> Visit:
        visit = open_page(learning + "index.html", viewport=viewport, **context)
        page = visit.page
        if saved is not None or badges is not None:
            state = {"version": 1, "pills": saved or {}, "badges": badges or {}, "name": name}
            key = f"pillole:{learning}:progress"  # the site's storage is named after its URL
            page.evaluate("([key, state]) => localStorage.setItem(key, JSON.stringify(state))", [key, state])
        page.goto(learning + path)
        page.evaluate("Pillole.ready()")
        return visit

    return open_


def _done(**extra: Any) -> dict[str, Any]:
    return {"seen": "manual", "at": AT, **extra}


def _box(locator: Any) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def _px(locator: Any, prop: str = "font-size") -> float:
    return float(locator.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')").rstrip("px"))


def _color(locator: Any) -> str:
    return locator.evaluate("e => getComputedStyle(e).color")


def _body_color(page: Any) -> str:
    return page.locator(".md-content .md-typeset").first.evaluate("e => getComputedStyle(e).color")


# --- the way in ---------------------------------------------------------------------------


@VIEWPORTS
def test_my_progress_is_in_the_main_navigation(served_sample: str, open_page, viewport) -> None:
    page = open_page(served_sample + "index.html", viewport=viewport).page
    assert page.locator(".pillole-home a", has_text="I miei progressi").count() >= 1  # and from home
    if viewport is PHONE:  # Material's tabs become the drawer behind the menu button
        page.locator("label.md-header__button[for=__drawer]").click()
        entry = page.locator(".md-nav--primary a.md-nav__link", has_text="I miei progressi")
    else:
        entry = page.locator(".md-tabs a.md-tabs__link", has_text="I miei progressi")
    expect(entry).to_be_visible()
    entry.click()
    expect(page.locator(".md-content h1")).to_have_text("I miei progressi")


# --- home, cards, steps, badges -------------------------------------------------------------


@VIEWPORTS
def test_home_shows_continua_once_a_pill_is_completed(learner, learning: str, viewport) -> None:
    visit = learner("index.html", viewport)
    page = visit.page
    expect(page.locator("[data-continue]")).to_be_hidden()
    scripts = [u for u in visit.requests if "/assets/pillole/" in u]
    assert not [u for u in scripts if "progress.js" in u], "a new learner's home needs no progress.js"
    # paths on home: cards with a progress bar, not bullets
    cards = page.locator("section[aria-labelledby=percorsi] .pillole-path-card")
    expect(cards).to_have_count(2)
    assert cards.first.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    expect(cards.locator(".pillole-progressbar")).to_have_count(2)

    # the first step of "Lavorare nel cloud", marked as completed
    page.goto(learning + "pillole/calendario/index.html")
    page.get_by_role("button", name="Segna come completata").click()
    expect(page.locator("[data-completion]")).to_have_text("Pillola completata.")
    next_action = page.locator("[data-next-action]")
    expect(next_action).to_be_visible()
    expect(next_action).to_have_text("Prossima pillola: Documenti condivisi")
    expect(next_action).to_be_focused()
    expect(page.get_by_role("button", name="Segna come completata")).to_be_hidden()
    assert page.get_by_text("Segna come da completare").count() == 0
    undo = page.get_by_role("button", name="Annulla il completamento")
    expect(undo).to_be_visible()
    small, big = _box(undo), _box(next_action)
    assert small["width"] * small["height"] < big["width"] * big["height"] / 2  # the undo stays small
    assert _px(undo) < _px(next_action)

    page.goto(learning + "index.html")
    page.evaluate("Pillole.ready()")
    block = page.locator("[data-continue]")
    expect(block).to_be_visible()
    assert _box(block)["y"] < viewport["height"], "Continua starts in the first screen"
    assert _box(block)["y"] < _box(page.locator("#ultime"))["y"]
    following = block.locator(".pillole-path-card:visible")
    expect(following).to_have_count(1)
    expect(following).to_contain_text("Lavorare nel cloud")
    expect(following.locator("[data-count]")).to_have_text("1 di 2 completate")
    go = following.locator("[data-next-step]:visible")
    expect(go).to_have_text("Prossima pillola: Documenti condivisi")
    expect(page.locator(".pillole-card[data-pill=calendario] [data-card-state]")).to_have_text("Completata")
    go.click()
    expect(page.locator(".md-content h1").first).to_have_text("Documenti condivisi")


@VIEWPORTS
def test_cards_and_steps_show_done_and_in_progress(learner, learning: str, viewport) -> None:
    saved = {"calendario": _done(), "phishing": {"seen": "text", "at": AT, "best": 50, "attempts": 1}}
    page = learner("pillole/index.html", viewport, saved).page
    cards = page.locator(".pillole-card")
    expect(cards.filter(has_text="Il calendario condiviso").locator("[data-card-state]")).to_have_text("Completata")
    expect(cards.filter(has_text="Riconoscere il phishing").locator("[data-card-state]")).to_have_text("In corso")
    expect(cards.filter(has_text="Il password manager").locator("[data-card-state]")).to_be_hidden()
    state = cards.filter(has_text="Il calendario condiviso").locator("[data-card-state]")
    assert _px(state) >= 14

    page.goto(learning + "percorsi/base.html")
    page.evaluate("Pillole.ready()")
    expect(page.locator(".pillole-step [data-state-label]")).to_have_text(["In corso", "Da fare"])
    expect(page.locator("[data-count]")).to_have_text("0 di 2 completate")
    page.goto(learning + "percorsi/cloud.html")
    page.evaluate("Pillole.ready()")
    expect(page.locator(".pillole-step [data-state-label]")).to_have_text(["Completata", "Da fare"])
    expect(page.locator(".pillole-step").first).to_have_attribute("data-state", "done")
    expect(page.locator("[data-next-step]:visible")).to_have_text("Prossima pillola: Documenti condivisi")
    expect(page.locator(".pillole-path__goal")).to_contain_text("Ancora 1 pillola")


@VIEWPORTS
def test_badges_not_yet_earned_are_goals_with_what_is_left(learner, viewport) -> None:
    page = learner("progressi.html", viewport, {"calendario": _done()}).page
    assert page.get_by_text("Ancora nessun badge").count() == 0
    badges = page.locator(".pillole-badge-card")
    expect(badges).to_have_count(2)
    cloud = badges.filter(has_text="Nuvola")
    expect(cloud).to_have_attribute("data-state", "goal")
    expect(cloud.locator("[data-goal]")).to_have_text("Ancora 1 pillola")
    expect(badges.filter(has_text="Guardiano digitale").locator("[data-goal]")).to_have_text("Ancora 2 pillole")
    expect(cloud.get_by_role("link", name="Lavorare nel cloud")).to_be_visible()
    assert _px(cloud.locator("[data-goal]")) >= 14
    expect(page.locator("[data-empty=attestati]")).to_be_visible()  # no certificate yet, and it says so
    expect(page.locator("[data-learner-name]")).to_be_hidden()
    expect(page.locator("[data-list=in-corso] .pillole-path-card:visible")).to_have_count(1)


# --- finishing a path -----------------------------------------------------------------------


@VIEWPORTS
def test_finishing_a_path_celebrates_and_leads_to_the_certificate(learner, learning: str, viewport) -> None:
    """The phone profile prefers reduced motion: the celebration is the same, without movement."""
    motion = "reduce" if viewport is PHONE else "no-preference"
    visit = learner("pillole/documenti/index.html", viewport, {"calendario": _done()}, reduced_motion=motion)
    page = visit.page
    page.get_by_role("button", name="Segna come completata").click()
    dialog = page.locator("dialog[data-celebration=cloud]")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => d.matches(':modal')")
    expect(dialog.get_by_role("heading")).to_have_text("Complimenti! Hai completato il percorso «Lavorare nel cloud»")
    main = dialog.get_by_role("link", name="Vedi e stampa l'attestato")
    expect(main).to_be_focused()
    assert main.get_attribute("href").endswith("progressi.html#attestato-cloud")
    expect(dialog.locator("[data-suggest]:visible")).to_have_text(
        "Il prossimo percorso che ti suggeriamo: Sicurezza di base")
    animation = dialog.evaluate("d => getComputedStyle(d).animationName")
    assert (animation == "none") == (motion == "reduce"), animation
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    back = page.locator("[data-next-action]")
    expect(back).to_have_text("Torna al percorso: Lavorare nel cloud")
    expect(back).to_be_focused()
    expect(page.locator("[data-badge-toast=cloud]")).to_contain_text("Hai ottenuto il badge «Nuvola»!")

    # the finished path suggests the next one, and leads to the certificate
    back.click()
    expect(page.locator(".pillole-path__earned")).to_be_visible()
    expect(page.locator(".pillole-path__earned [data-suggest]:visible")).to_have_text(
        "Il prossimo percorso che ti suggeriamo: Sicurezza di base")
    expect(page.locator("[data-next-step]:visible")).to_have_count(0)
    page.get_by_role("link", name="Vedi l'attestato").click()
    certificate = page.locator("#attestato-cloud")
    expect(certificate).to_be_visible()
    expect(certificate).to_be_focused()
    assert 0 <= _box(certificate)["y"] < viewport["height"]
    expect(certificate.locator(".pillole-certificate__path")).to_have_text("Lavorare nel cloud")
    expect(certificate.locator("[data-certificate-date]")).to_have_text(re.compile(r"\d+ \w+ 20\d\d"))

    # the name is asked where it is used, and before printing
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    certificate.get_by_role("button", name="Stampa l'attestato").click()
    expect(page.locator("[data-name-needed]")).to_be_visible()
    name = page.get_by_label("Il tuo nome e cognome")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-describedby", "pillole-nome-aiuto")
    expect(page.locator("#pillole-nome-aiuto")).to_contain_text("Compare sugli attestati")
    name.fill("Marco Bianchi")
    expect(certificate.locator("[data-certificate-name]")).to_have_text("Marco Bianchi")
    expect(page.locator("[data-name-needed]")).to_be_hidden()
    certificate.get_by_role("button", name="Stampa l'attestato").click()
    assert page.evaluate("window.printed") == 1
    assert visit.errors == []


def _pdf_pages(pdf: bytes) -> list[Any]:
    pypdf = pytest.importorskip("pypdf")
    return list(pypdf.PdfReader(io.BytesIO(pdf)).pages)


@VIEWPORTS
def test_the_certificate_prints_on_one_a4_landscape_page(learner, viewport) -> None:
    page = learner("progressi.html", viewport, {"calendario": _done(), "documenti": _done()},
                   badges={"cloud": {"at": AT, "name": "Nuvola", "icon": "☁️"}}, name="Marco Bianchi").page
    expect(page.locator("#attestato-cloud .pillole-certificate__frame")).to_be_visible()  # the preview
    page.evaluate("() => { window.print = () => {}; }")  # Chromium's own dialog cannot be driven; page.pdf prints
    page.locator("[data-print=cloud]").click()

    # the frame is whole: in print layout at the page's size, it lies inside the page and
    # holds everything it shows (nothing clipped by the sheet), and nothing else is printed
    page.set_viewport_size({"width": 1123, "height": 794})  # 297 x 210 mm at 96 px per inch
    page.emulate_media(media="print")
    frame = page.locator(".pillole-print-sheet .pillole-certificate__frame")
    box = _box(frame)
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= 1123 and box["y"] + box["height"] <= 794, box
    assert frame.evaluate("f => f.scrollHeight <= f.clientHeight + 1 && f.scrollWidth <= f.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollHeight") <= 794
    assert page.locator(".md-header").is_hidden()

    # Chromium's own print to PDF (it sends afterprint, which takes the sheet away again)
    pages = _pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    assert len(pages) == 1
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595), (width, height)  # A4 landscape, in points
    text = pages[0].extract_text()
    for words in ("Attestato di completamento", "Marco Bianchi", "Lavorare nel cloud", "Nuvola", "Documenti condivisi"):
        assert words in text, text
    page.emulate_media(media="screen")
    expect(page.locator(".pillole-print-sheet")).to_have_count(0)


# --- the quiz --------------------------------------------------------------------------------


def _answer(page: Any, choices: dict[int, list[int]]) -> None:
    for question, answers in choices.items():
        for answer in answers:
            page.locator(".pillole-quiz__question").nth(question).locator("label").nth(answer).click()
    page.get_by_role("button", name="Verifica le risposte").click()


def _verdicts(page: Any) -> list[str]:
    """The verdict shown under each answer, '' where none is shown."""
    return page.locator(".pillole-quiz__answer").evaluate_all(
        "els => els.map(a => { const v = a.querySelector('[data-verdict]'); return v.hidden ? '' : v.textContent; })")


@VIEWPORTS
def test_quiz_feedback_is_about_the_answers_given(learner, viewport) -> None:
    page = learner("pillole/phishing/index.html", viewport).page
    expect(page.locator("[data-quiz-best]")).to_be_hidden()  # no score yet: nothing to show

    # first try: a wrong answer, and only one of the two right ones
    _answer(page, {0: [0], 1: [0]})
    assert _verdicts(page) == ["La tua risposta: sbagliata", "", "La tua risposta: giusta", "", ""]
    whys = page.locator(".pillole-quiz__why")
    assert [w.is_visible() for w in whys.all()] == [True, False, True, False, False]
    expect(page.locator(".pillole-quiz__question").nth(1).locator("[data-missing]")).to_have_text(
        "Le risposte che hai scelto sono giuste, ma ne manca almeno una.")
    result = page.locator("[data-quiz-result]")
    expect(result).to_have_text("Punteggio: 0 su 2 (0%). Non ancora superato: leggi le spiegazioni e riprova. "
                                "Dopo il secondo tentativo ti mostriamo le risposte giuste.")
    expect(page.locator("[data-quiz-best]")).to_be_hidden()  # "Miglior punteggio: 0%" is no score

    # second try, still wrong: now the right answers are shown
    page.get_by_role("button", name="Riprova").click()
    assert _verdicts(page) == [""] * 5
    _answer(page, {0: [1], 1: [2]})
    assert _verdicts(page) == ["", "La tua risposta: giusta", "Risposta giusta", "Risposta giusta",
                               "La tua risposta: sbagliata"]
    expect(result).to_contain_text("Punteggio: 1 su 2 (50%). Non ancora superato: qui sotto trovi le risposte giuste.")
    expect(page.locator("[data-quiz-best]")).to_have_text("Il tuo miglior punteggio finora: 50%.")

    # passed
    page.get_by_role("button", name="Riprova").click()
    _answer(page, {0: [1], 1: [0, 1]})
    expect(result).to_have_text("Punteggio: 2 su 2 (100%). Quiz superato!")
    expect(page.locator("[data-quiz-best]")).to_contain_text("Hai già superato questo quiz")


@VIEWPORTS
def test_a_quiz_passed_at_once_shows_the_right_answers(learner, viewport) -> None:
    page = learner("pillole/phishing/index.html", viewport).page
    _answer(page, {0: [1], 1: [0, 1]})
    assert _verdicts(page) == ["", "La tua risposta: giusta", "La tua risposta: giusta", "La tua risposta: giusta", ""]
    expect(page.locator("[data-quiz-result]")).to_have_attribute("data-outcome", "passed")


# --- sizes for older eyes and fingers --------------------------------------------------------


@VIEWPORTS
def test_controls_are_large_and_text_is_readable(learner, viewport) -> None:
    page = learner("pillole/phishing/index.html", viewport, {"phishing": {"started": AT}}).page
    body = _body_color(page)
    for answer in page.locator(".pillole-quiz__answer").all():
        control, target = _box(answer.locator("input")), _box(answer.locator("label"))
        assert control["width"] >= 24 and control["height"] >= 24, control
        assert target["width"] >= 44 and target["height"] >= 44, target
        assert _px(answer.locator("label")) >= 16
    for hint in page.locator(".pillole-quiz__hint").all():
        assert _px(hint) >= 16 and _color(hint) == body
    for button in page.locator(".pillole-learn button:visible, .pillole-pathnav__links a:visible").all():
        box = _box(button)
        assert box["height"] >= 44 and box["width"] >= 44, (button.inner_text(), box)
    count = page.locator(".pillole-pathnav [data-count]")
    assert _px(count) >= 14 and _color(count) == body
    assert _box(page.locator(".pillole-pathnav .pillole-progressbar"))["height"] >= 14
    assert _px(page.locator("[data-completion]")) >= 16

    page.get_by_role("button", name="Segna come completata").click()
    _answer(page, {0: [1], 1: [0, 1]})
    undo = page.get_by_role("button", name="Annulla il completamento")
    assert _box(undo)["height"] >= 44 and _box(undo)["width"] >= 44
    assert _px(undo) >= 14 and _color(undo) == body
    assert _box(page.locator("[data-next-action]"))["height"] >= 44

    page.goto(page.url.split("pillole/phishing")[0] + "progressi.html")
    page.evaluate("Pillole.ready()")
    for item in page.locator(".pillole-progress [data-count]:visible, .pillole-badge-card [data-goal]:visible").all():
        assert _px(item) >= 14 and _color(item) == body
    name, button = page.locator("[data-learner-name]"), page.locator("[data-print]").first
    for control in (name, button) if name.is_visible() else ():
        assert _box(control)["height"] >= 44


# --- what an earlier release saved, and axe with progress shown ----------------------------


@VIEWPORTS
def test_progress_saved_by_an_earlier_release_shows_everywhere(learner, viewport) -> None:
    """The first releases saved {seen, at, best, attempts} per pill and no "started"."""
    saved = {"phishing": {"seen": "media", "at": AT, "best": 100, "attempts": 2}}
    page = learner("index.html", viewport, saved, name="Marco Bianchi").page
    expect(page.locator("[data-continue]")).to_be_visible()
    expect(page.locator("[data-continue] [data-next-step]:visible")).to_have_text("Prossima pillola: Il password manager")
    expect(page.locator(".pillole-card[data-pill=phishing] [data-card-state]")).to_have_text("Completata")


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@VIEWPORTS
def test_pages_showing_progress_have_no_serious_accessibility_violation(learner, axe: str, viewport) -> None:
    saved = {"calendario": _done(), "phishing": {"seen": "text", "at": AT, "best": 50, "attempts": 2}}
    badges = {"cloud": {"at": AT, "name": "Nuvola", "icon": "☁️"}}
    for path in ("index.html", "progressi.html", "percorsi/cloud.html", "percorsi/base.html", "pillole/index.html"):
        page = learner(path, viewport, {**saved, "documenti": _done()}, badges=badges, name="Marco Bianchi").page
        found = violations(page, axe)
        assert found == [], f"{path}: {describe(found)}"
    page = learner("pillole/documenti/index.html", viewport, saved).page
    page.get_by_role("button", name="Segna come completata").click()
    dialog = page.locator("dialog[data-celebration=cloud]")
    expect(dialog).to_be_visible()
    dialog.evaluate("d => Promise.all(d.getAnimations({subtree: true}).map(a => a.finished))")  # as it stays
    found = violations(page, axe)
    assert found == [], f"celebration: {describe(found)}"
