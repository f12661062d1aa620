"""The script that lets the 404 page work wherever a web server shows it.

A server shows the site's 404.html at the address that was not found, at any depth, and the
site may live under any sub-path or be opened from a file share. The page is built with links
relative to the site's root, and `assets/not_found.js`, inlined first in its <head>, points
the page's base at the root before anything is loaded (how it finds the root is explained
there). Inline, because it must run before the page's first stylesheet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from markupsafe import Markup

from .browser import ASSETS_DIR
from .minify import minified


def not_found_script(root: str | None, folders: Iterable[str]) -> Markup:
    """The <script> element for the 404 page's <head>. `root` is the site's path on its server
    when known (site_url's), `folders` the site's top folders (to find the root otherwise)."""
    settings = json.dumps({"root": root, "folders": sorted(set(folders))}, ensure_ascii=False)
    code = f"window.PilloleNotFound = {settings};\n" + minified(ASSETS_DIR / "not_found.js")
    return Markup("<script>" + code.replace("</", "<\\/") + "</script>")
