-- model: marts.screening_check_reasons · incremental by subject
-- 筛查限制原因（按主体与筛查日）: the table itself is kept subject by subject by creditwh/credit/by_subject.py from
-- screening/screening_check_reason_rows; a day works out again only the subjects whose screening dates, event
-- timelines or evidence changed (screening/screening_check_reason_inputs).
comment on table marts.screening_check_reasons is '筛查限制原因 / per subject and screening date, why it was restricted as known then and as known now, with the evidence record';
