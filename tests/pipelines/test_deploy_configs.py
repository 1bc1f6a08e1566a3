"""The deployment files under deploy/ load with the libraries that will read them: Dagster's instance and workspace
schemas, dagster-postgres, dagster-k8s, the Kubernetes API models, PostgreSQL, and the project's own settings.

A file that only parses as YAML is not enough: a misspelt key, a module path that no longer exists
(`dagster.core...`) or a limit in the wrong place is accepted by a YAML parser and refused by Dagster at start-up.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

from creditwh.platform.config import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
K8S = DEPLOY / "k8s"
WORKER_ENV = DEPLOY / "ducklake-s3.env"
DAGSTER_ENV = DEPLOY / "dagster-pg.env"
GUIDE = REPO_ROOT / "docs" / "deployment.md"
WRITER_POOL = "duckdb_writer"
# Variables the code reads that a deployment leaves unset on purpose
# CREDIT_TODAY replays a past publication day (tests, benchmark): production means today. CREDIT_DEMO allows the
# public demo salt in what is published (the demo, the benchmark, the tests): a deployment never sets it.
# CREDIT_WRITER_WAIT_SECONDS: how long a command-line run waits for the writer slot; the daemon does not read it
NOT_DEPLOYED = {"CREDIT_TODAY", "CREDIT_DEMO", "CREDIT_WRITER_WAIT_SECONDS", "CREDIT_WHOLE_REBUILD", "CREDIT_SQL_TRACE"}
SECRETS = {"CREDIT_DUCKLAKE_PG", "CREDIT_S3_KEY_ID", "CREDIT_S3_SECRET", "CREDIT_ID_SALT"}


# ------------------------------------------------------------------------------------------------ helpers


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines as systemd's EnvironmentFile= and `docker run --env-file` both read them: no quotes (docker
    would keep them), no spaces around '=', no inline comments, each key once."""
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(\S(?:.*\S)?)", line)
        assert match, f"{path.name}:{number}: not KEY=value: {line!r}"
        key, value = match.groups()
        assert not value.startswith(("'", '"')), f"{path.name}:{number}: docker --env-file keeps quotes"
        assert " #" not in value, f"{path.name}:{number}: an inline comment would become part of the value"
        assert key not in values, f"{path.name}:{number}: {key} set twice"
        values[key] = value
    return values


def set_env(monkeypatch, values: dict[str, str]) -> None:
    for key, value in values.items():
        monkeypatch.setenv(key, value)


def load_yaml_documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]


def instance_config(folder: Path) -> dict:
    """dagster.yaml in `folder`, validated by Dagster exactly as DagsterInstance does at start-up."""
    from dagster._core.instance.config import dagster_instance_config

    value, custom_class = dagster_instance_config(str(folder), "dagster.yaml")
    assert custom_class is None
    return dict(value)


def class_config(block: dict):
    """A `module/class/config` block: the class imported, its config processed against its own config_type()."""
    from dagster._config import process_config
    from dagster._serdes.config_class import class_from_code_pointer

    cls = class_from_code_pointer(block["module"], block["class"])
    result = process_config(cls.config_type(), block.get("config") or {})
    assert result.success, [e.message for e in result.errors]
    return cls, result.value


def storage_config(raw: dict) -> dict:
    """The `storage: postgres:` block through dagster-postgres's schema, {env: ...} resolved."""
    from dagster._config import process_config
    from dagster_postgres import DagsterPostgresStorage

    result = process_config(DagsterPostgresStorage.config_type(), raw["storage"]["postgres"])
    assert result.success, [e.message for e in result.errors]
    return result.value


@pytest.fixture
def worker_env() -> dict[str, str]:
    return read_env_file(WORKER_ENV)


