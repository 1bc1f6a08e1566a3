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

-- Control characters: C0 except tab, line feed and carriage return (line breaks in free text are kept; the
-- publication turns them into spaces), and DEL. A NUL or a stray escape from a pasted cell is never meant.
-- The test is a cheap one first: JSON escapes every C0 character (as \u00XX, \b, \f, or \t \n \r for the three
-- kept) and quotes and backslashes, so text JSON writes at its own length plus its two quotes has none of them;
-- only text it had to escape, or with a DEL (which JSON does not escape), is read by the regular expression.
-- That costs a third of the regular expression on every value, and every text value of every row is tested.
create or replace macro staging.has_controls(value) as
    case
        when strlen(to_json(value)::varchar) = strlen(value) + 2 and not contains(value, chr(127)) then false
        else regexp_matches(value, '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]')
    end;

create or replace macro staging.without_controls(value) as
    case
        when staging.has_controls(value) then regexp_replace(value, '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]', '', 'g')
        else value
    end;

-- Control characters made visible (Unicode control pictures: NUL shows as ␀), for lists a person reads: an .xlsx
-- cannot hold them at all (XML 1.0 forbids them), and an invisible character cannot be found and corrected.
create or replace macro staging.visible_controls(value) as translate(
    value,
    chr(0) || chr(1) || chr(2) || chr(3) || chr(4) || chr(5) || chr(6) || chr(7) || chr(8) || chr(11) || chr(12)
    || chr(14) || chr(15) || chr(16) || chr(17) || chr(18) || chr(19) || chr(20) || chr(21) || chr(22) || chr(23)
    || chr(24) || chr(25) || chr(26) || chr(27) || chr(28) || chr(29) || chr(30) || chr(31) || chr(127),
    '␀␁␂␃␄␅␆␇␈␋␌␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟␡'
);

-- Text as staff typed it, without the padding and without control characters (the no_control_chars rule of
-- quality/rules.csv warns on the delivered value): empty means absent.
create or replace macro staging.text(value) as nullif(trim(staging.without_controls(value)), '');

-- Full-width ASCII (U+FF01-FF5E, ！ to ～, an input method's full-width mode) and the ASCII it stands for (U+0021-007E,
-- 0xFEE0 lower), which Unicode's compatibility form (NFKC) folds it to: DuckDB has nfc_normalize but no NFKC.
create or replace macro staging.full_width_ascii() as
    array_to_string(list_transform(range(65281, 65375), c -> chr(c::integer)), '');

create or replace macro staging.half_width_ascii() as
    array_to_string(list_transform(range(33, 127), c -> chr(c::integer)), '');

-- Printable ASCII, as nearly every code is delivered: JSON escapes every C0 character (tab and line breaks too) and
-- writes other characters as they are, so text JSON writes at its own length plus two quotes, and whose byte length is
-- its character length, holds nothing but printable ASCII or a DEL.
create or replace macro staging.is_printable_ascii(value) as
    strlen(to_json(value)::varchar) = strlen(value) + 2 and strlen(value) = length(value) and not contains(value, chr(127));

-- A code copied out of a spreadsheet, a web page or a chat, as it was meant: control characters removed, full-width
-- characters and the ideographic (U+3000) and no-break (U+00A0) spaces folded to ASCII as NFKC does, zero-width
-- characters (spaces, joiners, word joiner, byte-order mark) dropped wherever they are, and the spaces, tabs and line
-- breaks around it trimmed. A space inside the code stays: the code is then wrong, and its check says so.
create or replace macro staging.cleaned_code(value) as trim(
    regexp_replace(
        translate(
            staging.without_controls(value),
            staging.full_width_ascii() || chr(12288) || chr(160),
            staging.half_width_ascii() || '  '
        ),
        '[\x{200B}-\x{200D}\x{2060}\x{FEFF}]', '', 'g'
    ),
    ' ' || chr(9) || chr(10) || chr(13)
);

-- Codes compare in upper case (a lower-case x check character is common in ID numbers). Only a code that is not
-- printable ASCII is cleaned (the plain_code rule of quality/rules.csv warns on it); the rest are only trimmed.
create or replace macro staging.code(value) as upper(nullif(
    case when staging.is_printable_ascii(value) then trim(value) else staging.cleaned_code(value) end, ''
));

-- Whether cleaning changed the code delivered beyond its padding of plain spaces and its control characters
-- (no_control_chars warns on those): code is staging.code(delivered). (trim alone would also remove the no-break and
-- ideographic spaces this warns of.) A code delivered as it is staged, or in printable ASCII, was not cleaned: the
-- first tests are all that nearly every code costs (comparing with a trimmed upper-case copy cost seven times more).
create or replace macro staging.code_was_cleaned(code, delivered) as
    case when code = delivered then false
         when staging.is_printable_ascii(delivered) then false
         else code is distinct from upper(nullif(trim(staging.without_controls(delivered), ' '), '')) end;

