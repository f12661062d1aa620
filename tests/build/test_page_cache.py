"""Pill pages' rendering kept between builds (mkdocs_plugin/rendered_pages.py, page_store.py):
reused only while all it was made from is the same, with its messages every time."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from pillole.mkdocs_plugin import page_store
from support import PNG, Site, pill_text

SLUGS = [f"pillola-{n}" for n in range(1, 7)]


def _pill(site: Site, slug: str, body: str, **fields: object) -> None:
    site.pill(slug, pill_text(title=f"Titolo di {slug}", **fields).replace("Testo della pillola.\n", body))


def _site(site: Site, jobs: int) -> Site:
    site.config(plugins=[{"pillole": {"page_jobs": jobs}}])
    for slug in SLUGS:
        _pill(site, slug, f"## Passi\n\nTesto di {slug}.\n")
    return site


def _reused(stderr: str) -> int:
    found = re.search(r"pages: (\d+) pill page\(s\) as the previous build rendered them", stderr)
    return int(found.group(1)) if found else 0


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _cache(site: Site) -> Path:
    return site.root / ".cache" / "pillole" / page_store.FILE_NAME


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_second_build_reuses_every_pill_page_and_makes_the_same_site(site: Site, jobs: int) -> None:
    _site(site, jobs)
    first = site.build("--strict")
    assert first.returncode == 0, first.stderr
    assert _reused(first.stderr) == 0
    assert sorted(path.name for path in _cache(site).parent.glob("pages*")) == [page_store.FILE_NAME]  # no log left
    cold = _tree(site.out)
    second = site.build("--strict")
    assert second.returncode == 0, second.stderr
    assert _reused(second.stderr) == len(SLUGS) + 1  # and the fixture's own pill, 'calendario'
    assert _tree(site.out) == cold


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_edited_pill_is_converted_again_and_the_others_are_reused(site: Site, jobs: int) -> None:
    _site(site, jobs)
    assert site.build().returncode == 0
    _pill(site, "pillola-3", "## Passi\n\nTesto **nuovo** di pillola-3.\n")
    done = site.build("--strict")
    assert done.returncode == 0, done.stderr
    assert _reused(done.stderr) == len(SLUGS)
    assert "Testo <strong>nuovo</strong> di pillola-3." in site.page("pillole/pillola-3/index.html")


def test_a_link_to_a_page_added_later_is_made_when_it_is_added(site: Site) -> None:
    """A pill linking out of its folder depends on the site's files: adding its target
    converts it again (its link is then rewritten to the page, and the warning goes)."""
    _site(site, 1)
    _pill(site, "pillola-1", "Vedi [la nuova](../nuova/index.md).\n")
    first = site.build()
    assert "'../nuova/index.md', but the target 'pillole/nuova/index.md' is not found" in first.stderr
    _pill(site, "nuova", "Testo.\n")
    second = site.build("--strict")
    assert second.returncode == 0, second.stderr
    assert 'href="../nuova/index.html"' in site.page("pillole/pillola-1/index.html")
    assert _reused(second.stderr) == len(SLUGS)  # every other pill: their links stay in their folder


def test_an_image_added_to_the_folder_is_linked_when_it_is_added(site: Site) -> None:
    _site(site, 1)
    _pill(site, "pillola-2", "![Schermata](schermata.png)\n")
    first = site.build()
    assert "'schermata.png', but the target 'pillole/pillola-2/schermata.png' is not found" in first.stderr
    site.write("pillole/pillola-2/schermata.png", PNG)
    second = site.build("--strict")
    assert second.returncode == 0, second.stderr
    assert (site.out / "pillole/pillola-2/schermata.png").read_bytes() == PNG


def test_a_reused_page_reports_its_problems_at_every_build(site: Site) -> None:
    _site(site, 2)
    _pill(site, "pillola-4", "Testo <img src=x onerror=alert(1)>.\n\n[Manca](../manca/index.md)\n")
    outputs = []
    for _ in range(2):
        done = site.build("--strict")
        assert done.returncode == 1
        outputs.append(sorted(line for line in done.stderr.splitlines() if line.startswith("WARNING")))
    assert _reused(done.stderr) == len(SLUGS) + 1  # the second time, every pill page was reused
    assert outputs[0] == outputs[1]
    assert any("onerror" in line and "pillola-4" in line for line in outputs[1]), outputs[1]
    assert any("'../manca/index.md'" in line for line in outputs[1]), outputs[1]


def test_markdown_settings_and_a_broken_cache_make_the_pages_again(site: Site) -> None:
    _site(site, 1)
    assert site.build().returncode == 0
    with sqlite3.connect(_cache(site)) as db:  # each page's rendering is no longer one
        assert db.execute("UPDATE pages SET data = ?", (b"not a page",)).rowcount == len(SLUGS) + 1
    site.config(plugins=[{"pillole": {"page_jobs": 1}}], markdown_extensions=[{"toc": {"permalink": True}}])
    done = site.build("--strict")
    assert done.returncode == 0, done.stderr
    assert _reused(done.stderr) == 0
    assert 'class="headerlink"' in site.page("pillole/pillola-1/index.html")
    again = site.build("--strict")
    assert _reused(again.stderr) == len(SLUGS) + 1
    page_store.remove(_cache(site))
    _cache(site).write_bytes(b"not a database " * 100)
    rebuilt = site.build("--strict")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _reused(rebuilt.stderr) == 0
    assert _reused(site.build("--strict").stderr) == len(SLUGS) + 1  # started again, kept again


def test_allowing_raw_html_renders_the_pages_again_and_cleaning_again_when_it_is_withdrawn(site: Site) -> None:
    _site(site, 1)
    _pill(site, "pillola-5", 'Testo <span class="segno">grezzo</span> <img src="x.png" onerror="alert(1)">.\n')
    pages = {}
    for allow in (False, True, False):
        site.config(plugins=[{"pillole": {"page_jobs": 1, "allow_raw_html": allow}}])
        done = site.build()
        assert done.returncode == 0, done.stderr
        assert _reused(done.stderr) == 0  # the cleaning of every page changed
        pages[allow] = site.page("pillole/pillola-5/index.html")
    assert 'onerror="alert(1)"' in pages[True]
    assert "onerror" not in pages[False]
    assert _reused(site.build().stderr) == len(SLUGS) + 1
