"""Marts kept subject by subject: a day's deliveries touch a few thousand subjects of millions, so only the
subjects whose inputs changed since the last build are computed again.

Each such mart has a rows query (restricted by a {{subjects}} filter) and an inputs query giving each subject a
fingerprint of everything its rows are computed from. The fingerprints are kept in ops.subject_fingerprints
with a version (the SQL and the policy file): a new version builds the mart whole, as does the first build.

A mart with many rows a subject per month (the trigger feedback: an entry's business, month by month) is kept in
parts: its inputs give a fingerprint per subject and part (`part`, the month), and a day replaces only the parts
whose inputs changed, not every month of a busy subject's history.

A mart whose rows are not the subject's alone (a consortium's screening is one row per member, and one member's
standing decides the others' verdict) widens the affected subjects into the keys it replaces (`widen`, `keyed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from creditwh.platform import catalog, config, manifest
from creditwh.platform.config import REPO_ROOT
from creditwh.platform.sql import execute, sql

ALL = "true"
# the sql files refresh() runs besides the mart's own (what its asset's deps are derived from)
MACHINERY = (
    "credit/subject_fingerprints",
    "credit/subject_current",
    "credit/subject_inputs",
    "credit/subject_affected",
    "credit/subject_record",
    "platform/replace_keyed_rows",
    "platform/rebuild_table",
)
AFFECTED = "subject_key in (select subject_key from subjects_affected)"
# the parts of the subjects whose inputs changed, in ops.subject_fingerprints and subject_inputs (whose column is part)
PARTS_AFFECTED = "(subject_key, part) in (select subject_key, part from subjects_affected)"
# a business is screened again whole: one consortium member's restriction restricts every member's business
BUSINESS_AFFECTED = "(business, business_key) in (select business, business_key from business_affected)"
CATALOGUES = ("policy/measures.csv", "policy/verdicts.csv")
REASONS_VIEW = "sql/screening/screening_reasons.sql"


@dataclass(frozen=True)
class BySubject:
    table: str  # schema.name
    rows: str  # sql/<rows>.sql: the mart's select; {{subjects}} restricts the subjects it computes
    inputs: str  # sql/<inputs>.sql: subject_key, fingerprint
    uses: tuple[str, ...] = ()  # other sql files whose text the rows depend on (the macros they call)
    identifiers: tuple[tuple[str, str], ...] = ()  # filled into the rows: one query serves more than one mart
    # the rows replaced when not the affected subjects' own: a filter over what `widen` (sql run after the
    # affected subjects are known, {{table}} the stored mart) names
    keyed: str = AFFECTED
    widen: str | None = None
    # files (under the repository) whose text the rows depend on besides their SQL and policy.yaml: the catalogues
    # of measures and verdicts, a view they read
    reads_files: tuple[str, ...] = ()
    # the whole build's layout: none (an ORDER BY on a 10M-row build ran out of DuckDB's memory); the weekly
    # maintenance lays the standing histories out by subject bucket for the credit check
    layout: str = ""
    # the mart's column its rows are kept in parts by (a month): the inputs then give subject_key, part and
    # fingerprint, and the rows take a {{parts}} filter (over subject_key and that column) beside {{subjects}}
    part: str | None = None

    def __post_init__(self) -> None:
        if self.part and (self.widen or self.keyed != AFFECTED):
            raise ValueError(f"{self.table}: a mart kept in parts replaces its own subjects' parts, not wider keys")

    def rows_sql(self, subjects: str, parts: str = ALL) -> str:
        return sql(self.rows, fragments={"subjects": subjects, "parts": parts}, **dict(self.identifiers))

    @property
    def replaced(self) -> str:
        """The stored rows a day replaces: its affected keys', or, kept in parts, the changed parts'."""
        if self.part:
            return f"(subject_key, {self.part}) in (select subject_key, part from subjects_affected)"
        return self.keyed

    def day_rows_sql(self) -> str:
        """The rows that replace them."""
        return self.rows_sql(self.keyed, self.replaced if self.part else ALL)

    @property
    def recorded(self) -> str:
        """The fingerprints (in ops.subject_fingerprints and subject_inputs) a day records again."""
        return PARTS_AFFECTED if self.part else AFFECTED

    @property
    def part_column(self) -> str:
        """The inputs' part column, as subject_affected and subject_record read it."""
        return "part" if self.part else "null::date"

    @property
    def unit(self) -> str:
        """What a build recomputes: subjects, or their parts (subject_periods)."""
        return f"subject_{self.part}s" if self.part else "subjects"


