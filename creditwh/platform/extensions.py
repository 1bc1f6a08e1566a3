"""DuckDB extensions that are not built into the Python wheel, installed offline.

Online, `INSTALL excel` downloads from DuckDB's repository. This machine (and a bureau's network) has no such
access, so each extension comes from its PyPI wheel, pinned to duckdb 1.5.5 in pyproject.toml
(duckdb-extension-excel, -ducklake, -postgres, -httpfs). A wheel holds only the binary, at
<package>/extensions/v<duckdb version>/<name>.duckdb_extension; INSTALL copies it into DuckDB's extension
directory under its real name (postgres becomes postgres_scanner), after which LOAD works by name.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import duckdb

# extension name -> the module of its PyPI wheel
WHEELS = {
    "excel": "duckdb_extension_excel",
    "ducklake": "duckdb_extension_ducklake",
    "postgres": "duckdb_extension_postgres",
    "httpfs": "duckdb_extension_httpfs",
}


class ExtensionMissing(RuntimeError):
    """An extension is neither installed nor available from its wheel."""


def wheel_file(name: str) -> Path:
    try:
        root = Path(str(importlib.resources.files(WHEELS[name])))
    except ModuleNotFoundError:
        raise ExtensionMissing(
            f"DuckDB 扩展 {name} 未安装 / the DuckDB extension {name!r} is missing: pip install "
            f"{WHEELS[name].replace('_', '-')}=={duckdb.__version__} (offline), or INSTALL {name} (online)"
        ) from None
    return root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"


def load(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """LOAD an extension, installing it from its wheel first if DuckDB does not have it yet."""
    try:
        con.load_extension(name)
    except duckdb.IOException:  # not installed: "Extension ... not found"
        con.install_extension(str(wheel_file(name)))
        con.load_extension(name)
