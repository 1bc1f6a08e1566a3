-- A published CSV read back from disk, every value as text, in the dialect it was written in (the sniffer
-- guesses "no quoting" when the first 20k lines happen to need none)
select * from read_csv({{path}}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
