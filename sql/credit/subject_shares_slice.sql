-- core.subjects whole: the shares of one slice of the records ({{records}}), each record's share of each subject it
-- names
insert into ops.subject_shares by name
{{record_shares}};
