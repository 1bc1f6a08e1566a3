-- 异议更正: per decision number, the corrected values of its latest 更正 verdict (the events read them, and
-- creditwh/credit/by_record.py compares them with those the events were built with). Apart from core/macros, which
-- the privacy check runs where no staging table need exist: a table macro binds its tables when created.
-- known_on is the day the bureau knew of it (as known then, it corrects the record from that day).
create or replace macro core.corrections() as table
select
    record_doc_no,
    core.correction_map(max_by(correction, closed_on)) as corrected,
    max_by(greatest(closed_on, reporting_date), closed_on) as known_on
from staging.objections_latest
where verdict = '更正'
group by all;
