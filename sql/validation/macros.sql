-- Bulk forms of the identifier checks in creditwh/platform/codes.py (the tests hold both to the same answers),
-- and the date and amount parsers staging uses. Macros work over whole columns: no row-by-row Python.

-- GB 32100: weight of position i is 3^(i-1) mod 31; check value (31 - sum mod 31) mod 31.
-- The sums are written out term by term: a list lambda per row was five times slower at millions of rows.
create or replace macro staging.uscc_check_value(code) as (
    31 - (
        (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[1]) - 1) * 1
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[2]) - 1) * 3
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[3]) - 1) * 9
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[4]) - 1) * 27
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[5]) - 1) * 19
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[6]) - 1) * 26
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[7]) - 1) * 16
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[8]) - 1) * 17
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[9]) - 1) * 20
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[10]) - 1) * 29
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[11]) - 1) * 25
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[12]) - 1) * 13
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[13]) - 1) * 8
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[14]) - 1) * 24
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[15]) - 1) * 10
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[16]) - 1) * 30
        + (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[17]) - 1) * 28
    ) % 31
) % 31;

create or replace macro staging.uscc_valid(code) as (
    regexp_full_match(code, '[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}')
    and strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', code[18]) - 1 = staging.uscc_check_value(code)
);

-- GB 11714 organisation code (9 characters): weights 3,7,9,10,5,8,4,2; A=10 ... Z=35; 10 -> X, 11 -> 0.
create or replace macro staging.org_char_value(c) as
    case when c between '0' and '9' then ascii(c) - 48 else ascii(c) - 55 end;

create or replace macro staging.org_code_valid(code) as (
    regexp_full_match(code, '[0-9A-Z]{8}[0-9X]')
    and code[9] = substr('123456789X0', 11 - (
        staging.org_char_value(code[1]) * 3
        + staging.org_char_value(code[2]) * 7
        + staging.org_char_value(code[3]) * 9
        + staging.org_char_value(code[4]) * 10
        + staging.org_char_value(code[5]) * 5
        + staging.org_char_value(code[6]) * 8
        + staging.org_char_value(code[7]) * 4
        + staging.org_char_value(code[8]) * 2
    ) % 11, 1)
);

-- GB 11643 resident ID: weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; check '10X98765432'[sum mod 11].
create or replace macro staging.id_birth_date(code) as try_strptime(substr(code, 7, 8), '%Y%m%d')::date;

create or replace macro staging.id_valid(code, as_of) as (
    regexp_full_match(code, '[0-9]{17}[0-9X]')
    and staging.id_birth_date(code) <= as_of
    and code[18] = substr('10X98765432', 1 + ((
        (ascii(code[1]) - 48) * 7
        + (ascii(code[2]) - 48) * 9
        + (ascii(code[3]) - 48) * 10
        + (ascii(code[4]) - 48) * 5
        + (ascii(code[5]) - 48) * 8
        + (ascii(code[6]) - 48) * 4
        + (ascii(code[7]) - 48) * 2
        + (ascii(code[8]) - 48) * 1
        + (ascii(code[9]) - 48) * 6
        + (ascii(code[10]) - 48) * 3
        + (ascii(code[11]) - 48) * 7
        + (ascii(code[12]) - 48) * 9
        + (ascii(code[13]) - 48) * 10
        + (ascii(code[14]) - 48) * 5
        + (ascii(code[15]) - 48) * 8
        + (ascii(code[16]) - 48) * 4
        + (ascii(code[17]) - 48) * 2
    ) % 11)::bigint, 1)
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
-- One regular expression with two groups: the number and an optional 万.
create or replace macro staging.fine_yuan_in_text_parts(parts) as
    try_cast(replace(replace(parts.amount, ',', ''), '，', '') as decimal(18, 6))
    * case when parts.unit = '万' then 10000 else 1 end;

create or replace macro staging.fine_yuan_in_text(text) as staging.fine_yuan_in_text_parts(
    regexp_extract(text, '罚款[^0-9]{0,6}([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万?)元', ['amount', 'unit'])
);

-- Text as staff typed it, without the padding: empty means absent.
create or replace macro staging.text(value) as nullif(trim(value), '');

-- Codes compare in upper case (a lower-case x check character is common in ID numbers).
create or replace macro staging.code(value) as upper(nullif(trim(value), ''));

-- The unit a row is counted under: a row that names no unit is still counted, as （未填报单位）.
create or replace macro staging.unit_label(unit) as coalesce(staging.text(unit), '（未填报单位）');
