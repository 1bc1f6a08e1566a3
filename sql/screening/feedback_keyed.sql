-- The feedback of the months closed on the run's day, each row with its key and a hash of what it reports. A
-- month closes $closes_after_days days after its end (policy screening.feedback_month_closes_after_days); the
-- month still open is sent nothing. A month once sent stays closed (a later policy or a replayed day cannot
-- reopen it and withdraw what was sent).
create or replace temp table feedback_keyed as
with closed as (
    select *
    from feedback_rows
    where period + interval 1 month + to_days($closes_after_days::integer) <= $as_of::date
       or period <= (select max(period) from publish.feedback_files)
),
hashed as (
    select
        *,
        -- which entry, month, business and measure the row reports on
        hash(initiating_department, period, event_id, business, reference, measure_id) as reports_on,
        -- what it reports. Not the subject's name, nor the wording of the verdict and measure (policy's
        -- verdicts.csv and measures.csv): a renamed subject or reworded policy is not business learnt later.
        hash(
            list_type, record_doc_no, subject_key, business, reference, title, screening_date, measure_id,
            business_outcome, verdict
        ) as content
    from closed
)
select
    *,
    -- two rows on the same business and measure (rare: two lots of one project) are told apart by their content
    hash(reports_on, row_number() over (partition by reports_on order by content)) as row_key
from hashed
