"""Screen (or redact) many files in worker processes, surviving crashes and stuck files, and
resume interrupted runs.

Each worker process builds one Screener (models load once per process, one inference thread
each: the workers use the cores) and takes one file at a time. A native crash in a decoder
kills only its worker, and the file it held becomes an ``UNS006`` result; a file still running
shortly after its whole-file budget (``Limits.max_seconds``) is stopped with its worker and
becomes ``UNS008``. A fresh worker takes the next file, and workers never outlive the batch,
even when the process running it is killed (``vmscreen.engine.workers``).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from vmscreen.codes import DETECTOR_FAILED, FILE_TIMEOUT, WORKER_CRASHED
from vmscreen.engine.records import is_record
from vmscreen.engine.redaction import Redaction
from vmscreen.engine.screener import CLIP_BUDGET_TIMES, Screener
from vmscreen.engine.workers import run_tasks
from vmscreen.findings import CodeInfo
from vmscreen.media import Limits, Sampling
from vmscreen.media.containers import recognise
from vmscreen.policy import Policy, default_policy
from vmscreen.result import Result
from vmscreen.zones import Zone


@dataclass(frozen=True)
class BatchSettings:
    """Everything a worker process needs to build its Screener. Picklable."""

    policy: Policy = field(default_factory=default_policy)
    zones: tuple[Zone, ...] = ()
    limits: Limits = field(default_factory=Limits)
    ocr: str = "ppocr"
    faces: str = "yunet"
    sampling: Sampling = field(default_factory=Sampling)
    # The reference banks directory (vmscreen bank add); each worker reads it once.
    banks: Path | None = None
    # How long past the file's own budget its worker is left to answer before it is killed:
    # the screener starts no detector past the budget, and stops the one running at it, but a
    # native call cannot be interrupted.
    stop_grace_s: float = 30.0

    def screener(self, threads: int = 1) -> Screener:
        """The Screener these settings describe, its models on ``threads`` threads each."""
        return Screener(self.policy, zones=self.zones, limits=self.limits, ocr=self.ocr,
                        faces=self.faces, threads=threads, sampling=self.sampling,
                        banks=self.banks)

    def failure(self, path: str, code: CodeInfo, message: str) -> Result:
        """The result of a file whose screen was lost (its worker died, or ran out of time)."""
        return Result.decided(path, self.policy, [code.finding("batch", 1.0, message)])


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every file below directories named, in a stable order.

    Files are not filtered by extension: content decides what is an image. Hidden files and
    folders below a named directory (.git, .DS_Store) are skipped, and so are the records that
    sanitised copies carry beside them (``*.vmscreen.json``); symlinked folders are not
    followed, so a link cycle cannot loop. A file named twice (``scan dir dir/sub``, the same
    argument given twice) comes once, where it was first named.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found = [path]
        else:
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(root) / name for name in files
                          if not name.startswith(".") and not is_record(name)]
            found.sort()
        for file in found:
            if file not in seen:
                seen.add(file)
                yield file


# -- worker processes -------------------------------------------------------------------------

_M_ARENA_MAX = -8  # glibc's mallopt parameter for the number of heaps

# Set once per worker process by its initializer; never touched by the parent.
_worker_screener: Screener | None = None


def one_malloc_arena() -> None:
    """Let glibc keep one heap for the process. It gives each thread a heap of its own by
    default, and every detector runs in a thread: a worker's heaps grew, fragmented, to 1.2 GB
    over 80 photos of the real set, 0.5 GB with one heap (with the models' own arenas off,
    ``vmscreen.models.session_options``). A worker runs one detector at a time, so one heap
    costs no waiting. Elsewhere than glibc this does nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, 1)


def _init_worker(settings: BatchSettings) -> None:
    global _worker_screener
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    one_malloc_arena()
    # OpenCV runs its filters on every core by default: with one worker per core, that is two
    # threads per core fighting over it. The models already run on one thread each (threads=1).
    import cv2

    cv2.setNumThreads(1)
    _worker_screener = settings.screener(threads=1)


