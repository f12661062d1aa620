"""The main process's stand-in for a page a worker builds (parallel_pages.ParallelPages.stand_in):
it converts nothing while a worker has the page, and converts it the usual way once the
page is given back to the main process (its worker failed)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from pillole.mkdocs_plugin.parallel_pages import ParallelPages


def _page(tmp_path: Path) -> tuple[Page, MkDocsConfig, Files]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Benvenuti\n\nTesto della pagina.\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "Prova", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors, errors
    file = File("index.md", str(docs), str(tmp_path / "site"), use_directory_urls=False)
    page = Page(None, file, config)
    page.read_source(config)
    return page, config, Files([file])


def test_a_page_a_worker_builds_converts_nothing(tmp_path: Path) -> None:
    page, config, files = _page(tmp_path)
    parallel = ParallelPages()
    parallel._taken = {"index.md"}
    parallel.stand_in(page)
    page.render(config, files)
    assert page.content == ""


def test_a_page_given_back_by_its_worker_is_converted_the_usual_way(tmp_path: Path) -> None:
    page, config, files = _page(tmp_path)
    parallel = ParallelPages()
    parallel._taken = {"index.md"}
    parallel.stand_in(page)
    parallel._taken.clear()  # what `collect` does with a failed worker's pages
    page.render(config, files)
    assert page.content is not None and "<p>Testo della pagina.</p>" in page.content
    assert page.title == "Benvenuti"