@pytest.fixture
def k8s_env_objects():
    """The ConfigMap and the Secret, as the Kubernetes client's models."""
    from kubernetes.client import ApiClient

    docs = load_yaml_documents(K8S / "credit-warehouse-env.yaml")
    assert [d["kind"] for d in docs] == ["ConfigMap", "Secret"]
    client = ApiClient()
    # the client's own deserializer, as for an API response: unknown or mistyped fields raise
    config_map = client._ApiClient__deserialize(docs[0], "V1ConfigMap")
    secret = client._ApiClient__deserialize(docs[1], "V1Secret")
    return docs, config_map, secret


# ------------------------------------------------------------------------------------------------ worker environment


def test_the_worker_env_file_selects_ducklake_on_s3_in_the_projects_settings(monkeypatch, worker_env):
    import duckdb

    from creditwh.platform import config
    from creditwh.platform.config import id_salt
    from creditwh.platform.warehouse import configure_s3, describe

    set_env(monkeypatch, worker_env)
    assert config.catalog() == "ducklake"
    assert config.ducklake_postgres().startswith("host=") and "dbname=credit_lake" in config.ducklake_postgres()
    assert config.ducklake_data_path().startswith("s3://") and config.ducklake_data_path().endswith("/")
    assert config.ducklake_retries() == 100
    assert int(worker_env["CREDIT_DUCKLAKE_KEEP_DAYS"]) == 7  # what assets/maintenance.py parses
    assert config.duckdb_memory_limit() == "2.5GB"
    assert config.data_dir() == Path("/srv/credit/data")
    assert config.landing_dir() == Path("/srv/credit/landing")
    assert config.analytics_path() == Path("/srv/credit/data/analytics.duckdb")
    assert config.warehouse_path().parent == Path("/var/tmp/credit")  # the spill folder's place, pod-local
    assert id_salt() != "gulou-demo-salt"
    assert "s3://credit-lake/warehouse/" in describe(config.warehouse_path())
    s3 = config.s3_settings()
    assert s3 == {
        "endpoint": "minio.internal:9000",
        "key_id": "CHANGE_ME",
        "secret": "CHANGE_ME",
        "region": "us-east-1",
        "url_style": "path",
        "use_ssl": "true",
    }
    # what a worker does with them before attaching the lake: httpfs and an S3 secret (no network needed)
    con = duckdb.connect()
    configure_s3(con)
    secret = con.execute("select type, secret_string from duckdb_secrets() where name = 'credit_s3'").fetchone()
    assert secret[0] == "s3"
    assert "endpoint=minio.internal:9000" in secret[1] and "url_style=path" in secret[1]


def test_the_worker_env_file_sets_every_variable_the_code_reads():
    read = set()
    for folder in ("creditwh", "assets", "pipelines", "quality"):
        for source in (REPO_ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"[\"'](CREDIT_[A-Z0-9_]+)[\"']", source.read_text(encoding="utf-8")))
    deployed = set(read_env_file(WORKER_ENV))
    assert {"CREDIT_CATALOG", "CREDIT_DUCKLAKE_PG", "CREDIT_S3_ENDPOINT"} <= read  # the scan finds them
    assert read - NOT_DEPLOYED - deployed == set(), "read by the code, missing from deploy/ducklake-s3.env"
    assert deployed - read == set(), "set in deploy/ducklake-s3.env, read by nothing"
    assert not NOT_DEPLOYED & deployed


def test_the_env_files_read_the_same_with_python_dotenv():
    from dotenv import dotenv_values  # a third reader of the format (docker compose reads it like this)

    for path in (WORKER_ENV, DAGSTER_ENV):
        assert dotenv_values(path) == read_env_file(path)


def test_the_kubernetes_configmap_and_secret_carry_the_env_file(worker_env, k8s_env_objects):
    docs, config_map, secret = k8s_env_objects
    assert config_map.metadata.name == "credit-warehouse-env"
    assert secret.metadata.name == "credit-warehouse-secrets" and secret.type == "Opaque"
    assert config_map.metadata.namespace == secret.metadata.namespace == "credit-warehouse"
    # ConfigMap values must be strings: an unquoted 100 or true is refused by the API server
    assert all(isinstance(v, str) for v in docs[0]["data"].values())
    assert all(isinstance(v, str) for v in docs[1]["stringData"].values())
    assert set(config_map.data) & set(secret.string_data) == set()
    assert {**config_map.data, **secret.string_data} == worker_env
    assert set(secret.string_data) == SECRETS  # passwords, keys and the salt only in the Secret
    assert all("CHANGE_ME" in v for v in secret.string_data.values())  # no real secret in the repository