-- The same for each code of a list (consortium members, separated by ; or ；).
create or replace macro staging.codes_were_cleaned(delivered) as
    case when staging.is_printable_ascii(delivered) then false else list_bool_or(list_transform(
        string_split(replace(delivered, '；', ';'), ';'), member -> staging.code_was_cleaned(staging.code(member), member)
    )) end;

-- Excel's number form of a long code. Typed into a number cell, an 18-digit code keeps 15 significant digits: Excel
-- shows it as 9.13501E+17, and written out it ends in 000 (913501004984025674 becomes 913501004984025000). Ingest
-- writes a number cell of more than 15 digits of an .xlsx in the first form (creditwh/ingest/xlsx_numbers.py).
-- Codes are upper case here (e+17 reads as E+17).
create or replace macro staging.is_excel_number(code) as
    regexp_full_match(code, '[0-9](\.[0-9]+)?E\+?[0-9]{1,2}|[0-9]{15}000');

-- The unit a row is counted under: a row that names no unit is still counted, as （未填报单位）.
create or replace macro staging.unit_label(unit) as coalesce(staging.text(unit), '（未填报单位）');

-- Identity numbers written into free text (a name, the facts, remarks), for the rule no_id_in_text and the
-- publication's mask and leak scan. A number is a run of digits, full-width ones too, that spaces and hyphens
-- may break into groups (350102 19850312 1053, 350102-19850312-1053), with a final X in either case or width.
-- A number is whole groups of such a run: an 18-character one that passes staging.id_valid, or a 15-digit one
-- (the old form: area, YYMMDD, sequence; no check character) whose YYMMDD is a real 19xx date. It is never cut
-- out of a longer unbroken digit string: a 20-digit bank account holds an ID-like run and is not an ID. Nor is a
-- licence number built as area + date + serial that fails the check character (350102202602220102); one that
-- passes it (1 in 11 do, e.g. 350102202602220101) cannot be told from an ID in free text, and is taken for one.
-- Several numbers in one run (two IDs joined by a space) are found left to right, the 18-character reading first
-- where both fit. Separators: space, ideographic and no-break space, tab, line breaks, - ‐ ‑ – — －, at most three
-- between two digits. × is read as the check character X (an input method writes it).
-- The six digits before a star and the four after one (350102********1053) are the visible ends of a number
-- already masked: never part of a number, so masking a text leaves none to find.
-- The cheap test every text passes before anything else is done: fifteen digits (separators allowed between
-- them) whose 9th to 12th read as a month and a day, MM DD. Every number found has such a stretch: the 15-digit
-- form is area (6), YY, MMDD, sequence (3); the 18-character one holds it from its 3rd character (area 4 more,
-- YYYY, MMDD, sequence). Fifteen digits alone let through every all-digit USCC and licence number, 4 in 10 of a
-- publication's rows, and each cost the whole search; this lets through 1 in 15.
-- (D: a digit, either width; S: up to three separators)
create or replace macro staging.may_hold_id(text) as regexp_matches(text, replace(replace(
    'D(?:SD){7}S(?:[0０]S[1-9１-９]|[1１]S[0-2０-２])S(?:[0-2０-２]SD|[3３]S[01０１])(?:SD){3}',
    'S', '[ 　\x{A0}\t\r\n\-‐‑–—－]{0,3}'), 'D', '[0-9０-９]'
));

create or replace macro staging.id_runs_pattern() as
    '[0-9０-９]+(?:[ 　\x{A0}\t\r\n\-‐‑–—－]{1,3}[0-9０-９]+)*[XxＸｘ×]?';

create or replace macro staging.ascii_id(text) as upper(translate(text, '０１２３４５６７８９Ｘｘ×', '0123456789XXX'));

-- An 18-character number counts by its shape and birth date, not its check character: a mistyped ID in free text
-- still gives away 17 of a person's 18 characters (a licence number written there is masked too; its own column
-- keeps it whole).
create or replace macro staging.id_in_text_valid(number) as case length(number)
    when 18 then regexp_full_match(number, '[1-9][0-9]{16}[0-9X]')
        and try_strptime(substr(number, 7, 8), '%Y%m%d')::date between date '1900-01-01' and current_date
    when 15 then regexp_full_match(number, '[0-9]{15}')
        and try_strptime('19' || substr(number, 7, 6), '%Y%m%d') is not null
    else false
