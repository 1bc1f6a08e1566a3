-- 提前修复复核: repairs approved before the minimum publicity period (applied, but flagged for review).
select subject_key, subject_name, record_doc_no, entered_on, exit_on
from marts.list_memberships
where repaired_before_min
order by exit_on desc;
