-- A part written again (or gone) on a full-set day: the one in force until now ends, the new one begins
update publish.double_publicity_parts set in_force_to = $as_of::date
where source = $source and part = $part and in_force_to is null;

insert into publish.double_publicity_parts
select $source, $part, $fingerprint, $folder, $files, $rows, $as_of::date, null
where $rows > 0;
