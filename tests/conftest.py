import pytest

from creditwh.warehouse import connect


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
