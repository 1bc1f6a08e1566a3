-- 信用等级与名单状态变化: each stretch of days in the window on which a subject's class, black or red standing under
-- the alternative policy differs from the live one: from what to what, from when, and the records that changed.
with points as (
    -- every day either history changes, and the window's first day
    select subject_key, valid_from as day from baseline.credit_standing_history
    union
    select subject_key, valid_from from marts.credit_standing_history
    union
    select subject_key, $from_day::date from baseline.credit_standing_history
    union
    select subject_key, $from_day::date from marts.credit_standing_history
),
states as (
    select
        points.subject_key,
        points.day,
        before.credit_class as class_before,
        coalesce(before.black, false) as black_before,
        coalesce(before.red, false) as red_before,
        after.credit_class as class_after,
        coalesce(after.black, false) as black_after,
        coalesce(after.red, false) as red_after
    from points
    left join baseline.credit_standing_history as before
        on before.subject_key = points.subject_key
        and before.valid_from <= points.day and (before.valid_to is null or points.day < before.valid_to)
    left join marts.credit_standing_history as after
        on after.subject_key = points.subject_key
        and after.valid_from <= points.day and (after.valid_to is null or points.day < after.valid_to)
    where points.day between $from_day and $to_day
),
paired as (
    select
        *,
        coalesce(class_before, '-') <> coalesce(class_after, '-') or black_before <> black_after or red_before <> red_after as differs,
        concat_ws(
            '|', coalesce(class_before, '-'), black_before, red_before, coalesce(class_after, '-'), black_after, red_after
        ) as pair
    from states
),
marked as (
    select *, pair <> coalesce(lag(pair) over (partition by subject_key order by day), '') as starts from paired
),
stretches as (
    select *, lead(day) over (partition by subject_key order by day) as next_start from marked where starts
),
causes as (
    select
        subject_key,
        string_agg(coalesce(record_doc_no, event_id) || '（' || change_zh || '）', '；' order by record_doc_no) as records,
        string_agg(distinct rule_zh, '、') as rules
    from whatif_record_changes
    group by subject_key
)
select
    whatif_name(stretches.subject_key) as 主体名称,
    whatif_code(stretches.subject_key) as 主体代码,
    coalesce(class_before, '—') || ' → ' || coalesce(class_after, '—') as 信用等级,
    case when black_before = black_after then '' when black_after then '列入' else '移出' end as 黑名单,
    case when red_before = red_after then '' when red_after then '列入' else '移出' end as 红名单,
    stretches.day as 起始日,
    (stretches.next_start - 1)::date as 截止日,
    causes.records as 依据记录,
    causes.rules as 规则,
    stretches.subject_key as subject_key
from stretches
left join causes using (subject_key)
where differs
order by 起始日, 主体名称
