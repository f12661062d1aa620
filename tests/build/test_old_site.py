"""The previous site deleted while the next build works (mkdocs_plugin/old_site.py): what
MkDocs empties goes, what it keeps stays, nothing of the old site is left behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pillole.forked import cores
from support import Site, pill_text, run

pytestmark = pytest.mark.skipif(cores() < 2 or not hasattr(os, "fork"), reason="MkDocs empties the folder itself")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_over_the_previous_site_is_the_site_built_afresh(site: Site) -> None:
    for n in range(1, 4):
        site.pill(f"pillola-{n}", pill_text(title=f"Pillola {n}"))
    assert site.build("--strict").returncode == 0
    fresh = _tree(site.out)
    (site.out / "pillole" / "vecchia").mkdir()
    (site.out / "pillole" / "vecchia" / "index.html").write_text("una pillola tolta")
    (site.out / "vecchio.html").write_text("vecchio")
    (site.out / ".git").mkdir()
    (site.out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")  # MkDocs keeps dot entries
    leftover = site.out / ".pillole-previous-4242"  # a build stopped half-way
    (leftover / "pillole").mkdir(parents=True)
    (leftover / "pillole" / "index.html").write_text("vecchio")

    done = run([sys.executable, "-m", "mkdocs", "build", "--strict"], site.root)
    assert done.returncode == 0, done.stderr
    after = _tree(site.out)
    assert after.pop(".git/HEAD") == b"ref: refs/heads/gh-pages\n"
    assert after == fresh
    assert not list(site.out.glob(".pillole-previous-*"))
