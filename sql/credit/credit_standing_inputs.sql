-- What a subject's standing history is computed from: its event timelines (an order-free sum of row hashes)
select subject_key, sum(hash(timeline)::hugeint) as fingerprint
from marts.event_timelines as timeline
group by subject_key
