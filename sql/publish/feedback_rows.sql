-- 触发反馈 rows in file order, business named in Chinese, held once for the per-file copies (sorted, so each
-- department and month is a few adjacent row groups and a file's copy skips the rest)
create or replace temp table feedback_rows as
select
    * replace (case business when 'procurement' then '政府采购' when 'subsidy' then '财政补助'
                             when 'policy_support' then '政策扶持' when 'ppp' then 'PPP' end as business)
from marts.trigger_feedback
order by initiating_department, period, record_doc_no, screening_date;
