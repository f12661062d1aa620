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


def test_pages_outside_the_navigation_share_it_with_the_links_they_would_read(site: Site) -> None:
    """The navigation and the tabs are rendered once for the pages outside the navigation
    whose links read the same (mkdocs_plugin/shared_nav.py): every page gets byte for byte what the
    theme renders for it alone (a custom_dir that includes the theme's own partials/nav.html
    and partials/tabs.html turns the sharing off), at every depth, in the folder of a page of
    the navigation and out of it."""
    nav = [{"Home": "index.md"}, {"Percorsi": "percorsi/index.md"}, {"Tag": "tag/index.md"}]
    site.learning_path("base")
    site.learning_path("avanzato", title="Sicurezza avanzata")
    for slug in ("prima", "seconda"):
        site.pill(slug, title=f"Pillola {slug}")
    overrides = site.root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    for part in ("nav", "tabs"):
        (overrides / f"{part}.html").write_text(f'{{% include "pillole-theme/partials/{part}.html" %}}', encoding="utf-8")
    built = {}
    for shared in (True, False):
        theme = THEME if shared else {**THEME, "custom_dir": "overrides"}
        site.config(nav=nav, theme=theme, plugins=[{"pillole": {"page_jobs": 2}}])
        done = site.build("--strict")
        assert done.returncode == 0, done.stderr
        built[shared] = {path.relative_to(site.out).as_posix(): path.read_text(encoding="utf-8")
                         for path in sorted(site.out.rglob("*.html"))}
    assert built[True].keys() == built[False].keys()
    assert [name for name in built[True] if built[True][name] != built[False][name]] == []
    # two pages outside the navigation, as deep, read its links differently
    assert 'href="index.html" class="md-nav__link"' in built[True]["percorsi/base.html"]
    assert 'href="../percorsi/index.html" class="md-nav__link"' in built[True]["tag/cloud.html"]
    assert "md-nav__item--active" in built[True]["percorsi/index.html"]  # a page of the navigation is marked
    assert "md-nav__item--active" not in built[True]["percorsi/base.html"]
    assert "md-tabs__item--active" in built[True]["percorsi/index.html"]
    assert "md-tabs__item--active" not in built[True]["percorsi/base.html"]
