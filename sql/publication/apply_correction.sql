-- An objection closed with 更正 changes what is published: its value replaces the delivered one (masked, in a
-- personal column; with any identity number in it masked, in free text). One field per statement; the corrections
-- are few.
update {{frame}}
set {{column}} = case when $personal then core.mask_id(corrections.value)
                      when $free_text then staging.mask_ids_in_text(corrections.value)
                      else corrections.value end
from publication_corrections as corrections
where corrections.record_key = {{frame}}.record_key and corrections.field = $field;
