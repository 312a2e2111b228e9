"""A process pool that never loses a task: every task comes back with an outcome.

concurrent.futures.ProcessPoolExecutor cannot stop one stuck worker, and a worker that dies
breaks the whole pool without saying which task killed it. Here each worker has exactly one task
in flight, so a crash or an overrun time limit is pinned on that task alone, and only that
worker is replaced.

Nothing here prints or logs, and outcome messages carry only exception types and messages, exit
codes, signals and seconds: task arguments and results may hold sensitive data.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from types import FrameType
from typing import Any, Generic, Literal, TypeVar

__all__ = ["Outcome", "OutcomeKind", "run_tasks"]

A = TypeVar("A")
R = TypeVar("R")
Init = TypeVar("Init")

OutcomeKind = Literal["done", "raised", "crashed", "timeout"]

_MESSAGE_LIMIT = 300
# Workers lost in a row with no task to blame (initializer raised, died starting or idle) before
# the pool stops replacing them and fails the tasks left: a broken initializer must not loop.
_MAX_LOSSES_IN_A_ROW = 3
_WATCH_INTERVAL_S = 0.5  # how often a worker checks that its parent is still there
_EXIT_GRACE_S = 5.0  # how long a worker told to stop may take before it is killed
_ORPHAN_EXIT_CODE = 70
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What became of one task; every task gets exactly one, whatever happened to its worker.

    kind is "done" (value is the task's return value), "raised" (the task, or the worker's
    initializer, raised), "crashed" (the worker process died) or "timeout" (the task overran
    time_limit_s and its worker was killed). message says what happened for all but "done".
    """

    kind: OutcomeKind
    value: R | None
    message: str


def run_tasks(
    function: Callable[[A], R],
    arguments: Iterable[A],
    *,
    jobs: int,
    initializer: Callable[[Init], None] | None = None,
    initarg: Init | None = None,
    time_limit_s: float | Callable[[A], float] | None = None,
) -> Iterator[tuple[A, Outcome[R]]]:
    """Run function(argument) for every argument in spawned worker processes, one task per worker
    at a time, yielding (argument, outcome) in completion order, every argument exactly once.

    function, initializer and every argument must pickle (module-level functions). initializer
    runs as initializer(initarg) once in each worker before it takes tasks; a task's time limit
    counts from when it is sent, so it is never charged the worker's start-up. A task overrunning
    time_limit_s is reported as "timeout" and its worker is killed (SIGKILL) and replaced.

    Workers are started by the thread that advances the iterator; on Linux they are killed when
    that thread ends (PR_SET_PDEATHSIG), so advance it from one thread that outlives it. Closing
    the iterator early (break, an exception in the consumer) kills and joins every worker; use
    contextlib.closing() where the iterator might otherwise outlive the loop.

    arguments is read to the end at once (jobs is capped at the number of tasks). Bad settings
    and a function, initializer or initarg that do not pickle raise here, at once.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if time_limit_s is not None and not callable(time_limit_s) and not time_limit_s > 0:
        raise ValueError(f"time_limit_s must be positive, not {time_limit_s}")
    tasks = list(arguments)
    # Pickled once, here: a function that does not pickle is the caller's error, raised now.
    setup = bytes(ForkingPickler.dumps((function, initializer, initarg)))
    return _run(setup, tasks, min(jobs, len(tasks)), time_limit_s)


def _run(
    setup: bytes, tasks: list[A], jobs: int, time_limit_s: float | Callable[[A], float] | None
) -> Iterator[tuple[A, Outcome[R]]]:
    """The generator behind run_tasks; its finally is what guarantees no worker outlives it."""
    if not tasks:
        return
    pool: _Pool[A, R] = _Pool(setup, jobs, time_limit_s)
    # Also at interpreter exit: multiprocessing joins live children then, and an idle worker of a
    # forgotten, half-read iterator would never exit by itself.
    atexit.register(pool.kill_all)
    finished = False
    try:
        yield from pool.run(tasks)
        finished = True
    finally:
        atexit.unregister(pool.kill_all)
        if finished:
            pool.stop_all()
        else:
            pool.kill_all()


@dataclass(eq=False)
class _Worker:
    """One worker process and the task it has in flight: the pool's mutable bookkeeping."""

    process: BaseProcess
    conn: Connection
    state: Literal["starting", "idle", "busy"] = "starting"
    argument: Any = None
    deadline: float | None = None
    limit: float = 0.0  # the seconds its task was given


