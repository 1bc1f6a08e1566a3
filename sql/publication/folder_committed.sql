-- Whether a staging folder's history was committed: it is then finished (renamed into place), never removed.
select count(*) > 0 from publish.publication_folders where folder = $folder;
