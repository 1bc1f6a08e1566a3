-- An objection closed with 更正 changes what is published: its value replaces the delivered one, read as staging
-- reads a delivered value (a date in any accepted form, 长期, an amount with its unit), masked in a personal column,
-- with any identity number in it masked in free text. One field per statement; the corrections are few.
update {{frame}}
set {{column}} = case $kind
    when 'mask' then core.mask_id(corrections.value)
    when 'date' then cast(staging.parse_valid_to(corrections.value) as varchar)
    when 'amount' then cast(staging.parse_amount(corrections.value) as varchar)
    when '' then staging.mask_ids_in_text(corrections.value)
    else corrections.value
end
from publication_corrections as corrections
where corrections.record_key = {{frame}}.record_key and corrections.field = $field;
