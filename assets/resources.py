"""Resource classes: the single way to reach the warehouse, and the landing folder (instances: pipelines/resources.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from creditwh.platform import config, warehouse
from creditwh.platform.sql import traced_step

# Every asset that opens the live DuckDB file runs in this pool; dagster.yaml limits pools to 1 slot, so
# writers queue in Dagster instead of colliding on DuckDB's file lock (a read-only open from another
# process fails too while a writer holds it). Analysts read the published snapshot instead.
WRITER_POOL = "duckdb_writer"


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. Writers get the read-write connection; readers a read-only one."""

    path: str = ""

    @property
    def file(self) -> Path:
        return Path(self.path) if self.path else config.warehouse_path()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with traced_step(_current_step()), warehouse.connect(self.file, read_only=read_only) as con:
            yield con


def _current_step() -> str | None:
    """The op (asset or check) now running, for the SQL trace; None outside a run (the command line, tests).

    Never fails a connection: a context a test built by hand (build_asset_context) has no op, and asking for it
    raises a Dagster error other than "no context"."""
    try:
        return dg.OpExecutionContext.get().op.name
    except dg.DagsterError:
        return None


class LandingResource(dg.ConfigurableResource):
    """The landing root: files arrive under <root>/<source>/<YYYY-MM-DD>/."""

    root: str = ""

    @property
    def path(self) -> Path:
        return Path(self.root) if self.root else config.landing_dir()
