-- Benchmark data only: N events over S subjects, shaped like core.credit_events.
create or replace table bench_events as
with raw_events as (
    select
        r,
        hash(r) as h,
        date '2024-01-01' + cast(hash(r, 1) % 1000 as integer) as decided_on
    from range($events) t (r)
)
select
    'e' || r as event_id,
    'S' || (h % $subjects) as subject_key,
    case h % 10 when 0 then 'upstream_punishment' when 1 then 'upstream_reward' when 2 then 'license'
                when 3 then 'award' else 'penalty' end as event_kind,
    case when h % 10 in (1, 2, 3) then 'positive' else 'negative' end as polarity,
    case when h % 10 in (1, 2, 3) then null when h % 10 = 0 or h % 97 = 0 then 'serious'
         when h % 10 = 4 then 'minor' else 'general' end as severity,
    'bench' as source, 'k' || r as record_key, 'doc' || r as record_doc_no, null as detail,
    null::decimal(18, 6) as fine_10k_yuan,
    decided_on, decided_on as active_from,
    (decided_on + interval 3 month)::date as min_until,
    (decided_on + interval 12 month)::date as active_to,
    true as published, 'expired' as end_reason, null as regime, null as source_unit, null as source_file,
    null::bigint as source_row, decided_on + 3 as first_reported, 'bench' as policy_version
from raw_events;
