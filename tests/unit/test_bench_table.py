"""scripts/bench folds each benchmark's JSON into one table: the shapes below are what the
benchmarks write (recorded from real runs), so a change of format shows here, not in CI logs."""

from __future__ import annotations

from support import load_script


BUILD = {"shape": "real", "load": [3.1, 4.0], "build": [
    {"pills": 300, "rounds": 3, "pillole_s": 4.9, "pillole_s_median": 5.2, "pillole_cpu": 4.1, "pillole_cpu_median": 4.2,
     "pillole_mib": 54.4, "pillole_mib_median": 54.9, "baseline_s": 19.4, "baseline_s_median": 20.0,
     "baseline_cpu": 15.0, "baseline_cpu_median": 15.5, "baseline_mib": 43.5, "baseline_mib_median": 43.6,
     "ratio": 0.253, "ratio_median": 0.26, "ratio_cpu": 0.273, "ms_per_pill": 16.33}]}
MEDIA = {"clips": 4, "clip_seconds": 10, "jobs": 2, "direct_s": 58.6, "pillole_s": 76.0, "ratio": 1.297,
         "realtime_factor": 0.53, "cached_s": 0.005, "cached_processes": 0,
         "webinars": {"600": {"seconds": 66.9, "python_mb": 24.2, "ffmpeg_mb": 129.1},
                      "120": {"seconds": 16.5, "python_mb": 24.2, "ffmpeg_mb": 124.0}}}
SEARCH = [{"size": 1000, "kind": "pillole", "gzip": 2178760, "first_ms": 302.7, "first_gz_kb": 97.0, "query_p95": 49.5},
          {"size": 1000, "kind": "material", "gzip": 1407017, "first_ms": 1950.8, "first_gz_kb": 1390.3,
           "query_p95": None}]
SERVE = {"serve": [{"pills": 300, "pillole_rebuild_s": 1.2, "pillole_rebuild_s_median": 1.2, "pillole_rebuild_cpu": 1.2,
                    "pillole_first_s": 2.3, "baseline_rebuild_s": 2.0, "baseline_rebuild_s_median": 2.1,
                    "baseline_rebuild_cpu": 1.9, "baseline_first_s": 2.0, "ratio": 0.6, "ratio_median": 0.571}]}
GITMETA = {"pills": 1000, "one_pass_s": 0.264, "per_pill_s": 125.4, "per_pill_sample": 50}


def test_every_benchmark_folds_into_rows_with_ratios() -> None:
    bench = load_script("bench")
    rows = [r for name, data in (("build", BUILD), ("serve", SERVE), ("media", MEDIA), ("search", SEARCH), ("gitmeta", GITMETA))
            for r in bench.FOLD[name](data)]
    by_figure = {r["figure"]: r for r in rows}
    assert by_figure["300 pills, wall time"]["ratio"] == round(4.9 / 19.4, 3)
    assert by_figure["300 pills, CPU time"]["ratio"] == round(4.1 / 15.0, 3)
    assert by_figure["300 pills, peak memory"]["note"] == "median 54.9 vs 43.6"
    assert by_figure["300 pills, rebuild after an edit"]["ratio"] == round(1.2 / 2.0, 3)
    assert by_figure["300 pills, rebuild after an edit"]["note"] == "median 1.2 vs 2.1"
    assert by_figure["4 x 10 s 1080p, transcoding"]["ratio"] == round(76.0 / 58.6, 3)
    assert [r["figure"] for r in rows if "webinar" in r["figure"]] == ["webinar 2 min, transcoding",
                                                                       "webinar 10 min, transcoding"]
    assert by_figure["1000 pills, index, gzip"]["pillole"] == round(2178760 / 1024, 1)
    assert by_figure["1000 pills, query p95"]["ratio"] is None  # a missing figure is shown as '-'
    assert by_figure["1000 pills, git history"]["baseline"] == 125.4
    text = bench.table(rows, load=1.0)
    assert text.splitlines()[0].split() == ["bench", "figure", "pillole", "baseline", "ratio", "unit", "against", "/", "note"]
    assert "ratio = pillole / baseline" in text


def test_a_missing_benchmark_is_a_row_not_a_crash(monkeypatch, tmp_path) -> None:
    bench = load_script("bench")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    rows, data, seconds = bench.run_bench("media", quick=True, python="python3")
    assert data is None and rows[0]["figure"] == "not run"
    assert rows[0]["note"] == "scripts/bench-media does not exist"
