"""The warehouse writer's turn: one `creditwh` run at a time, and no slot left held by a run that is gone.

DuckDB allows one writer process, so every writing asset runs in the Dagster pool `duckdb_writer` (dagster.yaml).
A run killed with `kill -9`, or one that died on a full disk, never releases its claim on that pool: its record
stays STARTED, and every later run waits for the slot forever (Dagster's in-process executor spins on it and
defers Ctrl-C). So a command-line run:

1. takes an OS file lock beside the instance (released by the kernel when the process dies, however it dies);
   another `creditwh` run waits for it, says whose turn it is, and gives up after CREDIT_WRITER_WAIT_SECONDS;
2. holding that lock, marks failed every earlier `creditwh` run whose process is gone (tagged with its host, pid
   and process start time, so a reused pid is not mistaken for it) and frees the slots it held, and frees slots
   still held by runs that have ended;
3. waits, the same way, for a slot held by a live run launched elsewhere (the Dagster UI or daemon);
4. afterwards marks its own run failed and frees its slots if the run did not end cleanly.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import dagster as dg
from dagster._core.storage.dagster_run import FINISHED_STATUSES  # not exported by the public API

POOL = "duckdb_writer"
PROCESS_TAG = "creditwh/process"  # host:pid:start — who runs it, for finding runs whose process is gone
LOCK_FILE = "creditwh-writer.lock"
DEFAULT_WAIT_SECONDS = 1800
POLL_SECONDS = 1.0


class WriterBusy(RuntimeError):
    """The writer's turn did not come within the wait; the message says who holds it and what to do."""


@dataclass(frozen=True)
class Process:
    host: str
    pid: int
    start: str  # the kernel's start time of the process (ticks since boot), or "" where /proc is absent

    @property
    def tag(self) -> str:
        return f"{self.host}:{self.pid}:{self.start}"

    @classmethod
    def parse(cls, tag: str | None) -> Process | None:
        try:
            host, pid, start = (tag or "").rsplit(":", 2)
            return cls(host, int(pid), start)
        except ValueError:
            return None

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    def alive(self) -> bool:
        """True unless this host has no such process now (another host's process cannot be seen, so counts as alive)."""
        if not self.here:
            return True
        return _start_time(self.pid) == self.start if self.start else _pid_exists(self.pid)


def this_process() -> Process:
    return Process(socket.gethostname(), os.getpid(), _start_time(os.getpid()) or "")


def _start_time(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22 (starttime); the command name may hold spaces


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_seconds() -> float:
    return float(os.environ.get("CREDIT_WRITER_WAIT_SECONDS", DEFAULT_WAIT_SECONDS))


# ------------------------------------------------------------------ stale runs


def release(instance: dg.DagsterInstance, run: dg.DagsterRun, why: str) -> None:
    """Mark an unfinished run failed (with the reason) and free every pool slot it claimed or waits for."""
    if run.status not in FINISHED_STATUSES:
        instance.report_run_failed(run, message=why)
    instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)


def reap(instance: dg.DagsterInstance) -> list[str]:
    """Free what dead `creditwh` runs and ended runs still hold. Returns one line per run released."""
    lines = []
    storage = instance.event_log_storage
    for run in _unfinished_runs(instance):
        process = Process.parse(run.tags.get(PROCESS_TAG))
        if process is None or process.alive():
            continue
        release(
            instance,
            run,
            f"进程 {process.pid} 已不存在，运行未完成 / its process {process.pid} is gone (killed or crashed)",
        )
        lines.append(
            f"已清理中断的运行 / released the interrupted run {run.run_id[:8]} "
            f"(进程 pid {process.pid} 已不存在 / gone); 其写入槽已释放 / its writer slot is free"
        )
    for run_id in storage.get_concurrency_run_ids():
        run = instance.get_run_by_id(run_id)
        if run is None or run.status in FINISHED_STATUSES:
            storage.free_concurrency_slots_for_run(run_id)
    return lines


def _unfinished() -> list[dg.DagsterRunStatus]:
    return [s for s in dg.DagsterRunStatus if s not in FINISHED_STATUSES]


def _unfinished_runs(instance: dg.DagsterInstance, tags: dict[str, str] | None = None) -> list[dg.DagsterRun]:
    return list(instance.get_runs(dg.RunsFilter(statuses=_unfinished(), tags=tags or {})))


def holders(instance: dg.DagsterInstance) -> list[dg.DagsterRun]:
    """Unfinished runs a new run would queue behind: those holding the writer slots when they hold all of them (on
    DuckLake the pool may have several), and those already waiting for one (a queue: they are served first)."""
    info = instance.event_log_storage.get_concurrency_info(POOL)
    claimed = {s.run_id for s in info.claimed_slots}
    waiting = {s.run_id for s in info.pending_steps if s.assigned_timestamp is None}
    full = len(info.claimed_slots) >= max(info.limit or info.slot_count or 1, 1)
    runs = [instance.get_run_by_id(r) for r in sorted((claimed if full else set()) | waiting)]
    return [r for r in runs if r is not None and r.status not in FINISHED_STATUSES]


def describe(run: dg.DagsterRun) -> str:
    process = Process.parse(run.tags.get(PROCESS_TAG))
    if process:
        where = f"creditwh 进程 pid {process.pid}"
    elif run.job_name.startswith("__ephemeral"):
        where = "未登记进程的命令行或脚本运行 / a command-line or script run whose process was not recorded"
    else:
        where = "Dagster 界面或守护进程 / the Dagster UI or daemon"
    started = run.tags.get("creditwh/started", "")
    return f"运行 run {run.run_id}（{where}{'，开始于 ' + started if started else ''}，状态 {run.status.value}）"


