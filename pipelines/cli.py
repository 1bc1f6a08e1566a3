"""`creditwh`: the command line for staff and developers (sample data, demo, run)."""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from datetime import date
from pathlib import Path

import click

from creditwh.platform import config

# Dagster marks some of the parameters the assets use as beta; staff reading a run's output cannot act on that.
warnings.filterwarnings("ignore", message=".*is currently in beta")


@click.group(help="鼓楼区财政局信用数据仓库 / Gulou District Finance Bureau credit warehouse")
def main() -> None:
    pass


@main.command(help="生成样例报送数据 / generate deterministic sample landing files")
@click.option("--days", default=30, show_default=True, help="number of reporting days")
@click.option("--scale", default=1.0, show_default=True, help="volume multiplier (1.0 ≈ a district)")
@click.option("--seed", default=42, show_default=True)
@click.option("--start", default="2026-10-08", show_default=True, help="first reporting date")
@click.option("--defect-rate", default=0.03, show_default=True, help="share of rows with an injected defect")
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="landing root [default: $CREDIT_LANDING_DIR]"
)
def sample(days: int, scale: float, seed: int, start: str, defect_rate: float, out: Path | None) -> None:
    from creditwh.sample import generate

    out = out or config.landing_dir()
    summary = generate(out, days=days, scale=scale, seed=seed, start=date.fromisoformat(start), defect_rate=defect_rate)
    click.echo(f"样例数据已生成 / sample data written to {out}")
    for source, rows in sorted(summary.get("rows", {}).items()):
        click.echo(f"  {source:<16} {rows:>10,} rows")


def _run(landing: Path, warehouse_file: Path, data_dir: Path, first: str | None, last: str | None) -> int:
    from pipelines.runner import failures, landed_dates, materialize_dates, valid_range

    dates = [d for d in landed_dates(landing) if (not first or d >= first) and (not last or d <= last)]
    dates, outside = valid_range(dates)
    for d in outside:
        click.echo(
            f"警告 / warning: {d} 不在分区范围内，未装载 / is outside the partition range and was not ingested",
            err=True,
        )
    if not dates:
        click.echo(f"落地目录中没有可装载的数据 / nothing to ingest under {landing}", err=True)
        from creditwh.ingest.strays import find_strays

        for stray in find_strays(landing):  # what was delivered, but not where a run looks
            click.echo(f"  {stray.source_file}: {stray.message}", err=True)
        return 1
    results = _in_turn(
        data_dir, lambda instance, tags: materialize_dates(landing, warehouse_file, dates, instance, tags=tags)
    )
    if results is None:
        return 1
    for result in results:
        click.echo(f"Dagster 运行 / run {result.run_id}: {'成功 success' if result.success else '失败 FAILED'}")
        for line in failures(result):
            click.echo("  " + line, err=True)
    if not results[-1].success:
        # the counts in the warehouse are not this run's: printing them would pass old figures off as new
        from pipelines.faults import KEPT

        click.echo(f"本次运行未完成，不输出汇总 / the run did not finish: no summary. {KEPT}", err=True)
        return 1
    from creditwh.platform.warehouse import exists

    if exists(warehouse_file):
        _summary(warehouse_file, [r.run_id for r in results])
    return 0


def _in_turn(data_dir: Path, work):
    """`work(instance, tags)` in the writer's turn (pipelines/writer_slot.py); a known fault (a full disk, a busy
    slot, a locked warehouse) is printed as its cause and next step, without a traceback, and gives None."""
    from pipelines.faults import explain_exception
    from pipelines.runner import instance_for
    from pipelines.writer_slot import WriterBusy, writer_turn

    def echo(line: str) -> None:
        click.echo(line, err=True)

    try:
        with instance_for(data_dir) as instance, writer_turn(instance, echo) as tags:
            return work(instance, tags)
    except WriterBusy as busy:
        echo(f"未运行 / not run: {busy}")
    except Exception as exc:
        fault = explain_exception(exc)
        if fault is None:
            raise
        echo(f"运行失败 / run failed: {fault.text()}")
    return None


def _summary(warehouse_file: Path, run_ids: list[str]) -> None:
    from creditwh.validation.run_summary import run_summary

    for line in run_summary(warehouse_file, run_ids):
        click.echo(line)
    from creditwh.platform.warehouse import connect
    from creditwh.publication.double_publicity import held_back_lines

    with connect(warehouse_file, read_only=True) as con:
        for line in held_back_lines(con):
            click.echo(line, err=True)
    if config.id_salt_is_demo():
        click.echo(config.DEMO_SALT_WARNING, err=True)


