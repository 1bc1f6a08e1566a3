-- The analysts' snapshot holds the business schemas only: the bookkeeping is dropped from the copy
drop schema if exists ops cascade;
checkpoint;
