-- The embedded file: write the WAL into the file and reclaim the space of dropped and replaced tables.
checkpoint;
