-- model: marts.screening_review · incremental by subject
-- 筛查复核: the table itself is kept by creditwh/credit/by_subject.py from screening/screening_review_rows, business by
-- business like marts.screenings: late data about a past screening date changes what is now known of it.
comment on table marts.screening_review is '筛查复核 / screenings whose verdict as known on the screening date differs from what is now known to have been true that day';
