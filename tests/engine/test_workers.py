"""run_tasks: every task comes back once with an outcome, and no worker outlives the run."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.engine import worker_tasks as tasks
from tests.engine.worker_tasks import Job
from vmscreen.engine.workers import Outcome, run_tasks

ROOT = Path(__file__).resolve().parents[2]


def _wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.02)
    return True


def _alive(pid: int) -> bool:
    """Whether the process runs; a zombie (dead, not yet reaped by its new parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return not sys.platform.startswith("linux")
    return "\nState:\tZ" not in status


def _pid(path: Path) -> int:
    return int(path.read_text())


@pytest.fixture(autouse=True)
def _no_worker_left() -> Iterator[None]:
    yield
    assert multiprocessing.active_children() == []


def test_every_argument_comes_back_once_with_its_value():
    arguments = [*range(12), 5]  # a repeated argument comes back twice

    results = list(run_tasks(tasks.square, arguments, jobs=2))

    assert Counter(argument for argument, _ in results) == Counter(arguments)
    for argument, outcome in results:
        assert outcome.kind == "done", outcome
        assert outcome.value is not None
        assert outcome.value[0] == argument * argument
        assert outcome.message == ""
    assert len({outcome.value[1] for _, outcome in results}) <= 2  # pids


def test_more_jobs_than_tasks_starts_only_as_many_workers_as_tasks():
    results, most_workers = {}, 0
    for argument, outcome in run_tasks(tasks.square, [1, 2, 3], jobs=8):
        results[argument] = outcome
        most_workers = max(most_workers, len(multiprocessing.active_children()))

    assert {argument: outcome.value[0] for argument, outcome in results.items()} == {
        1: 1, 2: 4, 3: 9
    }
    assert most_workers <= 3
    pids = {outcome.value[1] for outcome in results.values()}
    assert not any(_alive(pid) for pid in pids)  # none left behind


def test_no_tasks_no_workers():
    assert list(run_tasks(tasks.square, [], jobs=2)) == []


def test_a_raising_task_is_reported_and_its_worker_takes_the_next_tasks():
    results = list(run_tasks(tasks.square, [1, -7, 2, 3], jobs=1))

    assert [argument for argument, _ in results] == [1, -7, 2, 3]  # one worker: in order
    raised = results[1][1]
    assert raised == Outcome("raised", None, "ValueError: negative: -7")
    done = [outcome for argument, outcome in results if argument != -7]
    assert [outcome.kind for outcome in done] == ["done"] * 3
    assert len({outcome.value[1] for outcome in done}) == 1  # the same worker throughout


def test_a_worker_dying_mid_task_is_pinned_on_that_task_alone():
    results = dict(run_tasks(tasks.square_or_die, [1, 2, 3, 4, 5, 6], jobs=1))

    assert results[3].kind == "crashed"
    assert "exit code 3" in results[3].message
    assert results[4].kind == "crashed"
    assert "signal 9" in results[4].message
    assert {argument: outcome.value for argument, outcome in results.items()
            if outcome.kind == "done"} == {1: 1, 2: 4, 5: 25, 6: 36}


def test_a_task_over_its_time_limit_is_stopped_and_its_worker_killed_and_replaced(tmp_path):
    slow = Job(str(tmp_path / "slow.pid"), sleep_s=30)
    quick = [Job(str(tmp_path / f"{i}.pid")) for i in range(3)]
    start = time.monotonic()

    results = []
    for job, outcome in run_tasks(tasks.run_job, [slow, *quick], jobs=1, time_limit_s=1):
        if job == slow:
            assert outcome == Outcome("timeout", None, "stopped after 1 s")
            assert time.monotonic() - start < 15
            assert not _alive(_pid(Path(slow.pid_file)))
        results.append((job, outcome))

    assert [job for job, _ in results] == [slow, *quick]  # one worker at a time: in order
    slow_pid = _pid(Path(slow.pid_file))
    for _, outcome in results[1:]:
        assert outcome.kind == "done", outcome
        assert outcome.value.pid != slow_pid  # a fresh worker


def test_the_time_limit_does_not_count_the_worker_start_up():
    results = list(run_tasks(tasks.square, [1, 2], jobs=1, initializer=tasks.slow_initializer,
                             initarg=1.5, time_limit_s=1))

    assert [outcome.kind for _, outcome in results] == ["done", "done"]


def test_the_initializer_runs_once_in_each_worker_before_its_tasks():
    results = list(run_tasks(tasks.initialised_with, range(8), jobs=2,
                             initializer=tasks.remember, initarg="model"))

    assert len(results) == 8
    assert {outcome.value[1] for _, outcome in results} == {("model",)}
    assert len({outcome.value[0] for _, outcome in results}) <= 2


def test_a_raising_initializer_fails_the_tasks_instead_of_hanging():
    start = time.monotonic()

    results = list(run_tasks(tasks.square, [1, 2, 3], jobs=2,
                             initializer=tasks.broken_initializer))

    assert time.monotonic() - start < 20
    assert sorted(argument for argument, _ in results) == [1, 2, 3]
    for _, outcome in results:
        assert outcome == Outcome("raised", None, "initializer failed: RuntimeError: no model here")


class _ConsumerError(Exception):
    pass


@pytest.mark.parametrize("how", ["break", "raise"])
def test_leaving_the_loop_early_kills_every_worker(tmp_path, how):
    quick_pid, slow_pid = tmp_path / "quick.pid", tmp_path / "slow.pid"
    # The quick task waits until the slow one runs, so both workers are busy at the first result.
    jobs = [Job(str(quick_pid), wait_for=str(slow_pid)), Job(str(slow_pid), sleep_s=60)]

    try:
        for _, outcome in run_tasks(tasks.run_job, jobs, jobs=2):
            assert outcome.kind == "done"
            if how == "raise":
                raise _ConsumerError
            break
    except _ConsumerError:
        pass

    assert not _alive(_pid(quick_pid))
    assert not _alive(_pid(slow_pid))


def test_workers_die_soon_after_their_parent_is_sigkilled(tmp_path):
    pid_files = [tmp_path / "0.pid", tmp_path / "1.pid"]
    # The second worker undoes its PR_SET_PDEATHSIG: only its watchdog thread can end it.
    script = textwrap.dedent("""
        import sys
        from tests.engine.worker_tasks import Job, run_job
        from vmscreen.engine.workers import run_tasks

        jobs = [Job(sys.argv[1], sleep_s=60), Job(sys.argv[2], sleep_s=60, without_pdeathsig=True)]
        for _ in run_tasks(run_job, jobs, jobs=2):
            pass
    """)
    with open(tmp_path / "stderr", "wb") as stderr:
        parent = subprocess.Popen([sys.executable, "-c", script, *map(str, pid_files)],
                                  cwd=ROOT, stderr=stderr)
    pids: list[int] = []
    try:
        started = _wait_until(
            lambda: all(p.exists() for p in pid_files) or parent.poll() is not None, 30
        )
        assert started and parent.poll() is None, (tmp_path / "stderr").read_text()
        pids = [_pid(p) for p in pid_files]
        assert all(_alive(pid) for pid in pids)

        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()

        assert _wait_until(lambda: not any(_alive(pid) for pid in pids), 5)
    finally:
        parent.kill()
        parent.wait()
        for pid in pids:  # if the test failed: no sleeper outlives it
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_half_read_iterator_left_at_exit_does_not_hang_the_interpreter():
    # multiprocessing joins live children at exit: idle workers waiting for tasks would hang it.
    script = textwrap.dedent("""
        from tests.engine.worker_tasks import square
        from vmscreen.engine.workers import run_tasks

        results = run_tasks(square, [1, 2, 3], jobs=2)
        print(next(results)[1].kind)
    """)

    ran = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=30)

    assert (ran.returncode, ran.stdout) == (0, "done\n"), ran.stderr


