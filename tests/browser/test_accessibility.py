"""axe-core on every kind of page of the built sample site: no serious or critical violation.

The site is used by colleagues of every age and ability; axe checks what a machine can
(contrast, names of controls, landmarks, language); the keyboard test in this folder
covers what it cannot.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from axe import axe_source, describe, violations

#: One page of each kind; a kind whose page the build does not produce is skipped by name.
PAGES = {
    "home": "index.html",
    "pill": "pillole/calendario-condiviso-cloud/index.html",
    "pill-with-quiz": "pillole/riconoscere-il-phishing/index.html",
    "tag": "tag/cloud.html",
    "person": "persone/giulia-rossi.html",
    "path": "percorsi/sicurezza-digitale-di-base.html",
    "search": "cerca/index.html?q=password",
    "search-dropdown": "index.html",
    "progress": "progressi.html",
}


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that does not wait for the network to go idle: a paused video keeps its
    download open on the test server (no Range support), and axe needs only the DOM."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_serious_accessibility_violation(kind: str, axe: str, sample_site: Path,
                                                     served_sample: str, page: Any) -> None:
    if not (sample_site / PAGES[kind].split("?")[0]).is_file():
        pytest.skip(f"the sample site has no {kind} page yet ({PAGES[kind]})")
    page.goto(served_sample + PAGES[kind], wait_until="load")
    if kind == "search":
        page.locator(".pillole-page__result").first.wait_for()
    if kind == "search-dropdown":
        page.locator(".md-header input[type=search]").fill("password")
        page.locator(".pillole-search__option").first.wait_for()
    found = violations(page, axe)
    assert found == [], describe(found)
