"""Public sample photos taken from registry packages, labelled in public_labels.csv.

scikit-image ships its sample images in its wheel (PyPI); Debian's opencv-doc package ships
OpenCV's. Both are installed by `pip install -e '.[bench]'` and `apt-get install opencv-doc`.
The files are copied into a cache folder outside the repository, never committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.labels import Label, read_labels

LABELS = Path(__file__).with_name("public_labels.csv")
OPENCV_DOC = Path("/usr/share/doc/opencv-doc/examples/data")


def _sources() -> dict[str, Path]:
    sources = {"opencv_doc": OPENCV_DOC}
    try:
        import skimage

        sources["skimage"] = Path(skimage.__file__).parent / "data"
    except ImportError:
        pass
    return sources


def fetch(cache_dir: Path) -> tuple[Path, list[Label]]:
    """Copy every labelled file into ``cache_dir``; FileNotFoundError names what is missing."""
    labels = read_labels(LABELS)
    sources = _sources()
    missing = []
    for label in labels:
        prefix, _, name = label.path.partition("/")
        source = sources.get(prefix, Path("/nonexistent")) / name
        target = cache_dir / label.path
        if target.exists():
            continue
        if not source.exists():
            missing.append(label.path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if missing:
        raise FileNotFoundError(
            f"{len(missing)} public samples missing (install scikit-image and Debian's "
            f"opencv-doc): {', '.join(missing[:5])}"
        )
    return cache_dir, labels
