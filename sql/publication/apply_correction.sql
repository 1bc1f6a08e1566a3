-- An objection closed with 更正 changes what is published: its value replaces the delivered one (masked, in a
-- personal column). One field per statement; the corrections are few.
update {{frame}}
set {{column}} = case when $personal then core.mask_id(corrections.value) else corrections.value end
from publication_corrections as corrections
where corrections.record_key = {{frame}}.record_key and corrections.field = $field;
