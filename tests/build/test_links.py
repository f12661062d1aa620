"""No broken link in the built sample site: every href and src of every page leads to a file
that was built, and every #anchor to an element of that page.

It protects everyone: a renamed route, a wrong relative path or a heading id that changed shows
up here, for the whole site at once, before a learner meets it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urlsplit

SKIPPED_SCHEMES = ("http", "https", "mailto", "tel", "javascript", "data", "blob")


class _Page(HTMLParser):
    """Collects the links (tag, attribute, value) and the ids/names of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.anchors.add(values[name] or "")
        for name in ("href", "src"):
            if values.get(name) is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append((tag, values[name] or ""))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_internal_link_and_anchor_of_the_sample_site_resolves(sample_site_by_engine: Path) -> None:
    pages = {path: parse(path) for path in sample_site_by_engine.rglob("*.html")}
    assert len(pages) > 50
    broken: list[str] = []
    checked = 0
    for path, page in pages.items():
        here = path.relative_to(sample_site_by_engine).as_posix()
        if here == "404.html":  # MkDocs links it from the root on purpose: servers show it at any address
            continue
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme in SKIPPED_SCHEMES or link.startswith("//"):
                continue
            checked += 1
            if parts.path:
                target_rel = normpath((Path(here).parent / unquote(parts.path)).as_posix())
                target = sample_site_by_engine / target_rel
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = path
            if target_rel_outside(sample_site_by_engine, target) or not target.is_file():
                broken.append(f"{here}: <{tag}> {link}: no such file")
                continue
            if parts.fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else parse(target).anchors
                if unquote(parts.fragment) not in anchors:
                    broken.append(f"{here}: <{tag}> {link}: no element with id '{parts.fragment}'")
    assert checked > 1000
    assert broken == [], "\n".join(broken[:40])


def target_rel_outside(root: Path, target: Path) -> bool:
    """A relative link that climbs out of the site (it would break under a sub-path)."""
    try:
        target.resolve().relative_to(root.resolve())
    except ValueError:
        return True
    return False
