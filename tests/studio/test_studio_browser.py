"""A mentor uses the studio: Debian's Chromium (with a fake camera, microphone and screen)
opens `admin/` of a built fixture site, Decap CMS talks to decap-server on loopback (the
local stand-in for GitLab or GitHub), and what is saved lands in the fixture's `content/`,
where `pillole check` and a real build (with ffmpeg) take it from there."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from pillole.frontmatter import parse_yaml, split_markdown
from pillole.media.probe import probe
from studio_support import CACHE, decap_server, free_port, vendor
from support import CHROMIUM, CHROMIUM_ARGS, PEOPLE, Site, pill_text, serve_folder

pytestmark = [pytest.mark.browser, pytest.mark.ffmpeg]

#: Chromium's stand-ins for a camera, a microphone (a beep) and a screen to share, granted
#: without a prompt, as a mentor who clicks "Allow" would.
MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              "--auto-select-desktop-capture-source=Entire screen"]

TAGS_TEXT = """# Registro dei tag: id, nome mostrato, descrizione, sinonimi.
- {id: cloud, label: Cloud, description: "Servizi in cloud", aliases: [nuvola]}
- {id: calendario, label: Calendario, description: Agende condivise}
- {id: videochiamate, label: Videochiamate, aliases: [videoconferenza, call]}
"""


@dataclass
class Studio:
    site: Site
    admin: str  # URL of admin/
    allowed: set[str]  # host:port the studio may talk to: the site and the git host's stand-in


@dataclass
class Mentor:
    """A page of the studio and the steps a mentor took on it (for the report's measure)."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    def step(self, what: str) -> None:
        self.steps.append(what)

    def fill(self, label: str, text: str, nth: int = 0) -> None:
        """Write into the field labelled `label` (the `nth` such field, -1 for the last)."""
        self.step(f"write {label}")
        fields = self.page.get_by_label(re.compile(rf"^{re.escape(label)}( \(opzionale\))?$"))
        box = fields.last if nth == -1 else fields.nth(nth)
        box.fill("")  # Decap's text input puts the cursor back where the last change left it,
        box.fill(text)  # which can undo the "select all" of a single fill

    def choose(self, label: str, typed: str) -> None:
        """A list that shows names: type a few letters, pick the first match."""
        self.step(f"choose {label}")
        control = self.page.locator(f"label:text-is('{label}')").first.get_attribute("for")
        box = self.page.locator(f'[id="{control}"]')
        box.click()
        box.fill(typed)
        self.page.keyboard.press("Enter")

    def click(self, name: str, role: str = "button") -> None:
        self.step(f"click {name}")
        self.page.get_by_role(role, name=name, exact=True).first.click()

    def publish(self) -> None:
        self.click("Pubblica")
        self.step("click Pubblica ora")
        self.page.get_by_text("Pubblica ora", exact=True).click()


@pytest.fixture(scope="module")
def media_browser(browser: Any) -> Iterator[Any]:
    """A second Chromium of the session's Playwright, with the fake devices."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + MEDIA_ARGS)
    yield chromium
    chromium.close()


@contextmanager
def running_studio(root: Path, mode: str) -> Iterator[Studio]:
    """A fixture site with the studio, built and served, and decap-server in `mode`: "fs"
    writes saved files in place, "git" keeps each new entry on a branch of the site's git
    repository until it is published (what GitLab does with a merge request)."""
    site = Site(root)
    site.content.mkdir(parents=True)
    port = free_port()
    site.config(plugins=[{"pillole": {"studio": {
        "backend": "gitlab", "repo": "formazione/pillole", "app_id": "prova",
        "base_url": "https://gitlab.example.it", "local_backend": f"http://127.0.0.1:{port}/api/v1",
        "editorial_workflow": mode == "git",
        "max_media_mb": 1}}}])  # small, so that the size check shows with a small file
    site.write("people.yml", yaml.safe_dump(PEOPLE, allow_unicode=True, sort_keys=False))
    site.write("tags.yml", TAGS_TEXT)
    site.write("index.md", "---\ntitle: Home\n---\nBenvenuti.\n")
    site.pill("calendario", pill_text(hide=["toc"], date=dt.date(2026, 3, 29)))
    (site.root / ".cache").mkdir()
    (site.root / ".cache" / "npm-studio").symlink_to(vendor().parent)  # fetched once for all tests
    if mode == "git":
        (site.root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
        for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Prova"],
                     ["config", "user.email", "prova@example.it"], ["add", "-A"], ["commit", "-q", "-m", "Sito"]):
            git(site.root, *args)
    built = site.build()
    assert built.returncode == 0, built.stderr
    base, stop = serve_folder(site.out)
    try:
        with decap_server(site.root, port, mode):
            yield Studio(site, base + "admin/", {urlsplit(base).netloc, f"127.0.0.1:{port}"})
    finally:
        stop()


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    with running_studio(tmp_path_factory.mktemp("studio") / "site-src", "fs") as running:
        yield running


@contextmanager
def visiting(media_browser: Any, studio: Studio) -> Iterator[Mentor]:
    """A mentor's visit to the studio, logged in; on leaving, the requests and page errors
    are checked."""
    context = media_browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    visit = Mentor(page)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())  # "Vuoi davvero pubblicare questa voce?": yes
    page.goto(studio.admin)
    visit.click("Accedi")
    yield visit
    context.close()
    outside = {url for url in visit.requests
               if not url.startswith(("blob:", "data:")) and urlsplit(url).netloc not in studio.allowed}
    assert not outside, f"the studio made requests outside the site and the git host: {sorted(outside)}"
    # Decap leaves the promise of a save it refuses rejected, with no reason ('undefined', a
    # required field is empty) or with its failure action ('Object', a check said no).
    assert not [e for e in visit.errors if e not in ("undefined", "Object")], visit.errors


@pytest.fixture
def mentor(media_browser: Any, studio: Studio) -> Iterator[Mentor]:
    with visiting(media_browser, studio) as visit:
        yield visit


def wait_for(condition: Callable[[], Any], what: str, seconds: float = 30) -> Any:
    """Poll the fixture's files until the studio's save has reached them."""
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not there after {seconds} s")
        time.sleep(0.2)
    return result


def record(mentor: Mentor, mode: str, seconds: float) -> None:
    page = mentor.page
    if mode != "Schermo e voce":
        mentor.click(mode, role="radio")
    mentor.click("Inizia a registrare")
    page.get_by_text("Si parte tra").wait_for()
    page.get_by_text("Registrazione in corso").wait_for()
    page.wait_for_timeout(seconds * 1000 / 2)
    mentor.click("Pausa")
    page.get_by_text("In pausa").wait_for()
    mentor.click("Riprendi")
    page.wait_for_timeout(seconds * 1000 / 2)
    assert page.locator(".pillole-rec-level meter").count() == 1
    mentor.click("Termina")
    page.get_by_role("button", name="Usa questa registrazione").wait_for()
    assert page.locator(".pillole-rec-review video, .pillole-rec-review audio").count() == 1  # the preview
    mentor.click("Usa questa registrazione")
    page.get_by_text("Registrazione pronta").wait_for()


def test_a_mentor_records_and_publishes_a_first_pill(studio: Studio, mentor: Mentor, open_page: Any) -> None:
    started = time.monotonic()
    page = mentor.page
    mentor.click("Pillole", role="link")
    mentor.click("Crea una voce di tipo pillola", role="link")
    mentor.fill("Titolo", "Condividere lo schermo in riunione")
    page.get_by_text("Indirizzo: condividere-lo-schermo-in-riunione").wait_for()
    mentor.fill("In breve", "Mostrare una finestra sola, senza notifiche indiscrete")
    mentor.choose("Mentor", "Giulia")
    mentor.choose("Destinatari", "Marco")
    mentor.choose("Destinatari", "vendite")
    mentor.choose("Tag", "videoconf")  # an alias finds its tag
    mentor.choose("Area", "Tecno")
    record(mentor, "Schermo e voce", 5)
    quiz = [("Che cosa conviene condividere?", ["Una sola finestra", "Tutto lo schermo"]),
            ("Che cosa fare prima di iniziare?", ["Silenziare le notifiche", "Aprire la posta"])]
    for number, (question, answers) in enumerate(quiz):
        mentor.click("Aggiungi domanda")
        mentor.fill("Domanda", question, nth=number)
        for index, answer in enumerate(answers):
            mentor.fill("Risposta", answer, nth=number * 2 + index)
        mentor.step("tick the right answer")
        page.get_by_label("È una risposta giusta").nth(number * 2).check()
    mentor.step("write the text")
    page.locator('[data-slate-editor="true"]').first.click()
    page.keyboard.type("Prima di condividere, chiudi le finestre che non servono.")
    mentor.publish()

    folder = studio.site.content / "pillole" / "condividere-lo-schermo-in-riunione"
    recording = wait_for(lambda: next(folder.glob("schermo-*.webm"), None), "the recording")
    index = wait_for(lambda: (folder / "index.md").is_file() and folder / "index.md", "index.md")
    elapsed = time.monotonic() - started
    print(f"\nstudio: a first pill took {len(mentor.steps)} steps, {elapsed:.0f} s of browser time "
          f"(5 s of it recording): {json.dumps(mentor.steps, ensure_ascii=False)}")

    source = split_markdown(index.read_text(encoding="utf-8"))
    assert source.front.data == {
        "title": "Condividere lo schermo in riunione",
        "summary": "Mostrare una finestra sola, senza notifiche indiscrete",
        "mentor": ["giulia-rossi"], "audience": ["marco-bianchi", "vendite"], "tags": ["videochiamate"],
        "area": "tecnologia", "technique": "individuale", "level": "base", "media": recording.name,
        "quiz": [{"question": q, "answers": [{"text": a, "correct": True}, {"text": b}]} for q, (a, b) in quiz],
    }
    assert source.body.strip() == "Prima di condividere, chiudi le finestre che non servono."
    info = probe(recording)
    assert (info.kind, info.video_codec, info.audio_codec) == ("video", "vp9", "opus")
    assert 4 <= info.duration <= 8  # 5 s recorded, a pause in the middle

    checked = studio.site.check()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "error:" not in checked.stdout
    built = studio.site.build()  # transcodes the recording with the real pipeline
    assert built.returncode == 0, built.stderr
    html = studio.site.page("pillole/condividere-lo-schermo-in-riunione/index.html")
    assert "<video" in html and "Condividere lo schermo in riunione" in html
    base, stop = serve_folder(studio.site.out)
    try:
        visit = open_page(base + "pillole/condividere-lo-schermo-in-riunione/index.html")
        video = visit.page.locator("video").first
        video.evaluate("v => v.play()")
        visit.page.wait_for_function("document.querySelector('video').currentTime > 0.5")
        assert video.evaluate("v => v.currentSrc").endswith(".mp4")
    finally:
        stop()


def test_a_mentor_edits_a_pill_and_adds_a_voice_message(studio: Studio, mentor: Mentor) -> None:
    page = mentor.page
    mentor.click("Pillole", role="link")
    page.get_by_text("Il calendario condiviso", exact=True).click()
    summary = page.get_by_label("In breve", exact=True)
    summary.wait_for()
    assert summary.input_value() == "Pianificare riunioni senza email"
    summary.fill("Pianificare le riunioni del team senza catene di email")
    mentor.choose("Tag", "Calend")
    record(mentor, "Solo voce (messaggio vocale)", 2)
    mentor.publish()

    index = studio.site.content / "pillole" / "calendario" / "index.md"
    front = wait_for(lambda: (data := split_markdown(index.read_text(encoding="utf-8")).front.data)
                     .get("media") and data, "the saved pill")
    assert front["summary"] == "Pianificare le riunioni del team senza catene di email"
    assert front["tags"] == ["cloud", "calendario"]
    assert front["hide"] == ["toc"]  # an MkDocs page option the form does not show is kept
    assert str(front["date"]) == "2026-03-29"
    voice = probe(index.parent / front["media"])
    assert front["media"].startswith("voce-") and voice.kind == "audio" and voice.audio_codec == "opus"
    checked = studio.site.check()
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_l_and_d_staff_add_a_tag_to_the_registry(studio: Studio, mentor: Mentor) -> None:
    page = mentor.page
    mentor.click("Tag", role="link")
    mentor.step("open the tag list")
    page.locator("h2", has_text="Tag").first.click()
    mentor.click("Aggiungi tag")
    mentor.fill("Identificativo", "accessibilita", nth=-1)
    mentor.fill("Nome mostrato", "Accessibilità", nth=-1)
    mentor.fill("Descrizione", "Contenuti per tutte le persone", nth=-1)
    mentor.fill("Sinonimi", "a11y, inclusione-digitale", nth=-1)
    mentor.publish()

    tags_file = studio.site.content / "tags.yml"
    text = wait_for(lambda: "accessibilita" in (t := tags_file.read_text(encoding="utf-8")) and t, "the new tag")
    assert text.startswith("# Registro dei tag")  # the explanation at the top is kept
    tags = parse_yaml(text).data
    assert tags[-1] == {"id": "accessibilita", "label": "Accessibilità", "description": "Contenuti per tutte le persone",
                        "aliases": ["a11y", "inclusione-digitale"]}
    assert [t["id"] for t in tags] == ["cloud", "calendario", "videochiamate", "accessibilita"]
    assert tags[0]["aliases"] == ["nuvola"]
    checked = studio.site.check()
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_form_refuses_what_pillole_check_would_refuse(studio: Studio, mentor: Mentor, tmp_path: Path) -> None:
    page = mentor.page
    mentor.click("Pillole", role="link")
    mentor.click("Crea una voce di tipo pillola", role="link")
    mentor.fill("Titolo", "Calendario")  # its id is taken by the existing pill
    mentor.fill("In breve", "Una frase <b>importante</b>")
    mentor.publish()
    for message in ("Titolo: esiste già «calendario»; scegli un titolo diverso",
                    "In breve: togli i tag HTML (<b>), scrivi solo testo",
                    "Mentor è richiesto.", "Tag è richiesto.", "Area è richiesto."):
        page.get_by_text(message).first.wait_for()
    mentor.fill("Titolo", "Calendario per il team")
    mentor.fill("In breve", "Una frase " + "molto " * 40)
    big = tmp_path / "Webinar completo.mp4"
    big.write_bytes(b"\0" * 1_200_000)
    page.locator(".pillole-rec-file").set_input_files(big)
    page.get_by_text("Il file è di 1,2 MB, oltre il limite di 1 MB. Registra pillole più brevi (3-5 minuti)").wait_for()
    mentor.choose("Mentor", "Giulia")
    mentor.choose("Tag", "cloud")
    mentor.choose("Area", "Tecno")
    mentor.click("Aggiungi domanda")
    mentor.fill("Domanda", "Quale?")
    mentor.fill("Risposta", "Questa")
    mentor.fill("Risposta", "Quella", nth=1)
    mentor.publish()
    page.get_by_text("In breve: 250 caratteri, al massimo 200").first.wait_for()
    mentor.fill("In breve", "Una frase breve")
    mentor.publish()
    page.get_by_text("Quiz, domanda 1: segna almeno una risposta come giusta").wait_for()
    assert not (studio.site.content / "pillole" / "calendario-per-il-team").exists()


def test_with_the_editorial_workflow_a_new_pill_is_a_merge_request_until_published(
        media_browser: Any, tmp_path: Path) -> None:
    """decap-server's git mode does locally what GitLab does: the saved pill lives on its own
    branch (the merge request CI checks) and reaches `main` only when it is published."""
    with running_studio(tmp_path / "site-src", "git") as studio, visiting(media_browser, studio) as mentor:
        page = mentor.page
        mentor.click("Pillole", role="link")
        mentor.click("Crea una voce di tipo pillola", role="link")
        mentor.fill("Titolo", "Un messaggio vocale")
        mentor.fill("In breve", "Due parole per il team vendite")
        mentor.choose("Mentor", "Giulia")
        mentor.choose("Destinatari", "vendite")
        mentor.choose("Tag", "nuvola")
        mentor.choose("Area", "Tecno")
        record(mentor, "Solo voce (messaggio vocale)", 2)
        mentor.click("Salva")
        page.get_by_role("button", name="Stato: Bozza").wait_for()

        repo = studio.site.root
        branch = wait_for(lambda: git(repo, "branch", "--list", "cms/pillole/*").strip(), "the entry's branch")
        branch = branch.lstrip("* ").strip()
        on_branch = git(repo, "ls-tree", "-r", "--name-only", branch, "content/pillole/un-messaggio-vocale/")
        assert "content/pillole/un-messaggio-vocale/index.md" in on_branch.split()
        assert any(name.endswith(".webm") and "/voce-" in name for name in on_branch.split())
        assert "un-messaggio-vocale" not in git(repo, "ls-tree", "-r", "--name-only", "main")  # not published yet
        assert "Studio: nuovo content/pillole/un-messaggio-vocale/index.md" in git(repo, "log", "--format=%s", branch)

        mentor.click("Stato: Bozza")
        mentor.click("Pronto", role="menuitem")
        page.get_by_role("button", name="Stato: Pronto").wait_for()
        mentor.publish()
        wait_for(lambda: "un-messaggio-vocale" in git(repo, "ls-tree", "-r", "--name-only", "main"), "the merge")
        assert not git(repo, "branch", "--list", "cms/pillole/*").strip()  # merged and removed
        checked = studio.site.check()
        assert checked.returncode == 0, checked.stdout + checked.stderr
