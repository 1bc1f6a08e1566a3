-- A written workbook's sheet read back from disk, every cell as text, for the privacy scan.
select * from read_xlsx({{path}}, sheet = {{sheet}}, all_varchar = true)
