"""Red and black list publications (红黑名单公示), their correction notices (更正/撤销公告) and the public credit
commitments (信用承诺公示), for the city platform."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from creditwh.platform import config, manifest, outputs
from creditwh.platform.outputs import XLSX_MAX_ROWS, copy_query, labelled, write_xlsx_query
from creditwh.platform.sql import execute, quote_identifier, raw_text, sql
from creditwh.platform.warehouse import write_transaction
from creditwh.publication.double_publicity import folder_committed, refuse_files_with_ids, refuse_unmasked
from creditwh.publication.folder import StagedFolder, last_publication, staged_folder

# column -> published header; the SQL keeps English names so analysts can query the same shape
HEADERS = {
    "entry_id": "名单记录编号",
    "subject_name": "主体名称",
    "subject_code": "统一社会信用代码/证件号码",
    "subject_type": "主体类别",
    "basis": "列入依据",
    "basis_doc_no": "依据文书号",
    "entered_on": "列入日期",
    "published_on": "公示日期",
    "measures": "惩戒/激励措施",
    "status": "状态",
    "policy_version": "规则版本",
    "notice_type": "公告类型",
    "case_no": "异议案号",
    "channel": "原公示渠道",
    "record_doc_no": "原记录文书号",
    "first_published": "原公示日期",
    "decided_on": "核查决定日期",
    "content": "公告内容",
    # 信用承诺 (commitment_list)
    "commitment_no": "承诺编号",
    "commitment_type": "承诺类型",
    "matter": "承诺事项",
    "commitment_content": "承诺内容",
    "committed_on": "承诺日期",
    "due_on": "承诺期限",
    "accepting_unit": "受理单位",
    "publicity": "公开方式",
    "fulfilment": "履约状态",
    "checked_on": "核查日期",
}
# kept in the temp tables for the publication log, never written to a public file
INTERNAL = {"subject_key"}
# the lists whose files' entries the publication log records: their 公示日期 is read from it
LOGGED = ("black_list", "red_list")
PUBLICATIONS = {
    "black_list": ("publication/black_list", "黑名单"),
    "red_list": ("publication/red_list", "红名单"),
    "list_notices": ("publication/list_notices", "更正撤销公告"),
    "commitment_list": ("publication/commitment_list", "信用承诺"),
}


class DemoSaltRefused(RuntimeError):
    """Lists are not published with the public demo salt outside the demo."""


@dataclass
class ListPublication:
    name: str
    rows: int
    files: list[Path]  # the day's files of this publication (final paths)
    written: list[Path] = field(default_factory=list)  # those written this run; the rest were carried unchanged


def build_lists(con, as_of: date) -> dict[str, str]:
    """Each publication as of a day as a temp table, with English column names; returns name: table."""
    from creditwh.publication import entry_ids  # 名单记录编号 salted with the secret (REFERENCE §3)

    execute(con, "publication/log_tables")  # the notices read which records the 双公示 files have shown
    entry_ids.salt_logged_entry_ids(con)  # a log from before entry ids were salted
    params = {"as_of": as_of, "salt": entry_ids.salt()}
    tables = {}
    for name, (query, _) in PUBLICATIONS.items():
        tables[name] = f"list_{name}"
        execute(con, "platform/create_temp_table", params, fragments={"query": sql(query)}, table=tables[name])
    return tables


def publish_lists(con, as_of: date, out_dir: Path) -> list[ListPublication]:
    """Write the black list, the red list and the notices into out_dir/<as_of>/ (CSV with BOM, JSON Lines, xlsx),
    streamed by DuckDB: a province's half a million red-list rows never pass through Python. A publication whose
    content did not change since the last folder is not written again: its files are linked from there."""
    if config.id_salt_is_demo() and not config.demo_mode():
        raise DemoSaltRefused(
            "未设置 CREDIT_ID_SALT：用公开的演示盐值生成的名单记录编号可被还原为身份证号，名单未发布。请设置并妥善保存 "
            "CREDIT_ID_SALT（见 docs/deployment.md）；演示请用 creditwh demo / CREDIT_ID_SALT is not set: list entry "
            "ids made with the public demo salt could be reversed, so the lists were not published"
        )
    tables = build_lists(con, as_of)
    # the folder appears whole, its manifest written last (creditwh/publication/folder.py)
    about = {"as_of": as_of.isoformat(), "publication": "红黑名单"}
    if config.id_salt_is_demo():
        about["注意"] = config.DEMO_SALT_WARNING
    results: dict[str, ListPublication] = {}
    with staged_folder(
        out_dir / as_of.isoformat(),
        about,
        lambda token: log_publication(con, as_of, tables, token),
        lambda token: folder_committed(con, token),
    ) as stage:
        # A publication with the content of the last folder's is taken over from it as it is (hard links): the
        # same files, nothing written. Its entries are logged all the same, as the day's folder carries them.
        earlier = last_publication(out_dir, as_of)  # after the staging above finished what a killed run left
        fingerprints = {name: manifest.content(con, table, _form(name)) for name, table in tables.items()}
        for name, (rows, fingerprint) in fingerprints.items():
            carried = stage.carry(earlier, fingerprint)
            if carried is not None:
                results[name] = ListPublication(name, rows, carried)
        fresh = {name: table for name, table in tables.items() if name not in results}
        # nothing is written if a number would leak; carried files passed this then
        refuse_unmasked(con, {name: _scanned(table) for name, table in fresh.items()})
        for name, table in fresh.items():
            results[name] = _write_list(con, stage, name, table, *fingerprints[name])
        # read back from disk: only what this run wrote
        refuse_files_with_ids(con, stage.staged([f for r in results.values() for f in r.written]), _scanned)
    return [results[name] for name in tables]


def _scanned(relation: str) -> str:
    """A relation without the entry id, for the privacy scans (sql/publication/scanned_columns.sql says why)."""
    return f"({sql('publication/scanned_columns', fragments={'relation': relation})})"


def _form(name: str) -> str:
    """How a publication's files are written, for its fingerprint: a changed query, header, writer or DuckDB
    rewrites them."""
    return manifest.layout(
        raw_text(PUBLICATIONS[name][0]),
        json.dumps(HEADERS, ensure_ascii=False),
        PUBLICATIONS[name][1],
        *(raw_text(f"platform/{t}") for t in ("select_all", "copy_csv", "copy_jsonl", "copy_xlsx", "slice")),
        str(XLSX_MAX_ROWS),
        Path(outputs.__file__).read_text(encoding="utf-8"),
        duckdb.__version__,
    )


def _write_list(con, stage: StagedFolder, name: str, table: str, rows: int, fingerprint: str) -> ListPublication:
    # dates as ISO text in every format: no national template for the lists is known (REFERENCE §3 is the 双公示's)
    columns = [
        (
            f"cast({quote_identifier(column)} as varchar)" if kind == "DATE" else quote_identifier(column),
            HEADERS[column],
        )
        for column, kind in execute(con, "platform/column_types", table=table).fetchall()
        if column not in INTERNAL
    ]
    plain, with_bom = labelled("platform/select_all", columns, table=table)
    files = stage.add(copy_query(con, with_bom, stage.path / f"{name}.csv", "csv"), rows, "list", fingerprint)
    files += stage.add(copy_query(con, plain, stage.path / f"{name}.jsonl", "jsonl"), rows, "list", fingerprint)
    files += stage.add(
        write_xlsx_query(con, plain, rows, stage.path / f"{name}.xlsx", PUBLICATIONS[name][1]),
        rows,
        "list",
        fingerprint,
    )
    return ListPublication(name, rows, files, files)


def log_publication(con, as_of: date, tables: dict[str, str], folder: str) -> None:
    """Record, with the folder the files are in (creditwh/publication/folder.py), which entries the day's list files
    carried. Only a publication that moves forward is logged: re-publishing an older day (a replay) must not
    rewrite when the public was told."""

    def write() -> None:
        for name in LOGGED:
            list_name = name.removesuffix("_list")
            last = execute(con, "publication/last_list_publication", {"list": list_name}).fetchone()[0]
            if last is None or as_of >= last:
                execute(con, "publication/log_list", {"list": list_name, "as_of": as_of}, table=tables[name])
        execute(con, "publication/log_folder", {"publication": "lists", "as_of": as_of, "folder": folder})

    write_transaction(con, write)
