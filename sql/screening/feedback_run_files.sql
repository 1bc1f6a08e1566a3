-- The files this run writes, each under its hidden staging name until the run's record is committed
create or replace temp table feedback_run_files (
    file varchar,
    initiating_department varchar,
    period date,
    kind varchar,
    staged_as varchar,
    row_count bigint
)
