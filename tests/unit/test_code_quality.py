"""The package stays easy to change: type-checked, and no function too tangled to read.

mypy checks every module (configuration in pyproject.toml); radon's cyclomatic complexity
grades every function, and none may be worse than C (a D means more than 20 paths through
one function: split it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "pillole"


def test_mypy_finds_no_error() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_function_is_graded_worse_than_c() -> None:
    radon = pytest.importorskip("radon.complexity")
    tangled = []
    for module in sorted(PACKAGE.rglob("*.py")):
        for block in radon.cc_visit(module.read_text(encoding="utf-8")):
            grade = radon.cc_rank(block.complexity)
            if grade > "C":
                tangled.append(f"{module.relative_to(REPO)}:{block.lineno} {block.name} {grade} ({block.complexity})")
    assert not tangled, "split these functions:\n" + "\n".join(tangled)
