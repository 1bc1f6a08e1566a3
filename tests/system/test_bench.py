"""The benchmark at a small N, as a smoke test: it finishes and writes its table. No timing is asserted."""

import json

import pytest

from bench.pipeline import run


@pytest.mark.bench
def test_the_benchmark_runs_every_phase_on_both_backends_and_writes_json_and_markdown(tmp_path, postgres_dsn):
    figures = run(
        rows=3_000,
        days=3,
        work=tmp_path / "work",
        results=tmp_path / "results",
        ducklake_workers=(2,),
        verify=True,
    )
    written = json.loads((tmp_path / "results" / "pipeline-3000.json").read_text())
    assert written == json.loads(json.dumps(figures))
    assert written["full"]["success"] and written["incremental"]["success"] and written["ducklake"]["2"]["success"]
    assert written["full_set_day"]["success"] and written["full_set_day"]["seconds"] > 0
    assert written["floor"]["rows_read"] > 0 and written["generated"]["rows_incremental"] > 0
    assert written["full"]["stages"]["ingest"] > 0 and written["full"]["peak_rss_mb"] > 0
    backload, check = written["backload"], written["credit_check"]
    assert backload["success"] and backload["runs"] <= backload["spans"] < backload["days"]
    verified = written["verify_incremental"]
    assert verified["success"] and verified["outputs_compared"] > 0
    # the same history, the last day from change or whole: every output equal (tests/system/
    # test_incremental_equals_rebuild.py at larger scale)
    assert verified["equal"], (verified["differ"], verified["in_one_only"])
    # the same day after the weekly maintenance laid the copy out by subject: the layout changes no output
    kept = written["incremental_maintained"]
    assert kept["success"] and kept["maintenance_s"] > 0 and kept["outputs_compared"] > 0 and kept["equal"]
    assert check["checks_timed"] > 0 and check["p95_ms"] > 0 and check["batch_codes"] == 10_000
    table = (tmp_path / "results" / "pipeline-3000.md").read_text(encoding="utf-8")
    for figure in (
        "full run ÷ floor",
        "incremental day ÷ full run",
        "with the 双公示 full set",
        "peak RSS",
        "Highest RSS during a step",
        "DuckLake",
        "back-load: 730 days",
        "credit check, a batch of 10,000 codes",
        "the incremental day's outputs beside the same day rebuilt whole",
        "the same day on a copy of the full run after the weekly maintenance",
        "the maintained day's outputs beside the incremental day's",
    ):
        assert figure in table
    assert not (tmp_path / "work").exists()  # the scratch folder is removed unless --keep
