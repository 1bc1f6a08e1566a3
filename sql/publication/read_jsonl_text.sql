-- A published JSON Lines file read back from disk, every value as text
select * from read_json({{path}}, format = 'newline_delimited', columns = {{columns}})
