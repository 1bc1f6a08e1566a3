"""双公示 publication: the national template files for the city platform, with identity numbers masked.

Every output is checked for an unmasked identity number (any 18-character ID that passes the check-character
test, in any column) before it replaces the previous files; a finding stops the publication. One exception: a
document's own number (license_no, decision_doc_no) may have an ID's shape by chance, see DOCUMENT_NUMBER_COLUMNS.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from creditwh.codes import is_valid_id, mask_id
from creditwh.outputs import atomic_write, write_csv_bom, write_xlsx
from creditwh.sources import get_source
from creditwh.sql import execute

ID_PATTERN = r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
PERSONAL_COLUMNS = ("person_id_no", "legal_rep_id_no")
PUBLISHED_SOURCES = ("licenses", "penalties")
# Some offices number licenses as region + date + serial (350102 20260222 0101): 1 in 11 such numbers passes the
# ID check character by chance (found by the benchmark at 20k rows). The number is public by the 双公示 standard,
# so in these columns only a number that is the ID of a person the warehouse knows counts as a leak.
DOCUMENT_NUMBER_COLUMNS = frozenset(
    name for source in PUBLISHED_SOURCES for f in get_source(source).fields
    if f.canonical in ("license_no", "decision_doc_no") for name in (f.canonical, f.name_zh)
)


class UnmaskedIdentityNumber(RuntimeError):
    """A publication output contains an identity number: nothing is published."""


@dataclass
class Published:
    source: str
    rows: int
    files: list[Path]
    changes: dict[str, int]


def template_frame(con, source: str, as_of: date) -> pl.DataFrame:
    """The records in publication on as_of, in the national template's column order, identity numbers masked."""
    fields = get_source(source).fields
    frame = execute(con, "publish/double_publicity", {"as_of": as_of}, table=f"staging.{source}_latest").pl()
    columns = [f.canonical for f in fields]
    frame = frame.select([pl.col("record_key")] + [
        pl.col(c).cast(pl.String) if c in frame.columns else pl.lit(None, pl.String).alias(c) for c in columns])
    frame = _apply_corrections(con, source, as_of, frame)
    return frame.with_columns(mask_expr(c) for c in PERSONAL_COLUMNS if c in frame.columns)


def _apply_corrections(con, source: str, as_of: date, frame: pl.DataFrame) -> pl.DataFrame:
    """An objection closed with 更正 changes what is published: its values replace the delivered ones."""
    canonical = {f.name_zh: f.canonical for f in get_source(source).fields} | {c: c for c in frame.columns}
    corrections = (
        execute(con, "publish/corrections", {"as_of": as_of}, table=f"staging.{source}_latest").pl()
        .with_columns(pl.col("field").replace_strict(canonical, default=None))
        .filter(pl.col("field").is_not_null() & (pl.col("field") != "record_key"))
    )
    if corrections.is_empty():
        return frame
    wide = corrections.pivot(on="field", index="record_key", values="value", aggregate_function="last")
    return frame.update(wide, on="record_key")


def mask_expr(column: str) -> pl.Expr:
    """creditwh.codes.mask_id over a whole column: the first 6 and the last 4 kept (350102********123X)."""
    value = pl.col(column).str.strip_chars()
    return (
        pl.when(value.str.len_chars() == 18)
        .then(value.str.slice(0, 6) + pl.lit("*" * 8) + value.str.slice(14, 4))
        .when(value.is_not_null() & (value != ""))
        .then(pl.lit("*").repeat_by(value.str.len_chars()).list.join(""))
        .otherwise(value)
        .alias(column)
    )


def unmasked_ids(con, frame: pl.DataFrame) -> list[tuple[str, str]]:
    """(column, number) for every valid identity number anywhere in the frame's text.

    In a document-number column, only the ID of a person the warehouse knows (by salted key) is a finding.
    """
    found = []
    for column in frame.columns:
        hits = frame.select(pl.col(column).cast(pl.String).str.extract_all(ID_PATTERN).explode().drop_nulls())
        numbers = [n for n in hits.to_series().unique().to_list() if is_valid_id(n.upper())]
        if numbers and column in DOCUMENT_NUMBER_COLUMNS:
            numbers = known_person_ids(con, numbers)
        found += [(column, n) for n in numbers]
    return found


