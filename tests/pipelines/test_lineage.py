"""Asset deps come from the SQL: a model that reads a relation depends on the asset that makes it."""

import dagster as dg
import pytest

from creditwh.platform import lineage
from creditwh.platform.sql import SQL_DIR
from pipelines.definitions import defs

GRAPH = defs.resolve_asset_graph()
KEYS = GRAPH.materializable_asset_keys  # a dep no asset makes shows in the graph as an external stub: not one of these
MODELS = {key: GRAPH.get(key).metadata["model"] for key in KEYS if "model" in (GRAPH.get(key).metadata or {})}


def test_a_name_in_a_comment_a_string_or_a_column_is_not_a_relation():
    text = """
        -- marts.in_a_comment
        create or replace table marts.made as
        select history.valid_from, 'core.in_a_string' as note, core.subject_key(a, b, c) as key
        from marts.credit_standing_history as history;
        comment on table marts.made is 'documented, not read';
    """
    assert lineage.created(text) == {"marts.made"}
    assert lineage.read(text) == {"core.subject_key", "marts.credit_standing_history"}


def test_the_tokenizer_positions_are_bytes_so_chinese_comments_do_not_shift_names():
    assert lineage.read("-- 信用主体表\nselect * from core.subjects") == {"core.subjects"}


def test_every_model_asset_reads_only_relations_that_assets_make():
    assert MODELS, "no asset names its model"
    for key in MODELS:
        dangling = [parent for parent in GRAPH.get(key).parent_keys if parent not in KEYS]
        assert not dangling, f"{key.to_user_string()} reads relations no asset makes: {dangling}"


def test_every_asset_reads_only_relations_that_assets_make():
    for key in KEYS:
        dangling = [parent.to_user_string() for parent in GRAPH.get(key).parent_keys if parent not in KEYS]
        assert not dangling, f"{key.to_user_string()} depends on what no asset makes: {dangling}"


def test_a_python_asset_depends_on_what_the_sql_files_of_its_module_read():
    from assets.lineage import module_sql_files

    # an f-string over a folder (f"assessment/feeds/{name}") counts every file in that folder
    assert "assessment/feeds/screening_monthly" in module_sql_files("creditwh.assessment.feeds")
    # the 双公示 module reads the objections to list the records under objection in its notes
    assert dg.AssetKey(["staging", "objections"]) in GRAPH.get(dg.AssetKey(["publish", "double_publicity"])).parent_keys
    # the feedback files read the feedback table (and the subjects, to name a withdrawn row's), and the report the
    # screening reasons behind its typical cases
    assert GRAPH.get(dg.AssetKey(["publish", "trigger_feedback_files"])).parent_keys == {
        dg.AssetKey(["marts", "trigger_feedback"]),
        dg.AssetKey(["core", "subjects"]),
    }
    assert (
        dg.AssetKey(["marts", "screening_reasons"])
        in GRAPH.get(dg.AssetKey(["publish", "assessment_report"])).parent_keys
    )


def test_a_dropped_table_is_not_read():
    assert lineage.read("drop table if exists marts.old; select 1 from core.subjects") == {"core.subjects"}


def test_the_credit_check_depends_on_the_events_and_subjects_it_reads():
    parents = GRAPH.get(dg.AssetKey(["marts", "credit_check"])).parent_keys
    assert {dg.AssetKey(["core", "credit_events"]), dg.AssetKey(["core", "subjects"])} <= parents


@pytest.mark.parametrize("key", sorted(MODELS, key=lambda k: k.to_user_string()), ids=lambda k: k.to_user_string())
def test_a_model_file_names_its_asset_in_its_header(key):
    model = lineage.header((SQL_DIR.parent / MODELS[key]).read_text(encoding="utf-8"))
    assert model is not None, f"{MODELS[key]} has no '-- model: schema.name · kind' header"
    assert model.relation == ".".join(key.path)


def test_every_header_names_a_known_kind():
    for path in SQL_DIR.rglob("*.sql"):
        lineage.header(path.read_text(encoding="utf-8"))  # raises on an unknown kind
