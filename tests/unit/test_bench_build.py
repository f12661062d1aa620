"""scripts/bench-build's pure parts: the baseline's configuration, min/median, the figures of
one size and the printed table."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import yaml

from support import load_script


def test_the_baseline_lists_a_handful_of_pages_or_with_full_nav_none() -> None:
    bench = load_script("bench-build")
    pills = [f"pillole/p{n}/index.md" for n in range(10)]
    pruned = yaml.safe_load(bench.baseline_config(pills))
    assert pruned["plugins"] == ["search", "tags"] and pruned["theme"]["name"] == "material"
    assert [list(entry.values())[0] for entry in pruned["nav"]] == ["index.md", *pills[:bench.BASELINE_NAV_PILLS]]
    assert "nav" not in yaml.safe_load(bench.baseline_config(pills, full_nav=True))


def test_figures_of_one_size_are_min_and_median_with_ratios_and_time_per_pill() -> None:
    bench = load_script("bench-build")
    assert bench.summary([3.0, 1.0, 2.0, 10.0]) == {"min": 1.0, "median": 2.5}
    runs = {"pillole": [{"s": 8.0, "cpu": 6.0, "mib": 100.0}, {"s": 10.0, "cpu": 6.5, "mib": 102.0},
                        {"s": 9.0, "cpu": 6.2, "mib": 101.0}],
            "baseline": [{"s": 10.0, "cpu": 8.0, "mib": 90.0}, {"s": 12.0, "cpu": 8.4, "mib": 91.0},
                         {"s": 11.0, "cpu": 8.2, "mib": 90.0}]}
    r = bench.row(2000, runs)
    assert (r["pillole_s"], r["pillole_s_median"], r["baseline_mib_median"]) == (8.0, 9.0, 90.0)
    assert (r["ratio"], r["ratio_median"], r["ratio_cpu"]) == (0.8, round(9 / 11, 3), 0.75)
    assert r["ms_per_pill"] == 4.0 and r["cpu_ms_per_pill"] == 3.0 and r["rounds"] == 3


def test_the_table_shows_growth_per_pill_the_load_and_the_full_nav_footnote() -> None:
    bench = load_script("bench-build")
    one = {"s": 10.0, "cpu": 9.0, "mib": 100.0}
    small = bench.row(1000, {"pillole": [one], "baseline": [one], "full_nav": [{"s": 99.0, "cpu": 98.0, "mib": 1.0}]})
    big = bench.row(10000, {"pillole": [{**one, "s": 120.0}], "baseline": [one], "warm": [{**one, "s": 6.0}]})
    text = bench.table([small, big], loads=[3.5, 4.25], empty_site=False)
    assert "writes over the site its previous build wrote" in text
    assert "starts from an empty site folder" in bench.table([small, big], loads=[1.0, 1.0], empty_site=True)
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["pills", "pillole"]
    assert lines[2].split()[-4:] == ["10.00", "1.00", "9.00", "1.00"]
    assert lines[3].split()[-4:] == ["12.00", "1.20", "0.90", "0.10"]
    assert "1000 pills: 99.0/99.0 s" in text
    assert " 10000     6.0/   6.0     9.0   100/ 100  ratio 0.60/0.60" in text
    assert "load average 3.5, 4.2" in text


def test_memory_of_a_build_counts_the_workers_it_forks() -> None:
    """A worker holding 200 MB of its own is in the figure; the memory it shares is not twice."""
    bench = load_script("bench-build")
    script = ("import os, sys, time\n"
              "shared = bytearray(os.urandom(100 * 2**20))\n"
              "child = os.fork()\n"
              "if child == 0:\n"
              "    own = bytearray(os.urandom(200 * 2**20)); print('ready', flush=True); time.sleep(30); os._exit(0)\n"
              "time.sleep(30)\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        mib = bench.tree_memory_mib(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert 300 <= mib < 380, mib


def test_a_build_starts_from_its_previous_site_or_with_empty_site_from_none(tmp_path: Path) -> None:
    bench = load_script("bench-build")
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("prima")
    bench.before("baseline", config, 0, empty_site=False)
    assert (tmp_path / "site" / "index.html").read_text() == "prima"
    bench.before("baseline", config, 0, empty_site=True)
    assert not (tmp_path / "site").exists()


def test_a_cold_build_starts_without_kept_pages_or_compiled_templates_but_with_the_media(tmp_path: Path) -> None:
    bench = load_script("bench-build")
    project = tmp_path / "pillole-10"
    cache = bench.cache_of(project)
    for kept in ("pages.sqlite", "templates-3.1.6/__jinja2_x.cache", "ab/abcd/audio.m4a"):
        (cache / kept).parent.mkdir(parents=True, exist_ok=True)
        (cache / kept).write_text("x")
    bench.before("pillole", project / "mkdocs.yml", 0, empty_site=False)
    assert sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file()) == ["ab/abcd/audio.m4a"]
