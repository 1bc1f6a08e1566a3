-- 限制对象中标: awards made to a restricted supplier or consortium member, with the evidence. 应限未限
-- (restricted_granted) are the awards that stand: to verify and handle; the rest were cancelled.
select project_code, project_name, purchaser, award_date, amount_yuan, verdict, cancelled_on, cancel_reason, role,
       subject_name, reason, evidence_record, evidence_file, evidence_row, measure_name
from marts.restricted_awards
order by verdict = 'restricted_granted' desc, award_date desc;
