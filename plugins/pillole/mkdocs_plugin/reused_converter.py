"""One Markdown converter per page worker, reset between pages.

MkDocs makes a new Python-Markdown converter for every page (`Page.render`): it loads each
extension and builds every processor and inline pattern again, 4% of a page worker's time
at 1,000 pills. Python-Markdown's documented way to convert several texts is one converter
and `reset()` between them (extensions that keep state reset it there). So in a page worker
(parallel_pages.py), the engine's page module sees Python-Markdown through `ReusedConverters`:
the same module, except that `Markdown(...)` hands back the converter already made with the
same settings, reset. `Page.render` stays the engine's own: it registers its per-page
processors (relative links, anchors, title) on that converter, replacing the previous
page's by name, as on a new one.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


class ReusedConverters(ModuleType):
    """`markdown` as a module that imports it sees it, with converters reused per settings."""

    def __init__(self, markdown: ModuleType) -> None:
        super().__init__(markdown.__name__, markdown.__doc__)
        self._markdown = markdown
        self._made: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._markdown, name)

    def Markdown(self, **settings: Any) -> Any:  # noqa: N802 - the name the engine calls
        """The converter with these settings (extensions, their configuration), reset; the
        settings are the build's, the same at every page."""
        key = repr(sorted(settings.items()))
        converter = self._made.get(key)
        if converter is None:
            converter = self._made[key] = self._markdown.Markdown(**settings)
        else:
            converter.reset()
        return converter


def reuse_converters(page_module: ModuleType) -> None:
    """Make the engine's page module (`mkdocs.structure.pages`) reuse its converters: for
    a process that builds pages and ends, never for the main process."""
    markdown = getattr(page_module, "markdown")  # the engine imports Python-Markdown as `markdown`
    if not isinstance(markdown, ReusedConverters):
        setattr(page_module, "markdown", ReusedConverters(markdown))
