-- The publication's rows in template order with their headers, in the order the frame was built
-- (decision date, then record)
select {{columns}} from {{frame}}
