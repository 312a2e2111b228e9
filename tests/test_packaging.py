"""The wheel's package list: every vmscreen package, and the model files kept in models/."""

from __future__ import annotations

import sys
from pathlib import Path

from vmscreen.models import MANIFEST

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_in_the_source_tree_is_listed_for_the_wheel():
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for init in (ROOT / "vmscreen").rglob("__init__.py")}
    assert found | {"vmscreen.weights"} == set(_setuptools()["packages"])


def test_models_kept_in_the_repository_ship_as_package_data():
    settings = _setuptools()
    assert settings["package-dir"]["vmscreen.weights"] == "models"
    kept = [model for model in MANIFEST if model.package == "vmscreen.weights"]
    assert kept
    for model in kept:
        assert (ROOT / "models" / model.path).is_file()
        assert any(Path(model.path).match(pattern)
                   for pattern in settings["package-data"]["vmscreen.weights"])
        assert model.sha256 in (ROOT / "models" / "README.md").read_text()