MARTS = {
    "credit/credit_standing_history": BySubject(
        "marts.credit_standing_history",
        "credit/credit_standing_rows",
        "credit/credit_standing_inputs",
        uses=("credit/event_timelines",),  # marts.event_state and marts.event_counts
        identifiers=(("timelines", "marts.event_timelines"),),
    ),
    # the same history in the "as known now" view (issue 21): the same query over the other view of the timelines
    "credit/credit_standing_history_now": BySubject(
        "marts.credit_standing_history_now",
        "credit/credit_standing_rows",
        "credit/credit_standing_inputs",
        uses=("credit/event_timelines",),
        identifiers=(("timelines", "marts.event_timelines_now"),),
    ),
    # the screenings (issue 24): a day screens the business of the subjects whose inputs changed, its own
    # deliveries and the standing late data changed on a past screening date
    "screening/screening_check_reasons": BySubject(
        "marts.screening_check_reasons",
        "screening/screening_check_reason_rows",
        "screening/screening_check_reason_inputs",
        uses=("credit/event_timelines",),
    ),
    "screening/screenings": BySubject(
        "marts.screenings",
        "screening/screening_rows",
        "screening/screening_inputs",
        uses=("screening/screening_check_reasons",),  # marts.screening_held_flags and _lists
        keyed=BUSINESS_AFFECTED,
        widen="screening/business_affected",
        reads_files=CATALOGUES,
    ),
    "screening/screening_review": BySubject(
        "marts.screening_review",
        "screening/screening_review_rows",
        "screening/screening_inputs",
        uses=("screening/screening_check_reasons",),  # marts.screening_held_flags and _lists
        keyed=BUSINESS_AFFECTED,
        widen="screening/business_affected",
        reads_files=CATALOGUES,
    ),
    "screening/trigger_feedback": BySubject(
        "marts.trigger_feedback",
        "screening/trigger_feedback_rows",
        "screening/trigger_feedback_inputs",
        reads_files=(*CATALOGUES, REASONS_VIEW),
        # by month: October's 7.7M of the 10M bench's 8.7M rows were rewritten on a day of November data
        part="period",
    ),
}


def refresh(con, mart: BySubject, params: dict) -> manifest.Refreshed:
    """Bring the mart up to date inside the caller's transaction."""
    version = manifest.build_version(
        params,
        mart.rows_sql(ALL),
        sql(mart.inputs),
        *(sql(name) for name in mart.uses),
        sql(mart.widen, table=mart.table) if mart.widen else "",
        *(Path(REPO_ROOT, name).read_text(encoding="utf-8") for name in mart.reads_files),
    )
    state = {"mart": mart.table, "version": version}
    execute(con, "credit/subject_fingerprints")
    exists = catalog.table_exists(con, mart.table)
    current = exists and execute(con, "credit/subject_current", state).fetchone()[0]
    part = {"part": mart.part_column}
    if current and not config.whole_rebuild():
        execute(con, "credit/subject_inputs", fragments={"inputs": sql(mart.inputs)})
        execute(con, "credit/subject_affected", state, fragments=part)
        if mart.widen:
            execute(con, mart.widen, table=mart.table)
        execute(
            con,
            "platform/replace_keyed_rows",
            params,
            fragments={"keyed": mart.replaced, "rows": mart.day_rows_sql()},
            table=mart.table,
        )
        execute(con, "credit/subject_record", state, fragments={"subjects": mart.recorded, **part})
        return manifest.Refreshed(False, catalog.row_count(con, "subjects_affected"), mart.unit)
    # the whole build first, the fingerprints after: at a province's 9M timelines the rows need all the memory
    # (the fingerprint pass before them tipped the build over DuckDB's limit)
    execute(
        con,
        "platform/rebuild_table",
        params,
        fragments={"rows": mart.rows_sql(ALL), "layout": mart.layout},
        table=mart.table,
    )
    execute(con, "credit/subject_inputs", fragments={"inputs": sql(mart.inputs)})
    execute(con, "credit/subject_record", state, fragments={"subjects": ALL, **part})
    return manifest.Refreshed(True, catalog.row_count(con, "subject_inputs"), mart.unit)