# ------------------------------------------------------------------------------------------------ one VM


def test_the_vm_instance_yaml_passes_dagsters_instance_schema(monkeypatch):
    from dagster import DefaultRunLauncher, QueuedRunCoordinator

    dagster_env = read_env_file(DAGSTER_ENV)
    placeholders = set(re.findall(r"\{env: (\w+)\}", (DEPLOY / "dagster.yaml").read_text(encoding="utf-8")))
    assert placeholders and placeholders <= set(dagster_env), "every {env: X} is in deploy/dagster-pg.env"
    set_env(monkeypatch, dagster_env)
    raw = instance_config(DEPLOY)
    pg = storage_config(raw)["postgres_db"]
    assert (pg["hostname"], pg["port"], pg["db_name"], pg["username"], pg["password"]) == (
        "pg.internal",
        5432,
        "dagster",
        "dagster",
        "CHANGE_ME",
    )
    assert class_config(raw["run_coordinator"])[0] is QueuedRunCoordinator
    assert class_config(raw["run_launcher"])[0] is DefaultRunLauncher
    assert raw["concurrency"]["runs"]["max_concurrent_runs"] == 4
    assert raw["concurrency"]["pools"] == {"default_limit": 1, "granularity": "op"}
    assert raw["telemetry"] == {"enabled": False}


