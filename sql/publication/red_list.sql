-- 红名单公示: every run of days a subject stood on the red list up to $as_of (an upstream red-source entry, no
-- recent negative record and not black: REFERENCE §5), with its basis documents and rewards.
with red_runs as (
    select subject_key, entered_on, exit_on, upstream_reward, policy_version
    from marts.list_runs($as_of::date)
    where list = 'red'
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
    md5(red_runs.subject_key || ':' || red_runs.entered_on) as entry_id,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    subjects.subject_type,
    '守信名单（上级或外部认定）' as basis,
    upstream_docs.basis_doc_no,
    -- an upstream listing dates from its own decision; the run starts when the bureau knew of it
    least(red_runs.entered_on, upstream_docs.listed_upstream_on) as entered_on,
    red_runs.entered_on as published_on,
    measures.measures,
    case when red_runs.exit_on <= $as_of::date then '已移出' else '列入' end as status,
    case when red_runs.exit_on <= $as_of::date then red_runs.exit_on end as exit_on,
    case when red_runs.exit_on <= $as_of::date then '不再符合红名单条件' end as exit_reason,
    red_runs.policy_version
from red_runs
cross join measures
left join upstream_docs using (subject_key, entered_on)
left join core.subjects as subjects using (subject_key)
order by red_runs.entered_on, entry_id;
