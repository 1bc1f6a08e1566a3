"""The shape of the house: one domain vocabulary in every folder, and a README layout table true to the tree."""

import re
import subprocess

import pytest

from creditwh.platform.config import REPO_ROOT

DOMAINS = ["ingest", "validation", "credit", "screening", "publication", "assessment", "maintenance"]


def tracked_top_folders() -> set[str]:
    files = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    return {f.split("/")[0] for f in files.splitlines() if "/" in f and not f.startswith(".")}


def readme_layout_folders() -> set[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([\w.-]+)/`", table, flags=re.M)}


def test_the_readme_layout_table_names_every_top_folder_and_no_other():
    assert readme_layout_folders() == tracked_top_folders()


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domain_has_its_assets_sql_python_and_tests_under_one_word(domain):
    assert (REPO_ROOT / "assets" / f"{domain}.py").is_file()
    assert (REPO_ROOT / "sql" / domain).is_dir()
    assert (REPO_ROOT / "creditwh" / domain / "__init__.py").is_file()
    if domain != "maintenance":  # its one asset is tested with the DuckLake backend it compacts (tests/system)
        assert (REPO_ROOT / "tests" / domain).is_dir()


def test_no_creditwh_module_sits_outside_a_domain_or_the_platform():
    loose = sorted(p.name for p in (REPO_ROOT / "creditwh").glob("*.py") if p.name != "__init__.py")
    assert loose == []


def test_the_deployment_guide_figures_are_the_benchmark_results():
    from bench.docs import DEPLOYMENT, current, render

    block = current(DEPLOYMENT.read_text(encoding="utf-8"))
    assert block is not None, "docs/deployment.md §11 lost its generated figures block"
    assert block == render(), "docs/deployment.md §11 differs from bench/results: run python -m bench.docs"
