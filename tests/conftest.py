"""Fixtures shared by every test folder (the helpers they use live in support.py)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, ENGINES, REPO, Site, Visit, browser_missing, minimal_site, run, serve_folder


#: Markers of tests that run a system program, and the program (and its Debian package).
PROGRAMS = {"ffmpeg": "ffmpeg", "espeak": "espeak-ng"}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests that need a tool the machine lacks are skipped here, so that the summary says
    each reason once: a program of `PROGRAMS` for the tests with its marker (the build alone
    falls back to the ffmpeg of imageio-ffmpeg), the browser for tests that use `browser`."""
    for marker, program in PROGRAMS.items():
        if item.get_closest_marker(marker) and shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (apt-get install {program}; scripts/test does it as root)")
    if "browser" in item.fixturenames and (missing := browser_missing()):
        pytest.skip(missing)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A minimal valid site with one pill, 'calendario'."""
    return minimal_site(tmp_path / "site-src")


#: The day the sample site is built as of (SOURCE_DATE_EPOCH): its pages do not change with the date.
SAMPLE_DAY = "1796083200"  # 2026-12-01




@pytest.fixture(scope="session")
def build_sample(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The real sample site of the repository, built once per engine into a temporary folder."""
    built: dict[str, Path] = {}

    def build(engine: str) -> Path:
        if engine not in built:
            out = tmp_path_factory.mktemp(f"sample-{engine}") / "site"
            result = run([sys.executable, "-m", engine, "build", "--strict", "-d", str(out)], REPO,
                         SOURCE_DATE_EPOCH=SAMPLE_DAY)
            assert result.returncode == 0, result.stderr
            built[engine] = out
        return built[engine]

    return build


@pytest.fixture(scope="session")
def sample_site(build_sample: Callable[[str], Path]) -> Path:
    """The sample site built by MkDocs."""
    return build_sample("mkdocs")


@pytest.fixture(scope="session", params=ENGINES)
def sample_site_by_engine(request: pytest.FixtureRequest, build_sample: Callable[[str], Path]) -> Path:
    """The sample site built by each engine in turn: tests using it run once per engine."""
    return build_sample(request.param)


# Debian's chromium driven by Playwright (never a downloaded browser), one session for the
# whole run: two sync_playwright() sessions in one process refuse to start. Pages opened with
# `open_page` record their requests and console errors.
@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
