"""What the build hands the browser scripts: core.js with the site's settings in front."""

from __future__ import annotations

import json
import re

from pillole.browser import ASSETS_DIR, CORE, FEATURE_SCRIPTS, SCRIPT_LABELS, core_script, theme_script_later
from pillole.i18n import Labels
from pillole.minify import minified
from pillole.search.builder import FACETS

PREFIX = "window.PilloleConfig = "


def settings(text: str) -> dict:
    first, _, rest = text.partition("\n")
    assert first.startswith(PREFIX) and first.endswith(";")
    assert rest == minified(ASSETS_DIR / CORE)  # published minified: the repository keeps the source
    return json.loads(first[len(PREFIX):-1])


def test_core_script_carries_the_site_key_labels_and_scripts() -> None:
    data = settings(core_script("https://intranet.example/pillole/", Labels("en"), root="../../",
                                search="../../pillole-search/", search_page="cerca/index.html"))
    assert data["site"] == "https://intranet.example/pillole/"
    assert data["language"] == "en"
    assert data["labels"]["search_many"] == "{n} results"  # templates: the scripts fill {n}
    assert set(data["labels"]) == set(SCRIPT_LABELS)
    assert data["modules"] == {**FEATURE_SCRIPTS, "search": "../../pillole-search/search.js"}
    assert data["search"] == {"page": "cerca/index.html"} and data["root"] == "../../"
    assert re.fullmatch(r"[0-9a-f]{12}", data["version"])
    assert "search" not in settings(core_script("Prova", Labels("it"), root="../../"))["modules"]


def test_every_label_a_script_asks_for_is_handed_over() -> None:
    """Labels named in the scripts (`label("key"` or `t("key"`; a key made up at run time,
    `label("state_" + state)`, is checked by core.js, which logs an error for an unknown key)
    and the search facets' names."""
    asked = set(FACETS)
    for script in ASSETS_DIR.rglob("*.js"):
        asked |= set(re.findall(r'\b(?:label|t)\(\s*"([a-z_]+)"(?!\s*\+)', script.read_text(encoding="utf-8")))
    assert len(asked) > 20
    assert asked <= set(SCRIPT_LABELS), asked - set(SCRIPT_LABELS)


def test_the_theme_script_becomes_a_placeholder_for_core_js() -> None:
    page = ('<script id="__config" type="application/json">{}</script>\n'
            '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
            '<script src="../assets/pillole/core.js" defer></script>')
    later = theme_script_later(page)
    assert '<script data-pillole-theme="../assets/javascripts/bundle.a5f9d56c.min.js"></script>' in later
    assert 'src="../assets/javascripts/bundle' not in later
    assert later.replace(" data-pillole-theme=", " src=") == page  # nothing else changed
    assert theme_script_later("<p>no theme here</p>") == "<p>no theme here</p>"