def known_person_ids(con, numbers: list[str]) -> list[str]:
    """The numbers that are the ID of a subject in core.subjects (compared by salted key, as stored)."""
    from creditwh.credit import id_salt

    return [r[0] for r in execute(con, "publish/known_person_ids", {"numbers": numbers, "salt": id_salt()}).fetchall()]


def refuse_unmasked(con, frames: dict[str, pl.DataFrame]) -> None:
    """Raise before anything is written if any frame holds an unmasked identity number."""
    leaks = [(name, column, mask_id(number)) for name, frame in frames.items()
             for column, number in unmasked_ids(con, frame)]
    if leaks:
        raise UnmaskedIdentityNumber(
            "公示数据中发现未脱敏的身份证号码，已停止发布 / unmasked identity numbers in the publication, nothing "
            f"was published: {leaks[:10]}"
        )


def publish_double_publicity(con, as_of: date, out_dir: Path, header: str = "zh") -> list[Published]:
    """Write CSV (UTF-8 with BOM), JSON Lines and .xlsx per source into out_dir/<as_of>/, atomically."""
    keyed = {source: template_frame(con, source, as_of) for source in PUBLISHED_SOURCES}
    frames = {source: frame.drop("record_key") for source, frame in keyed.items()}
    refuse_unmasked(con, frames)
    folder = out_dir / as_of.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for source, frame in frames.items():
        names = {f.canonical: (f.name_zh if header == "zh" else f.code) for f in get_source(source).fields}
        labelled = frame.rename(names)
        changes = _log_and_diff(con, source, as_of, keyed[source], frame)
        changed = changes.join(keyed[source].with_columns(frame), on="record_key", how="left").select(
            pl.col("action").alias("操作"), *[pl.col(c).alias(names[c]) for c in frame.columns])
        # The whole set in force as CSV and JSON Lines; the day's changes also as .xlsx, the upload staff make.
        # A whole-set workbook cost 15 s a day at 1M rows and cannot be opened past 1,048,576 rows anyway.
        files = [
            atomic_write(folder / f"{source}.csv", lambda p: write_csv_bom(labelled, p)),
            atomic_write(folder / f"{source}.jsonl", lambda p: labelled.write_ndjson(p)),
            atomic_write(folder / f"{source}_changes.csv", lambda p: write_csv_bom(changed, p)),
            *write_xlsx(changed, folder / f"{source}_changes.xlsx", get_source(source).title_zh + "（变更）"),
        ]
        results.append(Published(source, frame.height, files, dict(changes["action"].value_counts().iter_rows())))
    return results


def _log_and_diff(con, source: str, as_of: date, keyed: pl.DataFrame, masked: pl.DataFrame) -> pl.DataFrame:
    """Log this publication's records and return the change feed since the previous publication."""
    log = pl.DataFrame({
        "record_key": keyed["record_key"],
        "decision_doc_no": masked["decision_doc_no"],
        "subject_name": masked["subject_name"],
        "content_hash": masked.hash_rows(seed=0),  # what the platform shows: a changed value is a 更新
    })
    params = {"as_of": as_of, "source": source}
    execute(con, "publish/log_tables")
    con.register("publication_frame", log)
    con.execute("begin transaction")
    try:
        execute(con, "publish/log_publication", params)
        changes = execute(con, "publish/change_feed", params).pl()
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.unregister("publication_frame")
    return changes


def scan_files_for_ids(con, files: list[Path]) -> list[tuple[str, str]]:
    """(file, masked number) for every valid identity number in the files, read back from disk as text."""
    found = []
    for path in files:
        if path.stat().st_size == 0:  # an empty publication (JSON Lines of no records)
            continue
        if path.suffix == ".csv":
            frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
        elif path.suffix == ".jsonl":
            # every value as text, whatever its JSON type: nothing to infer, one pass
            with open(path, encoding="utf-8") as fh:
                names = list(json.loads(fh.readline()))  # polars writes every key on every line, nulls included
            frame = pl.read_ndjson(path, schema={name: pl.String for name in names})
        else:
            continue
        found += [(path.name, mask_id(number)) for _, number in unmasked_ids(con, frame)]
    return found
