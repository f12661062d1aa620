"""The words of every page of the sample site, against the reviewed copy in sample_pages.json.

A change to templates, labels or the site model that changes what a learner reads shows up
here, page by page. When the change is intended, run the test with PILLOLE_UPDATE_PAGES=1 to
write the new text, and review the diff of sample_pages.json like any other change.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from support import page_text

EXPECTED = Path(__file__).with_name("sample_pages.json")

# The recordings' durations in the reviewed text come from the system ffmpeg: the one bundled
# with imageio-ffmpeg (a newer version) measures an MP3 without its encoder delay, 00:24
# instead of 00:25.
pytestmark = pytest.mark.ffmpeg


def test_every_page_reads_as_reviewed(sample_site_by_engine: Path) -> None:
    pages = {page.relative_to(sample_site_by_engine).as_posix(): page_text(page.read_text(encoding="utf-8"))
             for page in sorted(sample_site_by_engine.rglob("*.html"))}
    if os.environ.get("PILLOLE_UPDATE_PAGES"):
        EXPECTED.write_text(json.dumps(pages, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert sorted(pages) == sorted(expected), "pages added or removed"
    changed = [name for name in pages if pages[name] != expected[name]]
    report = "\n".join(
        f"{name}:\n" + "\n".join(difflib.unified_diff(expected[name].split(". "), pages[name].split(". "), lineterm=""))
        for name in changed[:5])
    assert not changed, f"{len(changed)} pages read differently:\n{report}"
