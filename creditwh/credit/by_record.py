"""Tables kept record by record: a day's deliveries change a few thousand records of millions, and each
validation logs which (ops.record_changes, one batch per validation), so only those are derived again.

Each such table has a rows query restricted by a {{records}} filter, and may add records changed some other way
(an 更正 verdict changes a penalty without a new delivery of it; a repair changes an event's timeline). A table
applies the pending batches of the sources it reads, records every pending batch as applied
(ops.applied_batches), and may log a batch of its own for the tables it feeds: the events log the events they
derived again, and the timelines apply those. After the build, the log rows every consumer has applied are
dropped (purge). A new version (the SQL and the policy file), a batch that rebuilt a source it reads whole, or the
first build builds the table whole.

A table keyed by something the records name rather than by record (core.subjects: one row per subject, from every
record naming it) is a projection of state it keeps itself (`state`): each record's share of the keys it names, and
each key's aggregate of those. A day updates the changed records' shares and the aggregates of the keys they name,
now or at the last build, and replaces those keys' rows (`keyed`). A whole build fills that state a slice of the
records, then of the keys, at a time, so that its aggregates hold a slice in memory rather than the warehouse.

This is the cheaper sibling of creditwh/credit/by_subject.py: a fingerprint per record would hash every staging row
each day (most of what rebuilding the events costs), where the log names the changed records directly.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import duckdb

from creditwh.platform import catalog, config, manifest
from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import execute, sql
from creditwh.platform.warehouse import is_conflict, write_transaction

ALL = "true"
NONE = "false"
# A whole build of a table's own state aggregates a slice of the records, then a slice of the keys, at a time: DuckDB
# holds an aggregate's groups in memory, and the shares of 10M records in one pass ran out of its 2.5 GB
# (issue 24): one pass failed at 5.0 GB RSS, and slices of 2M rows built it in 62 s at 3.1 GB.
ROWS_PER_SLICE = 2_000_000
# the sql files refresh() and purge() run besides the table's own (what its asset's deps are derived from)
MACHINERY = (
    "validation/record_changes",
    "validation/log_changes",
    "credit/change_consumers",
    "credit/changes_pending",
    "credit/records_pending",
    "credit/consumer_current",
    "credit/consume_changes",
    "credit/purge_changes",
    "platform/replace_keyed_rows",
    "platform/rebuild_table",
)


@dataclass(frozen=True)
class KeyedState:
    """The state a table keyed by what its records name is a projection of (core.subjects: each record's share of
    each subject it names, and each subject's aggregate of its shares)."""

    start: str  # a whole build: the state emptied, shaped by its queries over no record
    shares: str  # then the records' shares, a slice of the records ({{records}}) at a time
    keys: str  # then the keys' aggregates, a slice of the keys ({{keys}}) at a time
    changed: str  # a build from change: the changed records' shares and the aggregates of the keys they name
    key: str = "subject_key"  # what the keys are sliced by

    def files(self) -> tuple[str, ...]:
        return (self.start, self.shares, self.keys, self.changed)


@dataclass(frozen=True)
class ByRecord:
    table: str  # schema.name
    rows: str  # sql/<rows>.sql: the table's select; {{records}} restricts the records it derives
    reads: tuple[str, ...]  # the log's sources it derives from (staging sources, or a table that logs)
    changed: str  # the {{records}} filter over records_changed(source, record_key); also what is deleted
    added: str | None = None  # sql adding to records_changed what changed outside the log (incremental builds)
    record: str | None = None  # sql recording, after each build, what `added` compares against
    logs: str | None = None  # if it feeds another such table: each derived record's key there, over records_changed
    uses: tuple[str, ...] = ()  # other sql files whose text the rows depend on (the macros they call)
    prepare: tuple[str, ...] = ()  # sql run first: the macros only this table reads
    # the whole build's layout: none. Both such tables are read a subject at a time by the credit check, but
    # sorting the 10M-row events in their build ran out of DuckDB's memory: the weekly maintenance sorts them
    layout: str = ""
    # a table not keyed by record, a projection of state of its own: the filter over its rows the changed records
    # replace (the keys `state` found they change), also filled into the rows as {{keyed}}
    keyed: str | None = None
    # the sql keeping that state, run before the rows in a whole build (in slices) and in one from change
    state: KeyedState | None = None
    # sql files filled into `state` as fragments ({{name}}), themselves over {{records}}
    shared: tuple[tuple[str, str], ...] = ()

    def fragments(self, records: str, keys: str = ALL) -> dict[str, str]:
        """What the rows and the state are filled with when deriving `records` (ALL: a whole build), for `keys`."""
        out = {"records": records, "keyed": ALL if records == ALL else self.keyed or ALL, "keys": keys}
        for name, file in self.shared:
            out[name] = sql(file, fragments={"records": records})
        return out

    def rows_sql(self, records: str) -> str:
        return sql(self.rows, fragments=self.fragments(records))


EVENTS = "core.credit_events"
TABLES = {
    "credit/credit_events": ByRecord(
        # the event sources, and objections: a whole rebuild of their current versions may change any correction
        EVENTS,
        "credit/credit_event_rows",
        reads=("penalties", "licenses", "upstream_lists", "procurement", "objections", "commitments"),
        changed="(source, record_key) in (select source, record_key from records_changed)",
        added="credit/event_corrections_changed",
        record="credit/event_corrections_record",
        logs="source || ':' || record_key",  # the event_id
        uses=("credit/macros", "credit/policy_tables"),
        prepare=("credit/corrections",),
    ),
    # a subject's row aggregates every delivery of every record naming it (issue 24): a day folds its changed
    # records' shares into their subjects' aggregates, rather than reading every record of a busy company again
    "credit/subjects": ByRecord(
        "core.subjects",
        "credit/subject_rows",
        reads=("penalties", "licenses", "upstream_lists", "procurement", "commitments"),
        changed="(source, record_key) in (select source, record_key from records_changed)",
        uses=("credit/macros",),
        keyed="subject_key in (select subject_key from subjects_affected)",
        state=KeyedState(
            "credit/subject_state_start",
            "credit/subject_shares_slice",
            "credit/subject_state_slice",
            "credit/subject_state_changed",
        ),
        shared=(("record_shares", "credit/subject_shares"), ("state_rows", "credit/subject_state_rows")),
        # laid out by bucket: a credit check looks one subject up (the zone maps on the integer bucket then skip
        # the other row groups). A day's changes append at the end; the weekly maintenance sorts the table again
        layout="order by subject_bucket, subject_key",
    ),
    "credit/event_timelines": ByRecord(
        "marts.event_timelines",
        "credit/event_timeline_rows",
        reads=(EVENTS,),
        # a derived event (a penalty's ban, 'penalties:<key>#ban') and a superseded version ('penalties:<key>@<day>')
        # follow their record's log entry
        changed="regexp_replace(event_id, '[@#].*$', '') in (select record_key from records_changed)",
        added="credit/timeline_cases_changed",
        record="credit/timeline_cases_record",
        prepare=("credit/timeline_cases",),
    ),
}


def refresh(con, kept: ByRecord, params: dict) -> manifest.Refreshed:
    """Bring the table up to date inside the caller's transaction."""
    version = manifest.build_version(
        params,
        kept.rows_sql(ALL),
        kept.changed,
        kept.logs or "",
        *((kept.keyed,) if kept.keyed else ()),
        *(sql(name) for name in (kept.added, kept.record, *kept.uses, *kept.prepare) if name),
        *(sql(name, fragments=kept.fragments(ALL)) for name in (kept.state.files() if kept.state else ())),
    )
    state = {"consumer": kept.table, "version": version, "sources": list(kept.reads)}
    for name in kept.prepare:
        execute(con, name)
    execute(con, "validation/record_changes")
    execute(con, "credit/change_consumers")
    execute(con, "credit/changes_pending", state)
    execute(con, "credit/records_pending", state)
    exists = catalog.table_exists(con, kept.table)
    current = exists and execute(con, "credit/consumer_current", state).fetchone()[0]
    if current and not config.whole_rebuild():
        if kept.added:
            execute(con, kept.added)
        if kept.state:
            execute(con, kept.state.changed, params, fragments=kept.fragments(kept.changed))
        execute(
            con,
            "platform/replace_keyed_rows",
            params,
            fragments={"keyed": kept.keyed or kept.changed, "rows": kept.rows_sql(kept.changed)},
            table=kept.table,
        )
        result = manifest.Refreshed(False, catalog.row_count(con, "records_changed"), "records")
    else:
        if kept.state:
            build_state(con, kept, params)
        execute(
            con,
            "platform/rebuild_table",
            params,
            fragments={"rows": kept.rows_sql(ALL), "layout": kept.layout},
            table=kept.table,
        )
        result = manifest.Refreshed(True, catalog.row_count(con, kept.table), "records")
    if kept.record:
        execute(con, kept.record)
    if kept.logs:
        execute(
            con,
            "validation/log_changes",
            {"batch_id": str(uuid.uuid4()), "source": kept.table, "whole": result.rebuilt},
            fragments={"key": kept.logs, "keys": "records_changed"},
        )
    execute(con, "credit/consume_changes", state)
    return result


def build_state(con, kept: ByRecord, params: dict) -> int:
    """A table's own state built whole, a slice at a time (ROWS_PER_SLICE); returns the number of slices."""
    assert kept.state is not None
    rows = sum(catalog.row_count(con, SOURCES[name].staging_table) for name in kept.reads if name in SOURCES)
    slices = max(1, -(-rows // ROWS_PER_SLICE))
    execute(con, kept.state.start, params, fragments=kept.fragments(NONE))
    for i in range(slices):
        execute(con, kept.state.shares, params, fragments=kept.fragments(_slice("record_key", i, slices)))
    for i in range(slices):
        execute(con, kept.state.keys, params, fragments=kept.fragments(ALL, _slice(kept.state.key, i, slices)))
    return slices


def _slice(column: str, i: int, slices: int) -> str:
    """The filter of the i-th of `slices` slices by a column's hash (any split will do: it only bounds memory)."""
    return ALL if slices == 1 else f"hash({column}) % {slices} = {i}"


def purge(con) -> None:
    """Delete the log rows every consumer has applied, in a transaction of its own after the build's commit.

    On DuckLake a delete conflicts with a concurrent insert into the same table (another run's validation logging
    its batch). Kept apart from the build, the purge alone is retried, and one that still loses leaves the rows to
    the next purge."""
    try:
        write_transaction(con, lambda: execute(con, "credit/purge_changes"))
    except duckdb.Error as exc:
        if not is_conflict(exc):
            raise