def test_dagster_refuses_a_run_limit_or_a_pool_limit_in_the_other_places(tmp_path, monkeypatch):
    """Why deploy/dagster.yaml puts the run limit under concurrency.runs and the pool limit in pool-limits.sh."""
    from dagster._core.errors import DagsterInvalidConfigError

    set_env(monkeypatch, read_env_file(DAGSTER_ENV))
    raw = yaml.safe_load((DEPLOY / "dagster.yaml").read_text(encoding="utf-8"))
    on_coordinator = {**raw, "run_coordinator": {**raw["run_coordinator"], "config": {"max_concurrent_runs": 4}}}
    per_pool = {**raw, "concurrency": {**raw["concurrency"], "pools": {**raw["concurrency"]["pools"], WRITER_POOL: 4}}}
    for bad in (on_coordinator, per_pool):
        (tmp_path / "dagster.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
        with pytest.raises(DagsterInvalidConfigError):
            instance_config(tmp_path)


@pytest.fixture
def catalog_names(postgres_dsn):
    """deploy/postgres-catalog.sql on the private cluster, with names of its own (roles are cluster-wide);
    dropped again afterwards."""
    tag = uuid.uuid4().hex[:10]
    names = {
        "lake_db": f"lake_{tag}",
        "lake_user": f"lake_{tag}",
        "reader_user": f"reader_{tag}",
        "dagster_db": f"dagster_{tag}",
        "dagster_user": f"dagster_{tag}",
    }
    variables = [
        a
        for k, v in {**names, "lake_password": "pw1", "reader_password": "pw2", "dagster_password": "pw3"}.items()
        for a in ("-v", f"{k}={v}")
    ]
    psql = ["psql", f"{postgres_dsn} dbname=postgres", "-q"]
    subprocess.run(
        [*psql, *variables, "-f", str(DEPLOY / "postgres-catalog.sql")], check=True, capture_output=True, text=True
    )
    yield names
    for statement in (
        f"drop database if exists {names['lake_db']} with (force)",
        f"drop database if exists {names['dagster_db']} with (force)",
        f"drop role if exists {names['reader_user']}",
        f"drop role if exists {names['lake_user']}",
        f"drop role if exists {names['dagster_user']}",
    ):
        subprocess.run([*psql, "-c", statement], check=True, capture_output=True, text=True)


def _dsn_parts(dsn: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in dsn.split())


def test_the_vm_instance_runs_on_postgres_and_keeps_the_writer_pool_limit(
    postgres_dsn, catalog_names, tmp_path, monkeypatch, worker_env
):
    from dagster import DagsterInstance, DefaultRunLauncher, QueuedRunCoordinator
    from dagster._core.instance.ref import InstanceRef
    from dagster_postgres import PostgresRunStorage

    names = catalog_names
    server = _dsn_parts(postgres_dsn)
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_bytes((DEPLOY / "dagster.yaml").read_bytes())
    env = {
        **read_env_file(DAGSTER_ENV),
        "DAGSTER_HOME": str(home),
        "DAGSTER_PG_HOST": server["host"],
        "DAGSTER_PG_PORT": server["port"],
        "DAGSTER_PG_DB": names["dagster_db"],
        "DAGSTER_PG_USERNAME": names["dagster_user"],
        "DAGSTER_PG_PASSWORD": "pw3",
    }
    set_env(monkeypatch, env)
    # the role the SQL file created owns its database, so dagster-postgres can create its tables there
    with DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        assert isinstance(instance.run_storage, PostgresRunStorage)
        assert isinstance(instance.run_coordinator, QueuedRunCoordinator)
        assert isinstance(instance.run_launcher, DefaultRunLauncher)
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 4
        assert instance.global_op_concurrency_default_limit == 1

    dagster = str(Path(sys.executable).parent / "dagster")
    script = ["sh", str(DEPLOY / "pool-limits.sh")]

    def pool_limits(*args: str, catalog: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*script, *args],
            capture_output=True,
            text=True,
            env={**worker_env, **env, "PATH": "/usr/bin:/bin", "DAGSTER": dagster, "CREDIT_CATALOG": catalog},
        )

    done = pool_limits(catalog="ducklake")
    assert done.returncode == 0, done.stderr
    refused = pool_limits("4", catalog="duckdb")  # the file allows one writer process
    assert refused.returncode == 2 and "one writer" in refused.stderr
    with DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:  # as after a restart
        assert instance.event_log_storage.get_concurrency_info(WRITER_POOL).slot_count == 4
    assert pool_limits(catalog="duckdb").returncode == 0  # back to the file: one slot again
    with DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        assert instance.event_log_storage.get_concurrency_info(WRITER_POOL).slot_count == 1


def test_the_catalog_roles_let_workers_write_and_analysts_only_read(postgres_dsn, catalog_names, tmp_path, monkeypatch):
    import duckdb

    from creditwh.platform.extensions import load
    from creditwh.platform.warehouse import connect

    names = catalog_names
    server = f"host={_dsn_parts(postgres_dsn)['host']} port={_dsn_parts(postgres_dsn)['port']}"
    set_env(
        monkeypatch,
        {
            "CREDIT_CATALOG": "ducklake",
            "CREDIT_DUCKLAKE_DATA": str(tmp_path / "lake"),
            "CREDIT_DUCKLAKE_PG": f"{server} user={names['lake_user']} dbname={names['lake_db']}",
        },
    )
    with connect(tmp_path / "warehouse.duckdb") as con:  # the worker: creates DuckLake's tables, then writes
        con.execute("create or replace table marts.figures as select 42 as n")

    reader_dsn = f"{server} user={names['reader_user']} dbname={names['lake_db']}"
    analyst = duckdb.connect()
    load(analyst, "postgres")
    load(analyst, "ducklake")
    # the statement in docs/deployment.md, "Analysts"
    analyst.execute(f"ATTACH 'ducklake:postgres:{reader_dsn}' AS warehouse (READ_ONLY); USE warehouse;")
    assert analyst.execute("select n from marts.figures").fetchall() == [(42,)]
    with pytest.raises(duckdb.Error, match="read-only"):
        analyst.execute("insert into marts.figures values (1)")
    # even attached read-write, the reader role cannot change the catalog
    sneaky = duckdb.connect()
    load(sneaky, "postgres")
    load(sneaky, "ducklake")
    sneaky.execute(f"ATTACH 'ducklake:postgres:{reader_dsn}' AS lake")
    with pytest.raises(duckdb.Error, match="(?i)permission denied"):
        sneaky.execute("insert into lake.marts.figures values (1)")
    assert analyst.execute("select count(*) from marts.figures").fetchone()[0] == 1