@main.command(help="装载落地目录中的全部报送日 / materialise everything in the landing folder through Dagster")
@click.option("--landing", type=click.Path(path_type=Path), default=None)
@click.option("--warehouse", "warehouse_file", type=click.Path(path_type=Path), default=None)
@click.option("--from", "first", default=None, help="first reporting date (YYYY-MM-DD)")
@click.option("--to", "last", default=None, help="last reporting date (YYYY-MM-DD)")
@click.option(
    "--rebuild",
    is_flag=True,
    help="整体重算（不按变更增量）/ compute every table and file kept from change whole (CREDIT_WHOLE_REBUILD=1)",
)
def run(landing: Path | None, warehouse_file: Path | None, first: str | None, last: str | None, rebuild: bool) -> None:
    if rebuild:
        os.environ["CREDIT_WHOLE_REBUILD"] = "1"
    sys.exit(
        _run(landing or config.landing_dir(), warehouse_file or config.warehouse_path(), config.data_dir(), first, last)
    )


@main.command(help="演示：生成样例数据并通过 Dagster 全部加工 / demo: sample data, then every asset through Dagster")
@click.option("--data-dir", type=click.Path(path_type=Path), default=None, help="[default: ./data]")
@click.option("--days", default=30, show_default=True)
@click.option("--scale", default=1.0, show_default=True)
@click.option("--seed", default=42, show_default=True)
def demo(data_dir: Path | None, days: int, scale: float, seed: int) -> None:
    from creditwh.sample import generate

    data_dir = data_dir or config.data_dir()
    # every output of the run (quality lists, Data Docs, ...) goes under the demo's folder
    os.environ["CREDIT_DATA_DIR"] = str(data_dir)
    os.environ["CREDIT_DEMO"] = "1"  # the public demo salt may be used in what it publishes
    landing, warehouse_file = data_dir / "landing", data_dir / "warehouse.duckdb"
    # A fresh demo: only the demo's own outputs are removed, never anything else in the folder.
    shutil.rmtree(landing, ignore_errors=True)
    for stale in (warehouse_file, warehouse_file.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    click.echo(f"1/2 生成样例数据 / generating {days} days of sample data into {landing}")
    generate(landing, days=days, scale=scale, seed=seed)
    click.echo("2/2 通过 Dagster 物化全部资产 / materialising every asset through Dagster")
    code = _run(landing, warehouse_file, data_dir, None, None)
    if code == 0:
        from creditwh.assessment.kpi import next_report
        from pipelines.runner import materialize_report

        due = next_report(date.today())
        report_run = _in_turn(
            data_dir, lambda instance, tags: materialize_report(due.key, warehouse_file, instance, tags)
        )
        code = 0 if report_run is not None and report_run.success else 1
    if code == 0:
        from pipelines.check_batch import demo_batch

        click.echo("")
        for line in demo_batch(landing, warehouse_file):  # 信用核查（批量）before a decision: issue 25
            click.echo(line)
        code = _demo_whatif(data_dir)
    click.echo("")
    from creditwh.platform.warehouse import describe

    click.echo(f"数据仓库 / warehouse: {describe(warehouse_file)}")
    click.echo(
        f"看板 / dashboard:     {data_dir / 'dashboard' / 'index.html'}   考核报告 / report: {data_dir / 'reports'}"
    )
    click.echo(f"落地文件 / landing:   {landing}   缺陷清单 / defect manifest: {landing / '_manifest'}")
    from creditwh.ingest.fill_in_templates import write_templates

    click.echo(f"填报模板 / templates: {write_templates(data_dir / 'templates')[0].parent}")
    click.echo(f"重点监管对象名单 / key monitoring: {data_dir / 'publish' / 'key_monitoring'}")
    click.echo("查看界面 / open the UI: make ui   (dagster dev -w workspace.yaml)")
    sys.exit(code)


DEMO_WHATIF = config.REPO_ROOT / "policy" / "whatif" / "serious_fine_50.yaml"


def _demo_whatif(data_dir: Path) -> int:
    """The demo's example what-if (a lower serious-fine threshold), its report beside the assessment report."""
    from creditwh.whatif.run import run_whatif
    from pipelines.whatif import whatif_steps

    click.echo(f"政策推演 / what-if: {DEMO_WHATIF.relative_to(config.REPO_ROOT)}")
    _, report = run_whatif(DEMO_WHATIF, whatif_steps(), data_dir=data_dir)
    click.echo(f"  {report.summary}")
    click.echo(f"  推演报告 / what-if report: {report.html}")
    return 0


def _day(text: str | None, option: str) -> date | None:
    """A --from/--to date; absent is None, an impossible one a one-line usage error."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} 不是有效日期，应为 YYYY-MM-DD / not a real date", param_hint=option
        ) from None


@main.command(
    help="政策推演 / what-if: derive the credit marts under an alternative policy file (live data untouched) and "
    "report whom and what it would change"
)
@click.option("--policy", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", default=None, help="[default: the policy file's name] data/whatif/<name>.duckdb")
@click.option("--from", "first", default=None, help="first day compared (YYYY-MM-DD) [default: history's first]")
@click.option("--to", "last", default=None, help="last day compared (YYYY-MM-DD) [default: the live build's day]")
def whatif(policy: Path, name: str | None, first: str | None, last: str | None) -> None:
    from creditwh.whatif.run import run_whatif
    from pipelines.whatif import whatif_steps

    try:
        diff, report = run_whatif(
            policy, whatif_steps(), name=name, from_day=_day(first, "--from"), to_day=_day(last, "--to")
        )
    except (ValueError, FileNotFoundError) as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"政策推演 / what-if {diff.name}: {diff.from_day} – {diff.to_day}")
    click.echo(report.summary)
    click.echo(f"报告 / report: {report.html}\n          {report.xlsx}")


def _as_of(text: str | None) -> date:
    """--as-of as a date: absent means today; empty or impossible (2026-02-30) is a one-line usage error."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} 不是有效日期，应为 YYYY-MM-DD / not a real date: give YYYY-MM-DD", param_hint="--as-of"
        ) from None