def test_workers_ignore_sigint(tmp_path):
    pid_file, go = tmp_path / "worker.pid", tmp_path / "go"

    def interrupt_the_worker() -> None:
        if _wait_until(pid_file.exists, 30):
            os.kill(_pid(pid_file), signal.SIGINT)
        go.touch()

    handler = signal.getsignal(signal.SIGINT)
    interrupter = threading.Thread(target=interrupt_the_worker)
    interrupter.start()
    try:
        [(_, outcome)] = run_tasks(tasks.run_job, [Job(str(pid_file), wait_for=str(go))], jobs=1)
    finally:
        go.touch()
        interrupter.join()

    assert outcome.kind == "done", outcome
    assert outcome.value.sigint_ignored
    assert not outcome.value.sigint_blocked  # blocked only while the worker was spawned
    # The parent's own Ctrl-C handling is as it was.
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert signal.getsignal(signal.SIGINT) is handler


def test_bad_settings_are_refused_before_any_worker_starts():
    with pytest.raises(ValueError, match="jobs"):
        run_tasks(tasks.square, [1], jobs=0)
    with pytest.raises(ValueError, match="time_limit_s"):
        run_tasks(tasks.square, [1], jobs=1, time_limit_s=0)
    with pytest.raises((AttributeError, TypeError, ValueError)):  # a lambda does not pickle
        run_tasks(lambda x: x, [1], jobs=1)
