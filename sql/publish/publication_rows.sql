-- The publication's rows in template order with their headers, in the order the frame was built (for a full
-- set: decision date, then record)
select {{columns}} from {{frame}}
