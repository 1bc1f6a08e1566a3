import pytest

from creditwh.warehouse import connect


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    """No test writes into the repository's data/ folder: outputs go under the test's own tmp_path."""
    monkeypatch.setenv("CREDIT_DATA_DIR", str(tmp_path / "data"))


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
