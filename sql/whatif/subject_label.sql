-- How a what-if report names a subject: its name and its code, an ID number masked (core.subjects keeps it masked).
create or replace temp macro whatif_code(subject) as (
    select coalesce(subjects.uscc, subjects.id_no_masked) from core.subjects as subjects
    where subjects.subject_key = subject
);

create or replace temp macro whatif_name(subject) as (
    select subjects.subject_name from core.subjects as subjects where subjects.subject_key = subject
);

create or replace temp macro whatif_list_zh(list_name) as case list_name
    when 'black' then '黑名单' when 'red' then '红名单' else list_name
end;

create or replace temp macro whatif_severity_zh(severity) as case severity
    when 'serious' then '严重' when 'general' then '一般' when 'minor' then '轻微' else coalesce(severity, '—')
end;

create or replace temp macro whatif_reason_zh(reason) as case reason
    when 'black_list' then '黑名单' when 'procurement_ban' then '禁止参加政府采购' when 'upstream_list' then '上游惩戒名单'
    when 'major_violation' then '重大违法记录' else reason
end;

create or replace temp macro whatif_verdict_zh(verdict) as coalesce(
    (select verdicts.name_zh from core.screening_verdicts as verdicts where verdicts.id = verdict), verdict, '—'
);
