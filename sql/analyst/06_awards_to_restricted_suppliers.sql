-- 限制对象中标: awards made to a restricted supplier or consortium member, with the evidence.
select project_code, project_name, purchaser, award_date, amount_yuan, role, subject_name, reason,
       evidence_record, evidence_file, evidence_row, measure_name
from marts.restricted_awards
order by award_date desc;
