-- Each part to write again as the frame holds it (rows and the order-free sum of content hashes): it must be what
-- the history shows, or the files would not be the set the change files add up to
select digest.part, count(*) as frame_rows, sum(hash(digest.record_key, digest.content_hash)) as content_sum
from {{frame}}_digest as digest
where list_contains($parts, digest.part)
group by digest.part
order by digest.part;
