-- A table's rows with the columns as given (names, casts, headers)
select {{columns}} from {{table}}
