"""What a real build makes of learning paths and quizzes: pages, links, escaping, labels."""

from __future__ import annotations

import re

from support import Site

QUIZ = [
    {"question": "Quale <b>fattore</b>?", "answers": [
        {"text": "Lo smartphone", "correct": True, "explanation": "Qualcosa che <i>hai</i>."},
        {"text": "Una seconda password"},
    ]},
    {"question": "Quali servono?", "answers": [
        {"text": "A", "correct": True}, {"text": "B", "correct": True}, {"text": "C"},
    ]},
]


def _two_paths(site: Site) -> None:
    site.pill("password", title="Il password manager", quiz=QUIZ)
    site.learning_path("base", title="Sicurezza <script>alert(1)</script>", steps=["calendario", "password"],
                       audience=["vendite"], pass_mark=80)
    site.learning_path("cloud", title="Cloud", steps=[{"section": "Agenda", "steps": ["calendario"]}],
                       prerequisites=["base"], badge={"name": "Nuvola", "icon": "☁️", "description": "Sa usare il cloud"})


def test_path_pages_steps_and_pill_navigation(site: Site) -> None:
    _two_paths(site)
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr

    page = site.page("percorsi/base.html")
    assert "<script>alert(1)</script>" not in page
    assert "<h1>Sicurezza &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert "<title>Sicurezza &lt;script&gt;" in page
    assert "<p>Introduzione al percorso.</p>" in page  # the mentor's Markdown body
    assert 'data-steps="calendario password"' in page and 'data-quizzes="password"' in page
    assert 'data-pass-mark="80"' in page
    assert re.search(r'href="\.\./team/vendite\.html">Direzione vendite</a>', page)
    # how long, as a person says it: no reading speed, no developer's estimate
    assert "circa 2 minuti di lettura" in page and "parole al minuto" not in page
    assert "Ancora 2 pillole" in page  # the badge as a goal, before any progress
    steps = re.findall(r'class="pillole-step__title" href="([^"]+)">([^<]+)<', page)
    assert steps == [("../pillole/calendario/index.html", "Il calendario condiviso"),
                     ("../pillole/password/index.html", "Il password manager")]

    cloud = site.page("percorsi/cloud.html")
    assert '<h3 class="pillole-steps__section">Agenda</h3>' in cloud
    assert '<a href="base.html">Sicurezza &lt;script&gt;' in cloud  # prerequisite, relative link

    pill = site.page("pillole/calendario/index.html")
    navs = re.findall(r'<nav class="pillole-pathnav".*?</nav>', pill, re.S)
    assert len(navs) == 2  # the pill is a step of both paths
    assert "Passo 1 di 2" in navs[0] and 'rel="next" href="../password/index.html"' in navs[0]
    assert "Passo 1 di 1" in navs[1] and 'rel="prev"' not in navs[1]
    # finishing "Cloud" here suggests "Sicurezza" next; the big button after completion leads on
    assert re.search(r'data-suggest="base" hidden>[^<]*<a href="\.\./\.\./percorsi/base\.html">', navs[1])
    assert re.search(r'data-next-action href="\.\./password/index\.html">', pill)
    assert 'data-kind="text"' in pill and 'data-pass-mark="80"' in pill

    quiz = site.page("pillole/password/index.html")
    assert "<legend>1. Quale &lt;b&gt;fattore&lt;/b&gt;?</legend>" in quiz
    assert quiz.count('type="radio" name="pillole-q0"') == 2
    assert quiz.count('type="checkbox" name="pillole-q1"') == 3
    assert '<p class="pillole-quiz__why" hidden>Qualcosa che &lt;i&gt;hai&lt;/i&gt;.</p>' in quiz
    assert "Passo 2 di 2" in quiz and 'rel="prev" href="../calendario/index.html"' in quiz

    listing = site.page("percorsi/index.html")
    assert listing.index(">Cloud</a>") < listing.index(">Sicurezza &lt;script&gt;")
    progress = site.page("progressi.html")
    assert progress.count('data-certificate="') == 2
    assert "data-pillole-progress" in progress
    for asset in ("progress.js", "quiz.js", "learning.css"):
        assert (site.out / "assets/pillole" / asset).is_file()
    # the progress of this site is kept under its own name (core.js's settings say which)
    assert 'window.PilloleConfig = {' in (site.out / "assets/pillole/core.js").read_text(encoding="utf-8")
    assert '"site": "Prova"' in (site.out / "assets/pillole/core.js").read_text(encoding="utf-8")


def test_english_labels_and_a_site_without_paths(site: Site) -> None:
    site.config(theme={"name": "material", "language": "en", "font": False})
    site.pill("password", title="Password manager", quiz=QUIZ)
    assert site.build("--strict").returncode == 0
    assert "No learning paths yet." in site.page("percorsi/index.html")
    assert "Check the answers" in site.page("pillole/password/index.html")
    assert "pillole-pathnav" not in site.page("pillole/password/index.html")
    assert "Export progress" in site.page("progressi.html")