# how each view of the past is named to staff (docs/credit_check.md)
VIEWS = {"then": "按当日所知 / as known then", "now": "按现在所知 / as known now"}


@main.command(
    help="信用核查 / credit check of a USCC or ID number (or, with --batch, a list) before an award or decision"
)
@click.argument("code", required=False)
@click.option("--as-of", default=None, help="the decision date (YYYY-MM-DD) [default: today]")
@click.option(
    "--known",
    type=click.Choice(list(VIEWS)),
    default="then",
    show_default=True,
    help="then: as the bureau could have known on that day (audit, fairness); "
    "now: as now known to have been true that day (retrospective review)",
)
@click.option("--json", "as_json", is_flag=True, help="print the JSON document described in docs/credit_check.md")
@click.option("--warehouse", "warehouse_file", type=click.Path(path_type=Path), default=None)
@click.option(
    "--batch",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="批量核查 / an .xlsx or CSV of codes (one column, or the procurement or application template): "
    "writes a result table and a printable record per subject (as known then)",
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="--batch: [default: <data>/credit_checks/…]")
@click.option(
    "--business",
    type=click.Choice(["procurement", "subsidy", "policy_support", "ppp"]),
    default="procurement",
    show_default=True,
    help="--batch: the business decided on (an application template row says its own)",
)
def check(
    code: str | None,
    as_of: str | None,
    known: str,
    as_json: bool,
    warehouse_file: Path | None,
    batch: Path | None,
    out: Path | None,
    business: str,
) -> None:
    import json

    from creditwh.credit.build import InvalidCode, credit_check
    from creditwh.credit.check_records import list_line
    from creditwh.platform.warehouse import connect

    day = _as_of(as_of)
    if batch is not None:
        if known != "then":
            raise click.UsageError("批量核查记录按当日所知 / a batch check records what was known then: no --known now")
        _check_batch(batch, day, warehouse_file, out, business)
        return
    if code is None:
        raise click.UsageError("请给出代码或 --batch 文件 / give a code, or --batch FILE")
    try:
        with connect(warehouse_file or config.warehouse_path(), read_only=True) as con:
            result = credit_check(con, code, day, known)
    except InvalidCode as problem:
        raise click.UsageError(f"无法核查 / cannot check: {problem}") from None
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    if not result["known"]:
        from creditwh.platform.codes import mask_id, normalise_code

        # a person's number is shown masked, as in anything the warehouse prints
        key = result["subject_key"] or ""
        shown = mask_id(normalise_code(code)) if key.startswith("P") else key
        click.echo(
            f"未查到该主体的信用记录 / no credit record for {shown} as of {day} ({VIEWS[result['known_as']]}): "
            "the warehouse holds no record naming it (this is not an error)."
        )
        return
    view = VIEWS[result["known_as"]]
    click.echo(f"{result['subject_name']}（{result['subject_type']}）  核查日期 as of {day}，{view}")
    click.echo(
        f"信用等级 class: {result['credit_class']}   评分 score: {result['score']}   "
        f"黑名单 black: {'是' if result['black'] else '否'}   红名单 red: {'是' if result['red'] else '否'}"
    )
    for m in result["measures"] or []:
        click.echo(f"  措施 measure {m['id']}: {m['name']}（依据：{m['legal_basis']}）")
    for entry in result["lists"] or []:
        published = entry["published_on"] or "尚未公示 / not yet published"
        click.echo(f"  名单 {list_line(entry, day)}；首次公示 {published}")
    for event in result["suspended_events"] or []:
        click.echo(f"  异议核实中，暂停适用 / suspended under objection: {event}")
    for ev in result["evidence"] or []:
        click.echo(
            f"  证据 evidence: {ev['kind']} {ev['severity'] or ''} {ev['record']} {ev['decided_on']} ({ev['file']}:{ev['row']})"
        )
    if result.get("green_channel_revoked_by"):
        revoked = "、".join(result["green_channel_revoked_by"])
        click.echo(f"  绿色通道已撤销：承诺逾期未履约 / green channel revoked by overdue commitments: {revoked}")
    for c in result.get("commitments") or []:
        click.echo(
            f"  承诺 commitment: {c['commitment']} {c['type']} {c['matter']} 承诺 {c['committed_on']} "
            f"期限 {c['due_on'] or '—'} {c['state']}"
        )


