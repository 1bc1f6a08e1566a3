"""The sources the sample generator writes, in a fixed order that also fixes each source's random stream.

Lookups go through `creditwh.platform.sources.SOURCES`; `applications` is filled in here when the registry does not list
it (yet), so the generator does not depend on when the registry learns about a source.
"""

from __future__ import annotations

from creditwh.platform.sources import SOURCES as _REGISTRY
from creditwh.platform.sources import Source

APPLICATIONS = Source(
    "applications", "财政补助与政策扶持申请", "application_fields.csv", "application_no", "source_unit"
)

SOURCES: dict[str, Source] = {**_REGISTRY}
SOURCES.setdefault(APPLICATIONS.name, APPLICATIONS)

# Generation order. A source's position is its random stream (seed, day, position, ...): new sources go at the end,
# so adding one leaves every earlier source's files byte for byte as they were.
GENERATED = (
    "licenses",
    "penalties",
    "procurement",
    "upstream_lists",
    "repairs",
    "objections",
    "applications",
    "commitments",
)
