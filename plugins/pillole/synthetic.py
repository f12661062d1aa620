"""Synthetic Pillole projects: thousands of Italian pills, for benchmarks and scale tests.

Why: the sample site has 16 pills; speed targets are set at 1,000, 5,000 and 10,000. The
project written here is valid content (it passes `pillole check`), deterministic for a seed.

Two shapes:
- "uniform": 60 tags and 80 mentors drawn evenly, short bodies, no media.
- "real": the shape of real collections (issue 17: a public collection converted to pills had
  tags on 65% and 48% of its pages and a mentor with 48%). Two huge tags and one prolific
  mentor, the rest drawn with a Zipf-like law; the number of tags and people grows with the
  site; long bodies (headings, lists, links); teams in the audiences; a share of pills with a
  recording and its transcript (the caller's real media file, hard-linked into each folder, so
  that the media cache transcodes it once; captions differ per pill).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import yaml

from .model import DEFAULT_AREAS, DEFAULT_LEVELS, DEFAULT_TECHNIQUES
from .timecode import vtt_timestamp
from .schema.fields import slugify
from .search.synthetic import FIRST_NAMES, LAST_NAMES, NOUNS, Words

TAG_COUNT = 60
PEOPLE_COUNT = 80
SHAPES = ("uniform", "real")
#: The real shape: share of pills in the two biggest tags and by the most prolific mentor.
BIG_TAGS = (0.65, 0.48)
BIG_MENTOR = 0.48
#: The real shape: pills per tag and per person in the registries (at least the uniform counts).
PILLS_PER_TAG = 40
PILLS_PER_PERSON = 40
TEAM_COUNT = 8
#: The real shape: share of pills with a recording, and seconds between two caption cues.
RECORDED_SHARE = 0.25
CUE_SECONDS = 4


@dataclass(frozen=True)
class Recording:
    """A real media file to attach to recorded pills, and its length (captions must fit it)."""

    path: Path
    seconds: float


def write_project(root: Path, pills: int, seed: int = 7, shape: str = "uniform",
                  recording: Recording | None = None) -> Path:
    """Write `root/content/...` and `root/mkdocs.yml`; return the mkdocs.yml path.

    `recording` is used by the real shape only; without it no pill has media.
    """
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, not {shape!r}")
    rng = random.Random(seed)
    words = Words(rng)
    content = root / "content"
    (content / "pillole").mkdir(parents=True, exist_ok=True)
    (content / "index.md").write_text("---\ntitle: Pillole\n---\nBenvenuti.\n", encoding="utf-8")
    writer = _Real(rng, words, pills, recording) if shape == "real" else _Uniform(rng, words)
    (content / "tags.yml").write_text(yaml.safe_dump(writer.tags, allow_unicode=True), encoding="utf-8")
    registry = {"people": writer.people, **({"teams": writer.teams} if writer.teams else {})}
    (content / "people.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    for number in range(pills):
        folder = content / "pillole" / f"pillola-{number:05d}"
        folder.mkdir(exist_ok=True)
        front, body = writer.pill(folder)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
        (folder / "index.md").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


class _Uniform:
    """Evenly drawn tags and mentors, two to four short sections."""

    def __init__(self, rng: random.Random, words: Words) -> None:
        self.rng, self.words = rng, words
        labels = sorted(set(NOUNS))[:TAG_COUNT]
        self.tag_ids = [slugify(label) for label in labels]
        self.tags = [{"id": slugify(t), "label": t.capitalize(), "description": words.sentence(8) + "."}
                     for t in labels]
        names = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES][:PEOPLE_COUNT]
        self.people = [{"id": slugify(f"{f} {l}"), "name": f"{f} {l}", "role": "Mentor"} for f, l in names]
        self.teams: list[dict[str, str]] = []
        self.start = dt.date(2024, 1, 1)

    def pill(self, folder: Path) -> tuple[dict, str]:
        rng, words = self.rng, self.words
        front = {
            "title": words.sentence(rng.randint(4, 8)),
            "summary": words.sentence(rng.randint(10, 16)) + ".",
            "mentor": rng.choice(self.people)["id"],
            "audience": [rng.choice(self.people)["id"]],
            "tags": rng.sample(self.tag_ids, 3),
            "area": rng.choice(list(DEFAULT_AREAS)),
            "technique": rng.choice(list(DEFAULT_TECHNIQUES)),
            "level": rng.choice(list(DEFAULT_LEVELS)),
            "date": self.start + dt.timedelta(days=rng.randint(0, 1000)),
        }
        sections = []
        for _ in range(rng.randint(2, 4)):
            paragraphs = "\n\n".join(
                " ".join(words.sentence(rng.randint(8, 16)) + "." for _ in range(rng.randint(3, 6)))
                for _ in range(2))
            sections.append(f"## {words.sentence(3)}\n\n{paragraphs}")
        return front, "\n\n".join(sections) + "\n"


def _zipf(count: int) -> list[float]:
    """Cumulative Zipf-like weights for `count` ranked items (for random.choices)."""
    return list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(count)))


class _Real:
    """The shape of real collections (see the module docstring)."""

    def __init__(self, rng: random.Random, words: Words, pills: int, recording: Recording | None) -> None:
        self.rng, self.words, self.recording = rng, words, recording
        nouns = sorted(set(NOUNS))
        adjectives = sorted({w for w in words.content if w not in nouns and w.endswith(("e", "o", "a", "i"))})
        labels = list(nouns)
        for adjective in adjectives:  # "riunione digitale" ... when the site needs more tags
            labels += [f"{noun} {adjective}" for noun in nouns]
        count = max(TAG_COUNT, pills // PILLS_PER_TAG)
        labels = labels[:count]
        self.tag_ids = [slugify(label) for label in labels]
        self.tags = [{"id": tag_id, "label": label.capitalize(), "description": words.sentence(8) + "."}
                     for tag_id, label in zip(self.tag_ids, labels)]
        self.tag_weights = _zipf(len(self.tag_ids) - len(BIG_TAGS))
        names = [f"{f} {l}" for l in LAST_NAMES for f in FIRST_NAMES]
        people = max(PEOPLE_COUNT, pills // PILLS_PER_PERSON)
        names = [name if n < len(names) else f"{name} {n // len(names) + 1}"
                 for n, name in ((n, names[n % len(names)]) for n in range(people))]
        self.teams = [{"id": f"team-{slugify(noun)}", "name": f"Team {noun.capitalize()}",
                       "description": words.sentence(6) + "."} for noun in nouns[:TEAM_COUNT]]
        self.people = [{"id": slugify(name), "name": name, "role": "Mentor" if n % 3 else "Collega",
                        **({"team": self.teams[n % TEAM_COUNT]["id"]} if n % 2 else {})}
                       for n, name in enumerate(names)]
        self.person_ids = [p["id"] for p in self.people]
        self.mentor_weights = _zipf(len(self.person_ids) - 1)
        self.audience_ids = self.person_ids + [t["id"] for t in self.teams]
        self.start = dt.date(2021, 1, 1)

    def pill(self, folder: Path) -> tuple[dict, str]:
        rng, words = self.rng, self.words
        tags = [tag for tag, share in zip(self.tag_ids, BIG_TAGS) if rng.random() < share]
        others = self.tag_ids[len(BIG_TAGS):]
        while len(tags) < len(BIG_TAGS) + 1 or (len(tags) < 5 and rng.random() < 0.5):
            tag = rng.choices(others, cum_weights=self.tag_weights)[0]
            if tag not in tags:
                tags.append(tag)
        if rng.random() < BIG_MENTOR:
            mentor = self.person_ids[0]
        else:
            mentor = rng.choices(self.person_ids[1:], cum_weights=self.mentor_weights)[0]
        front: dict = {
            "title": words.sentence(rng.randint(4, 9)),
            "summary": words.sentence(rng.randint(12, 24)) + ".",
            "mentor": mentor,
            "audience": rng.sample(self.audience_ids, rng.randint(1, 2)),
            "tags": tags,
            "area": rng.choice(list(DEFAULT_AREAS)),
            "technique": rng.choice(list(DEFAULT_TECHNIQUES)),
            "level": rng.choice(list(DEFAULT_LEVELS)),
            "date": self.start + dt.timedelta(days=rng.randint(0, 5 * 365)),
        }
        if self.recording and rng.random() < RECORDED_SHARE:
            name = "registrazione" + self.recording.path.suffix
            try:  # one copy on disk however many pills use it
                os.link(self.recording.path, folder / name)
            except OSError:  # another file system
                shutil.copyfile(self.recording.path, folder / name)
            (folder / "registrazione.vtt").write_text(self._captions(), encoding="utf-8")
            front["media"] = name
            front["captions"] = "registrazione.vtt"
        return front, self._body()

    def _body(self) -> str:
        """Six to twelve sections of paragraphs, now and then a list and a link: 700-2,000 words."""
        rng, words = self.rng, self.words
        sections = []
        for _ in range(rng.randint(6, 12)):
            paragraphs = [" ".join(words.sentence(rng.randint(8, 18)) + "." for _ in range(rng.randint(3, 6)))
                          for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.4:
                paragraphs.append("\n".join(f"- {words.sentence(rng.randint(3, 8))}" for _ in range(rng.randint(3, 6))))
            if rng.random() < 0.3:
                paragraphs.append(f"Vedi anche [{words.sentence(3).lower()}](https://intranet.example/{rng.randint(1, 999)}).")
            sections.append(f"## {words.sentence(rng.randint(2, 5))}\n\n" + "\n\n".join(paragraphs))
        return "\n\n".join(sections) + "\n"

    def _captions(self) -> str:
        assert self.recording is not None
        cues = []
        at = 0.0
        while at + CUE_SECONDS <= self.recording.seconds:
            cues.append(f"{vtt_timestamp(at)} --> {vtt_timestamp(at + CUE_SECONDS)}\n{self.words.sentence(10)}")
            at += CUE_SECONDS
        return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
