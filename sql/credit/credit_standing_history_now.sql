-- model: marts.credit_standing_history_now · incremental by subject
-- 信用状况历史（按现在所知）: what is now known to have been true on each day (issue 21), for retrospective review.
-- The rows are marts/credit_standing_rows over marts.event_timelines_now, kept per subject by
-- creditwh/credit/by_subject.py. Its past may change as late deliveries arrive; marts.credit_standing_history,
-- as known on each day, never does.
comment on table marts.credit_standing_history_now is '信用状况历史（按现在所知）/ class, score, black and red standing per subject as now known to have been true on each day; for review, not for judging what staff could have known';
