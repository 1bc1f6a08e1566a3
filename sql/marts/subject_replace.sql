-- Replace just the affected subjects' rows
delete from {{table}} where subject_key in (select subject_key from subjects_affected);
insert into {{table}} by name
{{rows}};