# Outcomes settled in one round of the pool's loop.
_Finished = list[tuple[A, Outcome[R]]]


class _Pool(Generic[A, R]):
    """The parent's side: starts workers, hands out tasks, notices answers, deaths and overruns."""

    def __init__(self, setup: bytes, jobs: int,
                 time_limit_s: float | Callable[[A], float] | None) -> None:
        self._context = multiprocessing.get_context("spawn")  # workers start clean
        self._setup = setup
        self._jobs = jobs
        self._time_limit_s = time_limit_s
        self._workers: list[_Worker] = []
        self._leaving: list[BaseProcess] = []  # told to stop; joined at the end
        self._queue: deque[A] = deque()
        self._losses = 0  # workers lost in a row with no task to blame
        self._last_loss: tuple[OutcomeKind, str] = ("crashed", "no worker could be started")

    def run(self, tasks: list[A]) -> Iterator[tuple[A, Outcome[R]]]:
        self._queue.extend(tasks)
        remaining = len(tasks)
        while remaining:
            finished = self._dispatch()
            if not finished:
                finished = self._wait()
                # Hand out the next tasks before the consumer gets these results.
                finished += self._dispatch()
            remaining -= len(finished)
            yield from finished

    # Handing out tasks and starting workers.

    def _dispatch(self) -> _Finished[A, R]:
        finished: _Finished[A, R] = []
        for worker in list(self._workers):
            while worker.state == "idle" and worker in self._workers and self._queue:
                self._send_task(worker, self._queue.popleft(), finished)
        if not self._queue:
            for worker in [w for w in self._workers if w.state == "idle"]:
                self._retire(worker)
        while self._queue and self._should_start():
            self._start()
        if self._queue and not self._workers:
            # Not one worker left and none may be started: fail what is left, never loop.
            kind, message = self._last_loss
            finished += [(argument, Outcome(kind, None, message)) for argument in self._queue]
            self._queue.clear()
        return finished

    def _should_start(self) -> bool:
        waiting = sum(w.state != "busy" for w in self._workers)
        return (
            len(self._workers) < self._jobs
            and waiting < len(self._queue)
            and self._losses < _MAX_LOSSES_IN_A_ROW
        )

    def _send_task(self, worker: _Worker, argument: A, finished: _Finished[A, R]) -> None:
        try:
            payload = ForkingPickler.dumps(("task", argument))
        except Exception as error:  # noqa: BLE001 - this task's failure is its own
            message = f"argument could not be sent to the worker: {_describe(error)}"
            finished.append((argument, Outcome("raised", None, message)))
            return
        try:
            worker.conn.send_bytes(payload)
        except OSError:
            # The worker died while idle; the task never reached it, so it goes to another.
            self._queue.appendleft(argument)
            self._lose(worker, finished)
            return
        worker.state, worker.argument = "busy", argument
        if self._time_limit_s is not None:
            limit = (self._time_limit_s(argument) if callable(self._time_limit_s)
                     else self._time_limit_s)
            worker.deadline = time.monotonic() + limit
            worker.limit = limit

    def _start(self) -> None:
        parent_conn, child_conn = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, args=(child_conn, os.getpid()), name="run_tasks worker"
        )
        worker = _Worker(process, parent_conn)
        # Registered before it exists: however start() is interrupted, the cleanup finds it.
        self._workers.append(worker)
        if os.name == "posix":
            # multiprocessing starts its resource tracker at the first spawn, unblocking SIGINT as
            # it does, which would undo _sigint_held's block for this worker: start it first.
            resource_tracker.ensure_running()
        try:
            with _sigint_held():
                process.start()
        finally:
            child_conn.close()
        try:
            parent_conn.send_bytes(self._setup)
        except OSError:
            self._lose(worker, [])

    # Waiting for answers, deaths and deadlines.

    def _wait(self) -> _Finished[A, R]:
        finished: _Finished[A, R] = []
        if not self._workers:  # tasks left but nothing to wait for: a bug, never a hang
            raise RuntimeError("run_tasks has tasks in flight but no worker")
        deadlines = [w.deadline for w in self._workers if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        objects: list[Any] = [w.conn for w in self._workers]
        objects += [w.process.sentinel for w in self._workers]
        ready = set(wait(objects, timeout))
        for worker in list(self._workers):
            died = worker.process.sentinel in ready
            if died or worker.conn in ready:
                self._service(worker, finished, died)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.deadline is not None and worker.deadline <= now:
                self._service(worker, finished)  # an answer may have come in just in time
                if worker in self._workers and worker.state == "busy":
                    self._time_out(worker, finished)
        return finished

    def _service(self, worker: _Worker, finished: _Finished[A, R], died: bool = False) -> None:
        """Read what the worker sent (answers first: it may have died after answering); if it
        has died, settle its task."""
        gone = died
        while worker in self._workers:
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):
                gone = True
                break
            except Exception as error:  # noqa: BLE001 - the answer did not unpickle here
                message = ("raised", f"result could not be read back: {_describe(error)}")
            self._handle(worker, message, finished)
        if worker in self._workers and gone:
            self._lose(worker, finished)

    def _handle(self, worker: _Worker, message: tuple[str, Any], finished: _Finished[A, R]) -> None:
        tag, payload = message
        if tag == "ready":
            worker.state = "idle"
        elif tag == "init-failed":
            self._note_loss("raised", f"initializer failed: {payload}")
            self._remove(worker)
            _join_or_kill(worker.process, _EXIT_GRACE_S)  # it exits by itself
            _close(worker.process)
        elif worker.state == "busy":
            outcome: Outcome[R] = (
                Outcome("done", payload, "") if tag == "done" else Outcome("raised", None, payload)
            )
            finished.append((worker.argument, outcome))
            worker.state, worker.argument, worker.deadline = "idle", None, None
            self._losses = 0

    def _lose(self, worker: _Worker, finished: _Finished[A, R]) -> None:
        """The worker died: pin it on its task if it had one, else count it against restarts."""
        self._remove(worker)
        _join_or_kill(worker.process, 1.0)  # its pipe closed as it exited: no wait to speak of
        cause = _death_cause(worker.process.exitcode)
        if worker.state == "busy":
            message = f"worker process died ({cause})"
            finished.append((worker.argument, Outcome("crashed", None, message)))
        elif worker.state == "starting":
            self._note_loss("crashed", f"worker process died during start-up ({cause})")
        else:
            self._note_loss("crashed", f"worker process died while idle ({cause})")
        _close(worker.process)

    def _time_out(self, worker: _Worker, finished: _Finished[A, R]) -> None:
        self._remove(worker)
        _join_or_kill(worker.process, 0.0)
        message = f"stopped after {worker.limit:g} s"
        finished.append((worker.argument, Outcome("timeout", None, message)))
        _close(worker.process)

    def _note_loss(self, kind: OutcomeKind, message: str) -> None:
        self._losses += 1
        self._last_loss = (kind, message)

    def _remove(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        worker.conn.close()

    # Ending.

    def _retire(self, worker: _Worker) -> None:
        """Tell an idle worker to exit; it is joined at the end, not waited for now."""
        with contextlib.suppress(OSError):
            worker.conn.send(("stop", None))
        self._remove(worker)
        self._leaving.append(worker.process)

    def stop_all(self) -> None:
        """Normal completion: idle workers are told to exit, all are joined."""
        for worker in list(self._workers):
            if worker.state == "idle":
                self._retire(worker)
        self.kill_all(grace_s=_EXIT_GRACE_S)

    def kill_all(self, grace_s: float = 0.0) -> None:
        """Kill and join every worker, giving those told to stop grace_s to exit; safe to repeat."""
        doomed = []
        for worker in list(self._workers):
            self._remove(worker)
            if worker.process.ident is not None:
                worker.process.kill()  # all at once, then joined
            doomed.append(worker.process)
        end = time.monotonic() + grace_s
        for process in self._leaving:
            _join_or_kill(process, max(0.0, end - time.monotonic()))
            _close(process)
        self._leaving.clear()
        for process in doomed:
            _join_or_kill(process, 0.0)
            _close(process)


def _join_or_kill(process: BaseProcess, grace_s: float) -> None:
    """Join the process, killing it (SIGKILL) if it has not exited within grace_s."""
    if process.ident is None:  # never started
        return
    if grace_s > 0:
        process.join(grace_s)
    if process.exitcode is None:
        process.kill()
        process.join()


def _close(process: BaseProcess) -> None:
    """Release the process's sentinel and pipe at once rather than at garbage collection."""
    with contextlib.suppress(ValueError):  # still running: then it is left to the collector
        process.close()


def _death_cause(exitcode: int | None) -> str:
    if exitcode is None:
        return "exit status unknown"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
        return f"signal {-exitcode}, {name}"
    return f"exit code {exitcode}"


def _describe(error: BaseException) -> str:
    """'TypeName: message', cut to a bounded length; the exception object itself may not pickle."""
    try:
        text = f"{type(error).__name__}: {error}"
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the type
        text = type(error).__name__
    if len(text) > _MESSAGE_LIMIT:
        text = text[: _MESSAGE_LIMIT - 3] + "..."
    return text


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold Ctrl-C back while a worker is spawned; the parent gets it right after.

    SIGINT is blocked in this thread and the child inherits the mask, so a Ctrl-C during its
    start-up (imports can take seconds) stays pending until the worker ignores SIGINT, which
    discards it, rather than printing a KeyboardInterrupt traceback from every worker. In the main
    thread the Python handler is deferred too: a KeyboardInterrupt raised inside Process.start()
    would leave a half-started child that prints a traceback of its own.
    """
    held: list[FrameType | None] = []
    handler = None
    if threading.current_thread() is threading.main_thread():
        handler = signal.getsignal(signal.SIGINT)
        if callable(handler):
            signal.signal(signal.SIGINT, lambda _, frame: held.append(frame))
        else:
            handler = None  # SIG_IGN, SIG_DFL or not set from Python: nothing to defer
    mask = None
    if hasattr(signal, "pthread_sigmask"):
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if handler is not None:
            signal.signal(signal.SIGINT, handler)
            if held:
                handler(signal.SIGINT, held[0])


# The worker's side.


def _worker_main(conn: Connection, parent_pid: int) -> None:
    """A worker: set up, say it is ready, then answer one task at a time until told to stop."""
    # Ctrl-C reaches the whole foreground process group; the parent handles it and kills us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it spawned us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent_pid)
    try:
        function, initializer, initarg = pickle.loads(conn.recv_bytes())
        if initializer is not None:
            initializer(initarg)
    except Exception as error:  # noqa: BLE001 - reported, so the parent stops sending tasks here
        _send(conn, ("init-failed", _describe(error)))
        return
    if not _send(conn, ("ready", None)):
        return
    while True:
        try:
            tag, argument = conn.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        except Exception as error:  # noqa: BLE001 - the argument did not unpickle here
            reply: tuple[str, Any] = ("raised", _describe(error))
        else:
            if tag == "stop":
                return
            try:
                reply = ("done", function(argument))
            except Exception as error:  # noqa: BLE001 - the task's failure is its outcome
                reply = ("raised", _describe(error))
            del argument
        if not _send(conn, reply):
            return
        del reply


def _send(conn: Connection, message: tuple[str, Any]) -> bool:
    """Send to the parent; False if the parent has gone. A result that does not pickle is
    reported as the task raising."""
    try:
        payload = ForkingPickler.dumps(message)
    except Exception as error:  # noqa: BLE001 - the result's failure is the task's outcome
        text = f"result could not be sent back: {_describe(error)}"
        payload = ForkingPickler.dumps(("raised", text))
    try:
        conn.send_bytes(payload)
    except OSError:
        return False
    return True


def _die_with_parent(parent_pid: int) -> None:
    """Make this worker end soon after its parent, even when the parent was SIGKILLed and no
    cleanup code of its own ran.

    Both mechanisms, because neither is enough alone. Linux's PR_SET_PDEATHSIG has the kernel
    SIGKILL the worker at once, even while it is stuck in native code holding the GIL; but it is
    Linux-only, may fail, and fires when the *thread* that spawned the worker ends, not only the
    process (see run_tasks). The watchdog thread, comparing os.getppid() with the parent's pid,
    covers other POSIX systems and any case prctl misses, within _WATCH_INTERVAL_S, as long as
    the worker's Python code gets to run.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # best effort: the watchdog still covers us
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(_ORPHAN_EXIT_CODE)
    watchdog = threading.Thread(
        target=_watch_parent, args=(parent_pid,), name="run_tasks parent watchdog", daemon=True
    )
    watchdog.start()


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(_WATCH_INTERVAL_S)
        if os.getppid() != parent_pid:
            os._exit(_ORPHAN_EXIT_CODE)
