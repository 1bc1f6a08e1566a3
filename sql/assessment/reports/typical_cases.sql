-- 典型案例: one row per case decided in the report period, its parties, measures and evidence joined (REFERENCE §5):
-- 联合惩戒 (business refused or cancelled for a credit reason), 应限未限 (granted although restricted: to verify
-- and handle, never called a punishment) and business granted to a red-listed or class-A subject, with the rewards
-- that apply to it (no delivery records a reward actually given, so the case never says one was).
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
businesses as (
    -- each case's business once, for the ranking: the ten of each kind are chosen before any names or measures are
    -- joined into text (joining them for every reward first ran out of memory at 10M rows)
    select
        verdict, business, business_key,
        any_value(reference) as reference, any_value(decided_on) as decided_on, any_value(amount_yuan) as amount_yuan
    from (
        select verdict, business, business_key, reference, decided_on, amount_yuan from restricted
        union all
        select verdict, business, business_key, reference, decided_on, amount_yuan
        from marts.screenings
        where verdict = 'reward_applied' and decided_on between $start::date and $end::date
          and len(advisory_rewards) > 0
    )
    group by verdict, business, business_key
),
ranked as (
    -- equal amounts are ordered by date and reference, so a re-run picks and shows the same ten
    select *, row_number() over (
        partition by verdict order by amount_yuan desc nulls last, decided_on, reference, business_key
    ) as rank
    from businesses
    qualify rank <= 10
),
rewarded as (
    select
        verdict, business, business_key, title, subject_name, unnest(advisory_rewards) as measure_name,
        case when red then '红名单' else '信用等级' || credit_class end as evidence_record,
        source_file || '#' || source_row as evidence_source
    from marts.screenings
    where verdict = 'reward_applied' and decided_on between $start::date and $end::date
      and (business, business_key) in (select business, business_key from ranked where verdict = 'reward_applied')
),
cases as (
    -- one row per business: a consortium's members, an award's several records, joined
    select
        ranked.verdict, ranked.business, ranked.business_key, ranked.reference, ranked.decided_on,
        ranked.amount_yuan, ranked.rank,
        any_value(detail.title) as title,
        string_agg(distinct detail.subject_name, '、' order by detail.subject_name) as subjects,
        string_agg(distinct detail.measure_name, '；' order by detail.measure_name) as measures,
        string_agg(distinct detail.evidence_record, '；' order by detail.evidence_record) as evidence_records,
        string_agg(distinct detail.evidence_source, '；' order by detail.evidence_source) as evidence_sources
    from ranked
    join (
        select verdict, business, business_key, title, subject_name, measure_name, evidence_record, evidence_source
        from restricted
        union all by name
        select * from rewarded
    ) as detail using (verdict, business, business_key)
    group by ranked.verdict, ranked.business, ranked.business_key, ranked.reference, ranked.decided_on,
        ranked.amount_yuan, ranked.rank
)
select
    verdicts.case_zh as "类型",
    core.business_zh(cases.business) as "业务",
    cases.reference as "项目/申请编号",
    cases.title as "项目/事项",
    cases.subjects as "主体",
    cases.decided_on as "决定日期",
    cases.amount_yuan::decimal(18, 2) as "金额（元）",
    cases.measures as "措施",
    cases.evidence_records as "依据记录",
    cases.evidence_sources as "证据来源"
from cases
join core.screening_verdicts as verdicts on verdicts.id = cases.verdict
order by
    case cases.verdict when 'restricted_refused' then 1 when 'reward_applied' then 2 else 3 end,
    cases.rank;
