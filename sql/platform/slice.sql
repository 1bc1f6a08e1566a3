-- One slice of an ordered query (a workbook part). A table scan keeps insertion order, so slices do not overlap.
select * from ({{query}}) limit {{limit}} offset {{offset}}
