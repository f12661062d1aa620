"""The theme's navigation, rendered once for all the pages that get the same one.

Material renders the site's navigation (partials/nav.html: the sidebar on a laptop, the menu
on a phone; partials/tabs.html, the sections across the top, with `navigation.tabs`) at
every page: a quarter of the theme's time per page. A page outside the
navigation (every pill, tag, person and list page: all but a handful) is not marked in it,
so its navigation differs from another's only in the addresses of the links, which are
relative to the page. Pages whose links read the same get the same navigation: all the
pills of a site, whatever their number, share one.

Pillole's partials/nav.html and partials/tabs.html (through partials/pillole-shared.html) ask
`SharedNav` for the navigation of such a page, and render the theme's own (loaded as
THEME_PREFIX + "/partials/nav.html", past Pillole's override) for the first page of each
kind and for the pages in the navigation, which it marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from ..render.templates import OWN_TEMPLATES

#: Where a template Pillole overrides is found as the theme has it: "pillole-theme/partials/nav.html".
THEME_PREFIX = "pillole-theme"
#: The theme's templates shared, as partials/pillole-shared.html includes them (by a name it
#: makes, which compiling ahead cannot read: it is given these).
SHARED_PARTS = tuple(f"{THEME_PREFIX}/partials/{part}.html" for part in ("nav", "tabs"))


def past_own_templates(env: Environment, dirs: Sequence[str]) -> None:
    """Let `env` load THEME_PREFIX/<name> from the theme's folders that come after
    Pillole's (`dirs`: the theme's, in order): the template Pillole's own overrides."""
    if str(OWN_TEMPLATES) in dirs and env.loader is not None:
        after = list(dirs)[list(dirs).index(str(OWN_TEMPLATES)) + 1:]
        env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(after)})])


class SharedNav:
    """The navigation of one build's pages outside it, by the links as a page reads them."""

    def __init__(self, nav: Navigation, config: MkDocsConfig) -> None:
        entries = list(_entries(nav.items))  # nav.pages misses a page a plugin inserted (I miei progressi)
        extra_home = config.extra.get("homepage")
        self._targets = tuple(str(url) for url in (
            *(entry.url for entry in entries), nav.homepage.url if nav.homepage else None,
            extra_home if isinstance(extra_home, str) else None, config.theme.get("logo")) if url)
        self._in_nav = {entry.file.src_uri for entry in entries if isinstance(entry, Page)}
        # with toc.integrate the navigation holds the page's own table of contents
        self._enabled = "toc.integrate" not in (config.theme.get("features") or ())
        self._kept: dict[tuple[str, ...], str] = {}

    def key(self, part: str, page: Any, base_url: str) -> tuple[str, ...] | None:
        """What `part` of the navigation ("nav", "tabs") of `page` depends on, or None when
        it is the page's own (a page of the navigation, marked in it)."""
        if not self._enabled or not isinstance(page, Page) or page.parent is not None \
                or page.file.src_uri in self._in_nav:
            return None
        return (part, base_url, *(normalize_url(target, page, base_url) for target in self._targets))

    def kept(self, key: tuple[str, ...] | None) -> str | None:
        """The navigation rendered for an earlier page with the same `key`."""
        return self._kept.get(key) if key is not None else None

    def keep(self, key: tuple[str, ...] | None, html: str) -> str:
        """Keep `html`, the navigation of a page with `key` (None: not shared), and return it."""
        if key is not None:
            self._kept[key] = html
        return html


def _entries(items: Iterable[Any]) -> Iterable[Page | Link]:
    """Every page and link of the navigation, sections opened."""
    for item in items:
        if isinstance(item, Section):
            yield from _entries(item.children)
        elif isinstance(item, (Page, Link)):
            yield item
