select * from marts.trigger_feedback order by initiating_department, period, record_doc_no, screening_date;
