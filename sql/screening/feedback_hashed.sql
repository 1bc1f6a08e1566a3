-- The feedback rows with what each reports on and a hash of what it reports
create or replace temp view feedback_hashed as
select
    *,
    -- which entry, month, business and measure the row reports on
    hash(initiating_department, period, event_id, business, reference, measure_id) as reports_on,
    -- what it reports. Not the subject's name, nor the wording of the verdict and measure (policy's verdicts.csv
    -- and measures.csv): a renamed subject or reworded policy is not business learnt later.
    hash(
        list_type, record_doc_no, subject_key, business, reference, title, screening_date, measure_id,
        business_outcome, verdict
    ) as content
from feedback_rows
