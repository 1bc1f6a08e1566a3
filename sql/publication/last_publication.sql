select max(as_of) from publish.double_publicity_runs where source = $source;
