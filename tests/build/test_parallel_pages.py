"""Pages built by worker processes (`page_jobs`, mkdocs_plugin/parallel_pages.py): the same
site, the same messages, the same failures as a build on one core."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pillole.mkdocs_plugin import page_store
from support import ENGINES, Site, pill_text, run

#: A site with what crosses pages: tags and people shared by pills, a learning path, links to
#: other pages' anchors (checked after the build against the anchors the workers found).
PILLS = {
    f"pillola-{n:02d}": {"tags": ["cloud", "sicurezza"][: 1 + n % 2], "title": f"Pillola numero {n}",
                         "mentor": ["giulia-rossi", "marco-bianchi"][n % 2]}
    for n in range(1, 13)
}


def _pill(site: Site, slug: str, body: str, **fields: object) -> None:
    site.pill(slug, pill_text(**fields).replace("Testo della pillola.\n", body))


def _site(site: Site, *, jobs: int, **config: object) -> Site:
    site.config(plugins=[{"pillole": {"page_jobs": jobs}}], **config)
    for slug, fields in PILLS.items():
        _pill(site, slug, f"## Passi\n\nTesto di {slug}. Vedi [la prima](../pillola-01/index.md#passi).\n", **fields)
    site.learning_path("base", steps=list(PILLS)[:3])
    site.write("index.md", "---\ntitle: Home\n---\nBenvenuti. [Passi](pillole/pillola-02/index.md#passi)\n")
    return site


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("engine", ENGINES)
def test_workers_build_the_site_one_process_builds(site: Site, engine: str) -> None:
    built = {}
    for jobs in (1, 2):
        page_store.remove(site.root / ".cache" / "pillole" / page_store.FILE_NAME)  # each makes every page
        _site(site, jobs=jobs)
        done = run([sys.executable, "-m", engine, "build", "--strict"], site.root, SOURCE_DATE_EPOCH="1796083200")
        assert done.returncode == 0, done.stderr
        assert ("built by 2 worker processes" in done.stderr) == (jobs == 2), done.stderr
        assert "Page skipped" not in done.stderr  # the main process does not write the workers' pages
        built[jobs] = _tree(site.out)
    assert built[1].keys() == built[2].keys()
    different = [name for name in built[1] if built[1][name] != built[2][name]]
    assert different == []
    assert "pillole/pillola-07/index.html" in built[2]  # a pill page a worker built, published
    assert "Testo di pillola-07" in built[2]["pillole/pillola-07/index.html"].decode()


#: Markdown that leaves state in a converter: reference links, footnotes, abbreviations,
#: heading ids (a page's second "Passi" is "passi_1"), stashed raw HTML.
DEFINES = ("## Passi\n\nVedi la [guida][] e una nota[^1] sull'HTML.\n\n## Passi\n\n<div markdown>**Dentro**</div>\n\n"
           "[guida]: https://example.com/guida\n[^1]: La nota.\n*[HTML]: HyperText Markup Language\n")
USES = "## Passi\n\nLa [guida][] non è definita qui, l'HTML nemmeno: nessuna nota[^1].\n"


def test_each_page_is_converted_as_by_a_converter_of_its_own(site: Site) -> None:
    """A worker reuses one Markdown converter (reused_converter.py): nothing of a page's
    text reaches the next page it converts."""
    extensions = ["admonition", "attr_list", "tables", "footnotes", "abbr", "md_in_html", {"toc": {"permalink": True}}]
    built = {}
    for jobs in (1, 2):
        page_store.remove(site.root / ".cache" / "pillole" / page_store.FILE_NAME)
        _site(site, jobs=jobs, markdown_extensions=extensions)
        for n, slug in enumerate(PILLS):
            _pill(site, slug, DEFINES if n % 2 else USES, **PILLS[slug])
        done = site.build()
        assert done.returncode == 0, done.stderr
        built[jobs] = _tree(site.out)
    assert [name for name in built[1] if built[1][name] != built[2].get(name)] == []
    uses, defines = (built[2][f"pillole/{slug}/index.html"].decode() for slug in ("pillola-01", "pillola-02"))
    assert "La [guida][] non è" in uses and "nota[^1]" in uses and "<abbr" not in uses and 'id="passi_1"' not in uses
    assert 'href="https://example.com/guida"' in defines and "<abbr" in defines and 'id="passi_1"' in defines


def _messages(stderr: str) -> list[str]:
    """The build's warnings and errors, without the lines that say how the build went."""
    return sorted(line for line in stderr.splitlines() if line.startswith(("WARNING", "ERROR"))
                  and "Aborted with" not in line)