# ------------------------------------------------------------------------------------------------ Kubernetes


def _kubeconfig(tmp_path: Path) -> Path:
    """A kubeconfig for a cluster that is never contacted: the launcher only reads it when it is built."""
    path = tmp_path / "kubeconfig"
    path.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "current-context": "test",
                "clusters": [{"name": "test", "cluster": {"server": "https://127.0.0.1:6443"}}],
                "users": [{"name": "test", "user": {"token": "unused"}}],
                "contexts": [{"name": "test", "context": {"cluster": "test", "user": "test"}}],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_the_kubernetes_instance_yaml_builds_run_pods_with_the_warehouse_environment(
    tmp_path, monkeypatch, k8s_env_objects
):
    from dagster import QueuedRunCoordinator
    from dagster._core.instance.ref import InstanceRef
    from dagster._core.storage.dagster_run import DagsterRun
    from dagster._core.storage.noop_compute_log_manager import NoOpComputeLogManager
    from dagster_k8s import K8sRunLauncher
    from dagster_k8s.container_context import K8sContainerContext
    from dagster_k8s.job import construct_dagster_k8s_job

    monkeypatch.setenv("DAGSTER_PG_PASSWORD", "from-the-secret")
    raw = instance_config(K8S)
    assert storage_config(raw)["postgres_db"]["password"] == "from-the-secret"
    assert class_config(raw["run_coordinator"])[0] is QueuedRunCoordinator
    assert class_config(raw["compute_logs"])[0] is NoOpComputeLogManager
    launcher_class, launcher_config = class_config(raw["run_launcher"])
    assert launcher_class is K8sRunLauncher
    assert raw["concurrency"]["runs"]["max_concurrent_runs"] == 4
    assert raw["concurrency"]["pools"]["default_limit"] == 1
    ref = InstanceRef.from_dir(str(K8S))  # what the daemon, the webserver and each run pod build from the file
    assert (ref.run_launcher_data.module_name, ref.run_launcher_data.class_name) == ("dagster_k8s", "K8sRunLauncher")

    _, config_map, secret = k8s_env_objects
    assert launcher_config["env_config_maps"] == [config_map.metadata.name]
    assert launcher_config["env_secrets"] == [secret.metadata.name]
    assert launcher_config["job_namespace"] == config_map.metadata.namespace

    # the launcher as the daemon builds it (outside a cluster here), and the Job it would create for a run
    launcher = K8sRunLauncher(
        **{**launcher_config, "load_incluster_config": False, "kubeconfig_file": str(_kubeconfig(tmp_path))}
    )
    run = DagsterRun(job_name="daily_warehouse", run_id=str(uuid.uuid4()))
    context = K8sContainerContext.create_for_run(run, launcher, include_run_tags=False)
    job = construct_dagster_k8s_job(
        job_config=context.get_k8s_job_config(
            job_image="registry.internal/credit-warehouse:1.0.0", run_launcher=launcher
        ),
        args=["dagster", "api", "execute_run", "{}"],
        job_name="dagster-run-test",
        component="run_worker",
        user_defined_k8s_config=context.run_k8s_config,
    )
    pod = job.spec.template.spec
    container = pod.containers[0]
    assert pod.service_account_name == "credit-warehouse-runs"
    assert container.image_pull_policy == "IfNotPresent"
    assert [e.config_map_ref.name for e in container.env_from if e.config_map_ref] == ["credit-warehouse-env"]
    assert [e.secret_ref.name for e in container.env_from if e.secret_ref] == ["credit-warehouse-secrets"]
    password = next(e for e in container.env if e.name == "DAGSTER_PG_PASSWORD")
    assert (password.value_from.secret_key_ref.name, password.value_from.secret_key_ref.key) == (
        "credit-warehouse-dagster-pg",
        "postgresql-password",
    )
    assert next(e.value for e in container.env if e.name == "DAGSTER_HOME") == "/opt/dagster/dagster_home"
    mounts = {m.mount_path for m in container.volume_mounts}
    assert mounts == {"/srv/credit", "/var/tmp/credit"}
    # the warehouse paths of the ConfigMap lie on the volumes mounted in the pod
    for key in ("CREDIT_DATA_DIR", "CREDIT_LANDING_DIR", "CREDIT_ANALYTICS", "CREDIT_WAREHOUSE"):
        assert any(config_map.data[key].startswith(m + "/") for m in mounts), key
    assert container.resources.limits["memory"] == "5Gi"
    assert pod.node_selector == {"kubernetes.io/arch": "amd64"}  # where the extension wheels run


