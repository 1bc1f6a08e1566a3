-- 修复未见信用承诺: repairs granted in the report period without a public 信用修复型 commitment on or before their
-- decision date (REFERENCE §4): honoured, and listed here for review.
select distinct
    effects.case_no as "修复申请编号",
    effects.record_doc_no as "关联记录文书号",
    effects.closed_on as "修复决定日期",
    effects.review_reason as "复核原因"
from core.case_effects as effects
where effects.repaired_without_commitment
  and effects.closed_on between $start::date and $end::date
order by "修复决定日期", "修复申请编号";
