-- The parts of a source's whole set in force after this publication: what the day's manifest lists
select part, folder, files, rows
from publish.double_publicity_parts
where source = $source and in_force_to is null
order by part;
