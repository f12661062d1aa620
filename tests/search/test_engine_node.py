"""The search engine (assets/search/engine.js) runs in Node as the build publishes it: pure,
no browser, no DOM. The JavaScript tests live in engine.test.js; `node --test` runs them over
the fixture index, and this test fails when any of them fails (or none ran)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).with_name("engine.test.js")


def test_engine_tests_pass_in_node(search_site: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: sudo apt-get install nodejs")
    result = subprocess.run([node, "--test", str(TESTS)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PILLOLE_SEARCH_DIR": str(search_site / "pillole-search")})
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    written = len(re.findall(r"^test\(", TESTS.read_text(encoding="utf-8"), re.M))
    assert f"# pass {written}\n" in report and "# fail 0\n" in report, report
