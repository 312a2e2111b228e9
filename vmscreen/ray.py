"""Distributed batch on Ray (the ``vmscreen[ray]`` extra): a Ray Dataset of paths or bytes
screened by a pool of actors, each holding one Screener for its whole life.

Rows are ``{"path": str}`` (each actor reads the file: on a cluster, the path must be on
storage every node sees; a ``location`` column, when there is one, is read instead and
``path`` only names the file) or ``{"bytes": ..., "path": str}`` as
``ray.data.read_binary_files(..., include_paths=True)`` gives them (the bytes travel in Ray's
object store). Each output row holds the file's ``path``, ``decision``, ``codes`` (the reasons'
codes, most severe first), ``unscreened`` (whether any part went unscreened) and ``result``,
the JSON object `vmscreen scan` writes. A screen never raises for bad media, so a bad file is
a row like any other. An actor that dies is restarted and its file tried again, RETRIES times;
a file that still kills its actor is skipped by Ray, and ``screen_paths`` gives it an
unscreened result (UNS006) instead, so no file is lost.

    import ray
    from vmscreen.ray import screen_dataset, write_jsonl

    ray.init(address="auto")
    paths = ray.data.from_items([{"path": p} for p in my_paths])
    results = screen_dataset(paths, actors=16, cpus_per_actor=1)
    write_jsonl(results, "results.jsonl")       # or results.write_parquet("s3://bucket/run/")
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray
from ray.util.annotations import RayDeprecationWarning

from vmscreen.codes import WORKER_CRASHED
from vmscreen.engine.batch import BatchSettings, path_key
from vmscreen.report import json_text, jsonl_line, utf8_text
from vmscreen.result import Result

# Arrow's strings are UTF-8: a file name whose bytes are not (Python holds them as lone
# surrogates) is in the path column as \xNN, and exactly in the result's JSON, as \udcNN.
RESULT_SCHEMA = pa.schema([("path", pa.string()), ("decision", pa.string()),
                           ("codes", pa.list_(pa.string())), ("unscreened", pa.bool_()),
                           ("result", pa.string())])
BATCH_SIZE = 1  # files per call: a file that kills its actor takes no other file with it
RETRIES = 2  # an actor that dies is restarted, and its file tried again, this many times


class ScreenBatch:
    """One actor of the pool: a Screener built once, its models on ``threads`` threads (the
    CPUs the actor holds), screening each batch it is given."""

    def __init__(self, settings: BatchSettings, threads: int) -> None:
        self.screener = settings.screener(threads=threads)

    def __call__(self, batch: dict[str, Any]) -> pa.Table:
        rows: dict[str, list[Any]] = {name: [] for name in RESULT_SCHEMA.names}
        contents, locations = batch.get("bytes"), batch.get("location")
        for index, name in enumerate(batch["path"]):
            name = str(name)
            source: bytes | str = (bytes(contents[index]) if contents is not None else
                                   str(locations[index]) if locations is not None else name)
            result = self.screener.screen(source, name=name)
            rows["path"].append(utf8_text(name))
            rows["decision"].append(result.decision.value)
            rows["codes"].append([reason.code for reason in result.reasons])
            rows["unscreened"].append(bool(result.errors))
            rows["result"].append(json_text(result.to_dict()))
        # Typed, so that a batch whose files have no codes (an empty list, which Arrow would
        # type as a list of nulls) joins the others.
        return pa.Table.from_pydict(rows, schema=RESULT_SCHEMA)


def screen_dataset(dataset: ray.data.Dataset, settings: BatchSettings | None = None, *,
                   actors: int | tuple[int, int] = 2, cpus_per_actor: int = 1,
                   batch_size: int = BATCH_SIZE) -> ray.data.Dataset:
    """The dataset's files screened on a pool of ``actors`` actors (or (least, most): Ray
    grows the pool as work waits), each holding ``cpus_per_actor`` CPUs and running its
    models on as many threads. Lazy, as Ray datasets are: nothing runs until it is read or
    written."""
    if "path" not in dataset.columns():
        raise ValueError("the dataset needs a 'path' column (and 'bytes', or readable paths)")
    # One file in flight per actor: Ray Data queues several tasks on an actor by default, and an
    # actor killed by one file took the files queued behind it down too, each such death
    # counting against their retries: a good file came back UNS006 beside the bad one.
    sizes = {"size": actors} if isinstance(actors, int) else {"min_size": actors[0],
                                                             "max_size": actors[1]}
    pool = ray.data.ActorPoolStrategy(**sizes, max_tasks_in_flight_per_actor=1)
    with warnings.catch_warnings():
        # Ray Data retries an actor's task without end by default, so a file that kills every
        # actor it meets would be tried for ever. Its only way to bound that, the actor's own
        # remote arguments, is deprecated from Ray 2.60 with nothing in its place before its
        # removal in 2.64: the ray extra pins Ray below that.
        warnings.simplefilter("ignore", RayDeprecationWarning)
        return dataset.map_batches(
            ScreenBatch, batch_size=batch_size, batch_format="numpy", compute=pool,
            num_cpus=cpus_per_actor,
            fn_constructor_kwargs={"settings": settings or BatchSettings(),
                                   "threads": cpus_per_actor},
            max_task_retries=RETRIES)


def results_of(screened: ray.data.Dataset) -> Iterator[Result]:
    """The results of a screened dataset, as they arrive at the driver."""
    for row in screened.iter_rows():
        yield Result.from_dict(json.loads(row["result"]))


def screen_paths(paths: Iterable[str | Path], settings: BatchSettings | None = None, *,
                 address: str | None = None, actors: int = 2, cpus_per_actor: int = 1,
                 ) -> Iterator[Result]:
    """Screen files on Ray, joining the cluster at ``address`` ("auto", "ray://head:10001")
    or starting a local instance (None), and yield each result as it arrives. Each file is
    read by an actor from its absolute path; results keep the path as given."""
    settings = settings or BatchSettings()
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, logging_level="WARNING", log_to_driver=False,
                 include_dashboard=False)
    # Ray Data's own lines (execution plans, timings) at INFO unless the user asked for them.
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "WARNING")
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the CLI has its own
    context.max_errored_blocks = -1  # a file that kills every actor it meets: see below
    try:
        names = [str(p) for p in paths]
        waiting = set(names)
        rows = [{"path": name, "location": path_key(name)} for name in names]
        if rows:
            for result in results_of(screen_dataset(ray.data.from_items(rows), settings,
                                                    actors=actors,
                                                    cpus_per_actor=cpus_per_actor)):
                waiting.discard(result.path)
                yield result
        for name in sorted(waiting):  # Ray gave up on it: it is not screened, never a pass
            yield settings.failure(name, WORKER_CRASHED,
                                   f"the Ray actor screening this file died {RETRIES + 1} "
                                   "times")
    finally:
        if started:
            ray.shutdown()


def write_jsonl(screened: ray.data.Dataset, output: str | Path) -> int:
    """Write one JSON Lines file at the driver, one line a file as `vmscreen scan` writes it
    (Ray's own ``write_json`` writes a folder of parts); returns how many files."""
    count = 0
    with Path(output).open("w", encoding="utf-8") as sink:
        for result in results_of(screened):
            sink.write(jsonl_line(result))
            count += 1
    return count
