"""scripts/bench-serve: `mkdocs serve`'s rebuild after one pill's edit, timed on a real build."""

from __future__ import annotations

from pathlib import Path

from pillole.synthetic import write_project
from support import load_script


def test_the_serve_rebuild_is_timed_shows_the_edit_and_leaves_the_text_as_it_was(tmp_path: Path) -> None:
    bench = load_script("bench-serve")
    build = bench.bench_build()
    project = tmp_path / "pillole-12"
    write_project(project, 12, shape="uniform")
    (project / "mkdocs.yml").write_text(build.PILLOLE_CONFIG.replace("{cache}", str(tmp_path / "cache")), encoding="utf-8")
    pill = bench.edited_pill(project)
    text = pill.read_bytes()
    figures = bench.run_child(project / "mkdocs.yml", build.child_env())
    assert figures["edit_shown"] == 1.0, figures  # the rebuild timed is the one that shows the edit
    assert 0 < figures["rebuild_s"] and 0 < figures["first_s"] and 0 < figures["rebuild_cpu"]
    assert pill.read_bytes() == text
