-- The staging folder this publication's history is committed with (in the same transaction).
insert into publish.publication_folders values ($publication, $as_of::date, $folder);
