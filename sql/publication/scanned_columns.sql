-- The columns of a list publication the privacy scan reads: all but two salted hashes this warehouse makes, which
-- hold no one's number: 名单记录编号 ('E' and 31 hex digits) and a person's subject key ('P' and 64 hex digits;
-- kept for the publication log, never written to a file). A run of 15 of their digits has a first-generation ID's
-- shape by chance: the 1M-row bench's black list was refused for three entry ids, the 10M-row bench's for subject
-- keys.
select columns(c -> c not in ('entry_id', '名单记录编号', 'subject_key')) from {{relation}}
