"""Chromium (Debian's, never a downloaded one) driven by Playwright, and a loopback server.

Every page opened through `open_page` records its requests and console errors, so tests
can assert that nothing leaves the site and nothing breaks.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

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
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


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
