"""Great Expectations suites compiled from quality/rules.csv, run per partition inside asset checks.

GE 1.x's SQL route fails against DuckDB ("list index out of range") and its pandas route costs about
8 GB at 5M rows, so a suite runs on the partitions just written, read into pandas, and never on more than
MAX_ROWS rows: a larger partition is checked on a reproducible sample, and the metadata says so.
dagster-ge needs GE < 1.0, so the suite is called directly here.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from creditwh.platform import config
from creditwh.platform.sources import Source, get_source
from creditwh.platform.sql import execute
from quality.rules import Rule, rules_for

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network calls from a government network

import great_expectations as gx  # noqa: E402  (after the analytics switch)
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.expectations.row_conditions import Column  # noqa: E402

GE_CHECK = "great_expectations"
MAX_ROWS = 50_000  # GE re-checks a sample: its pandas route took 18 s for 200k rows (1M benchmark); 5M would need ~8 GB
USCC_FORMAT = r"^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$"
ID_FORMAT = r"^[0-9]{17}[0-9X]$"


def _condition(rule: Rule) -> dict:
    """When the rule applies, as GE's row_condition: the same conditions as quality/compile.py's `_applies`.

    A Condition object where one can say it; a pandas query for a pattern (Condition objects have no pattern
    match yet; that form is deprecated in GX 1.9 but still supported).
    """
    when = rule.params.get("when")
    skip_old = rule.kind == "required" and _old_template_lacks(rule.source, rule.field)
    if when and "matches" in when:
        query = f'{when["field"]}.str.contains("{when["matches"]}", na=False)'
        if skip_old:
            query += ' and header_style != "old_template"'
        return {"row_condition": query, "condition_parser": "pandas"}
    cond = None
    if when:
        column = Column(when["field"])
        cond = column.is_in(when["in"])
        if when.get("or_null"):
            cond = cond | column.is_null()
    if skip_old:
        # the 2015/16 template has no such column
        not_old = Column("header_style") != "old_template"
        cond = not_old if cond is None else cond & not_old
    return {"row_condition": cond} if cond is not None else {}


def _enum_regex(rule: Rule, multi: bool) -> str:
    choices = [re.escape(v) for v in rule.params["values"]]
    if rule.params.get("other_prefix"):
        choices.append(re.escape(rule.params["other_prefix"]) + r"[^;；]*")
    one = "(?:" + "|".join(choices) + ")"
    return rf"^\s*{one}\s*(?:[;；]\s*{one}?\s*)*$" if multi else rf"^\s*{one}\s*$"


def expectations_for(source: str) -> list:
    """Reject-level rules as GE expectations on the typed staging table (what every accepted row must satisfy).

    Kinds GE cannot express natively (check characters, the unit cross-check) are checked for format here;
    their full check is the SQL validator's.
    """
    out = []
    for rule in rules_for(source):
        if rule.severity != "reject":
            continue
        extra = _condition(rule)
        meta = {"rule_id": rule.id, "message_zh": rule.message_zh}
        f, kind = rule.field, rule.kind
        if kind == "required":
            out.append(gx.expectations.ExpectColumnValuesToNotBeNull(column=f, meta=meta, **extra))
        elif kind in ("enum", "enum_multi"):
            out.append(
                gx.expectations.ExpectColumnValuesToMatchRegex(
                    column=f, regex=_enum_regex(rule, kind == "enum_multi"), meta=meta
                )
            )
        elif kind == "uscc":
            out.append(gx.expectations.ExpectColumnValuesToMatchRegex(column=f, regex=USCC_FORMAT, meta=meta))
        elif kind == "id_number":
            out.append(gx.expectations.ExpectColumnValuesToMatchRegex(column=f, regex=ID_FORMAT, meta=meta, **extra))
        elif kind == "date_order":
            out.append(
                gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=rule.params["later"],
                    column_B=f,
                    or_equal=True,
                    ignore_row_if="either_value_is_missing",
                    meta=meta,
                )
            )
        elif kind == "non_negative":
            out.append(gx.expectations.ExpectColumnValuesToBeBetween(column=f, min_value=0, meta=meta))
        elif kind == "unique_in_file":
            out.append(
                gx.expectations.ExpectCompoundColumnsToBeUnique(
                    column_list=["source_file", "record_key"], ignore_row_if="any_value_is_missing", meta=meta
                )
            )
    return out


def _old_template_lacks(source: str, field: str) -> bool:
    src = get_source(source)
    return bool(src.old_fields) and field not in {f.canonical for f in src.old_fields}


@dataclass
class SuiteOutcome:
    source: str
    success: bool
    rows_checked: int
    rows_in_partitions: int
    failed: list[str]
    docs: Path | None

    def check_result(self) -> dg.AssetCheckResult:
        return dg.AssetCheckResult(
            check_name=GE_CHECK,
            passed=self.success,
            metadata={
                "rows_checked": self.rows_checked,
                "rows_in_partitions": self.rows_in_partitions,
                "sampled": self.rows_checked < self.rows_in_partitions,
                "failed_expectations": ", ".join(self.failed) or "none",
                "data_docs": dg.MetadataValue.path(str(self.docs)) if self.docs else "not built",
            },
        )


def context_root() -> Path:
    return config.data_dir() / "quality" / "great_expectations"


def run_suite(con, source: Source, partition_keys: list[str], build_docs: bool = True) -> SuiteOutcome:
    root = context_root()
    root.mkdir(parents=True, exist_ok=True)
    # GE's file context (its YAML, suites, Data Docs) is shared by every run on this machine: with DuckLake,
    # partition runs go in parallel, and two contexts writing great_expectations.yml at once corrupt it.
    with open(root / ".lock", "w") as lock, warnings.catch_warnings():
        fcntl.flock(lock, fcntl.LOCK_EX)
        # the pandas row_condition for pattern conditions is deprecated in GX 1.9 (see _condition)
        warnings.filterwarnings("ignore", message=".*row_condition.*|.*condition_parser.*", category=DeprecationWarning)
        return _run_suite(con, source, partition_keys, build_docs)


def _run_suite(con, source: Source, partition_keys: list[str], build_docs: bool) -> SuiteOutcome:
    total = execute(
        con, "validation/partition_rows_count", {"keys": partition_keys}, table=source.staging_table
    ).fetchone()[0]
    if total == 0:  # nothing accepted in these partitions: nothing to check, and no GE context to open (seconds)
        return SuiteOutcome(source.name, True, 0, 0, [], None)
    frame = execute(
        con, "validation/partition_sample", {"keys": partition_keys, "max_rows": MAX_ROWS}, table=source.staging_table
    ).df()
    context = gx.get_context(mode="file", project_root_dir=str(context_root()))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_or_update_pandas("staging")
    asset = next((a for a in datasource.assets if a.name == source.name), None) or datasource.add_dataframe_asset(
        source.name
    )
    batch = next(
        (b for b in asset.batch_definitions if b.name == "partition"), None
    ) or asset.add_batch_definition_whole_dataframe("partition")
    suite = context.suites.add_or_update(
        gx.ExpectationSuite(name=f"staging.{source.name}", expectations=expectations_for(source.name))
    )
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(data=batch, suite=suite, name=f"staging.{source.name}")
    )
    result = validation.run(batch_parameters={"dataframe": frame})
    failed = [
        f"{r.expectation_config.meta.get('rule_id')}:{r.expectation_config.type}"
        for r in result.results
        if not r.success
    ]
    docs = None
    if build_docs:
        with _docs_failures_raised():
            context.build_data_docs()
        docs = make_docs_offline(context_root() / "gx" / "uncommitted" / "data_docs" / "local_site")
    return SuiteOutcome(source.name, bool(result.success), len(frame), total, failed, docs)


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _docs_failures_raised():
    """GE's site builder catches a page it cannot write and logs the error with its whole traceback, then goes on.
    That traceback would reach the run's log (staff read it), and a full disk would surface later, elsewhere. Its
    errors are taken from its logger instead: a full disk is raised as OSError ENOSPC, so the run names the cause and
    the next step (pipelines/faults.py); anything else is one warning line."""
    log = logging.getLogger("great_expectations.render.renderer.site_builder")
    captured, propagate = _Captured(), log.propagate
    log.addHandler(captured)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(captured)
        log.propagate = propagate
    if captured.messages:
        first = next((m for m in captured.messages if "No space left" in m), captured.messages[0])
        cause = re.search(r'(\w+Error|\w+Exception): "([^"]*)"', first)
        detail = f"{cause.group(1)}: {cause.group(2)}" if cause else first.splitlines()[0]
        if "No space left" in first:
            raise OSError(
                errno.ENOSPC, f"写质量报告（Data Docs）时磁盘已满 / the disk filled writing the data docs: {detail}"
            )
        # any other page GE could not render: the docs are a convenience, the validation stands
        logging.getLogger(__name__).warning(
            f"质量报告（Data Docs）部分未生成 / some data docs pages not written: {detail}"
        )


_REMOTE_TAG = re.compile(
    r"<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>|<link[^>]+href=\"https?://[^\"]+\"[^>]*/?>", re.I
)
_OFFLINE_CSS = """<style>
body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
.text-danger{color:#b00}.text-success{color:#070}.d-none,.modal{display:none}
</style>"""


def make_docs_offline(site: Path) -> Path:
    """GE's Data Docs load Bootstrap, jQuery and fonts from CDNs; government networks often have no internet.

    Strip the remote tags and inline a small stylesheet: the pages are rendered HTML and stay readable.
    """
    for page in site.rglob("*.html"):
        html = _REMOTE_TAG.sub("", page.read_text(encoding="utf-8"))
        html = re.sub(r"https://great-expectations-web-assets[^\"')]*", "", html)
        if _OFFLINE_CSS not in html:
            html = html.replace("</head>", _OFFLINE_CSS + "</head>", 1)
        page.write_text(html, encoding="utf-8")
    return site / "index.html"
