-- model: marts.screenings · incremental by subject
-- 联合奖惩筛查: the table itself is kept by creditwh/credit/by_subject.py from screening/screening_rows. A day screens
-- again only the business of the subjects whose inputs changed (screening/screening_inputs): the business delivered
-- that day, and business already screened whose subject's standing on its screening date late data changed.
comment on table marts.screenings is '联合奖惩筛查 / each award party and application, screened on its screening date: its verdict (policy/verdicts.csv), why, and advisory rewards';
