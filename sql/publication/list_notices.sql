-- 更正/撤销公告: a notice for every objection closed by $as_of with 撤销 or 更正 whose record the public had
-- already seen, in a black-list publication or in the 双公示 files. A record revoked before anyone saw it
-- needs no notice.
with seen as (
    select basis_event as event_id, '黑名单' as channel, min(published_on) as first_published
    from marts.list_memberships
    where list = 'black'
    group by all
    union all
    select events.event_id, '双公示' as channel, min(history.published_from) as first_published
    from publish.double_publicity_history as history
    join core.credit_events as events using (source, record_key)
    group by all
),
closed as (
    select *
    from core.case_effects
    where case_kind = 'objection'
      and outcome in ('撤销', '更正')
      and closed_on <= $as_of::date
      and first_reported <= $as_of::date
)
select
    case closed.outcome when '撤销' then '撤销公告' else '更正公告' end as notice_type,
    closed.case_no,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    seen.channel,
    closed.record_doc_no,
    seen.first_published,
    closed.closed_on as decided_on,
    case closed.outcome
        when '撤销' then '经异议核查，原公示记录有误，予以撤销，自始不产生信用影响。'
        else '经异议核查，原公示记录更正为：' || coalesce(closed.correction, '')
    end as content
from closed
join seen on seen.event_id = closed.event_id and seen.first_published <= closed.closed_on
left join core.subjects as subjects using (subject_key)
order by decided_on, case_no, channel;
