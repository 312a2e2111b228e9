"""Screen (or redact) many files in worker processes, surviving crashes, and resume
interrupted runs.

Each worker process builds one Screener (models load once per process) and screens files sent
to it. A native crash in a decoder kills only its worker: the files that were in flight are
screened again one at a time, and the one that crashes again becomes an ``UNS006`` result.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from vmscreen.catalogue import DETECTOR_FAILED, WORKER_CRASHED
from vmscreen.findings import CodeInfo
from vmscreen.media import Limits
from vmscreen.policy import Policy, default_policy
from vmscreen.redaction import Redaction
from vmscreen.result import Result
from vmscreen.screener import Screener
from vmscreen.zones import Zone


@dataclass(frozen=True)
class BatchSettings:
    """Everything a worker process needs to build its Screener. Picklable."""

    policy: Policy = field(default_factory=default_policy)
    zones: tuple[Zone, ...] = ()
    limits: Limits = field(default_factory=Limits)
    ocr: str = "ppocr"
    faces: str = "yunet"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every file below directories named, in a stable order.

    Files are not filtered by extension: content decides what is an image. Hidden files and
    folders below a named directory (.git, .DS_Store) are skipped; symlinked folders are not
    followed, so a link cycle cannot loop.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [Path(root) / name for name in files if not name.startswith(".")]
        yield from sorted(found)


# -- worker processes -------------------------------------------------------------------------

# Set once per worker process by the pool initializer; never touched by the parent.
_worker_screener: Screener | None = None


def _init_worker(settings: BatchSettings) -> None:
    global _worker_screener
    # One inference thread per worker: the workers themselves use the cores.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _worker_screener = Screener(settings.policy, zones=settings.zones, limits=settings.limits,
                                ocr=settings.ocr, faces=settings.faces, threads=1)


def _screen_in_worker(path: str) -> Result:
    assert _worker_screener is not None, "worker not initialised"
    return _worker_screener.screen(path)


def _redact_in_worker(path: str, destination: str, fill: bool) -> Redaction:
    assert _worker_screener is not None, "worker not initialised"
    return _worker_screener.redact(path, destination, fill=fill)


def _failure(path: str, settings: BatchSettings, code: CodeInfo, message: str) -> Result:
    return Result.decided(path, settings.policy, [code.finding("batch", 1.0, message)])


def _pool(jobs: int, settings: BatchSettings) -> ProcessPoolExecutor:
    # spawn: workers start clean, never inheriting the parent's threads or locks mid-use.
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(settings,))


T = TypeVar("T")

# A task: the worker function and its arguments, the first of which is the file's path.
Task = tuple[Callable[..., T], tuple[Any, ...]]


def _alone(task: Task[T], settings: BatchSettings) -> T | Result:
    """Run one suspect task in a pool of its own, so a crash is pinned on its file."""
    function, arguments = task
    with _pool(1, settings) as pool:
        try:
            return pool.submit(function, *arguments).result()
        except BrokenProcessPool:
            return _failure(arguments[0], settings, WORKER_CRASHED,
                            "the worker process screening this file died")
        except Exception as exc:  # noqa: BLE001 - one file's failure is its own
            return _failure(arguments[0], settings, DETECTOR_FAILED,
                            f"screening failed in the worker: {type(exc).__name__}")


def _run_tasks(tasks: Sequence[Task[T]], settings: BatchSettings, jobs: int
               ) -> Iterator[T | Result]:
    """Each task's answer, in completion order, from ``jobs`` worker processes; a Result with
    an unscreened finding for a task whose worker died or raised."""
    queue = deque(tasks)
    suspects: list[Task[T]] = []
    window = max(1, jobs) * 2  # few files in flight: a crash implicates only these
    while queue:
        pool = _pool(max(1, jobs), settings)
        inflight: dict[Future[T], Task[T]] = {}
        try:
            while queue or inflight:
                while queue and len(inflight) < window:
                    task = queue.popleft()
                    inflight[pool.submit(task[0], *task[1])] = task
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                crashed = False
                for future in done:
                    task = inflight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        crashed = True
                        suspects.append(task)
                    except Exception as exc:  # noqa: BLE001 - one file's failure is its own
                        yield _failure(task[1][0], settings, DETECTOR_FAILED,
                                       f"screening failed in the worker: {type(exc).__name__}")
                if crashed:
                    suspects.extend(inflight.values())
                    inflight.clear()
                    break  # start a fresh pool for the rest of the queue
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for task in suspects:
        yield _alone(task, settings)


def screen_files(
    paths: Sequence[str | Path], settings: BatchSettings, jobs: int
) -> Iterator[Result]:
    """Results for every path, in completion order, from ``jobs`` worker processes."""
    tasks: list[Task[Result]] = [(_screen_in_worker, (str(path),)) for path in paths]
    yield from _run_tasks(tasks, settings, jobs)  # type: ignore[misc]


def redact_files(
    pairs: Sequence[tuple[str | Path, str | Path]], settings: BatchSettings, jobs: int,
    *, fill: bool = False,
) -> Iterator[Redaction]:
    """Sanitised copies of each (source, destination) pair, in completion order."""
    tasks: list[Task[Redaction]] = [(_redact_in_worker, (str(source), str(destination), fill))
                                    for source, destination in pairs]
    for answer in _run_tasks(tasks, settings, jobs):
        if isinstance(answer, Result):  # the worker died or raised: nothing was written
            why = ", ".join(f.code for f in answer.errors)
            answer = Redaction(answer.path, None, 0, (), answer, skipped=f"not screened ({why})")
        yield answer


# -- resuming ---------------------------------------------------------------------------------


def read_finished(output: Path) -> list[Result]:
    """Results already written to a JSON Lines file.

    A torn last line (the run was killed mid-write) is cut off the file; a damaged line
    elsewhere is left in place but not trusted, so its file is screened again.
    """
    if not output.exists():
        return []
    data = output.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    finished: list[Result] = []
    for line in complete.splitlines():
        try:
            finished.append(Result.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            continue
    if len(complete) != len(data):
        with output.open("r+b") as handle:
            handle.truncate(len(complete))
    return finished


def path_key(path: str | Path) -> str:
    """How a path is matched on resume: absolute, so './a.jpg' and 'a.jpg' are one file."""
    return str(Path(path).resolve())
