"""Shared test helpers: fixture sites written into temporary folders, real builds.

`SiteFactory` writes a minimal valid site (registries, mkdocs.yml, pills) that each test
then breaks or extends; `build()` and `check()` run the real commands in a child process,
exactly as a mentor would, so tracebacks and exit codes are what users see.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

    def assert_rejected(self, expected: str) -> None:
        """Both `mkdocs build` and `pillole check` stop on `expected` (one error line), with
        exit code 1 and no traceback: what a mentor sees either way."""
        built = self.build()
        assert built.returncode == 1, built.stderr
        assert f"ERROR   -  {expected}\n" in built.stderr
        assert "Traceback" not in built.stderr + built.stdout
        assert "fix them and build again" in built.stdout
        checked = self.check()
        assert checked.returncode == 1, checked.stdout + checked.stderr
        assert f"error: {expected}\n" in checked.stdout
        assert "Traceback" not in checked.stderr

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


# --- Chromium ------------------------------------------------------------------------
# Debian's chromium driven by Playwright (never a downloaded browser), one session for the
# whole run: two sync_playwright() sessions in one process refuse to start. Every page
# opened through `open_page` records its requests and console errors, so tests can assert
# that nothing leaves the site and nothing breaks.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed: sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static server like the intranet's: quiet, and with byte ranges, which browsers use
    to play and seek video (without them a paused video keeps its whole download open)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file() or match.group(0) == "bytes=-":
            return super().send_head()
        size = path.stat().st_size
        start_text, end_text = match.groups()
        start = int(start_text) if start_text else max(0, size - int(end_text))
        end = min(int(end_text), size - 1) if start_text and end_text else size - 1
        if start >= size:
            self.send_error(416)
            return None
        with path.open("rb") as handle:
            handle.seek(start)
            body = handle.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_folder(folder: Path) -> tuple[str, Callable[[], None]]:
    """Serve `folder` on 127.0.0.1 (a free port) under a sub-path, as an intranet would."""
    handler = functools.partial(_QuietHandler, directory=str(folder.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{folder.name}/"
    return base, server.shutdown


@dataclass
class Visit:
    """A page plus what it did: every request URL and every console error."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self, base: str) -> list[str]:
        """Requests that went anywhere but the site itself."""
        return [u for u in self.requests if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:"))]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def open_(url: str, **context_options: Any) -> Visit:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("console", lambda msg: visit.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: visit.errors.append(str(exc)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return visit

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder (a fixture site's build) for one test: returns its base URL."""
    stops: list[Callable[[], None]] = []

    def serve_(folder: Path) -> str:
        base, stop = serve_folder(folder)
        stops.append(stop)
        return base

    yield serve_
    for stop in stops:
        stop()


@pytest.fixture(scope="session")
def served_sample(sample_site: Path) -> Iterator[str]:
    base, stop = serve_folder(sample_site)
    yield base
    stop()