# ------------------------------------------------------------------------------------------------ code location


def test_both_workspaces_name_the_projects_code_location():
    import tomllib

    from dagster._core.remote_origin import GrpcServerCodeLocationOrigin, ManagedGrpcPythonEnvCodeLocationOrigin
    from dagster._core.workspace.load import location_origins_from_yaml_paths

    tool = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["dagster"]
    (vm,) = location_origins_from_yaml_paths([str(DEPLOY / "workspace.yaml")])
    assert isinstance(vm, ManagedGrpcPythonEnvCodeLocationOrigin)
    assert vm.location_name == tool["code_location_name"]
    assert vm.loadable_target_origin.module_name == tool["module_name"]
    (k8s,) = location_origins_from_yaml_paths([str(K8S / "workspace.yaml")])
    assert isinstance(k8s, GrpcServerCodeLocationOrigin)
    assert (k8s.location_name, k8s.host, k8s.port) == (tool["code_location_name"], "credit-warehouse-code", 4000)


def test_the_guide_names_what_the_code_location_defines():
    from pipelines.definitions import defs
    from pipelines.resources import WRITER_POOL as pool

    assert pool == WRITER_POOL
    repo = defs.get_repository_def()
    guide = GUIDE.read_text(encoding="utf-8")
    for job in ("daily_warehouse", "warehouse_maintenance"):
        assert repo.has_job(job) and f"`{job}`" in guide
    for schedule in ("daily_warehouse_schedule", "weekly_maintenance_schedule"):
        assert repo.has_schedule_def(schedule) and f"`{schedule}`" in guide
    assert repo.get_schedule_def("weekly_maintenance_schedule").execution_timezone == "Asia/Shanghai"
    pools = {a.node_def.pool for a in repo.assets_defs_by_key.values() if a.is_executable}
    assert WRITER_POOL in pools and f"`{WRITER_POOL}`" in guide


# ------------------------------------------------------------------------------------------------ VM service units


def _unit(path: Path) -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            entries.setdefault(key.strip(), []).append(value.strip())
    return entries


def test_the_systemd_units_load_both_env_files_and_the_workspace():
    for name in ("credit-dagster-daemon.service", "credit-dagster-webserver.service"):
        unit = _unit(DEPLOY / "systemd" / name)
        assert [Path(p).name for p in unit["EnvironmentFile"]] == [DAGSTER_ENV.name, WORKER_ENV.name], name
        (command,) = unit["ExecStart"]
        program, *args = command.split()
        assert Path(program).name in ("dagster-daemon", "dagster-webserver")
        assert args[args.index("-w") + 1].endswith("/deploy/workspace.yaml")


def test_the_guide_covers_every_deployment_file():
    guide = GUIDE.read_text(encoding="utf-8")
    for path in sorted(p for p in DEPLOY.rglob("*") if p.is_file()):
        assert str(path.relative_to(REPO_ROOT)) in guide, path
    assert re.search(r"^## (\d+\. )?Limits and measured costs$", guide, re.MULTILINE)  # filled from the benchmark
