-- The publication's rows in template order with their headers, by decision date (ISO text sorts as the date),
-- then record. Sorted here, not when the frame is built: the whole set is written only some days, and sorting
-- a province's 7.5M wide rows cost 10 s.
select {{columns}} from {{frame}}
order by decision_date, record_key
