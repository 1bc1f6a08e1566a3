-- The list entries and closed months whose feedback differs from what the department holds (by a fingerprint
-- of each entry's month: its rows and the sum of their hashes), with the fingerprint now; only these are
-- compared row by row, so a day's run costs what changed, and the months a day closes.
-- A month closes $closes_after_days days after its end (policy screening.feedback_month_closes_after_days); the
-- month still open is sent nothing. A month once sent stays closed (a later policy or a replayed day cannot
-- reopen it and withdraw what was sent). $whole (a --rebuild) compares every entry's month.
create or replace temp table feedback_changed_months as
with now as (
    -- every entry's month as the mart holds it now: kept from the last run, but the subjects' months taken afresh
    -- (feedback_entry_months_fresh)
    select kept.event_id, kept.period, kept.row_count, kept.content_sum
    from ops.feedback_entry_months_now as kept
    where not exists (
        select 1 from feedback_subject_months_taken as taken
        where taken.subject_key = kept.subject_key and taken.period = kept.period
    )
    union all
    select fresh.event_id, fresh.period, fresh.row_count, fresh.content_sum
    from feedback_entry_months_fresh as fresh
),
closed as (
    select event_id, period, sum(row_count)::bigint as row_count, sum(content_sum)::hugeint as content_sum
    from now
    where period + interval 1 month + to_days($closes_after_days::integer) <= $as_of::date
       or period <= (select max(period) from publish.feedback_files)
    group by event_id, period
)
select
    coalesce(closed.event_id, held.event_id) as event_id,
    coalesce(closed.period, held.period) as period,
    closed.row_count,
    closed.content_sum
from closed
full join publish.feedback_entry_months as held on held.event_id = closed.event_id and held.period = closed.period
where $whole or (closed.row_count is distinct from held.row_count) or (closed.content_sum is distinct from held.content_sum)
