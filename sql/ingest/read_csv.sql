-- One landing CSV into a temp table, every value as text. A line with the wrong number of fields does not
-- fail the file: store_rejects routes it, with its line number and content, to landed_rejects.
drop table if exists landed_rejects;
drop table if exists landed_reject_scans;
create or replace temp table landed_csv as
select *
from read_csv(
    $path,
    header = false,
    skip = $skip,             -- title rows and the header row, already mapped in Python
    columns = $columns,       -- canonical names, all VARCHAR: typing is staging's job
    delim = $delim,
    quote = '"',
    escape = '"',
    auto_detect = false,
    store_rejects = true,
    rejects_table = 'landed_rejects',
    rejects_scan = 'landed_reject_scans',
    max_line_size = 16777216  -- 违法事实 can be long; 16 MB per line is far beyond any real record
);
