-- model: core.commitments · table
-- 信用承诺: every version of every commitment (信用承诺书), as known from its delivery until the next day's version
-- supersedes it (issue 21), with what policy makes of it (policy commitments): whether it is public, whether it
-- bought the green channel, and the macros the credit check and the screening ask of it.
create or replace table core.commitments as
with day_versions as (
    -- each day's version of each commitment: the last delivered that day
    select *
    from staging.commitments
    where record_key is not null
    qualify row_number() over (
        partition by record_key, reporting_date order by ingested_at desc, source_file desc, source_row desc
    ) = 1
)
select
    core.subject_key(uscc, person_id_no, $salt) as subject_key,
    core.subject_bucket(core.subject_key(uscc, person_id_no, $salt)) as subject_bucket,
    commitment_no,
    subject_name,
    subject_type,
    uscc,
    core.mask_id(person_id_no) as id_no_masked,
    commitment_type,
    matter,
    content,
    committed_on,
    due_on,
    accepting_unit,
    publicity,
    fulfilment,
    checked_on,
    reporting_date as known_from,
    lead(reporting_date) over (partition by record_key order by reporting_date) as superseded_on,
    min(reporting_date) over (partition by record_key) as first_reported,
    list_contains($public_publicity, publicity) as is_public,
    list_contains($green_channel_types, commitment_type) as buys_green_channel,
    commitment_type = $repair_commitment_type as for_repair,
    source_file,
    source_row,
    $policy_version as policy_version
from day_versions
-- laid out by subject bucket: a credit check reads one subject's commitments (core.subject_bucket)
order by subject_bucket, subject_key, commitment_no, known_from;
comment on table core.commitments is '信用承诺 / every version of every credit commitment, as known from its delivery (policy commitments)';

create or replace table core.green_channel_measures as
select unnest($green_channel_measures::varchar[]) as id;
comment on table core.green_channel_measures is '承诺逾期撤销的绿色通道措施 / the measures an overdue commitment revokes (policy commitments.green_channel_measures)';

-- the version of a commitment relied on for a day: as known then, the one known that day; as known now, the current
create or replace macro core.commitment_in_view(c, as_of, known_as) as
    case when known_as = 'now' then c.superseded_on is null
         else c.known_from <= as_of and (c.superseded_on is null or as_of < c.superseded_on) end;

-- 履约状态 on a day: 履约 or 未履约 as checked; past its 承诺期限 without a check of 履约, 逾期未履约
create or replace macro core.commitment_state(c, as_of) as
    case when c.fulfilment in ('履约', '未履约') and c.checked_on <= as_of then c.fulfilment
         when c.due_on is not null and as_of > c.due_on then '逾期未履约'
         else '履约中' end;

-- whether a commitment, on as_of, revokes the green channel the subject's commitments bought: one made in place of
-- a document (审批替代型, 容缺受理型) and not found fulfilled by its 承诺期限
create or replace macro core.revokes_green_channel(c, as_of, known_as) as
    c.buys_green_channel
    and core.commitment_in_view(c, as_of, known_as)
    and core.commitment_state(c, as_of) in ('未履约', '逾期未履约');

-- the commitments that, on as_of, revoke the subject's green channel
create or replace macro core.green_channel_revoked(key, as_of, known_as) as (
    select coalesce(list(c.commitment_no order by c.commitment_no), [])
    from core.commitments as c
    where c.subject_key = key and core.revokes_green_channel(c, as_of, known_as)
);
