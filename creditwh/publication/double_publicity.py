"""双公示 publication: the national template files for the city platform, with identity numbers masked.

The publication is built and written by DuckDB: a temp table per source (masked, corrected), the change feed
against the previous publication, and COPY to CSV, JSON Lines and .xlsx. Nothing of the size of the
publication passes through Python, so a province's 7.5M records stream to disk under the memory limit.
A day builds only the records whose publication may have changed (changed_records.sql: the change log, records
entering or leaving publication, corrections); the rest is as the history shows. The day's changes are the upload;
the whole set in force is written every full_set_every_days (policy) or on request, in parts by source and decision
month, and only the parts whose content changed are written again (creditwh/publication/full_set.py).

Identity numbers, in three layers (REFERENCE §2, §3). The personal columns are masked whole, and any number
written inside other text is masked where it stands, however it is written (staging.mask_ids_in_text). A new or
changed record that still holds one (a person's own ID as its document number) is held back alone, and named by
file, row and field (hold_back). Then two guards stop everything: the frame is scanned before anything is
written, and the written files are read back from disk before the folder is put in place. Document numbers and
registration codes may have an ID's shape by chance: see DOCUMENT_NUMBER_COLUMNS and CODE_COLUMNS.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from creditwh.platform import catalog, config
from creditwh.platform.codes import mask_id
from creditwh.platform.manifest import build_version
from creditwh.platform.outputs import XLSX_MAX_ROWS, copy_query, labelled, write_xlsx_query
from creditwh.platform.policy import full_set_every_days, objection_withholds
from creditwh.platform.sources import get_source
from creditwh.platform.sql import execute, quote_identifier, quote_literal, raw_text, select_list, sql
from creditwh.platform.warehouse import rollback_quietly
from creditwh.publication import full_set as full_set_parts
from creditwh.publication.folder import StagedFolder, staged_folder

PUBLISHED_SOURCES = ("licenses", "penalties")


def _named_as_published(how: str) -> list[str]:
    """Every name (canonical, Chinese, template header) of the published fields written `how` (field tables)."""
    return sorted(
        {
            name
            for source in PUBLISHED_SOURCES
            for f in get_source(source).fields
            if f.publication == how
            for name in (f.canonical, f.name_zh, f.template_header)
        }
    )


# The field tables (creditwh/platform/fields/*_fields.csv, column "publication") mark the columns masked on publication and
# the document numbers
PERSONAL_COLUMNS = tuple(
    sorted({f.canonical for source in PUBLISHED_SOURCES for f in get_source(source).fields if f.publication == "mask"})
)
# Some offices number licenses as region + date + serial (350102 20260222 0101): 1 in 11 such numbers passes the
# ID check character by chance (found by the benchmark at 20k rows). The number is public by the 双公示 standard,
# so in these columns only a number that is the ID of a person the warehouse knows counts as a leak.
DOCUMENT_NUMBER_COLUMNS = _named_as_published("document_number")
# Registration codes (工商注册号, 税务登记号, …) are published as they are: an old 15-digit 工商注册号 has the shape of
# a first-generation ID (350102 200305 127), so in these columns only an 18-character number that passes the ID
# check counts as a leak (a 税务登记号 built from an owner's ID does).
CODE_COLUMNS = _named_as_published("code")


class UnmaskedIdentityNumber(RuntimeError):
    """A publication output contains an identity number: nothing is published."""


class PublicationOrderError(RuntimeError):
    """A day earlier than the last publication cannot be published: the history only moves forward."""


@dataclass
class Published:
    source: str
    rows: int
    files: list[Path]
    changes: dict[str, int]
    notes: list[str]
    full_set: date | None  # the day of the full set this day's changes apply to (as_of when written today)
    built: int = 0  # the records the day's frame was built for: the changed ones, or all on a whole build


def frame_table(source: str) -> str:
    return f"publication_{source}"


def build_frame(con, source: str, as_of: date, records: str = "true", table: str | None = None) -> str:
    """Temp table of the records in publication on as_of: record_key, then the template columns as text,
    identity numbers masked (the personal columns whole, and any number written inside free text), corrections
    applied; and <frame>_digest, each record's content hash and part of the whole set. A record that still carries
    an identity number (a person's own ID as a document number) is held back, alone: see hold_back. `records`
    narrows it (a filter over core.credit_events as events): a day's changed records, or the parts of the whole set
    to write again. Returns the frame's name."""
    execute(con, "credit/macros")
    execute(con, "validation/macros")  # the identity-number macros: staging.ids_in_text, staging.mask_ids_in_text
    table = table or frame_table(source)
    execute(
        con,
        "publication/double_publicity",
        {"as_of": as_of, "objection_withholds": objection_withholds()},
        fragments={"columns": frame_columns(source), "records": records},
        table=f"staging.{source}",  # every version: the frame takes the one delivered by as_of
        frame=table,
    )
    _apply_corrections(con, source, as_of, table)
    execute(con, "publication/frame_digest", frame=table)
    hold_back(con, source, as_of, table)
    return table


def frame_columns(source: str) -> str:
    return select_list([(_published_value(f), f.canonical) for f in get_source(source).fields])


def _published_value(f) -> str:
    """A template column as published: personal IDs masked whole; document numbers, dates and codes as they are;
    any identity number written inside other text masked where it stands (REFERENCE §2)."""
    if f.canonical in PERSONAL_COLUMNS:
        return f"core.mask_id({_text_of(f.canonical)})"
    if f.publication in ("document_number", "code", "date", "status_code", "amount"):
        return _text_of(f.canonical)
    return f"staging.mask_ids_in_text({_text_of(f.canonical)})"


def hold_back(con, source: str, as_of: date, table: str) -> None:
    """Take out of the frame, alone, each new or changed record that still carries an identity number after masking
    (in a document-number column, the ID of a person the warehouse knows: it cannot be masked without changing the
    record's key). The rest is published. Kept in <frame>_held as (record_key, column, masked number, file, row,
    unit) for the run notes and the unit's correction."""
    from creditwh.platform.config import id_salt

    execute(con, "publication/log_tables")  # the history: only new and changed content needs the scan
    unpublished = sql("publication/unpublished_rows", fragments={"source": quote_literal(source)}, frame=table)
    execute(
        con,
        "publication/hold_back",
        {"as_of": as_of, "document_columns": DOCUMENT_NUMBER_COLUMNS, "code_columns": CODE_COLUMNS, "salt": id_salt()},
        fragments={"relation": f"({unpublished})"},
        table=f"staging.{source}",
        frame=table,
    )


def _text_of(column: str) -> str:
    return f"cast(latest.{quote_identifier(column)} as varchar)"


def _apply_corrections(con, source: str, as_of: date, table: str) -> None:
    """An objection closed with 更正 changes what is published: its values replace the delivered ones."""
    canonical = {f.name_zh: f.canonical for f in get_source(source).fields} | {
        f.canonical: f.canonical for f in get_source(source).fields
    }
    corrections = execute(con, "publication/corrections", {"as_of": as_of}, table=f"staging.{source}_latest").pl()
    corrections = corrections.with_columns(corrections["field"].replace_strict(canonical, default=None))
    corrections = corrections.filter(corrections["field"].is_not_null())
    if corrections.is_empty():
        return
    kinds = {f.canonical: f.publication for f in get_source(source).fields}  # how the column is published
    con.register("publication_corrections", corrections)
    try:
        for field in corrections["field"].unique().sort().to_list():
            execute(
                con,
                "publication/apply_correction",
                {"field": field, "kind": kinds[field]},
                fragments={"column": quote_identifier(field)},
                frame=table,
            )
    finally:
        con.unregister("publication_corrections")


def unmasked_ids(con, relations: dict) -> list[tuple[object, str, str]]:
    """(name, column, number) for every valid identity number anywhere in each relation's text (name: a table
    name or a table function). In a document-number column, only the ID of a person the warehouse knows is a
    finding."""
    from creditwh.platform.config import id_salt

    execute(con, "validation/macros")  # the ID check and the person key: once for every relation
    execute(con, "credit/macros")
    params = {"document_columns": DOCUMENT_NUMBER_COLUMNS, "code_columns": CODE_COLUMNS, "salt": id_salt()}
    return [
        (name, column, number)
        for name, relation in relations.items()
        for column, number in execute(
            con, "publication/unmasked_ids", params, fragments={"relation": relation}
        ).fetchall()
    ]


def folder_committed(con, token: str) -> bool:
    return execute(con, "publication/folder_committed", {"folder": token}).fetchone()[0]


def refuse_files_with_ids(con, files: list[Path], scanned: Callable[[str], str] = lambda relation: relation) -> None:
    """Raise if any written file, read back from disk, holds an identity number: the folder is then never put in
    place and the history is not committed. `scanned` narrows each file's relation (the lists leave out their
    entry ids)."""
    leaks = scan_files_for_ids(con, files, scanned)
    if leaks:
        raise UnmaskedIdentityNumber(
            "写出的公示文件中发现身份证号码，本次未发布 / an identity number in the written files, nothing was "
            f"published: {leaks[:10]}"
        )


def refuse_unmasked(con, relations: dict[str, str]) -> None:
    """Raise before anything is written if any relation (name: table) holds an unmasked identity number."""
    leaks = [(name, column, mask_id(number)) for name, column, number in unmasked_ids(con, relations)]
    if leaks:
        raise UnmaskedIdentityNumber(
            "公示数据中发现未脱敏的身份证号码，已停止发布 / unmasked identity numbers in the publication, nothing "
            f"was published: {leaks[:10]}"
        )


def publish_double_publicity(
    con, as_of: date, out_dir: Path, header: str = "zh", full_set: bool | None = None
) -> list[Published]:
    """Write the day's changes per source into out_dir/<as_of>/: the import file (CSV with BOM and .xlsx, the
    national template's columns only) and its operations list (新增/更新/撤下, with the reason for a withdrawal);
    and the whole set in force, in parts, when it is due (see full_set_due) or full_set is True.

    The day's changes come from the records whose publication may have changed (changed_records.sql: the change
    log, what enters or leaves publication, corrections): only they are built and compared with the history. The
    first publication, a new version of the SQL or policy, or a source validated whole builds every record.

    The folder appears whole or not at all (creditwh/publication/folder.py), and the publication history is
    committed only once it is in place: a run killed halfway leaves the last good publication and history."""
    folder = out_dir / as_of.isoformat()
    last_full = last_full_set(out_dir, as_of)
    write_whole = full_set if full_set is not None else full_set_due(folder, last_full, as_of)
    execute(con, "publication/log_tables")  # the history: what the scan may skip, and where this publication goes
    changes = _pending_changes(con)
    incremental = _changed_records(con, as_of, changes)
    records = CHANGED_EVENTS if incremental else EVERY_RECORD
    tables = {source: build_frame(con, source, as_of, records) for source in PUBLISHED_SOURCES}
    execute(con, "publication/national_form")
    # No second scan of the frame here: hold_back (in build_frame) has just taken out every new or changed record
    # the ID test flags, and the same test over the same rows found nothing by construction (it cost a sixth of a
    # first publication). The guard that does not share the frame's logic is the read-back of the written files
    # below (refuse_files_with_ids), before the folder is put in place.
    about: dict = {"as_of": as_of.isoformat(), "publication": "双公示 / double publicity", "full_set": write_whole}
    results: list[Published] = []
    committed = []

    def commit(token: str) -> None:
        execute(con, "publication/log_folder", {"publication": "double_publicity", "as_of": as_of, "folder": token})
        con.execute("commit")
        committed.append(token)

    con.execute("begin transaction")
    try:
        with staged_folder(folder, about, commit, lambda token: folder_committed(con, token)) as stage:
            for source, table in tables.items():
                results.append(
                    _write_source(con, stage, source, table, as_of, header, write_whole, last_full, incremental)
                )
            if write_whole:  # the manifest lists every part in force, wherever it lies
                about["parts"] = [part for source in PUBLISHED_SOURCES for part in full_set_parts.in_force(con, source)]
            execute(con, "credit/consume_changes", changes)
            # the files themselves, read back before anyone can take them: the masking, the hold-back and the
            # guard above all read the frame, not what reached the disk. Only this run's files: a part written on
            # an earlier day was read back that day, and the manifest holds its hash.
            refuse_files_with_ids(con, stage.staged([f for r in results for f in r.files]))
    except BaseException:
        if not committed:
            rollback_quietly(con)
        raise
    return results


# The frame's filter (over core.credit_events as events): every record, the day's candidates, or the records of
# the parts of the whole set written again
EVERY_RECORD = "true"
CHANGED_EVENTS = "(events.source, events.record_key) in (select source, record_key from publication_candidates)"
PART_EVENTS = "(events.source, events.record_key) in (select source, record_key from publication_part_records)"
# The history's, in the change feed: only the candidates' history is compared with a frame of candidates
CHANGED_HISTORY = "history.record_key in (select record_key from publication_candidates where source = $source)"
CONSUMER = "publish.double_publicity"
# the SQL a day's frame and change feed are built with: a change of any builds every record once
FRAME_SQL = (
    "publication/double_publicity",
    "publication/corrections",
    "publication/apply_correction",
    "publication/frame_digest",
    "publication/hold_back",
    "publication/unpublished_rows",
    "publication/change_feed",
    "publication/changed_records",
    "validation/macros",
    "credit/macros",
)


def _pending_changes(con) -> dict:
    """The change log's batches this publication has not applied (temp tables batches_pending and
    records_changed), and the state it records as applied with its history (credit/consume_changes)."""
    version = build_version(
        {"objection_withholds": objection_withholds(), "columns": [frame_columns(s) for s in PUBLISHED_SOURCES]},
        *(raw_text(name) for name in FRAME_SQL),
    )
    state = {"consumer": CONSUMER, "version": version, "sources": list(PUBLISHED_SOURCES)}
    for name in ("validation/record_changes", "credit/change_consumers", "credit/changes_pending"):
        execute(con, name, state)
    execute(con, "credit/records_pending", state)
    return state


def _changed_records(con, as_of: date, state: dict) -> bool:
    """Fill publication_candidates with the records whose publication may differ from the history's, and say
    whether that is enough: not when nothing was published before, the history predates parts or intervals, the
    version changed, a pending batch validated a source whole, or on a --rebuild (then every record is built)."""
    execute(con, "publication/candidates_table")
    if config.whole_rebuild():
        return False
    if catalog.table_exists(con, "publish.double_publicity_log"):
        return False  # the older daily log: migrated by this run (_log_and_diff)
    if execute(con, "publication/history_parts_missing").fetchone()[0]:
        return False
    if not execute(con, "credit/consumer_current", state).fetchone()[0]:
        return False
    for source in PUBLISHED_SOURCES:
        last = execute(con, "publication/previous_publication", {"source": source, "as_of": as_of}).fetchone()[0]
        if last is None:
            return False
        execute(
            con,
            "publication/changed_records",
            {"as_of": as_of, "last": last, "source": source, "objection_withholds": objection_withholds()},
            table=f"staging.{source}",
        )
    return True


def national_form(source: str, header: str = "zh", relation: str = "") -> list[tuple[str, str]]:
    """(expression over the frame, header) for each template column, written as the platform imports it
    (REFERENCE §3): the template's own headers, dates as YYYY/MM/DD with 2099/12/31 for 长期, 当前状态 as 1/2,
    amounts without trailing zeros, free text on one line."""
    columns = []
    for f in get_source(source).fields:
        value = relation + quote_identifier(f.canonical)
        if f.publication == "date":
            value = f"publish.form_date({value})"
        elif f.publication == "status_code":
            value = f"publish.form_status({value})"
        elif f.publication == "amount":
            value = f"publish.form_amount({value})"
        else:
            value = f"publish.form_text({value})"
        columns.append((value, f.template_header if header == "zh" else f.code))
    return columns


OPERATION_HEADERS = [
    ("import_row", "导入文件行号"),
    ("action", "操作"),
    ("decision_doc_no", "决定文书号"),
    ("subject_name", "行政相对人名称"),
    ("reason", "撤下原因"),
]


def _write_source(
    con,
    stage: StagedFolder,
    source: str,
    table: str,
    as_of: date,
    header: str,
    write_whole: bool,
    last_full,
    incremental: bool,
) -> Published:
    changes = _log_and_diff(con, source, as_of, table, CHANGED_HISTORY if incremental else EVERY_RECORD)
    if not incremental:  # every record built: each published record's part is known, whatever the history held
        execute(con, "publication/log_parts", {"source": source}, frame=table)
    execute(con, "publication/log_held", {"as_of": as_of, "source": source}, held=f"{table}_held")
    form = national_form(source, header)
    rows = execute(con, "publication/shown_count", {"source": source}).fetchone()[0]
    built = catalog.row_count(con, table)
    imported = changes.get("新增", 0) + changes.get("更新", 0)
    changed, changed_bom = labelled(
        "publication/change_rows", national_form(source, header, "frame."), frame=table, changes=f"{table}_changes"
    )
    execute(
        con,
        "publication/change_operations",
        {"as_of": as_of, "source": source, "objection_withholds": objection_withholds()},
        changes=f"{table}_changes",
        operations=f"{table}_operations",
        held=f"{table}_held",
    )
    _, operations_bom = labelled(
        "platform/select_all",
        [(quote_identifier(column), label) for column, label in OPERATION_HEADERS],
        table=f"{table}_operations",
    )
    files = stage.add(copy_query(con, changed_bom, stage.path / f"{source}_changes.csv", "csv"), imported, "import")
    files += stage.add(
        copy_query(con, operations_bom, stage.path / f"{source}_operations.csv", "csv"),
        sum(changes.values()),
        "operations",
    )
    notes = []
    if write_whole:
        # The whole set in force as CSV and JSON Lines, in parts: only those whose content changed are written
        # again. A whole-set workbook cost 15 s a day at 1M rows and cannot be opened past 1,048,576 rows anyway.
        def frame_for(parts: list[str]) -> str:
            if not incremental:
                return table  # every record is in the day's frame already
            execute(con, "publication/part_records", {"source": source, "parts": parts})
            return build_frame(con, source, as_of, PART_EVENTS, f"{table}_whole")

        due = full_set_parts.parts_to_write(con, source, stage.final.parent, full_set_parts.layout_of(source, form))
        files += full_set_parts.write_parts(con, stage, source, as_of, due, form, frame_for)
        notes.append(
            f"全量文件分 {len(full_set_parts.in_force(con, source))} 个分片（按决定月份），今日重写 {len(due)} 个，"
            f"其余沿用 manifest.json 所列文件夹 / the whole set in parts by decision month: {len(due)} written "
            "today, the others as manifest.json lists them"
        )
    else:
        notes.append(
            f"今日未生成全量文件：{last_full} 的全量文件加其后每日的变更文件即为今日公示内容 / no full set "
            f"today: the full set of {last_full} plus each later day's changes is the set in force"
            if last_full
            else "尚无全量文件 / no full set has been written yet"
        )
    if imported <= XLSX_MAX_ROWS:
        files += stage.add(
            write_xlsx_query(
                con, changed, imported, stage.path / f"{source}_changes.xlsx", get_source(source).title_zh + "（变更）"
            ),
            imported,
            "import",
        )
    else:
        # A first publication or a backfill: millions of 新增 are a bulk load, not a workbook to upload by
        # hand (8 workbooks and 4 minutes at a province's 7.5M records). The CSV carries them.
        notes.append(
            f"变更超过单个工作表上限（{XLSX_MAX_ROWS:,} 行），请使用 {source}_changes.csv / the "
            "changes exceed one worksheet: upload the CSV"
        )
    if changes.get("撤下"):
        notes.append(
            f"撤下 {changes['撤下']} 条，见 {source}_operations.csv（含撤下原因） / {changes['撤下']} withdrawn: "
            f"see {source}_operations.csv for each record and its reason"
        )
    notes += held_back_notes(con, source, f"{table}_held")
    objected = [
        r[0] for r in execute(con, "publication/under_objection", {"as_of": as_of, "source": source}).fetchall()
    ]
    if objected:
        notes.append(
            f"异议处理中（继续公示，暂停惩戒措施）{len(objected)} 条 / {len(objected)} published while under "
            f"objection (measures suspended): {'、'.join(objected[:20])}{' …' if len(objected) > 20 else ''}"
        )
    return Published(source, rows, files, changes, notes, as_of if write_whole else last_full, built)


def held_back_notes(con, source: str, held: str) -> list[str]:
    """One line per record the day's frame held back."""
    rows = execute(con, "platform/select_all", fragments={"columns": "*"}, table=held).fetchall()
    return [held_back_message(source, *row[1:]) for row in rows]  # without the record key


def held_back_lines(con) -> list[str]:
    """The latest publication's held-back records, for the run summary."""
    if not catalog.table_exists(con, "publish.double_publicity_held"):
        return []
    return [held_back_message(*row) for row in execute(con, "publication/held_back_today").fetchall()]


def held_back_message(source: str, column: str, number: str, file: str, row: int, unit: str | None) -> str:
    """A held-back record in the words staff read: which file, row and field, and who must correct it."""
    header = next((f.template_header for f in get_source(source).fields if f.canonical == column), column)
    return (
        f"暂缓公示 / held back: {get_source(source).title_zh} {file} 第 {row} 行「{header}」含身份证号码 {number}，"
        f"请{unit or '数据来源单位'}更正后重报 / row {row} of {file}, field {column}: an identity number, the rest "
        "is published"
    )


def last_full_set(out_dir: Path, before: date) -> date | None:
    """The latest publication day before `before` whose manifest lists the whole set in force."""
    days = []
    for folder in out_dir.glob("*-*-*"):
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        if day < before and full_set_parts.listed(folder) is not None:
            days.append(day)
    return max(days, default=None)


def full_set_due(folder: Path, last_full: date | None, as_of: date) -> bool:
    """Policy (full_set_every_days): the day's changes are the upload; the whole set is written when none exists
    yet, when the last is that many days old, or when the day's folder already lists one (a re-run keeps it
    current rather than leaving an earlier run's set beside today's changes)."""
    return (
        last_full is None
        or (as_of - last_full).days >= full_set_every_days()
        or full_set_parts.listed(folder) is not None
    )


def _log_and_diff(con, source: str, as_of: date, table: str, records: str) -> dict[str, int]:
    """Build the change feed since the previous publication as a temp table (<frame>_changes), record this
    publication in the history (inside the caller's transaction: committed once the files are in place), and
    return the feed's counts by action."""
    params = {"as_of": as_of, "source": source}
    changes = f"{table}_changes"
    if catalog.table_exists(con, "publish.double_publicity_log"):
        execute(con, "publication/log_migrate")
    last = execute(con, "publication/last_publication", params).fetchone()[0]
    if last is not None and last > as_of:
        raise PublicationOrderError(
            f"双公示（{source}）已于 {last} 发布，不能再发布更早的 {as_of} / {source} was published on {last}: "
            f"publishing the earlier day {as_of} would rewrite the history the change feed is built on"
        )
    if last == as_of:
        execute(con, "publication/log_undo", params)
    execute(con, "publication/change_feed", params, fragments={"records": records}, frame=table, changes=changes)
    execute(con, "publication/log_publication", params, changes=changes)
    return dict(execute(con, "publication/change_counts", changes=changes).fetchall())


def scan_files_for_ids(
    con, files: list[Path], scanned: Callable[[str], str] = lambda relation: relation
) -> list[tuple[str, str]]:
    """(file, masked number) for every valid identity number in the files, read back from disk as text; `scanned`
    narrows each file's relation to the columns scanned."""
    relations = {}
    for path in files:
        if path.stat().st_size == 0:  # an empty publication (JSON Lines of no records)
            continue
        if path.suffix == ".csv":
            relation = sql("publication/read_csv_text", fragments={"path": quote_literal(str(path))})
        elif path.suffix == ".jsonl":
            # every value as text, whatever its JSON type: nothing to infer, one pass. Every key is on every
            # line (DuckDB and polars both write nulls), so the first line names the columns.
            with open(path, encoding="utf-8") as fh:
                names = list(json.loads(fh.readline()))
            columns = "{" + ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n in names) + "}"
            relation = sql(
                "publication/read_jsonl_text", fragments={"path": quote_literal(str(path)), "columns": columns}
            )
        else:
            continue
        relations[path] = scanned(f"({relation})")
    return [(path.name, mask_id(number)) for path, _, number in unmasked_ids(con, relations)]
