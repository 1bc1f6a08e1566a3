"""The bench names the statements a traced day spent most in, step by step."""

import json

from bench.pipeline import slowest_sql


def test_the_slowest_statements_are_summed_over_their_runs_and_ranked(tmp_path):
    trace = tmp_path / "sql.jsonl"
    runs = [
        ("marts__a", "credit/a", 1, 2.0),
        ("marts__b", "credit/b", 2, 1.5),
        ("marts__b", "credit/b", 2, 1.5),
        ("marts__a", "credit/a", 2, 0.1),
    ]
    trace.write_text(
        "".join(json.dumps({"step": p, "sql": s, "statement": n, "seconds": t}) + "\n" for p, s, n, t in runs)
    )
    assert slowest_sql(trace, top=2) == [
        {"step": "marts__b", "sql": "credit/b", "statement": 2, "seconds": 3.0, "runs": 2},
        {"step": "marts__a", "sql": "credit/a", "statement": 1, "seconds": 2.0, "runs": 1},
    ]


def test_a_file_shared_by_steps_is_ranked_step_by_step(tmp_path):
    trace = tmp_path / "sql.jsonl"
    runs = [("marts__a", 1.0), ("marts__b", 3.0), ("marts__a", 1.5)]
    trace.write_text(
        "".join(
            json.dumps({"step": p, "sql": "platform/replace_keyed_rows", "statement": 2, "seconds": t}) + "\n"
            for p, t in runs
        )
    )
    assert [(r["step"], r["seconds"], r["runs"]) for r in slowest_sql(trace)] == [
        ("marts__b", 3.0, 1),
        ("marts__a", 2.5, 2),
    ]


def test_an_untraced_day_lists_none(tmp_path):
    assert slowest_sql(tmp_path / "absent.jsonl") == []
