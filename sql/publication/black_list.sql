-- 黑名单公示: every black-list entry in force on $as_of that the public may be told of, with its basis and the
-- measures it brings. An entry leaves the list the day it exits; its exit is in publish/list_notices (移出公告). A
-- revoked entry never had effect (its 撤销公告 is there too). An entry under objection is held back while it is
-- verified: it triggers no measure (REFERENCE §5).
with measures as (
    select string_agg(name_zh, '；' order by id) as measures
    from core.measures
    where kind = 'punishment' and applies_to = 'black'
),
entries as (
    select *
    from marts.list_memberships
    where list = 'black'
      -- entered_on is the day the bureau could know of it, after the notice period (marts.list_memberships)
      and entered_on <= $as_of::date
      -- a revoked entry exits from the start, but only once the revocation is decided
      and (exit_on is null or exit_on > $as_of::date or exit_reason = 'revoked')
      and (revoked_on is null or revoked_on > $as_of::date)
      and len(list_filter(suspensions, s -> s."from" <= $as_of::date
                                          and (s."to" is null or s."to" > $as_of::date))) = 0
),
published as (
    -- the day a list file first carried the entry; an entry new today is carried by today's file
    select entry_id, min(published_from) as published_on
    from publish.list_publication_log
    where list = 'black' and published_from <= $as_of::date
    group by all
)
select
    entries.entry_id,  -- salted (core.list_entry_id): no public value reveals a person's ID number
    entries.subject_key,
    subjects.subject_name,
    coalesce(subjects.uscc, subjects.id_no_masked) as subject_code,
    subjects.subject_type,
    case entries.basis_kind
        when 'penalty' then '严重失信行政处罚'
        when 'upstream_punishment' then '失信名单（上级或外部认定）'
        when 'procurement_ban' then '禁止参加政府采购活动（政府采购法第七十七条）'
        when 'commitment_breach' then '严重失信承诺（未履行信用承诺）'
    end as basis,
    entries.record_doc_no as basis_doc_no,
    entries.entered_on,
    coalesce(published.published_on, $as_of::date) as published_on,
    measures.measures,
    '列入' as status,
    entries.policy_version
from entries
cross join measures
left join published on published.entry_id = entries.entry_id
left join core.subjects as subjects using (subject_key)
order by entries.entered_on, entry_id;
