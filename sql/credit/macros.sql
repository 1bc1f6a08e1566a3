-- Keys for subjects. Natural persons are keyed by a salted hash of their ID number: the raw number never
-- becomes a key or leaves staging.
create or replace macro core.person_key(id_no, salt) as
    case when id_no is not null then 'P' || left(sha256(salt || upper(trim(id_no))), 24) end;

create or replace macro core.subject_key(uscc, id_no, salt) as coalesce(uscc, core.person_key(id_no, salt));

-- 主体分桶: a number from the subject key (the top 20 bits of its MD5: a standard hash, the same in every DuckDB
-- version) that the tables the credit check reads are laid out by. DuckDB's zone maps keep only the first 8 bytes of
-- a text column, '91350102' for most Gulou USCCs, so a lookup by key skipped no row group; by bucket it reads one.
create or replace macro core.subject_bucket(key) as (md5_number(key) >> 108)::integer;

-- The event id of a record's current version, from any version's ('penalties:K@2026-03-12#ban' → 'penalties:K#ban')
create or replace macro core.record_event_id(event_id) as regexp_replace(event_id, '@[0-9]{4}-[0-9]{2}-[0-9]{2}', '');

-- 名单记录编号: a list entry's public id, a hash of what names it (a black-list entry's record event id, which for a
-- person holds the ID number) salted with the secret (REFERENCE §3: an unsalted hash is reversed by trying every
-- birth date). 'E' and 31 hex digits, so an id of the older unsalted form (md5: hex only) is told apart.
create or replace macro core.list_entry_id(basis, salt) as 'E' || left(sha256(salt || '|' || basis), 31);

-- An event id names its record, and a person's record key holds the ID number: shown to staff, the number is
-- masked as in a publication (first 6 and last 4 kept).
create or replace macro core.masked_event_id(event_id) as
    regexp_replace(event_id, '([0-9]{6})[0-9]{8}([0-9]{3}[0-9X])', '\1********\2', 'g');

-- "field=value; field=value" of an objection's 更正, as a map (canonical or Chinese field names).
create or replace macro core.correction_map(text) as map_from_entries(list_transform(
    list_filter(string_split(replace(coalesce(text, ''), '；', ';'), ';'), kv -> contains(kv, '=')),
    kv -> { 'key': trim(split_part(kv, '=', 1)), 'value': trim(split_part(kv, '=', 2)) }
));

-- 证件号脱敏: the published form of an identity number, the first 6 and the last 4 kept (as creditwh.platform.codes.mask_id).
create or replace macro core.mask_id(id_no) as
    case when length(trim(id_no)) = 18 then left(trim(id_no), 6) || '********' || right(trim(id_no), 4)
         when nullif(trim(id_no), '') is not null then repeat('*', length(trim(id_no)))
         else id_no end;

-- 业务类型 in Chinese, as staff read it
create or replace macro core.business_zh(business) as
    case business when 'procurement' then '政府采购' when 'subsidy' then '财政补助'
                  when 'policy_support' then '政策扶持' when 'ppp' then 'PPP' end;

-- 反馈期间: the months a list entry in force is fed back on, from its first month to the last it was in force (the
-- month before its end) or the month of the latest day of data; none before it is in force. The trigger-feedback
-- rows and their fingerprints (kept month by month) take the months from here alike.
create or replace macro core.feedback_months(effect_from, effect_to, last_day) as
    case when effect_from <= last_day then generate_series(
        date_trunc('month', effect_from),
        date_trunc('month', least(coalesce(effect_to - 1, last_day), last_day)),
        interval 1 month
    ) else [] end;
