""""I miei progressi" in the main navigation of every site: the plugin adds it to a `nav` that
lacks it (after the learning paths), and leaves it where a site put it."""

from __future__ import annotations

import re

from support import Site

THEME = {"name": "material", "language": "it", "font": False, "features": ["navigation.tabs"]}


def _tabs(page: str) -> list[str]:
    return re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', page)


def test_the_plugin_adds_my_progress_to_a_navigation_that_lacks_it(site: Site) -> None:
    site.config(nav=[{"Home": "index.md"}, {"Percorsi": "percorsi/index.md"}, {"Tag": "tag/index.md"}], theme=THEME)
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    assert _tabs(site.page("index.html")) == ["Home", "Percorsi", "I miei progressi", "Tag"]
    assert _tabs(site.page("progressi.html")) == ["Home", "Percorsi", "I miei progressi", "Tag"]

    site.config(theme=THEME)  # no nav at all: MkDocs makes one, the plugin completes it
    assert site.build("--strict").returncode == 0
    assert _tabs(site.page("index.html"))[-1] == "I miei progressi"


def test_a_site_that_places_my_progress_keeps_its_place(site: Site) -> None:
    site.config(nav=[{"Home": "index.md"}, {"Per me": [{"I miei progressi": "progressi.md"}]}], theme=THEME)
    assert site.build("--strict").returncode == 0
    page = site.page("index.html")
    assert _tabs(page) == ["Home", "Per me"]
    # once in the sidebar, inside its section; not added again at the top
    assert page.count('<a href="progressi.html" class="md-nav__link">') == 1


def test_the_theme_speaks_the_sites_language_with_pillole_s_corrections(site: Site) -> None:
    """The theme's words (partials/language.html, looked up once per build): Material's own
    in the theme's language, Pillole's where Material leaves a word in English, on pages the
    main process builds and on pages the workers build."""
    site.config(theme=THEME, plugins=[{"pillole": {"page_jobs": 2}}])
    assert site.build("--strict").returncode == 0
    for page in (site.page("index.html"), site.page("pillole/calendario/index.html")):
        assert '<html lang="it"' in page
        assert 'aria-label="Navigazione"' in page  # Material's Italian
        assert 'aria-label="Sezioni del sito"' in page  # Pillole's: Material's Italian says "Tabs"
    site.config(theme={**THEME, "language": "en"}, plugins=[{"pillole": {"page_jobs": 2}}])
    assert site.build("--strict").returncode == 0
    page = site.page("pillole/calendario/index.html")
    assert '<html lang="en"' in page and 'aria-label="Navigation"' in page and 'aria-label="Tabs"' in page
