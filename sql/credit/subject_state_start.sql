-- core.subjects whole, first: its state emptied, shaped by the queries over no record ({{records}} is false). Each
-- record's share of each subject it names (ops.subject_shares) and each subject's aggregate of its shares
-- (ops.subject_state, which the table projects: credit/subject_rows) are then filled a slice at a time
-- (credit/subject_shares_slice, credit/subject_state_slice, through creditwh/credit/by_record.build_state).
create or replace table ops.subject_shares as
{{record_shares}};
comment on table ops.subject_shares is '记录对主体的贡献 / each record''s share of each subject it names, as core.subjects was last built';
create or replace temp view subject_shares_in as
select * exclude (source, record_key) from ops.subject_shares;
create or replace table ops.subject_state as
{{state_rows}};
comment on table ops.subject_state is '主体聚合 / each subject''s aggregate of its records'' shares: what core.subjects shows';
drop view subject_shares_in;
