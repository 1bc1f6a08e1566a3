-- 典型案例: one row per case decided in the report period, its parties, measures and evidence joined (REFERENCE §5):
-- 联合惩戒 (business refused or cancelled for a credit reason), 应限未限 (granted although restricted: to verify
-- and handle, never called a punishment) and 守信激励 (granted to a red-listed or class-A subject with a reward).
-- Largest amounts first, ten of each.
with restricted as (
    -- a restriction counts only through evidence that still stands on the report date: not revoked, not under an
    -- open objection (a record under objection triggers no measure, so it makes no case)
    select
        screenings.verdict, screenings.business, screenings.business_key, screenings.reference, screenings.title,
        screenings.subject_name, screenings.decided_on, screenings.amount_yuan, screenings.source_file,
        screenings.source_row, reasons.measure_name, reasons.evidence_record,
        reasons.evidence_file || '#' || reasons.evidence_row as evidence_source
    from marts.screenings as screenings
    join marts.screening_reasons as reasons using (business, business_key, role, subject_key)
    join marts.event_timelines as timeline on timeline.event_id = reasons.evidence_event
    where screenings.verdict in ('restricted_refused', 'restricted_granted')
      and screenings.decided_on between $start::date and $end::date
      and (timeline.revoked_known is null or timeline.revoked_known > $as_of::date)
      and not marts.event_state(timeline, $as_of::date).suspended
),
rewarded as (
    select
        verdict, business, business_key, reference, title, subject_name, decided_on, amount_yuan, source_file,
        source_row, unnest(advisory_rewards) as measure_name,
        case when red then '红名单' else '信用等级' || credit_class end as evidence_record,
        source_file || '#' || source_row as evidence_source
    from marts.screenings
    where verdict = 'reward_applied' and decided_on between $start::date and $end::date
),
cases as (
    -- one row per business: a consortium's members, an award's several records, joined
    select
        verdict, business, business_key,
        any_value(reference) as reference, any_value(title) as title,
        string_agg(distinct subject_name, '、' order by subject_name) as subjects,
        any_value(decided_on) as decided_on, any_value(amount_yuan) as amount_yuan,
        string_agg(distinct measure_name, '；' order by measure_name) as measures,
        string_agg(distinct evidence_record, '；' order by evidence_record) as evidence_records,
        string_agg(distinct evidence_source, '；' order by evidence_source) as evidence_sources
    from (
        select * from restricted
        union all by name
        select * from rewarded
    )
    group by verdict, business, business_key
),
ranked as (
    -- equal amounts are ordered by date and reference, so a re-run picks and shows the same ten
    select *, row_number() over (
        partition by verdict order by amount_yuan desc nulls last, decided_on, reference, business_key
    ) as rank
    from cases
)
select
    verdicts.case_zh as "类型",
    core.business_zh(ranked.business) as "业务",
    ranked.reference as "项目/申请编号",
    ranked.title as "项目/事项",
    ranked.subjects as "主体",
    ranked.decided_on as "决定日期",
    ranked.amount_yuan::decimal(18, 2) as "金额（元）",
    ranked.measures as "措施",
    ranked.evidence_records as "依据记录",
    ranked.evidence_sources as "证据来源"
from ranked
join core.screening_verdicts as verdicts on verdicts.id = ranked.verdict
where ranked.rank <= 10
order by
    case ranked.verdict when 'restricted_refused' then 1 when 'reward_applied' then 2 else 3 end,
    ranked.rank;
