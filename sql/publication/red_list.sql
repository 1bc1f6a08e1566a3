-- 红名单公示: every subject on the red list on $as_of (an upstream red-source entry, no recent negative record and
-- not black: REFERENCE §5), with its basis documents and rewards. A run that has ended leaves the list; its exit is
-- in publish/list_notices (移出公告).
with red_runs as (
    select subject_key, entered_on, exit_on, upstream_reward, policy_version
    from marts.list_runs($as_of::date)
    where list = 'red' and (exit_on is null or exit_on > $as_of::date)
),
published as (
    -- the day a list file first carried the run; a run new today is carried by today's file
    select entry_id, min(published_from) as published_on
    from publish.list_publication_log
    where list = 'red' and published_from <= $as_of::date
    group by all
),
upstream_docs as (
    -- the upstream red-source records behind a run
    select red_runs.subject_key, red_runs.entered_on,
        string_agg(distinct memberships.record_doc_no, '；' order by memberships.record_doc_no) as basis_doc_no,
        min(memberships.entered_on) as listed_upstream_on
    from red_runs
    join marts.list_memberships as memberships
        on memberships.subject_key = red_runs.subject_key
        and memberships.list = 'red'
        and memberships.entered_on < coalesce(red_runs.exit_on, 'infinity'::date)
        and coalesce(memberships.exit_on, 'infinity'::date) > red_runs.entered_on
    group by all
),
measures as (
    select string_agg(name_zh, '；' order by id) as measures
    from core.measures
    where kind = 'reward' and applies_to = 'red'
)
select
    core.list_entry_id(red_runs.subject_key || ':' || red_runs.entered_on, $salt) as entry_id,
    red_runs.subject_key,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    subjects.subject_type,
    '守信名单（上级或外部认定）' as basis,
    upstream_docs.basis_doc_no,
    -- REFERENCE §5: the entry dates from the day the bureau could know of it, never from the upstream decision alone
    greatest(red_runs.entered_on, upstream_docs.listed_upstream_on) as entered_on,
    coalesce(published.published_on, $as_of::date) as published_on,
    measures.measures,
    '列入' as status,
    red_runs.policy_version
from red_runs
cross join measures
left join upstream_docs using (subject_key, entered_on)
left join published
    on published.entry_id = core.list_entry_id(red_runs.subject_key || ':' || red_runs.entered_on, $salt)
left join core.subjects as subjects using (subject_key)
order by red_runs.entered_on, entry_id;