def _screen_in_worker(path: str) -> Result:
    assert _worker_screener is not None, "worker not initialised"
    return _worker_screener.screen(path)


def _redact_in_worker(task: tuple[str, str, bool]) -> Redaction:
    assert _worker_screener is not None, "worker not initialised"
    source, destination, fill = task
    return _worker_screener.redact(source, destination, fill=fill)


def task_seconds(path: str, limits: Limits) -> float:
    """How long a worker may take over one file. A video or audio file's budget grows with
    its length (up to ``CLIP_BUDGET_TIMES`` the file budget), which only the worker learns
    when it opens it; here only its first bytes are read (nothing is decoded in this process),
    and a file that starts like one gets the most its budget can be."""
    try:
        if not os.path.isfile(path):  # a pipe would block the opening; the worker refuses it
            return limits.max_seconds
        with open(path, "rb") as handle:
            head = handle.read(512)
    except (OSError, ValueError):
        return limits.max_seconds
    return limits.max_seconds * (CLIP_BUDGET_TIMES if recognise(head) else 1)


T = TypeVar("T")


def _run(function: Callable[[Any], T], tasks: Sequence[Any], path_of: Callable[[Any], str],
         settings: BatchSettings, jobs: int) -> Iterator[T | Result]:
    """Each task's answer, in completion order, from ``jobs`` worker processes; a Result with
    an unscreened finding for a task whose worker died, ran out of time or raised."""
    def limit(task: Any) -> float:
        return task_seconds(path_of(task), settings.limits) + settings.stop_grace_s

    for task, outcome in run_tasks(function, tasks, jobs=max(1, jobs),
                                   initializer=_init_worker, initarg=settings,
                                   time_limit_s=limit):
        path = path_of(task)
        if outcome.kind == "done":
            yield outcome.value  # type: ignore[misc]
        elif outcome.kind == "crashed":
            yield settings.failure(
                path, WORKER_CRASHED,
                f"the worker process screening this file died: {outcome.message}")
        elif outcome.kind == "timeout":
            yield settings.failure(path, FILE_TIMEOUT,
                                   f"stopped with its worker after {limit(task):g} s")
        else:
            yield settings.failure(path, DETECTOR_FAILED,
                                   f"screening failed in the worker: {outcome.message}")


def screen_files(
    paths: Sequence[str | Path], settings: BatchSettings, jobs: int
) -> Iterator[Result]:
    """Results for every path, in completion order, from ``jobs`` worker processes."""
    yield from _run(_screen_in_worker, [str(path) for path in paths], str,  # type: ignore[misc]
                    settings, jobs)


def redact_files(
    pairs: Sequence[tuple[str | Path, str | Path]], settings: BatchSettings, jobs: int,
    *, fill: bool = False,
) -> Iterator[Redaction]:
    """Sanitised copies of each (source, destination) pair, in completion order."""
    tasks = [(str(source), str(destination), fill) for source, destination in pairs]
    for answer in _run(_redact_in_worker, tasks, lambda task: task[0], settings, jobs):
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


def real_path(path: str | Path) -> Path:
    """``path`` made absolute with its links followed, like Path.resolve, except that a link
    loop is left as it is instead of raising: the file is then screened (and found unreadable)
    like any other."""
    return Path(os.path.realpath(path))


def input_holding(path: str | Path, inputs: Iterable[str | Path]) -> Path | None:
    """The input that ``path`` is, or lies inside (a folder), links followed; None when it lies
    outside them all. No command writes there."""
    target = real_path(path)
    for raw in inputs:
        root = real_path(raw)
        if target == root or root in target.parents:
            return Path(raw)
    return None


def path_key(path: str | Path) -> str:
    """How a path is matched on resume: absolute, so './a.jpg' and 'a.jpg' are one file."""
    return str(real_path(path))
