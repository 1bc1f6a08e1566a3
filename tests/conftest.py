import pytest

from creditwh.platform.warehouse import connect

# Test tiers (pyproject.toml registers the markers; `make test-fast` deselects them, `make test` runs everything).
# A test that needs PostgreSQL is marked by the fixture it takes, so no one has to remember the marker.
NEEDS_POSTGRES = {"postgres_dsn", "lake_env"}


def pytest_collection_modifyitems(items):
    for item in items:
        params = getattr(item, "callspec", None)
        if NEEDS_POSTGRES & set(getattr(item, "fixturenames", ())) or (
            params is not None and params.params.get("backend") == "ducklake"
        ):
            item.add_marker(pytest.mark.ducklake)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """No test writes into the repository's data/ folder: outputs go under the test's own tmp_path."""
    monkeypatch.setenv("CREDIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CREDIT_DEMO", "1")  # the demo salt is allowed (a test of the refusal unsets this)


@pytest.fixture
def landing(tmp_path):
    root = tmp_path / "landing"
    root.mkdir()
    return root


@pytest.fixture
def warehouse_file(tmp_path):
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def con(warehouse_file):
    with connect(warehouse_file) as c:
        yield c


# ------------------------------------------------------------------ DuckLake (PostgreSQL catalog) backend


@pytest.fixture(scope="session")
def postgres_dsn():
    """The private loopback PostgreSQL cluster of scripts/ensure_postgres.sh (installed and started if needed)."""
    from tests.support.lake import ensure_postgres

    return ensure_postgres()


@pytest.fixture
def lake_env(postgres_dsn, tmp_path, monkeypatch):
    """This test's warehouse on DuckLake: a fresh catalog database and data folder, set in the environment."""
    from tests.support.lake import new_lake

    env = new_lake(postgres_dsn, tmp_path / "lake")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env