def _check_batch(path: Path, day: date, warehouse_file: Path | None, out: Path | None, business: str) -> None:
    from pipelines.check_batch import run_check_batch, summary_lines

    result = run_check_batch(path, day, warehouse_file, out, business)
    for line in summary_lines(result):
        click.echo(line)


@main.command(help="核验信用核查记录 / verify a check record's code: re-derive it as known then and compare")
@click.argument("code")
@click.option("--warehouse", "warehouse_file", type=click.Path(path_type=Path), default=None)
def verify(code: str, warehouse_file: Path | None) -> None:
    from creditwh.credit.check_records import verify as verify_record
    from creditwh.platform.warehouse import connect
    from pipelines.check_batch import register_path

    with connect(warehouse_file or config.warehouse_path(), read_only=True) as con:
        found = verify_record(con, code, register_path())
    if not found.found:
        click.echo(
            f"未找到核验码 {code} 的核查记录 / no record was issued with this code ({register_path()})", err=True
        )
        sys.exit(1)
    issued = found.issued or {}
    what = f"{issued['subject_code']} 核查日期 {issued['as_of']}（签发 issued {issued['issued_at']}）"
    if found.matches:
        click.echo(
            f"核验通过 / verified: {code} 与按当日所知重新推导的记录一致 / matches the record re-derived: {what}"
        )
        return
    click.echo(
        f"核验不一致 / does NOT match: {code} {what}；不同之处 / differing: {', '.join(found.differences)}", err=True
    )
    if "data_currency" in found.differences:
        # the record was issued before the warehouse held every delivery up to its as-of day (a check on the
        # decision day before that day's run): what changed is what the warehouse held, not the record
        click.echo(
            f"可能原因 / likely why: 签发后又装载了 {issued['as_of']} 及以前的报送（数据截至已变），签发时的记录未含"
            "这些报送，结论可能因此不同（不一定是记录被改动）；请于当日运行后重新核查 / deliveries for days up to "
            "the as-of date were loaded after the record was issued, so it did not hold them: the answer may differ "
            "for that reason (not necessarily an altered record). Check again after that day's run.",
            err=True,
        )
    sys.exit(1)


