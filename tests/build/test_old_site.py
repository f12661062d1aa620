"""The previous site updated in place by the next build (mkdocs_plugin/old_site.py): the
result is the site built into an empty folder, what MkDocs keeps stays, the build writes over
the files it makes again, and nothing in the old site can make it write elsewhere."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from pillole.mkdocs_plugin.old_site import PREFIX, Entry, set_aside
from support import Site, pill_text, run


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(site: Site) -> None:
    done = run([sys.executable, "-m", "mkdocs", "build", "--strict"], site.root)
    assert done.returncode == 0, done.stderr


def _fresh(site: Site) -> dict[str, bytes]:
    """The site built into an empty folder."""
    shutil.rmtree(site.out, ignore_errors=True)
    _build(site)
    return _tree(site.out)


def test_a_build_over_the_previous_site_is_the_site_built_afresh(site: Site) -> None:
    for n in range(1, 4):
        site.pill(f"pillola-{n}", pill_text(title=f"Pillola {n}"))
    fresh = _fresh(site)
    (site.out / "pillole" / "vecchia").mkdir()
    (site.out / "pillole" / "vecchia" / "index.html").write_text("una pillola tolta")
    (site.out / "vecchio.html").write_text("vecchio")
    (site.out / "pillole-search" / "text" / "vecchio.js").write_text("vecchio")
    (site.out / "pillole" / "pillola-1" / "index.html").unlink()
    (site.out / "pillole" / "pillola-1" / "index.html").mkdir()  # a folder where the build writes a file
    (site.out / "pillole" / "pillola-1" / "index.html" / "dentro").write_text("vecchio")
    (site.out / ".git").mkdir()
    (site.out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")  # MkDocs keeps dot entries
    leftover = site.out / ".pillole-previous-4242"  # a build stopped half-way
    (leftover / "pillole").mkdir(parents=True)
    (leftover / "pillole" / "index.html").write_text("vecchio")

    _build(site)
    after = _tree(site.out)
    assert after.pop(".git/HEAD") == b"ref: refs/heads/gh-pages\n"
    assert after == fresh
    assert not list(site.out.glob(".pillole-previous-*"))


def test_the_build_writes_over_the_files_it_makes_again(site: Site) -> None:
    """The same file, not a new one: on this machine's disk, creating a file and its folder
    costs ten times as much as writing over one."""
    site.pill("pillola-1", pill_text(title="Pillola 1"))
    _build(site)
    page = site.out / "pillole" / "pillola-1" / "index.html"
    before = page.stat().st_ino
    site.pill("pillola-1", pill_text(title="Pillola 1, rivista"))
    _build(site)
    assert page.stat().st_ino == before
    assert "Pillola 1, rivista" in page.read_text(encoding="utf-8")


def test_links_in_the_previous_site_never_make_the_build_write_elsewhere(site: Site, tmp_path: Path) -> None:
    fresh = _fresh(site)
    outside = tmp_path / "fuori"
    outside.mkdir()
    (outside / "segreto.txt").write_text("non toccare")
    (outside / "collegato.txt").write_text("non toccare")
    page = site.out / "pillole" / "calendario" / "index.html"
    page.unlink()
    page.symlink_to(outside / "segreto.txt")  # a write through it would land outside the site
    home = site.out / "index.html"
    home.unlink()
    os.link(outside / "collegato.txt", home)  # a write over it would change the other name too
    (site.out / "pillole-search" / "manifest.js").unlink()
    (site.out / "pillole-search" / "manifest.js").symlink_to(outside / "segreto.txt")
    shutil.rmtree(site.out / "assets")
    (site.out / "assets").symlink_to(outside, target_is_directory=True)

    _build(site)
    assert (outside / "segreto.txt").read_text() == "non toccare"
    assert (outside / "collegato.txt").read_text() == "non toccare"
    assert sorted(p.name for p in outside.iterdir()) == ["collegato.txt", "segreto.txt"]
    assert not page.is_symlink() and not (site.out / "assets").is_symlink()
    assert _tree(site.out) == fresh


def test_a_build_stopped_by_content_errors_leaves_the_last_good_site(site: Site) -> None:
    site.pill("pillola-1", pill_text(title="Pillola 1"))
    fresh = _fresh(site)
    site.pill("rotta", "---\ntitle: [senza fine\n---\nTesto.\n")
    stopped = site.build()
    assert stopped.returncode == 1
    assert _tree(site.out) == fresh
    assert not list(site.out.glob(".pillole-previous-*"))


def test_a_page_the_theme_leaves_empty_has_no_file_left_from_before(site: Site) -> None:
    """MkDocs writes no file for a page whose template prints nothing."""
    site.write("vuota.md", "---\ntitle: Vuota\n---\nTesto.\n")
    _build(site)
    assert (site.out / "vuota.html").exists() or (site.out / "vuota" / "index.html").exists()
    overrides = site.root / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% if not page or page.file.src_uri != "vuota.md" %}{% include "base.html" %}{% endif %}')
    site.config(theme={"name": "material", "language": "it", "custom_dir": "overrides"})
    _build(site)
    assert _tree(site.out) == _fresh(site)
    assert not (site.out / "vuota.html").exists() and not (site.out / "vuota" / "index.html").exists()


def test_a_previous_site_that_could_not_be_listed_goes_whole(tmp_path: Path) -> None:
    """As MkDocs would have it: nothing of it is written over."""
    site_dir = tmp_path / "site"
    (site_dir / "pillole" / "a").mkdir(parents=True)
    (site_dir / "pillole" / "a" / "index.html").write_text("vecchio")
    (site_dir / "index.html").write_text("vecchio")
    old = set_aside(site_dir)
    assert old is not None and [p.name for p in site_dir.iterdir()] == [f"{PREFIX}{os.getpid()}"]
    old.restore()
    assert sorted(p.name for p in site_dir.iterdir()) == ["index.html", "pillole"]

    def unreadable() -> list[Entry]:
        raise OSError(5, "Input/output error")

    old.listing = unreadable
    assert old.prune({"index.html": None, "pillole/a/index.html": None}) == []
    assert list(site_dir.iterdir()) == []
