-- The rule set as a table, so rejections can be explained and analysts can query the rules themselves.
create or replace table quality.rules as
select * from read_csv($path, header = true, all_varchar = true, auto_detect = false,
    columns = { 'id': 'VARCHAR', 'source': 'VARCHAR', 'field': 'VARCHAR', 'kind': 'VARCHAR', 'params': 'VARCHAR',
               'severity': 'VARCHAR', 'category': 'VARCHAR', 'message_zh': 'VARCHAR', 'message_en': 'VARCHAR' });
comment on table quality.rules is '数据质量规则 / the row rules of quality/rules.csv';
