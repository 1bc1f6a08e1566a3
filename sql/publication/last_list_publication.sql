select max(as_of) from publish.list_publication_runs where list = $list;
