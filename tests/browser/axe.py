"""axe-core, the accessibility engine, fetched from the npm registry at test time.

It is third-party code, so it is never committed: the first run installs it with npm into
`.cache/npm-axe/` (git-ignored, like every cache) and later runs reuse it. Without npm or
the registry, the accessibility tests are skipped and say why.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE_DIR = REPO / ".cache" / "npm-axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
#: Impacts that fail a page; "moderate" and "minor" are reported by axe but tolerated.
BLOCKING = ("serious", "critical")


def axe_source() -> str:
    """The text of axe.min.js, installing axe-core@4 once if it is not there yet."""
    if not AXE_JS.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed (sudo apt-get install npm): axe-core cannot be fetched")
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR),
                               "axe-core@4"], capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not AXE_JS.is_file():
            pytest.skip(f"npm could not install axe-core from the registry: {done.stderr.strip()[-300:]}")
    return AXE_JS.read_text(encoding="utf-8")


def violations(page: Any, source: str) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.x A/AA violations of the page, as axe reports them."""
    page.add_script_tag(content=source)
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }"""
    )
    return [v for v in result if v["impact"] in BLOCKING]


def describe(found: list[dict[str, Any]]) -> str:
    """One readable block per violation, for the assertion message."""
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found)
