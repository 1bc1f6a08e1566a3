"""A what-if policy file holds only the rules it changes: merged over the policy in force, a typo refused."""

import copy
import re
from datetime import date
from pathlib import Path

import pytest

from creditwh.platform.policy import POLICY_FILE, load_policy
from creditwh.platform.policy_overlay import PolicyOverlayError
from creditwh.whatif.diff import rules_changed
from creditwh.whatif.run import run_whatif

CURRENT_REGIME = "国家发展改革委令第36号《信用修复管理办法》"


def whatif_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alt.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def live() -> dict:
    return copy.deepcopy(load_policy())


def test_an_overlay_of_one_key_is_the_live_policy_with_that_key_changed(tmp_path):
    path = whatif_file(tmp_path, "severity:\n  serious:\n    fine_at_least_10k_yuan: 100\n")
    expected = live()
    expected["severity"]["serious"]["fine_at_least_10k_yuan"] = 100
    expected["version"] = f"{load_policy()['version']}-whatif"  # the file gives none
    assert load_policy(path) == expected
    assert load_policy()["severity"]["serious"]["fine_at_least_10k_yuan"] == 200  # the policy in force is untouched
    rules, _ = rules_changed(POLICY_FILE, path)
    assert rules.rows() == [("severity.serious.fine_at_least_10k_yuan", "200", "100")]


def test_a_whole_copy_of_the_policy_in_force_is_accepted_and_changes_nothing_but_its_version(tmp_path):
    text = re.sub(r"^version: .*$", 'version: "copy"', POLICY_FILE.read_text(encoding="utf-8"), flags=re.M)
    path = whatif_file(tmp_path, text)
    assert load_policy(path) == {**live(), "version": "copy"}
    rules, _ = rules_changed(POLICY_FILE, path)
    assert rules.is_empty()


def test_a_list_in_the_overlay_replaces_the_list_in_force_whole(tmp_path):
    path = whatif_file(tmp_path, "screening:\n  major_violation:\n    categories: [吊销许可证件]\n")
    merged = load_policy(path)
    assert merged["screening"]["major_violation"]["categories"] == ["吊销许可证件"]
    assert merged["screening"]["major_violation"]["look_back_years"] == 3  # its neighbours stay as in force


def test_a_publicity_regime_is_changed_by_its_name_and_the_others_stay_as_in_force(tmp_path):
    path = whatif_file(tmp_path, f"publicity_regimes:\n  - name: {CURRENT_REGIME}\n    serious: {{max_months: 12}}\n")
    merged, in_force = load_policy(path)["publicity_regimes"], live()["publicity_regimes"]
    assert [r["name"] for r in merged] == [r["name"] for r in in_force]  # the order in force
    assert merged[:2] == in_force[:2]
    assert merged[2] == {**in_force[2], "serious": {"min_months": 12, "max_months": 12}}
    assert merged[2]["to"] == date(9999, 12, 31)
    # the rules-changed table names the regime as the overlay does
    rules, _ = rules_changed(POLICY_FILE, path)
    assert rules.rows() == [(f"publicity_regimes[{CURRENT_REGIME}].serious.max_months", "36", "12")]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("severity:\n  serious:\n    fine_at_least_10k_yaun: 50\n", "severity.serious.fine_at_least_10k_yaun"),
        ("severty:\n  serious:\n    fine_at_least_10k_yuan: 50\n", "severty"),
        ("publicity_regimes:\n  - name: 第36号令\n    serious: {max_months: 12}\n", "publicity_regimes[第36号令]"),
        (
            f"publicity_regimes:\n  - name: {CURRENT_REGIME}\n    serious: {{max_month: 12}}\n",
            f"publicity_regimes[{CURRENT_REGIME}].serious.max_month",
        ),
    ],
)
def test_a_key_the_policy_in_force_does_not_have_is_refused_by_its_dotted_path(tmp_path, text, named):
    path = whatif_file(tmp_path, text)
    with pytest.raises(PolicyOverlayError) as refused:
        load_policy(path)
    assert refused.value.paths == [named]
    message = str(refused.value)
    assert f"规则项 {named} 在现行规则" in message  # Chinese for staff
    assert f"{named} is not a key of the policy in force" in message  # English for the analyst


def test_a_section_emptied_by_mistake_is_refused_rather_than_wiping_it(tmp_path):
    path = whatif_file(tmp_path, "severity:\n  # serious:\n  #   fine_at_least_10k_yuan: 50\n")
    with pytest.raises(PolicyOverlayError, match="整节 severity") as refused:
        load_policy(path)
    assert refused.value.paths == ["severity"]


def test_an_unknown_key_stops_the_what_if_before_anything_is_copied_or_built(tmp_path):
    path = whatif_file(tmp_path, "severity:\n  serious:\n    fine_at_least_10k_yaun: 50\n")
    data = tmp_path / "data"
    with pytest.raises(PolicyOverlayError, match="severity.serious.fine_at_least_10k_yaun"):
        # no warehouse at `source`: had it gone on, it would have failed on that instead
        run_whatif(path, ["credit/credit_events"], name="typo", data_dir=data, source=tmp_path / "none.duckdb")
    assert not data.exists()


def test_the_shipped_example_holds_only_its_change():
    example = POLICY_FILE.parent / "whatif" / "serious_fine_50.yaml"
    merged = load_policy(example)
    assert merged == {
        **live(),
        "version": "2026.1-whatif-serious-fine-50",
        "severity": {**live()["severity"], "serious": {**live()["severity"]["serious"], "fine_at_least_10k_yuan": 50}},
    }
    assert len(example.read_text(encoding="utf-8").splitlines()) < 20  # an overlay, not a copy that drifts


def test_a_what_if_file_edited_and_loaded_again_in_the_same_process_gives_the_edited_rules(tmp_path):
    path = whatif_file(tmp_path, "severity:\n  serious:\n    fine_at_least_10k_yuan: 100\n")
    assert load_policy(path)["severity"]["serious"]["fine_at_least_10k_yuan"] == 100
    path.write_text("severity:\n  serious:\n    fine_at_least_10k_yuan: 50\n", encoding="utf-8")
    assert load_policy(path)["severity"]["serious"]["fine_at_least_10k_yuan"] == 50