@main.group(name="runs", invoke_without_command=True, help="运行与写入槽 / unfinished runs and the writer slot")
@click.pass_context
def runs_group(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from pipelines.runner import instance_for
    from pipelines.writer_slot import reap, unfinished

    with instance_for(config.data_dir()) as instance:
        for line in reap(instance):  # a dead creditwh run is released here too, as at the start of a run
            click.echo(line)
        lines = unfinished(instance)
    click.echo(
        "\n".join(lines) if lines else "没有未完成的运行，写入槽空闲 / no unfinished run; the writer slot is free"
    )


@runs_group.command(
    name="clear", help="释放已不存在的运行占用的写入槽 / release a run that is gone and its writer slot"
)
@click.argument("run_id")
@click.option("--force", is_flag=True, help="a run of another host (a container that is gone): release it all the same")
def runs_clear(run_id: str, force: bool) -> None:
    from pipelines.runner import instance_for
    from pipelines.writer_slot import WriterBusy, clear

    with instance_for(config.data_dir()) as instance:
        try:
            click.echo(clear(instance, run_id, force))
        except WriterBusy as refused:
            raise click.ClickException(str(refused)) from None


@main.command(
    help="考核报告 / the assessment report of a half year (2026H1, due 10 July) or a year (2026, due 20 December)"
)
@click.option("--period", required=True, help="2026H1 | 2026")
@click.option("--warehouse", "warehouse_file", type=click.Path(path_type=Path), default=None)
def report(period: str, warehouse_file: Path | None) -> None:
    from creditwh.assessment.kpi import report_period
    from pipelines.runner import failures, materialize_report

    try:
        chosen = report_period(period)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--period") from None
    result = _in_turn(
        config.data_dir(),
        lambda instance, tags: materialize_report(
            chosen.key, warehouse_file or config.warehouse_path(), instance, tags
        ),
    )
    if result is None:
        sys.exit(1)
    for line in failures(result):
        click.echo("  " + line, err=True)
    if not result.success:
        sys.exit(1)
    folder = config.data_dir() / "reports" / chosen.key
    click.echo(f"{chosen.title}（截止 {chosen.due}）: {folder}")


@main.command(help="填报模板 / fill-in templates (.xlsx, one per source) for units that deliver by hand")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="[default: <data dir>/templates]")
def templates(out: Path | None) -> None:
    from creditwh.ingest.fill_in_templates import write_templates

    out = out or config.data_dir() / "templates"
    for path in write_templates(out):
        click.echo(str(path))


@main.command(help="性能基准 / benchmark: N sample rows through every asset, beside a bare read_csv floor")
@click.option("--rows", default=1_000_000, show_default=True, help="input rows over all sources")
@click.option("--days", default=30, show_default=True, help="reporting days of the full run")
@click.option("--results", type=click.Path(path_type=Path), default=None, help="[default: bench/results]")
@click.option("--work", type=click.Path(path_type=Path), default=None, help="scratch folder [default: bench/work]")
@click.option("--keep", is_flag=True, help="keep the scratch folder (landing files, warehouse)")
@click.option(
    "--ducklake",
    default="",
    help="also run on DuckLake with these worker counts, e.g. 1,2 "
    "(starts the private PostgreSQL of scripts/ensure_postgres.sh)",
)
@click.option(
    "--verify-incremental",
    is_flag=True,
    help="after the incremental day, build a fresh warehouse from the same landing in one run and compare outputs",
)
def bench(
    rows: int, days: int, results: Path | None, work: Path | None, keep: bool, ducklake: str, verify_incremental: bool
) -> None:
    from bench.pipeline import RESULTS, WORK, run, worker_counts

    os.environ["CREDIT_DEMO"] = "1"  # generated sample data: the demo salt may be used
    run(rows, days, work or WORK, results or RESULTS, keep, worker_counts(ducklake), verify_incremental)


@main.command("feeds-doc", help="由 quality/feeds.yaml 生成 docs/feeds.md / regenerate the dashboard feed document")
def feeds_doc() -> None:
    from creditwh.assessment.feeds import DOC_FILE, render_doc

    DOC_FILE.write_text(render_doc(), encoding="utf-8")
    click.echo(f"written {DOC_FILE}")


if __name__ == "__main__":
    main()


@main.group(name="sql", help="SQL 模型 / the SQL models")
def sql_group() -> None:
    pass


@sql_group.command(name="render", help="写出编译后的语句以便阅读 / write each model's compiled statements for reading")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/sql"), show_default=True)
def sql_render(out: Path) -> None:
    from assets.lineage import model_steps
    from creditwh.credit.build import render_step
    from pipelines.definitions import defs

    out.mkdir(parents=True, exist_ok=True)
    for key, step in model_steps(defs.resolve_asset_graph()):
        target = out / f"{'.'.join(key.path)}.sql"
        target.write_text(render_step(step), encoding="utf-8")
        click.echo(f"{key.to_user_string():<32} {target}")
