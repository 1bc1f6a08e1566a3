-- core.subjects from change: the changed records' shares of their subjects now (staging) and at the last build
-- (ops.subject_shares), and the aggregates of the subjects they name, now or before (a day sent again may move a
-- record to another subject: both are taken up again, and one left with no record loses its row)
create or replace temp table shares_now as
{{record_shares}};
create or replace temp table shares_before as
select * from ops.subject_shares
where {{records}};
create or replace temp table subjects_affected as
select subject_key from shares_before
union
select subject_key from shares_now;

-- A subject takes the new shares on top of its aggregate when every share these records had of it is still held
-- and has only grown (each latest value as late or later, each first day as early or earlier, each name kept): a
-- new day's delivery. One lost or shrunk (a day sent again without the record, or with other values) is computed
-- again from all its shares. Compared as max and min compare, so a share that grew is the one they keep.
create or replace temp table subjects_recomputed as
select before.subject_key
from shares_before as before
left join shares_now as now using (source, record_key, subject_key)
where now.subject_key is null
   or list_max([before.type_at, now.type_at]) is distinct from now.type_at
   or list_max([before.uscc, now.uscc]) is distinct from now.uscc
   or list_max([before.id_no_masked, now.id_no_masked]) is distinct from now.id_no_masked
   or list_max([before.name_at, now.name_at]) is distinct from now.name_at
   or list_max([before.rep_named, now.rep_named]) is distinct from now.rep_named
   or list_max([before.rep_keyed, now.rep_keyed]) is distinct from now.rep_keyed
   or now.first_reported > before.first_reported
   or now.last_reported < before.last_reported
union
select subject_key
from (
    select source, record_key, subject_key, unnest(names) as named
    from shares_before
) as named_before
where not exists (
    select 1
    from (select source, record_key, subject_key, unnest(names) as named from shares_now) as named_now
    where named_now.source = named_before.source
      and named_now.record_key = named_before.record_key
      and named_now.subject_key = named_before.subject_key
      and named_now.named.name = named_before.named.name
      and named_now.named.type is not distinct from named_before.named.type
      and named_now.named['from'] <= named_before.named['from']
);

delete from ops.subject_shares
where {{records}};
insert into ops.subject_shares by name
select * from shares_now;

create or replace temp table subject_shares_in as
select * exclude (source, record_key) from ops.subject_shares
where subject_key in (select subject_key from subjects_recomputed)
union all by name
select * from ops.subject_state
where subject_key in (select subject_key from subjects_affected)
  and subject_key not in (select subject_key from subjects_recomputed)
union all by name
select * exclude (source, record_key) from shares_now
where subject_key not in (select subject_key from subjects_recomputed);
create or replace temp table subject_state_changed as
{{state_rows}};
delete from ops.subject_state
where subject_key in (select subject_key from subjects_affected);
insert into ops.subject_state by name
select * from subject_state_changed;
drop table subject_shares_in;