def test_what_workers_report_is_reported_once_and_counts_under_strict(site: Site) -> None:
    outputs = {}
    for jobs in (1, 2):
        _site(site, jobs=jobs, validation={"anchors": "warn"})
        _pill(site, "pillola-05", "## Passi\n\nTesto.\n\n<img src=x onerror=alert(1)>\n\n"
              "[Manca](../pillola-01/index.md#nessuna)\n", title="Pillola con problemi")
        done = site.build("--strict")
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        outputs[jobs] = _messages(done.stderr)
    assert outputs[2] == outputs[1]
    warnings = "\n".join(outputs[2])
    assert warnings.count("pillole/pillola-05/index.md") >= 2, warnings
    assert "onerror" in warnings
    assert "contains a link '../pillola-01/index.md#nessuna', but the doc 'pillole/pillola-01/index.md' " \
           "does not contain an anchor '#nessuna'" in warnings


def test_a_page_that_fails_in_a_worker_fails_the_build_as_without_workers(site: Site) -> None:
    """The worker leaves the page to the main process, which fails on it the usual way."""
    site.write("../overrides/main.html",
               '{% extends "base.html" %}{% block content %}'
               '{% if "pillola-09" in page.url %}{{ page.meta.missing.broken }}{% endif %}'
               '{{ super() }}{% endblock %}')
    results = {}
    for jobs in (1, 2):
        _site(site, jobs=jobs, theme={"name": "material", "language": "it", "font": False, "custom_dir": "overrides"})
        done = site.build()
        results[jobs] = (done.returncode, [line for line in done.stderr.splitlines() if "Error building page" in line])
    assert results[1][0] != 0
    assert results[2] == results[1]
    assert results[2][1] == ["ERROR   -  Error building page 'pillole/pillola-09/index.md': 'dict object' has no "
                             "attribute 'missing'"]


#: A Markdown extension of the test site: appends "<process id> <text>" to $CONVERSIONS for
#: every text it converts (a real extension, imported by MkDocs from the site's folder).
COUNTING_EXTENSION = '''
import os
from markdown import Extension
from markdown.preprocessors import Preprocessor


class _Count(Preprocessor):
    def run(self, lines):
        with open(os.environ["CONVERSIONS"], "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {' '.join(lines)}\\n")
        return lines


class CountingExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Count(md), "counting", 100)


def makeExtension(**options):
    return CountingExtension(**options)
'''


def test_workers_take_the_pages_between_them_each_page_once(site: Site) -> None:
    """The workers deal the pages out among themselves: every pill is converted once (not
    again by another worker, nor by the main process afterwards)."""
    (site.root / "counting.py").write_text(COUNTING_EXTENSION, encoding="utf-8")
    _site(site, jobs=2, markdown_extensions=["counting"])
    conversions = site.root / "conversions.txt"
    done = run([sys.executable, "-m", "mkdocs", "build", "--strict"], site.root, CONVERSIONS=str(conversions))
    assert done.returncode == 0, done.stderr
    assert "built by 2 worker processes" in done.stderr, done.stderr
    assert "as the previous build rendered them" not in done.stderr, done.stderr  # the first build: none kept
    converted = [line.split(" ", 1) for line in conversions.read_text(encoding="utf-8").splitlines()]
    by_pill = {slug: [pid for pid, text in converted if f"Testo di {slug}." in text] for slug in PILLS}
    assert all(len(pids) == 1 for pids in by_pill.values()), by_pill
