"""Third-party detectors made on the fly: a module and the dist-info that registers it as a
``vmscreen.detectors`` entry point, in a folder a test puts on the import path."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write_plugin(root: Path, module: str, body: str, name: str) -> None:
    """Write ``module``.py holding ``body`` (its class ``Plugin`` is the detector) into
    ``root``, registered under ``name``."""
    (root / f"{module}.py").write_text(textwrap.dedent(body))
    dist = root / f"{module}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[vmscreen.detectors]\n{name} = {module}:Plugin\n")


def write_13_px_plugin(root: Path, name: str, on_13_px: str) -> None:
    """A detector ``name`` that runs the statement ``on_13_px`` on 13-pixel-wide images (the
    ``os`` and ``re`` modules at hand) and finds nothing anywhere."""
    write_plugin(root, f"{name.replace('-', '_')}_detector", f"""
        import os
        import re
        from vmscreen.detectors.base import DetectorInfo

        class Plugin:
            info = DetectorInfo(name="{name}", version="0.0.1", codes=())

            def detect(self, subject):
                if subject.frame.width == 13:
                    {on_13_px}
                return []
    """, name)
