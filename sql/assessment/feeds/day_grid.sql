-- The day grid the daily feeds count over. Days run from a feed's earliest move, so that what was open or on a
-- list before the window is carried into it, to the as-of date; rows are shown from the window's start, the first
-- reporting date the warehouse holds.
create or replace temp macro feed_window_start() as (select min(reporting_date) from quality.summary);
create or replace temp macro feed_days(earliest, as_of) as table
    select unnest(generate_series(least(earliest, feed_window_start()), as_of, interval 1 day))::date as day;
