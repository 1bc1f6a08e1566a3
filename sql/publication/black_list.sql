-- 黑名单公示: every black-list entry the public has been told of by $as_of, with its basis, the measures it
-- brings and, once it has ended, its exit. A revoked entry is not listed (it never had effect): its 撤销公告
-- is in publish/list_notices. An entry under objection is held back while it is verified.
with measures as (
    select string_agg(name_zh, '；' order by id) as measures
    from core.measures
    where kind = 'punishment' and applies_to = 'black'
),
entries as (
    select *
    from marts.list_memberships
    where list = 'black'
      and published_on <= $as_of::date
      and first_reported <= $as_of::date
      and (revoked_on is null or revoked_on > $as_of::date)
      and len(list_filter(suspensions, s -> s."from" <= $as_of::date
                                          and (s."to" is null or s."to" > $as_of::date))) = 0
),
exits as (
    select *,
        exit_on is not null and exit_on <= $as_of::date and exit_reason <> 'revoked' as has_exited
    from entries
)
select
    md5(exits.basis_event) as entry_id,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    subjects.subject_type,
    case exits.basis_kind
        when 'penalty' then '严重失信行政处罚'
        when 'upstream_punishment' then '失信名单（上级或外部认定）'
        when 'procurement_ban' then '禁止参加政府采购活动（政府采购法第七十七条）'
    end as basis,
    exits.record_doc_no as basis_doc_no,
    exits.entered_on,
    exits.published_on,
    measures.measures,
    case when exits.has_exited then '已移出' else '列入' end as status,
    case when exits.has_exited then exits.exit_on end as exit_on,
    case when exits.has_exited then
        case exits.exit_reason
            when 'expired' then '期满移出'
            when 'repaired' then '信用修复移出'
            when 'upstream_removed' then '认定部门移出'
            else exits.exit_reason
        end
    end as exit_reason,
    exits.policy_version
from exits
cross join measures
left join core.subjects as subjects using (subject_key)
order by exits.entered_on, entry_id;
