"""A full disk stops a run with its cause and the next step, no traceback; once space is freed, the rerun ends
where a clean run ends."""

import os
import subprocess

import pytest


@pytest.fixture
def small_disk(site):
    """The site's data folder on a 6 MB file system (a tmpfs; mounting needs root, as on the CI machine)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(site.data)], capture_output=True)
    if mounted.returncode != 0:  # root without CAP_SYS_ADMIN (an unprivileged container)
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield site
    finally:
        subprocess.run(["umount", "-l", str(site.data)], check=False)


def test_a_full_disk_is_named_with_the_next_step_and_the_rerun_after_freeing_space_equals_a_clean_run(
    small_disk, clean_run
):
    site = small_disk
    full = site.run()

    assert full.returncode == 1
    assert "磁盘空间不足或读写出错" in full.stderr and "the disk is full" in full.stderr
    assert "df -h" in full.stderr  # the next step
    assert "Traceback" not in full.stderr and "Traceback" not in full.stdout
    assert "不输出汇总" in full.stderr or "未运行" in full.stderr or "运行失败" in full.stderr  # no old counts as new

    subprocess.run(["mount", "-o", "remount,size=1g", str(site.data)], check=True)
    rerun = site.run()

    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert site.unfinished_runs() == []
    assert site.incomplete_publications() == []
    assert site.digest() == clean_run
