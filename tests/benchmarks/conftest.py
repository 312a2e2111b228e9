"""A small slice of the synthetic set, built once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.labels import Label
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
    slice_ = FLOORS["synthetic-ci"]["slice"]
    root = tmp_path_factory.mktemp("synthetic")
    return root, synthetic.build(root, seed=slice_["seed"], scale=slice_["scale"])