# ------------------------------------------------------------------ the turn


@contextmanager
def writer_turn(instance: dg.DagsterInstance, echo: Callable[[str], None]) -> Iterator[dict[str, str]]:
    """Hold the writer's turn for one run; yields the tags the run must carry."""
    home = Path(instance.root_directory)
    home.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds()
    with open(home / LOCK_FILE, "a+") as lock:
        _take(lock, deadline, echo)
        try:
            me = this_process()
            lock.seek(0)
            lock.truncate()
            lock.write(json.dumps({"pid": me.pid, "host": me.host, "since": _now()}, ensure_ascii=False))
            lock.flush()
            for line in reap(instance):
                echo(line)
            _wait_for_other_holders(instance, deadline, echo)
            tags = {PROCESS_TAG: me.tag, "creditwh/started": _now()}
            try:
                yield tags
            finally:
                for run in _unfinished_runs(instance, {PROCESS_TAG: me.tag}):
                    release(instance, run, "运行异常结束 / the run ended abnormally")
        finally:
            lock.seek(0)
            lock.truncate()  # a later waiter must not name this process once it is gone (its pid may be reused)
            lock.flush()
            fcntl.flock(lock, fcntl.LOCK_UN)


def _take(lock, deadline: float, echo: Callable[[str], None]) -> None:
    told = False
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            lock.seek(0)
            holder = _holder_text(lock.read())
            if not told:
                echo(f"等待写入槽 / waiting for the writer slot: 另一个 creditwh 运行正在写入 / held by {holder}")
                told = True
            if time.monotonic() >= deadline:
                raise WriterBusy(
                    f"等待 {wait_seconds():.0f} 秒后放弃 / gave up after {wait_seconds():.0f} s: {holder} 仍在写入 / "
                    "still writing. 请等待其结束后重试；若确认该进程已卡死，先结束它（kill PID）再重试 / wait for it to "
                    "finish and retry; if it is stuck, stop it (kill PID), then retry. See docs/runbook.md."
                ) from None
            time.sleep(POLL_SECONDS)


def _holder_text(content: str) -> str:
    try:
        who = json.loads(content)
        return f"creditwh 进程 pid {who['pid']}（主机 {who['host']}，开始于 {who['since']}）"
    except (ValueError, KeyError, TypeError):
        return "另一个 creditwh 进程 / another creditwh process"


def _wait_for_other_holders(instance: dg.DagsterInstance, deadline: float, echo: Callable[[str], None]) -> None:
    told: set[str] = set()
    while others := holders(instance):
        for run in others:
            if run.run_id not in told:
                echo(
                    f"等待写入槽 / waiting for the writer slot held by {describe(run)}。若该运行已不存在，执行 "
                    f"`creditwh runs clear {run.run_id[:8]}` / if that run is gone, release it with that command"
                )
                told.add(run.run_id)
        if time.monotonic() >= deadline:
            names = "; ".join(describe(r) for r in others)
            raise WriterBusy(
                f"等待 {wait_seconds():.0f} 秒后放弃 / gave up after {wait_seconds():.0f} s: 写入槽仍被占用 / the "
                f"writer slot is still held by {names}. 若该运行仍在进行，请等待；若它已不存在（界面中显示进行中但"
                "无进程），执行 `creditwh runs clear RUN_ID` 释放 / if it is still working, wait; if it is gone, run "
                "`creditwh runs clear RUN_ID`. See docs/runbook.md."
            )
        time.sleep(POLL_SECONDS)
        reap(instance)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


# ------------------------------------------------------------------ by hand (creditwh runs)


def unfinished(instance: dg.DagsterInstance) -> list[str]:
    """One line per unfinished run, saying whether its process is alive and whether it holds a writer slot."""
    holding = {r.run_id for r in holders(instance)}
    lines = []
    for run in _unfinished_runs(instance):
        process = Process.parse(run.tags.get(PROCESS_TAG))
        if process is None:
            state = "进程不明 / process unknown"
        elif not process.here:
            state = f"在主机 {process.host} 上运行，本机无法检查 / on another host: cannot be checked from here"
        else:
            state = "进程存活 / alive" if process.alive() else "进程已不存在 / gone"
        slot = "，占用写入槽 / holds the writer slot" if run.run_id in holding else ""
        lines.append(f"{describe(run)}  {state}{slot}")
    return lines


def clear(instance: dg.DagsterInstance, run_id: str, force: bool = False) -> str:
    """Release a run the operator knows is gone (a UI run whose worker died); refuses a live `creditwh` process, and
    one on another host (a container that is gone, say) unless forced: its process cannot be seen from here."""
    run = instance.get_run_by_id(run_id) or next(
        (r for r in _unfinished_runs(instance) if r.run_id.startswith(run_id)), None
    )
    if run is None:
        raise WriterBusy(f"没有运行 / no run {run_id}")
    process = Process.parse(run.tags.get(PROCESS_TAG))
    if process is not None and not process.here and not force:
        raise WriterBusy(
            f"{describe(run)} 由另一台主机 {process.host} 运行，本机无法检查其进程；确认其已不存在后加 --force / run on "
            "another host (or a container that is gone): its process cannot be checked from here; add --force once "
            "you are sure it is gone"
        )
    if process is not None and process.here and process.alive():
        raise WriterBusy(
            f"{describe(run)} 的进程仍在运行，未清理；请等待或先结束该进程 / its process is alive: not cleared; wait or "
            "stop the process first"
        )
    release(instance, run, "由操作员清理 / released by the operator (creditwh runs clear)")
    return f"已清理 / released {describe(instance.get_run_by_id(run.run_id) or run)}"
