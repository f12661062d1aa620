"""write_over: a site's file written over in place, never through a link."""

from __future__ import annotations

import os
from pathlib import Path

from pillole.overwrite import write_over


def test_writes_over_the_same_file_and_cuts_off_the_rest(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>a longer page from the previous build</p>")
    inode = page.stat().st_ino
    write_over(b"<p>short</p>", str(page))
    assert page.read_bytes() == b"<p>short</p>"
    assert page.stat().st_ino == inode  # written over, not made again
    write_over("<p>più lunga di prima, con accenti</p>".encode(), str(page))
    assert page.read_text(encoding="utf-8") == "<p>più lunga di prima, con accenti</p>"


def test_makes_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "pillole" / "nuova" / "index.html"
    write_over(b"ok", str(target))
    assert target.read_bytes() == b"ok"


def test_a_symbolic_link_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not the site's")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").symlink_to(outside)
    write_over(b"page", str(site / "index.html"))
    assert outside.read_bytes() == b"not the site's"
    assert not (site / "index.html").is_symlink()
    assert (site / "index.html").read_bytes() == b"page"


def test_a_file_with_other_names_is_replaced_not_changed(tmp_path: Path) -> None:
    cache = tmp_path / "cache.bin"
    cache.write_bytes(b"kept elsewhere")
    site = tmp_path / "site"
    site.mkdir()
    os.link(cache, site / "page.html")
    write_over(b"page", str(site / "page.html"))
    assert cache.read_bytes() == b"kept elsewhere"
    assert (site / "page.html").read_bytes() == b"page"
    assert cache.stat().st_nlink == 1


def test_an_empty_write_leaves_an_empty_file(tmp_path: Path) -> None:
    page = tmp_path / "empty.json"
    page.write_bytes(b"{}")
    write_over(b"", str(page))
    assert page.read_bytes() == b""
