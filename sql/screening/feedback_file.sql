-- One department's feedback for one month as sent in this run, with the headers of docs/feedback_format.md
select {{columns}}
from feedback_delta
where initiating_department is not distinct from {{department}} and period = {{period}}::date
-- a total order (the columns after the date break ties), so a re-run writes the same bytes
order by record_doc_no, screening_date, business, reference, measure_id, event_id, change, row_key
