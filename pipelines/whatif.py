"""The `whatif` job: a policy officer's what-if of an alternative policy file, run through Dagster (the same as
`creditwh whatif`). It reads the analysts' snapshot (or the lake, read-only) and writes only its own file and
report, so it takes no writer slot."""

from datetime import date
from pathlib import Path

import dagster as dg

from creditwh.whatif.run import run_whatif


def whatif_steps() -> list[str]:
    """The SQL models in the order the daemon builds them (the real asset graph's)."""
    from assets.lineage import model_steps
    from pipelines.definitions import defs

    return [step for _, step in model_steps(defs.resolve_asset_graph())]


class WhatifConfig(dg.Config):
    policy: str  # the alternative policy file, e.g. policy/whatif/serious_fine_50.yaml
    name: str = ""  # default: the policy file's name
    from_day: str = ""  # YYYY-MM-DD; default: the first day of the live standing history
    to_day: str = ""  # YYYY-MM-DD; default: the day the live KPIs were derived as of


@dg.op(
    description="按备选规则重算信用数据并生成对比报告 / derive the credit marts under an alternative policy and report the diff"
)
def whatif_report(context: dg.OpExecutionContext, config: WhatifConfig) -> dg.Output[str]:
    diff, report = run_whatif(
        Path(config.policy),
        whatif_steps(),
        name=config.name or None,
        from_day=date.fromisoformat(config.from_day) if config.from_day else None,
        to_day=date.fromisoformat(config.to_day) if config.to_day else None,
    )
    context.log.info(report.summary)
    return dg.Output(
        str(report.html),
        metadata={
            "summary": report.summary,
            "html": dg.MetadataValue.path(str(report.html)),
            "xlsx": dg.MetadataValue.path(str(report.xlsx)),
            "window": f"{diff.from_day} – {diff.to_day}",
        },
    )


@dg.job(
    name="whatif",
    description="政策推演：备选规则会让哪些主体列入或移出名单、哪些业务结论改变、考核指标如何变化 / policy what-if",
)
def whatif_job() -> None:
    whatif_report()
