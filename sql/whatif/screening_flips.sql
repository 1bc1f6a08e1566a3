-- 筛查结论变化: each award party or application screened in the window whose verdict the alternative policy changes.
select
    core.business_zh(coalesce(after.business, before.business)) as 业务,
    coalesce(after.reference, before.reference) as 项目编号,
    coalesce(after.title, before.title) as 项目名称,
    coalesce(after.screening_date, before.screening_date) as 筛查日,
    whatif_name(coalesce(after.subject_key, before.subject_key)) as 主体名称,
    whatif_code(coalesce(after.subject_key, before.subject_key)) as 主体代码,
    whatif_verdict_zh(before.verdict) as 原结论,
    whatif_verdict_zh(after.verdict) as 新结论,
    array_to_string(list_transform(after.reasons, r -> whatif_reason_zh(r)), '、') as 新限制原因,
    array_to_string(after.evidence_records, '、') as 证据记录,
    coalesce(after.business_key, before.business_key) as business_key,
    coalesce(after.subject_key, before.subject_key) as subject_key,
    coalesce(after.business, before.business) as business,
    before.verdict,
    after.verdict as new_verdict
from baseline.screenings as before
full outer join marts.screenings as after using (business, business_key, role, subject_key)
where before.verdict is distinct from after.verdict
  and coalesce(after.screening_date, before.screening_date) between $from_day and $to_day
order by 筛查日, 业务, 项目编号
