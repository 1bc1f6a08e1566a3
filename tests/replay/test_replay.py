"""The proof of "as of a day means as known that day" (issue 21): for seeded delivery histories and several days D,
a warehouse built from only the deliveries up to D answers exactly as the full warehouse asked "as known then" on D:
the credit check of every subject (class, lists, measures, evidence), the verdicts of business screened by D, and
the 双公示 set in force on D. A larger run: make bench-replay."""

from datetime import date

import pytest

from tests.replay.replay import answers, build, differences
from tests.support.histories import END, generate

DAYS = [date(2026, 4, 15), date(2026, 6, 1), date(2026, 7, 20)]


@pytest.mark.parametrize("seed", [7, 21])
def test_a_warehouse_replayed_to_a_day_answers_as_the_full_warehouse_knew_that_day(tmp_path, seed):
    history = generate(seed)
    full = build(history, tmp_path / "full", END)
    found = []
    for day in DAYS:
        replayed = build(history, tmp_path / day.isoformat(), day)
        found += differences(answers(full, history.codes, day), answers(replayed, history.codes, day), day)
    assert not found, f"seed {seed}: {len(found)} differences\n" + "\n".join(found[:40])
