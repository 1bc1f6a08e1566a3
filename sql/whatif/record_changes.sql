-- 记录影响变化: each record whose severity, effect window or list basis the alternative policy changes, with the rule
-- that changed it. What a subject's standing change is "because of".
create or replace temp table whatif_record_changes as
select
    coalesce(after.subject_key, before.subject_key) as subject_key,
    coalesce(after.event_id, before.event_id) as event_id,
    events.record_doc_no,
    events.event_kind,
    concat_ws(
        '；',
        case when before.severity is distinct from after.severity
            then '严重程度 ' || whatif_severity_zh(before.severity) || '→' || whatif_severity_zh(after.severity) end,
        case when before.black_basis is distinct from after.black_basis
            then '黑名单依据 ' || case when after.black_basis then '否→是' else '是→否' end end,
        case when before.effect_to is distinct from after.effect_to
            then '公示截止 ' || coalesce(before.effect_to::varchar, '无') || '→' || coalesce(after.effect_to::varchar, '无') end,
        case when before.min_until is distinct from after.min_until
            then '最短公示期至 ' || coalesce(before.min_until::varchar, '无') || '→' || coalesce(after.min_until::varchar, '无')
        end,
        case when before.deduction is distinct from after.deduction
            then '扣分 ' || coalesce(before.deduction, 0) || '→' || coalesce(after.deduction, 0) end
    ) as change_zh,
    concat_ws(
        '、',
        case when before.severity is distinct from after.severity then 'severity（失信严重程度）' end,
        case when before.effect_to is distinct from after.effect_to or before.min_until is distinct from after.min_until
            then 'publicity_regimes（公示期限）' end,
        case when before.black_basis is distinct from after.black_basis and before.severity is not distinct from after.severity
            then 'lists.black（名单认定标准）' end,
        case when before.deduction is distinct from after.deduction and before.severity is not distinct from after.severity
            then 'score（信用评分）' end
    ) as rule_zh
from baseline.event_timelines as before
full outer join marts.event_timelines as after using (event_id)
left join core.credit_events as events on events.event_id = coalesce(after.event_id, before.event_id)
where (before.severity, before.black_basis, before.effect_from, before.effect_to, before.min_until, before.deduction)
    is distinct from (after.severity, after.black_basis, after.effect_from, after.effect_to, after.min_until, after.deduction);

select
    whatif_name(subject_key) as 主体名称,
    whatif_code(subject_key) as 主体代码,
    coalesce(record_doc_no, event_id) as 记录,
    event_kind as 记录类型,
    change_zh as 变化,
    rule_zh as 规则,
    subject_key,
    event_id
from whatif_record_changes
order by 主体名称, 记录;
