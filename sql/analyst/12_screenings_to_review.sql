-- 筛查复核: screenings whose restriction as known on the screening date differs from what is now known to have
-- been true that day. The verdict given stands (it was fair as known then); each row is for retrospective review:
-- clear_then_restricted_now (a record delivered after the screening), restricted_then_clear_now (a record since
-- revoked, or an objection accepted before the screening but delivered after it).
select review, review_zh, business, reference, title, role, subject_name, screening_date, outcome, verdict,
       records_then, reasons_now, records_now, source_unit, source_file, source_row
from marts.screening_review
order by review, screening_date desc, reference;
