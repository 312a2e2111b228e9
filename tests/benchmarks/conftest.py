"""A small slice of the synthetic set, built once per test run."""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

import pytest

from benchmarks.labels import Label, read_labels
from benchmarks.sets import synthetic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FLOORS = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "benchmarks" / "floors.toml").read_text()
)


@pytest.fixture(scope="session")
def synthetic_slice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Label]]:
    """The CI slice (floors.toml), built by the first test worker that asks for it in the
    folder all the run's workers share, and read from its labels.csv by the others: a build
    takes half a minute of a core."""
    slice_ = FLOORS["synthetic-ci"]["slice"]
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # each worker's folder is inside the run's
    root = shared / "synthetic-slice"
    with open(shared / "synthetic-slice.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait for the build, then read it
        if (root / "labels.csv").exists():  # written last, once the set is whole
            return root, read_labels(root / "labels.csv")
        root.mkdir(exist_ok=True)
        return root, synthetic.build(root, seed=slice_["seed"], scale=slice_["scale"])
