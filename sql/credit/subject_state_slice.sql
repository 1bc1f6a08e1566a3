-- core.subjects whole: the aggregates of one slice of the subjects ({{keys}}), each over all its records' shares,
-- once every slice of the records has its shares
create or replace temp view subject_shares_in as
select * exclude (source, record_key) from ops.subject_shares
where {{keys}};
insert into ops.subject_state by name
{{state_rows}};
drop view subject_shares_in;
