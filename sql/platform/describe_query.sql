-- A query's columns and their types, in order, without running it.
describe ({{query}});
