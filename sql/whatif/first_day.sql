-- A what-if's default window starts where the live standing history does.
select min(valid_from) from baseline.credit_standing_history
