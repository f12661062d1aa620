"""The page keys MkDocs and Material read from front-matter, and the site's own pages.

A pill and a page of the site's own may set how the theme shows them (`hide:`, `icon:`,
`status:`, `search:`, `description:`). These reach the theme's templates as they are:
`template:` names a file to load, `hide: 5` breaks the page, `icon:` names a file to include,
`status:` lands inside an HTML attribute. So `template` is refused and the others must have
their shape; `page_meta` gives the build what passed, to hand on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..frontmatter import Document
from ..model import ContentError
from .fields import SLUG, Entry, Field, Reporter, Table, mapping_fields, read_fields, shown, text, type_name
from .files import icon_exists

#: What Material's `hide:` can hide on a page.
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_ICON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+$")


def _hide(entry: Entry[object]) -> list[str] | None:
    if entry.value is None:
        return None
    items = entry.value if isinstance(entry.value, list) else [entry.value]
    wrong = next((item for item in items if not isinstance(item, str) or item not in HIDE_VALUES), None)
    if wrong is not None or not items:
        entry.error(f"{shown(wrong)} is not a part of the page that can be hidden",
                    "write a list of: " + ", ".join(HIDE_VALUES) + ", e.g. hide: [toc]")
        return None
    return list(items)


def _template(entry: Entry[object]) -> None:
    if entry.given:
        entry.error("cannot be set in a content file: every page uses the site's layout", "remove 'template:'")


def _icon(entry: Entry[object]) -> str | None:
    icon = text(entry)
    if icon is not None and (not _ICON.match(icon) or not icon_exists(icon)):
        entry.error(f"'{icon}' is not an icon of the theme",
                    "write an icon name such as 'material/school' (see the icon search of Material for MkDocs)")
        return None
    return icon


def _status(entry: Entry[object]) -> str | None:
    status = text(entry)
    if status is not None and not SLUG.match(status):
        entry.error(f"'{status}' is not a page status",
                    "write 'new' or 'deprecated' (or a status listed under extra.status in mkdocs.yml)")
        return None
    return status


def _exclude(entry: Entry[object]) -> bool | None:
    if not entry.given:
        return None
    if isinstance(entry.value, bool):
        return entry.value
    entry.error("must be true or false", "write search: {exclude: true}")
    return None


def _boost(entry: Entry[object]) -> float | None:
    if not entry.given:
        return None
    boost = entry.value
    if isinstance(boost, (int, float)) and not isinstance(boost, bool) and 0 < boost <= 100:
        return boost
    entry.error("must be a number above 0 and at most 100", "write search: {boost: 2}")
    return None


#: `search: {exclude: true}` or `search: {boost: 2}` (Material's search plugin).
SEARCH_FIELDS: Table[object] = {
    "exclude": Field(_exclude),
    "boost": Field(_boost),
}


def _search(entry: Entry[object]) -> dict[str, Any] | None:
    options = mapping_fields(entry, SEARCH_FIELDS, None, "write search: {exclude: true} or search: {boost: 2}")
    if options is None:
        return None
    return {key: option for key, option in options.items() if option is not None} or None


#: The page keys of any content page; a pill's table and a site page's table include them.
PAGE_FIELDS: Table[object] = {
    "hide": Field(_hide),
    "template": Field(_template),
    "description": Field(text),
    "icon": Field(_icon),
    "status": Field(_status),
    "search": Field(_search),
}
PAGE_KEYS = tuple(PAGE_FIELDS)


def page_meta(values: Mapping[str, Any]) -> dict[str, Any]:
    """The page options read with PAGE_FIELDS that passed, for the build to hand to the theme."""
    return {key: values[key] for key in PAGE_KEYS if values[key] is not None}


#: The front-matter of a page of the site's own (a Markdown file at the top of content/).
SITE_PAGE_FIELDS: Table[object] = {
    "title": Field(text),
    **PAGE_FIELDS,
}


def site_page_from(doc: Document, path: str) -> tuple[dict[str, Any], list[ContentError]]:
    """A page of the site's own (a Markdown file at the top of content/): its front-matter
    may give a title and the page options; the result is what the build hands to MkDocs."""
    rep = Reporter(path, doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    if doc.data is not None and not isinstance(doc.data, dict):
        rep.error(None, f"the front-matter must be a mapping, not {type_name(doc.data)}", "write 'title: ...' between the '---' lines")
    values = read_fields(rep, data, SITE_PAGE_FIELDS, None)
    meta = page_meta(values)
    if values["title"] is not None:
        meta["title"] = values["title"]
    return meta, rep.errors
