-- One macro per rule kind of quality/rules.csv: true when a value passes. NULL means "not present", which
-- only the required kinds reject. The validator (quality/compile.py) calls these with each rule's fields.

create or replace macro ops.ok_required(value, applies) as
    not applies or (value is not null and trim(value) <> '');

create or replace macro ops.ok_enum(value, allowed, other_prefix) as
    value is null or list_contains(allowed, trim(value)) or starts_with(trim(value), other_prefix);

-- Several kinds joined by ; (full- or half-width); empty pieces from a trailing ; are harmless.
create or replace macro ops.ok_enum_multi(value, allowed, other_prefix) as
    value is null or list_bool_and(list_transform(
        string_split(replace(value, '；', ';'), ';'),
        piece -> trim(piece) = '' or list_contains(allowed, trim(piece)) or starts_with(trim(piece), other_prefix)
    ));

-- Code kinds receive the typed column: cleaned and upper-cased once in staging/typed_<source>.sql. A code in
-- Excel's number form is left to the excel_number rule, which says what happened and how to fix it: the clerk is
-- given one reason, not a check character too. (The number form is only tested where the check fails.)
create or replace macro ops.ok_uscc(code) as
    case when code is null or staging.uscc_valid(code) then true else staging.is_excel_number(code) end;

-- A list of codes (consortium members, already split and normalised)
create or replace macro ops.ok_uscc_list(codes) as
    codes is null or len(codes) = 0 or list_bool_and(list_transform(codes, member -> staging.uscc_valid(member)));

-- Only read where the code has the USCC shape; a USCC with a bad check character is rejected by its own
-- rule, so checking it again here would only double the cost of the most expensive rule.
create or replace macro ops.ok_org_code(code) as
    code is null or length(code) <> 18 or staging.org_code_valid(substr(code, 9, 9));

create or replace macro ops.ok_id_number(code, as_of) as
    case when code is null or staging.id_valid(code, as_of) then true else staging.is_excel_number(code) end;

-- A code in Excel's number form, unless it passes its own check (valid_code: 1 real code in about 30,000 ends in 000).
create or replace macro ops.ok_excel_number(code, valid_code) as
    case when code is null or not staging.is_excel_number(code) then true else valid_code end;

-- Dates and amounts are parsed once, in the typed step: a value was delivered but did not parse.
create or replace macro ops.ok_parsed(delivered, parsed) as
    delivered is null or trim(delivered) = '' or parsed is not null;

create or replace macro ops.ok_date_order(earlier, later) as
    earlier is null or later is null or earlier <= later;

create or replace macro ops.ok_non_negative(amount) as
    amount is null or amount >= 0;

-- 罚款金额 is in 万元: a value equal to the yuan amount written in 处罚内容 is 10,000 times too large.
create or replace macro ops.ok_amount_unit(amount_10k, yuan_in_text) as
    amount_10k is null or amount_10k = 0 or yuan_in_text is null or amount_10k <> yuan_in_text;

-- Control characters in the delivered value (staging removed them): fields lists the row's fields that held one,
-- and is null for a row that held none (compile.py's raw_struct reads the raw row once, then only rows with one).
create or replace macro ops.ok_no_control_chars(fields, field) as
    fields is null or not list_contains(fields, field);

-- A code delivered with invisible or full-width characters (staging cleaned it): fields lists the row's code fields
-- that held one, and is null for a row that held none (compile.py's raw_struct).
create or replace macro ops.ok_plain_code(fields, field) as
    fields is null or not list_contains(fields, field);

-- An identity number written into free text: the publication masks it, the source should not hold it.
create or replace macro ops.ok_no_id_in_text(value) as
    value is null or len(staging.ids_in_text(value)) = 0;
