"""Partitioning: one partition per reporting date (the day the bureau received a delivery)."""

import dagster as dg

# Fuzhou time: a file received at 23:30 belongs to that Chinese calendar day.
TIMEZONE = "Asia/Shanghai"
# Deliveries older than this are historical back-loads; widen it if older folders turn up.
FIRST_REPORTING_DATE = "2024-01-01"

daily_partitions = dg.DailyPartitionsDefinition(
    start_date=FIRST_REPORTING_DATE,
    timezone=TIMEZONE,
    end_offset=1,  # today's folder can be ingested today, as files arrive
)
