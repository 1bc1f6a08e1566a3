-- 国家模板格式 (REFERENCE §3 "Publication form"): how each value is written in a file the platform imports.
-- Dates as YYYY/MM/DD; an open-ended validity (长期, 9999-12-31, 2099-12-31 on input) as 2099/12/31, which the
-- template defines as "长期".
create or replace macro publish.form_date(value) as
    case when try_cast(value as date) >= date '2099-12-31' then '2099/12/31'
         else strftime(try_cast(value as date), '%Y/%m/%d') end;

-- 当前状态 as the template's code: 1 有效, 2 无效. A record under objection is still in force (it stays published).
-- A value the template does not know is written as delivered: the conformance check names it.
create or replace macro publish.form_status(value) as
    case when trim(value) in ('1', '有效', '异议') then '1'
         when trim(value) in ('2', '0', '无效', '撤销') then '2'
         else value end;

-- Free text on one line: a line break inside a value would split the record for a line-based importer.
create or replace macro publish.form_text(value) as
    regexp_replace(value, '[ \t]*(\r\n|\r|\n)+[ \t]*', ' ', 'g');

-- An amount in 万元 as a plain number: 7.65, not the DECIMAL's 7.650000.
create or replace macro publish.form_amount(value) as
    case when contains(value, '.') then rtrim(rtrim(value, '0'), '.') else value end;
