-- 时间线的修复与异议: per event, the repair and revocation dates and the objection periods that suspend it, in
-- both views (issue 21): as known then (each from the day its delivery made it known) and as known now (each
-- from the day it took effect). The timelines read it, and creditwh/credit/by_record.py compares it with what
-- they were built with.
create or replace macro marts.timeline_cases() as table
select
    event_id,
    min(greatest(closed_on, reported_on)) filter (where case_kind = 'repair' and outcome = '同意') as repaired_known,
    min(greatest(closed_on, reported_on)) filter (where case_kind = 'objection' and outcome = '撤销') as revoked_known,
    list({ 'from': greatest(opened_on, first_reported),
          'to': case when closed_on is not null then greatest(closed_on, reported_on) end }
         order by greatest(opened_on, first_reported), greatest(closed_on, reported_on) nulls last)
        filter (where case_kind = 'objection' and opened_on is not null) as suspensions,
    min(closed_on) filter (where case_kind = 'repair' and outcome = '同意') as repaired_on,
    bool_or(case_kind = 'objection' and outcome = '撤销') as revoked,
    list({ 'from': opened_on, 'to': closed_on } order by opened_on, closed_on nulls last)
        filter (where case_kind = 'objection' and opened_on is not null) as suspensions_now
from core.case_effects
group by all;
