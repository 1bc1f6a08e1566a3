"""Expected faults in words an operator can act on: the cause in Chinese and English, and the next step.

A step that fails is reported by the innermost error that stopped it (Dagster wraps it twice). The faults an
operator meets in practice (a full disk, the warehouse held by another program, a privacy stop) are recognised by
their error's class and text and explained without a traceback; anything else is shown as its own class and
message. A busy writer slot is reported where it is met (pipelines/writer_slot.py). docs/runbook.md explains each
message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What every failure message ends with: a failed run changes nothing it did not finish.
KEPT = "已完成的步骤已保存，其余保持上次完好状态 / finished steps are kept; the rest keeps its last good state"


@dataclass(frozen=True)
class Fault:
    kind: str
    cause: str  # zh / en
    next_step: str  # zh / en

    def text(self) -> str:
        return f"{self.cause}。下一步 / next: {self.next_step}。{KEPT}"


def _disk_full(cls: str, message: str) -> Fault | None:
    text = message.lower()
    if (
        "no space left on device" in text
        or "database or disk is full" in text
        or "disk i/o error" in text
        or "errno 28" in text
        or ("could not write" in text and "space" in text)
    ):
        return Fault(
            "disk_full",
            "磁盘空间不足或读写出错，写入失败 / the disk is full, or failed: a write failed",
            "用 df -h 查看数据文件夹所在磁盘：如已满，清理后重新运行；如未满，检查磁盘或网络存储是否可写 / see df -h "
            "for the data folder's disk: if it is full, free space and run again; if not, check that the disk or "
            "network storage is writable",
        )
    return None


_PID = re.compile(r"PID (\d+)")


def _locked(cls: str, message: str) -> Fault | None:
    text = message.lower()
    if cls == "WarehouseLockedError" or "could not set lock" in text or "conflicting lock" in text:
        pid = _PID.search(message)
        holder = f"（进程 PID {pid.group(1)}）/ (PID {pid.group(1)})" if pid else ""
        return Fault(
            "warehouse_locked",
            f"数据仓库文件被另一个程序占用{holder} / the warehouse file is held by another program",
            "关闭直接打开仓库文件的程序（DBeaver、笔记本、另一个 creditwh）后重新运行；分析人员请读取只读快照 / "
            "close the program that has the warehouse open (DBeaver, a notebook, another creditwh) and run again; "
            "analysts read the read-only snapshot",
        )
    return None


def _privacy(cls: str, message: str) -> Fault | None:
    if cls == "UnmaskedIdentityNumber":
        return Fault(
            "privacy_stop",
            "隐私保护停止：发布内容中发现身份证号码，本次未发布，上次发布保持不变 / privacy stop: an identity number "
            f"was found in what would be published; nothing was published. {_first_line(message)}",
            "按纠错清单请报送单位更正该记录后重新运行 / have the unit correct the record (see its correction list), "
            "then run again",
        )
    return None


RECOGNISERS = (_privacy, _locked, _disk_full)


def explain(cls: str, message: str) -> Fault | None:
    """The known fault an error (by class name and message) stands for, or None."""
    for recognise in RECOGNISERS:
        fault = recognise(cls, message)
        if fault:
            return fault
    return None


def explain_exception(exc: BaseException) -> Fault | None:
    """A raised exception or any exception in its chain, as a known fault."""
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        errno = getattr(current, "errno", None)
        fault = explain(type(current).__name__, f"{current} errno {errno}" if errno else str(current))
        if fault:
            return fault
        current = current.__cause__ or current.__context__
    return None


def _first_line(message: str) -> str:
    return " ".join(message.split())[:300]
