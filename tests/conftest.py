"""Shared test helpers: fixture sites written into temporary folders, real builds.

`SiteFactory` writes a minimal valid site (registries, mkdocs.yml, pills) that each test
then breaks or extends; `build()` and `check()` run the real commands in a child process,
exactly as a mentor would, so tracebacks and exit codes are what users see.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}

PEOPLE = {
    "teams": [{"id": "vendite", "name": "Direzione vendite"}],
    "people": [
        {"id": "giulia-rossi", "name": "Giulia Rossi", "role": "Digital specialist", "team": "vendite"},
        {"id": "marco-bianchi", "name": "Marco Bianchi", "role": "Direttore vendite", "team": "vendite"},
    ],
}
TAGS = [
    {"id": "cloud", "label": "Cloud", "description": "Servizi in cloud", "aliases": ["nuvola"]},
    {"id": "calendario", "label": "Calendario", "description": "Agende condivise"},
    {"id": "sicurezza", "label": "Sicurezza", "description": "Password e MFA"},
]
MKDOCS = {
    "site_name": "Prova",
    "docs_dir": "content",
    "use_directory_urls": False,
    "theme": {"name": "material", "language": "it", "font": False},
    "plugins": ["pillole"],
}


def pill_text(**fields: object) -> str:
    """index.md of a valid pill, with `fields` overriding or adding front-matter keys
    (a value of None removes the key)."""
    front: dict[str, object] = {
        "title": "Il calendario condiviso",
        "summary": "Pianificare riunioni senza email",
        "mentor": "giulia-rossi",
        "tags": ["cloud"],
        "area": "tecnologia",
    }
    front.update(fields)
    front = {k: v for k, v in front.items() if v is not None}
    body = "Testo della pillola."
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


def path_text(body: str = "Introduzione al percorso.", **fields: object) -> str:
    """content/percorsi/<id>.md of a valid learning path over the pill 'calendario', with
    `fields` overriding or adding front-matter keys (a value of None removes the key)."""
    front: dict[str, object] = {
        "title": "Sicurezza di base",
        "description": "Tre pillole per proteggere gli account",
        "steps": ["calendario"],
        "badge": {"name": "Guardiano", "icon": "🛡️"},
    }
    front.update(fields)
    front = {k: v for k, v in front.items() if v is not None}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"


@dataclass
class Site:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def pill(self, slug: str, text: str | None = None, **fields: object) -> Path:
        return self.write(f"pillole/{slug}/index.md", text if text is not None else pill_text(**fields))

    def learning_path(self, path_id: str, text: str | None = None, **fields: object) -> Path:
        return self.write(f"percorsi/{path_id}.md", text if text is not None else path_text(**fields))

    def config(self, **changes: object) -> None:
        data = {**MKDOCS, **changes}
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    def build(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run([sys.executable, "-m", "mkdocs", "build", *args], self.root)

    def check(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run([sys.executable, "-m", "pillole.cli", "check", *args], self.root)

    def page(self, relative: str) -> str:
        return (self.out / relative).read_text(encoding="utf-8")


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A minimal valid site with one pill, 'calendario'."""
    s = Site(tmp_path / "site-src")
    s.content.mkdir(parents=True)
    s.config()
    s.write("people.yml", yaml.safe_dump(PEOPLE, allow_unicode=True, sort_keys=False))
    s.write("tags.yml", yaml.safe_dump(TAGS, allow_unicode=True, sort_keys=False))
    s.write("index.md", "---\ntitle: Home\n---\nBenvenuti.\n")
    s.pill("calendario", date=dt.date(2026, 3, 29))
    return s


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sample site of the repository, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], REPO)
    assert result.returncode == 0, result.stderr
    return out


def copy_sample(dest: Path) -> Path:
    """A private copy of the sample project, for tests that change it."""
    for name in ("content", "mkdocs.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    return dest
