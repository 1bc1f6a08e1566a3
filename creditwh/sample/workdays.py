"""Working-day calendar of the run, built once as arrays (a day-by-day lookup per row would be too slow).
Counting (国办发〔2015〕51号, policy default): the decision day is not counted; the 7th working day after it is the last."""

from __future__ import annotations

import warnings
from datetime import date

import numpy as np

from creditwh.platform.workdays import build_calendar

DEADLINE_WORKDAYS = 7


class WorkCalendar:
    """The warehouse's own calendar (creditwh.platform.workdays, with its overrides and fallback), as arrays."""

    def __init__(self, first: date, last: date):
        self.first = first
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame, fallback_years = build_calendar(last)
        self.fallback_used = bool(fallback_years)
        days = frame.filter(frame["day"] >= first)
        self.is_work = days["is_workday"].to_numpy()
        self.cum = np.cumsum(self.is_work)  # cum[i] = working days in [first, first + i]
        for w in caught:
            warnings.warn(w.message, w.category, stacklevel=2)

    def index(self, d: date) -> int:
        return (d - self.first).days

    def date_of(self, idx: np.ndarray) -> np.ndarray:
        return np.datetime64(self.first) + np.asarray(idx).astype("timedelta64[D]")

    def nth_workday_after(self, idx: np.ndarray, n: int) -> np.ndarray:
        """Index of the n-th working day after each day (len(calendar) when beyond its end)."""
        return np.searchsorted(self.cum, self.cum[idx] + n, side="left")

    def workdays_between(self, decided: np.ndarray, reported: int) -> np.ndarray:
        """Working days after the decision day up to and including the reporting day."""
        return self.cum[reported] - self.cum[decided]

    def decision_days(self, rng: np.random.Generator, reported: int, n: int, late_share: float):
        """Decision day indices for records reported on day `reported`, and which of them are late.

        On-time days satisfy reported <= 7th working day after the decision; late days satisfy
        reported >= 8th working day after it. Rest days just after a deadline are left out, because whether
        they count as late depends on the reader's convention.
        """
        window = np.arange(max(reported - 90, 0), reported)
        weight = np.where(self.is_work[window], 1.0, 0.05)  # decisions are rarely signed on rest days
        on_time = window[self.nth_workday_after(window, DEADLINE_WORKDAYS) >= reported]
        late = window[self.nth_workday_after(window, DEADLINE_WORKDAYS + 1) <= reported]
        w_on = weight[np.isin(window, on_time)] * np.linspace(1.0, 2.0, len(on_time))  # recent more likely
        is_late = (rng.random(n) < late_share) & (len(late) > 0)
        days = rng.choice(on_time, n, p=w_on / w_on.sum())
        if len(late) and is_late.any():
            w_late = weight[np.isin(window, late)] * np.linspace(0.1, 1.0, len(late)) ** 2  # mostly a little late
            days[is_late] = rng.choice(late, int(is_late.sum()), p=w_late / w_late.sum())
        return days, is_late
