"""scripts/bench-lighthouse reads Lighthouse's JSON reports and folds three runs per page into
one row: the report below has the shape Lighthouse 12 writes (trimmed from a real run), so a
change of format shows here rather than as a table of dashes."""

from __future__ import annotations

from support import load_script


REPORT = {
    "lighthouseVersion": "12.8.2",
    "categories": {"performance": {"score": 0.91}, "accessibility": {"score": 1}},
    "audits": {"largest-contentful-paint": {"numericValue": 2922.4}, "total-blocking-time": {"numericValue": 40},
               "cumulative-layout-shift": {"numericValue": 0.0213}, "total-byte-weight": {"numericValue": 408576}},
}


def test_a_report_gives_scores_out_of_100_and_the_metrics_behind_them() -> None:
    bench = load_script("bench-lighthouse")
    assert bench.scores(REPORT) == {"performance": 91, "accessibility": 100, "LCP ms": 2922.4, "TBT ms": 40,
                                    "CLS": 0.0213, "bytes": 408576}
    failed = bench.scores({"categories": {"performance": {"score": None}}, "audits": {}})
    assert failed["performance"] is None and failed["accessibility"] is None and failed["LCP ms"] is None


def test_runs_fold_into_the_median_and_the_worst_accessibility() -> None:
    bench = load_script("bench-lighthouse")
    runs = [{**bench.scores(REPORT), "performance": p, "accessibility": a, "LCP ms": lcp}
            for p, a, lcp in ((96, 100, 1800.0), (89, 100, 2600.0), (93, 98, 2000.0))]
    row = bench.fold(runs)
    assert (row["performance"], row["performance_min"], row["performance_max"]) == (93, 89, 96)
    assert row["accessibility"] == 98 and row["LCP ms"] == 2000.0 and row["runs"] == 3
    assert bench.fold([{"performance": None, "accessibility": None}])["performance"] is None


def test_the_table_tells_each_pillole_page_against_the_targets() -> None:
    bench = load_script("bench-lighthouse")
    good = {**bench.fold([bench.scores(REPORT)]), "performance": 97}
    slow = bench.fold([bench.scores(REPORT)])  # 91 < 95
    lines = bench.table({"home": good, "search": slow, "material": slow}).splitlines()
    assert lines[0].split()[:4] == ["page", "perf", "min-max", "a11y"]
    assert lines[1].startswith("home") and lines[1].endswith("ok")
    assert lines[2].startswith("search") and lines[2].endswith("below")
    assert lines[3].endswith("(baseline)")
    assert set(bench.PAGES) == {"home", "video", "path", "search", "material"}
