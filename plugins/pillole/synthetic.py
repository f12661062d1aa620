"""Synthetic Pillole projects: thousands of Italian pills, for benchmarks and scale tests.

Why: the sample site has 16 pills; speed targets are set at 1,000 and 5,000. The project
written here is valid content (it passes `pillole check`), deterministic for a seed, with
tags, people and Markdown text but no media.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from .model import DEFAULT_AREAS, DEFAULT_LEVELS, DEFAULT_TECHNIQUES
from .schema.fields import slugify
from .search.synthetic import FIRST_NAMES, LAST_NAMES, NOUNS, Words

TAG_COUNT = 60
PEOPLE_COUNT = 80


def write_project(root: Path, pills: int, seed: int = 7) -> Path:
    """Write `root/content/...` and `root/mkdocs.yml`; return the mkdocs.yml path."""
    rng = random.Random(seed)
    words = Words(rng)
    content = root / "content"
    (content / "pillole").mkdir(parents=True, exist_ok=True)
    labels = sorted(set(NOUNS))[:TAG_COUNT]
    tag_ids = [slugify(label) for label in labels]
    tags = [{"id": slugify(t), "label": t.capitalize(), "description": words.sentence(8) + "."} for t in labels]
    names = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES][:PEOPLE_COUNT]
    people = [{"id": slugify(f"{f} {l}"), "name": f"{f} {l}", "role": "Mentor"} for f, l in names]
    (content / "tags.yml").write_text(yaml.safe_dump(tags, allow_unicode=True), encoding="utf-8")
    (content / "people.yml").write_text(yaml.safe_dump({"people": people}, allow_unicode=True), encoding="utf-8")
    (content / "index.md").write_text("---\ntitle: Pillole\n---\nBenvenuti.\n", encoding="utf-8")
    start = dt.date(2024, 1, 1)
    for number in range(pills):
        front = {
            "title": words.sentence(rng.randint(4, 8)),
            "summary": words.sentence(rng.randint(10, 16)) + ".",
            "mentor": rng.choice(people)["id"],
            "audience": [rng.choice(people)["id"]],
            "tags": rng.sample(tag_ids, 3),
            "area": rng.choice(list(DEFAULT_AREAS)),
            "technique": rng.choice(list(DEFAULT_TECHNIQUES)),
            "level": rng.choice(list(DEFAULT_LEVELS)),
            "date": start + dt.timedelta(days=rng.randint(0, 1000)),
        }
        sections = []
        for _ in range(rng.randint(2, 4)):
            paragraphs = "\n\n".join(
                " ".join(words.sentence(rng.randint(8, 16)) + "." for _ in range(rng.randint(3, 6)))
                for _ in range(2))
            sections.append(f"## {words.sentence(3)}\n\n{paragraphs}")
        folder = content / "pillole" / f"pillola-{number:05d}"
        folder.mkdir(exist_ok=True)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + "\n\n".join(sections) + "\n"
        (folder / "index.md").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"
