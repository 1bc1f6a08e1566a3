-- One file this run writes
insert into feedback_run_files values ($file, $department, $period::date, $kind, $staged_as, $row_count)
