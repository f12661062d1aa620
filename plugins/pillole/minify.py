"""Our browser code as a site publishes it: minified, so that a phone on a slow network
downloads and parses less (issue 14: a learner's page loads only what it uses, minified).

rjsmin and rcssmin only remove comments and whitespace: no renaming, no rewriting, so what
runs is exactly the readable source the repository holds, and the result is the same from a
web server and from file://. Both are pure Python (with an optional C speed-up), maintained,
and take milliseconds on our files.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def minify(name: str, text: str) -> str:
    """`text` of the file `name` without comments and needless whitespace (.js and .css;
    any other file as it is)."""
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    return text


def minified(path: Path) -> str:
    """The text of the file at `path`, minified."""
    return minify(path.name, path.read_text(encoding="utf-8"))
