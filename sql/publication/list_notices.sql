-- 更正/撤销/移出公告: a notice for every objection closed by $as_of with 撤销 or 更正 whose record the public had
-- already seen, in a black-list publication or in the 双公示 files (a record revoked before anyone saw it needs no
-- notice), and for every published list entry that has exited by $as_of (REFERENCE §5: it leaves the list the day
-- it exits, and the exit is announced).
with black_published as (
    -- the black-list entries a list file has carried, from the publication log
    select memberships.*, min(log.published_from) as first_published
    from marts.list_memberships as memberships
    join publish.list_publication_log as log
        on log.list = 'black' and log.entry_id = memberships.entry_id
    where memberships.list = 'black' and log.published_from <= $as_of::date
    group by all
),
closed as (
    select *
    from core.case_effects
    where case_kind = 'objection'
      and outcome in ('撤销', '更正')
      and closed_on <= $as_of::date
      and first_reported <= $as_of::date
),
seen as (
    select basis_event as event_id, '黑名单' as channel, first_published
    from black_published
    union all
    -- only the records an objection closed: the 双公示 history of every record joined to every event took 12 s of
    -- this query's 12 at 10M rows, for the few hundred a notice may concern
    select events.event_id, '双公示' as channel, min(history.published_from) as first_published
    from publish.double_publicity_history as history
    join core.credit_events as events using (source, record_key)
    where events.superseded_on is null
      and events.event_id in (select closed.event_id from closed)
    group by all
),
corrections as (
    select
        case closed.outcome when '撤销' then '撤销公告' else '更正公告' end as notice_type,
        closed.case_no,
        closed.subject_key,
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
),
black_exits as (
    select
        '移出公告' as notice_type, null as case_no, subject_key, '黑名单' as channel, record_doc_no,
        first_published, exit_on as decided_on,
        '因' || case exit_reason when 'expired' then '公示期满或惩戒期限届满'
                                 when 'repaired' then '信用修复'
                                 when 'upstream_removed' then '认定部门移出'
                                 when 'corrected' then '据以列入的信息经更正不再符合列入条件' else exit_reason end
            || '，自' || strftime(exit_on, '%Y年%m月%d日') || '起移出黑名单，停止实施联合惩戒措施。' as content
    from black_published
    where exit_on <= $as_of::date and exit_reason <> 'revoked' and first_published <= exit_on
),
red_exits as (
    select
        '移出公告' as notice_type, null as case_no, runs.subject_key, '红名单' as channel, null as record_doc_no,
        min(log.published_from) as first_published, runs.exit_on as decided_on,
        '因不再符合红名单条件，自' || strftime(runs.exit_on, '%Y年%m月%d日') || '起移出红名单，停止适用守信激励措施。'
            as content
    from marts.list_runs($as_of::date) as runs
    join publish.list_publication_log as log
        on log.list = 'red' and log.entry_id = core.list_entry_id(runs.subject_key || ':' || runs.entered_on, $salt)
    where runs.list = 'red' and runs.exit_on <= $as_of::date and log.published_from <= runs.exit_on
    group by all
)
select
    notices.notice_type,
    notices.case_no,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    notices.channel,
    notices.record_doc_no,
    notices.first_published,
    notices.decided_on,
    notices.content
from (
    select * from corrections
    union all by name
    select * from black_exits
    union all by name
    select * from red_exits
) as notices
left join core.subjects as subjects using (subject_key)
order by notices.decided_on, notices.notice_type, notices.case_no, notices.channel, subjects.subject_name,
    notices.record_doc_no;
