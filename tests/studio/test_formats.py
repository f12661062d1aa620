"""What the studio writes, Pillole reads back unchanged: front-matter and registries go
through the studio's own formats.js (run by Node with the real `yaml` package) and are
parsed by Pillole's frontmatter.py, the parser of `pillole check` and the build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from pillole.content import load_catalog
from pillole.frontmatter import parse_yaml, split_markdown
from pillole.studio.config import studio_config
from pillole.studio.options import studio_options
from studio_support import formats_dir, run_formats
from support import REPO

CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return formats_dir(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def collections() -> dict[str, Any]:
    options = studio_options({"backend": "github", "repo": "org/pillole"})
    assert options is not None
    decap = studio_config(load_catalog(CONTENT), options)["decap"]
    found = {c["name"]: c for c in decap["collections"]}
    return {"pill": found["pillole"]["fields"], "path": found["percorsi"]["fields"],
            "mapping": found["persone"]["files"][0]["fields"], "list": found["tag"]["files"][0]["fields"]}


def front(text: str) -> dict[str, Any]:
    return split_markdown(text).front.data


def as_lists(data: dict[str, Any]) -> dict[str, Any]:
    """`mentor: a` and `mentor: [a]` mean the same to Pillole; the studio writes lists."""
    return {k: [v] if k in ("mentor", "audience", "tags") and isinstance(v, str) else v for k, v in data.items()}


def test_values_yaml_1_1_would_misread_are_written_so_pillole_reads_them_as_typed(folder: Path,
                                                                                collections: dict) -> None:
    """What a form holds is text: a title "No", times, a summary with ': ' and '#', an emoji,
    and two lines of explanation; dates are written as dates."""
    data = {
        "title": "No", "summary": "Prima: apri le impostazioni # poi condividi", "mentor": ["giulia-rossi"],
        "tags": ["cloud"], "area": "tecnologia", "technique": "individuale", "level": "base",
        "media": "schermo-20260329-101500.webm", "audience": [], "captions": "", "chapters_file": "",
        "chapters": [{"title": "Introduzione", "at": "00:00"}, {"at": "1:30", "title": "Yes, si può"}],
        "trim": {"start": "00:04", "end": ""},
        "quiz": [{"answers": [{"text": "On", "correct": True, "explanation": "Riga uno\nriga due"},
                              {"text": "Off", "correct": False, "explanation": ""}],
                  "question": "Quale?"}],
        "date": "2026-03-29", "review_by": "", "clips": [], "body": "Il testo.\n\n- un punto\n",
    }
    written = run_formats(folder, [{"format": "pill", "fields": collections["pill"], "data": data}])[0]["written"]
    source = split_markdown(written)
    assert source.front.data == {
        "title": "No", "summary": "Prima: apri le impostazioni # poi condividi", "mentor": ["giulia-rossi"],
        "tags": ["cloud"], "area": "tecnologia", "technique": "individuale", "level": "base",
        "media": "schermo-20260329-101500.webm",
        "chapters": [{"at": "00:00", "title": "Introduzione"}, {"at": "1:30", "title": "Yes, si può"}],
        "trim": {"start": "00:04"},
        "quiz": [{"question": "Quale?", "answers": [{"text": "On", "correct": True, "explanation": "Riga uno\nriga due"},
                                                    {"text": "Off"}]}],
        "date": dt.date(2026, 3, 29),
    }
    assert list(source.front.data) == ["title", "summary", "mentor", "tags", "area", "technique", "level", "media",
                                       "chapters", "trim", "quiz", "date"]  # the form's order
    assert source.body == "Il testo.\n\n- un punto\n"
    assert 'at: "00:00"' in written and "date: 2026-03-29\n" in written


def test_every_file_of_the_sample_site_survives_a_read_and_a_write(folder: Path, collections: dict) -> None:
    """Opening and saving a pill, path or registry in the studio changes nothing Pillole reads."""
    jobs, expected = [], []
    for path in sorted((CONTENT / "pillole").glob("*/index.md")) + sorted((CONTENT / "percorsi").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        jobs.append({"format": "pill" if "pillole" in path.parts else "path",
                     "fields": collections["pill" if "pillole" in path.parts else "path"], "text": text})
        expected.append((path.name, split_markdown(text)))
    for name, fmt in (("people.yml", "mapping"), ("tags.yml", "list")):
        text = (CONTENT / name).read_text(encoding="utf-8")
        jobs.append({"format": fmt, "fields": collections[fmt], "text": text})
        expected.append((name, parse_yaml(text)))
    results = run_formats(folder, jobs)
    for (name, before), result in zip(expected, results):
        if name.endswith(".yml"):
            assert parse_yaml(result["written"]).data == before.data, name
            assert result["written"].startswith("# "), name  # the explanation at the top is kept
        else:
            after = split_markdown(result["written"])
            assert after.front.data == as_lists(before.front.data), name
            assert after.body.strip() == before.body.strip(), name


def test_a_learning_path_with_sections_reads_as_groups(folder: Path, collections: dict) -> None:
    text = ("---\ntitle: Percorso\ndescription: Una frase\nsteps:\n  - a\n  - b\n"
            "  - section: Sezione\n    steps: [c, d]\n  - e\nbadge: {name: B, icon: \"🛡️\"}\n---\nIntro\n")
    result = run_formats(folder, [{"format": "path", "fields": collections["path"], "text": text}])[0]
    assert result["read"]["steps"] == [{"steps": ["a", "b"]}, {"section": "Sezione", "steps": ["c", "d"]},
                                       {"steps": ["e"]}]
    assert front(result["written"])["steps"] == ["a", "b", {"section": "Sezione", "steps": ["c", "d"]}, "e"]
