"""A learner follows a whole learning path in Chromium, with nothing but the browser.

One fixture site, three pills in a path: a video with a quiz (watched to the end by seeking,
the quiz failed then passed), a text pill marked done by hand, a text pill read to the end.
Then the badge, a reload, a rebuild that reorders the path, export, and import into a fresh
browser profile.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from support import make_clip


QUIZ = [
    {"question": "Che cosa fai con un link sospetto?", "answers": [
        {"text": "Lo apro per controllare", "explanation": "Aprirlo è proprio ciò che vuole chi attacca."},
        {"text": "Lo segnalo ai Sistemi informativi", "correct": True, "explanation": "Così avvisano anche gli altri."},
    ]},
    {"question": "Quali sono segnali di phishing?", "answers": [
        {"text": "Urgenza", "correct": True},
        {"text": "Mittente che imita un dominio noto", "correct": True},
        {"text": "Una firma aziendale completa", "explanation": "Si copia facilmente: non prova nulla."},
    ]},
]
STEPS = ["phishing", "password", "calendario"]


def _learning_site(site):  # the `site` fixture of tests/conftest.py
    site.write("pillole/phishing/phishing.mp4", b"")
    make_clip(site.content / "pillole/phishing/phishing.mp4", seconds=3, size="160x90")
    site.write("pillole/phishing/phishing.it.vtt", "WEBVTT\n\n00:00.000 --> 00:03.000\nUn link sospetto.\n")
    site.pill("phishing", title="Riconoscere il phishing", media="phishing.mp4", captions="phishing.it.vtt", quiz=QUIZ)
    long_text = "\n\n".join(f"Paragrafo {n} sul password manager e sul secondo fattore." for n in range(80))
    site.pill("password", "---\ntitle: Il password manager\nsummary: Una sola password\nmentor: giulia-rossi\n"
              "tags: [sicurezza]\narea: tecnologia\n---\n" + long_text + "\n")
    site.learning_path("base", steps=STEPS, pass_mark=100, badge={"name": "Guardiano digitale", "icon": "🛡️"})
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    return site


def _answer(page, choices: dict[int, list[int]]) -> None:
    """Tick answers (question index -> answer indexes) and submit."""
    for question, answers in choices.items():
        fieldset = page.locator(".pillole-quiz__question").nth(question)
        for answer in answers:
            fieldset.locator("input").nth(answer).check()
    page.locator(".pillole-quiz button[type=submit]").click()


def test_learner_completes_a_path_and_keeps_the_badge(site, open_page, serve, tmp_path: Path) -> None:
    _learning_site(site)
    base = serve(site.out)
    visit = open_page(base + "percorsi/base.html")
    page = visit.page
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    assert page.locator("[data-count]").inner_text() == "0 di 3 completate"
    assert page.locator(".pillole-step [data-state-label]").all_inner_texts() == ["Da fare"] * 3
    page.get_by_role("link", name="Inizia il percorso").click()

    # 1. the video, watched to the end by seeking, then its quiz failed and passed
    page.wait_for_url("**/pillole/phishing/index.html")
    assert "Passo 1 di 3" in page.locator(".pillole-pathnav").inner_text()
    status = page.locator("[data-completion]")
    assert status.inner_text().startswith("Guarda o ascolta la registrazione fino in fondo")
    page.locator("[data-pillole-slot=media] video").evaluate(
        """v => new Promise(done => {
             const go = () => { v.muted = true; v.currentTime = v.duration - 0.25; v.play(); };
             v.addEventListener('ended', done, {once: true});
             if (v.readyState >= 1) go(); else v.addEventListener('loadedmetadata', go, {once: true});
           })""")
    page.wait_for_function("document.querySelector('[data-completion]').textContent.includes('quiz')")
    assert status.inner_text() == "Per completarla manca il quiz: serve almeno il 100% di risposte giuste."

    _answer(page, {0: [0], 1: [0, 2]})
    result = page.locator("[data-quiz-result]")
    assert result.get_attribute("data-outcome") == "failed"
    assert result.inner_text().startswith("Punteggio: 0 su 2 (0%). Non ancora superato: leggi le spiegazioni")
    assert page.locator(".pillole-quiz__why", has_text="Aprirlo è proprio").is_visible()
    assert page.locator("[data-quiz-best]").is_hidden()  # 0% is no score to show
    page.locator("[data-quiz-retry]").click()
    assert page.locator(".pillole-quiz__why").first.is_hidden()
    _answer(page, {0: [1], 1: [0, 1]})
    assert result.get_attribute("data-outcome") == "passed"
    assert "Punteggio: 2 su 2 (100%). Quiz superato!" == result.inner_text()
    assert status.inner_text() == "Pillola completata."

    # 2. back on the path page, "riprendi da qui" leads to a text pill, marked as done by hand
    page.locator(".pillole-pathnav a", has_text="Sicurezza di base").click()
    page.wait_for_url("**/percorsi/base.html")
    expect(page.locator("[data-count]")).to_have_text("1 di 3 completate")
    states = page.locator(".pillole-step").evaluate_all("els => els.map(e => e.dataset.state)")
    assert states == ["done", "todo", "todo"]
    resume = page.locator("[data-next-step]:visible")
    assert resume.inner_text() == "Prossima pillola: Il password manager"
    resume.click()
    page.wait_for_url("**/pillole/password/index.html")
    assert "Passo 2 di 3" in page.locator(".pillole-pathnav").inner_text()
    page.get_by_role("button", name="Segna come completata").click()
    assert page.locator("[data-completion]").inner_text() == "Pillola completata."
    assert page.locator(".pillole-pathnav [data-count]").inner_text() == "2 di 3 completate"

    # 3. a text pill read to the end: the last step, and the badge
    page.locator(".pillole-pathnav a[rel=next]").click()
    page.wait_for_url("**/pillole/calendario/index.html")
    page.locator(".pillole-body__end").scroll_into_view_if_needed()
    page.wait_for_selector("dialog[data-celebration=base][open]")
    page.get_by_role("button", name="Chiudi").click()
    assert "Hai ottenuto il badge «Guardiano digitale»!" in page.locator("[data-badge-toast=base]").inner_text()

    page.goto(base + "percorsi/base.html")
    expect(page.locator("[data-count]")).to_have_text("3 di 3 completate")
    assert page.locator("[data-earned]").is_visible()
    assert page.locator("[data-next-step]:visible").count() == 0

    # progress survives a reload, and a rebuild that reorders the path
    page.reload()
    expect(page.locator("[data-count]")).to_have_text("3 di 3 completate")
    site.learning_path("base", steps=list(reversed(STEPS)), pass_mark=100,
                       badge={"name": "Guardiano digitale", "icon": "🛡️"})
    assert site.build("--strict").returncode == 0
    page.reload()
    titles = page.locator(".pillole-step__title").all_inner_texts()
    assert titles[0] == "Il calendario condiviso"
    assert page.locator("[data-count]").inner_text() == "3 di 3 completate"
    assert page.locator(".pillole-step [data-state-label]").all_inner_texts() == ["Completata"] * 3

    # "I miei progressi": badge, completed pills, certificate with the learner's name
    page.goto(base + "progressi.html")
    expect(page.locator(".pillole-badge-card[data-state=earned]")).to_contain_text("Guardiano digitale")
    completed = page.locator("[data-list=pillole-completate] li:not([hidden])").all_inner_texts()
    assert sorted(completed) == ["Il calendario condiviso", "Il password manager", "Riconoscere il phishing"]
    page.locator("[data-learner-name]").fill("Marco Bianchi")
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.locator("[data-print=base]").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    certificate = page.locator(".pillole-print-sheet [data-certificate=base]")
    assert certificate.is_visible()
    assert "Marco Bianchi" in certificate.inner_text()
    assert "Sicurezza di base" in certificate.inner_text()
    assert page.locator(".md-content").is_hidden()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.locator("[data-export]").click()
    exported = tmp_path / "progressi.json"
    download.value.save_as(exported)
    assert download.value.suggested_filename.startswith("pillole-progressi-20")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "pillole-progress"
    assert set(data["progress"]["pills"]) == set(STEPS)
    assert failed == []
    assert visit.errors == []
    assert visit.outside(base) == []

    # a fresh browser profile starts empty, then the import restores everything
    fresh = open_page(base + "progressi.html")
    other = fresh.page
    assert other.locator(".pillole-badge-card[data-state=earned]").count() == 0
    other.locator("[data-import]").set_input_files(str(exported))
    other.wait_for_selector("[data-import-result]:has-text('3 pillole')")
    assert other.locator(".pillole-badge-card[data-state=earned]").count() == 1
    assert other.locator("[data-learner-name]").input_value() == "Marco Bianchi"
    other.goto(base + "percorsi/base.html")
    expect(other.locator("[data-count]")).to_have_text("3 di 3 completate")
    assert fresh.errors == []


def test_sample_site_lists_its_paths(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "percorsi/index.html")
    page = visit.page
    titles = page.locator(".pillole-path-card__title").all_inner_texts()
    assert titles == ["Collaborare nel cloud", "Inclusione al lavoro", "Sicurezza digitale di base"]
    page.locator(".pillole-path-card__title", has_text="Sicurezza digitale di base").click()
    page.wait_for_load_state()
    assert page.locator(".pillole-step").count() == 3
    assert page.locator("[data-count]").inner_text() == "0 di 3 completate"
    page.locator(".pillole-step__title").first.click()
    page.wait_for_load_state()
    assert "Passo 1 di 3" in page.locator(".pillole-pathnav").inner_text()
    assert page.locator(".pillole-quiz__question").count() >= 1
    assert visit.errors == []
    assert visit.outside(served_sample) == []
