-- 名单变化: each red or black list entry the alternative policy adds, removes, or ends on another day, among the
-- entries in force on some day of the window under either policy.
select
    whatif_list_zh(coalesce(after.list, before.list)) as 名单,
    whatif_name(coalesce(after.subject_key, before.subject_key)) as 主体名称,
    whatif_code(coalesce(after.subject_key, before.subject_key)) as 主体代码,
    coalesce(after.record_doc_no, before.record_doc_no) as 依据记录,
    case
        when before.basis_event is null then '新列入'
        when after.basis_event is null then '不再列入'
        when after.exit_on is not null and (before.exit_on is null or after.exit_on < before.exit_on) then '提前移出'
        when before.exit_on is not null and (after.exit_on is null or after.exit_on > before.exit_on) then '推迟移出'
        else '列入日变化'
    end as 变化,
    before.entered_on as 原列入日,
    after.entered_on as 新列入日,
    before.exit_on as 原移出日,
    after.exit_on as 新移出日,
    after.exit_reason as 新移出原因,
    coalesce(after.list, before.list) as list,
    coalesce(after.subject_key, before.subject_key) as subject_key,
    coalesce(after.basis_event, before.basis_event) as basis_event
from baseline.list_memberships as before
full outer join marts.list_memberships as after using (list, basis_event)
where (before.subject_key, before.entered_on, before.exit_on)
    is distinct from (after.subject_key, after.entered_on, after.exit_on)
  and (
      (before.entered_on <= $to_day and (before.exit_on is null or before.exit_on > $from_day))
      or (after.entered_on <= $to_day and (after.exit_on is null or after.exit_on > $from_day))
  )
order by 名单, 变化, 主体名称
