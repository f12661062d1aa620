"""The learner's way into "I miei progressi": the site's main navigation must lead there.

Material shows the top level of MkDocs' `nav` as tabs. The sample mkdocs.yml lists the page;
a site whose `nav` lacks it (or that has no `nav` at all) gets it from the plugin, right after
the learning paths, so that badges and certificates are never hidden from learners. A site
that lists the page anywhere, at any depth, keeps its own choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import routes


def progress_entry_index(top: Sequence[str | None], listed: Iterable[str]) -> int | None:
    """Where the navigation needs "I miei progressi": None when `listed` (the source path of
    every page in it) already has it; else right after the learning paths when they are an
    entry of `top` (the source path of each top-level entry, None for a section or a link),
    else at the end."""
    if routes.PROGRESS in listed:
        return None
    return top.index(routes.PATHS) + 1 if routes.PATHS in top else len(top)
