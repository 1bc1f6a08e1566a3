#!/bin/sh
# Sets the writers' pool `duckdb_writer` on the Dagster instance in $DAGSTER_HOME. The limit is stored in the
# instance's database (PostgreSQL in deploy/dagster.yaml) and kept across restarts; dagster.yaml can only give
# the default for pools without a limit of their own. Run it once after the first start, and again after
# switching CREDIT_CATALOG.
#   sh deploy/pool-limits.sh [SLOTS]     default: 4 on DuckLake; 1 on the DuckDB file, which allows no other value
#   DAGSTER=/opt/credit-warehouse/.venv/bin/dagster sh deploy/pool-limits.sh    (when dagster is not on PATH)
set -eu
: "${DAGSTER_HOME:?set DAGSTER_HOME to the instance folder that holds dagster.yaml}"
catalog=$(printf '%s' "${CREDIT_CATALOG:-duckdb}" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')
case "$catalog" in
    ducklake) slots=${1:-4} ;;
    duckdb)
        slots=${1:-1}
        if [ "$slots" != 1 ]; then
            echo "单文件仓库只允许一个写入进程 / the DuckDB file allows one writer process: duckdb_writer stays at 1" >&2
            exit 2
        fi ;;
    *) echo "CREDIT_CATALOG 只能是 duckdb 或 ducklake / must be duckdb or ducklake, not '$catalog'" >&2; exit 2 ;;
esac
"${DAGSTER:-dagster}" instance concurrency set duckdb_writer "$slots"
