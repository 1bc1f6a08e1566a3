-- 异议超期未办结: objections accepted more than 15 working days ago that are still open.
with today as (
    select workday_seq from staging.work_calendar where day = coalesce(getvariable('as_of'), current_date)
)
select o.case_no, o.subject_name, o.record_doc_no, o.accepted_on,
       today.workday_seq - accepted.workday_seq as working_days_open
from staging.objections_latest as o
join staging.work_calendar as accepted on accepted.day = o.accepted_on
cross join today
where o.closed_on is null and today.workday_seq - accepted.workday_seq > 15
order by working_days_open desc;
