"""What `pillole check` learns by turning each text into HTML as the build does.

The build cleans the HTML of every pill, learning path and page of the site (sanitize.py)
and warns about each construct it removes. `pillole check` runs without MkDocs, so it
renders the texts itself with Python-Markdown and the extensions mkdocs.yml lists (plus the
three MkDocs always adds), and reports the same warnings on the same lines. Only texts that
could hold such a construct are rendered (sanitize.may_refuse), and never one that the
validation refused as too costly to render (schema/body.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import markdown

from . import sanitize
from .model import Catalog, ContentError
from .schema.body import body_problems

#: MkDocs adds these to every site's `markdown_extensions`.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class Renderer:
    """Python-Markdown with a site's extensions. An extension that cannot be loaded here
    (not installed, or configured with Python objects mkdocs.yml names by `!!python/name`)
    is left out and named in `skipped`."""

    def __init__(self, extensions: Sequence[tuple[str, dict[str, Any]]]) -> None:
        configured = dict(extensions)
        names = list(BUILTIN_EXTENSIONS) + [name for name in configured if name not in BUILTIN_EXTENSIONS]
        self.skipped: list[tuple[str, str]] = []
        usable = []
        for name in names:
            problem = _load_problem(name, configured.get(name, {}))
            if problem:
                self.skipped.append((name, problem))
            else:
                usable.append(name)
        self.markdown = markdown.Markdown(extensions=usable,
                                          extension_configs={n: configured[n] for n in usable if configured.get(n)})

    def render(self, text: str) -> str:
        self.markdown.reset()
        return self.markdown.convert(text)


def _load_problem(name: str, options: dict[str, Any]) -> str | None:
    """Why an extension cannot render here, or None (tried on a small sample text)."""
    try:
        markdown.Markdown(extensions=[name], extension_configs={name: options} if options else {}).convert(
            "# a\n\n[b](c) *d* `e`\n")
    except Exception as exc:  # noqa: BLE001 - any failure of third-party code: leave it out
        return f"{type(exc).__name__}: {exc}"
    return None


def check_bodies(catalog: Catalog, extensions: Sequence[tuple[str, dict[str, Any]]],
                 allow_raw_html: bool = False) -> list[ContentError]:
    """A warning for each construct the build's cleaning would remove from a text, and a
    notice for each Markdown extension that could not be used to render them."""
    if allow_raw_html:
        return []
    renderer: Renderer | None = None
    problems: list[ContentError] = []
    for page in catalog.pages.values():
        if not sanitize.may_refuse(page.body) or body_problems(page.body, page.shown, page.body_line):
            continue
        renderer = renderer or Renderer(extensions)
        try:
            html = renderer.render(page.body)
        except RecursionError:
            problems.append(ContentError(page.shown, page.body_line, None,
                                         "the text nests lists, quotes or emphasis too deeply for Markdown",
                                         "use fewer levels"))
            continue
        problems.extend(sorted(sanitize.warnings(page, html), key=lambda e: e.line or 0))
    for name, reason in renderer.skipped if renderer else []:
        problems.append(ContentError("mkdocs.yml", None, "markdown_extensions",
                                     f"'{name}' cannot be loaded by pillole check ({reason}); texts are checked without it",
                                     "the build uses it: run 'mkdocs build' to see every warning", "notice"))
    return problems