end;

-- The number starting at group i of a run's groups (normalised), ending no later than group last: the longest of
-- at most two readings (15 and 18 characters), or null.
create or replace macro staging.id_at(groups, i, last) as list_filter(
    list_transform(
        range(i, least(last, i + 17) + 1),
        j -> { 'start': i, 'stop': j, 'number': array_to_string(groups[i:j], '') }
    ),
    w -> staging.id_in_text_valid(w.number)
)[-1];

-- The numbers of one run, as (start, stop, number) over its groups: left to right, none overlapping. first and
-- last are the groups that may take part (the visible ends of a masked number are left out).
create or replace macro staging.ids_in_groups(groups, first, last) as list_reduce(
    list_transform(
        list_filter(
            list_transform(range(first, last + 1), i -> staging.id_at(groups, i, last)),
            w -> w is not null
        ),
        w -> { 'stop': w.stop, 'chosen': [w] }
    ),
    (found, w) -> case when w.chosen[1].start > found.stop
        then { 'stop': w.stop, 'chosen': list_concat(found.chosen, w.chosen) } else found end,
    { 'stop': 0, 'chosen': []::struct(start bigint, stop bigint, number varchar)[] }
).chosen;

-- One run found in a text, with the text before and after it: its groups as written and normalised, the
-- separators between them, and the numbers it holds.
create or replace macro staging.id_run(run, before, after) as list_transform(
    [list_transform(regexp_extract_all(run, '[0-9０-９]+[XxＸｘ×]?'), g -> staging.ascii_id(g))],
    groups -> {
        'text': run,
        'written': regexp_extract_all(run, '[0-9０-９]+[XxＸｘ×]?'),
        'separators': regexp_extract_all(run, '[ 　\x{A0}\t\r\n\-‐‑–—－]+'),
        'ids': staging.ids_in_groups(
            groups,
            case when regexp_matches(before, '[*＊]$') and length(groups[1]) = 4 then 2 else 1 end,
            len(groups) - case when regexp_matches(after, '^[*＊]') and regexp_full_match(groups[-1], '[0-9]{6}')
                then 1 else 0 end
        )
    }
)[1];

-- Every run of a text with its context: the pieces between runs (one more than the runs) and the runs.
create or replace macro staging.id_runs(text) as list_transform(
    [{
        'pieces': regexp_split_to_array(text, staging.id_runs_pattern()),
        'runs': regexp_extract_all(text, staging.id_runs_pattern())
    }],
    parts -> {
        'pieces': parts.pieces,
        'runs': list_transform(
            range(1, len(parts.runs) + 1),
            r -> staging.id_run(parts.runs[r], parts.pieces[r], parts.pieces[r + 1])
        )
    }
)[1];

-- The identity numbers in a text, normalised (ASCII digits, upper-case X); empty for none and for NULL.
create or replace macro staging.ids_in_text(text) as case
    when text is null or not staging.may_hold_id(text) then []::varchar[]
    else staging.ids_searched(text)
end;

-- The whole search, without the cheap test first (what the test of staging.may_hold_id compares it with).
create or replace macro staging.ids_searched(text) as
    flatten(list_transform(staging.id_runs(text).runs, run -> list_transform(run.ids, w -> w.number)));

-- REFERENCE §2: the first 6 and the last 4 characters kept, the rest starred (8 stars for 18, 5 for 15).
create or replace macro staging.mask_id_number(number) as
    left(number, 6) || repeat('*', length(number) - 10) || right(number, 4);

-- A run written again with each number it holds masked (separators inside a number go with it).
create or replace macro staging.masked_run(run) as array_to_string(list_transform(
    range(1, len(run.written) + 1),
    g -> list_transform(
        [list_filter(run.ids, w -> w.start <= g and g <= w.stop)[1]],
        w -> case when g > 1 and (w is null or w.start = g) then run.separators[g - 1] else '' end
        || case when w is null then run.written[g] when w.start = g then staging.mask_id_number(w.number) else '' end
    )[1]
), '');

-- The text with every identity number in it masked, everything else as written; NULL stays NULL.
create or replace macro staging.mask_ids_in_text(text) as case
    when text is null or not staging.may_hold_id(text) then text
    else list_transform([staging.id_runs(text)], parts -> parts.pieces[1] || array_to_string(list_transform(
        range(1, len(parts.runs) + 1),
        r -> case when len(parts.runs[r].ids) = 0
            then parts.runs[r].text
            else staging.masked_run(parts.runs[r]) end || parts.pieces[r + 1]
    ), ''))[1]
end;
