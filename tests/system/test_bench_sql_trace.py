"""The bench names the statements a traced day spent most in."""

import json

from bench.pipeline import slowest_sql


def test_the_slowest_statements_are_summed_over_their_runs_and_ranked(tmp_path):
    trace = tmp_path / "sql.jsonl"
    runs = [("credit/a", 1, 2.0), ("credit/b", 2, 1.5), ("credit/b", 2, 1.5), ("credit/a", 2, 0.1)]
    trace.write_text("".join(json.dumps({"sql": s, "statement": n, "seconds": t}) + "\n" for s, n, t in runs))
    assert slowest_sql(trace, top=2) == [
        {"sql": "credit/b", "statement": 2, "seconds": 3.0, "runs": 2},
        {"sql": "credit/a", "statement": 1, "seconds": 2.0, "runs": 1},
    ]


def test_an_untraced_day_lists_none(tmp_path):
    assert slowest_sql(tmp_path / "absent.jsonl") == []
