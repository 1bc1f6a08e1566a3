"""The replay-equivalence run at a larger size than CI's (issue 21): more seeds, more subjects and records, more days.
`make bench-replay`, or `python -m tests.replay.larger [--seeds 10] [--companies 12] [--records 40]`, writes
bench/results/replay.{json,md}. It lives beside the test it enlarges: the bench package may not import the tests."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.docs import RESULTS
from tests.replay.replay import answers, build, differences
from tests.support.histories import END, START, generate

DAYS = [START + timedelta(days=d) for d in range(30, (END - START).days, 21)]


def run(seeds: int, companies: int, records: int) -> dict:
    started = time.monotonic()
    compared = 0
    found: list[str] = []
    for seed in range(1, seeds + 1):
        history = generate(seed, companies=companies, persons=max(2, companies // 4), records=records)
        with tempfile.TemporaryDirectory() as work:
            full = build(history, Path(work) / "full", END)
            for day in DAYS:
                replayed = build(history, Path(work) / day.isoformat(), day)
                theirs, ours = answers(full, history.codes, day), answers(replayed, history.codes, day)
                compared += len(ours)
                found += [f"seed {seed}: {line}" for line in differences(theirs, ours, day)]
    return {
        "seeds": seeds,
        "companies": companies,
        "records_per_history": records,
        "days": [d.isoformat() for d in DAYS],
        "answers_compared": compared,
        "differences": len(found),
        "first_differences": found[:50],
        "seconds": round(time.monotonic() - started, 1),
        "measured_on": date.today().isoformat(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--companies", type=int, default=12)
    parser.add_argument("--records", type=int, default=40)
    args = parser.parse_args()
    result = run(args.seeds, args.companies, args.records)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "replay.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Replay equivalence (issue 21)",
        "",
        f"{result['seeds']} seeded histories of {result['companies']} companies and {result['records_per_history']} "
        f"penalties each, replayed to {len(result['days'])} days ({result['days'][0]} … {result['days'][-1]}): "
        f"{result['answers_compared']:,} answers compared, {result['differences']} differences, "
        f"{result['seconds']:,.0f} s.",
        "",
        *[f"- {line}" for line in result["first_differences"]],
    ]
    (RESULTS / "replay.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
