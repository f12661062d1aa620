"""The build memo of pill folders: a second load in the same process (what `mkdocs serve` does after a save)
reads only the pill folders that changed, and gives the same pills and problems as a full read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from support import Site
from pillole import content
from pillole.content import load_catalog


def age(folder: Path, seconds: float = 10) -> None:
    """Date every file back, as if saved a while ago (the memo distrusts files saved just now)."""
    stamp = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (stamp, stamp))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the pill folders whose index.md the loader reads."""
    seen: list[str] = []
    real = content.read_markdown

    def spy(path: Path, shown: str):  # type: ignore[no-untyped-def]
        if path.parent.parent.name == "pillole":  # not the site's own pages (index.md)
            seen.append(path.parent.name)
        return real(path, shown)

    monkeypatch.setattr(content, "read_markdown", spy)
    return seen


def test_only_changed_folders_are_read_again(site: Site, reads: list[str]) -> None:
    site.pill("mfa", title="MFA", summary="Due fattori")
    site.pill("phishing", title="Phishing", tags=["sicurezza", "sicurezza"])  # a warning, kept
    age(site.content)
    first = load_catalog(site.content, root=site.root)
    assert sorted(reads) == ["calendario", "mfa", "phishing"]

    reads.clear()
    again = load_catalog(site.content, root=site.root)
    assert reads == []
    assert [(p.slug, p.title, p.date, p.tags) for p in again.pills.values()] == \
        [(p.slug, p.title, p.date, p.tags) for p in first.pills.values()]
    assert [str(e) for e in again.errors] == [str(e) for e in first.errors] and again.errors

    site.pill("mfa", title="MFA e password", summary="Due fattori")
    edited = load_catalog(site.content, root=site.root)
    assert reads == ["mfa"] and edited.pills["mfa"].title == "MFA e password"
    load_catalog(site.content, root=site.root)
    assert reads == ["mfa", "mfa"]  # saved a moment ago: its time may not tell a second save apart
    age(site.content / "pillole" / "mfa")
    load_catalog(site.content, root=site.root)
    load_catalog(site.content, root=site.root)
    assert reads == ["mfa", "mfa", "mfa"]


def test_a_changed_file_beside_index_md_or_registry_reads_again(site: Site, reads: list[str]) -> None:
    site.write("pillole/calendario/note.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nCiao\n")
    age(site.content)
    load_catalog(site.content, root=site.root)
    reads.clear()
    site.write("pillole/calendario/note.vtt", "WEBVTT\n\nrotto\n")
    age(site.content)
    load_catalog(site.content, root=site.root)
    assert reads == ["calendario"]
    tags = site.content / "tags.yml"
    tags.write_text(tags.read_text(encoding="utf-8").replace("Cloud", "Nuvola"), encoding="utf-8")
    age(site.content)
    reads.clear()
    load_catalog(site.content, root=site.root)
    assert reads == ["calendario"]


def test_a_removed_pill_is_gone_and_the_build_does_not_change_the_memo(site: Site) -> None:
    site.pill("mfa", title="MFA", date=None)
    age(site.content)
    first = load_catalog(site.content, root=site.root)
    first.pills["calendario"].title = "cambiato dalla build"
    assert first.pills["mfa"].date is not None  # filled from the files' times
    again = load_catalog(site.content, root=site.root)
    assert again.pills["calendario"].title == "Il calendario condiviso"
    (site.content / "pillole" / "mfa" / "index.md").unlink()
    (site.content / "pillole" / "mfa").rmdir()
    assert sorted(load_catalog(site.content, root=site.root).pills) == ["calendario"]
