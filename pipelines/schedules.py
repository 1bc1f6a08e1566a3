"""Schedules, in Fuzhou time."""

import dagster as dg

from pipelines.jobs import daily_job, maintenance_job

# 06:30 Asia/Shanghai, for the previous reporting date: files that arrived during the day are picked up
# by the landing sensor as they come; this run closes the day before staff start work.
daily_schedule = dg.build_schedule_from_partitioned_job(
    daily_job,
    hour_of_day=6,
    minute_of_hour=30,
    name="daily_warehouse_schedule",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

# Sunday 03:00, when no delivery is processed: compaction rewrites files the daily run would otherwise contend for.
maintenance_schedule = dg.ScheduleDefinition(
    job=maintenance_job,
    cron_schedule="0 3 * * 0",
    execution_timezone="Asia/Shanghai",
    name="weekly_maintenance_schedule",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
