-- Bulk forms of the identifier checks in creditwh/codes.py (the tests hold both to the same answers),
-- and the date and amount parsers staging uses. Macros work over whole columns: no row-by-row Python.

-- GB 32100: weight of position i is 3^(i-1) mod 31; check value (31 - sum mod 31) mod 31.
create or replace macro staging.uscc_check_value(code) as (
    31 - list_sum(list_transform(
        range(1, 18),
        i -> (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[i]) - 1)
             * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i]
    )) % 31
) % 31;

create or replace macro staging.uscc_valid(code) as (
    regexp_full_match(code, '[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}')
    and strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[18]) - 1 = staging.uscc_check_value(code)
);

-- GB 11714 organisation code (9 characters): weights 3,7,9,10,5,8,4,2; A=10 ... Z=35; 10 -> X, 11 -> 0.
create or replace macro staging.org_code_check_value(code) as (
    11 - list_sum(list_transform(
        range(1, 9),
        i -> (case when code[i] between '0' and '9' then ascii(code[i]) - 48 else ascii(code[i]) - 55 end)
             * [3, 7, 9, 10, 5, 8, 4, 2][i]
    )) % 11
);

create or replace macro staging.org_code_valid(code) as (
    regexp_full_match(code, '[0-9A-Z]{8}[0-9X]')
    and code[9] = case staging.org_code_check_value(code) when 10 then 'X' when 11 then '0'
                      else staging.org_code_check_value(code)::varchar end
);

-- GB 11643 resident ID: weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; check '10X98765432'[sum mod 11].
create or replace macro staging.id_birth_date(code) as try_strptime(substr(code, 7, 8), '%Y%m%d')::date;

create or replace macro staging.id_valid(code, as_of) as (
    regexp_full_match(code, '[0-9]{17}[0-9X]')
    and staging.id_birth_date(code) <= as_of
    and code[18] = substr('10X98765432', 1 + (list_sum(list_transform(
        range(1, 18), i -> (ascii(code[i]) - 48) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]
    )) % 11)::bigint, 1)
);

-- Dates as real files write them: 2026-03-05, 2026/3/5, 2026年3月5日, 20260305, xlsx date cells
-- (read as '2026-03-05 00:00:00'), and Excel serial numbers (days since 1899-12-30).
create or replace macro staging.parse_date(text) as coalesce(
    try_strptime(trim(text), ['%Y-%m-%d', '%Y/%m/%d', '%Y年%m月%d日', '%Y%m%d', '%Y-%m-%d %H:%M:%S', '%Y.%m.%d'])::date,
    case when regexp_full_match(trim(text), '[1-9][0-9]{4}(\.0+)?')
         then date '1899-12-30' + cast(cast(trim(text) as double) as integer) end
);

-- An open-ended validity (长期, or a far-future placeholder) reads as 9999-12-31.
create or replace macro staging.parse_valid_to(text) as
    case when trim(text) in ('长期', '永久', '长期有效') then date '9999-12-31' else staging.parse_date(text) end;

-- Amounts: strip thousands separators and a trailing unit word; DECIMAL, never float, for money.
create or replace macro staging.parse_amount(text) as
    try_cast(regexp_replace(trim(text), '[,，\s]|万元$|元$', '', 'g') as decimal(18, 6));

-- The yuan amount written in 处罚内容 (e.g. 罚款人民币2000元, 罚款0.2万元), for the unit cross-check.
create or replace macro staging.fine_yuan_in_text(text) as (
    case
        when regexp_matches(text, '罚款[^0-9]{0,6}([0-9][0-9,，]*(\.[0-9]+)?)\s*万元')
        then try_cast(regexp_replace(regexp_extract(text, '罚款[^0-9]{0,6}([0-9][0-9,，]*(\.[0-9]+)?)\s*万元', 1), '[,，]', '', 'g') as decimal(18, 6)) * 10000
        when regexp_matches(text, '罚款[^0-9]{0,6}([0-9][0-9,，]*(\.[0-9]+)?)\s*元')
        then try_cast(regexp_replace(regexp_extract(text, '罚款[^0-9]{0,6}([0-9][0-9,，]*(\.[0-9]+)?)\s*元', 1), '[,，]', '', 'g') as decimal(18, 6))
    end
);

-- Text as staff typed it, without the padding: empty means absent.
create or replace macro staging.text(value) as nullif(trim(value), '');

-- Codes compare in upper case (a lower-case x check character is common in ID numbers).
create or replace macro staging.code(value) as upper(nullif(trim(value), ''));
