"""A run that cannot get the warehouse says who holds it and what to do, gives up in time, and leaves nothing held."""

import os
import socket
import subprocess
import sys
import textwrap

import dagster as dg
import pytest
from dagster._core.test_utils import create_run_for_test
from dagster._utils.concurrency import ConcurrencySlotStatus

from pipelines.runner import instance_for
from pipelines.writer_slot import LOCK_FILE, POOL, PROCESS_TAG, Process, _start_time


@pytest.fixture
def sleeper():
    """A live process other than this one, standing in for a writer that is still working."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        yield child
    finally:
        child.kill()
        child.wait()


def _holding_run(site, process: Process, job_name: str = "daily_warehouse") -> str:
    """A STARTED run of `process` that holds the writer slot, as a run does while it writes."""
    with instance_for(site.data) as instance:
        run = create_run_for_test(
            instance, job_name=job_name, status=dg.DagsterRunStatus.STARTED, tags={PROCESS_TAG: process.tag}
        )
        instance.event_log_storage.initialize_concurrency_limit_to_default(POOL)  # as a run's executor does
        claim = instance.event_log_storage.claim_concurrency_slot(POOL, run.run_id, "raw__penalties")
        assert claim.slot_status == ConcurrencySlotStatus.CLAIMED
        return run.run_id


def test_a_run_waits_for_a_live_holder_of_the_slot_names_it_and_gives_up_in_time(site, sleeper):
    holder = _holding_run(site, Process(socket.gethostname(), sleeper.pid, _start_time(sleeper.pid)))

    waited = site.run(env={"CREDIT_WRITER_WAIT_SECONDS": "2"})

    assert waited.returncode == 1
    assert f"等待写入槽 / waiting for the writer slot held by 运行 run {holder}" in waited.stderr
    assert f"creditwh 进程 pid {sleeper.pid}" in waited.stderr
    assert "等待 2 秒后放弃 / gave up after 2 s" in waited.stderr
    assert "creditwh runs clear" in waited.stderr  # how to clear it
    assert "Traceback" not in waited.stderr
    assert not site.warehouse.exists()  # it wrote nothing
    assert site.unfinished_runs() == [holder, f"slot:{holder}"]  # the live holder is left alone


def test_a_holder_whose_process_is_gone_is_released_by_the_next_command(site, sleeper):
    holder = _holding_run(site, Process(socket.gethostname(), sleeper.pid, _start_time(sleeper.pid)))
    sleeper.kill()
    sleeper.wait()

    listed = site.creditwh("runs")

    assert listed.returncode == 0, listed.stderr
    assert f"已清理中断的运行 / released the interrupted run {holder[:8]}" in listed.stdout
    assert site.unfinished_runs() == []
    with instance_for(site.data) as instance:
        assert instance.get_run_by_id(holder).status == dg.DagsterRunStatus.FAILURE


def test_a_reused_process_id_is_not_taken_for_the_dead_run():
    """The kernel reuses pids: a run is alive only if the process with its pid started when it did."""
    me = Process(socket.gethostname(), os.getpid(), _start_time(os.getpid()))
    assert me.alive()
    assert not Process(me.host, me.pid, str(int(me.start) - 1)).alive()


def test_an_unrecorded_run_holding_the_slot_is_cleared_by_hand_and_a_live_one_is_refused(site, sleeper):
    """Runs started before runs carried their process (or by a script) cannot be judged: the operator clears them."""
    unrecorded = _holding_run(site, Process(socket.gethostname(), sleeper.pid, _start_time(sleeper.pid)))
    with instance_for(site.data) as instance:  # drop the process tag: an old run
        instance.delete_run(unrecorded)
        run = create_run_for_test(instance, job_name="__ephemeral_asset_job__", status=dg.DagsterRunStatus.STARTED)
        instance.event_log_storage.claim_concurrency_slot(POOL, run.run_id, "raw__penalties")

    cleared = site.creditwh("runs", "clear", run.run_id[:8])
    assert cleared.returncode == 0, cleared.stderr
    assert site.unfinished_runs() == []

    live = _holding_run(site, Process(socket.gethostname(), sleeper.pid, _start_time(sleeper.pid)))
    refused = site.creditwh("runs", "clear", live)
    assert refused.returncode == 1
    assert "进程仍在运行，未清理" in refused.stderr


def test_a_second_command_line_run_waits_for_the_first_and_names_its_process(site):
    """Command-line runs take turns by a file lock the kernel frees when its holder dies, however it dies."""
    (site.data / "dagster_home").mkdir(parents=True, exist_ok=True)
    lock = site.data / "dagster_home" / LOCK_FILE
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
                import fcntl, json, os, sys, time
                f = open({str(lock)!r}, "a+")
                fcntl.flock(f, fcntl.LOCK_EX)
                f.truncate(0); f.write(json.dumps({{"pid": os.getpid(), "host": "h", "since": "t"}})); f.flush()
                print("held", flush=True)
                time.sleep(600)
            """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        waited = site.run(env={"CREDIT_WRITER_WAIT_SECONDS": "2"})
    finally:
        holder.kill()
        holder.wait()

    assert waited.returncode == 1
    assert f"另一个 creditwh 运行正在写入 / held by creditwh 进程 pid {holder.pid}" in waited.stderr
    assert "gave up after 2 s" in waited.stderr
    assert site.unfinished_runs() == []


def test_a_warehouse_held_by_another_program_is_named_and_the_rerun_equals_a_clean_run(site, clean_run):
    site.data.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(site.warehouse)!r}); print('held', flush=True); "
            "time.sleep(600)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        blocked = site.run()
    finally:
        holder.kill()
        holder.wait()

    assert blocked.returncode == 1
    assert f"数据仓库文件被另一个程序占用（进程 PID {holder.pid}）" in blocked.stderr
    assert "分析人员请读取只读快照" in blocked.stderr  # the next step
    assert "Traceback" not in blocked.stderr
    assert "不输出汇总" in blocked.stderr  # no earlier counts passed off as this run's
    assert site.unfinished_runs() == []

    rerun = site.run()
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert site.incomplete_publications() == []
    assert site.digest() == clean_run


def test_a_run_of_another_host_is_cleared_only_when_forced(site):
    """Its process cannot be seen from here (a container that is gone): the operator says so with --force."""
    other = _holding_run(site, Process("another-host", 4242, "1"))

    refused = site.creditwh("runs", "clear", other)
    assert refused.returncode == 1
    assert "本机无法检查其进程" in refused.stderr and "--force" in refused.stderr

    forced = site.creditwh("runs", "clear", other, "--force")
    assert forced.returncode == 0, forced.stderr
    assert site.unfinished_runs() == []


def test_a_pool_with_a_free_slot_left_keeps_nobody_waiting(site, sleeper):
    """On DuckLake the writers' pool has several slots: one taken is no reason to wait."""
    from pipelines.writer_slot import holders

    holder = _holding_run(site, Process(socket.gethostname(), sleeper.pid, _start_time(sleeper.pid)))
    with instance_for(site.data) as instance:
        assert [r.run_id for r in holders(instance)] == [holder]
        instance.event_log_storage.set_concurrency_slots(POOL, 2)
        assert holders(instance) == []
