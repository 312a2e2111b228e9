"""Shared test set-up: the evidence-hash key lives in a temporary folder, never in the home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# vmscreen.hashing.ENV_KEY_FILE and vmscreen.models.ENV_THREADS, without importing vmscreen
ENV_KEY_FILE = "VMSCREEN_HASH_KEY_FILE"
ENV_THREADS = "VMSCREEN_THREADS"


_MOST_WORKERS = 4  # each test worker loads the models once: about 1 GB


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown to pytest without it
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (the default, see pyproject.toml): one test worker per core this process
    may use, at most four."""
    return max(1, min(len(os.sched_getaffinity(0)), _MOST_WORKERS))


def pytest_configure(config: pytest.Config) -> None:
    """In a test worker, give each model the worker's share of the cores (VMSCREEN_THREADS,
    vmscreen.models.default_threads): left at every core, two workers on two cores would run
    four inference threads on them. Set in os.environ, so the processes a test starts inherit
    it. (Pinning each worker to a core was slower: the tests that start processes of their
    own, a batch of two workers, then had one core for all of them.)"""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers > 1 and not os.environ.get(ENV_THREADS):
        os.environ[ENV_THREADS] = str(max(1, len(os.sched_getaffinity(0)) // workers))


# Test files that take minutes of a worker: collected first, so that the workers start them
# at once and share the rest of the files out around them, rather than one worker still at
# them while the others are done (the floors started 278 s into a 574 s run).
_LONGEST_FIRST = ("tests/benchmarks/test_quality_floors.py", "tests/test_ray.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.partition("::")[0]
        return _LONGEST_FIRST.index(path) if path in _LONGEST_FIRST else len(_LONGEST_FIRST)

    items.sort(key=rank)  # stable: every other test keeps its place


@pytest.fixture(scope="session", autouse=True)
def _hash_key_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point VMSCREEN_HASH_KEY_FILE into this session's temporary folder, unless it is set.

    Set in os.environ itself (a session fixture cannot use monkeypatch), so that the worker
    processes batch tests spawn inherit it and share the key; restored at the end.
    """
    if os.environ.get(ENV_KEY_FILE):
        yield
        return
    os.environ[ENV_KEY_FILE] = str(tmp_path_factory.mktemp("vmscreen-config") / "hash-key")
    try:
        yield
    finally:
        os.environ.pop(ENV_KEY_FILE, None)


@pytest.fixture(scope="session")
def screener():
    """One Screener with the built-in detectors and policy, for tests that only screen with
    it (a module that needs another defines its own): its models load once for the whole
    session instead of once a test module. A Screener holds no state a screen changes."""
    from vmscreen import Screener

    return Screener()


@pytest.fixture(scope="session")
def sample_results():
    """Every bundled sample screened once by the default Screener with the samples' zones, as
    the README's sample scan runs: name -> Result, for the tests that check what they find."""
    from vmscreen import Screener, load_zones

    samples = Path(__file__).resolve().parents[1] / "samples"
    screener = Screener(zones=load_zones(samples / "zones.geojson"))
    return {path.name: screener.screen(path) for path in sorted((samples / "media").iterdir())}
