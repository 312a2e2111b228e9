"""Task functions for test_workers.py, in a module of their own so that spawned workers import
them by one stable name, tests.engine.worker_tasks: pytest's importlib mode names the test module
itself "tests.engine.test_workers" or "engine.test_workers" depending on whether tests/engine has
an __init__.py, and workers could not import the second."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

_initialised_with: list[str] = []


def square(x: int) -> tuple[int, int]:
    """x squared and the worker's pid; a negative x raises ValueError."""
    if x < 0:
        raise ValueError(f"negative: {x}")
    return x * x, os.getpid()


def square_or_die(x: int) -> int:
    """x squared; 3 makes the worker exit with code 3, 4 has it SIGKILLed (as by the OOM killer)."""
    if x == 3:
        os._exit(3)
    if x == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


def remember(value: str) -> None:
    _initialised_with.append(value)


def initialised_with(_: object) -> tuple[int, tuple[str, ...]]:
    """The worker's pid and every value its initializer was called with."""
    return os.getpid(), tuple(_initialised_with)


def broken_initializer(_: object) -> None:
    raise RuntimeError("no model here")


def slow_initializer(seconds: float) -> None:
    time.sleep(seconds)


@dataclass(frozen=True)
class Job:
    """Write the worker's pid to pid_file, wait for the file wait_for to exist, sleep sleep_s."""

    pid_file: str
    sleep_s: float = 0.0
    wait_for: str | None = None
    # Undo the worker's PR_SET_PDEATHSIG, so that only its watchdog thread can end it.
    without_pdeathsig: bool = False


class Ran(NamedTuple):
    pid: int
    sigint_ignored: bool
    sigint_blocked: bool


def run_job(job: Job) -> Ran:
    if job.without_pdeathsig and sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)  # PR_SET_PDEATHSIG, no signal
    partial = Path(job.pid_file + ".partial")
    partial.write_text(str(os.getpid()))
    partial.replace(job.pid_file)  # the test never reads half a pid
    if job.wait_for is not None:
        end = time.monotonic() + 30
        while not Path(job.wait_for).exists() and time.monotonic() < end:
            time.sleep(0.02)
    time.sleep(job.sleep_s)
    blocked = set()
    with contextlib.suppress(AttributeError):
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return Ran(
        os.getpid(), signal.getsignal(signal.SIGINT) == signal.SIG_IGN, signal.SIGINT in blocked
    )
