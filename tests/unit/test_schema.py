"""The schema's tables are what the rules read: a key is known because it is a row, required
because its row says so; and only files.py, of the schema's modules, touches the disk.
The messages themselves are asserted through real builds (tests/build/test_validation.py)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from pillole.frontmatter import Document
from pillole.model import Catalog, Person, Settings, Tag, Team
from pillole.schema.fields import Reporter, Table, read_fields
from pillole.schema.pages import SITE_PAGE_FIELDS
from pillole.schema.paths import PATH_FIELDS
from pillole.schema.pill import CLIP_FIELDS, FRONT_MATTER, PillContext, pill_from
from pillole.schema.registries import PERSON_FIELDS, TAG_FIELDS, TEAM_FIELDS

SCHEMA = Path(__file__).resolve().parents[2] / "plugins" / "pillole" / "schema"


def catalog() -> Catalog:
    cat = Catalog(Settings())
    cat.people = {"giulia-rossi": Person("giulia-rossi", "Giulia Rossi")}
    cat.teams = {"vendite": Team("vendite", "Vendite")}
    cat.tags = {"cloud": Tag("cloud", "Cloud")}
    return cat


def contexts(tmp: Path) -> dict[str, tuple[Table[Any], object]]:
    cat = catalog()
    pill = PillContext.of(cat, tmp, cat.tag_index())
    return {"pill": (FRONT_MATTER, pill), "clip": (CLIP_FIELDS, pill), "path": (PATH_FIELDS, cat),
            "person": (PERSON_FIELDS, cat.teams), "team": (TEAM_FIELDS, None), "tag": (TAG_FIELDS, None),
            "site page": (SITE_PAGE_FIELDS, None)}


@pytest.mark.parametrize("kind", ["pill", "clip", "path", "person", "team", "tag", "site page"])
def test_an_empty_mapping_lacks_exactly_the_required_rows(kind: str, tmp_path: Path) -> None:
    table, ctx = contexts(tmp_path)[kind]
    rep = Reporter("x.md", Document({}))
    read_fields(rep, {}, table, ctx)
    required = [key for key, row in table.items() if row.required]
    assert [(e.field, e.message) for e in rep.errors] == [(key, "is required") for key in required]


@pytest.mark.parametrize("kind", ["pill", "clip", "path", "person", "team", "tag", "site page"])
def test_a_key_is_known_when_it_is_a_row(kind: str, tmp_path: Path) -> None:
    table, ctx = contexts(tmp_path)[kind]
    first = next(iter(table))
    rep = Reporter("x.md", Document({}))
    read_fields(rep, {first + "x": "a", "qqq": "blu"}, table, ctx)
    unknown = [e for e in rep.errors if e.message.endswith("is not a known field")]
    assert [e.field for e in unknown] == [first + "x", "qqq"]
    assert unknown[0].hint == f"did you mean '{first}'?"
    assert unknown[1].hint == "known fields: " + ", ".join(table)


def test_a_pill_is_made_from_its_table(tmp_path: Path) -> None:
    folder = tmp_path / "calendario"
    folder.mkdir()
    (folder / "v.mp4").write_bytes(b"\0" * 2048)
    (folder / "v.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nCiao\n", encoding="utf-8")
    cat = catalog()
    doc = Document({"title": "Il calendario", "summary": "Condividere un calendario.", "mentor": "giulia-rossi",
                    "tags": ["Cloud"], "area": "tecnologia", "audience": "vendite", "media": "v.mp4",
                    "captions": "v.vtt", "trim": {"start": 0, "end": "00:10"}, "hide": ["toc"]})
    pill, errors = pill_from(doc, "Testo", "p/index.md", folder.name, "pillole/calendario/index.md",
                             PillContext.of(cat, folder, cat.tag_index()))
    assert errors == []
    assert pill is not None
    assert (pill.tags, pill.audience, pill.media, pill.captions) == (("cloud",), ("vendite",), "v.mp4", "v.vtt")
    assert pill.trim is not None and (pill.trim.start, pill.trim.end) == (0, 10)
    assert (pill.technique, pill.level, pill.page_meta) == ("individuale", "base", {"hide": ["toc"]})


@pytest.mark.parametrize("front, expected", [
    ({"trim": "00:04"}, "trim: must be a mapping, not '00:04'"),
    ({"trim": ["00:04"]}, "trim: must be a mapping, not a list"),
    ({"search": True}, "search: must be a mapping, not yes/no"),
])
def test_a_value_that_should_be_a_mapping_is_quoted_or_named(front: dict[str, Any], expected: str,
                                                             tmp_path: Path) -> None:
    table, ctx = contexts(tmp_path)["pill"]
    rep = Reporter("x.md", Document(front))
    read_fields(rep, front, table, ctx)
    assert expected in [f"{e.field}: {e.message}" for e in rep.errors]


#: What reads the disk: `open`, and the Path methods that look at files or folders.
DISK = {"open", "stat", "lstat", "exists", "is_file", "is_dir", "is_symlink", "iterdir", "glob", "rglob",
        "resolve", "read_text", "read_bytes", "find_spec", "check_track_file"}


def test_only_files_py_touches_the_disk() -> None:
    readers = {}
    for module in sorted(SCHEMA.glob("*.py")):
        calls = set()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in DISK:
                    calls.add(name)
        if calls:
            readers[module.name] = calls
    assert set(readers) == {"files.py"}, readers


def test_a_clip_with_only_a_warning_is_kept(tmp_path: Path) -> None:
    """A warning (here: a control character pasted into the title) must not silently drop the clip."""
    from pillole.schema.pill import clips_from

    cat = catalog()
    (tmp_path / "webinar.mp4").write_bytes(b"\0")
    front = {"title": "Webinar", "summary": "Tutto il webinar", "mentor": "giulia-rossi", "tags": ["cloud"],
             "area": "tecnologia", "media": "webinar.mp4",
             "clips": [{"slug": "parte-uno", "title": "Parte\x07 uno", "summary": "La prima parte",
                        "start": "00:00:05", "end": "00:01:00"}]}
    ctx = PillContext.of(cat, tmp_path, cat.tag_index())
    pill, errors = pill_from(Document(front), "", "x/index.md", "webinar", "pillole/webinar/index.md", ctx)
    assert pill is not None and not [e for e in errors if e.is_error]
    clips, clip_errors = clips_from(pill, Document(front), "x/index.md", ctx)
    assert [c.slug for c in clips] == ["parte-uno"]
    assert [e.severity for e in clip_errors] == ["warning"] and clips[0].title == "Parte uno"
